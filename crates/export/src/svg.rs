//! A screen's buffer as SVG. Text stays text, one `<text>` per run of cells in the same
//! style, so it can be selected and searched; block and box-drawing glyphs become shapes
//! ([`super::glyph`]); colours are the buffer's, which are the theme's.
//!
//! Metrics: a cell is 12×24 units. The font size, 19.93, gives DejaVu Sans Mono (the shipped
//! font) an advance of exactly 12 units, so its glyphs sit on the cells; `textLength` holds
//! each run to its cells in any other monospace font a viewer falls back to. Wide (two-cell)
//! characters are drawn in the shipped CJK font at the same size, which advances exactly two
//! cells (assets/fonts/subset.py makes it so) with its glyphs at the left of them: a run of
//! them starts 2.035 units in, so each one-em glyph (19.93) is centred on its two cells, as
//! a terminal shows them.

use std::collections::HashMap;
use std::fmt::Write;

use ratatui::buffer::{Buffer, Cell};
use ratatui::style::Modifier;
use unicode_width::UnicodeWidthStr;

use super::canvas::{Canvas, Paint, UNIT};
use super::color::{self, Rgb};
use super::glyph::{self, CellBox};

/// A cell's width and height in SVG units.
pub const CELL_W: u32 = 12;
pub const CELL_H: u32 = 24;
/// The font size at which DejaVu Sans Mono advances exactly one cell (1233/2048 em = 12).
pub const FONT_SIZE: &str = "19.93";
/// The baseline, in tenths of a unit from the top of the cell: the font's ascent (0.928 em)
/// and half of the leading the 24-unit cell leaves.
const BASELINE_TENTHS: u32 = 189;
/// The shipped font first, then monospace fonts most machines have; the shipped CJK font
/// for a character the first has no glyph for.
pub const FONT_STACK: &str = "'DejaVu Sans Mono', 'Noto Sans Mono CJK SC', Menlo, Consolas, \
                              'Liberation Mono', 'Noto Sans Mono', monospace";
/// For runs of wide characters: the shipped CJK font, then CJK fonts most machines have.
pub const CJK_STACK: &str = "'Noto Sans Mono CJK SC', 'Noto Sans CJK SC', 'Source Han Sans SC', \
                             'PingFang SC', 'Microsoft YaHei', monospace";
/// Where a wide character's glyph starts within its two cells, in thousandths of a unit:
/// half of what its one em (19.93 units) leaves of the 24.
const WIDE_INSET_THOUSANDTHS: u32 = (2 * CELL_W * 1000 - 19_930) / 2;

/// Whether the SVG is a file of its own or goes inside an HTML page.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Embed {
    /// With the XML declaration and namespace.
    File,
    /// As an HTML `<svg>` element: the page's parser supplies the namespace.
    Inline,
}

/// The font faces an SVG's text uses, so a page embeds only those: DejaVu Sans Mono's four,
/// and the CJK font's two (Chinese has no italic; a browser slants the upright face).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Faces {
    pub regular: bool,
    pub bold: bool,
    pub italic: bool,
    pub bold_italic: bool,
    pub cjk_regular: bool,
    pub cjk_bold: bool,
}

impl Faces {
    pub fn add(&mut self, other: Faces) {
        self.regular |= other.regular;
        self.bold |= other.bold;
        self.italic |= other.italic;
        self.bold_italic |= other.bold_italic;
        self.cjk_regular |= other.cjk_regular;
        self.cjk_bold |= other.cjk_bold;
    }

    /// Both CJK faces, for a page whose own text is Chinese.
    pub fn with_cjk(self) -> Faces {
        Faces {
            cjk_regular: true,
            cjk_bold: true,
            ..self
        }
    }

    fn mark(&mut self, bold: bool, italic: bool, wide: bool) {
        if wide {
            if bold {
                self.cjk_bold = true;
            } else {
                self.cjk_regular = true;
            }
            return;
        }
        match (bold, italic) {
            (false, false) => self.regular = true,
            (true, false) => self.bold = true,
            (false, true) => self.italic = true,
            (true, true) => self.bold_italic = true,
        }
    }
}

