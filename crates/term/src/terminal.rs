//! The terminal: entering and leaving raw mode, the alternate screen, mouse reporting and
//! bracketed paste; writing frames; suspending on Ctrl-Z. Restored on quit, on error, on
//! panic, on SIGTERM, SIGHUP, SIGINT and SIGQUIT, and while stopped.
//!
//! Frames are written here rather than through ratatui's `Terminal`: each frame is built in
//! memory, wrapped in a synchronized update (DEC mode 2026) and written with one `write`, so a
//! terminal never paints half a frame; a frame that changes nothing writes nothing; and
//! nothing ever asks the terminal where its cursor is.

use std::io::{self, Stdout, Write, stdout};
use std::sync::{Once, OnceLock};

use ratatui::buffer::Buffer;
use ratatui::crossterm::cursor::{Hide, Show};
use ratatui::crossterm::event::{
    DisableBracketedPaste, DisableMouseCapture, EnableBracketedPaste, EnableMouseCapture,
};
use ratatui::crossterm::terminal::{
    BeginSynchronizedUpdate, Clear, ClearType, EndSynchronizedUpdate, EnterAlternateScreen,
    LeaveAlternateScreen, disable_raw_mode, enable_raw_mode,
};
use ratatui::crossterm::{execute, queue};
use ratatui::layout::Rect;
use ratatui::widgets::Widget;
use signal_hook::consts::{SIGHUP, SIGINT, SIGQUIT, SIGTERM};

use crate::ansi;

/// The dashboard's terminal: what is on screen, and the next frame.
pub struct Tui {
    out: Stdout,
    /// What the terminal shows now.
    shown: Buffer,
    /// The frame being drawn.
    next: Buffer,
    /// The bytes of one frame, reused.
    bytes: Vec<u8>,
    /// The screen must be cleared and drawn whole at the next frame (start, resize, resume).
    repaint: bool,
}

/// Raw mode, the alternate screen, mouse reporting and bracketed paste, with a panic hook
/// that undoes them before the panic message is printed and signal handling that undoes them
/// before exiting.
pub fn enter() -> io::Result<Tui> {
    install_panic_hook();
    handle_exit_signals()?;
    remember_cooked_modes();
    if let Err(e) = enter_modes() {
        restore();
        return Err(e);
    }
    let (width, height) = size();
    let area = Rect::new(0, 0, width, height);
    Ok(Tui {
        out: stdout(),
        shown: Buffer::empty(area),
        next: Buffer::empty(area),
        bytes: Vec::with_capacity(16 * 1024),
        repaint: true,
    })
}

fn enter_modes() -> io::Result<()> {
    enable_raw_mode()?;
    execute!(
        stdout(),
        EnterAlternateScreen,
        EnableMouseCapture,
        EnableBracketedPaste,
        Hide
    )
}

/// Everything `enter` turned on, turned off. Safe to call more than once; errors are
/// ignored because there is nothing better to do with them on the way out.
pub fn restore() {
    let _ = disable_raw_mode();
    let _ = execute!(
        stdout(),
        DisableBracketedPaste,
        DisableMouseCapture,
        LeaveAlternateScreen,
        Show
    );
}

/// The terminal's size in cells; 0×0 when it cannot be told.
pub fn size() -> (u16, u16) {
    ratatui::crossterm::terminal::size().unwrap_or((0, 0))
}

impl Tui {
    /// The area frames are drawn in.
    pub fn area(&self) -> Rect {
        self.next.area
    }

    /// The terminal is now `width`×`height`: the next frame is drawn whole at that size.
    pub fn resize(&mut self, width: u16, height: u16) {
        let area = Rect::new(0, 0, width, height);
        self.shown = Buffer::empty(area);
        self.next = Buffer::empty(area);
        self.repaint = true;
    }

    /// Draws `widget` over the whole terminal and writes what changed since the last frame,
    /// in one write. Writes nothing when nothing changed.
    pub fn draw(&mut self, widget: impl Widget) -> io::Result<()> {
        let area = self.next.area;
        self.next.reset();
        widget.render(area, &mut self.next);
        let updates = ansi::changes(&self.shown, &self.next);
        if updates.is_empty() && !self.repaint {
            return Ok(());
        }
        self.bytes.clear();
        queue!(self.bytes, BeginSynchronizedUpdate)?;
        if self.repaint {
            queue!(self.bytes, Clear(ClearType::All))?;
        }
        ansi::encode(&mut self.bytes, updates);
        queue!(self.bytes, EndSynchronizedUpdate)?;
        self.out.write_all(&self.bytes)?;
        self.out.flush()?;
        std::mem::swap(&mut self.shown, &mut self.next);
        self.repaint = false;
        Ok(())
    }

