//! The handouts' folder: looked at before anything is made, then written all at once. Each
//! file is written under a new name no one can guess or prepare (created exclusively, so
//! never through a link), and all are renamed into place only once every one is on the
//! disk. A file already there is replaced only if an earlier export wrote it (the list in
//! [`MANIFEST`]) or the user says so (`--force`).

use std::collections::BTreeSet;
use std::fs::{self, File, Metadata};
use std::io::{self, Write};
use std::path::{Path, PathBuf};

use anyhow::{Context, Result, bail};
use tempfile::NamedTempFile;

use gapdash_data::clean::clean;
use gapdash_data::read::read_file;

/// The list of the files exports wrote into a folder, which a later export may replace.
pub const MANIFEST: &str = ".gapdash-export";
const MANIFEST_HEAD: &str =
    "# The files gapdash export wrote here; a later export replaces them without --force.\n";
/// Far more than the names of every file an export writes.
const MANIFEST_BYTES: u64 = 64 * 1024;

fn shown(path: &Path) -> String {
    clean(&path.display().to_string()).into_owned()
}

/// What a path that is not a folder is, in words.
fn what(meta: &Metadata) -> &'static str {
    let t = meta.file_type();
    if t.is_file() {
        return "a file";
    }
    #[cfg(unix)]
    {
        use std::os::unix::fs::FileTypeExt;
        if t.is_char_device() || t.is_block_device() {
            return "a device";
        }
        if t.is_fifo() {
            return "a named pipe";
        }
        if t.is_socket() {
            return "a socket";
        }
    }
    "not a folder"
}

/// Refuses `dir` when it is there but is a link or not a folder; true when it is there.
fn folder_is_there(dir: &Path) -> Result<bool> {
    match fs::symlink_metadata(dir) {
        Ok(meta) if meta.file_type().is_symlink() => bail!(
            "{} is a link; handouts are written into a folder itself, never through a link \
             (give the folder it leads to)",
            shown(dir)
        ),
        Ok(meta) if !meta.is_dir() => bail!("{} is {}, not a folder", shown(dir), what(&meta)),
        Ok(_) => Ok(true),
        Err(e) if e.kind() == io::ErrorKind::NotFound => Ok(false),
        Err(e) => Err(e).with_context(|| format!("creating the folder {}", shown(dir))),
    }
}

/// The names an earlier export listed in `dir`; none when there is no list, or when what is
/// there is not a file (a link someone made is not trusted).
fn listed(dir: &Path) -> Result<Option<BTreeSet<String>>> {
    let path = dir.join(MANIFEST);
    match fs::symlink_metadata(&path) {
        Ok(meta) if meta.is_file() => {}
        _ => return Ok(None),
    }
    let bytes =
        read_file(&path, MANIFEST_BYTES).with_context(|| format!("reading {}", shown(&path)))?;
    Ok(Some(
        String::from_utf8_lossy(&bytes)
            .lines()
            .filter(|l| !l.is_empty() && !l.starts_with('#'))
            .map(str::to_string)
            .collect(),
    ))
}

/// Looks at the folder before anything is made: refuses a link or something else where the
/// folder should be, a folder where a file is to go, and a file no export wrote unless
/// `force`. Returns the names the folder's list holds, to keep in the new one.
pub fn check(dir: &Path, names: &[&str], force: bool) -> Result<BTreeSet<String>> {
    if !folder_is_there(dir)? {
        return Ok(BTreeSet::new());
    }
    let listed = listed(dir)?;
    let ours = |name: &str| {
        listed
            .as_ref()
            .is_some_and(|names| name == MANIFEST || names.contains(name))
    };
    let mut foreign = Vec::new();
    for &name in names.iter().chain(&[MANIFEST]) {
        let path = dir.join(name);
        match fs::symlink_metadata(&path) {
            Ok(meta) if meta.is_dir() => {
                bail!("{} is a folder; nothing was written", shown(&path))
            }
            Ok(_) if force || ours(name) => {}
            Ok(_) => foreign.push(shown(&path)),
            Err(e) if e.kind() == io::ErrorKind::NotFound => {}
            Err(e) => return Err(e).with_context(|| format!("looking at {}", shown(&path))),
        }
    }
    match foreign.len() {
        0 => Ok(listed.unwrap_or_default()),
        1 => bail!(
            "{} is already there and no earlier export wrote it; nothing was written \
             (--force replaces it)",
            foreign[0]
        ),
        _ => bail!(
            "{} are already there and no earlier export wrote them; nothing was written \
             (--force replaces them)",
            foreign.join(", ")
        ),
    }
}

/// Writes and flushes one file to the disk, so a full disk shows here and not later.
pub fn sync(file: &mut File, bytes: &[u8]) -> io::Result<()> {
    file.write_all(bytes)?;
    file.sync_all()
}

