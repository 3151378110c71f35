//! `--ascii`: every cell of a drawn frame rewritten to ASCII, for consoles and fonts without
//! box or block glyphs. One character per cell, so layouts keep their widths.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::widgets::Widget;

/// The ASCII stand-in for one character; '?' for anything without one.
pub fn char_to_ascii(c: char) -> char {
    if c.is_ascii() {
        return c;
    }
    match c {
        '─' | '━' | '═' | '╌' | '┄' => '-',
        '│' | '┃' | '║' | '╎' | '┆' => '|',
        '╭' | '╮' | '╰' | '╯' | '┌' | '┐' | '└' | '┘' | '├' | '┤' | '┬' | '┴' | '┼' => {
            '+'
        }
        '█' | '▉' | '▊' | '▋' | '▌' | '▄' | '▅' | '▆' | '▇' => '#',
        '▍' | '▎' | '▏' => ' ',
        '▁' | '▂' | '▃' => '_',
        '▒' => '=',
        '▓' => '%',
        '░' => '.',
        '▀' | '▐' | '▖' | '▗' | '▘' | '▝' | '▙' | '▛' | '▜' | '▟' | '▚' | '▞' => {
            '#'
        }
        '←' => '<',
        '→' | '▶' => '>',
        '↑' => '^',
        '↓' => 'v',
        '◆' => '@',
        '…' | '·' => '.',
        '–' | '—' | '−' => '-',
        '×' => 'x',
        '÷' => '/',
        '“' | '”' | '„' => '"',
        '‘' | '’' => '\'',
        '≈' => '~',
        _ => '?',
    }
}

/// Rewrites every cell of its area, already drawn, to ASCII. A widget of its own because it
/// changes what others drew: no ratatui widget transliterates.
pub struct Ascii;

impl Widget for Ascii {
    fn render(self, area: Rect, buf: &mut Buffer) {
        for position in area.intersection(buf.area).positions() {
            let cell = &mut buf[position];
            if !cell.symbol().is_ascii() {
                let ascii: String = cell.symbol().chars().take(1).map(char_to_ascii).collect();
                cell.set_symbol(&ascii);
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn glyphs_become_single_ascii_characters() {
        for c in "╭─╮│█▉▍▒▁▄←→↑↓◆…–×÷“”≈数".chars() {
            assert!(char_to_ascii(c).is_ascii(), "{c}");
        }
        assert_eq!(char_to_ascii('█'), '#');
        assert_eq!(char_to_ascii('▒'), '=');
        assert_eq!(char_to_ascii('a'), 'a');
    }
}
