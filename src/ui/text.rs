//! Text measuring and wrapping by display width (CJK characters take two cells), so views
//! can centre wrapped text vertically.

use unicode_width::{UnicodeWidthChar, UnicodeWidthStr};

/// Display width in terminal cells.
pub fn width(s: &str) -> usize {
    UnicodeWidthStr::width(s)
}

/// Wraps `text` into lines at most `max` cells wide: at spaces where it can, inside a word
/// (or between CJK characters) where a word is wider than a line.
pub fn wrap(text: &str, max: usize) -> Vec<String> {
    let max = max.max(1);
    let mut lines = Vec::new();
    for paragraph in text.split('\n') {
        let mut line = String::new();
        for word in paragraph.split(' ').filter(|w| !w.is_empty()) {
            let need = if line.is_empty() {
                width(word)
            } else {
                width(&line) + 1 + width(word)
            };
            if need <= max {
                if !line.is_empty() {
                    line.push(' ');
                }
                line.push_str(word);
                continue;
            }
            if !line.is_empty() {
                lines.push(std::mem::take(&mut line));
            }
            for c in word.chars() {
                let cw = c.width().unwrap_or(0);
                if width(&line) + cw > max && !line.is_empty() {
                    lines.push(std::mem::take(&mut line));
                }
                line.push(c);
            }
        }
        lines.push(line);
    }
    lines
}

/// `s` cut to at most `max` cells, with an ellipsis where it was cut.
pub fn truncate(s: &str, max: usize) -> String {
    if width(s) <= max {
        return s.to_string();
    }
    let (mut out, mut used) = (String::new(), 0);
    for c in s.chars() {
        let cw = c.width().unwrap_or(0);
        if used + cw + 1 > max {
            break;
        }
        out.push(c);
        used += cw;
    }
    if max > 0 {
        out.push('…');
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn wraps_at_spaces() {
        assert_eq!(
            wrap("the digital divide", 11),
            vec!["the digital", "divide"]
        );
    }

    #[test]
    fn long_words_and_cjk_break_by_width() {
        assert_eq!(wrap("abcdef", 4), vec!["abcd", "ef"]);
        assert_eq!(wrap("数字鸿沟", 5), vec!["数字", "鸿沟"]);
        for line in wrap("数字鸿沟进一步缩小", 3) {
            assert!(width(&line) <= 3);
        }
    }

    #[test]
    fn truncates_with_ellipsis() {
        assert_eq!(truncate("Penetration", 6), "Penet…");
        assert_eq!(truncate("Sales", 6), "Sales");
    }
}
