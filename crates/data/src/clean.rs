//! Text from data files made safe to draw: nothing a data file holds may reach the terminal
//! as a control sequence. Applied once, where text enters (data load), and to every message
//! that quotes a data file.

use std::borrow::Cow;

/// Shown for an escape sequence, however long: the control picture for ESC.
pub const ESCAPE: char = '\u{241b}';
/// Shown for a C1 control, a bidirectional control or a noncharacter, which have no
/// control picture.
pub const REPLACEMENT: char = '\u{fffd}';

const ESC: char = '\u{1b}';
const BEL: char = '\u{07}';
/// The 8-bit string terminator (C1 ST).
const ST: char = '\u{9c}';

/// `text` with nothing a terminal would act on: each escape sequence becomes one ␛, each
/// other C0 control and DEL its control picture (␇ for BEL), each C1 control and
/// bidirectional control one �. Newlines stay; a tab becomes a space; CR LF becomes LF.
/// Visible rather than removed, so whoever edits the file can see something was there.
pub fn clean(text: &str) -> Cow<'_, str> {
    if text.chars().all(|c| c == '\n' || !is_unsafe(c)) {
        return Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len());
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '\n' => out.push('\n'),
            '\t' => out.push(' '),
            '\r' if chars.peek() == Some(&'\n') => {}
            ESC => {
                match chars.peek() {
                    Some('[') => {
                        chars.next();
                        skip_csi(&mut chars);
                    }
                    Some(']' | 'P' | 'X' | '^' | '_') => {
                        chars.next();
                        skip_string(&mut chars);
                    }
                    Some(' '..='~') => skip_nf(&mut chars),
                    _ => {}
                }
                out.push(ESCAPE);
            }
            // The 8-bit forms of CSI, and of OSC, DCS, SOS, PM and APC.
            '\u{9b}' => {
                skip_csi(&mut chars);
                out.push(ESCAPE);
            }
            '\u{9d}' | '\u{90}' | '\u{98}' | '\u{9e}' | '\u{9f}' => {
                skip_string(&mut chars);
                out.push(ESCAPE);
            }
            '\u{0}'..='\u{1f}' => {
                out.push(char::from_u32(0x2400 + c as u32).unwrap_or(REPLACEMENT))
            }
            '\u{7f}' => out.push('\u{2421}'),
            c if is_unsafe(c) => out.push(REPLACEMENT),
            c => out.push(c),
        }
    }
    Cow::Owned(out)
}

/// C0 (newline included: callers keep it), DEL, C1, the bidirectional embeddings,
/// overrides and isolates that can make text read differently from what it holds, and the
/// 66 noncharacters, which no font draws and XML, PDF and PNG text refuse.
pub fn is_unsafe(c: char) -> bool {
    c.is_control()
        || matches!(c, '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}')
        || is_noncharacter(c)
}

/// U+FDD0 to U+FDEF, and the last two code points of every plane (U+FFFE, U+FFFF,
/// U+1FFFE, U+1FFFF … U+10FFFF).
pub fn is_noncharacter(c: char) -> bool {
    let c = c as u32;
    (0xfdd0..=0xfdef).contains(&c) || c & 0xfffe == 0xfffe
}

/// A CSI's parameters and intermediates, then its final byte. Stops early (keeping the
/// character) at anything a CSI cannot hold.
fn skip_csi(chars: &mut std::iter::Peekable<std::str::Chars<'_>>) {
    while let Some(&c) = chars.peek() {
        match c {
            '\u{20}'..='\u{3f}' => {
                chars.next();
            }
            '\u{40}'..='\u{7e}' => {
                chars.next();
                return;
            }
            _ => return,
        }
    }
}

/// An OSC, DCS, SOS, PM or APC body, up to and including its terminator (BEL, ESC \ or
/// ST). Unterminated, it runs to the end, as a terminal would swallow it.
fn skip_string(chars: &mut std::iter::Peekable<std::str::Chars<'_>>) {
    while let Some(c) = chars.next() {
        match c {
            BEL | ST => return,
            ESC => {
                if chars.peek() == Some(&'\\') {
                    chars.next();
                }
                return;
            }
            _ => {}
        }
    }
}

