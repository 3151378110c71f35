//! Rural online retail sales of the report's years as ratatui's `Sparkline`, with the first
//! and last year under it: beside the overview's headline figure and on the sales view.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::text::Line;
use ratatui::widgets::{Sparkline, Widget};

use super::theme::Theme;
use gapdash_app::app::App;
use gapdash_app::layout::split_bottom;
use gapdash_data::Sales;

/// Columns each year takes: one would make six years six columns, too thin to read.
const COLUMNS_PER_YEAR: u16 = 2;
/// Rows of bars at least: with one row a year below an eighth of the highest would show as
/// nothing (the widget rounds down), which would read as no sales.
const MIN_BARS: u16 = 2;

/// The cells the sparkline and its years take at least: (width, height).
pub fn size(sales: &Sales) -> (u16, u16) {
    let bars = sales.years.len() as u16 * COLUMNS_PER_YEAR;
    (bars.max(label_width(sales)), MIN_BARS + 1)
}

/// The sparkline in `area` (bars above, the years on the last row), left-aligned. Draws
/// nothing where it does not fit whole: a part of it would misstate the series.
pub fn render(app: &App, area: Rect, buf: &mut Buffer, theme: &Theme) {
    let sales = &app.report().sales;
    let (width, height) = size(sales);
    if sales.years.is_empty() || area.width < width || area.height < height {
        return;
    }
    let (years, bars) = split_bottom(area, 1);
    let data: Vec<u64> = sales
        .years
        .iter()
        .flat_map(|y| {
            std::iter::repeat_n(
                hundredths(y.yuan_billion * app.reveal()),
                usize::from(COLUMNS_PER_YEAR),
            )
        })
        .collect();
    let max = sales
        .years
        .iter()
        .map(|y| hundredths(y.yuan_billion))
        .max()
        .unwrap_or(0);
    Sparkline::default()
        .data(&data)
        .max(max)
        .style(theme.rural)
        .render(
            Rect {
                width: data.len() as u16,
                ..bars
            },
            buf,
        );
    Line::styled(label(sales, width), theme.muted).render(years, buf);
}

/// "2014        2019": the first year under the first bar, the last under the last.
fn label(sales: &Sales, width: u16) -> String {
    match (sales.years.first(), sales.years.last()) {
        (Some(first), Some(last)) if first.year != last.year => {
            let (a, b) = (first.year.to_string(), last.year.to_string());
            let gap = usize::from(width).saturating_sub(a.len() + b.len()).max(1);
            format!("{a}{}{b}", " ".repeat(gap))
        }
        (Some(only), _) => only.year.to_string(),
        _ => String::new(),
    }
}

fn label_width(sales: &Sales) -> u16 {
    match (sales.years.first(), sales.years.last()) {
        (Some(first), Some(last)) if first.year != last.year => {
            (first.year.to_string().len() + last.year.to_string().len() + 1) as u16
        }
        (Some(only), _) => only.year.to_string().len() as u16,
        _ => 0,
    }
}

/// A value as a bar height in whole hundredths, so 894.54 keeps its digits.
fn hundredths(value: f64) -> u64 {
    if value.is_finite() && value > 0.0 {
        (value * 100.0).round() as u64
    } else {
        0
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::snapshot::buffer_text;
    use gapdash_app::view::View;

    fn drawn(ascii: bool) -> String {
        let options = gapdash_app::app::Options {
            ascii,
            ..gapdash_app::app::Options::new(View::Sales)
        };
        let app = App::with_options(
            gapdash_data::builtin().expect("built-in data"),
            options,
            std::time::Instant::now(),
        );
        let area = Rect::new(0, 0, 12, 3);
        let mut buf = Buffer::empty(area);
        render(&app, area, &mut buf, &Theme::default());
        if ascii {
            crate::ascii::Ascii.render(area, &mut buf);
        }
        buffer_text(&buf)
    }

    /// 180, 353, 894.54, 1244.88, 1370, 1700 billion in 16 eighths of a cell: 1, 3, 8, 11,
    /// 12 and 16 eighths (rounded down, as the widget does), two columns each.
    #[test]
    fn the_bars_are_the_years_values_on_one_scale() {
        assert_eq!(drawn(false), "      ▃▃▄▄██\n▁▁▃▃████████\n2014    2019\n");
    }

    #[test]
    fn in_ascii_the_bars_keep_their_order() {
        let shown = drawn(true);
        assert!(shown.is_ascii(), "{shown}");
        assert_eq!(shown, "      __####\n____########\n2014    2019\n");
    }
}
