//! Since the report: rural against national Internet penetration from the report's period
//! to the last the data holds, with the 2021 re-basing drawn as a break and a skipped
//! period as a row of its own, and rural online retail sales from 2014 to 2025 on one
//! scale, the report's years marked, an unpublished year left as a gap and a "more than"
//! figure drawn as a marker, never as a bar.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Paragraph, Widget};

use super::bars::{Bar, Fill, Row, legend, render_rows};
use super::heading;
use super::theme::Theme;
use gapdash_app::app::App;
use gapdash_app::layout::{split_bottom, split_top};
use gapdash_app::text;
use gapdash_data::{Confidence, Figure, Report, SaleValue, SincePeriod, Strings, fmt};

/// The mark beside the report's own figures.
const REPORT_MARK: &str = "◆";
/// Below this width the panels stand one above the other.
const SIDE_BY_SIDE: u16 = 74;

pub fn render(app: &App, area: Rect, buf: &mut Buffer, theme: &Theme) {
    let report = app.report();
    let s = app.strings();
    // The span is the data's: its first and last periods, whatever they are.
    let periods = &report.since.periods;
    let period = |p: Option<&SincePeriod>| p.map(|p| s.period(&p.period)).unwrap_or_default();
    let title = heading(
        &s.since.title,
        s.since.detail.fill(&[
            ("d", &Confidence::D.marker()),
            ("from", &period(periods.first())),
            ("to", &period(periods.last())),
        ]),
        theme,
    );

    let width = area.width as usize;
    let side_by_side = area.width >= SIDE_BY_SIDE;
    let (left_w, right_w) = if side_by_side {
        // Sales need less room than penetration: the rest goes to penetration's bars.
        let right = (area.width * 9 / 20).min(44);
        (area.width - right - 2, right)
    } else {
        (area.width, area.width)
    };
    let left = panel(penetration_rows(app, theme), left_w);
    let right = panel(sales_rows(app, theme), right_w);
    let panels_h = if side_by_side {
        left.len().max(right.len())
    } else {
        left.len() + 1 + right.len()
    } as u16;
    let title = text::wrap_line(&title, width);
    let firsts = text::wrap_line(&firsts_line(report, s, theme), width);
    let notes = text::wrap_line(&footnote(report, s, theme), width);
    // Tall enough, all of it. Otherwise the title, the firsts and the footnote keep a row
    // each (ending in "…" where cut), and the panels the rest (a panel cut short says so);
    // rows the panels leave go to the firsts, then the footnote.
    let whole = title.len() + firsts.len() + notes.len() + panels_h as usize;
    let (title_h, firsts_h, notes_h) = if whole <= area.height as usize {
        (title.len(), firsts.len(), notes.len())
    } else {
        let spare = (area.height as usize).saturating_sub(3 + panels_h as usize);
        let firsts_h = firsts.len().min(1 + spare);
        let notes_h = notes.len().min(1 + spare - (firsts_h - 1));
        (1, firsts_h, notes_h)
    };
    let (head, rest) = split_top(area, title_h as u16);
    Paragraph::new(text::fit(title, title_h, width)).render(head, buf);
    let firsts = text::fit(firsts, firsts_h, width);
    let notes = text::fit(notes, notes_h, width);
    let (firsts_area, rest) = split_top(rest, firsts.len() as u16);
    let (foot, body) = split_bottom(rest, notes.len() as u16);
    Paragraph::new(firsts).render(firsts_area, buf);
    Paragraph::new(notes).render(foot, buf);

    // The panels' block in the middle of the rows left to it.
    let body = gapdash_app::layout::centered(body, body.width, panels_h);
    if side_by_side {
        let left_area = Rect {
            width: left_w,
            ..body
        };
        let right_area = Rect {
            x: body.right() - right_w,
            width: right_w,
            ..body
        };
        render_panel(s, left_area, buf, left, theme);
        render_panel(s, right_area, buf, right, theme);
    } else {
        let (top, bottom) = split_top(body, left.len() as u16 + 1);
        render_panel(s, top, buf, left, theme);
        render_panel(s, bottom, buf, right, theme);
    }
}

/// A panel's rows at `width`. Bars share one scale: every row's bars get the same cells,
/// those left once the widest label and the widest value have theirs.
fn panel(rows: Vec<Panel>, width: u16) -> Vec<Row<'static>> {
    let label_w = rows.iter().map(Panel::label_width).max().unwrap_or(0);
    let value_w = rows.iter().map(Panel::value_width).max().unwrap_or(0);
    let cells = width.saturating_sub(label_w + value_w + 1).max(1);
    rows.into_iter()
        .flat_map(|r| r.rows(width, label_w, cells))
        .collect()
}