#[derive(Debug, Clone)]
pub struct Svg {
    pub text: String,
    pub faces: Faces,
}

/// How a screen is drawn: its title, an id prefix (unique within an HTML page), and the
/// colours that `Reset` stands for.
#[derive(Debug, Clone, Copy)]
pub struct Style<'a> {
    pub id: &'a str,
    pub title: &'a str,
    pub ink: Rgb,
    pub paper: Rgb,
    pub embed: Embed,
}

/// How a run of text looks.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct TextStyle {
    fill: Rgb,
    bold: bool,
    italic: bool,
    dim: bool,
}

/// Cells of one style on one row, drawn as one `<text>`.
#[derive(Debug)]
struct Run {
    x: u16,
    y: u16,
    cells: u16,
    chars: usize,
    text: String,
    style: TextStyle,
    /// Wide (two-cell) characters and narrow ones are never in one run, so `textLength`
    /// spreads a run's glyphs evenly over its cells, and a wide run can start inside its
    /// first cell.
    wide: bool,
}

/// Text runs as a row is read: single spaces join words of one style; two or more end the
/// run, so no `<text>` carries spaces a viewer might collapse.
#[derive(Debug, Default)]
struct Runs {
    done: Vec<Run>,
    open: Option<Run>,
    spaces: u16,
}

impl Runs {
    fn push(&mut self, x: u16, y: u16, cells: u16, symbol: &str, style: TextStyle) {
        let wide = cells > 1;
        if let Some(run) = &mut self.open {
            let joins = run.style == style
                && run.wide == wide
                && run.y == y
                && run.x + run.cells + self.spaces == x
                && (self.spaces == 0 || (self.spaces == 1 && !wide));
            if joins {
                if self.spaces == 1 {
                    run.text.push(' ');
                    run.cells += 1;
                    run.chars += 1;
                }
                run.text.push_str(symbol);
                run.cells += cells;
                run.chars += 1;
                self.spaces = 0;
                return;
            }
        }
        self.close();
        self.open = Some(Run {
            x,
            y,
            cells,
            chars: 1,
            text: symbol.to_string(),
            style,
            wide,
        });
    }

    fn space(&mut self) {
        if self.open.is_some() {
            self.spaces += 1;
            if self.spaces > 1 {
                self.close();
            }
        }
    }

    fn close(&mut self) {
        if let Some(run) = self.open.take() {
            self.done.push(run);
        }
        self.spaces = 0;
    }
}

