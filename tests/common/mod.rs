//! A pseudo-terminal harness for end-to-end tests: runs the real binary in a pty, feeds its
//! output through a `vt100` screen on a reader thread, and waits for screen conditions with a
//! deadline instead of sleeping.

// Each test file that includes this module uses a different part of it.
#![allow(dead_code)]

use std::io::{Read, Write};
use std::num::NonZeroU16;
use std::sync::{Arc, Mutex, MutexGuard};
use std::thread::{self, JoinHandle};
use std::time::{Duration, Instant};

use portable_pty::{Child, CommandBuilder, ExitStatus, MasterPty, PtySize, native_pty_system};

/// How long any wait may take before the test fails: generous for a loaded 2-core machine.
pub const DEADLINE: Duration = Duration::from_secs(10);
/// How often a wait looks again.
const POLL: Duration = Duration::from_millis(20);

/// crossterm may ask where the cursor is; a real terminal answers, so the harness does too.
const CURSOR_QUERY: &[u8] = b"\x1b[6n";
const CURSOR_ANSWER: &[u8] = b"\x1b[1;1R";

/// What the reader thread has seen so far.
struct Output {
    parser: vt100::Parser,
    raw: Vec<u8>,
    /// The pty returned end-of-file or an error: nothing more will arrive.
    closed: bool,
}

/// The real `gapdash` binary running in a pseudo-terminal.
pub struct Pty {
    output: Arc<Mutex<Output>>,
    writer: Arc<Mutex<Box<dyn Write + Send>>>,
    child: Box<dyn Child + Send + Sync>,
    reader: Option<JoinHandle<()>>,
    // Kept open so the child's terminal stays alive until the test is done with it.
    _master: Box<dyn MasterPty + Send>,
}

impl Pty {
    /// Starts `gapdash ARGS` in a `cols`×`rows` pty with TERM=xterm-256color.
    pub fn spawn(args: &[&str], cols: u16, rows: u16) -> Pty {
        Pty::spawn_env(args, &[], cols, rows)
    }

    /// As `spawn`, with NO_COLOR removed from the inherited environment and then `env` set.
    pub fn spawn_env(args: &[&str], env: &[(&str, &str)], cols: u16, rows: u16) -> Pty {
        let pair = native_pty_system()
            .openpty(PtySize {
                rows,
                cols,
                pixel_width: 0,
                pixel_height: 0,
            })
            .expect("open a pty");
        let mut cmd = CommandBuilder::new(env!("CARGO_BIN_EXE_gapdash"));
        cmd.args(args);
        cmd.env("TERM", "xterm-256color");
        cmd.env_remove("NO_COLOR");
        for (key, value) in env {
            cmd.env(key, value);
        }
        cmd.cwd(env!("CARGO_MANIFEST_DIR"));
        let child = pair
            .slave
            .spawn_command(cmd)
            .expect("spawn gapdash in the pty");
        // Only the child may hold the terminal side, or the reader never sees end-of-file.
        drop(pair.slave);

        let output = Arc::new(Mutex::new(Output {
            parser: vt100::Parser::new(
                NonZeroU16::new(rows).expect("rows > 0"),
                NonZeroU16::new(cols).expect("cols > 0"),
                0,
            ),
            raw: Vec::new(),
            closed: false,
        }));
        let writer: Arc<Mutex<Box<dyn Write + Send>>> =
            Arc::new(Mutex::new(pair.master.take_writer().expect("pty writer")));
        let mut source = pair.master.try_clone_reader().expect("pty reader");
        let reader = {
            let output = Arc::clone(&output);
            let writer = Arc::clone(&writer);
            thread::spawn(move || {
                let mut chunk = [0u8; 8192];
                loop {
                    let n = match source.read(&mut chunk) {
                        Ok(0) | Err(_) => break,
                        Ok(n) => n,
                    };
                    let mut out = lock(&output);
                    // Look for a query that may straddle the previous chunk.
                    let from = out.raw.len().saturating_sub(CURSOR_QUERY.len() - 1);
                    out.raw.extend_from_slice(&chunk[..n]);
                    let queries = count(&out.raw[from..], CURSOR_QUERY);
                    out.parser.process(&chunk[..n]);
                    drop(out);
                    for _ in 0..queries {
                        let mut w = lock(&writer);
                        let _ = w.write_all(CURSOR_ANSWER);
                        let _ = w.flush();
                    }
                }
                lock(&output).closed = true;
            })
        };
        Pty {
            output,
            writer,
            child,
            reader: Some(reader),
            _master: pair.master,
        }
    }

