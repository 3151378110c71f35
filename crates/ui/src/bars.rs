//! Horizontal bars drawn as text, so that series read apart without colour: urban bars are
//! solid with eighth-cell ends, rural bars medium-shaded, a third series dark-shaded.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::{Color, Modifier, Style};
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

/// Block glyphs drawn so that no seam shows between cells, for a terminal. Many terminals
/// (xterm among them) draw block glyphs from the font a pixel short of the cell's top, so
/// a glyph's top edge leaves a line of the cell's background where the cell above has the
/// glyph's colour: seams across bars and inside big numbers. A terminal's background fill
/// always covers the whole cell. So a full block (`█`) in a colour gets that colour as its
/// background too, its glyph kept; and a cell of quadrants (`▀`, `▛`, …) whose glyph's top
/// would meet the same colour in the cell above has that colour as its background instead,
/// the rest drawn by the complementary glyph in reverse video (`▀` becomes a reversed `▄`).
/// Reverse video is an attribute, not a colour: a terminal that drops the colours still
/// shows every shape as it was. The text a buffer holds changes, so this is for a terminal
/// only (not for `snapshot` text or handouts). A widget of its own because it changes what
/// others drew.
pub struct Seamless;

impl Widget for Seamless {
    fn render(self, area: Rect, buf: &mut Buffer) {
        let area = area.intersection(buf.area);
        // Rows from the bottom up: a cell looks at the cell above it as it was drawn, and
        // that row is changed only after this one, so the buffer needs no copy.
        let rows = (area.top()..area.bottom()).rev();
        for (x, y) in rows.flat_map(|y| (area.left()..area.right()).map(move |x| (x, y))) {
            let cell = &buf[(x, y)];
            let Some(bits) = quadrants(cell.symbol()) else {
                continue;
            };
            let (ink, paper) = shown_colours(cell);
            if bits == FULL {
                if cell.fg != Color::Reset && !cell.modifier.contains(Modifier::REVERSED) {
                    let fg = cell.fg;
                    buf[(x, y)].set_bg(fg);
                }
                continue;
            }
            if ink == paper {
                continue;
            }
            let above = (y > buf.area.top()).then(|| bottom_pixels(&buf[(x, y - 1)]));
            let inked_background = ink_as_background(bits, above, ink, paper);
            let (symbol, reversed) = if inked_background {
                (QUADRANTS[usize::from(!bits & FULL)], true)
            } else {
                (QUADRANTS[usize::from(bits)], false)
            };
            let out = &mut buf[(x, y)];
            out.set_symbol(symbol).set_fg(ink).set_bg(paper);
            if reversed {
                out.modifier.insert(Modifier::REVERSED);
            } else {
                out.modifier.remove(Modifier::REVERSED);
            }
        }
    }
}

/// Quadrant glyphs by their bits: top left 8, top right 4, bottom left 2, bottom right 1.
const QUADRANTS: [&str; 16] = [
    " ", "▗", "▖", "▄", "▝", "▐", "▞", "▟", "▘", "▚", "▌", "▙", "▀", "▜", "▛", "█",
];
const FULL: u8 = 0b1111;
const TOP_LEFT: u8 = 0b1000;
const TOP_RIGHT: u8 = 0b0100;

/// Which quadrants a block glyph inks; None for anything else (text, a space, eighths).
fn quadrants(symbol: &str) -> Option<u8> {
    (symbol != " ")
        .then(|| QUADRANTS.iter().position(|q| *q == symbol))
        .flatten()
        .and_then(|i| u8::try_from(i).ok())
}

/// The colour a cell's glyph shows in and the colour around it, reverse video applied.
fn shown_colours(cell: &ratatui::buffer::Cell) -> (Color, Color) {
    if cell.modifier.contains(Modifier::REVERSED) {
        (cell.bg, cell.fg)
    } else {
        (cell.fg, cell.bg)
    }
}

/// The colours a cell shows along its bottom edge, left and right half.
fn bottom_pixels(cell: &ratatui::buffer::Cell) -> [Color; 2] {
    let (ink, paper) = shown_colours(cell);
    let bits = quadrants(cell.symbol()).unwrap_or(0);
    [0b0010, 0b0001].map(|bit| if bits & bit != 0 { ink } else { paper })
}

