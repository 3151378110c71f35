//! Where the data comes from: the files compiled into the binary, or a folder the user edits
//! (`--data DIR`). The event loop keeps one to reload from; `init` writes the built-in files
//! out so editing starts from the real data.

use std::fs;
use std::io;
use std::path::{Path, PathBuf};
use std::time::SystemTime;

use anyhow::{Context, Result, bail};

use super::clean::clean;
use super::load::{self, BUILTIN_FILES, MAX_FILE_BYTES};
use super::model::Report;
use super::problem::{LoadError, Problem};
use super::read::{ReadError, plain, read_file};

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum DataSource {
    Builtin,
    Dir(PathBuf),
}

/// What a folder's files looked like at one moment: modification time and length of each.
/// Two different stamps mean something changed.
pub type Stamp = Vec<Option<(Option<SystemTime>, u64)>>;

impl DataSource {
    pub fn new(dir: Option<PathBuf>) -> DataSource {
        dir.map_or(DataSource::Builtin, DataSource::Dir)
    }

    /// Every file parsed and checked now, even the built-in ones (`gapdash check`).
    pub fn check(&self) -> Result<Report, LoadError> {
        match self {
            DataSource::Builtin => load::parse_builtin(),
            DataSource::Dir(_) => self.load(),
        }
    }

    /// Reads and checks every file; on failure, every problem found. The built-in data was
    /// checked at build time.
    pub fn load(&self) -> Result<Report, LoadError> {
        match self {
            DataSource::Builtin => load::builtin(),
            DataSource::Dir(dir) => {
                // One problem for the folder itself, rather than the same one per file.
                let problem = match fs::metadata(dir) {
                    Ok(meta) if meta.is_dir() => None,
                    Ok(_) => Some(
                        "is not a folder; --data takes a folder of data files (`gapdash init DIR` writes one)"
                            .to_string(),
                    ),
                    Err(e) if e.kind() == io::ErrorKind::NotFound => Some(
                        "folder not found (`gapdash init DIR` writes a complete set to start from)"
                            .to_string(),
                    ),
                    Err(e) => Some(format!("cannot read the folder: {}", plain(&e))),
                };
                match problem {
                    Some(message) => Err(LoadError {
                        problems: vec![Problem::file(&self.name(), message)],
                    }),
                    None => load::load(|name| read_data_file(&dir.join(name)), &self.name()),
                }
            }
        }
    }

    /// The folder as messages name it: `data` for the built-in files.
    pub fn name(&self) -> String {
        match self {
            DataSource::Builtin => "data".to_string(),
            DataSource::Dir(dir) => {
                let shown = dir.display().to_string();
                match shown.trim_end_matches(std::path::is_separator) {
                    "" => shown,
                    trimmed => trimmed.to_string(),
                }
            }
        }
    }

    /// The folder's stamp; the built-in files never change, so theirs is always empty.
    pub fn stamp(&self) -> Stamp {
        match self {
            DataSource::Builtin => Vec::new(),
            DataSource::Dir(dir) => BUILTIN_FILES
                .iter()
                .map(|(name, _)| {
                    let meta = fs::metadata(dir.join(name)).ok()?;
                    Some((meta.modified().ok(), meta.len()))
                })
                .collect(),
        }
    }
}

/// A data file's bytes through the one reader, its refusals kept as the error's message.
fn read_data_file(path: &Path) -> io::Result<Vec<u8>> {
    read_file(path, MAX_FILE_BYTES as u64).map_err(|e| match e {
        ReadError::NotFound => io::ErrorKind::NotFound.into(),
        ReadError::Io(e) => e,
        refusal => io::Error::other(refusal),
    })
}

/// Writes the built-in data files into `dir`, creating it: the whole set or nothing.
/// Refuses, writing nothing, when any of them exists already, unless `force`. The files are
/// written into a new folder beside `dir` first and moved into place only once all of them
/// are written, so a full disk or any other failure leaves nothing behind. Returns the
/// files written.
pub fn write_builtin(dir: &Path, force: bool) -> Result<Vec<PathBuf>> {
    write_files(dir, force, &BUILTIN_FILES, |path, text| {
        fs::write(path, text)
    })
}

