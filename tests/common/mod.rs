//! What the integration tests share, so each thing is done one way:
//!
//! - the real binary from the command line: [`gapdash`] is the command, in the environment
//!   [`ENV`] (an English UTF-8 locale, whatever the developer's shell has), and [`output`]
//!   runs it to the end within [`RUN_DEADLINE`];
//! - the real binary in a pseudo-terminal: [`pty::Pty`] and [`pty::Session`] (Unix only);
//! - the app drawn into ratatui's `TestBackend`: [`screen`];
//! - a data folder to edit: [`DataFolder`];
//! - the outside programs some tests read gapdash's output with: [`tool`], which fails the
//!   test naming the Debian package to install when one is missing, never skips it.
//!
//! This is the only place that starts gapdash or decides how long a wait may take.

// Each test file that includes this module uses a different part of it.
#![allow(dead_code)]

#[cfg(unix)]
pub mod pty;
pub mod screen;

use std::fs;
use std::io::Read;
use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};
use std::thread;
use std::time::{Duration, Instant};

use tempfile::TempDir;

/// How long a wait for something on a screen may take before the test fails: generous for
/// a loaded 2-core machine.
pub const DEADLINE: Duration = Duration::from_secs(30);
/// How long one run of gapdash from the command line may take: a debug build's export of
/// every handout takes a minute under wine with another beside it on two cores.
pub const RUN_DEADLINE: Duration = Duration::from_secs(180);
/// How often a wait looks again.
const POLL: Duration = Duration::from_millis(20);

/// The test fixtures: data sets and files to feed gapdash.
pub const FIXTURES: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures");

/// The environment every gapdash a test starts begins from, whatever the developer's shell
/// has: set to the value, or removed where there is none. The language, the glyphs and the
/// colours follow these, so an English UTF-8 locale, an xterm, and no NO_COLOR; a test of
/// another locale or terminal sets its own on top.
pub const ENV: &[(&str, Option<&str>)] = &[
    ("LANG", Some("C.UTF-8")),
    ("LC_ALL", None),
    ("LC_CTYPE", None),
    ("LC_MESSAGES", None),
    ("TERM", Some("xterm-256color")),
    ("NO_COLOR", None),
    ("COLORTERM", None),
];

/// The gapdash binary as a command line to add arguments to: in [`ENV`], in the crate's
/// folder, reading nothing (stdin empty) and with its output captured.
pub fn gapdash() -> Command {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_gapdash"));
    for (key, value) in ENV {
        match value {
            Some(value) => cmd.env(key, value),
            None => cmd.env_remove(key),
        };
    }
    cmd.current_dir(env!("CARGO_MANIFEST_DIR"))
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped());
    cmd
}

/// `gapdash ARGS`, run to the end.
pub fn run(args: &[&str]) -> Output {
    output(gapdash().args(args))
}

/// `gapdash ARGS` started in `dir`, run to the end.
pub fn run_in(dir: &Path, args: &[&str]) -> Output {
    output(gapdash().current_dir(dir).args(args))
}

/// Runs `cmd` to its end and returns its status and what it wrote; kills it and fails the
/// test if it is still running after [`RUN_DEADLINE`], so a hang fails instead of stalling
/// CI.
pub fn output(cmd: &mut Command) -> Output {
    let mut child = cmd
        .spawn()
        .unwrap_or_else(|e| panic!("starting {cmd:?}: {e}"));
    // Read on threads, so a child writing more than a pipe holds cannot block on us.
    fn drain(pipe: Option<impl Read + Send + 'static>) -> thread::JoinHandle<Vec<u8>> {
        thread::spawn(move || {
            let mut bytes = Vec::new();
            if let Some(mut pipe) = pipe {
                let _ = pipe.read_to_end(&mut bytes);
            }
            bytes
        })
    }
    let stdout = drain(child.stdout.take());
    let stderr = drain(child.stderr.take());
    let start = Instant::now();
    let status = loop {
        if let Some(status) = child.try_wait().expect("waiting for gapdash") {
            break status;
        }
        if start.elapsed() > RUN_DEADLINE {
            let _ = child.kill();
            let _ = child.wait();
            panic!("{cmd:?} did not finish within {RUN_DEADLINE:?}");
        }
        thread::sleep(POLL);
    };
    Output {
        status,
        stdout: stdout.join().expect("the stdout reader"),
        stderr: stderr.join().expect("the stderr reader"),
    }
}

/// The outside program `name`, which Debian ships in `package`: pdftotext to read a
/// handout as a reader copies it, mkfifo to make a named pipe. When it is missing the test
/// fails and says what to install: a test that skipped instead would pass without having
/// looked.
pub fn tool(name: &str, package: &str) -> Command {
    let file = format!("{name}{}", std::env::consts::EXE_SUFFIX);
    let found = std::env::var_os("PATH").and_then(|path| {
        std::env::split_paths(&path)
            .map(|dir| dir.join(&file))
            .find(|candidate| candidate.is_file())
    });
    match found {
        Some(path) => Command::new(path),
        None => panic!(
            "{name} is not installed, and this test needs it: install it \
             (Debian: apt-get install {package}) and run the test again"
        ),
    }
}

