//! The pseudo-terminal harness for end-to-end tests: runs the real binary in a pty, feeds its
//! output through a `vt100` screen on a reader thread, and waits for screen conditions (on
//! whole frames) with a deadline instead of sleeping. It answers crossterm's cursor-position
//! query, and can resize the terminal, type keys, click and scroll the mouse, and send
//! signals. [`Session`] runs a dashboard and its consoles with one runtime folder between
//! them, and [`Pty::wait_for_frame`] says when the frame a test waited for arrived.
//!
//! This is the only place that opens a pty. Unix only: it reads terminal modes, sends
//! signals and reads /proc; and full-screen programs draw badly in wine's console.

use std::io::{Read, Write};
use std::num::NonZeroU16;
use std::os::fd::RawFd;
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex, MutexGuard};
use std::thread::{self, JoinHandle};
use std::time::{Duration, Instant};

use portable_pty::{Child, CommandBuilder, ExitStatus, MasterPty, PtySize, native_pty_system};
use ratatui::crossterm::event::{KeyCode, KeyModifiers};
use tempfile::TempDir;

use super::{DEADLINE, ENV, POLL, count, escaped, find_from, rfind};

/// crossterm may ask where the cursor is; a real terminal answers, so the harness does too.
const CURSOR_QUERY: &[u8] = b"\x1b[6n";
const CURSOR_ANSWER: &[u8] = b"\x1b[1;1R";

pub const ENTER_ALTERNATE: &[u8] = b"\x1b[?1049h";
pub const LEAVE_ALTERNATE: &[u8] = b"\x1b[?1049l";
pub const HIDE_CURSOR: &[u8] = b"\x1b[?25l";
pub const SHOW_CURSOR: &[u8] = b"\x1b[?25h";
/// The last of crossterm's `DisableMouseCapture` sequences: basic mouse reporting off.
pub const MOUSE_OFF: &[u8] = b"\x1b[?1000l";

/// gapdash ends every frame it writes by ending a synchronized update (DEC mode 2026), after
/// the frame's cells: what the screen shows at that point is a whole frame.
pub const FRAME_END: &[u8] = b"\x1b[?2026l";
/// And begins each frame by starting one.
pub const FRAME_START: &[u8] = b"\x1b[?2026h";

/// What the reader thread has seen so far.
struct Output {
    parser: vt100::Parser,
    /// The screen as of the last frame end. A frame arrives in several reads, and a wait must
    /// not see the top of a new frame over the bottom of the old one.
    frame: Option<vt100::Screen>,
    /// When the reader took in the end of that frame.
    frame_at: Option<Instant>,
    raw: Vec<u8>,
    /// The pty returned end-of-file or an error: nothing more will arrive.
    closed: bool,
}

impl Output {
    /// The screen tests look at: the last whole frame while the child draws; everything, once
    /// its output has ended (or for a program that never hides the cursor).
    fn screen(&self) -> &vt100::Screen {
        match &self.frame {
            Some(frame) if !self.closed => frame,
            _ => self.parser.screen(),
        }
    }

    /// Takes in `chunk`, just read, keeping a copy of the screen at the last frame end in it.
    fn process(&mut self, chunk: &[u8]) {
        let old = self.raw.len();
        self.raw.extend_from_slice(chunk);
        // A frame end may straddle the previous chunk; it ends in this one either way.
        let from = old.saturating_sub(FRAME_END.len() - 1);
        match rfind(&self.raw[from..], FRAME_END) {
            Some(at) => {
                let split = from + at + FRAME_END.len() - old;
                self.parser.process(&chunk[..split]);
                self.frame = Some(self.parser.screen().clone());
                self.frame_at = Some(Instant::now());
                self.parser.process(&chunk[split..]);
            }
            None => self.parser.process(chunk),
        }
    }
}

