//! Urban vs rural Internet penetration per CNNIC report, as grouped horizontal bars with the
//! gap per period; the report's own period is marked.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::Modifier;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Paragraph, Widget};

use super::bars::{Bar, Fill, Row, legend, render_rows};
use super::heading;
use super::theme::Theme;
use gapdash_app::app::App;
use gapdash_app::layout::{split_bottom, split_top};
use gapdash_app::text;
use gapdash_data::{Confidence, Period, Side, Strings, fmt};

/// The mark beside the report's headline period.
const REPORT_MARK: &str = "◆";
/// Columns after the label: the series name, the value, the gap.
const SERIES_W: u16 = 6;
const VALUE_W: u16 = 6;
const GAP_W: u16 = 11;

pub fn render(app: &App, area: Rect, buf: &mut Buffer, theme: &Theme) {
    let periods = &app.report().penetration.periods;

    // Each period needs two rows; spare rows go to the notes, then to spacing. Notes that do
    // not fit end in "…" on the last row there is; periods that do not fit leave a row
    // saying there is more, so nothing goes without a word.
    let bars_min = periods.len() as u16 * 2;
    let width = area.width as usize;
    let all_notes: Vec<Line> = notes_text(app)
        .iter()
        .flat_map(|note| text::wrap(note, width))
        .map(|line| Line::styled(line, theme.muted))
        .collect();
    // The title and legend wrap rather than cut where the rows allow it.
    let wrapped: Vec<Vec<Line>> = header(app, theme)
        .iter()
        .map(|line| text::wrap_line(line, width))
        .collect();
    let full = wrapped.iter().map(Vec::len).sum::<usize>() as u16;
    let header: Vec<Line> = if bars_min + full <= area.height {
        wrapped.into_iter().flatten().collect()
    } else {
        wrapped
            .into_iter()
            .flat_map(|lines| text::fit(lines, 1, width))
            .collect()
    };
    let header_h = header.len() as u16;
    let room = area.height.saturating_sub(header_h);
    let notes = if bars_min + all_notes.len() as u16 <= room {
        all_notes
    } else if bars_min < room {
        text::fit(all_notes, (room - bars_min) as usize, width)
    } else {
        let more = Line::styled(app.strings().since.more_on_larger.clone(), theme.muted);
        vec![super::fitted(more, area)]
    };
    let (foot, rest) = split_bottom(area, notes.len() as u16);
    let (head, chart) = split_top(rest, header_h);
    let gaps = periods.len().saturating_sub(1) as u16;
    let spacing = u16::from(chart.height >= bars_min + gaps);
    // Bars grow up to three rows thick when the terminal is tall.
    let thickness = (1..=3u16)
        .rev()
        .find(|t| bars_min * t + spacing * gaps <= chart.height)
        .unwrap_or(1);

    Paragraph::new(header).render(head, buf);
    let rows = chart_rows(app, (chart.width, chart.height), thickness, spacing, theme);
    render_rows(chart, buf, rows);
    Paragraph::new(notes).render(foot, buf);
}

/// The footnote for *, the stated changes, then the data's own notes.
fn notes_text(app: &App) -> Vec<String> {
    let s = app.strings();
    let w = &s.penetration;
    let pen = &app.report().penetration;
    let mut footnote = w.footnote.fill(&[("d", &Confidence::D.marker())]);
    for p in &pen.periods {
        if let Some(how) = &p.provenance.derivation {
            footnote.push_str(&s.numbers.clauses);
            footnote.push_str(&w.derived.fill(&[
                ("period", &s.period(&p.period)),
                ("side", &side_name(s, p.derived)),
                ("how", &s.term(how)),
            ]));
        }
    }
    let mut notes = vec![footnote];
    if !pen.changes.is_empty() {
        let changes: Vec<String> = pen
            .changes
            .iter()
            .map(|c| {
                let points = s.points(&fmt::num(c.points));
                w.change.fill(&[
                    ("label", &s.term(&c.label)),
                    (
                        "points",
                        &format!("{points}{}", c.provenance.confidence.marker()),
                    ),
                ])
            })
            .collect();
        notes.push(changes.join(&s.numbers.clauses));
    }
    notes.extend(pen.notes.iter().map(|n| s.term(n).to_string()));
    notes
}