/// [`write_builtin`] with the files and the way each is written given, so that a failure
/// part-way can be tested.
pub fn write_files(
    dir: &Path,
    force: bool,
    files: &[(&str, &str)],
    write: impl Fn(&Path, &str) -> io::Result<()>,
) -> Result<Vec<PathBuf>> {
    let shown = |p: &Path| clean(&p.display().to_string()).into_owned();
    match fs::metadata(dir) {
        Ok(meta) if !meta.is_dir() => bail!("{} exists and is not a folder", shown(dir)),
        _ => {}
    }
    super::write::refuse_links(dir, files)?;
    // A data file as `check` names it, DIR/NAME, with `/` on every OS (NAME has its own).
    let named = |name: &str| {
        let dir = shown(dir);
        format!("{}/{name}", dir.trim_end_matches(std::path::is_separator))
    };
    let paths: Vec<PathBuf> = files.iter().map(|(name, _)| dir.join(name)).collect();
    let existing: Vec<String> = files
        .iter()
        .filter(|(name, _)| fs::symlink_metadata(dir.join(name)).is_ok())
        .map(|(name, _)| named(name))
        .collect();
    if !force && !existing.is_empty() {
        bail!(
            "{} already exist{}; nothing was written (--force overwrites)",
            existing.join(", "),
            if existing.len() == 1 { "s" } else { "" }
        );
    }
    let parent = match dir.parent() {
        Some(p) if !p.as_os_str().is_empty() => p.to_path_buf(),
        _ => PathBuf::from("."),
    };
    fs::create_dir_all(&parent).with_context(|| format!("creating {}", shown(&parent)))?;
    let staging = staging_dir(&parent, dir)?;
    let written = (|| -> Result<()> {
        for (name, text) in files {
            let path = staging.join(name);
            if let Some(folder) = path.parent() {
                fs::create_dir_all(folder).with_context(|| format!("creating {}", named(name)))?;
            }
            write(&path, text).with_context(|| format!("writing {}", named(name)))?;
        }
        if fs::metadata(dir).is_err() {
            fs::rename(&staging, dir).with_context(|| format!("creating {}", shown(dir)))?;
            return Ok(());
        }
        super::write::refuse_links(dir, files)?;
        for (name, _) in files {
            if let Some(folder) = dir.join(name).parent() {
                fs::create_dir_all(folder)
                    .with_context(|| format!("creating {}", shown(folder)))?;
            }
            fs::rename(staging.join(name), dir.join(name))
                .with_context(|| format!("writing {}", named(name)))?;
        }
        Ok(())
    })();
    // Whatever happened, the staging folder goes (it is already gone if it was renamed).
    let _ = fs::remove_dir_all(&staging);
    written?;
    Ok(paths)
}

/// A new, empty folder beside `dir` to write into first.
fn staging_dir(parent: &Path, dir: &Path) -> Result<PathBuf> {
    let name = dir
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_else(|| "data".to_string());
    for attempt in 0..100u32 {
        let staging = parent.join(format!(
            ".{name}.gapdash-init-{}-{attempt}",
            std::process::id()
        ));
        match fs::create_dir(&staging) {
            Ok(()) => return Ok(staging),
            Err(e) if e.kind() == io::ErrorKind::AlreadyExists => continue,
            Err(e) => {
                return Err(e).with_context(|| {
                    format!(
                        "creating a folder in {}",
                        clean(&parent.display().to_string())
                    )
                });
            }
        }
    }
    bail!("could not create a staging folder in {}", parent.display())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn init_writes_every_file_into_a_new_folder() {
        let tmp = tempfile::tempdir().expect("temp dir");
        let dir = tmp.path().join("mydata");
        let written = write_builtin(&dir, false).expect("written");
        assert_eq!(written.len(), BUILTIN_FILES.len());
        for (name, text) in BUILTIN_FILES {
            assert_eq!(fs::read_to_string(dir.join(name)).expect("read"), text);
        }
        let left: Vec<_> = fs::read_dir(tmp.path()).expect("list").collect();
        assert_eq!(left.len(), 1, "only mydata, no staging folder: {left:?}");
    }

    #[test]
    fn a_failed_write_leaves_nothing_behind() {
        let tmp = tempfile::tempdir().expect("temp dir");
        for existing in [false, true] {
            let dir = tmp.path().join(format!("mydata-{existing}"));
            if existing {
                fs::create_dir(&dir).expect("mkdir");
                fs::write(dir.join("mine.txt"), "keep").expect("write");
            }
            let n = std::cell::Cell::new(0);
            let full_disk = |path: &Path, text: &str| {
                n.set(n.get() + 1);
                if n.get() == 3 {
                    return Err(io::Error::from(io::ErrorKind::StorageFull));
                }
                fs::write(path, text)
            };
            let e = write_files(&dir, false, &BUILTIN_FILES, full_disk).expect_err("fails");
            let full = io::Error::from(io::ErrorKind::StorageFull);
            assert!(format!("{e:#}").contains(&full.to_string()), "{e:#}");
            let names: Vec<String> = fs::read_dir(tmp.path())
                .expect("list")
                .map(|e| e.expect("entry").file_name().to_string_lossy().into_owned())
                .filter(|n| n.starts_with('.'))
                .collect();
            assert!(names.is_empty(), "no staging folder left: {names:?}");
            if existing {
                let inside: Vec<_> = fs::read_dir(&dir).expect("list").collect();
                assert_eq!(inside.len(), 1, "only the user's own file: {inside:?}");
            } else {
                assert!(!dir.exists(), "no half-written folder");
            }
        }
    }

    #[test]
    fn existing_files_are_kept_unless_forced() {
        let tmp = tempfile::tempdir().expect("temp dir");
        let dir = tmp.path().join("mydata");
        write_builtin(&dir, false).expect("first");
        fs::write(dir.join("sales.toml"), "edited").expect("edit");
        let e = write_builtin(&dir, false).expect_err("refused");
        assert!(e.to_string().contains("already exist"), "{e}");
        assert_eq!(
            fs::read_to_string(dir.join("sales.toml")).expect("read"),
            "edited"
        );
        write_builtin(&dir, true).expect("forced");
        assert_ne!(
            fs::read_to_string(dir.join("sales.toml")).expect("read"),
            "edited"
        );
    }
}
