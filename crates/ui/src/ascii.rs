//! `--ascii`: every cell of a drawn frame rewritten to ASCII, for consoles and fonts without
//! box or block glyphs. One character per cell, so layouts keep their widths.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::widgets::Widget;

/// What a cut ("…") is drawn as in ASCII.
const CUT: char = '>';

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
        // A cut: one cell, as the ellipsis it stands for (the frame is already laid out,
        // so "..." would push the rest of the row along). Not '.', which reads as a full
        // stop ("as q." looks like a word that ended); '>' says the text goes on past it,
        // as vim's and nano's mark for a line running on past the screen's edge does.
        '…' => CUT,
        '·' => '.',
        '–' | '—' | '−' => '-',
        '×' => 'x',
        '÷' => '/',
        '“' | '”' | '„' => '"',
        '‘' | '’' => '\'',
        '≈' => '~',
        '●' | '•' | '■' | '▪' => '*',
        '○' | '◦' | '□' | '◇' => 'o',
        '✓' | '✔' => 'v',
        '✗' | '✘' => 'x',
        _ => '?',
    }
}

/// Rewrites every cell of its area, already drawn, to ASCII. A widget of its own because it
/// changes what others drew: no ratatui widget transliterates. A run of characters with no
/// ASCII stand-in (Chinese, say) becomes a note of how many are not shown, never a row of
/// question marks that looks like data.
pub struct Ascii;

impl Widget for Ascii {
    fn render(self, area: Rect, buf: &mut Buffer) {
        let area = area.intersection(buf.area);
        for y in area.top()..area.bottom() {
            let mut x = area.left();
            while x < area.right() {
                let (stand_in, cells) = ascii_of(&buf[(x, y)]);
                if stand_in != '?' {
                    if !buf[(x, y)].symbol().is_ascii() {
                        buf[(x, y)].set_char(stand_in);
                    }
                    x += 1;
                    continue;
                }
                // A run of cells none of whose characters has a stand-in.
                let (start, mut end, mut chars) = (x, x + cells, 1);
                while end < area.right() && ascii_of(&buf[(end, y)]).0 == '?' {
                    end += ascii_of(&buf[(end, y)]).1;
                    chars += 1;
                }
                let end = end.min(area.right());
                let width = usize::from(end - start);
                let note = missing(chars, width);
                for (i, c) in note
                    .chars()
                    .chain(std::iter::repeat(' '))
                    .take(width)
                    .enumerate()
                {
                    buf[(start + i as u16, y)].set_char(c);
                }
                x = end;
            }
        }
    }
}

/// A cell's ASCII stand-in ('?' for none) and how many cells its character takes: a wide
/// character's blank right half goes with it.
fn ascii_of(cell: &ratatui::buffer::Cell) -> (char, u16) {
    let symbol = cell.symbol();
    let Some(c) = symbol.chars().next() else {
        return (' ', 1);
    };
    let wide = unicode_width::UnicodeWidthStr::width(symbol) > 1;
    (char_to_ascii(c), if wide { 2 } else { 1 })
}

/// What stands for `chars` characters with no ASCII stand-in, in `width` cells: how many are
/// not shown, as fully as fits.
fn missing(chars: usize, width: usize) -> String {
    [
        format!("[{chars} characters not in ASCII]"),
        format!("[{chars} not in ASCII]"),
        format!("[{chars} not shown]"),
        format!("[{chars}?]"),
        "[?]".to_string(),
    ]
    .into_iter()
    .find(|note| note.len() <= width)
    .unwrap_or_else(|| "?".repeat(width))
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

    #[test]
    fn a_cut_never_reads_as_the_end_of_a_sentence() {
        for stop in ['.', ',', ':', ';', '!', '?'] {
            assert_ne!(char_to_ascii('…'), stop);
        }
        // Drawn as the views draw a cut text: the mark takes the ellipsis' one cell, and
        // what follows it stays where it was.
        let cut = gapdash_app::text::truncate("as quoted by Xinhua", 5);
        let area = Rect::new(0, 0, 12, 1);
        let mut buf = Buffer::empty(area);
        buf.set_string(0, 0, format!("{cut} | end"), ratatui::style::Style::new());
        Ascii.render(area, &mut buf);
        let row: String = (0..12).map(|x| buf[(x, 0)].symbol().to_string()).collect();
        assert_eq!(row, "as q> | end ");
    }

    #[test]
    fn connected_and_waiting_stay_apart() {
        assert_ne!(char_to_ascii('●'), char_to_ascii('○'));
        assert_ne!(char_to_ascii('●'), '?');
    }

    #[test]
    fn chinese_text_says_it_is_not_shown_instead_of_question_marks() {
        let area = Rect::new(0, 0, 40, 1);
        let mut buf = Buffer::empty(area);
        buf.set_string(
            0,
            0,
            "notes: 农村网络零售额增长迅速 end",
            ratatui::style::Style::new(),
        );
        Ascii.render(area, &mut buf);
        let row: String = (0..40).map(|x| buf[(x, 0)].symbol().to_string()).collect();
        assert!(row.starts_with("notes: [11 not in ASCII]"), "{row:?}");
        assert!(row.contains(" end"), "{row:?}");
        assert!(!row.contains("??"), "{row:?}");
        // Too narrow for any words: still no run of question marks taken for text.
        let mut narrow = Buffer::empty(Rect::new(0, 0, 4, 1));
        narrow.set_string(0, 0, "数据", ratatui::style::Style::new());
        Ascii.render(narrow.area, &mut narrow);
        let row: String = (0..4)
            .map(|x| narrow[(x, 0)].symbol().to_string())
            .collect();
        assert_eq!(row, "[2?]");
    }
}