/// The real `gapdash` binary running in a pseudo-terminal.
pub struct Pty {
    output: Arc<Mutex<Output>>,
    writer: Arc<Mutex<Box<dyn Write + Send>>>,
    child: Box<dyn Child + Send + Sync>,
    reader: Option<JoinHandle<()>>,
    // Kept open so the child's terminal stays alive until the test is done with it, and to
    // resize it and read its modes.
    master: Box<dyn MasterPty + Send>,
    /// The terminal's modes before the child started (cooked: canonical, echoing).
    modes_before: Modes,
    /// The child's own XDG_RUNTIME_DIR, where its session's socket goes: tests running at
    /// once never share a session unless they ask to (see [`Session`]).
    runtime: Option<TempDir>,
}

impl Pty {
    /// Starts `gapdash ARGS` in a `cols`×`rows` pty, in the environment [`ENV`] (an English
    /// UTF-8 locale, TERM=xterm-256color, no NO_COLOR).
    pub fn spawn(args: &[&str], cols: u16, rows: u16) -> Pty {
        Pty::spawn_env(args, &[], cols, rows)
    }

    /// As `spawn`, with `env` set on top of [`ENV`].
    pub fn spawn_env(args: &[&str], env: &[(&str, &str)], cols: u16, rows: u16) -> Pty {
        Pty::spawn_program(env!("CARGO_BIN_EXE_gapdash"), args, env, cols, rows)
    }

    /// As `spawn`, started in `dir` instead of the crate's folder, so a relative `--data`
    /// names a folder there (and messages name it as given): see [`super::DataFolder`].
    pub fn spawn_in(dir: &Path, args: &[&str], cols: u16, rows: u16) -> Pty {
        Pty::start(env!("CARGO_BIN_EXE_gapdash"), args, &[], dir, cols, rows)
    }

    /// Any program in the pty, set up as `spawn_env` sets up gapdash: to test the harness.
    pub fn spawn_program(
        program: &str,
        args: &[&str],
        env: &[(&str, &str)],
        cols: u16,
        rows: u16,
    ) -> Pty {
        let here = Path::new(env!("CARGO_MANIFEST_DIR"));
        Pty::start(program, args, env, here, cols, rows)
    }