    /// Types `bytes` into the terminal.
    pub fn send(&mut self, bytes: &[u8]) {
        let mut w = lock(&self.writer);
        w.write_all(bytes).expect("write to the pty");
        w.flush().expect("flush the pty");
    }

    /// The screen as text, one line per row.
    pub fn screen(&self) -> String {
        lock(&self.output).parser.screen().contents()
    }

    /// Whether the child's screen is on the alternate screen buffer now.
    pub fn alternate_screen(&self) -> bool {
        lock(&self.output).parser.screen().alternate_screen()
    }

    /// Every byte the child has written so far.
    pub fn raw(&self) -> Vec<u8> {
        lock(&self.output).raw.clone()
    }

    /// Whether the child is still running.
    pub fn running(&mut self) -> bool {
        self.child.try_wait().expect("query the child").is_none()
    }

    /// Waits until `done(screen text)` holds; fails after [`DEADLINE`], or as soon as the
    /// child's output has ended without it holding, with the screen in the message.
    pub fn wait_for(&self, what: &str, done: impl Fn(&str) -> bool) {
        let start = Instant::now();
        loop {
            let (screen, closed) = {
                let out = lock(&self.output);
                (out.parser.screen().contents(), out.closed)
            };
            if done(&screen) {
                return;
            }
            if closed {
                panic!("gapdash stopped writing before {what}; screen:\n{screen}");
            }
            if start.elapsed() > DEADLINE {
                panic!("timed out after {DEADLINE:?} waiting for {what}; screen:\n{screen}");
            }
            thread::sleep(POLL);
        }
    }

    /// Waits until the screen contains `text`.
    pub fn wait_for_text(&self, text: &str) {
        self.wait_for(&format!("{text:?} on screen"), |s| s.contains(text));
    }

    /// Waits for the child to exit (failing after [`DEADLINE`]) and for its last output to be
    /// read; returns how it exited.
    pub fn exit(&mut self) -> ExitStatus {
        let start = Instant::now();
        let status = loop {
            if let Some(status) = self.child.try_wait().expect("query the child") {
                break status;
            }
            if start.elapsed() > DEADLINE {
                panic!(
                    "gapdash did not exit within {DEADLINE:?}; screen:\n{}",
                    self.screen()
                );
            }
            thread::sleep(POLL);
        };
        while !lock(&self.output).closed {
            if start.elapsed() > DEADLINE {
                panic!("gapdash exited ({status:?}) but its terminal output never ended");
            }
            thread::sleep(POLL);
        }
        if let Some(reader) = self.reader.take() {
            reader.join().expect("the pty reader thread");
        }
        status
    }
}

impl Drop for Pty {
    /// A failed test must not leave gapdash running.
    fn drop(&mut self) {
        if matches!(self.child.try_wait(), Ok(None)) {
            let _ = self.child.kill();
            let _ = self.child.wait();
        }
    }
}

/// A lock that survives a panicking holder: the data is still worth showing in a failure.
fn lock<T>(m: &Mutex<T>) -> MutexGuard<'_, T> {
    m.lock().unwrap_or_else(|e| e.into_inner())
}

/// How many times `needle` occurs in `haystack`.
pub fn count(haystack: &[u8], needle: &[u8]) -> usize {
    haystack
        .windows(needle.len())
        .filter(|w| *w == needle)
        .count()
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
