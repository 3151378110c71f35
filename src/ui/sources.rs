//! Every figure shown anywhere, with its source and confidence; the selected row's full
//! source and derivation underneath.

use ratatui::buffer::Buffer;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Paragraph, Widget, Wrap};

use super::theme::Theme;
use super::{paint, text};
use crate::app::App;
use crate::data::Confidence;

pub fn render(app: &App, area: Rect, buf: &mut Buffer, theme: &Theme) {
    let rows = &app.sources;
    let Some(selected) = rows.get(app.source) else {
        return;
    };
    let [head, table_area, detail] = Layout::vertical([
        Constraint::Length(1),
        Constraint::Fill(1),
        Constraint::Length(5),
    ])
    .areas(area);

    let position = format!("{}/{}  ↑/↓ j/k", app.source + 1, rows.len());
    let [title, count] = Layout::horizontal([
        Constraint::Fill(1),
        Constraint::Length(text::width(&position) as u16),
    ])
    .spacing(2)
    .areas(head);
    Line::from(vec![
        Span::styled("Sources", theme.heading),
        Span::styled(
            format!(
                " · V stated by the source · D{} derived",
                Confidence::D.marker()
            ),
            theme.muted,
        ),
    ])
    .render(title, buf);
    Line::styled(position, theme.accent).render(count, buf);

    // The figure column takes what it needs, leaving the source column at least 24 cells.
    let value_w = if area.width >= 120 { 36 } else { 16 };
    let longest = rows
        .iter()
        .map(|r| text::width(&r.figure))
        .max()
        .unwrap_or(0);
    let figure_w = longest
        .min((area.width as usize).saturating_sub(value_w + 4 + 24))
        .max((area.width as usize).saturating_sub(value_w + 4) / 2);
    let source_w = (area.width as usize).saturating_sub(figure_w + value_w + 1 + 3);
    // Written row by row rather than with `Table`, which restyles every cell several times:
    // on a large terminal that was most of the frame's cost.
    let widths = [figure_w, value_w, 1, source_w];
    let row_at = |y: u16| Rect {
        y,
        height: 1,
        ..table_area
    };
    let header = row_at(table_area.y);
    paint::fill(buf, header, theme.heading);
    paint::columns(
        buf,
        header,
        &widths,
        1,
        ["figure", "value", "", "source"].map(Span::raw),
    );
    let visible = table_area.height.saturating_sub(1) as usize;
    // Scrolled just enough to keep the selected row in sight, as a table widget would be.
    let offset = (app.source + 1).saturating_sub(visible);
    for (i, r) in rows.iter().enumerate().skip(offset).take(visible) {
        let row = row_at(table_area.y + 1 + (i - offset) as u16);
        paint::columns(
            buf,
            row,
            &widths,
            1,
            [
                Span::raw(text::truncate(&r.figure, figure_w)),
                Span::raw(text::truncate(
                    &format!("{}{}", r.value, r.confidence.marker()),
                    value_w,
                )),
                Span::raw(r.confidence.letter()),
                Span::styled(text::truncate(&r.source, source_w), theme.muted),
            ],
        );
        if i == app.source {
            buf.set_style(row, theme.selected);
        }
    }

    let mut lines = vec![
        Line::from(vec![
            Span::styled(format!("{}: ", selected.figure), theme.heading),
            Span::styled(selected.value.as_str(), theme.text),
            Span::styled(
                match selected.confidence {
                    Confidence::V => "  (V: stated by the source)",
                    Confidence::D => "  (D: derived)",
                },
                theme.muted,
            ),
        ]),
        Line::from(vec![
            Span::styled("source: ", theme.muted),
            Span::styled(selected.source.as_str(), theme.text),
        ]),
    ];
    if let Some(how) = &selected.derivation {
        lines.push(Line::from(vec![
            Span::styled("derived: ", theme.muted),
            Span::styled(how.as_str(), theme.text),
        ]));
    }
    Paragraph::new(lines)
        .wrap(Wrap { trim: true })
        .block(
            Block::new()
                .borders(Borders::TOP)
                .border_style(theme.border),
        )
        .render(detail, buf);
}
