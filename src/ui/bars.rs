//! Horizontal bars drawn as text, so that series read apart without colour: urban bars are
//! solid with eighth-cell ends, rural bars medium-shaded, a third series dark-shaded.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::Widget;

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

/// A bar of `value` out of `max` in at most `cells` cells.
pub fn bar(value: f64, max: f64, cells: u16, fill: Fill) -> String {
    if max <= 0.0 || value <= 0.0 || cells == 0 {
        return String::new();
    }
    let exact = (value / max).clamp(0.0, 1.0) * f64::from(cells);
    match fill {
        Fill::Solid => {
            let eighths = (exact * 8.0).round() as usize;
            let mut s = "█".repeat(eighths / 8);
            s.push_str(EIGHTHS[eighths % 8]);
            s
        }
        Fill::Shaded => "▒".repeat(exact.round().max(1.0) as usize),
        Fill::Dense => "▓".repeat(exact.round().max(1.0) as usize),
    }
}

/// The bar followed by its value label, as spans, for bars laid out as lines of text.
pub fn bar_spans(bar: Bar, label: String, label_style: Style) -> Vec<Span<'static>> {
    let glyphs = self::bar(bar.value, bar.max, bar.cells, bar.fill);
    let gap = if glyphs.is_empty() { "" } else { " " };
    vec![
        Span::styled(glyphs, bar.style),
        Span::styled(format!("{gap}{label}"), label_style),
    ]
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
/// cells are written straight into the buffer: a bar can be hundreds of cells long, and
/// going through text layout for each would dominate the frame's cost.
pub fn bar_row(area: Rect, buf: &mut Buffer, lead: Line, bar: Bar, label: Span) {
    let lead_width = lead.width() as u16;
    lead.render(area, buf);
    let mut x = area.x.saturating_add(lead_width);
    let glyphs = self::bar(bar.value, bar.max, bar.cells, bar.fill);
    for glyph in glyphs.chars() {
        if x >= area.right() {
            return;
        }
        let mut utf8 = [0; 4];
        buf[(x, area.y)]
            .set_symbol(glyph.encode_utf8(&mut utf8))
            .set_style(bar.style);
        x += 1;
    }
    if !glyphs.is_empty() {
        x += 1;
    }
    if x < area.right() {
        let rest = Rect {
            x,
            width: area.right() - x,
            ..area
        };
        Line::from(label).render(rest, buf);
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
