//! Every figure shown anywhere, with its source and confidence; the selected row's full
//! source and derivation underneath.

use ratatui::buffer::Buffer;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{
    Block, Borders, HighlightSpacing, Paragraph, Row, StatefulWidget, Table, TableState, Widget,
};

use super::theme::Theme;
use gapdash_app::app::App;
use gapdash_app::layout::{split_bottom, split_top};
use gapdash_app::text;
use gapdash_data::{Confidence, SourceRow};

/// Rows under the table for the selected figure in full.
const DETAIL_H: u16 = 5;

pub fn render(app: &App, area: Rect, buf: &mut Buffer, theme: &Theme) {
    let rows = app.sources();
    let Some(selected) = rows.get(app.source()) else {
        return;
    };
    let (head, rest) = split_top(area, 1);
    let (detail, table_area) = split_bottom(rest, DETAIL_H);
    let words = &app.strings().sources;

    let position = format!("{}/{}  {}", app.source() + 1, rows.len(), words.keys);
    let [title, count] = Layout::horizontal([
        Constraint::Fill(1),
        Constraint::Length(text::width(&position) as u16),
    ])
    .spacing(2)
    .areas(head);
    let heading = super::heading(
        &words.title,
        words.legend.fill(&[("d", &Confidence::D.marker())]),
        theme,
    );
    super::fitted(heading, title).render(title, buf);
    Line::styled(position, theme.accent).render(count, buf);

    table(app, table_area, buf, theme);
    detail_lines(app, selected, detail, buf, theme);
}

/// The table, scrolled just enough to keep the selected row in sight.
fn table(app: &App, area: Rect, buf: &mut Buffer, theme: &Theme) {
    let rows = app.sources();
    let words = &app.strings().sources;
    // The figure column takes what it needs, leaving the source column at least 24 cells.
    let width = area.width as usize;
    let value_w = if width >= 120 { 36 } else { 16 };
    let longest = rows
        .iter()
        .map(|r| text::width(&r.figure))
        .max()
        .unwrap_or(0);
    let figure_w = longest
        .min(width.saturating_sub(value_w + 4 + 24))
        .max(width.saturating_sub(value_w + 4) / 2);
    let source_w = width.saturating_sub(figure_w + value_w + 1 + 3);
    let table_rows = rows.iter().map(|r| {
        let confidence = r.provenance.confidence;
        Row::new([
            Line::raw(text::truncate(&r.figure, figure_w)),
            Line::raw(text::truncate(
                &format!("{}{}", r.value, confidence.marker()),
                value_w,
            )),
            Line::raw(confidence.letter()),
            Line::styled(text::truncate(&r.provenance.source, source_w), theme.muted),
        ])
    });
    let widths = [figure_w, value_w, 1, source_w].map(|w| Constraint::Length(w as u16));
    let table = Table::new(table_rows, widths)
        .column_spacing(1)
        .header(
            Row::new([
                words.figure.as_str(),
                words.value.as_str(),
                "",
                words.source.as_str(),
            ])
            .style(theme.heading),
        )
        .row_highlight_style(theme.selected)
        .highlight_spacing(HighlightSpacing::Never);
    let mut state = TableState::new().with_selected(Some(app.source()));
    StatefulWidget::render(table, area, buf, &mut state);
}

/// The selected figure: its value and confidence, its source, and how it was derived.
fn detail_lines(app: &App, selected: &SourceRow, area: Rect, buf: &mut Buffer, theme: &Theme) {
    let p = &selected.provenance;
    let words = &app.strings().sources;
    let meaning = match p.confidence {
        Confidence::V => &words.stated,
        Confidence::V2 => &words.stated_weaker,
        Confidence::D => &words.derived,
    };
    let mut lines = vec![
        Line::from(vec![
            Span::styled(
                words.figure_label.fill(&[("figure", &selected.figure)]),
                theme.heading,
            ),
            Span::styled(selected.value.clone(), theme.text),
            Span::styled(
                words
                    .confidence
                    .fill(&[("letter", &p.confidence.letter()), ("meaning", meaning)]),
                theme.muted,
            ),
        ]),
        Line::from(vec![
            Span::styled(words.source_label.clone(), theme.muted),
            Span::styled(p.source.clone(), theme.text),
        ]),
    ];
    if let Some(how) = &p.derivation {
        lines.push(Line::from(vec![
            Span::styled(words.derived_label.clone(), theme.muted),
            Span::styled(how.clone(), theme.text),
        ]));
    }
    let block = Block::new()
        .borders(Borders::TOP)
        .border_style(theme.border);
    let inner = block.inner(area);
    block.render(area, buf);
    let width = inner.width as usize;
    let lines = text::fit(
        text::wrap_lines(&lines, width),
        inner.height as usize,
        width,
    );
    Paragraph::new(lines).render(inner, buf);
}
