//! Urban vs rural Internet penetration per CNNIC report, as grouped horizontal bars with the
//! gap per period; the report's own period is marked.

use ratatui::buffer::Buffer;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::style::Modifier;
use ratatui::text::{Line, Span};
use ratatui::widgets::Widget;

use super::bars::{Bar, Fill, bar_row, legend};
use super::heading;
use super::text;
use super::theme::Theme;
use crate::app::App;
use crate::data::{Confidence, Side};
use crate::fmt;

/// The mark beside the report's headline period.
const REPORT_MARK: &str = "◆";

pub fn render(app: &App, area: Rect, buf: &mut Buffer, theme: &Theme) {
    let pen = &app.report.penetration;
    let headline = &app.report.headline.period;
    let periods = &pen.periods;

    let mut notes = vec![format!(
        "{} derived: gap = urban − rural{}",
        Confidence::D.marker(),
        periods
            .iter()
            .filter_map(|p| p.derivation.as_ref().map(|d| format!(
                "; {} {}: {d}",
                p.period,
                side_name(p.derived)
            )))
            .collect::<String>()
    )];
    if !pen.changes.is_empty() {
        let changes: Vec<String> = pen
            .changes
            .iter()
            .map(|c| {
                format!(
                    "{}: {} points{}",
                    c.label,
                    fmt::num(c.points),
                    c.confidence.marker()
                )
            })
            .collect();
        notes.push(changes.join("; "));
    }
    notes.extend(pen.notes.iter().cloned());

    // Each period needs two rows; spare rows go to spacing, then to notes, which are kept
    // from the first (the footnote for *) for as long as they fit.
    let bars_min = periods.len() as u16 * 2;
    let header = 2;
    let spare = area.height.saturating_sub(bars_min + header) as usize;
    let mut shown_notes: Vec<String> = Vec::new();
    for note in &notes {
        let lines = text::wrap(note, area.width as usize);
        if shown_notes.len() + lines.len() > spare {
            break;
        }
        shown_notes.extend(lines);
    }
    let notes_height = shown_notes.len() as u16;
    let gaps = periods.len().saturating_sub(1) as u16;
    let room = area.height.saturating_sub(header + notes_height);
    let spacing = u16::from(room >= bars_min + gaps);
    // Bars grow up to three rows thick when the terminal is tall.
    let thickness = (1..=3u16)
        .rev()
        .find(|t| bars_min * t + spacing * gaps <= room)
        .unwrap_or(1);

    let [head, chart, _, foot] = Layout::vertical([
        Constraint::Length(header),
        Constraint::Length(bars_min * thickness + spacing * gaps),
        Constraint::Fill(1),
        Constraint::Length(notes_height),
    ])
    .areas(area);

    let title = heading(
        "Internet penetration, urban vs rural",
        " · % of population · CNNIC".to_string(),
        theme,
    );
    buf.set_line(head.x, head.y, &title, head.width);
    let mut key = legend(
        &[
            (Fill::Solid, theme.urban, "urban"),
            (Fill::Shaded, theme.rural, "rural"),
        ],
        theme.text,
    );
    key.push_span(Span::styled(
        format!("{REPORT_MARK} the report's period"),
        theme.accent,
    ));
    buf.set_line(head.x, head.y + 1, &key, head.width);

    let report_label = |report: &str| format!("{report} report");
    let label_w = periods
        .iter()
        .map(|p| text::width(&p.period).max(text::width(&report_label(&p.report))))
        .max()
        .unwrap_or(0) as u16
        + 2;
    let gap_w = 11;
    let series_w = 6;
    let value_w = 6;
    let bar_w = chart
        .width
        .saturating_sub(label_w + series_w + value_w + gap_w);

    for (i, p) in periods.iter().enumerate() {
        let y = chart.y + i as u16 * (2 * thickness + spacing);
        if y + 2 * thickness > chart.bottom() {
            break;
        }
        let is_headline = &p.period == headline;
        let label_style = if is_headline {
            theme.accent
        } else {
            theme.text
        };
        let mark = if is_headline { REPORT_MARK } else { "" };
        let rows = [
            (
                Side::Urban,
                p.urban_pct,
                Fill::Solid,
                theme.urban,
                format!("{} {mark}", p.period),
            ),
            (
                Side::Rural,
                p.rural_pct,
                Fill::Shaded,
                theme.rural,
                report_label(&p.report),
            ),
        ];
        for (bar, (side, pct, fill, style, label)) in rows.into_iter().enumerate() {
            let label_style = if bar == 0 { label_style } else { theme.muted };
            for k in 0..thickness {
                let row_area = Rect {
                    y: y + bar as u16 * thickness + k,
                    height: 1,
                    ..chart
                };
                let (label, series, value) = if k == 0 {
                    (
                        label.as_str(),
                        side_name(Some(side)),
                        format!("{}{}", fmt::pct1(pct), p.marker(side)),
                    )
                } else {
                    ("", "", String::new())
                };
                let lead = Line::from(vec![
                    Span::styled(format!("{label:<w$}", w = label_w as usize), label_style),
                    Span::styled(format!("{series:<w$}", w = series_w as usize), theme.muted),
                ]);
                let bar = Bar {
                    value: pct * app.growth(),
                    max: 100.0,
                    cells: bar_w,
                    fill,
                    style,
                };
                bar_row(row_area, buf, lead, bar, Span::styled(value, theme.text));
            }
        }
        let gap = format!("gap {}{}", fmt::pct1(p.gap_pts()), Confidence::D.marker());
        let gap_area = Rect {
            x: chart.right().saturating_sub(gap_w),
            y: y + thickness,
            width: gap_w.min(chart.width),
            height: 1,
        };
        Line::styled(
            gap,
            theme.heading.add_modifier(if is_headline {
                Modifier::UNDERLINED
            } else {
                Modifier::empty()
            }),
        )
        .right_aligned()
        .render(gap_area, buf);
    }

    for (y, line) in (foot.top()..foot.bottom()).zip(&shown_notes) {
        let note = Span::styled(line.as_str(), theme.muted);
        super::paint::span(buf, foot.x, y, &note, foot.width);
    }
}

fn side_name(side: Option<Side>) -> &'static str {
    match side {
        Some(Side::Urban) => "urban",
        Some(Side::Rural) => "rural",
        None => "",
    }
}