/// The buffer as an SVG of `CELL_W`×`CELL_H` units a cell.
pub fn render(buf: &Buffer, style: Style) -> Svg {
    let area = buf.area;
    let (width, height) = (
        u32::from(area.width) * CELL_W,
        u32::from(area.height) * CELL_H,
    );
    let mut backs = Canvas::default();
    let mut shapes = Canvas::default();
    let mut runs = Runs::default();
    let mut backgrounds: Vec<(u16, u16, u16, Rgb)> = Vec::new();

    for y in area.top()..area.bottom() {
        let mut x = area.left();
        while x < area.right() {
            let cell = &buf[(x, y)];
            let symbol = if cell.symbol().is_empty() {
                " "
            } else {
                cell.symbol()
            };
            let cells = (symbol.width().clamp(1, 2) as u16).min(area.right() - x);
            let (fg, bg) = colours(cell, style);
            backgrounds.push((x - area.left(), y - area.top(), cells, bg));
            let boxed = CellBox {
                x: i32::from(x - area.left()) * CELL_W as i32 * UNIT,
                y: i32::from(y - area.top()) * CELL_H as i32 * UNIT,
                w: i32::from(cells) * CELL_W as i32 * UNIT,
                h: CELL_H as i32 * UNIT,
            };
            decorate(cell.modifier, boxed, fg, &mut shapes);
            let hidden = cell.modifier.contains(Modifier::HIDDEN);
            if hidden || glyph::draw(symbol, boxed, fg, &mut shapes) {
                runs.close();
            } else if symbol.trim().is_empty() {
                runs.space();
            } else {
                let text_style = TextStyle {
                    fill: fg,
                    bold: cell.modifier.contains(Modifier::BOLD),
                    italic: cell.modifier.contains(Modifier::ITALIC),
                    dim: cell.modifier.contains(Modifier::DIM),
                };
                runs.push(x - area.left(), y - area.top(), cells, symbol, text_style);
            }
            x += cells;
        }
        runs.close();
    }

    // The most common background is the canvas; the others are shapes under everything.
    let mut area_of: HashMap<Rgb, u32> = HashMap::new();
    for &(_, _, cells, bg) in &backgrounds {
        *area_of.entry(bg).or_default() += u32::from(cells);
    }
    let canvas = area_of
        .iter()
        .max_by_key(|&(rgb, n)| (*n, *rgb))
        .map_or(style.paper, |(rgb, _)| *rgb);
    for (x, y, cells, bg) in backgrounds {
        if bg != canvas {
            let (x, y, cells) = (i32::from(x), i32::from(y), i32::from(cells));
            let (w, h) = (CELL_W as i32 * UNIT, CELL_H as i32 * UNIT);
            backs.rect(
                Paint::Solid(bg),
                [x * w, y * h, (x + cells) * w, (y + 1) * h],
            );
        }
    }

    let mut out = String::with_capacity(64 * 1024);
    if style.embed == Embed::File {
        out.push_str("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
    }
    let _ = write!(
        out,
        "<svg{} width=\"{width}\" height=\"{height}\" viewBox=\"0 0 {width} {height}\" \
         font-family=\"{FONT_STACK}\" font-size=\"{FONT_SIZE}\" role=\"img\" \
         aria-labelledby=\"{id}-title\">\n<title id=\"{id}-title\">{title}</title>\n",
        if style.embed == Embed::File {
            " xmlns=\"http://www.w3.org/2000/svg\""
        } else {
            ""
        },
        id = style.id,
        title = escape(style.title),
    );
    let mut defs = String::new();
    shapes.write_defs(style.id, &mut defs);
    if !defs.is_empty() {
        let _ = writeln!(out, "<defs>{defs}</defs>");
    }
    let _ = writeln!(
        out,
        "<rect width=\"{width}\" height=\"{height}\" fill=\"{canvas}\"/>"
    );
    backs.write(style.id, &mut out);
    shapes.write(style.id, &mut out);
    out.push('\n');
    let mut faces = Faces::default();
    for run in &runs.done {
        faces.mark(run.style.bold, run.style.italic, run.wide);
        write_run(run, &mut out);
    }
    out.push_str("</svg>\n");
    Svg { text: out, faces }
}

/// A cell's foreground and background, reversed if it says so, `Reset` as ink and paper.
fn colours(cell: &Cell, style: Style) -> (Rgb, Rgb) {
    let fg = color::rgb(cell.fg).unwrap_or(style.ink);
    let bg = color::rgb(cell.bg).unwrap_or(style.paper);
    if cell.modifier.contains(Modifier::REVERSED) {
        (bg, fg)
    } else {
        (fg, bg)
    }
}

/// Underline and strike-through as thin rectangles in the text's colour.
fn decorate(modifier: Modifier, cell: CellBox, ink: Rgb, canvas: &mut Canvas) {
    let line = |tenths: u32| (tenths as i32) * UNIT / 10;
    if modifier.contains(Modifier::UNDERLINED) {
        let top = cell.y + line(BASELINE_TENTHS + 20);
        canvas.rect(
            Paint::Solid(ink),
            [cell.x, top, cell.x + cell.w, top + 2 * UNIT],
        );
    }
    if modifier.contains(Modifier::CROSSED_OUT) {
        let top = cell.y + line(BASELINE_TENTHS - 70);
        canvas.rect(
            Paint::Solid(ink),
            [cell.x, top, cell.x + cell.w, top + 2 * UNIT],
        );
    }
}

fn write_run(run: &Run, out: &mut String) {
    let y = u32::from(run.y) * CELL_H * 10 + BASELINE_TENTHS;
    let x = if run.wide {
        let at = u32::from(run.x) * CELL_W * 1000 + WIDE_INSET_THOUSANDTHS;
        format!("{}.{:03}", at / 1000, at % 1000)
    } else {
        (u32::from(run.x) * CELL_W).to_string()
    };
    let _ = write!(
        out,
        "<text x=\"{x}\" y=\"{}.{}\" fill=\"{}\"",
        y / 10,
        y % 10,
        run.style.fill
    );
    if run.wide {
        let _ = write!(out, " font-family=\"{CJK_STACK}\"");
    }
    if run.style.bold {
        out.push_str(" font-weight=\"bold\"");
    }
    if run.style.italic {
        out.push_str(" font-style=\"italic\"");
    }
    if run.style.dim {
        out.push_str(" opacity=\"0.6\"");
    }
    if run.chars > 1 {
        let _ = write!(
            out,
            " textLength=\"{}\" lengthAdjust=\"spacing\"",
            u32::from(run.cells) * CELL_W
        );
    }
    let _ = writeln!(out, ">{}</text>", escape(&run.text));
}

/// Text for XML: the five special characters as entities, and every character XML cannot
/// carry or a reader may refuse (controls, noncharacters) as U+FFFD, whatever the data holds.
pub fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c => out.push(plain(c)),
        }
    }
    out
}

