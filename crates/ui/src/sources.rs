//! Every figure shown anywhere, with its source and confidence; the selected row's full
//! source and derivation underneath.

use ratatui::buffer::Buffer;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span, Text};
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

    let offset = table(app, table_area, buf, theme);
    detail_lines(app, selected, detail, buf, theme);
    // Rows the window leaves above or below, said on the rule under the table.
    let shown = table_area.height.saturating_sub(1) as usize;
    let help = &app.strings().help;
    let mark = match (offset > 0, offset + shown < rows.len()) {
        (false, true) => Some(&help.more_below),
        (true, true) => Some(&help.more_both),
        (true, false) => Some(&help.more_above),
        (false, false) => None,
    };
    if let Some(mark) = mark {
        Line::styled(format!(" {mark} "), theme.muted)
            .right_aligned()
            .render(
                Rect {
                    height: 1,
                    ..detail
                },
                buf,
            );
    }
}

/// The widths of the figure, value and source columns in `width` cells: the figure
/// column takes what it needs, leaving the source column at least 24 cells.
fn column_widths(rows: &[SourceRow], width: usize) -> [usize; 3] {
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
    [figure_w, value_w, source_w]
}

/// The table, scrolled just enough to keep the selected row in sight. Returns the first
/// row shown.
fn table(app: &App, area: Rect, buf: &mut Buffer, theme: &Theme) -> usize {
    let rows = app.sources();
    let words = &app.strings().sources;
    let [figure_w, value_w, source_w] = column_widths(rows, area.width as usize);
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
    state.offset()
}

