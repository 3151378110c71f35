//! Rural online retail sales 2014–2019: a bar chart with each year and value under it, a
//! sparkline beside the growth figures, the stated rates the totals do not give, and the
//! values as a table.

use ratatui::buffer::Buffer;
use ratatui::layout::{Constraint, Direction, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Bar, BarChart, BarGroup, Cell, Paragraph, Row, Table, Widget};

use super::spark;
use super::theme::Theme;
use gapdash_app::app::App;
use gapdash_app::layout::{self, split_bottom, split_top};
use gapdash_app::text;
use gapdash_data::rates::{Totals, signed_pct};
use gapdash_data::{Confidence, Sales, YearSales, fmt};

/// Rows of the growth lines beside the sparkline, above the rates and the table.
const GROWTH_H: u16 = 3;
/// The widest the table gets beside the chart.
const TABLE_W: u16 = 72;
/// Columns of the table: year, value.
const YEAR_W: u16 = 4;
/// The value column's width at least: the built-in figures line up under its heading.
const VALUE_W: u16 = 22;
/// Bar heights are whole numbers to ratatui: values are scaled by this first.
const SCALE: f64 = 100.0;
/// Rows the bar chart keeps at least before the table gives way to it.
const CHART_MIN: u16 = 9;

pub fn render(app: &App, area: Rect, buf: &mut Buffer, theme: &Theme) {
    let sales = &app.report().sales;
    let words = app.strings();
    let width = area.width as usize;
    let title = text::wrap_line(
        &super::heading(&words.sales.title, words.sales.detail.clone(), theme),
        width,
    );
    let (from, to) = app.report().headline.sales_range();
    let footnote = text::wrap_line(
        &Line::styled(
            words.sales.footnote.fill(&[
                ("d", &Confidence::D.marker()),
                ("to", &to),
                ("from", &from),
                ("years", &(to - from)),
            ]),
            theme.muted,
        ),
        width,
    );

    // Wide: the chart left, the figures and the table right. Otherwise stacked. Tall enough,
    // everything is whole; short, the title, the growth lines and the footnote keep a row or
    // so each and end in "…" where cut, and the table gives way to a line saying where it
    // is (the chart labels every value).
    let wide = area.width >= 120;
    let side_w = if wide { TABLE_W } else { area.width };
    let rates = text::wrap_lines(&rates(app, theme), side_w as usize);
    let table_h = sales.years.len() as u16 + 1;
    let figures_full = figures_height(app, side_w);
    let side_full = figures_full + rates.len() as u16 + table_h;
    let head_full = (title.len() as u16).max(2);
    let full = area.height
        >= head_full
            + footnote.len() as u16
            + if wide {
                side_full
            } else {
                side_full + 1 + CHART_MIN
            };
    let (head_h, foot_h, figures_h) = if full {
        (head_full, footnote.len() as u16, figures_full)
    } else {
        (2, 1, GROWTH_H)
    };
    let (head, rest) = split_top(area, head_h);
    let (foot, body) = split_bottom(rest, foot_h);
    Paragraph::new(text::fit(title, head_h as usize, width)).render(head, buf);
    Paragraph::new(text::fit(footnote, foot_h as usize, width)).render(foot, buf);

    let figures_side = figures_h + rates.len() as u16;
    let (chart_area, side, with_table) = if wide {
        let [a, _, b] = layout::split(
            body,
            Direction::Horizontal,
            [
                Constraint::Fill(1),
                Constraint::Length(2),
                Constraint::Length(TABLE_W),
            ],
        );
        (a, b, b.height >= figures_side + table_h)
    } else {
        let with_table = body.height >= figures_side + table_h + 1 + CHART_MIN;
        let lower = if with_table {
            figures_side + table_h
        } else {
            // The rates as they fit, and one row for where the table is.
            (figures_side + 1).min(body.height.saturating_sub(CHART_MIN + 1).max(GROWTH_H + 1))
        };
        let (table, above) = split_bottom(body, lower);
        let (_, chart) = split_bottom(above, 1);
        (chart, table, with_table)
    };
    chart(app, chart_area, buf, theme);
    let (summary, rest) = split_top(side, figures_h);
    figures(app, summary, buf, theme);
    let table_room = if with_table { table_h } else { 1 };
    let rates_room = rest.height.saturating_sub(table_room);
    let rates_h = (rates.len() as u16).min(rates_room);
    let (rates_area, table_area) = split_top(rest, rates_h);
    Paragraph::new(text::fit(
        rates,
        rates_h as usize,
        rates_area.width as usize,
    ))
    .render(rates_area, buf);
    if with_table {
        table(app, sales, table_area, buf, theme);
    } else {
        // The table's notes and dollars are not on the chart: say they are left out.
        super::fitted(
            Line::styled(words.since.more_on_larger.clone(), theme.muted),
            table_area,
        )
        .render(table_area, buf);
    }
}

