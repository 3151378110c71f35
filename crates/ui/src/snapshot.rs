//! A view drawn into a plain buffer and printed as text: `gapdash snapshot`, README pictures.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::widgets::Widget;
use unicode_width::UnicodeWidthStr;

use crate::Dashboard;
use crate::theme::Theme;
use gapdash_app::app::App;

/// The app drawn at `width`×`height` in the default theme, as lines of text without
/// trailing spaces.
pub fn render_text(app: &App, width: u16, height: u16) -> String {
    let area = Rect::new(0, 0, width, height);
    let mut buf = Buffer::empty(area);
    Dashboard::with_theme(app, &Theme::default()).render(area, &mut buf);
    buffer_text(&buf)
}

/// The symbols of a buffer, row by row; the cell after a wide character is skipped, as a
/// terminal hides it.
pub fn buffer_text(buf: &Buffer) -> String {
    let area = buf.area;
    let mut out = String::new();
    for y in area.top()..area.bottom() {
        let mut line = String::new();
        let mut skip = 0;
        for x in area.left()..area.right() {
            if skip > 0 {
                skip -= 1;
                continue;
            }
            let symbol = buf[(x, y)].symbol();
            line.push_str(symbol);
            skip = symbol.width().saturating_sub(1);
        }
        out.push_str(line.trim_end());
        out.push('\n');
    }
    out
}
