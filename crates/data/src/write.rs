//! A [`Report`] written back as the data files, in the shape the loader reads: each
//! figure's provenance (`confidence`, `derivation`, `source`) as plain keys of its own
//! table. Tests build data from structs with this instead of writing TOML by hand. And the
//! folders the files are written into checked first ([`refuse_links`]).

use std::fs;
use std::path::{Path, PathBuf};

use anyhow::bail;
use toml::{Table, Value};

use super::clean::clean;
use super::load::{PROVENANCE_KEYS, figure_tables};
use super::model::{QuoteFile, Report};

/// Refuses to write `files` into `dir` through a link: `dir` and each folder in it that a
/// file goes into (`i18n`) must be a folder or not there yet, never a link someone made
/// to send the files elsewhere, nor something else where a folder should be.
pub fn refuse_links(dir: &Path, files: &[(&str, &str)]) -> anyhow::Result<()> {
    // Each folder with its name as messages give it: DIR/NAME, with `/` on every OS.
    let top = clean(&dir.display().to_string()).into_owned();
    let mut folders: Vec<(PathBuf, String)> = vec![(dir.to_path_buf(), top.clone())];
    for (name, _) in files {
        let mut folder = Path::new(name).parent();
        while let Some(f) = folder.filter(|f| !f.as_os_str().is_empty()) {
            let path = dir.join(f);
            if !folders.iter().any(|(p, _)| *p == path) {
                let shown = format!(
                    "{}/{}",
                    top.trim_end_matches(std::path::is_separator),
                    clean(&f.to_string_lossy())
                );
                folders.push((path, shown));
            }
            folder = f.parent();
        }
    }
    for (folder, shown) in &folders {
        match fs::symlink_metadata(folder) {
            Ok(meta) if meta.file_type().is_symlink() => bail!(
                "{shown} is a link; data files are written into a folder itself, never through \
                 a link (give the folder it leads to); nothing was written"
            ),
            Ok(meta) if !meta.is_dir() => bail!("{shown} is not a folder; nothing was written"),
            Ok(_) => {}
            // Not a folder further up: named, rather than the error of making the folder.
            Err(_) => {
                if let Some(file) = folder
                    .ancestors()
                    .skip(1)
                    .find(|a| fs::symlink_metadata(a).is_ok_and(|m| !m.is_dir()))
                {
                    let shown = clean(&file.display().to_string()).into_owned();
                    bail!("{shown} is not a folder; nothing was written");
                }
            }
        }
    }
    Ok(())
}

/// The files as (name, TOML text), in the order of [`super::BUILTIN_FILES`].
pub fn files(report: &Report) -> Result<Vec<(&'static str, String)>, toml::ser::Error> {
    let quotes = QuoteFile {
        quotes: report.quotes.clone(),
    };
    let tables = [
        ("report.toml", Table::try_from(&report.headline)?),
        ("penetration.toml", Table::try_from(&report.penetration)?),
        ("sales.toml", Table::try_from(&report.sales)?),
        ("world.toml", Table::try_from(&report.world)?),
        ("quotes.toml", Table::try_from(&quotes)?),
        ("since.toml", Table::try_from(&report.since)?),
        ("i18n/en.toml", Table::try_from(&report.i18n.en)?),
        ("i18n/zh.toml", Table::try_from(&report.i18n.zh)?),
    ];
    // Notes are optional: a report without them is written without notes.toml.
    let notes = match &report.notes {
        Some(notes) => Some(("notes.toml", Table::try_from(notes)?)),
        None => None,
    };
    tables
        .into_iter()
        .chain(notes)
        .map(|(name, mut table)| {
            flatten_provenance(&mut table, name);
            Ok((name, toml::to_string(&table)?))
        })
        .collect()
}

/// The loader's nesting undone: each figure table's `provenance` keys moved up into it.
fn flatten_provenance(root: &mut Table, file: &str) {
    for path in figure_tables(file) {
        let keys: Vec<&str> = path.split('.').collect();
        flatten_at(root, &keys);
    }
}

/// Follows `keys` down from `table`, through every table of an array, and flattens the
/// tables at the end.
fn flatten_at(table: &mut Table, keys: &[&str]) {
    let Some((first, rest)) = keys.split_first() else {
        return;
    };
    let tables: Vec<&mut Table> = match table.get_mut(*first) {
        Some(Value::Array(items)) => items
            .iter_mut()
            .filter_map(|item| match item {
                Value::Table(t) => Some(t),
                _ => None,
            })
            .collect(),
        Some(Value::Table(t)) => vec![t],
        _ => Vec::new(),
    };
    for t in tables {
        if rest.is_empty() {
            flatten(t);
        } else {
            flatten_at(t, rest);
        }
    }
}

fn flatten(table: &mut Table) {
    if let Some(Value::Table(provenance)) = table.remove("provenance") {
        for key in PROVENANCE_KEYS {
            if let Some(value) = provenance.get(key) {
                table.insert(key.to_string(), value.clone());
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::builtin;
    use crate::load::{BUILTIN_FILES, load};

    #[cfg(unix)]
    #[test]
    fn a_link_where_a_folder_of_the_files_goes_is_refused() {
        use std::os::unix::fs::symlink;
        let tmp = tempfile::tempdir().expect("temp dir");
        let elsewhere = tmp.path().join("elsewhere");
        fs::create_dir(&elsewhere).expect("mkdir");
        let dir = tmp.path().join("mydata");
        refuse_links(&dir, &BUILTIN_FILES).expect("a new folder");
        fs::create_dir(&dir).expect("mkdir");
        refuse_links(&dir, &BUILTIN_FILES).expect("an empty folder");
        symlink(&elsewhere, dir.join("i18n")).expect("link");
        let e = refuse_links(&dir, &BUILTIN_FILES).expect_err("refused");
        assert!(
            e.to_string()
                .starts_with(&format!("{}/i18n is a link;", dir.display())),
            "{e}"
        );
        let linked = tmp.path().join("linked");
        symlink(&elsewhere, &linked).expect("link");
        let e = refuse_links(&linked, &BUILTIN_FILES).expect_err("refused");
        assert!(e.to_string().contains("linked is a link;"), "{e}");
    }

    #[test]
    fn a_file_where_a_folder_of_the_files_goes_is_refused() {
        let tmp = tempfile::tempdir().expect("temp dir");
        fs::write(tmp.path().join("i18n"), "x").expect("write");
        let e = refuse_links(tmp.path(), &BUILTIN_FILES).expect_err("refused");
        assert!(e.to_string().contains("i18n is not a folder"), "{e}");
        let inside = tmp.path().join("i18n").join("mydata");
        let e = refuse_links(&inside, &BUILTIN_FILES).expect_err("refused");
        let file = tmp.path().join("i18n");
        assert_eq!(
            e.to_string(),
            format!("{} is not a folder; nothing was written", file.display())
        );
    }

    #[test]
    fn the_built_in_report_written_out_reads_back_the_same() {
        let report = builtin().expect("built-in data");
        let files = files(&report).expect("serializes");
        let read = |name: &str| -> std::io::Result<Vec<u8>> {
            files
                .iter()
                .find(|(n, _)| *n == name)
                .map(|(_, text)| text.clone().into_bytes())
                .ok_or_else(|| std::io::ErrorKind::NotFound.into())
        };
        let again = load(read, "written").unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(again, report);
        let penetration = &files[1].1;
        assert!(penetration.contains("confidence = \"V\""), "{penetration}");
        assert!(!penetration.contains("provenance"), "{penetration}");
    }
}
