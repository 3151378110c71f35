//! Entering and leaving the terminal: raw mode, alternate screen, mouse capture, cursor.
//! Restored on quit, on error and on panic.

use std::io::{self, Stdout, stdout};

use ratatui::Terminal;
use ratatui::backend::CrosstermBackend;
use ratatui::crossterm::cursor::Show;
use ratatui::crossterm::event::{DisableMouseCapture, EnableMouseCapture};
use ratatui::crossterm::execute;
use ratatui::crossterm::terminal::{
    Clear, ClearType, EnterAlternateScreen, LeaveAlternateScreen, disable_raw_mode, enable_raw_mode,
};

pub type Tui = Terminal<CrosstermBackend<Stdout>>;

/// Raw mode, the alternate screen and mouse capture, with a panic hook that undoes them
/// before the panic message is printed.
pub fn enter() -> io::Result<Tui> {
    install_panic_hook();
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
