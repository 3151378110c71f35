//! The `?` overlay: every binding of the key table.

use ratatui::buffer::Buffer;
use ratatui::layout::{Constraint, Rect};
use ratatui::text::Line;
use ratatui::widgets::{Block, BorderType, Cell, Clear, Row, Table, Widget};

use super::theme::Theme;
use crate::layout::centered;
use crate::{keys, text};

pub fn render(area: Rect, buf: &mut Buffer, theme: &Theme) {
    let rows = keys::help_rows();
    let key_width = rows.iter().map(|(k, _)| text::width(k)).max().unwrap_or(0) as u16;
    let help_width = rows.iter().map(|(_, h)| text::width(h)).max().unwrap_or(0) as u16;
    let popup = centered(area, key_width + help_width + 7, rows.len() as u16 + 2);
    Clear.render(popup, buf);
    let block = Block::bordered()
        .border_type(BorderType::Rounded)
        .border_style(theme.accent)
        .style(theme.text)
        .title(Line::styled(" Keys ", theme.heading).centered())
        .title_bottom(Line::styled(" Esc or ? closes ", theme.muted).centered());
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
    Widget::render(table, popup, buf);
}