/// Where the sparkline goes in the figures' area `area`, and the area left for the growth
/// lines beside it; no sparkline where it would leave the lines too little room.
fn figures_layout(app: &App, area: Rect) -> (Rect, Option<Rect>) {
    let (spark_w, spark_h) = spark::size(&app.report().sales);
    if area.width >= spark_w + 2 + 30 && area.height >= spark_h {
        let [spark_area, _, lines] = layout::split(
            area,
            Direction::Horizontal,
            [
                Constraint::Length(spark_w),
                Constraint::Length(2),
                Constraint::Fill(1),
            ],
        );
        (lines, Some(spark_area))
    } else {
        (area, None)
    }
}

/// Rows the sparkline and the growth lines beside it take, whole, at `width`.
fn figures_height(app: &App, width: u16) -> u16 {
    let (_, spark_h) = spark::size(&app.report().sales);
    let (lines, _) = figures_layout(app, Rect::new(0, 0, width, spark_h));
    let growth = text::wrap_lines(&growth(app, &Theme::default()), lines.width as usize);
    (growth.len() as u16).max(spark_h)
}

/// The sparkline of every year, and beside it the growth lines.
fn figures(app: &App, area: Rect, buf: &mut Buffer, theme: &Theme) {
    let (lines_area, spark_area) = figures_layout(app, area);
    if let Some(spark_area) = spark_area {
        spark::render(app, spark_area, buf, theme);
    }
    let growth = text::wrap_lines(&growth(app, theme), lines_area.width as usize);
    Paragraph::new(text::fit(
        growth,
        lines_area.height as usize,
        lines_area.width as usize,
    ))
    .render(lines_area, buf);
}

/// Each stated rate of these years that the totals shown do not give: both, and that the
/// source does not say why.
fn rates(app: &App, theme: &Theme) -> Vec<Line<'static>> {
    let s = app.strings();
    let d = Confidence::D.marker();
    app.report()
        .rate_disagreements()
        .into_iter()
        .filter(|r| r.totals == Totals::Billion)
        .map(|r| {
            let (total, previous) = r.totals_written(s);
            let spans: Vec<Span> = s
                .sales
                .rate
                .pieces(&[
                    ("year", &r.year),
                    ("stated", &r.stated(s)),
                    ("total", &total),
                    ("previous", &previous),
                    ("ratio", &r.from_totals(s)),
                    ("d", &d),
                ])
                .into_iter()
                .map(|(place, text)| match place {
                    Some("stated" | "ratio") => Span::styled(text, theme.accent),
                    _ => Span::styled(text, theme.text),
                })
                .collect();
            Line::from(spans)
        })
        .collect()
}

/// 9.4× and 56.7 % a year, then MOFCOM's own words.
fn growth(app: &App, theme: &Theme) -> Vec<Line<'static>> {
    let sales = &app.report().sales;
    let s = app.strings();
    let (from, to) = app.report().headline.sales_range();
    let mut lines = Vec::new();
    if let (Some(factor), Some(cagr)) = (
        sales.growth_factor(from, to),
        sales.compound_growth_pct(from, to),
    ) {
        let d = Confidence::D.marker();
        let spans: Vec<Span> = s
            .sales
            .growth
            .pieces(&[
                ("factor", &format!("{}{d}", s.times(&fmt::dec1(factor)))),
                ("rate", &format!("{}{d}", s.pct(&fmt::dec1(cagr)))),
                ("from", &from),
                ("to", &to),
            ])
            .into_iter()
            .map(|(place, text)| match place {
                Some("factor" | "rate") => Span::styled(text, theme.accent),
                _ => Span::styled(text, theme.text),
            })
            .collect();
        lines.push(Line::from(spans));
    }
    lines.push(Line::styled(
        s.sales
            .wording
            .fill(&[("wording", &s.term(&sales.wording)), ("from", &from)]),
        theme.muted,
    ));
    lines
}

