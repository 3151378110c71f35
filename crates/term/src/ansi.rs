//! The cells of a frame that changed, as the bytes a terminal needs to show them: cursor
//! moves where the changed cells are not adjacent, SGR attributes and colours where they
//! change, then the text. Written straight into a byte buffer: going through crossterm's
//! command formatting for every cell took as long as drawing the frame.

use std::io::Write;

use ratatui::buffer::{Buffer, Cell};
use ratatui::style::{Color, Modifier};
use unicode_width::UnicodeWidthStr;

use gapdash_ui::theme::palette_index;

/// The cells to send to turn the screen `shown` into `next`: ratatui's diff, and the cells
/// [`with_halves`] adds to it.
pub fn changes<'a>(shown: &'a Buffer, next: &'a Buffer) -> Vec<(u16, u16, &'a Cell)> {
    with_halves(shown, shown.diff(next))
}

/// `diff` (the cells that changed from `shown`, in order), and after a character whose last
/// cell lands on the left half of a wide one (a narrow character over it, or a wide one
/// starting a cell before it), the cell to its right. A terminal blanks that right half in the
/// colours of the character just written (a stray highlighted cell after a tab, say) and a
/// diff, which compares buffers and not screens, would leave it so (ratatui issue 2585 fixed
/// one case of this, narrow over wide with a background; the others remain). A cell not in
/// `diff` is the same in the next frame as in `shown`.
pub fn with_halves<'a>(
    shown: &'a Buffer,
    diff: Vec<(u16, u16, &'a Cell)>,
) -> Vec<(u16, u16, &'a Cell)> {
    let mut out = Vec::with_capacity(diff.len());
    for (i, &(x, y, cell)) in diff.iter().enumerate() {
        out.push((x, y, cell));
        let last = x.saturating_add((cell.symbol().width() as u16).max(1) - 1);
        let right = last.saturating_add(1);
        let halved = shown
            .cell((last, y))
            .is_some_and(|c| c.symbol().width() > 1)
            && right < shown.area.right();
        let sent_next = diff
            .get(i + 1)
            .is_some_and(|&(nx, ny, _)| (nx, ny) == (right, y));
        if halved && !sent_next {
            out.push((right, y, &shown[(right, y)]));
        }
    }
    out
}

/// Appends the escape sequences and text that draw `updates` (as `Buffer::diff` gives them)
/// to `out`, ending with colours and attributes reset.
pub fn encode<'a>(out: &mut Vec<u8>, updates: impl IntoIterator<Item = (u16, u16, &'a Cell)>) {
    encode_marking(out, updates, |_, _, _| {});
}

/// As [`encode`], telling `mark` where each cell's text starts in `out`: (x, y, offset).
pub fn encode_marking<'a>(
    out: &mut Vec<u8>,
    updates: impl IntoIterator<Item = (u16, u16, &'a Cell)>,
    mut mark: impl FnMut(u16, u16, usize),
) {
    let mut fg = Color::Reset;
    let mut bg = Color::Reset;
    let mut modifier = Modifier::empty();
    let mut next: Option<(u16, u16)> = None;
    for (x, y, cell) in updates {
        if next != Some((x, y)) {
            // Rows and columns count from 1.
            let _ = write!(out, "\x1b[{};{}H", y + 1, x + 1);
        }
        next = Some((x.saturating_add(1), y));
        if cell.modifier != modifier {
            modifiers(out, modifier, cell.modifier);
            modifier = cell.modifier;
        }
        if cell.fg != fg {
            colour(out, cell.fg, Layer::Foreground);
            fg = cell.fg;
        }
        if cell.bg != bg {
            colour(out, cell.bg, Layer::Background);
            bg = cell.bg;
        }
        mark(x, y, out.len());
        out.extend_from_slice(cell.symbol().as_bytes());
    }
    out.extend_from_slice(b"\x1b[39m\x1b[49m\x1b[0m");
}

#[derive(Clone, Copy)]
enum Layer {
    Foreground,
    Background,
}

/// SGR for a colour: the default, one of the 16 by palette index, a palette index, or RGB.
fn colour(out: &mut Vec<u8>, colour: Color, layer: Layer) {
    let (base, default) = match layer {
        Layer::Foreground => (38, 39),
        Layer::Background => (48, 49),
    };
    match (colour, palette_index(colour)) {
        (_, Some(index)) => {
            let _ = write!(out, "\x1b[{base};5;{index}m");
        }
        (Color::Rgb(r, g, b), None) => {
            let _ = write!(out, "\x1b[{base};2;{r};{g};{b}m");
        }
        _ => {
            let _ = write!(out, "\x1b[{default}m");
        }
    }
}

