//! Every figure shown anywhere, with its source and confidence; the selected row's full
//! source and derivation underneath.

use ratatui::buffer::Buffer;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{
    Block, Borders, Cell, Paragraph, Row, StatefulWidget, Table, TableState, Widget, Wrap,
};

use super::text;
use super::theme::Theme;
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
    let table = Table::new(
        rows.iter().map(|r| {
            Row::new([
                Cell::from(text::truncate(&r.figure, figure_w)),
                Cell::from(text::truncate(
                    &format!("{}{}", r.value, r.confidence.marker()),
                    value_w,
                )),
                Cell::from(r.confidence.letter()),
                Cell::from(Span::styled(
                    text::truncate(&r.source, source_w),
                    theme.muted,
                )),
            ])
        }),
        [
            Constraint::Length(figure_w as u16),
            Constraint::Length(value_w as u16),
            Constraint::Length(1),
            Constraint::Fill(1),
        ],
    )
    .header(Row::new(["figure", "value", "", "source"]).style(theme.heading))
    .row_highlight_style(theme.selected)
    .column_spacing(1);
    let mut state = TableState::default().with_selected(Some(app.source));
    StatefulWidget::render(table, table_area, buf, &mut state);

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