    /// `program ARGS` in a new `cols`×`rows` pty, in `dir`, in [`ENV`] with `env` on top.
    fn start(
        program: &str,
        args: &[&str],
        env: &[(&str, &str)],
        dir: &Path,
        cols: u16,
        rows: u16,
    ) -> Pty {
        let pair = native_pty_system()
            .openpty(PtySize {
                rows,
                cols,
                pixel_width: 0,
                pixel_height: 0,
            })
            .expect("open a pty");
        let modes_before = Modes::of(pair.master.as_ref());
        let mut cmd = CommandBuilder::new(program);
        cmd.args(args);
        for (key, value) in ENV {
            match value {
                Some(value) => cmd.env(key, value),
                None => cmd.env_remove(key),
            }
        }
        let runtime = if env.iter().any(|(key, _)| *key == "XDG_RUNTIME_DIR") {
            None
        } else {
            let dir = tempfile::tempdir().expect("a runtime folder");
            cmd.env("XDG_RUNTIME_DIR", dir.path());
            Some(dir)
        };
        for (key, value) in env {
            cmd.env(key, value);
        }
        cmd.cwd(dir);
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
            frame: None,
            frame_at: None,
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
                    out.process(&chunk[..n]);
                    let queries = count(&out.raw[from..], CURSOR_QUERY);
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
            master: pair.master,
            modes_before,
            runtime,
        }
    }

    /// The child's process id: gapdash itself, as it is started directly, not through a shell.
    pub fn pid(&self) -> u32 {
        self.child.process_id().expect("the child has a process id")
    }

    /// Sends `signal` (libc::SIGTERM, …) to the child.
    pub fn signal(&self, signal: libc::c_int) {
        let pid = libc::pid_t::try_from(self.pid()).expect("a pid fits pid_t");
        // SAFETY: kill(2) touches no memory of ours. The pid is our child's; called while it
        // runs, before anything has waited for it, so it cannot name another process.
        let sent = unsafe { libc::kill(pid, signal) };
        assert_eq!(sent, 0, "kill({pid}, {signal}) failed");
    }

    /// Resizes the terminal to `cols`×`rows`: the child gets SIGWINCH. The screen model is
    /// resized first, so the frame drawn for the new size lands on a screen of that size.
    pub fn resize(&self, cols: u16, rows: u16) {
        lock(&self.output).parser.set_size(
            NonZeroU16::new(rows).expect("rows > 0"),
            NonZeroU16::new(cols).expect("cols > 0"),
        );
        self.master
            .resize(PtySize {
                rows,
                cols,
                pixel_width: 0,
                pixel_height: 0,
            })
            .expect("resize the pty");
    }

    /// Types one key, as a terminal encodes it (see [`key_bytes`]).
    pub fn key(&mut self, code: KeyCode, modifiers: KeyModifiers) {
        self.send(&key_bytes(code, modifiers));
    }

    /// A left click at 0-based `col`, `row`: press and release, in SGR mouse encoding.
    pub fn click(&mut self, col: u16, row: u16) {
        let (x, y) = (col + 1, row + 1);
        self.send(format!("\x1b[<0;{x};{y}M\x1b[<0;{x};{y}m").as_bytes());
    }

    /// One step of the mouse wheel down at 0-based `col`, `row`, in SGR mouse encoding.
    pub fn wheel_down(&mut self, col: u16, row: u16) {
        self.send(format!("\x1b[<65;{};{}M", col + 1, row + 1).as_bytes());
    }

    /// Types `bytes` and waits until the child has read them (its `rchar` in /proc/PID/io
    /// has grown by as many bytes). For a lone Esc: crossterm reads an Esc followed in the
    /// same read by another key as Alt+that key, so nothing may be typed before it is read.
    pub fn send_and_wait_read(&mut self, bytes: &[u8]) {
        let before = self.bytes_read();
        self.send(bytes);
        let start = Instant::now();
        while self.bytes_read() < before + bytes.len() as u64 {
            if start.elapsed() > DEADLINE {
                panic!(
                    "gapdash did not read {} within {DEADLINE:?}",
                    escaped(bytes)
                );
            }
            thread::sleep(POLL);
        }
    }

    /// Bytes the child has read with read(2) so far, from any file: `rchar` in /proc/PID/io.
    fn bytes_read(&self) -> u64 {
        let path = format!("/proc/{}/io", self.pid());
        let io = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{path}: {e}"));
        io.lines()
            .find_map(|l| l.strip_prefix("rchar: "))
            .and_then(|n| n.trim().parse().ok())
            .unwrap_or_else(|| panic!("no rchar in {path}:\n{io}"))
    }

    /// Reads the screen model: cells, colours, cursor.
    pub fn with_screen<R>(&self, read: impl FnOnce(&vt100::Screen) -> R) -> R {
        read(lock(&self.output).screen())
    }

    /// How many bytes the child has written so far.
    pub fn bytes_written(&self) -> usize {
        lock(&self.output).raw.len()
    }

    /// Types `bytes` into the terminal.
    pub fn send(&mut self, bytes: &[u8]) {
        let mut w = lock(&self.writer);
        w.write_all(bytes).expect("write to the pty");
        w.flush().expect("flush the pty");
    }

    /// The screen as text, one line per row: the last whole frame while gapdash runs.
    pub fn screen(&self) -> String {
        lock(&self.output).screen().contents()
    }

    /// Whether the child's screen is on the alternate screen buffer now.
    pub fn alternate_screen(&self) -> bool {
        lock(&self.output).screen().alternate_screen()
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
        self.wait_for_screen(what, |screen| done(&screen.contents()));
    }

    /// As `wait_for`, with the whole screen model (cells, colours) to look at.
    pub fn wait_for_screen(&self, what: &str, done: impl Fn(&vt100::Screen) -> bool) {
        let start = Instant::now();
        loop {
            let (held, screen, closed) = {
                let out = lock(&self.output);
                let screen = out.screen();
                (done(screen), screen.contents(), out.closed)
            };
            if held {
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

    /// As `wait_for`, and returns when the first frame that showed it arrived (read by the
    /// reader thread, which reads as the child writes): a time measured from outside, late by
    /// no more than a frame that followed it within one look.
    pub fn wait_for_frame(&self, what: &str, done: impl Fn(&str) -> bool) -> Instant {
        let start = Instant::now();
        loop {
            let (held, screen, closed, at) = {
                let out = lock(&self.output);
                let screen = out.screen().contents();
                (done(&screen), screen, out.closed, out.frame_at)
            };
            if held && let Some(at) = at {
                return at;
            }
            if closed {
                panic!("gapdash stopped writing before {what}; screen:\n{screen}");
            }
            if start.elapsed() > DEADLINE {
                panic!("timed out after {DEADLINE:?} waiting for {what}; screen:\n{screen}");
            }
            thread::sleep(Duration::from_millis(1));
        }
    }

    /// Waits until the screen contains `text`.
    pub fn wait_for_text(&self, text: &str) {
        self.wait_for(&format!("{text:?} on screen"), |s| s.contains(text));
    }

    /// Waits until the screen contains every one of `texts` at once.
    pub fn wait_for_texts(&self, texts: &[&str]) {
        self.wait_for(&format!("{texts:?} on screen"), |s| {
            texts.iter().all(|t| s.contains(t))
        });
    }

    /// Waits until the child has written nothing for `quiet`: the end of a frame that is
    /// still arriving when the text a test waited for has appeared.
    pub fn wait_quiet(&self, quiet: Duration) {
        let start = Instant::now();
        let mut seen = (self.bytes_written(), Instant::now());
        loop {
            thread::sleep(POLL);
            let now = self.bytes_written();
            if now != seen.0 {
                seen = (now, Instant::now());
            } else if seen.1.elapsed() >= quiet {
                return;
            }
            if start.elapsed() > DEADLINE {
                panic!(
                    "gapdash kept writing for {DEADLINE:?}; screen:\n{}",
                    self.screen()
                );
            }
        }
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

    /// Whether the terminal's modes are back to what they were before the child started:
    /// raw mode off (canonical input, echo, signals from Ctrl-C, output post-processing).
    ///
    /// Raw mode leaves no trace in the output, so it is read from the terminal itself. The
    /// slave side is gone once the child exits, but the modes belong to the pty pair, and on
    /// Linux tcgetattr on the master returns the slave's (it is how terminal emulators see that
    /// a program turned echo off). tests/e2e.rs checks that a program leaving the terminal raw
    /// is caught.
    pub fn modes_restored(&self) -> Result<(), String> {
        let now = Modes::of(self.master.as_ref());
        let raw_flags = [
            ("ICANON", libc::ICANON),
            ("ECHO", libc::ECHO),
            ("ISIG", libc::ISIG),
        ];
        for (name, flag) in raw_flags {
            if now.0.c_lflag & flag == 0 {
                return Err(format!("{name} is still off: raw mode was left on"));
            }
        }
        if now != self.modes_before {
            return Err(format!(
                "the terminal modes differ from before the start:\nbefore {:?}\nafter  {:?}",
                self.modes_before, now
            ));
        }
        Ok(())
    }

    /// Whether the terminal is in raw mode now (canonical input and echo off).
    pub fn raw_mode(&self) -> bool {
        let now = Modes::of(self.master.as_ref());
        now.0.c_lflag & (libc::ICANON | libc::ECHO) == 0
    }

    /// The child's process state from /proc/PID/stat: 'S' sleeping, 'R' running, 'T' stopped.
    pub fn process_state(&self) -> char {
        let stat = std::fs::read_to_string(format!("/proc/{}/stat", self.pid()))
            .expect("read /proc/PID/stat");
        stat[stat.rfind(')').expect("(comm)") + 1..]
            .trim_start()
            .chars()
            .next()
            .expect("a state")
    }

    /// Waits until the child is stopped (job control), failing after [`DEADLINE`].
    pub fn wait_stopped(&self) {
        let start = Instant::now();
        while self.process_state() != 'T' {
            if start.elapsed() > DEADLINE {
                panic!("gapdash did not stop within {DEADLINE:?}");
            }
            thread::sleep(POLL);
        }
    }

    /// Waits until the raw output has grown past `len` and holds `bytes` after it.
    pub fn wait_for_output_after(&self, len: usize, bytes: &[u8], what: &str) {
        let start = Instant::now();
        while find_from(&self.raw(), bytes, len).is_none() {
            if start.elapsed() > DEADLINE {
                panic!("timed out after {DEADLINE:?} waiting for {what}");
            }
            thread::sleep(POLL);
        }
    }

    /// Presses `q` and asserts the dashboard exits with code 0.
    pub fn quit_ok(&mut self) {
        self.send(b"q");
        let status = self.exit();
        assert!(
            status.success(),
            "q exits with code 0, got {status:?}; screen:\n{}",
            self.screen()
        );
    }

    /// After the child has exited: the output ends with the terminal restored ([`restored`]),
    /// the screen is back on the main buffer, and raw mode is off ([`Pty::modes_restored`]).
    pub fn assert_restored(&self) {
        restored(&self.raw());
        assert!(
            !self.alternate_screen(),
            "the terminal is back on the main screen"
        );
        if let Err(e) = self.modes_restored() {
            panic!("raw mode off: {e}");
        }
    }
}

/// The terminal modes of a pty (its termios), compared by the flags and control characters.
#[derive(Clone, Copy)]
struct Modes(libc::termios);

impl Modes {
    fn of(master: &dyn MasterPty) -> Modes {
        let fd: RawFd = master
            .as_raw_fd()
            .expect("the pty master has a file descriptor");
        // SAFETY: termios is plain data; tcgetattr fills it in, and we check it succeeded.
        let mut termios: libc::termios = unsafe { std::mem::zeroed() };
        let got = unsafe { libc::tcgetattr(fd, &mut termios) };
        assert_eq!(got, 0, "tcgetattr on the pty master");
        Modes(termios)
    }
}

impl PartialEq for Modes {
    fn eq(&self, other: &Modes) -> bool {
        let (a, b) = (&self.0, &other.0);
        (a.c_iflag, a.c_oflag, a.c_cflag, a.c_lflag, a.c_cc)
            == (b.c_iflag, b.c_oflag, b.c_cflag, b.c_lflag, b.c_cc)
    }
}

impl std::fmt::Debug for Modes {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let t = &self.0;
        write!(
            f,
            "iflag {:#o} oflag {:#o} cflag {:#o} lflag {:#o} cc {:?}",
            t.c_iflag, t.c_oflag, t.c_cflag, t.c_lflag, t.c_cc
        )
    }
}

/// Asserts that after the last switch to the alternate screen the output leaves it, shows the
/// cursor and turns mouse capture off: what any way out of the dashboard must do.
pub fn restored(raw: &[u8]) {
    let entered = rfind(raw, ENTER_ALTERNATE).expect("the alternate screen was entered");
    let after = entered + ENTER_ALTERNATE.len();
    for (what, bytes) in [
        ("the alternate screen is left", LEAVE_ALTERNATE),
        ("the cursor is shown", SHOW_CURSOR),
        ("mouse capture is turned off", MOUSE_OFF),
    ] {
        assert!(
            find_from(raw, bytes, after).is_some(),
            "after the last {} (byte {entered}), {what} ({}); the output ends:\n{}",
            escaped(ENTER_ALTERNATE),
            escaped(bytes),
            escaped(&raw[raw.len().saturating_sub(300)..])
        );
    }
}

/// The bytes a terminal (xterm, in its default modes) sends for a key.
pub fn key_bytes(code: KeyCode, modifiers: KeyModifiers) -> Vec<u8> {
    let control = modifiers.contains(KeyModifiers::CONTROL);
    let bytes: Vec<u8> = match code {
        KeyCode::Char(c) if control && c.is_ascii_alphabetic() => {
            vec![c.to_ascii_lowercase() as u8 & 0x1f]
        }
        KeyCode::Char(c) if !control => c.to_string().into_bytes(),
        KeyCode::Tab if !control => b"\t".to_vec(),
        KeyCode::BackTab => b"\x1b[Z".to_vec(),
        KeyCode::Enter => b"\r".to_vec(),
        KeyCode::Backspace => b"\x7f".to_vec(),
        KeyCode::Esc => b"\x1b".to_vec(),
        KeyCode::Up => b"\x1b[A".to_vec(),
        KeyCode::Down => b"\x1b[B".to_vec(),
        KeyCode::Right => b"\x1b[C".to_vec(),
        KeyCode::Left => b"\x1b[D".to_vec(),
        KeyCode::Home => b"\x1b[H".to_vec(),
        KeyCode::End => b"\x1b[F".to_vec(),
        KeyCode::PageUp => b"\x1b[5~".to_vec(),
        KeyCode::PageDown => b"\x1b[6~".to_vec(),
        KeyCode::F(n @ 1..=4) => vec![0x1b, b'O', b'P' + n - 1],
        KeyCode::F(n @ 5..=12) => {
            let number = [15, 17, 18, 19, 20, 21, 23, 24][usize::from(n - 5)];
            format!("\x1b[{number}~").into_bytes()
        }
        other => {
            panic!("the harness does not know how a terminal sends {other:?} with {modifiers:?}")
        }
    };
    if modifiers.contains(KeyModifiers::ALT) {
        [b"\x1b".as_slice(), &bytes].concat()
    } else {
        bytes
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

/// A dashboard and its consoles, sharing a runtime folder (XDG_RUNTIME_DIR) that no other
/// test uses, so they find each other through the session's socket in it.
pub struct Session {
    runtime: TempDir,
}

impl Session {
    pub fn new() -> Session {
        Session {
            runtime: tempfile::tempdir().expect("a runtime folder"),
        }
    }

    fn env(&self) -> [(&str, &str); 1] {
        [(
            "XDG_RUNTIME_DIR",
            self.runtime
                .path()
                .to_str()
                .expect("a UTF-8 temporary path"),
        )]
    }

    /// `gapdash ARGS` (a dashboard) in a 100×30 pty: the projector.
    pub fn dashboard(&self, args: &[&str]) -> Pty {
        Pty::spawn_env(args, &self.env(), 100, 30)
    }

    /// `gapdash console ARGS` in an 80×24 pty: the presenter's laptop.
    pub fn console(&self, args: &[&str]) -> Pty {
        let args: Vec<&str> = ["console"].iter().chain(args).copied().collect();
        Pty::spawn_env(&args, &self.env(), 80, 24)
    }

    /// The folder the sessions' sockets are in.
    pub fn folder(&self) -> PathBuf {
        self.runtime.path().join("gapdash")
    }

    /// The socket of session `name`.
    pub fn socket(&self, name: &str) -> PathBuf {
        self.folder().join(format!("{name}.sock"))
    }
}

/// What gapdash did when its terminal hung up under it (see [`hang_up`]).
pub struct HungUp {
    /// How it ended.
    pub status: std::process::ExitStatus,
    /// CPU clock ticks (utime + stime) it used from the hang-up to its end.
    pub ticks_after: u64,
    /// From the hang-up to its end.
    pub took: Duration,
}

/// Runs `gapdash ARGS` on a pty that is not its controlling terminal (as for a program a
/// script started, or one whose terminal is gone while it lives on: no SIGHUP comes), waits
/// until it has drawn its first frame and, if `key` is given, answered it with a second,
/// then closes the pty's other end: what it did then. Linux: it reads the child's CPU time
/// in /proc.
pub fn hang_up(args: &[&str], key: Option<&[u8]>) -> HungUp {
    use std::fs::File;
    use std::os::fd::{FromRawFd, OwnedFd};
    use std::process::Stdio;

    let size = libc::winsize {
        ws_row: 30,
        ws_col: 100,
        ws_xpixel: 0,
        ws_ypixel: 0,
    };
    let (mut master, mut slave): (libc::c_int, libc::c_int) = (-1, -1);
    // SAFETY: openpty writes the two descriptors it opens into the two ints we own, reads the
    // size we pass and nothing else (no name buffer, no termios).
    let opened = unsafe {
        libc::openpty(
            &mut master,
            &mut slave,
            std::ptr::null_mut(),
            std::ptr::null(),
            &size,
        )
    };
    assert_eq!(opened, 0, "openpty failed");
    // SAFETY: both descriptors were just opened by openpty and are owned by nothing else;
    // fcntl changes the master's flags only: close-on-exec, so that gapdash does not hold
    // the pty's other end open itself, and non-blocking, for the reads below.
    let (master, slave) = unsafe {
        libc::fcntl(master, libc::F_SETFD, libc::FD_CLOEXEC);
        let flags = libc::fcntl(master, libc::F_GETFL);
        libc::fcntl(master, libc::F_SETFL, flags | libc::O_NONBLOCK);
        (OwnedFd::from_raw_fd(master), OwnedFd::from_raw_fd(slave))
    };
    let stdio = |fd: &OwnedFd| Stdio::from(fd.try_clone().expect("dup the pty"));
    let runtime = TempDir::new().expect("a runtime folder");
    let mut child = super::gapdash()
        .args(args)
        .env("XDG_RUNTIME_DIR", runtime.path())
        .stdin(stdio(&slave))
        .stdout(stdio(&slave))
        .stderr(stdio(&slave))
        .spawn()
        .expect("start gapdash");
    drop(slave);
    let mut master = File::from(master);
    let mut seen = Vec::new();
    let mut read_until = |master: &mut File, frames: usize| {
        let deadline = Instant::now() + DEADLINE;
        while count(&seen, FRAME_END) < frames {
            assert!(
                Instant::now() < deadline,
                "no frame {frames}: {}",
                escaped(&seen)
            );
            let mut chunk = [0u8; 65536];
            match master.read(&mut chunk) {
                Ok(n) => seen.extend_from_slice(&chunk[..n]),
                Err(e) if e.kind() == std::io::ErrorKind::WouldBlock => thread::sleep(POLL),
                Err(e) => panic!("reading the pty: {e}"),
            }
        }
    };
    read_until(&mut master, 1);
    if let Some(key) = key {
        // A key answered: the terminal is being read.
        master.write_all(key).expect("type the key");
        read_until(&mut master, 2);
    }
    let stat = |pid: u32| -> Option<(char, u64)> {
        let text = std::fs::read_to_string(format!("/proc/{pid}/stat")).ok()?;
        let fields: Vec<&str> = text.rsplit_once(')')?.1.split_whitespace().collect();
        let ticks = fields[11].parse::<u64>().ok()? + fields[12].parse::<u64>().ok()?;
        Some((fields[0].chars().next()?, ticks))
    };
    let (_, before) = stat(child.id()).expect("gapdash runs");
    let hung = Instant::now();
    drop(master);
    // Its end, seen while it is a zombie, so its CPU time can still be read.
    let ticks = loop {
        match stat(child.id()) {
            Some(('Z', ticks)) => break ticks,
            Some(_) if hung.elapsed() < DEADLINE => thread::sleep(POLL),
            Some(_) => {
                let _ = child.kill();
                panic!("gapdash still runs {DEADLINE:?} after its terminal hung up");
            }
            None => panic!("gapdash's /proc entry is gone before it was waited for"),
        }
    };
    let took = hung.elapsed();
    let status = child.wait().expect("wait for gapdash");
    HungUp {
        status,
        ticks_after: ticks.saturating_sub(before),
        took,
    }
}