/// A panel's rows, as many as fit; when some do not, the last row says so.
fn render_panel(
    s: &Strings,
    area: Rect,
    buf: &mut Buffer,
    mut rows: Vec<Row<'static>>,
    theme: &Theme,
) {
    let room = area.height as usize;
    if rows.len() > room && room > 0 {
        rows.truncate(room - 1);
        rows.push(Row::Text(Line::styled(
            s.since.more_on_larger.clone(),
            theme.muted,
        )));
    }
    render_rows(area, buf, rows);
}

/// One row of a panel, before its width is known.
enum Panel {
    /// Text, wrapped to the panel's width.
    Text(Line<'static>),
    /// Label, bars (drawn in order, later over earlier), value text.
    Bars {
        label: String,
        label_style: Style,
        bars: Vec<Bar>,
        value: Span<'static>,
    },
    /// A period or year the series skips: its label, and where the bars would be, why there
    /// are none. A row of its own, so two neighbours either side never read as adjacent.
    Skipped { label: String, text: Span<'static> },
}

impl Panel {
    fn label_width(&self) -> u16 {
        match self {
            Panel::Text(_) => 0,
            Panel::Bars { label, .. } | Panel::Skipped { label, .. } => text::width(label) as u16,
        }
    }

    /// The widest value sets the bars' cells; a skipped row's words start where bars do.
    fn value_width(&self) -> u16 {
        match self {
            Panel::Text(_) | Panel::Skipped { .. } => 0,
            Panel::Bars { value, .. } => value.width() as u16,
        }
    }

    /// The panel rows this row takes at `width`, labels padded to `label_w` and bars in
    /// `cells` cells.
    fn rows(self, width: u16, label_w: u16, cells: u16) -> Vec<Row<'static>> {
        match self {
            Panel::Text(line) => text::wrap_line(&line, width as usize)
                .into_iter()
                .map(Row::Text)
                .collect(),
            Panel::Bars {
                label,
                label_style,
                bars,
                value,
            } => vec![Row::Layers {
                lead: Line::styled(text::pad(&label, label_w as usize), label_style),
                bars,
                cells,
                label: value,
            }],
            Panel::Skipped { label, text } => vec![Row::Layers {
                lead: Line::styled(text::pad(&label, label_w as usize), text.style),
                bars: Vec::new(),
                cells,
                label: text,
            }],
        }
    }
}

/// Rural (and within it, national) per period, the break where the series was re-based, and
/// what the panel cannot show.
fn penetration_rows(app: &App, theme: &Theme) -> Vec<Panel> {
    let since = &app.report().since;
    let headline = &app.report().headline.period;
    let s = app.strings();
    let w = &s.since;
    let mut rows = vec![
        Panel::Text(Line::styled(w.penetration.clone(), theme.heading)),
        Panel::Text(legend(
            &[
                (Fill::Shaded, theme.rural, &w.rural),
                (Fill::Dense, theme.other, &w.national),
            ],
            theme.text,
        )),
    ];
    for (i, p) in since.periods.iter().enumerate() {
        for skipped in since.skipped_before(i) {
            rows.push(Panel::Skipped {
                label: format!("{}   ", s.period(&skipped)),
                text: Span::styled(w.not_in_data.clone(), theme.muted),
            });
        }
        let mark = if &p.period == headline {
            REPORT_MARK
        } else {
            ""
        };
        let label_style = if mark.is_empty() {
            theme.text
        } else {
            theme.accent
        };
        rows.push(Panel::Bars {
            label: format!("{} {mark:1} ", s.period(&p.period)),
            label_style,
            bars: vec![
                Bar {
                    value: p.national.pct * app.reveal(),
                    max: 100.0,
                    fill: Fill::Dense,
                    style: theme.other,
                },
                Bar {
                    value: p.rural.pct * app.reveal(),
                    max: 100.0,
                    fill: Fill::Shaded,
                    style: theme.rural,
                },
            ],
            value: Span::styled(values(p), theme.text),
        });
        if since.break_after(&p.period) {
            rows.push(Panel::Text(Line::styled(
                format!("┄┄ {} ┄┄", s.term(&since.rebase.note)),
                theme.warning,
            )));
        }
    }
    // Urban is known for a few periods only: listed, never estimated for the rest.
    let urban: Vec<String> = since
        .periods
        .iter()
        .filter_map(|p| {
            p.urban
                .as_ref()
                .map(|u| format!("{} {}", s.period(&p.period), shown(u)))
        })
        .collect();
    let mut note = w.national_includes_rural.clone();
    if let Some(last) = since.periods.iter().rev().find(|p| p.urban.is_some()) {
        note.push_str(&w.urban_known.fill(&[
            ("list", &s.list(&urban)),
            ("period", &s.period(&last.period)),
        ]));
    }
    rows.push(Panel::Text(Line::styled(note, theme.muted)));
    rows
}

/// A rate as shown: one decimal, and the mark of a derived figure.
fn shown(f: &Figure) -> String {
    format!("{}{}", fmt::pct1(f.pct), f.provenance.confidence.marker())
}

/// "52.3 / 67.0": rural, then national.
fn values(p: &SincePeriod) -> String {
    format!("{} / {}", shown(&p.rural), shown(&p.national))
}

/// Every year of sales on one scale: the report's years (billion yuan, as it gives them)
/// marked, then the years since (trillion yuan); a year with nothing published is a gap, a
/// "more than" a marker.
fn sales_rows(app: &App, theme: &Theme) -> Vec<Panel> {
    let report = app.report();
    let s = app.strings();
    let w = &s.since;
    let mut rows = vec![
        Panel::Text(Line::styled(w.sales.clone(), theme.heading)),
        Panel::Text(legend(
            &[
                (Fill::Shaded, theme.rural, &w.report_bn),
                (Fill::Solid, theme.rural, &w.since_tn),
            ],
            theme.text,
        )),
    ];
    let last_report_year = report.sales.years.last().map_or(0, |y| y.year);
    let later: Vec<_> = report
        .since
        .sales
        .iter()
        .filter(|s| s.year > last_report_year)
        .collect();
    // One scale, in trillion yuan: a "more than" counts at its lower bound.
    let max = report
        .sales
        .years
        .iter()
        .map(|y| y.yuan_billion / 1000.0)
        .chain(later.iter().map(|s| match s.value() {
            SaleValue::Trillion(v) | SaleValue::MoreThan(v) => v,
            SaleValue::NotPublished => 0.0,
        }))
        .fold(0.0, f64::max);
    // A year absent between two present ones is a row of its own.
    let mut next_year: Option<u16> = None;
    let mut skipped = |rows: &mut Vec<Panel>, year: u16| {
        for missing in next_year.unwrap_or(year)..year {
            rows.push(Panel::Skipped {
                label: format!("{missing}   "),
                text: Span::styled(w.not_in_data.clone(), theme.muted),
            });
        }
        next_year = Some(year + 1);
    };
    for y in &report.sales.years {
        skipped(&mut rows, y.year);
        rows.push(Panel::Bars {
            label: format!("{} {REPORT_MARK} ", y.year),
            label_style: theme.text,
            bars: vec![Bar {
                value: y.yuan_billion / 1000.0 * app.reveal(),
                max,
                fill: Fill::Shaded,
                style: theme.rural,
            }],
            value: Span::styled(
                format!(
                    "{}{}",
                    w.report_value.fill(&[("n", &s.billions(y.yuan_billion))]),
                    y.provenance.confidence.marker()
                ),
                theme.text,
            ),
        });
    }
    for s in later {
        skipped(&mut rows, s.year);
        let label = format!("{}   ", s.year);
        let marker = s.provenance.as_ref().map_or("", |p| p.confidence.marker());
        match s.value() {
            SaleValue::Trillion(v) => rows.push(Panel::Bars {
                label,
                label_style: theme.text,
                bars: vec![Bar {
                    value: v * app.reveal(),
                    max,
                    fill: Fill::Solid,
                    style: theme.rural,
                }],
                value: Span::styled(
                    format!("{}{marker}", w.since_value.fill(&[("n", &fmt::num(v))])),
                    theme.text,
                ),
            }),
            SaleValue::NotPublished => rows.push(Panel::Text(Line::from(vec![
                Span::styled(label, theme.text),
                Span::styled(w.not_published.clone(), theme.muted),
            ]))),
            // A marker, never a bar: the source gives no height to draw.
            SaleValue::MoreThan(v) => rows.push(Panel::Text(Line::from(vec![
                Span::styled(label, theme.text),
                Span::styled(
                    format!("{}{marker}", w.more_than.fill(&[("n", &fmt::num(v))])),
                    theme.accent,
                ),
            ]))),
        }
    }
    rows.push(Panel::Text(Line::styled(w.scale.clone(), theme.muted)));
    rows
}

/// The two firsts of June 2020, derived from the series.
fn firsts_line(report: &Report, s: &Strings, theme: &Theme) -> Line<'static> {
    let d = Confidence::D.marker();
    let w = &s.since;
    let mut spans = Vec::new();
    if let Some(half) = report.penetration.rural_passed_half() {
        spans.push(Span::styled(
            w.first_time.fill(&[("period", &s.period(&half.period))]),
            theme.heading,
        ));
        spans.push(Span::styled(
            w.passed_half
                .fill(&[("pct", &s.pct(&fmt::pct1(half.value))), ("d", &d)]),
            theme.text,
        ));
    }
    if let Some(gap) = report.penetration.gap_below_25() {
        let lead = if spans.is_empty() {
            w.first_time.fill(&[("period", &s.period(&gap.period))])
        } else {
            " · ".to_string()
        };
        spans.push(Span::styled(lead, theme.heading));
        spans.push(Span::styled(
            w.gap_below
                .fill(&[("gap", &fmt::pct1(gap.value)), ("d", &d)]),
            theme.text,
        ));
    }
    Line::from(spans)
}