/// The title and the legend.
fn header(app: &App, theme: &Theme) -> Vec<Line<'static>> {
    let w = &app.strings().penetration;
    let title = heading(&w.title, w.detail.clone(), theme);
    let mut key = legend(
        &[
            (Fill::Solid, theme.urban, &w.urban),
            (Fill::Shaded, theme.rural, &w.rural),
        ],
        theme.text,
    );
    key.push_span(Span::styled(
        format!("{REPORT_MARK} {}", w.report_period),
        theme.accent,
    ));
    vec![title, key]
}

/// Every period's rows, top to bottom: its urban bar, its rural bar (with the gap at the
/// right), `thickness` rows each, then `spacing` blank rows.
fn chart_rows(
    app: &App,
    (width, height): (u16, u16),
    thickness: u16,
    spacing: u16,
    theme: &Theme,
) -> Vec<Row<'static>> {
    let periods = &app.report().penetration.periods;
    let s = app.strings();
    // Labels take what they need, up to a quarter of the row: the bars and their values
    // always keep their room, and a label too long for it is cut with "…".
    let label_w = periods
        .iter()
        .map(|p| {
            let period = format!("{} {REPORT_MARK}", s.period(&p.period));
            text::width(&period).max(text::width(&s.report(&p.report)))
        })
        .max()
        .unwrap_or(0)
        .min((width as usize / 4).max(12)) as u16
        + 2;
    let cells = width.saturating_sub(label_w + SERIES_W + VALUE_W + GAP_W);
    let mut rows = Vec::new();
    for (i, p) in periods.iter().enumerate() {
        let blank = if i > 0 { spacing } else { 0 };
        // Only whole periods: an urban bar without its rural bar would read as a gap of 0.
        if rows.len() as u16 + blank + 2 * thickness > height {
            break;
        }
        rows.extend((0..blank).map(|_| Row::Blank));
        rows.extend(period_rows(app, p, label_w, cells, thickness, theme));
    }
    rows
}

/// One period: the urban bar, then the rural bar with the gap, each `thickness` rows.
fn period_rows(
    app: &App,
    p: &Period,
    label_w: u16,
    cells: u16,
    thickness: u16,
    theme: &Theme,
) -> Vec<Row<'static>> {
    let s = app.strings();
    let is_headline = p.period == app.report().headline.period;
    let mark = if is_headline { REPORT_MARK } else { "" };
    // Styled as a span, so the report's underline stays under its words and does not run
    // under the blank cells before them.
    let gap = Line::from(Span::styled(
        s.penetration.gap.fill(&[(
            "n",
            &format!("{}{}", fmt::pct1(p.gap_pts()), Confidence::D.marker()),
        )]),
        theme.heading.add_modifier(if is_headline {
            Modifier::UNDERLINED
        } else {
            Modifier::empty()
        }),
    ));
    let sides = [
        (
            Side::Urban,
            p.urban_pct,
            Fill::Solid,
            theme.urban,
            format!("{} {mark}", s.period(&p.period)),
            if is_headline {
                theme.accent
            } else {
                theme.text
            },
            None,
        ),
        (
            Side::Rural,
            p.rural_pct,
            Fill::Shaded,
            theme.rural,
            s.report(&p.report),
            theme.muted,
            Some((gap, GAP_W)),
        ),
    ];
    let mut rows = Vec::new();
    for (side, pct, fill, style, label, label_style, right) in sides {
        for k in 0..thickness {
            let first = k == 0;
            let (label, series, value) = if first {
                (
                    label.as_str(),
                    side_name(s, Some(side)),
                    format!("{}{}", fmt::pct1(pct), p.marker(side)),
                )
            } else {
                ("", String::new(), String::new())
            };
            let label = text::truncate(label, label_w as usize - 2);
            let lead = Line::from(vec![
                Span::styled(text::pad(&label, label_w as usize), label_style),
                Span::styled(text::pad(&series, SERIES_W as usize), theme.muted),
            ]);
            rows.push(Row::Bar {
                lead,
                bar: Bar {
                    value: pct * app.reveal(),
                    max: 100.0,
                    fill,
                    style,
                },
                cells,
                label: Span::styled(value, theme.text),
                right: right.clone().filter(|_| first),
            });
        }
    }
    rows
}

fn side_name(s: &Strings, side: Option<Side>) -> String {
    match side {
        Some(Side::Urban) => s.penetration.urban.clone(),
        Some(Side::Rural) => s.penetration.rural.clone(),
        None => String::new(),
    }
}