/// Every figure for a reader: the title and legend wrapped, then the whole table with no
/// row selected and every cell in full, wrapped in its column (a derived figure's
/// arithmetic under its source). Returns the heading's lines, the table and the rows both
/// take at `width`.
pub fn for_reader(
    app: &App,
    width: u16,
    theme: &Theme,
) -> (Vec<Line<'static>>, Table<'static>, u16) {
    let rows = app.sources();
    let words = &app.strings().sources;
    let heading = text::wrap_lines(
        &[super::heading(
            &words.title,
            words.legend.fill(&[("d", &Confidence::D.marker())]),
            theme,
        )],
        width as usize,
    );
    // The letter column as wide as its widest letter ("V2"), taken from the source column.
    let letter_w = rows
        .iter()
        .map(|r| text::width(r.provenance.confidence.letter()))
        .max()
        .unwrap_or(1);
    // Nothing scrolls, so the source (the longest text) takes what the figure and the
    // value leave: the value as wide as the widest, the figure at most two fifths.
    let room = (width as usize).saturating_sub(letter_w + 3);
    let widest = |cell: &dyn Fn(&SourceRow) -> String| {
        rows.iter()
            .map(|r| text::width(&cell(r)))
            .max()
            .unwrap_or(1)
    };
    let value_w = widest(&|r| format!("{}{}", r.value, r.provenance.confidence.marker()))
        .min(room / 4)
        .max(1);
    let figure_w = widest(&|r| r.figure.clone())
        .min(room.saturating_sub(value_w) * 2 / 5)
        .max(1);
    let source_w = room.saturating_sub(value_w + figure_w).max(1);
    let mut height = 1;
    let table_rows: Vec<Row> = rows
        .iter()
        .map(|r| {
            let p = &r.provenance;
            let figure = text::wrap(&r.figure, figure_w.max(1));
            let value = text::wrap(
                &format!("{}{}", r.value, p.confidence.marker()),
                value_w.max(1),
            );
            let mut source: Vec<Line> = text::wrap(&p.source, source_w.max(1))
                .into_iter()
                .map(|l| Line::styled(l, theme.muted))
                .collect();
            if let Some(how) = &p.derivation {
                source.extend(
                    text::wrap(&format!("{}{how}", words.derived_label), source_w.max(1))
                        .into_iter()
                        .map(|l| Line::styled(l, theme.text)),
                );
            }
            let lines = figure.len().max(value.len()).max(source.len()).max(1);
            height += lines as u16;
            Row::new([
                Text::from(figure.into_iter().map(Line::raw).collect::<Vec<_>>()),
                Text::from(value.into_iter().map(Line::raw).collect::<Vec<_>>()),
                Text::raw(p.confidence.letter()),
                Text::from(source),
            ])
            .height(lines as u16)
        })
        .collect();
    let widths = [figure_w, value_w, letter_w, source_w].map(|w| Constraint::Length(w as u16));
    let table = Table::new(table_rows, widths).column_spacing(1).header(
        Row::new([
            words.figure.clone(),
            words.value.clone(),
            String::new(),
            words.source.clone(),
        ])
        .style(theme.heading),
    );
    let height = heading.len() as u16 + height;
    (heading, table, height)
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::snapshot::buffer_text;
    use gapdash_app::app::View;
    use gapdash_data::builtin;

    /// The row of the table's header: after the heading's lines.
    fn heading_rows(shown: &str) -> usize {
        shown
            .lines()
            .position(|l| l.trim_start().starts_with("figure"))
            .expect("the header")
    }

    /// For a reader every cell is there in full, however long, and no row stands out.
    #[test]
    fn for_a_reader_every_cell_is_whole_and_no_row_is_selected() {
        let mut report = builtin().expect("built-in data");
        let long = "a source named at length, ".repeat(12) + "the end";
        report.penetration.periods[0].provenance.source = long.clone();
        let app = App::new(report, View::Sources);
        let theme = Theme::default();
        let (heading, table, rows) = for_reader(&app, 80, &theme);
        let area = Rect::new(0, 0, 80, rows);
        let mut buf = Buffer::empty(area);
        let (top, rest) = split_top(area, heading.len() as u16);
        Paragraph::new(heading).render(top, &mut buf);
        Widget::render(table, rest, &mut buf);
        let shown = buffer_text(&buf);
        // Each column read top to bottom, without the spaces wrapping puts in: every cell
        // is in its column, whole and in order, however it was wrapped.
        let header = heading_rows(&shown);
        let starts: Vec<usize> = ["figure", "value", "source"]
            .iter()
            .map(|w| shown.lines().nth(header).unwrap_or("").find(w).expect(w))
            .collect();
        let column = |from: usize, to: usize| -> String {
            shown
                .lines()
                .skip(header + 1)
                .map(|l| {
                    let chars: Vec<char> = l.chars().collect();
                    chars[from.min(chars.len())..to.min(chars.len())]
                        .iter()
                        .filter(|c| !c.is_whitespace())
                        .collect::<String>()
                })
                .collect()
        };
        let bare = |s: &str| s.chars().filter(|c| !c.is_whitespace()).collect::<String>();
        let (figures, values, sources) = (
            column(starts[0], starts[1]),
            column(starts[1], starts[2] - 3),
            column(starts[2], usize::MAX),
        );
        let (mut f, mut v, mut s) = (0, 0, 0);
        for row in app.sources() {
            for (stream, at, cell) in [
                (&figures, &mut f, &row.figure),
                (&values, &mut v, &row.value),
                (&sources, &mut s, &row.provenance.source),
            ] {
                let found = stream[*at..]
                    .find(&bare(cell))
                    .unwrap_or_else(|| panic!("{cell:?} not whole in\n{shown}"));
                *at += found;
            }
        }
        assert!(!shown.contains('…'), "{shown}");
        assert!(!shown.contains(app.strings().sources.keys.as_str()));
        // The last row is the buffer's last: the height is what the text needs.
        let last = shown.lines().last().unwrap_or_default();
        assert!(!last.trim().is_empty(), "{shown}");
        // The theme marks a selected row by its background; no cell has it.
        let selected = theme.selected.bg.expect("a selected row's background");
        assert!(buf.content.iter().all(|c| c.bg != selected), "{shown}");
    }
}
