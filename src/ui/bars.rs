//! Horizontal bars drawn as text, so that series read apart without colour: urban bars are
//! solid with eighth-cell ends, rural bars medium-shaded, a third series dark-shaded.

use ratatui::style::Style;
use ratatui::text::Span;

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

/// The bar followed by its value label, as spans.
pub fn bar_spans(
    value: f64,
    max: f64,
    cells: u16,
    fill: Fill,
    style: Style,
    label: String,
    label_style: Style,
) -> Vec<Span<'static>> {
    let b = bar(value, max, cells, fill);
    let gap = if b.is_empty() { "" } else { " " };
    vec![
        Span::styled(b, style),
        Span::styled(format!("{gap}{label}"), label_style),
    ]
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
