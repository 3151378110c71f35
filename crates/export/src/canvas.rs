//! Shapes on the cell grid, gathered by paint so that each colour is drawn as one path: cells
//! that touch are filled as one shape, with no seams between them at any zoom.
//!
//! Coordinates are in eighths of an SVG unit, so that every eighth of a cell is a whole number.

use std::collections::BTreeMap;
use std::fmt::Write;

use super::color::Rgb;

/// Eighths of an SVG unit per unit.
pub const UNIT: i32 = 8;

/// What a filled shape is painted with: a solid colour, or a shade of it (1, 2 or 3
/// quarters of its area, as ░ ▒ ▓ draw).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Paint {
    Solid(Rgb),
    Shade(Rgb, u8),
}

/// A rectangle: left, top, right, bottom.
type Rect = [i32; 4];

/// Line pieces of one colour and width: horizontal ones by their y, vertical ones by their
/// x, and curves (rounded corners) as path data.
#[derive(Debug, Default)]
struct Strokes {
    horizontal: BTreeMap<i32, Vec<(i32, i32)>>,
    vertical: BTreeMap<i32, Vec<(i32, i32)>>,
    curves: Vec<String>,
}

#[derive(Debug, Default)]
pub struct Canvas {
    fills: BTreeMap<Paint, Vec<Rect>>,
    strokes: BTreeMap<(Rgb, i32), Strokes>,
}

impl Canvas {
    pub fn rect(&mut self, paint: Paint, [x0, y0, x1, y1]: Rect) {
        if x1 > x0 && y1 > y0 {
            self.fills.entry(paint).or_default().push([x0, y0, x1, y1]);
        }
    }

    pub fn hline(&mut self, ink: Rgb, width: i32, y: i32, x0: i32, x1: i32) {
        let strokes = self.strokes.entry((ink, width)).or_default();
        strokes.horizontal.entry(y).or_default().push((x0, x1));
    }

    pub fn vline(&mut self, ink: Rgb, width: i32, x: i32, y0: i32, y1: i32) {
        let strokes = self.strokes.entry((ink, width)).or_default();
        strokes.vertical.entry(x).or_default().push((y0, y1));
    }

    /// A curve as path data in units of this canvas, e.g. from [`num`].
    pub fn curve(&mut self, ink: Rgb, width: i32, path: String) {
        let strokes = self.strokes.entry((ink, width)).or_default();
        strokes.curves.push(path);
    }

    /// The pattern each shade needs, for `<defs>`; ids start with `id`.
    pub fn write_defs(&self, id: &str, out: &mut String) {
        for paint in self.fills.keys() {
            if let Paint::Shade(ink, level) = *paint {
                // 2×2 squares on a 4×4 tile: one, two (a checkerboard) or three of the four.
                let squares = match level {
                    1 => "M0 0h2v2H0z",
                    2 => "M0 0h2v2H0zM2 2h2v2H2z",
                    _ => "M0 0h4v2H0zM2 2h2v2H2z",
                };
                let _ = write!(
                    out,
                    "<pattern id=\"{}\" width=\"4\" height=\"4\" patternUnits=\"userSpaceOnUse\">\
                     <path fill=\"{ink}\" d=\"{squares}\"/></pattern>",
                    pattern_id(id, ink, level)
                );
            }
        }
    }

    /// One `<path>` per paint, then one per stroke colour and width.
    pub fn write(&self, id: &str, out: &mut String) {
        for (paint, rects) in &self.fills {
            let fill = match *paint {
                Paint::Solid(ink) => ink.to_string(),
                Paint::Shade(ink, level) => format!("url(#{})", pattern_id(id, ink, level)),
            };
            let mut d = String::new();
            for [x0, y0, x1, y1] in merge_rects(rects.clone()) {
                let _ = write!(
                    d,
                    "M{} {}H{}V{}H{}z",
                    num(x0),
                    num(y0),
                    num(x1),
                    num(y1),
                    num(x0)
                );
            }
            let _ = write!(out, "<path fill=\"{fill}\" d=\"{d}\"/>");
        }
        for ((ink, width), strokes) in &self.strokes {
            let mut d = String::new();
            for (y, pieces) in &strokes.horizontal {
                for (x0, x1) in merge_intervals(pieces.clone()) {
                    let _ = write!(d, "M{} {}H{}", num(x0), num(*y), num(x1));
                }
            }
            for (x, pieces) in &strokes.vertical {
                for (y0, y1) in merge_intervals(pieces.clone()) {
                    let _ = write!(d, "M{} {}V{}", num(*x), num(y0), num(y1));
                }
            }
            for curve in &strokes.curves {
                d.push_str(curve);
            }
            let _ = write!(
                out,
                "<path fill=\"none\" stroke=\"{ink}\" stroke-width=\"{}\" d=\"{d}\"/>",
                num(*width)
            );
        }
    }
}

