//! Everything a user (or the clock) can ask for. Keys map onto these (keys.rs);
//! `App::update` carries them out.

use std::time::Instant;

use crate::app::View;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
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
    /// Close the help overlay, else the status line, else leave presentation mode; never
    /// quits.
    CloseOverlay,
    /// Presentation mode on or off (F5, a clicker's start button).
    TogglePresent,
    /// A fully blank screen; any key brings the view back.
    Blank,
    /// The next colour theme.
    NextTheme,
    /// The talk timer back to zero (or to the full talk length).
    ResetTimer,
    /// Autoplay paused or resumed.
    ToggleAutoplay,
    /// A key with no binding: it only brings back a blank screen.
    OtherKey,
    /// The clock moved on: timers, autoplay and animation read the time from here only.
    Tick(Instant),
    /// Read the data files again (the event loop reads them; `App::reloaded` takes the result).
    Reload,
    /// The terminal's size in cells. Layout-dependent moves (scrolling a long quote) read it
    /// from here only.
    Resize(u16, u16),
    Quit,
}

impl Action {
    /// Whether this action comes from the user (a key, a click) rather than the clock or
    /// the terminal.
    pub fn is_input(self) -> bool {
        !matches!(self, Action::Tick(_) | Action::Resize(..))
    }
}
