//! Block and box-drawing glyphs as exact shapes: the blocks (whole, halves, eighths,
//! quadrants) as rectangles, the shades as patterned rectangles, the box drawing as lines
//! through the middle of the cell. Drawn this way, bars and borders are crisp at any zoom and
//! meet their neighbours without the seams a font's glyphs leave.

use super::canvas::{Canvas, Paint, UNIT};
use super::color::Rgb;

/// A cell's box on the canvas, in canvas units.
#[derive(Debug, Clone, Copy)]
pub struct CellBox {
    pub x: i32,
    pub y: i32,
    pub w: i32,
    pub h: i32,
}

/// Light lines are 2 units wide, heavy ones 4; the two strokes of a double line are 6 apart.
/// Whole units on a cell of even size, so lines are sharp in a PNG at 1:1.
const LIGHT: i32 = 2 * UNIT;
const HEAVY: i32 = 4 * UNIT;
const DOUBLE_GAP: i32 = 3 * UNIT;

/// Draws `symbol` in `cell` as shapes if it is a block or box-drawing glyph; false if it is
/// text.
pub fn draw(symbol: &str, cell: CellBox, ink: Rgb, canvas: &mut Canvas) -> bool {
    let mut chars = symbol.chars();
    let (Some(c), None) = (chars.next(), chars.next()) else {
        return false;
    };
    if let Some(parts) = block(c) {
        for &[x0, y0, x1, y1] in parts {
            canvas.rect(Paint::Solid(ink), eighths(cell, x0, y0, x1, y1));
        }
        true
    } else if let Some(level) = shade(c) {
        canvas.rect(Paint::Shade(ink, level), eighths(cell, 0, 0, 8, 8));
        true
    } else if let Some(arms) = arms(c) {
        draw_arms(arms, cell, ink, canvas);
        true
    } else {
        special(c, cell, ink, canvas)
    }
}

/// The part of `cell` from (x0, y0) to (x1, y1), counted in eighths of the cell.
fn eighths(cell: CellBox, x0: i32, y0: i32, x1: i32, y1: i32) -> [i32; 4] {
    [
        cell.x + cell.w * x0 / 8,
        cell.y + cell.h * y0 / 8,
        cell.x + cell.w * x1 / 8,
        cell.y + cell.h * y1 / 8,
    ]
}

const UL: [i32; 4] = [0, 0, 4, 4];
const UR: [i32; 4] = [4, 0, 8, 4];
const LL: [i32; 4] = [0, 4, 4, 8];
const LR: [i32; 4] = [4, 4, 8, 8];

/// The rectangles of a block element, in eighths of the cell.
fn block(c: char) -> Option<&'static [[i32; 4]]> {
    Some(match c {
        '█' => &[[0, 0, 8, 8]],
        '▀' => &[[0, 0, 8, 4]],
        '▔' => &[[0, 0, 8, 1]],
        '▁' => &[[0, 7, 8, 8]],
        '▂' => &[[0, 6, 8, 8]],
        '▃' => &[[0, 5, 8, 8]],
        '▄' => &[[0, 4, 8, 8]],
        '▅' => &[[0, 3, 8, 8]],
        '▆' => &[[0, 2, 8, 8]],
        '▇' => &[[0, 1, 8, 8]],
        '▉' => &[[0, 0, 7, 8]],
        '▊' => &[[0, 0, 6, 8]],
        '▋' => &[[0, 0, 5, 8]],
        '▌' => &[[0, 0, 4, 8]],
        '▍' => &[[0, 0, 3, 8]],
        '▎' => &[[0, 0, 2, 8]],
        '▏' => &[[0, 0, 1, 8]],
        '▐' => &[[4, 0, 8, 8]],
        '▕' => &[[7, 0, 8, 8]],
        '▘' => &[UL],
        '▝' => &[UR],
        '▖' => &[LL],
        '▗' => &[LR],
        '▚' => &[UL, LR],
        '▞' => &[UR, LL],
        '▙' => &[UL, LL, LR],
        '▛' => &[UL, UR, LL],
        '▜' => &[UL, UR, LR],
        '▟' => &[UR, LL, LR],
        _ => return None,
    })
}

/// Quarters of the cell a shade covers.
fn shade(c: char) -> Option<u8> {
    match c {
        '░' => Some(1),
        '▒' => Some(2),
        '▓' => Some(3),
        _ => None,
    }
}

/// How a box-drawing line leaves the middle of its cell in each direction.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Arm {
    No,
    Light,
    Heavy,
    Double,
}

/// Left, right, up, down.
type Arms = [Arm; 4];

fn arms(c: char) -> Option<Arms> {
    use Arm::{Double as D, Heavy as H, Light as L, No as N};
    Some(match c {
        '─' => [L, L, N, N],
        '━' => [H, H, N, N],
        '│' => [N, N, L, L],
        '┃' => [N, N, H, H],
        '═' => [D, D, N, N],
        '║' => [N, N, D, D],
        '┌' => [N, L, N, L],
        '┐' => [L, N, N, L],
        '└' => [N, L, L, N],
        '┘' => [L, N, L, N],
        '├' => [N, L, L, L],
        '┤' => [L, N, L, L],
        '┬' => [L, L, N, L],
        '┴' => [L, L, L, N],
        '┼' => [L, L, L, L],
        '┏' => [N, H, N, H],
        '┓' => [H, N, N, H],
        '┗' => [N, H, H, N],
        '┛' => [H, N, H, N],
        '╴' => [L, N, N, N],
        '╶' => [N, L, N, N],
        '╵' => [N, N, L, N],
        '╷' => [N, N, N, L],
        _ => return None,
    })
}

