//! The terminal: entering and leaving raw mode, the alternate screen, mouse reporting and
//! bracketed paste; writing frames; suspending on Ctrl-Z. Restored on quit, on error, on
//! panic, on SIGTERM, SIGHUP, SIGINT and SIGQUIT, and while stopped.
//!
//! Frames are written here rather than through ratatui's `Terminal`: each frame is built in
//! memory, wrapped in a synchronized update (DEC mode 2026) and written with one `write`, so a
//! terminal never paints half a frame; a frame that changes nothing writes nothing; and
//! nothing ever asks the terminal where its cursor is.

use std::io::{self, Stdout, Write, stdout};
use std::sync::Once;
use std::thread;

use ratatui::backend::{Backend, CrosstermBackend};
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
use signal_hook::iterator::Signals;

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
        let updates = self.shown.diff(&self.next);
        if updates.is_empty() && !self.repaint {
            return Ok(());
        }
        self.bytes.clear();
        queue!(self.bytes, BeginSynchronizedUpdate)?;
        if self.repaint {
            queue!(self.bytes, Clear(ClearType::All))?;
        }
        {
            let mut backend = CrosstermBackend::new(&mut self.bytes);
            backend.draw(updates.into_iter())?;
        }
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

/// SIGTERM, SIGHUP, SIGINT (`kill -INT`; in raw mode Ctrl-C arrives as a key instead) and
/// SIGQUIT restore the terminal and exit with 128 + the signal's number: the status a shell
/// reports for a process the signal killed, so scripts and `$?` see what they would without
/// this.
///
/// Registered once, before the terminal changes, and never taken back: signal-hook cannot
/// give a signal its default action again, and `restore` is harmless once the TUI is gone.
fn handle_exit_signals() -> io::Result<()> {
    static REGISTERED: Once = Once::new();
    let mut result = Ok(());
    REGISTERED.call_once(|| {
        result = Signals::new([SIGTERM, SIGHUP, SIGINT, SIGQUIT]).and_then(|mut signals| {
            thread::Builder::new()
                .name("signals".into())
                .spawn(move || {
                    if let Some(signal) = signals.forever().next() {
                        // Holding stdout makes the loop's next write wait until the process
                        // is gone, so no frame lands on the main screen after the restore.
                        let _stdout = stdout().lock();
                        restore();
                        std::process::exit(128 + signal);
                    }
                })
                .map(drop)
        });
    });
    result
}
