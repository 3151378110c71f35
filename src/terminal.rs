//! Entering and leaving the terminal: raw mode, alternate screen, mouse capture, cursor.
//! Restored on quit, on error, on panic and on SIGTERM, SIGHUP and SIGINT.

use std::io::{self, Stdout, stdout};
use std::sync::Once;
use std::thread;

use ratatui::Terminal;
use ratatui::backend::CrosstermBackend;
use ratatui::crossterm::cursor::Show;
use ratatui::crossterm::event::{DisableMouseCapture, EnableMouseCapture};
use ratatui::crossterm::execute;
use ratatui::crossterm::terminal::{
    Clear, ClearType, EnterAlternateScreen, LeaveAlternateScreen, disable_raw_mode, enable_raw_mode,
};
use signal_hook::consts::{SIGHUP, SIGINT, SIGTERM};
use signal_hook::iterator::Signals;

pub type Tui = Terminal<CrosstermBackend<Stdout>>;

/// Raw mode, the alternate screen and mouse capture, with a panic hook that undoes them
/// before the panic message is printed and signal handling that undoes them before exiting.
pub fn enter() -> io::Result<Tui> {
    install_panic_hook();
    handle_signals()?;
    enable_raw_mode()?;
    // Cleared here rather than with `Terminal::clear`, which first asks the terminal where its
    // cursor is and waits for the answer: a round trip before the first frame, and a long
    // wait on a terminal that never answers.
    if let Err(e) = execute!(
        stdout(),
        EnterAlternateScreen,
        EnableMouseCapture,
        Clear(ClearType::All)
    ) {
        restore();
        return Err(e);
    }
    match Terminal::new(CrosstermBackend::new(stdout())) {
        Ok(mut terminal) => {
            terminal.hide_cursor()?;
            Ok(terminal)
        }
        Err(e) => {
            restore();
            Err(e)
        }
    }
}

/// Everything `enter` turned on, turned off. Safe to call more than once; errors are
/// ignored because there is nothing better to do with them on the way out.
pub fn restore() {
    let _ = disable_raw_mode();
    let _ = execute!(stdout(), DisableMouseCapture, LeaveAlternateScreen, Show);
}

fn install_panic_hook() {
    let previous = std::panic::take_hook();
    std::panic::set_hook(Box::new(move |info| {
        restore();
        previous(info);
    }));
}

/// SIGTERM, SIGHUP and SIGINT (`kill -INT`; in raw mode Ctrl-C arrives as a key instead)
/// restore the terminal and exit with 128 + the signal's number: the status a shell reports
/// for a process the signal killed, so scripts and `$?` see what they would without this.
///
/// Registered once, before the terminal changes, and never taken back: signal-hook cannot
/// give a signal its default action again, and `restore` is harmless once the TUI is gone.
fn handle_signals() -> io::Result<()> {
    static REGISTERED: Once = Once::new();
    let mut result = Ok(());
    REGISTERED.call_once(|| {
        result = Signals::new([SIGTERM, SIGHUP, SIGINT]).and_then(|mut signals| {
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