/// Year, value (with dollars where reported) and the source's note, a row each. The value
/// column is as wide as its widest value, so no figure is cut.
fn table(app: &App, sales: &Sales, area: Rect, buf: &mut Buffer, theme: &Theme) {
    let s = app.strings();
    let values: Vec<String> = sales
        .years
        .iter()
        .map(|y| {
            let mut value = s.billions(y.yuan_billion);
            if let Some(usd) = y.usd_billion_about {
                value.push_str(&s.sales.usd.fill(&[("n", &s.billions(usd))]));
            }
            value
        })
        .collect();
    let value_w = values
        .iter()
        .map(|v| text::width(v))
        .max()
        .unwrap_or(0)
        .max(VALUE_W as usize)
        .min((area.width as usize).saturating_sub(YEAR_W as usize + 2));
    let rows = sales.years.iter().zip(values).map(|(y, value)| {
        Row::new([
            Cell::from(y.year.to_string()),
            Cell::from(Line::from(text::truncate(&value, value_w)).right_aligned()),
            Cell::from(Span::styled(reported(app, y), theme.muted)),
        ])
    });
    Table::new(
        rows,
        [
            Constraint::Length(YEAR_W),
            Constraint::Length(value_w as u16),
            Constraint::Fill(1),
        ],
    )
    .column_spacing(2)
    .header(
        Row::new([
            s.sales.year.as_str(),
            s.sales.value.as_str(),
            s.sales.reported.as_str(),
        ])
        .style(theme.heading),
    )
    .render(area, buf);
}

/// What the source says beside a year's figure: its growth rate, then its note.
fn reported(app: &App, y: &YearSales) -> String {
    let s = app.strings();
    let change = y
        .change_pct
        .map(|c| s.sales.change.fill(&[("pct", &signed_pct(s, c, fmt::num))]));
    let note = y.note.as_deref().map(|n| s.term(n).to_string());
    change
        .into_iter()
        .chain(note)
        .collect::<Vec<_>>()
        .join(&s.numbers.clauses)
}

/// One bar per year, its height the year's value, with the year and the value beneath.
fn chart(app: &App, area: Rect, buf: &mut Buffer, theme: &Theme) {
    let years = &app.report().sales.years;
    let n = years.len() as u16;
    if n == 0 || area.height < 3 {
        return;
    }
    let slot = area.width / n;
    let width = slot.saturating_sub(2).max(1);
    let max = years.iter().map(|y| y.yuan_billion).fold(0.0, f64::max);
    let groups: Vec<BarGroup> = years
        .iter()
        .map(|y| {
            let value = text::truncate(&app.strings().billions(y.yuan_billion), width as usize);
            let bar = Bar::default()
                .value(scaled(y.yuan_billion * app.reveal()))
                .text_value("")
                .label(Line::styled(y.year.to_string(), theme.heading));
            BarGroup::default()
                .bars(&[bar])
                .label(Line::styled(value, theme.text).centered())
        })
        .collect();
    let mut chart = BarChart::default()
        .bar_width(width)
        .bar_gap(0)
        .group_gap(slot - width)
        .bar_style(theme.rural)
        .max(scaled(max));
    for group in groups {
        chart = chart.data(group);
    }
    chart.render(area, buf);
}

/// A value as a bar height: whole hundredths, so 894.54 keeps its digits.
fn scaled(value: f64) -> u64 {
    if value.is_finite() && value > 0.0 {
        (value * SCALE).round() as u64
    } else {
        0
    }
}