/// Each arm as a stroke from the edge to just past the middle, so corners and joints are
/// filled and a straight run is one unbroken line.
fn draw_arms(arms: Arms, cell: CellBox, ink: Rgb, canvas: &mut Canvas) {
    let (cx, cy) = (cell.x + cell.w / 2, cell.y + cell.h / 2);
    let [left, right, up, down] = arms;
    let horizontal = |arm: Arm, from: i32, to: i32, canvas: &mut Canvas| match arm {
        Arm::No => {}
        Arm::Light => canvas.hline(ink, LIGHT, cy, from, to),
        Arm::Heavy => canvas.hline(ink, HEAVY, cy, from, to),
        Arm::Double => {
            canvas.hline(ink, LIGHT, cy - DOUBLE_GAP, from, to);
            canvas.hline(ink, LIGHT, cy + DOUBLE_GAP, from, to);
        }
    };
    let vertical = |arm: Arm, from: i32, to: i32, canvas: &mut Canvas| match arm {
        Arm::No => {}
        Arm::Light => canvas.vline(ink, LIGHT, cx, from, to),
        Arm::Heavy => canvas.vline(ink, HEAVY, cx, from, to),
        Arm::Double => {
            canvas.vline(ink, LIGHT, cx - DOUBLE_GAP, from, to);
            canvas.vline(ink, LIGHT, cx + DOUBLE_GAP, from, to);
        }
    };
    let half = |arm: Arm| {
        if arm == Arm::Heavy {
            HEAVY / 2
        } else {
            LIGHT / 2
        }
    };
    // Past the middle by half the widest crossing line's width.
    let past_h = half(up).max(half(down));
    let past_v = half(left).max(half(right));
    horizontal(left, cell.x, cx + past_h, canvas);
    horizontal(right, cx - past_h, cell.x + cell.w, canvas);
    vertical(up, cell.y, cy + past_v, canvas);
    vertical(down, cy - past_v, cell.y + cell.h, canvas);
}

/// Rounded corners and dashed lines.
fn special(c: char, cell: CellBox, ink: Rgb, canvas: &mut Canvas) -> bool {
    use super::canvas::num;
    let CellBox { x, y, w, h } = cell;
    let (cx, cy) = (x + w / 2, y + h / 2);
    // A quarter curve of radius half the cell's width, from the side of the cell to its
    // top or bottom edge.
    let r = w / 2;
    let corner = |from_x: i32, to_y: i32, dy: i32| {
        format!(
            "M{} {}Q{} {} {} {}V{}",
            num(from_x),
            num(cy),
            num(cx),
            num(cy),
            num(cx),
            num(cy + dy),
            num(to_y)
        )
    };
    match c {
        '╭' => canvas.curve(ink, LIGHT, corner(x + w, y + h, r)),
        '╮' => canvas.curve(ink, LIGHT, corner(x, y + h, r)),
        '╰' => canvas.curve(ink, LIGHT, corner(x + w, y, -r)),
        '╯' => canvas.curve(ink, LIGHT, corner(x, y, -r)),
        // Dashes in twelfths of the cell's width or height: two (╌ ╎) or three (┄ ┆).
        '╌' | '┄' | '╎' | '┆' => {
            let dashes: &[(i32, i32)] = if matches!(c, '╌' | '╎') {
                &[(1, 5), (7, 11)]
            } else {
                &[(1, 3), (5, 7), (9, 11)]
            };
            for &(a, b) in dashes {
                if matches!(c, '╌' | '┄') {
                    canvas.hline(ink, LIGHT, cy, x + w * a / 12, x + w * b / 12);
                } else {
                    canvas.vline(ink, LIGHT, cx, y + h * a / 12, y + h * b / 12);
                }
            }
        }
        _ => return false,
    }
    true
}

#[cfg(test)]
mod tests {
    use super::*;

    const CELL: CellBox = CellBox {
        x: 0,
        y: 0,
        w: 12 * UNIT,
        h: 24 * UNIT,
    };

    fn drawn(symbol: &str) -> Option<String> {
        let mut canvas = Canvas::default();
        if !draw(symbol, CELL, Rgb(0, 0, 0), &mut canvas) {
            return None;
        }
        let mut out = String::new();
        canvas.write("t", &mut out);
        Some(out)
    }

    #[test]
    fn blocks_are_exact_rectangles() {
        assert_eq!(
            drawn("█").unwrap(),
            "<path fill=\"#000000\" d=\"M0 0H12V24H0z\"/>"
        );
        assert!(drawn("▏").unwrap().contains("M0 0H1.5V24H0z"));
        assert!(drawn("▄").unwrap().contains("M0 12H12V24H0z"));
        assert!(drawn("▟").unwrap().contains("M6 0H12V12H6z"));
        assert!(drawn("▒").unwrap().contains("url(#t-shade2-000000)"));
    }

    #[test]
    fn box_drawing_is_lines_through_the_middle() {
        assert!(drawn("─").unwrap().contains("d=\"M0 12H12\""));
        assert!(drawn("│").unwrap().contains("d=\"M6 0V24\""));
        // A corner's arms reach past the middle by half the line's width: no notch.
        assert!(drawn("┌").unwrap().contains("d=\"M5 12H12M6 11V24\""));
        assert!(drawn("╭").unwrap().contains("M12 12Q6 12 6 18V24"));
    }

    #[test]
    fn text_is_left_to_the_font() {
        for text in ["a", "7", "◆", "·", "数", "ab", " ", ""] {
            assert_eq!(drawn(text), None, "{text:?}");
        }
    }
}
