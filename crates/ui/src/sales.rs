//! Rural online retail sales 2014–2019: a bar chart with each year and value under it, the
//! values as a table, and the growth figures.

use ratatui::buffer::Buffer;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Bar, BarChart, BarGroup, Cell, Paragraph, Row, Table, Widget};

use super::theme::Theme;
use gapdash_app::app::App;
use gapdash_app::layout::{split_bottom, split_top};
use gapdash_app::text;
use gapdash_data::{Confidence, Sales, fmt};

/// Rows of the growth lines above the table.
const GROWTH_H: u16 = 3;
/// The widest the table gets beside the chart.
const TABLE_W: u16 = 72;
/// Columns of the table: year, value.
const YEAR_W: u16 = 4;
/// The value column's width at least: the built-in figures line up under its heading.
const VALUE_W: u16 = 22;
/// Bar heights are whole numbers to ratatui: values are scaled by this first.
const SCALE: f64 = 100.0;

pub fn render(app: &App, area: Rect, buf: &mut Buffer, theme: &Theme) {
    let sales = &app.report().sales;
    let words = app.strings();
    let (head, rest) = split_top(area, 2);
    let (foot, body) = split_bottom(rest, 1);
    let title = super::heading(&words.sales.title, words.sales.detail.clone(), theme);
    super::fitted(title, head).render(head, buf);

    // Wide: the chart left, the table right. Otherwise stacked, and when short the table
    // goes: the chart already labels every value.
    let table_h = sales.years.len() as u16 + 1;
    let (chart_area, side) = if body.width >= 120 {
        let [a, _, b] = Layout::horizontal([
            Constraint::Fill(1),
            Constraint::Length(2),
            Constraint::Length(TABLE_W),
        ])
        .areas(body);
        (a, b)
    } else {
        let lower = if body.height >= table_h + GROWTH_H + 9 {
            table_h + GROWTH_H
        } else {
            GROWTH_H
        };
        let (table, above) = split_bottom(body, lower);
        let (_, chart) = split_bottom(above, 1);
        (chart, table)
    };
    chart(app, chart_area, buf, theme);
    let (growth_area, table_area) = split_top(side, GROWTH_H);
    let growth = text::wrap_lines(&growth(app, theme), growth_area.width as usize);
    Paragraph::new(text::fit(
        growth,
        GROWTH_H as usize,
        growth_area.width as usize,
    ))
    .render(growth_area, buf);
    table(app, sales, table_area, buf, theme);

    let (from, to) = app.report().headline.sales_range();
    let footnote = words.sales.footnote.fill(&[
        ("d", &Confidence::D.marker()),
        ("to", &to),
        ("from", &from),
        ("years", &(to - from)),
    ]);
    Line::styled(text::truncate(&footnote, foot.width as usize), theme.muted).render(foot, buf);
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
            Cell::from(Span::styled(
                y.note
                    .as_deref()
                    .map(|n| s.term(n))
                    .unwrap_or_default()
                    .to_string(),
                theme.muted,
            )),
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
