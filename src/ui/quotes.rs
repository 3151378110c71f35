//! One quote at a time, wrapped and centred, with speaker, source and position.

use ratatui::buffer::Buffer;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::style::Modifier;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Paragraph, Widget};

use super::text;
use super::theme::Theme;
use crate::app::App;

/// Quotes read best at a book's line length, however wide the terminal.
const MAX_LINE: usize = 72;

pub fn render(app: &App, area: Rect, buf: &mut Buffer, theme: &Theme) {
    let quotes = &app.report.quotes;
    let Some(quote) = quotes.get(app.quote) else {
        return;
    };
    let [head, body, foot] = Layout::vertical([
        Constraint::Length(1),
        Constraint::Fill(1),
        Constraint::Length(1),
    ])
    .areas(area);

    Line::from(vec![
        Span::styled("In their words", theme.heading),
        Span::styled(
            if quote.reported {
                " · reported speech"
            } else {
                " · direct quote"
            },
            theme.muted,
        ),
    ])
    .render(head, buf);
    Line::from(vec![
        Span::styled(format!("{}/{}", app.quote + 1, quotes.len()), theme.accent),
        Span::styled("   ↑/↓ or j/k for more", theme.muted),
    ])
    .right_aligned()
    .render(foot, buf);

    let width = (body.width as usize).saturating_sub(4).clamp(1, MAX_LINE);
    let mut lines: Vec<Line> = text::wrap(&quote.display_text(), width)
        .into_iter()
        .map(|l| Line::styled(l, theme.text.add_modifier(Modifier::ITALIC)))
        .collect();
    lines.push(Line::raw(""));
    for l in text::wrap(&format!("— {}", quote.speaker), width) {
        lines.push(Line::styled(l, theme.heading));
    }
    for l in text::wrap(&quote.source, width) {
        lines.push(Line::styled(l, theme.muted));
    }
    // Centre the block vertically; when it is taller than the area, the top stays visible.
    let height = (lines.len() as u16).min(body.height);
    let top = body.y + (body.height - height) / 2;
    Paragraph::new(lines).centered().render(
        Rect {
            y: top,
            height,
            ..body
        },
        buf,
    );
}