/// `c`, or U+FFFD for a control character or a Unicode noncharacter (U+FDD0–U+FDEF and the
/// last two code points of every plane): what XML, a PDF's outline and a font can all carry.
pub fn plain(c: char) -> char {
    let n = u32::from(c);
    let nonchar = (0xfdd0..=0xfdef).contains(&n) || n & 0xfffe == 0xfffe;
    if c.is_control() || nonchar {
        '\u{fffd}'
    } else {
        c
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use ratatui::layout::Rect;
    use ratatui::style::{Color, Style as CellStyle};

    const STYLE: Style = Style {
        id: "t",
        title: "Test",
        ink: Rgb(0, 0, 0),
        paper: Rgb(255, 255, 255),
        embed: Embed::File,
    };

    fn texts(svg: &str) -> Vec<&str> {
        svg.lines().filter(|l| l.starts_with("<text")).collect()
    }

    #[test]
    fn a_run_of_one_style_is_one_text() {
        let mut buf = Buffer::empty(Rect::new(0, 0, 30, 2));
        let blue = CellStyle::new().fg(Color::Rgb(0, 0x72, 0xb2));
        buf.set_string(1, 0, "76.4% online", blue);
        buf.set_string(20, 0, "gap", blue.add_modifier(Modifier::BOLD));
        // Two spaces end a run.
        buf.set_string(0, 1, "a b  c", CellStyle::new());
        let svg = render(&buf, STYLE).text;
        assert_eq!(
            texts(&svg),
            [
                "<text x=\"12\" y=\"18.9\" fill=\"#0072b2\" textLength=\"144\" lengthAdjust=\"spacing\">76.4% online</text>",
                "<text x=\"240\" y=\"18.9\" fill=\"#0072b2\" font-weight=\"bold\" textLength=\"36\" lengthAdjust=\"spacing\">gap</text>",
                "<text x=\"0\" y=\"42.9\" fill=\"#000000\" textLength=\"36\" lengthAdjust=\"spacing\">a b</text>",
                "<text x=\"60\" y=\"42.9\" fill=\"#000000\">c</text>",
            ]
        );
        assert!(svg.contains("width=\"360\" height=\"48\""), "{svg}");
    }

    #[test]
    fn wide_characters_take_two_cells_and_runs_of_their_own() {
        let mut buf = Buffer::empty(Rect::new(0, 0, 12, 1));
        buf.set_string(0, 0, "ab数字cd", CellStyle::new());
        let svg = render(&buf, STYLE);
        let cjk = format!("font-family=\"{CJK_STACK}\"");
        assert_eq!(
            texts(&svg.text),
            [
                "<text x=\"0\" y=\"18.9\" fill=\"#000000\" textLength=\"24\" lengthAdjust=\"spacing\">ab</text>".to_string(),
                // 数 on cells 2–3 (units 24–48) and 字 on 4–5, each 19.93 wide and centred.
                format!("<text x=\"26.035\" y=\"18.9\" fill=\"#000000\" {cjk} textLength=\"48\" lengthAdjust=\"spacing\">数字</text>"),
                "<text x=\"72\" y=\"18.9\" fill=\"#000000\" textLength=\"24\" lengthAdjust=\"spacing\">cd</text>".to_string(),
            ]
        );
        assert_eq!(
            svg.faces,
            Faces {
                regular: true,
                cjk_regular: true,
                ..Faces::default()
            }
        );
    }

    #[test]
    fn bars_are_shapes_and_backgrounds_are_painted_under_them() {
        let mut buf = Buffer::empty(Rect::new(0, 0, 10, 1));
        let style = CellStyle::new()
            .fg(Color::Rgb(0, 0, 255))
            .bg(Color::Rgb(1, 1, 1));
        buf.set_string(0, 0, "███▌", style);
        let svg = render(&buf, STYLE).text;
        assert!(texts(&svg).is_empty(), "{svg}");
        assert!(
            svg.contains("<path fill=\"#0000ff\" d=\"M0 0H42V24H0z\"/>"),
            "{svg}"
        );
        // The canvas is white (6 cells); the bar's 4 cells of background are a shape.
        assert!(svg.contains("<rect width=\"120\" height=\"24\" fill=\"#ffffff\"/>"));
        assert!(
            svg.contains("<path fill=\"#010101\" d=\"M0 0H48V24H0z\"/>"),
            "{svg}"
        );
    }

    #[test]
    fn reversed_cells_swap_colours_and_text_is_escaped() {
        let mut buf = Buffer::empty(Rect::new(0, 0, 10, 1));
        buf.set_string(
            0,
            0,
            "<a&b>",
            CellStyle::new()
                .fg(Color::Rgb(9, 9, 9))
                .bg(Color::Rgb(250, 250, 250))
                .add_modifier(Modifier::REVERSED),
        );
        let svg = render(&buf, STYLE).text;
        assert!(svg.contains("fill=\"#fafafa\""), "{svg}");
        assert!(svg.contains(">&lt;a&amp;b&gt;</text>"), "{svg}");
    }

    #[test]
    fn what_xml_cannot_carry_becomes_a_replacement_character() {
        assert_eq!(
            escape("a\u{fffe}b\u{ffff}\u{1}\u{fdd0}\u{1fffe}\u{10ffff}\u{7f}\u{85}c"),
            "a\u{fffd}b\u{fffd}\u{fffd}\u{fffd}\u{fffd}\u{fffd}\u{fffd}\u{fffd}c"
        );
        // Next to them, what XML does carry stays: U+FFFD itself, the last private use.
        assert_eq!(
            escape("\u{fffd}\u{fdef}\u{fdf0}\u{10fffd}"),
            "\u{fffd}\u{fffd}\u{fdf0}\u{10fffd}"
        );
        let mut buf = Buffer::empty(Rect::new(0, 0, 20, 1));
        buf.set_string(0, 0, "x\u{fffe}\u{ffff}]]><&", CellStyle::new());
        let style = Style {
            title: "\u{ffff}\u{1b}",
            ..STYLE
        };
        let svg = render(&buf, style).text;
        roxmltree::Document::parse(&svg).unwrap_or_else(|e| panic!("{e}: {svg}"));
    }

    #[test]
    fn inline_svg_has_no_namespace_url() {
        let buf = Buffer::empty(Rect::new(0, 0, 4, 1));
        let inline = render(
            &buf,
            Style {
                embed: Embed::Inline,
                ..STYLE
            },
        );
        assert!(!inline.text.contains("http"), "{}", inline.text);
        assert!(
            render(&buf, STYLE)
                .text
                .contains("xmlns=\"http://www.w3.org/2000/svg\"")
        );
    }
}