/// How each derived figure was derived, which figures have a weaker source (V2), and the
/// break.
fn footnote(report: &Report, s: &Strings, theme: &Theme) -> Line<'static> {
    let since = &report.since;
    let w = &s.since;
    let mut derived = Vec::new();
    let mut weaker = Vec::new();
    for p in &since.periods {
        let period = s.period(&p.period);
        for (name, figure) in [
            (&w.rural, Some(&p.rural)),
            (&w.national, Some(&p.national)),
            (&w.urban, p.urban.as_ref()),
        ] {
            let Some(f) = figure else { continue };
            let who: &[(&str, &dyn std::fmt::Display)] = &[("period", &period), ("name", name)];
            match (f.provenance.confidence, &f.provenance.derivation) {
                (Confidence::D, Some(how)) => {
                    derived.push(w.derived.fill(&[who[0], who[1], ("how", &s.term(how))]))
                }
                (Confidence::V2, _) => weaker.push(w.weaker_figure.fill(who)),
                _ => {}
            }
        }
    }
    for sale in &since.sales {
        if let Some(p) = &sale.provenance {
            match (p.confidence, &p.derivation) {
                (Confidence::D, Some(how)) => derived.push(
                    w.sales_derived
                        .fill(&[("year", &sale.year), ("how", &s.term(how))]),
                ),
                (Confidence::V2, _) => weaker.push(w.weaker_sales.fill(&[("year", &sale.year)])),
                _ => {}
            }
        }
    }
    let mut text = w.footnote.fill(&[("d", &Confidence::D.marker())]);
    for d in derived {
        text.push_str(&format!("{}{d}", s.numbers.clauses));
    }
    if !weaker.is_empty() {
        text.push_str(&w.weaker.fill(&[("list", &s.list(&weaker))]));
    }
    Line::from(Span::styled(text, theme.muted))
}