    /// Ctrl-Z: the terminal restored, the process stopped as the shell's job control
    /// expects; on `fg`, the terminal taken back and the screen drawn whole.
    pub fn suspend(&mut self) -> io::Result<()> {
        restore();
        // SAFETY: raise(2) touches no memory of ours. SIGSTOP cannot be caught, so the
        // process stops here until the shell continues it (SIGCONT).
        unsafe {
            libc::raise(libc::SIGSTOP);
        }
        self.resume()
    }

    /// After being stopped (by Ctrl-Z, SIGTSTP or SIGSTOP) and continued: the terminal's
    /// modes back on, and the screen, which the shell used meanwhile, drawn whole.
    pub fn resume(&mut self) -> io::Result<()> {
        enter_modes()?;
        let (width, height) = size();
        self.resize(width, height);
        Ok(())
    }
}

fn install_panic_hook() {
    let previous = std::panic::take_hook();
    std::panic::set_hook(Box::new(move |info| {
        restore();
        previous(info);
    }));
}

/// The terminal's modes before raw mode, for the signal handlers to put back.
static COOKED: OnceLock<libc::termios> = OnceLock::new();

/// What `restore` writes, as bytes a signal handler can write without allocating: bracketed
/// paste off, mouse reporting off, the main screen, the cursor shown.
const RESTORE: &[u8] =
    b"\x1b[?2004l\x1b[?1006l\x1b[?1015l\x1b[?1003l\x1b[?1002l\x1b[?1000l\x1b[?1049l\x1b[?25h";

/// SIGTERM, SIGHUP, SIGINT (`kill -INT`; in raw mode Ctrl-C arrives as a key instead) and
/// SIGQUIT restore the terminal and exit with 128 + the signal's number: the status a shell
/// reports for a process the signal killed, so scripts and `$?` see what they would without
/// this.
///
/// The handlers run in the signal itself, with async-signal-safe calls only (tcsetattr,
/// write, _exit), so they work even while the loop is blocked writing to a terminal that
/// stopped reading, and no thread is started for them. Registered once, before the terminal
/// changes, and never taken back: exiting is right for these signals at any point.
fn handle_exit_signals() -> io::Result<()> {
    static REGISTERED: Once = Once::new();
    let mut result = Ok(());
    REGISTERED.call_once(|| {
        for signal in [SIGTERM, SIGHUP, SIGINT, SIGQUIT] {
            // SAFETY: the handler only reads a value set once before raw mode began, and
            // calls tcsetattr, write and _exit, all async-signal-safe.
            let registered = unsafe {
                signal_hook::low_level::register(signal, move || {
                    if let Some(cooked) = COOKED.get() {
                        libc::tcsetattr(libc::STDIN_FILENO, libc::TCSANOW, cooked);
                    }
                    libc::write(libc::STDOUT_FILENO, RESTORE.as_ptr().cast(), RESTORE.len());
                    libc::_exit(128 + signal);
                })
            };
            if let Err(e) = registered {
                result = Err(e);
                return;
            }
        }
    });
    result
}

/// Keeps the terminal's modes as they are before raw mode, once.
fn remember_cooked_modes() {
    // SAFETY: termios is plain data that tcgetattr fills in; used only if it succeeded.
    let mut modes: libc::termios = unsafe { std::mem::zeroed() };
    if unsafe { libc::tcgetattr(libc::STDIN_FILENO, &mut modes) } == 0 {
        let _ = COOKED.set(modes);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_signal_restore_writes_what_restore_writes() {
        let mut bytes = Vec::new();
        execute!(
            bytes,
            DisableBracketedPaste,
            DisableMouseCapture,
            LeaveAlternateScreen,
            Show
        )
        .expect("writes to memory");
        assert_eq!(
            String::from_utf8_lossy(&bytes),
            String::from_utf8_lossy(RESTORE)
        );
    }
}