/// A two- or three-character escape (ESC c, ESC ( B, ESC 7): intermediates, then one final.
fn skip_nf(chars: &mut std::iter::Peekable<std::str::Chars<'_>>) {
    while let Some(&c) = chars.peek() {
        chars.next();
        if !(' '..='/').contains(&c) {
            return;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn cleaned(s: &str) -> String {
        clean(s).into_owned()
    }

    #[test]
    fn ordinary_text_is_untouched_and_not_copied() {
        let text = "Urban–rural gap, 数字鸿沟 “quoted”\nsecond line";
        assert!(matches!(clean(text), Cow::Borrowed(_)));
        assert_eq!(cleaned(text), text);
    }

    #[test]
    fn csi_sequences_go_whole() {
        assert_eq!(cleaned("a\u{1b}[2Jb"), "a␛b");
        assert_eq!(cleaned("a\u{1b}[38;2;255;0;0mred"), "a␛red");
        assert_eq!(cleaned("a\u{9b}2Jb"), "a␛b");
    }

    #[test]
    fn osc_and_dcs_go_with_their_payload() {
        let osc52 = "copy\u{1b}]52;c;aGVsbG8=\u{07}done";
        assert_eq!(cleaned(osc52), "copy␛done");
        assert_eq!(cleaned("x\u{1b}]0;title\u{1b}\\y"), "x␛y");
        assert_eq!(cleaned("x\u{1b}Pq#0;2;0;0;0\u{1b}\\y"), "x␛y");
        assert_eq!(cleaned("x\u{9d}52;c;AAAA\u{9c}y"), "x␛y");
        assert_eq!(cleaned("x\u{1b}]52;c;never ends"), "x␛");
    }

    #[test]
    fn short_escapes_and_a_lone_esc() {
        assert_eq!(cleaned("a\u{1b}cb"), "a␛b");
        assert_eq!(cleaned("a\u{1b}(Bb"), "a␛b");
        assert_eq!(cleaned("a\u{1b}"), "a␛");
    }

    #[test]
    fn controls_show_as_control_pictures() {
        assert_eq!(cleaned("ring\u{07}bell"), "ring␇bell");
        assert_eq!(cleaned("nul\u{0}"), "nul␀");
        assert_eq!(cleaned("del\u{7f}"), "del␡");
        assert_eq!(cleaned("back\rover"), "back␍over");
    }

    #[test]
    fn c1_and_bidi_controls_become_replacement_characters() {
        assert_eq!(cleaned("c1\u{85}"), "c1\u{fffd}");
        assert_eq!(cleaned("\u{202e}txet\u{202c}"), "\u{fffd}txet\u{fffd}");
        assert_eq!(cleaned("\u{2066}iso\u{2069}"), "\u{fffd}iso\u{fffd}");
    }

    #[test]
    fn noncharacters_become_replacement_characters() {
        let all: Vec<char> = (0xfdd0..=0xfdef)
            .chain((0..=0x10).flat_map(|plane| [plane << 16 | 0xfffe, plane << 16 | 0xffff]))
            .filter_map(char::from_u32)
            .collect();
        assert_eq!(all.len(), 66);
        let text: String = all.iter().collect();
        assert_eq!(cleaned(&text), "\u{fffd}".repeat(66));
        for neighbour in ['\u{fdcf}', '\u{fdf0}', '\u{fffd}', '\u{fffc}', '\u{1fffd}'] {
            assert!(!is_unsafe(neighbour), "{neighbour:?}");
        }
    }

    #[test]
    fn whitespace_is_kept_readable() {
        assert_eq!(cleaned("a\tb\r\nc\nd"), "a b\nc\nd");
    }

    #[test]
    fn replacements_take_one_cell() {
        use unicode_width::UnicodeWidthChar;
        for c in [ESCAPE, REPLACEMENT, '␇', '␀', '␡', '␟'] {
            assert_eq!(c.width(), Some(1), "{c}");
        }
    }

    #[test]
    fn nothing_unsafe_survives() {
        let hostile = "\u{1b}[2J\u{1b}]52;c;aGk=\u{07}\u{202e}\u{07}\u{9b}31m\u{1b}P1$r\u{1b}\\\u{0}\u{8}\u{ffff}";
        assert!(!cleaned(hostile).chars().any(|c| c != '\n' && is_unsafe(c)));
    }
}
