//! Drawing the app into ratatui's `TestBackend`, shared by the snapshot test files.
#![allow(dead_code)]

use gapdash::app::App;
use gapdash::snapshot::buffer_text;
use gapdash::ui::Dashboard;
use gapdash::ui::theme::Theme;
use ratatui::Terminal;
use ratatui::backend::TestBackend;

pub type Result<T = ()> = std::result::Result<T, Box<dyn std::error::Error>>;

/// `app` drawn into a `width`×`height` test terminal in the default theme.
pub fn draw(app: &App, width: u16, height: u16) -> Result<Terminal<TestBackend>> {
    draw_themed(app, &[Theme::default()], width, height)
}

/// `app` drawn into a `width`×`height` test terminal in the theme it chose of `themes`.
pub fn draw_themed(
    app: &App,
    themes: &[Theme],
    width: u16,
    height: u16,
) -> Result<Terminal<TestBackend>> {
    let mut terminal = Terminal::new(TestBackend::new(width, height))?;
    terminal.draw(|f| f.render_widget(Dashboard::new(app, themes), f.area()))?;
    Ok(terminal)
}

/// The screen as plain text, one line per row.
pub fn text(terminal: &Terminal<TestBackend>) -> String {
    buffer_text(terminal.backend().buffer())
}
