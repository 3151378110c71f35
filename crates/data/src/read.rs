//! The one way gapdash reads a file: data, themes, anything later. It looks at what the path
//! is before reading, opens without blocking, looks again at what it opened, and reads at most
//! a set number of bytes. A named pipe, a device, a socket or a folder is refused with a
//! one-line reason instead of being read, so nothing can hang or fill memory.

use std::fmt;
use std::fs::{self, File, Metadata};
use std::io::{self, Read};
use std::path::Path;

/// Why a file was not read.
#[derive(Debug)]
pub enum ReadError {
    NotFound,
    /// The path is something other than a regular file: what it is, in words.
    NotAFile(&'static str),
    /// Larger than the limit given, in bytes.
    TooLarge(u64),
    Io(io::Error),
}

impl fmt::Display for ReadError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            ReadError::NotFound => f.write_str("file not found"),
            ReadError::NotAFile(what) => {
                write!(
                    f,
                    "is {what}, not a regular file; gapdash reads only regular files"
                )
            }
            ReadError::TooLarge(limit) => write!(f, "file is too large (over {})", size(*limit)),
            ReadError::Io(e) => write!(f, "cannot read: {}", plain(e)),
        }
    }
}

impl std::error::Error for ReadError {}

impl From<io::Error> for ReadError {
    fn from(e: io::Error) -> ReadError {
        if e.kind() == io::ErrorKind::NotFound {
            ReadError::NotFound
        } else {
            ReadError::Io(e)
        }
    }
}

/// A size in the units a person would use for it.
fn size(bytes: u64) -> String {
    if bytes >= 1024 * 1024 && bytes.is_multiple_of(1024 * 1024) {
        format!("{} MB", bytes / (1024 * 1024))
    } else if bytes >= 1024 && bytes.is_multiple_of(1024) {
        format!("{} KB", bytes / 1024)
    } else {
        format!("{bytes} bytes")
    }
}

/// An I/O error without the "(os error N)" tail.
pub fn plain(e: &io::Error) -> String {
    let text = e.to_string();
    match text.find(" (os error") {
        Some(at) => text[..at].to_string(),
        None => text,
    }
}

/// What a non-regular file is, in words.
fn kind(meta: &Metadata) -> Option<&'static str> {
    let t = meta.file_type();
    if t.is_file() {
        None
    } else if t.is_dir() {
        Some("a folder")
    } else {
        Some(platform::special(&t).unwrap_or("not a regular file"))
    }
}

/// The bytes of the regular file at `path` (symbolic links followed), at most `limit` of
/// them.
pub fn read_file(path: &Path, limit: u64) -> Result<Vec<u8>, ReadError> {
    if let Some(what) = kind(&fs::metadata(path)?) {
        return Err(ReadError::NotAFile(what));
    }
    let file = platform::open(path)?;
    let meta = file.metadata()?;
    if let Some(what) = kind(&meta) {
        return Err(ReadError::NotAFile(what));
    }
    if meta.len() > limit {
        return Err(ReadError::TooLarge(limit));
    }
    read_capped(file, limit)
}

/// What the operating system adds: the kinds of special file it has, and an open that
/// cannot wait on one.
#[cfg(unix)]
mod platform {
    use std::fs::{File, FileType, OpenOptions};
    use std::io;
    use std::os::unix::fs::{FileTypeExt, OpenOptionsExt};
    use std::path::Path;

    /// A named pipe, a device or a socket, in words.
    pub fn special(t: &FileType) -> Option<&'static str> {
        if t.is_fifo() {
            Some("a named pipe (FIFO)")
        } else if t.is_char_device() {
            Some("a character device")
        } else if t.is_block_device() {
            Some("a block device")
        } else if t.is_socket() {
            Some("a socket")
        } else {
            None
        }
    }

    /// Non-blocking: if the path was swapped for a pipe since it was looked at, opening it
    /// must not wait for a writer. No controlling terminal from a device, either.
    pub fn open(path: &Path) -> io::Result<File> {
        OpenOptions::new()
            .read(true)
            .custom_flags(libc::O_NONBLOCK | libc::O_NOCTTY)
            .open(path)
    }
}

/// Windows has no FIFOs or device files in a folder: a path that is neither a file nor a
/// folder is refused by its metadata alone, and a plain open of a file never waits.
#[cfg(not(unix))]
mod platform {
    use std::fs::{File, FileType};
    use std::io;
    use std::path::Path;

    pub fn special(_: &FileType) -> Option<&'static str> {
        None
    }

    pub fn open(path: &Path) -> io::Result<File> {
        File::open(path)
    }
}

/// Reads at most `limit` bytes; one more means the file grew past it while being read.
fn read_capped(file: File, limit: u64) -> Result<Vec<u8>, ReadError> {
    let mut bytes = Vec::new();
    file.take(limit + 1).read_to_end(&mut bytes)?;
    if bytes.len() as u64 > limit {
        return Err(ReadError::TooLarge(limit));
    }
    Ok(bytes)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_regular_file_is_read() {
        let dir = tempfile::tempdir().expect("temp dir");
        let path = dir.path().join("a.toml");
        fs::write(&path, "x = 1\n").expect("write");
        assert_eq!(read_file(&path, 100).expect("read"), b"x = 1\n");
    }

    /// Made by the POSIX `mkfifo` program: std's own is not stable yet.
    #[cfg(unix)]
    fn fifo(path: &Path) {
        let made = std::process::Command::new("mkfifo")
            .arg(path)
            .status()
            .expect("run mkfifo");
        assert!(made.success(), "mkfifo {}: {made}", path.display());
    }

    #[cfg(unix)]
    #[test]
    fn a_named_pipe_is_refused_at_once() {
        let dir = tempfile::tempdir().expect("temp dir");
        let path = dir.path().join("penetration.toml");
        fifo(&path);
        let e = read_file(&path, 100).expect_err("a FIFO is refused");
        assert_eq!(
            e.to_string(),
            "is a named pipe (FIFO), not a regular file; gapdash reads only regular files"
        );
    }

    #[cfg(unix)]
    #[test]
    fn devices_are_refused() {
        let e = read_file(Path::new("/dev/zero"), 100).expect_err("a device is refused");
        assert!(e.to_string().starts_with("is a character device"), "{e}");
    }

    #[test]
    fn folders_are_refused() {
        let dir = tempfile::tempdir().expect("temp dir");
        let e = read_file(dir.path(), 100).expect_err("a folder is refused");
        assert!(e.to_string().starts_with("is a folder"), "{e}");
    }

    #[test]
    fn a_file_over_the_limit_is_refused() {
        let dir = tempfile::tempdir().expect("temp dir");
        let path = dir.path().join("big.toml");
        fs::write(&path, vec![b'x'; 2048]).expect("write");
        let e = read_file(&path, 1024).expect_err("too large");
        assert_eq!(e.to_string(), "file is too large (over 1 KB)");
        assert!(read_file(&path, 2048).is_ok(), "exactly the limit is fine");
    }

    #[test]
    fn a_missing_file_is_not_found() {
        let e = read_file(Path::new("/no/such/file.toml"), 100).expect_err("missing");
        assert!(matches!(e, ReadError::NotFound));
    }
}
