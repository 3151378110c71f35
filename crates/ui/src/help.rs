//! The `?` overlay: every binding of the key table.

use ratatui::buffer::Buffer;
use ratatui::layout::{Constraint, Rect};
use ratatui::text::Line;
use ratatui::widgets::{
    Block, BorderType, Cell, Clear, Row, StatefulWidget, Table, TableState, Widget,
};

use super::theme::Theme;
use gapdash_app::app::App;
use gapdash_app::{keys, layout, text};

/// The overlay, scrolled by `app.help_scroll()` when the stage is too short for it.
pub fn render(app: &App, stage: Rect, buf: &mut Buffer, theme: &Theme) {
    let words = app.strings();
    let rows = keys::help_rows(&words.keys, !app.ascii());
    let key_width = rows.iter().map(|(k, _)| text::width(k)).max().unwrap_or(0) as u16;
    let popup = layout::help_popup(stage, &words.keys, !app.ascii());
    super::cut_straddling(popup, buf);
    Clear.render(popup, buf);
    let scroll = app.help_scroll();
    let visible = popup.height.saturating_sub(2) as usize;
    let more_above = scroll > 0;
    let more_below = scroll as usize + visible < rows.len();
    let h = &words.help;
    let closes = match (more_above, more_below) {
        (false, false) => format!(" {} ", h.closes),
        (false, true) => format!(" {} · {} ", h.more_below, h.closes),
        (true, true) => format!(" {} · {} ", h.more_both, h.closes),
        (true, false) => format!(" {} · {} ", h.more_above, h.closes),
    };
    let block = Block::bordered()
        .border_type(BorderType::Rounded)
        .border_style(theme.accent)
        .style(theme.text)
        .title(Line::styled(format!(" {} ", h.title), theme.heading).centered())
        .title_bottom(Line::styled(closes, theme.muted).centered());
    let table = Table::new(
        rows.into_iter().map(|(keys, help)| {
            Row::new([
                Cell::from(Line::styled(keys, theme.hint_key).right_aligned()),
                Cell::from(help),
            ])
        }),
        [Constraint::Length(key_width), Constraint::Fill(1)],
    )
    .column_spacing(2)
    .block(block.padding(ratatui::widgets::Padding::horizontal(1)));
    let mut state = TableState::new().with_offset(scroll as usize);
    StatefulWidget::render(table, popup, buf, &mut state);
}
