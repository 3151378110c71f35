//! Everything a user can ask for. Keys map onto these (keys.rs); `App::update` carries them out.

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
    /// Close whatever overlay is open, or the status line; never quits.
    CloseOverlay,
    /// Read the data files again (the event loop reads them; `App::reloaded` takes the result).
    Reload,
    /// The terminal's size in cells. Layout-dependent moves (scrolling a long quote) read it
    /// from here only.
    Resize(u16, u16),
    Quit,
}