#[cfg(test)]
mod tests {
    use crate::snapshot::render_text;
    use gapdash_app::action::Action;
    use gapdash_app::app::{App, View};
    use gapdash_data::{Report, builtin};

    fn shown(report: Report, chinese: bool) -> String {
        let mut app = App::new(report, View::Since);
        app.update(Action::Resize(100, 30));
        if chinese {
            app.update(Action::SwitchLanguage);
        }
        render_text(&app, 100, 30)
    }

    #[test]
    fn the_title_spans_the_periods_the_data_holds() {
        let mut report = builtin().expect("built-in data");
        assert!(shown(report.clone(), false).contains("Since the report · Jun 2020 to Dec 2025 ·"));
        assert!(shown(report.clone(), true).contains("报告之后 · 2020年6月至2025年12月 ·"));
        report.since.periods.pop();
        assert!(shown(report.clone(), false).contains("Since the report · Jun 2020 to Jun 2025 ·"));
        assert!(shown(report, true).contains("报告之后 · 2020年6月至2025年6月 ·"));
    }

    #[test]
    fn a_skipped_period_or_year_is_a_row_of_its_own() {
        let mut report = builtin().expect("built-in data");
        let screen = shown(report.clone(), false);
        for skipped in [
            "│ Jun 2023    not in the data",
            "│ Jun 2024    not in the data",
        ] {
            assert!(screen.contains(skipped), "{screen}");
        }
        // Jun 2022 away: Dec 2021 and Dec 2022 are not neighbours.
        report.since.periods.retain(|p| p.period != "Jun 2022");
        report.since.sales.retain(|s| s.year != 2021);
        let screen = shown(report, false);
        let lines: Vec<&str> = screen.lines().collect();
        let at = |label: &str| lines.iter().position(|l| l.contains(label)).unwrap_or(0);
        assert_eq!(at("Jun 2022"), at("Dec 2021") + 1, "{screen}");
        assert!(
            lines[at("Jun 2022")].contains("Jun 2022    not in the data"),
            "{screen}"
        );
        assert_eq!(at("Dec 2022"), at("Jun 2022") + 1, "{screen}");
        assert!(screen.contains(" 2021    not in the data"), "{screen}");
    }
}