/// Makes a named pipe at `path` with the POSIX `mkfifo` program (std's own is not stable).
#[cfg(unix)]
pub fn mkfifo(path: &Path) {
    let made = tool("mkfifo", "coreutils")
        .arg(path)
        .status()
        .expect("run mkfifo");
    assert!(made.success(), "mkfifo {}: {made}", path.display());
}

/// Terminal output made readable in a failure message: ESC as `ESC`, other controls escaped.
pub fn escaped(bytes: &[u8]) -> String {
    String::from_utf8_lossy(bytes)
        .chars()
        .map(|c| match c {
            '\x1b' => "ESC".to_string(),
            '\n' => "\n".to_string(),
            c if c.is_control() => c.escape_default().to_string(),
            c => c.to_string(),
        })
        .collect()
}

/// How many times `needle` occurs in `haystack`.
pub fn count(haystack: &[u8], needle: &[u8]) -> usize {
    haystack
        .windows(needle.len())
        .filter(|w| *w == needle)
        .count()
}

/// Whether `needle` occurs anywhere in `haystack`.
pub fn contains(haystack: &[u8], needle: &[u8]) -> bool {
    find_from(haystack, needle, 0).is_some()
}

/// Where `needle` first occurs in `haystack` at or after `from`.
pub fn find_from(haystack: &[u8], needle: &[u8], from: usize) -> Option<usize> {
    haystack
        .get(from..)?
        .windows(needle.len())
        .position(|w| w == needle)
        .map(|i| i + from)
}

/// Where `needle` last occurs in `haystack`.
pub fn rfind(haystack: &[u8], needle: &[u8]) -> Option<usize> {
    haystack.windows(needle.len()).rposition(|w| w == needle)
}

/// A temporary folder holding `mydata/`: the built-in data files as `gapdash init mydata`
/// writes them, for a test to edit while the dashboard shows them. Start gapdash with
/// [`Pty::spawn_in`]`(data.root(), &["--data", "mydata", …])` so messages name the files
/// `mydata/…`, or pass [`DataFolder::dir`] from anywhere. Removed when dropped.
pub struct DataFolder {
    tmp: TempDir,
}

impl DataFolder {
    /// The folder, written by the real `gapdash init`.
    pub fn init() -> DataFolder {
        let tmp = tempfile::tempdir().expect("a temporary folder");
        let init = run_in(tmp.path(), &["init", "mydata"]);
        assert!(init.status.success(), "gapdash init mydata: {init:?}");
        DataFolder { tmp }
    }

    /// As `init`, with every file of `tests/fixtures/NAME/` copied over the built-in ones,
    /// keeping their folders (`i18n/zh.toml`).
    pub fn with_fixture(name: &str) -> DataFolder {
        let data = DataFolder::init();
        copy_over(&Path::new(FIXTURES).join(name), &data.dir());
        data
    }

    /// The folder that holds `mydata/`: where to start gapdash with `--data mydata`.
    pub fn root(&self) -> &Path {
        self.tmp.path()
    }

    /// `mydata/` itself, as an absolute path.
    pub fn dir(&self) -> PathBuf {
        self.tmp.path().join("mydata")
    }

    /// `mydata/` as an absolute path for the command line.
    pub fn dir_arg(&self) -> String {
        self.dir()
            .to_str()
            .expect("a UTF-8 temporary path")
            .to_string()
    }

    /// Replaces `from` by `to` in one data file, as an editor saves it.
    pub fn edit(&self, file: &str, from: &str, to: &str) {
        let path = self.dir().join(file);
        let text = fs::read_to_string(&path).unwrap_or_else(|e| panic!("{path:?}: {e}"));
        assert!(text.contains(from), "{from:?} in {file}");
        self.write(file, &text.replace(from, to));
    }

    /// Overwrites one data file with `text`.
    pub fn write(&self, file: &str, text: &str) {
        let path = self.dir().join(file);
        fs::write(&path, text).unwrap_or_else(|e| panic!("write {path:?}: {e}"));
    }
}

/// Copies the files under `from` over `to`, keeping their folders.
fn copy_over(from: &Path, to: &Path) {
    for entry in fs::read_dir(from).unwrap_or_else(|e| panic!("{}: {e}", from.display())) {
        let path = entry.expect("a fixture file").path();
        let target = to.join(path.file_name().expect("a file name"));
        if path.is_dir() {
            fs::create_dir_all(&target).expect("a fixture subfolder");
            copy_over(&path, &target);
        } else {
            fs::copy(&path, &target).unwrap_or_else(|e| panic!("copy {}: {e}", path.display()));
        }
    }
}
