//! Rural online retail sales 2014–2019: a sparkline with each year and value under it, the
//! values as a table, and the growth figures.

use ratatui::buffer::Buffer;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Paragraph, Widget, Wrap};

use super::theme::Theme;
use super::{paint, text};
use crate::app::App;
use crate::data::Confidence;
use crate::fmt;

pub fn render(app: &App, area: Rect, buf: &mut Buffer, theme: &Theme) {
    let r = &app.report;
    let sales = &r.sales;
    let (from, to) = (r.headline.sales_from, r.headline.sales_to);

    let [head, body, foot] = Layout::vertical([
        Constraint::Length(2),
        Constraint::Fill(1),
        Constraint::Length(1),
    ])
    .areas(area);
    super::heading(
        "Rural online retail sales",
        " · billion yuan · Ministry of Commerce monitoring".to_string(),
        theme,
    )
    .render(head, buf);

    // Wide: sparkline left, table right. Otherwise stacked, and when short the table goes:
    // the sparkline already labels every value.
    let table_h = sales.years.len() as u16 + 1;
    let growth_h = 3;
    let (spark_area, table_area) = if body.width >= 120 {
        let [a, _, b] = Layout::horizontal([
            Constraint::Fill(1),
            Constraint::Length(2),
            Constraint::Length(72),
        ])
        .areas(body);
        (a, b)
    } else {
        let lower = if body.height >= table_h + growth_h + 9 {
            table_h + growth_h
        } else {
            growth_h
        };
        let [a, _, b] = Layout::vertical([
            Constraint::Fill(1),
            Constraint::Length(1),
            Constraint::Length(lower),
        ])
        .areas(body);
        (a, b)
    };

    sparkline(app, spark_area, buf, theme);

    let [growth, table] =
        Layout::vertical([Constraint::Length(growth_h), Constraint::Fill(1)]).areas(table_area);
    let mut lines = Vec::new();
    if let (Some(factor), Some(cagr)) = (
        sales.growth_factor(from, to),
        sales.compound_growth_pct(from, to),
    ) {
        let d = Confidence::D.marker();
        lines.push(Line::from(vec![
            Span::styled(format!("{}×{d}", fmt::dec1(factor)), theme.accent),
            Span::styled(format!(" the {from} level in {to}   "), theme.text),
            Span::styled(format!("{} %{d}", fmt::dec1(cagr)), theme.accent),
            Span::styled(" a year, compounded", theme.text),
        ]));
    }
    lines.push(Line::styled(
        format!(
            "MOFCOM's words: \"{}\", an increase on the {from} level",
            sales.wording
        ),
        theme.muted,
    ));
    Paragraph::new(lines)
        .wrap(Wrap { trim: true })
        .render(growth, buf);

    let widths = [4, 22, (table.width as usize).saturating_sub(4 + 22 + 4)];
    let row_at = |i: usize| Rect {
        y: table.y + i as u16,
        height: 1,
        ..table
    };
    if !table.is_empty() {
        paint::fill(buf, row_at(0), theme.heading);
        paint::columns(
            buf,
            row_at(0),
            &widths,
            2,
            ["year", "billion yuan", "as reported"].map(Span::raw),
        );
    }
    for (i, y) in sales.years.iter().enumerate() {
        if i + 1 >= table.height as usize {
            break;
        }
        let mut value = fmt::num(y.yuan_billion);
        if let Some(usd) = y.usd_billion_about {
            value.push_str(&format!(" (≈ US${} bn)", fmt::num(usd)));
        }
        paint::columns(
            buf,
            row_at(i + 1),
            &widths,
            2,
            [
                Span::raw(y.year.to_string()),
                Span::raw(format!("{value:>22}")),
                Span::styled(y.note.clone().unwrap_or_default(), theme.muted),
            ],
        );
    }

    let footnote = format!(
        "{} derived: {to} ÷ {from}, and compound annual growth over {} years",
        Confidence::D.marker(),
        to - from
    );
    Line::styled(text::truncate(&footnote, foot.width as usize), theme.muted).render(foot, buf);
}

/// One column group per year, the bar height its value, with the year and value beneath.
fn sparkline(app: &App, area: Rect, buf: &mut Buffer, theme: &Theme) {
    let years = &app.report.sales.years;
    let n = years.len() as u16;
    if n == 0 || area.height < 3 {
        return;
    }
    let slot = area.width / n;
    let bar = slot.saturating_sub(2).max(1);
    let max = years.iter().map(|y| y.yuan_billion).fold(0.0, f64::max);
    let [chart, year_row, value_row] = Layout::vertical([
        Constraint::Fill(1),
        Constraint::Length(1),
        Constraint::Length(1),
    ])
    .areas(area);
    for (i, y) in years.iter().enumerate() {
        let x = area.x + i as u16 * slot;
        let column = Rect {
            x,
            width: bar,
            ..chart
        };
        spark_column(buf, column, y.yuan_billion * app.growth(), max, theme.rural);
        let cell = |row: Rect| Rect {
            x,
            width: bar,
            ..row
        };
        Line::styled(y.year.to_string(), theme.heading)
            .centered()
            .render(cell(year_row), buf);
        Line::styled(
            text::truncate(&fmt::num(y.yuan_billion), bar as usize),
            theme.text,
        )
        .centered()
        .render(cell(value_row), buf);
    }
}

/// Eighths of a cell, from the bottom up.
const LOWER: [&str; 8] = [" ", "▁", "▂", "▃", "▄", "▅", "▆", "▇"];

/// One sparkline column filling `area` from the bottom to `value` out of `max`, in eighths
/// of a cell. Only the filled cells are written.
fn spark_column(buf: &mut Buffer, area: Rect, value: f64, max: f64, style: ratatui::style::Style) {
    let area = buf.area.intersection(area);
    if !(max > 0.0 && value > 0.0) || area.is_empty() {
        return;
    }
    let share = (value / max).clamp(0.0, 1.0);
    let mut eighths = (share * f64::from(area.height) * 8.0).floor() as u64;
    for y in (area.top()..area.bottom()).rev() {
        if eighths == 0 {
            break;
        }
        let symbol = if eighths >= 8 {
            "█"
        } else {
            LOWER[eighths as usize]
        };
        let start = buf.index_of(area.x, y);
        for cell in &mut buf.content[start..start + area.width as usize] {
            cell.set_symbol(symbol).set_style(style);
        }
        eighths = eighths.saturating_sub(8);
    }
}
