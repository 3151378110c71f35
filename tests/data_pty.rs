//! The dashboard in a real pseudo-terminal, with data from a folder: hostile text in a data
//! file never reaches the terminal as a control sequence, and reloading (`r`, `--watch`)
//! shows a good edit and survives a broken one.

use std::fs;
use std::io::{Read, Write};
use std::num::NonZeroU16;
use std::path::Path;
use std::sync::{Arc, Mutex, MutexGuard};
use std::thread;
use std::time::{Duration, Instant};

use portable_pty::{Child, CommandBuilder, MasterPty, PtySize, native_pty_system};
use tempfile::TempDir;

/// How long any wait may take: generous for a loaded 2-core machine.
const DEADLINE: Duration = Duration::from_secs(15);
/// How often a wait looks again.
const POLL: Duration = Duration::from_millis(20);
const COLS: u16 = 100;
const ROWS: u16 = 30;

/// What the reader thread has seen: the raw bytes and the screen they draw.
struct Seen {
    raw: Vec<u8>,
    screen: vt100::Parser,
}

/// `gapdash` running in a pty, its output read on a thread.
struct Dashboard {
    seen: Arc<Mutex<Seen>>,
    writer: Arc<Mutex<Box<dyn Write + Send>>>,
    child: Box<dyn Child + Send + Sync>,
    _master: Box<dyn MasterPty + Send>,
}

fn lock<T>(m: &Mutex<T>) -> MutexGuard<'_, T> {
    m.lock().unwrap_or_else(|e| e.into_inner())
}

impl Dashboard {
    fn start(dir: &Path, args: &[&str]) -> Dashboard {
        let size = PtySize {
            rows: ROWS,
            cols: COLS,
            pixel_width: 0,
            pixel_height: 0,
        };
        let pair = native_pty_system().openpty(size).expect("open a pty");
        let mut cmd = CommandBuilder::new(env!("CARGO_BIN_EXE_gapdash"));
        cmd.args(args);
        cmd.cwd(dir);
        cmd.env("TERM", "xterm-256color");
        let child = pair.slave.spawn_command(cmd).expect("spawn gapdash");
        drop(pair.slave);
        let rows = NonZeroU16::new(ROWS).expect("rows");
        let cols = NonZeroU16::new(COLS).expect("cols");
        let seen = Arc::new(Mutex::new(Seen {
            raw: Vec::new(),
            screen: vt100::Parser::new(rows, cols, 0),
        }));
        let writer = Arc::new(Mutex::new(pair.master.take_writer().expect("pty writer")));
        let mut reader = pair.master.try_clone_reader().expect("pty reader");
        {
            let seen = Arc::clone(&seen);
            let writer = Arc::clone(&writer);
            thread::spawn(move || {
                let mut chunk = [0u8; 8192];
                while let Ok(n @ 1..) = reader.read(&mut chunk) {
                    let mut s = lock(&seen);
                    s.raw.extend_from_slice(&chunk[..n]);
                    s.screen.process(&chunk[..n]);
                    // A real terminal answers a cursor position query; so does this one.
                    if chunk[..n].windows(4).any(|w| w == b"\x1b[6n") {
                        let _ = lock(&writer).write_all(b"\x1b[1;1R");
                    }
                }
            });
        }
        Dashboard {
            seen,
            writer,
            child,
            _master: pair.master,
        }
    }

    fn send(&self, keys: &str) {
        let mut w = lock(&self.writer);
        w.write_all(keys.as_bytes()).expect("type into the pty");
        w.flush().expect("flush the pty");
    }

    fn screen(&self) -> String {
        lock(&self.seen).screen.screen().contents()
    }

    fn raw(&self) -> Vec<u8> {
        lock(&self.seen).raw.clone()
    }

    /// Waits until the screen holds every one of `texts`.
    fn wait_for(&self, texts: &[&str]) {
        let start = Instant::now();
        loop {
            let screen = self.screen();
            if texts.iter().all(|t| screen.contains(t)) {
                return;
            }
            assert!(
                start.elapsed() < DEADLINE,
                "waited for {texts:?}; the screen shows:\n{screen}"
            );
            thread::sleep(POLL);
        }
    }

    /// Presses q and waits for a clean exit.
    fn quit(mut self) -> Vec<u8> {
        self.send("q");
        let start = Instant::now();
        loop {
            if let Some(status) = self.child.try_wait().expect("child status") {
                assert!(status.success(), "exit status {status:?}");
                break;
            }
            assert!(
                start.elapsed() < DEADLINE,
                "gapdash did not quit:\n{}",
                self.screen()
            );
            thread::sleep(POLL);
        }
        // The last bytes (leaving the alternate screen) may still be on their way.
        let start = Instant::now();
        while !contains(&self.raw(), b"\x1b[?1049l") && start.elapsed() < DEADLINE {
            thread::sleep(POLL);
        }
        self.raw()
    }
}

impl Drop for Dashboard {
    fn drop(&mut self) {
        let _ = self.child.kill();
    }
}

fn contains(haystack: &[u8], needle: &[u8]) -> bool {
    haystack.windows(needle.len()).any(|w| w == needle)
}

/// A temporary folder holding `mydata/`, written by `gapdash init`, with the files of
/// fixture `overlay` (if any) copied over it.
fn mydata(overlay: Option<&str>) -> TempDir {
    let tmp = tempfile::tempdir().expect("temp dir");
    let status = std::process::Command::new(env!("CARGO_BIN_EXE_gapdash"))
        .current_dir(tmp.path())
        .args(["init", "mydata"])
        .output()
        .expect("run init")
        .status;
    assert!(status.success());
    if let Some(name) = overlay {
        let from = Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("tests/fixtures")
            .join(name);
        for entry in fs::read_dir(from).expect("fixture folder") {
            let path = entry.expect("fixture file").path();
            fs::copy(
                &path,
                tmp.path()
                    .join("mydata")
                    .join(path.file_name().expect("name")),
            )
            .expect("copy");
        }
    }
    tmp
}

