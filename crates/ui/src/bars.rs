//! Horizontal bars drawn as text, so that series read apart without colour: urban bars are
//! solid with eighth-cell ends, rural bars medium-shaded, a third series dark-shaded.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::Widget;

use gapdash_app::text;

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

/// One horizontal bar: `value` out of `max` across its area's width, on every row of the
/// area. A widget of its own because ratatui's `BarChart` draws horizontal bars in whole
/// cells only, and the urban bars end in eighths of a cell.
#[derive(Debug, Clone, Copy)]
pub struct Bar {
    pub value: f64,
    pub max: f64,
    pub fill: Fill,
    pub style: Style,
}

impl Bar {
    /// The cells of the bar in `cells` cells: how many whole cells of which glyph, then
    /// the partial end cell, if any.
    fn glyphs(&self, cells: u16) -> (&'static str, usize, &'static str) {
        if !(self.max > 0.0 && self.value > 0.0) || cells == 0 {
            return ("", 0, "");
        }
        let exact = (self.value / self.max).clamp(0.0, 1.0) * f64::from(cells);
        match self.fill {
            Fill::Solid => {
                let eighths = (exact * 8.0).round() as usize;
                ("█", eighths / 8, EIGHTHS[eighths % 8])
            }
            Fill::Shaded => ("▒", exact.round().max(1.0) as usize, ""),
            Fill::Dense => ("▓", exact.round().max(1.0) as usize, ""),
        }
    }

    /// How many cells the bar takes in `cells` cells.
    pub fn len(&self, cells: u16) -> u16 {
        let (_, whole, end) = self.glyphs(cells);
        (whole + usize::from(!end.is_empty())) as u16
    }
}

impl Widget for Bar {
    fn render(self, area: Rect, buf: &mut Buffer) {
        let area = area.intersection(buf.area);
        let (glyph, whole, end) = self.glyphs(area.width);
        for y in area.top()..area.bottom() {
            for (i, x) in (area.left()..area.right()).enumerate() {
                let symbol = match i.cmp(&whole) {
                    std::cmp::Ordering::Less => glyph,
                    std::cmp::Ordering::Equal if !end.is_empty() => end,
                    _ => break,
                };
                buf[(x, y)].set_symbol(symbol).set_style(self.style);
            }
        }
    }
}

/// A legend: each series' swatch in its style, then its name.
pub fn legend(entries: &[(Fill, Style, &str)], text: Style) -> Line<'static> {
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
    /// Labels in front, the bar in `cells` cells, its value label one cell after it, and
    /// a note right-aligned in the last cells of the row (as many as it says).
    Bar {
        lead: Line<'a>,
        bar: Bar,
        cells: u16,
        label: Span<'a>,
        right: Option<(Line<'a>, u16)>,
    },
    /// Labels in front, bars drawn over one another in `cells` cells (a longer one under a
    /// shorter: national under rural), and a value label one cell after the longest.
    Layers {
        lead: Line<'a>,
        bars: Vec<Bar>,
        cells: u16,
        label: Span<'a>,
    },
}

impl Widget for Row<'_> {
    fn render(self, area: Rect, buf: &mut Buffer) {
        match self {
            Row::Blank => {}
            Row::Text(line) => text::truncate_line(line, area.width as usize).render(area, buf),
            Row::Bar {
                lead,
                bar,
                cells,
                label,
                right,
            } => {
                let bar_area = lead_then_bar(lead, cells, area, buf);
                let len = bar.len(bar_area.width);
                bar.render(bar_area, buf);
                let after = if len > 0 { len + 1 } else { 0 };
                label_from(label, bar_area.x + after, area, buf);
                if let Some((right, width)) = right {
                    let width = width.min(area.width);
                    let note = Rect {
                        x: area.right() - width,
                        width,
                        ..area
                    };
                    right.right_aligned().render(note, buf);
                }
            }
            Row::Layers {
                lead,
                bars,
                cells,
                label,
            } => {
                let bar_area = lead_then_bar(lead, cells, area, buf);
                let len = bars
                    .iter()
                    .map(|b| b.len(bar_area.width))
                    .max()
                    .unwrap_or(0);
                for bar in bars {
                    bar.render(bar_area, buf);
                }
                label_from(label, bar_area.x + len + 1, area, buf);
            }
        }
    }
}

/// A row's lead drawn at its left; the area after it for a bar of at most `cells`.
fn lead_then_bar(lead: Line, cells: u16, area: Rect, buf: &mut Buffer) -> Rect {
    let lead_width = (lead.width() as u16).min(area.width);
    lead.render(area, buf);
    let x = area.x + lead_width;
    Rect {
        x,
        width: cells.min(area.right() - x),
        ..area
    }
}

/// A bar's label from column `x` to the row's end, where there is room.
fn label_from(label: Span, x: u16, area: Rect, buf: &mut Buffer) {
    if x < area.right() {
        label.render(
            Rect {
                x,
                width: area.right() - x,
                ..area
            },
            buf,
        );
    }
}

/// Rows from the top of `area` down, one row each, as many as fit.
pub fn render_rows(area: Rect, buf: &mut Buffer, rows: Vec<Row>) {
    for (y, row) in (area.top()..area.bottom()).zip(rows) {
        row.render(
            Rect {
                y,
                height: 1,
                ..area
            },
            buf,
        );
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::snapshot::buffer_text;

    fn drawn(value: f64, cells: u16, fill: Fill) -> String {
        let area = Rect::new(0, 0, cells, 1);
        let mut buf = Buffer::empty(area);
        Bar {
            value,
            max: 100.0,
            fill,
            style: Style::new(),
        }
        .render(area, &mut buf);
        buffer_text(&buf).trim_end().to_string()
    }

    #[test]
    fn bars_scale_to_the_width() {
        assert_eq!(drawn(100.0, 10, Fill::Solid), "██████████");
        assert_eq!(drawn(50.0, 10, Fill::Shaded), "▒▒▒▒▒");
        assert_eq!(drawn(76.4, 10, Fill::Solid), "███████▋");
        assert_eq!(drawn(120.0, 10, Fill::Solid), "██████████");
    }

    #[test]
    fn empty_or_zero_bars_draw_nothing() {
        assert_eq!(drawn(0.0, 10, Fill::Solid), "");
        assert_eq!(drawn(10.0, 0, Fill::Shaded), "");
        assert_eq!(drawn(f64::NAN, 10, Fill::Solid), "");
    }
}