/// A new file in `dir` under a random name, created exclusively, readable as any file the
/// user makes (the umask decides), and removed when dropped unless persisted.
fn temporary(dir: &Path) -> io::Result<NamedTempFile> {
    let mut builder = tempfile::Builder::new();
    builder.prefix(".gapdash-").suffix(".tmp");
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        builder.permissions(fs::Permissions::from_mode(0o666));
    }
    builder.tempfile_in(dir)
}

/// Writes `files` into `dir` (made if missing) with `write`: everything checked again, every
/// file written under a temporary name, then all renamed into place, the list of the
/// folder's export files first. A failure before the renames (a full disk) leaves the folder
/// as it was. Returns the files' paths.
pub fn write_all(
    dir: &Path,
    files: &[(String, Vec<u8>)],
    force: bool,
    write: impl Fn(&mut File, &[u8]) -> io::Result<()>,
) -> Result<Vec<PathBuf>> {
    let names: Vec<&str> = files.iter().map(|(name, _)| name.as_str()).collect();
    let earlier = check(dir, &names, force)?;
    fs::create_dir_all(dir).with_context(|| format!("creating the folder {}", shown(dir)))?;
    // Made just now, or swapped since it was looked at: a link is refused all the same.
    folder_is_there(dir)?;
    let mut list: BTreeSet<&str> = earlier
        .iter()
        .map(String::as_str)
        .filter(|name| dir.join(name).is_file())
        .collect();
    list.extend(&names);
    let mut manifest = MANIFEST_HEAD.to_string();
    for name in list {
        manifest.push_str(name);
        manifest.push('\n');
    }
    let manifest = (MANIFEST.to_string(), manifest.into_bytes());
    let mut staged = Vec::new();
    for (name, bytes) in std::iter::once(&manifest).chain(files) {
        let path = dir.join(name);
        let mut file = temporary(dir).with_context(|| format!("writing {}", shown(&path)))?;
        write(file.as_file_mut(), bytes).with_context(|| format!("writing {}", shown(&path)))?;
        staged.push((file, path));
    }
    let mut placed: Vec<PathBuf> = Vec::new();
    for (file, path) in staged {
        if let Err(e) = file.persist(&path) {
            let before = match placed.len() {
                0 => String::new(),
                _ => format!(
                    " (already replaced: {})",
                    placed
                        .iter()
                        .map(|p| shown(p))
                        .collect::<Vec<_>>()
                        .join(", ")
                ),
            };
            return Err(e.error).with_context(|| format!("writing {}{before}", shown(&path)));
        }
        placed.push(path);
    }
    // The list is not one of the handout's files.
    placed.remove(0);
    Ok(placed)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn files(names: &[&str]) -> Vec<(String, Vec<u8>)> {
        names
            .iter()
            .map(|n| (n.to_string(), format!("new {n}").into_bytes()))
            .collect()
    }

    fn listing(dir: &Path) -> Vec<String> {
        let mut names: Vec<String> = fs::read_dir(dir)
            .expect("list")
            .map(|e| e.expect("entry").file_name().to_string_lossy().into_owned())
            .collect();
        names.sort();
        names
    }

    #[test]
    fn a_failed_write_leaves_the_folder_as_it_was() {
        let tmp = tempfile::tempdir().expect("temp dir");
        let dir = tmp.path().join("handout");
        fs::create_dir(&dir).expect("mkdir");
        write_all(&dir, &files(&["index.html"]), false, sync).expect("first export");
        let n = std::cell::Cell::new(0);
        let full_disk = |file: &mut File, bytes: &[u8]| {
            n.set(n.get() + 1);
            if n.get() == 4 {
                return Err(io::Error::from(io::ErrorKind::StorageFull));
            }
            sync(file, bytes)
        };
        let e = write_all(
            &dir,
            &files(&["a.svg", "b.svg", "index.html"]),
            false,
            full_disk,
        )
        .expect_err("the disk is full");
        let message = format!("{e:#}");
        let named = Path::new("handout").join("index.html");
        let full = io::Error::from(io::ErrorKind::StorageFull);
        assert!(
            message.ends_with(&format!("{}: {full}", named.display())),
            "{message}"
        );
        assert_eq!(listing(&dir), [MANIFEST, "index.html"]);
        assert_eq!(
            fs::read_to_string(dir.join("index.html")).expect("read"),
            "new index.html"
        );
        assert!(
            fs::read_to_string(dir.join(MANIFEST))
                .expect("read")
                .ends_with("\nindex.html\n")
        );
    }

    #[test]
    fn files_no_export_wrote_are_replaced_only_when_forced() {
        let tmp = tempfile::tempdir().expect("temp dir");
        let dir = tmp.path();
        fs::write(dir.join("index.html"), "the user's own page").expect("write");
        fs::write(dir.join("handout.pdf"), "the user's own PDF").expect("write");
        let e = write_all(
            dir,
            &files(&["a.svg", "handout.pdf", "index.html"]),
            false,
            sync,
        )
        .expect_err("refused");
        let message = format!("{e:#}");
        assert!(
            message.contains("handout.pdf, ") && message.contains("index.html are already there"),
            "{message}"
        );
        assert!(message.ends_with("(--force replaces them)"), "{message}");
        assert_eq!(
            listing(dir),
            ["handout.pdf", "index.html"],
            "nothing written"
        );

        write_all(dir, &files(&["a.svg", "index.html"]), true, sync).expect("forced");
        assert_eq!(
            fs::read_to_string(dir.join("index.html")).expect("read"),
            "new index.html"
        );
        // What the forced export wrote is now the exports' own; the user's PDF is not.
        write_all(dir, &files(&["a.svg", "index.html"]), false, sync).expect("again");
        let e = write_all(dir, &files(&["handout.pdf"]), false, sync).expect_err("refused");
        assert!(
            format!("{e:#}").contains("handout.pdf is already there"),
            "{e:#}"
        );
        // An earlier export's file that this one does not write stays on the list.
        write_all(dir, &files(&["handout.pdf"]), true, sync).expect("forced");
        write_all(dir, &files(&["a.svg"]), false, sync).expect("a.svg");
        write_all(dir, &files(&["index.html", "handout.pdf"]), false, sync).expect("both ours");
    }

    #[test]
    fn a_folder_where_a_file_goes_is_refused_even_when_forced() {
        let tmp = tempfile::tempdir().expect("temp dir");
        fs::create_dir(tmp.path().join("index.html")).expect("mkdir");
        let e = write_all(tmp.path(), &files(&["index.html"]), true, sync).expect_err("refused");
        assert!(format!("{e:#}").ends_with("index.html is a folder; nothing was written"));
    }

    #[test]
    fn what_is_not_a_folder_is_named() {
        let tmp = tempfile::tempdir().expect("temp dir");
        let file = tmp.path().join("notes.txt");
        fs::write(&file, "x").expect("write");
        let e = check(&file, &["a.svg"], true).expect_err("refused");
        assert_eq!(
            e.to_string(),
            format!("{} is a file, not a folder", file.display())
        );
        #[cfg(unix)]
        {
            let e = check(Path::new("/dev/full"), &["a.svg"], true).expect_err("refused");
            assert_eq!(e.to_string(), "/dev/full is a device, not a folder");
        }
    }

    #[cfg(unix)]
    #[test]
    fn links_are_refused_where_the_folder_is_and_replaced_where_a_file_is() {
        use std::os::unix::fs::symlink;
        let tmp = tempfile::tempdir().expect("temp dir");
        let elsewhere = tmp.path().join("elsewhere");
        fs::create_dir(&elsewhere).expect("mkdir");
        let link = tmp.path().join("handout");
        symlink(&elsewhere, &link).expect("link");
        let e = write_all(&link, &files(&["a.svg"]), true, sync).expect_err("refused");
        assert!(e.to_string().contains("handout is a link"), "{e}");
        assert!(listing(&elsewhere).is_empty());

        // A link where a file goes is replaced, never written through.
        let dir = tmp.path().join("real");
        fs::create_dir(&dir).expect("mkdir");
        let target = elsewhere.join("precious");
        fs::write(&target, "keep").expect("write");
        symlink(&target, dir.join("a.svg")).expect("link");
        let e = write_all(&dir, &files(&["a.svg"]), false, sync).expect_err("not ours");
        assert!(format!("{e:#}").contains("a.svg is already there"), "{e:#}");
        write_all(&dir, &files(&["a.svg"]), true, sync).expect("forced");
        assert_eq!(fs::read_to_string(&target).expect("read"), "keep");
        assert!(!dir.join("a.svg").is_symlink());
        // A list that is a link is not trusted.
        let list = elsewhere.join("list");
        fs::write(&list, "a.svg\n").expect("write");
        let other = tmp.path().join("other");
        fs::create_dir(&other).expect("mkdir");
        fs::write(other.join("a.svg"), "the user's").expect("write");
        symlink(&list, other.join(MANIFEST)).expect("link");
        let e = write_all(&other, &files(&["a.svg"]), false, sync).expect_err("not trusted");
        assert!(format!("{e:#}").contains("are already there"), "{e:#}");
    }

    #[test]
    fn temporary_names_are_new_each_time_and_never_left_behind() {
        let tmp = tempfile::tempdir().expect("temp dir");
        let a = temporary(tmp.path()).expect("a");
        let b = temporary(tmp.path()).expect("b");
        assert_ne!(a.path(), b.path());
        let name = a.path().file_name().expect("name").to_string_lossy();
        assert!(
            name.starts_with(".gapdash-") && name.ends_with(".tmp"),
            "{name}"
        );
        drop((a, b));
        assert!(listing(tmp.path()).is_empty());
    }
}
