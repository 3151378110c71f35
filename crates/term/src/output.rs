//! Writing to stdout and stderr for the commands that print (`snapshot`, `check`, `init`,
//! errors). A closed pipe ends the program quietly, as `cat` does (`gapdash snapshot … |
//! head -1`); a full disk or any other write error is one line on stderr and a non-zero
//! exit, never a panic.

use std::io::{self, Write};

use anyhow::{Context, Result};

/// Writes `text` to stdout and flushes it. A reader that went away ends the program as
/// SIGPIPE ends `cat`: silently, with the status a shell reports for it (141).
pub fn stdout(text: &str) -> Result<()> {
    let mut out = io::stdout().lock();
    match out.write_all(text.as_bytes()).and_then(|()| out.flush()) {
        Err(e) if e.kind() == io::ErrorKind::BrokenPipe => crate::platform::closed_pipe(),
        result => result.context("writing to stdout"),
    }
}

/// Writes `text` to stderr, as well as it can: there is nowhere left to report a failure.
pub fn stderr(text: &str) {
    let mut err = io::stderr().lock();
    let _ = err.write_all(text.as_bytes()).and_then(|()| err.flush());
}

/// An error message as a person reads it: without the " (os error 28)" that follows the
/// system's own words.
pub fn plain(message: &str) -> String {
    let mut out = String::with_capacity(message.len());
    let mut rest = message;
    while let Some(at) = rest.find(" (os error ") {
        out.push_str(&rest[..at]);
        let tail = &rest[at + " (os error ".len()..];
        match tail.find(')') {
            Some(end) if tail[..end].bytes().all(|b| b.is_ascii_digit()) => {
                rest = &tail[end + 1..];
            }
            _ => {
                out.push_str(" (os error ");
                rest = tail;
            }
        }
    }
    out.push_str(rest);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn os_error_codes_are_left_out() {
        assert_eq!(
            plain("writing to stdout: No space left on device (os error 28)"),
            "writing to stdout: No space left on device"
        );
        assert_eq!(plain("a (os error x) b"), "a (os error x) b");
    }
}
