//! Drawing the app into ratatui's `TestBackend`, shared by the snapshot test files.
#![allow(dead_code)]

use gapdash::app::App;
use gapdash::snapshot::buffer_text;
use ratatui::Terminal;
use ratatui::backend::TestBackend;

pub type Result<T = ()> = std::result::Result<T, Box<dyn std::error::Error>>;

/// `app` drawn into a `width`×`height` test terminal.
pub fn draw(app: &App, width: u16, height: u16) -> Result<Terminal<TestBackend>> {
    let mut terminal = Terminal::new(TestBackend::new(width, height))?;
    terminal.draw(|f| f.render_widget(app, f.area()))?;
    Ok(terminal)
}

/// The screen as plain text, one line per row.
pub fn text(terminal: &Terminal<TestBackend>) -> String {
    buffer_text(terminal.backend().buffer())
}