/// Whether a cell of quadrants `bits` is better drawn with its ink as the background: a
/// glyph's top edge leaves a line of the background where it is short, which shows where
/// the cell above continues the glyph's colour there. Reversed only where that leaves fewer
/// such lines, since a reversed glyph's own edges blur into the ink around it.
fn ink_as_background(bits: u8, above: Option<[Color; 2]>, ink: Color, paper: Color) -> bool {
    let Some(above) = above else {
        return false;
    };
    let top = [bits & TOP_LEFT != 0, bits & TOP_RIGHT != 0];
    // Lines left at the top of the quadrants the glyph draws: those not in the background's
    // colour, where the cell above shows the glyph's colour.
    let lines = |background_is_ink: bool| {
        (0..2)
            .filter(|&i| top[i] != background_is_ink)
            .filter(|&i| above[i] == if top[i] { ink } else { paper })
            .count()
    };
    lines(true) < lines(false)
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

    /// The quadrants a cell shows in its glyph's colour (the ink), reverse video applied:
    /// what a terminal that drops every colour still shows.
    fn inked(cell: &ratatui::buffer::Cell) -> u8 {
        let bits = quadrants(cell.symbol()).unwrap_or(0);
        if cell.modifier.contains(Modifier::REVERSED) {
            !bits & FULL
        } else {
            bits
        }
    }

    /// The colour a cell shows in each quadrant: top left, top right, bottom left, right.
    fn pixels(cell: &ratatui::buffer::Cell) -> [Color; 4] {
        let (ink, paper) = shown_colours(cell);
        let bits = quadrants(cell.symbol()).unwrap_or(0);
        [TOP_LEFT, TOP_RIGHT, 0b0010, 0b0001].map(|bit| if bits & bit != 0 { ink } else { paper })
    }

    /// Top quadrants drawn by a glyph where the cell above continues that glyph's colour:
    /// where a font's glyph a pixel short of the cell leaves a seam.
    fn seams(above: &ratatui::buffer::Cell, cell: &ratatui::buffer::Cell) -> usize {
        let glyph = quadrants(cell.symbol()).unwrap_or(0);
        let (ink, paper) = shown_colours(cell);
        let under = bottom_pixels(above);
        [(TOP_LEFT, 0), (TOP_RIGHT, 1)]
            .into_iter()
            .filter(|&(bit, i)| glyph & bit != 0 && under[i] == ink && paper != ink)
            .count()
    }

    fn column(above: u8, below: u8) -> Buffer {
        let mut buf = Buffer::empty(Rect::new(0, 0, 1, 2));
        let style = Style::new().fg(Color::Blue).bg(Color::Black);
        buf[(0, 0)]
            .set_symbol(QUADRANTS[usize::from(above)])
            .set_style(style);
        buf[(0, 1)]
            .set_symbol(QUADRANTS[usize::from(below)])
            .set_style(style);
        buf
    }

    #[test]
    fn seamless_shows_every_shape_as_drawn_with_or_without_colour() {
        for above in 0..16 {
            for below in 0..16 {
                let drawn = column(above, below);
                let mut buf = drawn.clone();
                Seamless.render(buf.area, &mut buf);
                for y in 0..2 {
                    let (was, now) = (&drawn[(0, y)], &buf[(0, y)]);
                    let what = format!("{above:04b} over {below:04b}, row {y}");
                    assert_eq!(pixels(now), pixels(was), "{what}: in colour");
                    assert_eq!(inked(now), inked(was), "{what}: without colour");
                }
            }
        }
    }

    #[test]
    fn seamless_leaves_no_seam_under_a_cell_that_continues_a_shape() {
        for above in 0..16u8 {
            for below in 0..16u8 {
                let mut buf = column(above, below);
                let before = seams(&buf[(0, 0)], &buf[(0, 1)]);
                Seamless.render(buf.area, &mut buf);
                let after = seams(&buf[(0, 0)], &buf[(0, 1)]);
                if before == 0 && below != FULL {
                    // Nothing to mend: the glyph is left as drawn, its edges crisp.
                    assert_eq!(
                        buf[(0, 1)],
                        column(above, below)[(0, 1)],
                        "{above:04b} over {below:04b}"
                    );
                }
                let one_colour_top = (below >> 3) & 1 == (below >> 2) & 1;
                let continues_exactly = (above & 0b0011) << 2 == below & 0b1100;
                if one_colour_top || !continues_exactly {
                    assert_eq!(after, 0, "{above:04b} over {below:04b}");
                } else {
                    assert!(after <= before, "{above:04b} over {below:04b}");
                }
            }
        }
    }

    #[test]
    fn seamless_keeps_full_blocks_and_paints_them_over_their_colour() {
        let mut buf = Buffer::empty(Rect::new(0, 0, 3, 1));
        let style = Style::new().fg(Color::Yellow).bg(Color::Black);
        buf.set_string(0, 0, "█a▒", style);
        Seamless.render(buf.area, &mut buf);
        assert_eq!(buf[(0, 0)].symbol(), "█");
        assert_eq!(
            (buf[(0, 0)].fg, buf[(0, 0)].bg),
            (Color::Yellow, Color::Yellow)
        );
        for x in 1..3 {
            assert_eq!(buf[(x, 0)].bg, Color::Black, "text and shades keep theirs");
        }
        // Without colour (NO_COLOR's plain theme) a full block is left as it is.
        let mut plain = Buffer::empty(Rect::new(0, 0, 1, 1));
        plain.set_string(0, 0, "█", Style::new());
        Seamless.render(plain.area, &mut plain);
        assert_eq!(plain[(0, 0)].bg, Color::Reset);
    }

    #[test]
    fn empty_or_zero_bars_draw_nothing() {
        assert_eq!(drawn(0.0, 10, Fill::Solid), "");
        assert_eq!(drawn(10.0, 0, Fill::Shaded), "");
        assert_eq!(drawn(f64::NAN, 10, Fill::Solid), "");
    }
}
