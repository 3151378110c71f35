//! Everything a user, the clock or the event loop can ask of the app. Keys map onto these
//! (keys.rs); `App::update` carries them out and says what the loop must do (an Effect).

use std::time::Instant;

use crate::view::View;
use gapdash_data::{LoadError, Report};

#[derive(Debug, Clone, PartialEq)]
pub enum Action {
    /// Next view, wrapping from the last to the first (Tab).
    NextView,
    /// Previous view, wrapping from the first to the last (Shift-Tab).
    PrevView,
    /// Next view, staying on the last (a clicker's forward button).
    Forward,
    /// Previous view, staying on the first (a clicker's back button).
    Back,
    Goto(View),
    FirstView,
    LastView,
    /// Move up inside a view (previous quote, previous source).
    Up,
    /// Move down inside a view.
    Down,
    ToggleHelp,
    /// The speaker's notes under the dashboard, for rehearsing on one screen.
    ToggleNotes,
    /// Close the help overlay, else the status line, else leave presentation mode; never
    /// quits.
    CloseOverlay,
    /// Presentation mode on or off (F5, a clicker's start button).
    TogglePresent,
    /// A fully blank screen; any key brings it back.
    Blank,
    /// The next colour theme.
    NextTheme,
    /// The talk timer back to zero (or to the full talk length).
    ResetTimer,
    /// Autoplay paused or resumed.
    ToggleAutoplay,
    /// English to Chinese or back, keeping the view, the quote and the timer (L).
    SwitchLanguage,
    /// Read the data files again: `update` answers with [`Effect::Reload`].
    Reload,
    /// Back to the shell (Ctrl-Z); `fg` brings the dashboard back as it was.
    Suspend,
    Quit,
    /// A key with no binding: it only brings back a blank screen.
    OtherKey,
    /// The clock moved on: timers, autoplay and animation read the time from here only.
    Tick(Instant),
    /// The terminal's size in cells. Layout-dependent moves (scrolling a long quote) read it
    /// from here only.
    Resize(u16, u16),
    /// The data files as the loop read them, after a reload was asked for or a watched file
    /// changed: the new report, or every problem found.
    Loaded(Box<Result<Report, LoadError>>),
    /// A line for the status bar about the consoles: something dropped or refused.
    Notice(String),
}

impl Action {
    /// Whether this action comes from the user (a key, a click) rather than the clock, the
    /// terminal or the files.
    pub fn is_input(&self) -> bool {
        !matches!(
            self,
            Action::Tick(_) | Action::Resize(..) | Action::Loaded(_) | Action::Notice(_)
        )
    }
}

/// What the event loop must do after an update: the only way `update` asks for I/O.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Effect {
    /// Nothing beyond drawing the next frame.
    None,
    /// Read the data files and hand the result back as [`Action::Loaded`].
    Reload,
    /// Give the terminal back and stop until the shell continues the process.
    Suspend,
    /// Restore the terminal and exit.
    Quit,
}
