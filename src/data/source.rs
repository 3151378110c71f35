//! Where the data comes from: the files compiled into the binary, or a folder the user edits
//! (`--data DIR`). The event loop keeps one to reload from; `init` writes the built-in files
//! out so editing starts from the real data.

use std::fs;
use std::io;
use std::path::{Path, PathBuf};
use std::time::SystemTime;

use anyhow::{Context, Result, bail};

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

    /// Reads and checks every file; on failure, every problem found.
    pub fn load(&self) -> Result<Report, LoadError> {
        match self {
            DataSource::Builtin => load::load(load::builtin_bytes, "data"),
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
                match shown.trim_end_matches('/') {
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

/// Writes the built-in data files into `dir`, creating it. Refuses, writing nothing, when
/// any of them exists already, unless `force`. Returns the files written.
pub fn write_builtin(dir: &Path, force: bool) -> Result<Vec<PathBuf>> {
    fs::create_dir_all(dir).with_context(|| format!("creating {}", dir.display()))?;
    let paths: Vec<PathBuf> = BUILTIN_FILES
        .iter()
        .map(|(name, _)| dir.join(name))
        .collect();
    let existing: Vec<String> = paths
        .iter()
        .filter(|p| p.exists())
        .map(|p| p.display().to_string())
        .collect();
    if !force && !existing.is_empty() {
        bail!(
            "{} already exist{}; nothing was written (--force overwrites)",
            existing.join(", "),
            if existing.len() == 1 { "s" } else { "" }
        );
    }
    for (path, (_, text)) in paths.iter().zip(BUILTIN_FILES) {
        fs::write(path, text).with_context(|| format!("writing {}", path.display()))?;
    }
    Ok(paths)
}
