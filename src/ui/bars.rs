//! Horizontal bars drawn as text, so that series read apart without colour: urban bars are
//! solid with eighth-cell ends, rural bars medium-shaded, a third series dark-shaded.

use ratatui::buffer::Buffer;

use super::paint;
use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::text::{Line, Span};

/// How a series' bar is drawn.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Fill {
    /// Solid block with eighth-cell precision at the end.
    Solid,
    /// Medium shade, whole cells.
    Shaded,
    /// Dark shade, whole cells: a third series.
    Dense,
}

impl Fill {
    /// Two cells of the fill, for legends.
    pub fn swatch(self) -> &'static str {
        match self {
            Fill::Solid => "██",
            Fill::Shaded => "▒▒",
            Fill::Dense => "▓▓",
        }
    }
}

const EIGHTHS: [&str; 8] = ["", "▏", "▎", "▍", "▌", "▋", "▊", "▉"];

/// The cells of a bar of `value` out of `max` in at most `cells` cells: how many whole
/// cells of which glyph, then the partial end cell, if any.
fn glyphs(value: f64, max: f64, cells: u16, fill: Fill) -> (&'static str, usize, &'static str) {
    if max <= 0.0 || value <= 0.0 || cells == 0 {
        return ("", 0, "");
    }
    let exact = (value / max).clamp(0.0, 1.0) * f64::from(cells);
    match fill {
        Fill::Solid => {
            let eighths = (exact * 8.0).round() as usize;
            ("█", eighths / 8, EIGHTHS[eighths % 8])
        }
        Fill::Shaded => ("▒", exact.round().max(1.0) as usize, ""),
        Fill::Dense => ("▓", exact.round().max(1.0) as usize, ""),
    }
}

/// A bar of `value` out of `max` in at most `cells` cells, as text.
#[cfg(test)]
fn bar(value: f64, max: f64, cells: u16, fill: Fill) -> String {
    let (glyph, whole, end) = glyphs(value, max, cells, fill);
    let mut s = glyph.repeat(whole);
    s.push_str(end);
    s
}

/// One bar: `value` out of `max` in at most `cells` cells.
#[derive(Debug, Clone, Copy)]
pub struct Bar {
    pub value: f64,
    pub max: f64,
    pub cells: u16,
    pub fill: Fill,
    pub style: Style,
}

/// A row: `lead` (labels), the bar, then `label` one cell after the bar's end. The bar's
/// cells are written straight into the buffer row: a bar can be hundreds of cells long, and
/// going through text layout for each would dominate the frame's cost.
pub fn bar_row(area: Rect, buf: &mut Buffer, lead: Line, bar: Bar, label: Span) {
    let area = buf.area.intersection(area);
    if area.is_empty() {
        return;
    }
    let (mut x, y) = (paint::line(buf, area.x, area.y, &lead, area.width), area.y);
    let (glyph, whole, end) = glyphs(bar.value, bar.max, bar.cells, bar.fill);
    let room = area.right().saturating_sub(x) as usize;
    let count = (whole + usize::from(!end.is_empty())).min(room);
    if count > 0 {
        let start = buf.index_of(x, y);
        for (i, cell) in buf.content[start..start + count].iter_mut().enumerate() {
            cell.set_symbol(if i < whole { glyph } else { end })
                .set_style(bar.style);
        }
        x += count as u16 + 1;
    }
    if x < area.right() {
        paint::span(buf, x, y, &label, area.right() - x);
    }
}

/// A legend: each series' swatch in its style, then its name.
pub fn legend<'a>(entries: &[(Fill, Style, &'a str)], text: Style) -> Line<'a> {
    let mut spans = Vec::new();
    for (fill, style, name) in entries {
        spans.push(Span::styled(fill.swatch(), *style));
        spans.push(Span::styled(format!(" {name}  "), text));
    }
    Line::from(spans)
}

/// A row of a bar chart laid out line by line.
pub enum Row<'a> {
    Blank,
    Text(Line<'a>),
    /// Labels, the bar, and its value label: as `bar_row` draws them.
    Bar(Line<'a>, Bar, Span<'a>),
}

/// Rows from the top of `area` down, as many as fit.
pub fn render_rows(area: Rect, buf: &mut Buffer, rows: Vec<Row>) {
    for (y, row) in (area.top()..area.bottom()).zip(rows) {
        let line_area = Rect {
            y,
            height: 1,
            ..area
        };
        match row {
            Row::Blank => {}
            Row::Text(line) => {
                paint::line(buf, area.x, y, &line, area.width);
            }
            Row::Bar(lead, bar, label) => bar_row(line_area, buf, lead, bar, label),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ui::text::width;

    #[test]
    fn bars_scale_to_the_width() {
        assert_eq!(bar(100.0, 100.0, 10, Fill::Solid), "██████████");
        assert_eq!(bar(50.0, 100.0, 10, Fill::Shaded), "▒▒▒▒▒");
        assert_eq!(bar(76.4, 100.0, 10, Fill::Solid), "███████▋");
        assert_eq!(width(&bar(120.0, 100.0, 10, Fill::Solid)), 10);
    }

    #[test]
    fn empty_or_zero_bars_draw_nothing() {
        assert_eq!(bar(0.0, 100.0, 10, Fill::Solid), "");
        assert_eq!(bar(10.0, 0.0, 10, Fill::Solid), "");
        assert_eq!(bar(10.0, 100.0, 0, Fill::Shaded), "");
    }
}