/// SGR that turns attributes `from` into `to`. Bold and dim share one reset (normal
/// intensity), so after it whichever of them stays is turned on again.
fn modifiers(out: &mut Vec<u8>, from: Modifier, to: Modifier) {
    let removed = from - to;
    let added = to - from;
    let mut sgr = |code: u8| {
        let _ = write!(out, "\x1b[{code}m");
    };
    if removed.contains(Modifier::REVERSED) {
        sgr(27);
    }
    let intensity = removed.intersects(Modifier::BOLD | Modifier::DIM);
    if intensity {
        sgr(22);
        if to.contains(Modifier::DIM) {
            sgr(2);
        }
        if to.contains(Modifier::BOLD) {
            sgr(1);
        }
    }
    for (attribute, off) in [
        (Modifier::ITALIC, 23),
        (Modifier::UNDERLINED, 24),
        (Modifier::CROSSED_OUT, 29),
        (Modifier::HIDDEN, 28),
    ] {
        if removed.contains(attribute) {
            sgr(off);
        }
    }
    if removed.intersects(Modifier::SLOW_BLINK | Modifier::RAPID_BLINK) {
        sgr(25);
    }
    for (attribute, on) in [
        (Modifier::REVERSED, 7),
        (Modifier::ITALIC, 3),
        (Modifier::UNDERLINED, 4),
        (Modifier::CROSSED_OUT, 9),
        (Modifier::HIDDEN, 8),
        (Modifier::SLOW_BLINK, 5),
        (Modifier::RAPID_BLINK, 6),
    ] {
        if added.contains(attribute) {
            sgr(on);
        }
    }
    if !intensity {
        if added.contains(Modifier::BOLD) {
            sgr(1);
        }
        if added.contains(Modifier::DIM) {
            sgr(2);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;
    use ratatui::backend::{Backend, CrosstermBackend};
    use ratatui::layout::Rect;
    use ratatui::style::Style;

    /// What a terminal shows after `bytes`: every cell's text, colours and attributes.
    fn shown(bytes: &[u8], width: u16, height: u16) -> Vec<String> {
        let mut parser = vt100::Parser::new(
            std::num::NonZeroU16::new(height).expect("rows"),
            std::num::NonZeroU16::new(width).expect("cols"),
            0,
        );
        parser.process(bytes);
        let screen = parser.screen();
        let mut cells = Vec::new();
        for y in 0..height {
            for x in 0..width {
                if let Some(c) = screen.cell(y, x) {
                    cells.push(format!(
                        "{x},{y} {:?} {:?} {:?} b{} i{} u{} r{} d{}",
                        c.contents(),
                        c.fgcolor(),
                        c.bgcolor(),
                        c.bold(),
                        c.italic(),
                        c.underline(),
                        c.inverse(),
                        c.dim()
                    ));
                }
            }
        }
        cells
    }

    #[test]
    fn a_wide_character_overwritten_by_a_narrow_one_leaves_no_stray_cell() {
        stray_cells("数", "a");
    }

    #[test]
    fn a_wide_character_overwritten_one_cell_to_its_left_leaves_no_stray_cell() {
        // 字 on cells 1–2; 数 on cells 0–1 halves it, and the terminal blanks cell 2.
        stray_cells(" 字", "数");
    }

    /// `before` then `after` (in red), sent as changes, show what `after` sent whole shows,
    /// where ratatui's diff alone leaves a red cell.
    fn stray_cells(before_text: &str, after_text: &str) {
        let area = Rect::new(0, 0, 4, 1);
        let mut before = Buffer::empty(area);
        before.set_string(0, 0, before_text, Style::new());
        let mut after = Buffer::empty(area);
        after.set_string(0, 0, after_text, Style::new().bg(Color::Red));
        let mut bytes = Vec::new();
        encode(&mut bytes, Buffer::empty(area).diff(&before));
        encode(&mut bytes, changes(&before, &after));
        let mut whole = Vec::new();
        encode(&mut whole, Buffer::empty(area).diff(&after));
        // A cell never written and one written blank look the same.
        let seen = |bytes: &[u8]| -> Vec<String> {
            shown(bytes, 4, 1)
                .into_iter()
                .map(|c| c.replace("\"\"", "\" \""))
                .collect()
        };
        assert_eq!(seen(&bytes), seen(&whole));
        // ratatui's diff alone leaves the red of "a" on the cell after it.
        let mut diff_only = Vec::new();
        encode(&mut diff_only, Buffer::empty(area).diff(&before));
        encode(&mut diff_only, before.diff(&after));
        assert_ne!(seen(&diff_only), seen(&whole));
    }

    fn colour() -> impl Strategy<Value = Color> {
        prop_oneof![
            Just(Color::Reset),
            (0u8..16).prop_map(Color::Indexed),
            any::<u8>().prop_map(Color::Indexed),
            any::<(u8, u8, u8)>().prop_map(|(r, g, b)| Color::Rgb(r, g, b)),
            prop::sample::select(vec![
                Color::Red,
                Color::LightBlue,
                Color::Gray,
                Color::White
            ]),
        ]
    }

    fn style() -> impl Strategy<Value = Style> {
        (colour(), colour(), 0u16..0x200).prop_map(|(fg, bg, bits)| {
            Style::new()
                .fg(fg)
                .bg(bg)
                .add_modifier(Modifier::from_bits_truncate(bits))
        })
    }

    proptest! {
        /// Whatever the cells and their styles, the terminal shows what crossterm's own
        /// encoding would make it show.
        #[test]
        fn frames_show_what_crosstermss_encoding_shows(
            cells in prop::collection::vec(("[a-z█▒ 数]", style()), 1..60),
        ) {
            let (width, height) = (12u16, 6u16);
            let area = Rect::new(0, 0, width, height);
            let mut buf = Buffer::empty(area);
            for (i, (text, style)) in cells.iter().enumerate() {
                let (x, y) = ((i as u16 * 5) % width, (i as u16 * 3) % height);
                buf.set_string(x, y, text, *style);
            }
            let updates = Buffer::empty(area).diff(&buf);
            let mut ours = Vec::new();
            encode(&mut ours, updates.iter().copied());
            let mut theirs = Vec::new();
            CrosstermBackend::new(&mut theirs)
                .draw(updates.into_iter())
                .expect("writes to memory");
            prop_assert_eq!(shown(&ours, width, height), shown(&theirs, width, height));
        }
    }
}