/// Replaces `from` by `to` in one data file, as an editor would save it.
fn edit(tmp: &TempDir, file: &str, from: &str, to: &str) {
    let path = tmp.path().join("mydata").join(file);
    let text = fs::read_to_string(&path).expect("read data file");
    assert!(text.contains(from), "{from} in {file}");
    fs::write(&path, text.replace(from, to)).expect("write data file");
}

#[test]
fn hostile_text_in_a_data_file_never_reaches_the_terminal() {
    let tmp = mydata(Some("hostile"));
    let dash = Dashboard::start(tmp.path(), &["--data", "mydata", "--view", "quotes"]);
    dash.wait_for(&[
        "Clear␛the screen.",
        "Copy␛this.",
        // vt100 keeps U+FFFD (shown for the bidi overrides) off its screen.
        "txet desrever",
        "Ring␇the",
    ]);
    // The overview shows the third quote's speaker; the sources view every speaker and source.
    dash.send("1");
    dash.wait_for(&["China Internet ␛Development␛ Report 2020␇"]);
    dash.send("6");
    dash.wait_for(&["Sources"]);
    dash.send(&"j".repeat(50));
    dash.wait_for(&["44/44", "quote 8: Liu Zhenmin"]);
    let screen = dash.screen();
    assert!(
        screen.contains(" gapdash "),
        "the title bar is still there:\n{screen}"
    );
    let raw = dash.quit();

    for (sequence, name) in [
        (&b"\x1b]52"[..], "OSC 52 (clipboard)"),
        (b"\x1b]0;", "OSC 0 (title)"),
        (b"\x1bP", "DCS"),
        (b"\x07", "BEL"),
        ("\u{9b}".as_bytes(), "8-bit CSI"),
        ("\u{202e}".as_bytes(), "right-to-left override"),
        ("\u{2066}".as_bytes(), "left-to-right isolate"),
    ] {
        assert!(!contains(&raw, sequence), "{name} reached the terminal");
    }
    // gapdash clears the screen once when it starts; never again once the quote is drawn.
    let drawn = raw
        .windows(5)
        .position(|w| w == b"Clear")
        .expect("the quote was drawn");
    assert!(
        !contains(&raw[drawn..], b"\x1b[2J"),
        "ESC[2J reached the terminal"
    );
    assert!(
        !contains(&raw[drawn..], b"\x1b[31m"),
        "the data's own colour reached the terminal"
    );
}

#[test]
fn watch_shows_a_good_edit_and_keeps_the_last_good_data_on_a_broken_one() {
    let tmp = mydata(None);
    let dash = Dashboard::start(
        tmp.path(),
        &["--data", "mydata", "--watch", "--view", "penetration"],
    );
    dash.wait_for(&["Jun 2015", "30.1"]);

    let started = Instant::now();
    edit(
        &tmp,
        "penetration.toml",
        "rural_pct = 30.1",
        "rural_pct = 30.2",
    );
    dash.wait_for(&["30.2", "✓ data reloaded"]);
    let took = started.elapsed();
    assert!(
        took < Duration::from_secs(5),
        "a change shows within the watch interval, took {took:?}"
    );
    assert!(
        dash.screen()
            .contains("Internet penetration, urban vs rural"),
        "same view"
    );

    edit(
        &tmp,
        "penetration.toml",
        "rural_pct = 30.2",
        "rural_pct = 112.5",
    );
    dash.wait_for(&[
        "✗ mydata/penetration.toml:15:13: rural_pct must be between 0 and 100, found 112.5",
    ]);
    assert!(
        dash.screen().contains("30.2"),
        "the last good figure stays:\n{}",
        dash.screen()
    );

    // Esc dismisses the error and does not quit; the hints come back.
    dash.send("\x1b");
    dash.wait_for(&["? help"]);
    edit(
        &tmp,
        "penetration.toml",
        "rural_pct = 112.5",
        "rural_pct = 30.1",
    );
    dash.wait_for(&["30.1", "data reloaded"]);
    let raw = dash.quit();
    assert!(contains(&raw, b"\x1b[?1049l"), "the terminal is restored");
}

#[test]
fn r_reloads_without_watching_and_keeps_the_view() {
    let tmp = mydata(None);
    let dash = Dashboard::start(tmp.path(), &["--data", "mydata", "--view", "quotes"]);
    dash.wait_for(&["1/8"]);
    dash.send("jj");
    dash.wait_for(&["3/8"]);

    edit(
        &tmp,
        "quotes.toml",
        "the regional digital divide in China",
        "the regional digital gap in China",
    );
    dash.send("r");
    dash.wait_for(&["regional digital gap", "3/8", "✓ data reloaded"]);
    // The notice goes with the next key.
    dash.send("k");
    dash.wait_for(&["2/8", "? help"]);

    edit(
        &tmp,
        "quotes.toml",
        "speaker = \"Houlin Zhao, ITU Secretary-General\"",
        "speaker = \"Houlin Zhao",
    );
    dash.send("r");
    dash.wait_for(&["✗ mydata/quotes.toml:42:"]);
    dash.send("j");
    dash.wait_for(&["3/8", "regional digital gap", "✗ mydata/quotes.toml:42:"]);
    dash.quit();
}