fn pattern_id(id: &str, ink: Rgb, level: u8) -> String {
    format!("{id}-shade{level}-{}", ink.hex())
}

/// A coordinate in units, as short as SVG allows: `12`, `1.5`, `0.375`.
pub fn num(eighths: i32) -> String {
    if eighths % UNIT == 0 {
        (eighths / UNIT).to_string()
    } else {
        (f64::from(eighths) / f64::from(UNIT)).to_string()
    }
}

/// Intervals that overlap or touch, joined.
fn merge_intervals(mut pieces: Vec<(i32, i32)>) -> Vec<(i32, i32)> {
    pieces.sort_unstable();
    let mut out: Vec<(i32, i32)> = Vec::with_capacity(pieces.len());
    for (a, b) in pieces {
        match out.last_mut() {
            Some(last) if a <= last.1 => last.1 = last.1.max(b),
            _ => out.push((a, b)),
        }
    }
    out
}

/// Rectangles joined along rows (same top and bottom, touching), then down columns (same
/// left and right, touching): fewer, larger shapes.
fn merge_rects(mut rects: Vec<Rect>) -> Vec<Rect> {
    rects.sort_unstable_by_key(|&[x0, y0, x1, y1]| (y0, y1, x0, x1));
    let mut rows: Vec<Rect> = Vec::with_capacity(rects.len());
    for r in rects {
        match rows.last_mut() {
            Some(last) if last[1] == r[1] && last[3] == r[3] && r[0] <= last[2] => {
                last[2] = last[2].max(r[2]);
            }
            _ => rows.push(r),
        }
    }
    rows.sort_unstable_by_key(|&[x0, y0, x1, y1]| (x0, x1, y0, y1));
    let mut out: Vec<Rect> = Vec::with_capacity(rows.len());
    for r in rows {
        match out.last_mut() {
            Some(last) if last[0] == r[0] && last[2] == r[2] && r[1] <= last[3] => {
                last[3] = last[3].max(r[3]);
            }
            _ => out.push(r),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn touching_cells_become_one_rectangle() {
        let ink = Rgb(0, 0x72, 0xb2);
        let mut canvas = Canvas::default();
        // A bar of three whole cells and a half cell, on two rows.
        for y in [0, 192] {
            for x in [0, 96, 192] {
                canvas.rect(Paint::Solid(ink), [x, y, x + 96, y + 192]);
            }
            canvas.rect(Paint::Solid(ink), [288, y, 336, y + 192]);
        }
        let mut out = String::new();
        canvas.write("v", &mut out);
        assert_eq!(out, "<path fill=\"#0072b2\" d=\"M0 0H42V48H0z\"/>");
    }

    #[test]
    fn line_pieces_join_and_shades_get_a_pattern() {
        let ink = Rgb(1, 2, 3);
        let mut canvas = Canvas::default();
        canvas.hline(ink, 16, 96, 0, 56);
        canvas.hline(ink, 16, 96, 40, 96);
        canvas.hline(ink, 16, 96, 200, 210);
        canvas.rect(Paint::Shade(ink, 2), [0, 0, 96, 192]);
        let (mut defs, mut out) = (String::new(), String::new());
        canvas.write_defs("sales", &mut defs);
        canvas.write("sales", &mut out);
        assert!(
            defs.contains("<pattern id=\"sales-shade2-010203\""),
            "{defs}"
        );
        assert!(out.contains("fill=\"url(#sales-shade2-010203)\""), "{out}");
        assert!(out.contains("d=\"M0 12H12M25 12H26.25\""), "{out}");
    }
}
