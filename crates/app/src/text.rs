//! Text measured and wrapped by display width (a CJK character takes two cells). This is the
//! one wrapping implementation: what it returns is what gets drawn, so the rows a layout
//! reserves for wrapped text are the rows the text takes.

use ratatui::style::Style;
use ratatui::text::{Line, Span};
use unicode_width::{UnicodeWidthChar, UnicodeWidthStr};

/// Display width in terminal cells.
pub fn width(s: &str) -> usize {
    UnicodeWidthStr::width(s)
}

fn char_width(c: char) -> usize {
    c.width().unwrap_or(0)
}

/// Wraps `text` into lines at most `max` cells wide: at spaces where it can, between CJK
/// characters (never putting closing punctuation at the start of a line), and inside a word
/// only where the word alone is wider than a line. Each `\n` starts a new line.
pub fn wrap(text: &str, max: usize) -> Vec<String> {
    wrap_styled(&[(text, Style::new())], max)
        .into_iter()
        .map(|line| line.into_iter().map(|(s, _)| s).collect())
        .collect()
}

/// As [`wrap`], keeping each span's style: a styled line becomes styled lines.
pub fn wrap_line(line: &Line, max: usize) -> Vec<Line<'static>> {
    let spans: Vec<(&str, Style)> = line
        .spans
        .iter()
        .map(|s| (s.content.as_ref(), line.style.patch(s.style)))
        .collect();
    wrap_styled(&spans, max)
        .into_iter()
        .map(|pieces| {
            let mut out = Line::from(
                pieces
                    .into_iter()
                    .map(|(s, style)| Span::styled(s, style))
                    .collect::<Vec<_>>(),
            );
            out.alignment = line.alignment;
            out
        })
        .collect()
}

/// Every line of `lines` wrapped to `max` cells.
pub fn wrap_lines<'a>(
    lines: impl IntoIterator<Item = &'a Line<'a>>,
    max: usize,
) -> Vec<Line<'static>> {
    lines.into_iter().flat_map(|l| wrap_line(l, max)).collect()
}

/// At most `rows` of `lines`; when some are left out, the last one kept ends in "…" within
/// `max` cells, so a cut never passes for the end of the text.
pub fn fit(mut lines: Vec<Line<'static>>, rows: usize, max: usize) -> Vec<Line<'static>> {
    if lines.len() <= rows {
        return lines;
    }
    lines.truncate(rows);
    if let Some(last) = lines.pop() {
        let style = last.spans.last().map(|s| s.style).unwrap_or_default();
        let mut cut = truncate_line(last, max.saturating_sub(2));
        let shown = cut.to_string();
        if !shown.ends_with('…') {
            // After a whole number, a space: "0.01 …", not "0.01…", which reads as cut.
            let mark = if shown.ends_with(in_number) {
                " …"
            } else {
                "…"
            };
            cut.spans.push(Span::styled(mark, style));
        }
        lines.push(cut);
    }
    lines
}

/// Closing punctuation that must not begin a line (it stays with the character before it).
fn no_break_before(c: char) -> bool {
    matches!(
        c,
        '，' | '。'
            | '、'
            | '；'
            | '：'
            | '！'
            | '？'
            | '）'
            | '》'
            | '」'
            | '』'
            | '”'
            | '’'
            | '…'
            | '〉'
            | '】'
            | '％'
            | ','
            | '.'
            | ';'
            | ':'
            | '!'
            | '?'
            | ')'
            | '%'
    )
}

/// Opening punctuation that must not end a line (it stays with the character after it).
fn no_break_after(c: char) -> bool {
    matches!(c, '（' | '《' | '「' | '『' | '“' | '‘' | '〈' | '【' | '(')
}

/// An unbreakable run of characters with their styles, and the spaces before it (kept
/// inside a line, dropped where the line breaks).
struct Segment {
    chars: Vec<(char, Style)>,
    spaces: Vec<(char, Style)>,
    width: usize,
}

/// Splits one paragraph (no newlines) into segments: words between spaces, and each CJK
/// character on its own, with punctuation kept on the side it belongs to.
fn segments(chars: &[(char, Style)]) -> Vec<Segment> {
    let mut out: Vec<Segment> = Vec::new();
    let mut current: Vec<(char, Style)> = Vec::new();
    let mut spaces: Vec<(char, Style)> = Vec::new();
    let flush = |current: &mut Vec<(char, Style)>,
                 spaces: &mut Vec<(char, Style)>,
                 out: &mut Vec<Segment>| {
        if !current.is_empty() {
            let width = current.iter().map(|(c, _)| char_width(*c)).sum();
            out.push(Segment {
                chars: std::mem::take(current),
                spaces: std::mem::take(spaces),
                width,
            });
        }
    };
    for (i, &(c, style)) in chars.iter().enumerate() {
        // "80.1 %": a per cent sign after a number stays on the number's line.
        let unit = chars.get(i + 1).is_some_and(|(next, _)| *next == '%')
            && current.last().is_some_and(|(p, _)| p.is_ascii_digit());
        if c == ' ' && !unit {
            flush(&mut current, &mut spaces, &mut out);
            spaces.push((c, style));
            continue;
        }
        let wide = char_width(c) > 1;
        let prev = current.last().map(|(p, _)| *p);
        // A break opportunity before a wide character, or after one, unless punctuation
        // forbids it.
        let breakable = prev.is_some_and(|p| {
            (wide || char_width(p) > 1) && !no_break_before(c) && !no_break_after(p)
        });
        if breakable {
            flush(&mut current, &mut spaces, &mut out);
        }
        current.push((c, style));
    }
    flush(&mut current, &mut spaces, &mut out);
    out
}

/// The core of [`wrap`] and [`wrap_line`]: lines of (text, style) pieces.
fn wrap_styled(spans: &[(&str, Style)], max: usize) -> Vec<Vec<(String, Style)>> {
    let max = max.max(1);
    let mut paragraphs: Vec<Vec<(char, Style)>> = vec![Vec::new()];
    for (text, style) in spans {
        for c in text.chars() {
            if c == '\n' {
                paragraphs.push(Vec::new());
            } else if let Some(last) = paragraphs.last_mut() {
                last.push((c, *style));
            }
        }
    }
    let mut lines = Vec::new();
    for paragraph in paragraphs {
        let mut line: Vec<(char, Style)> = Vec::new();
        let mut used = 0;
        for (i, segment) in segments(&paragraph).into_iter().enumerate() {
            // Spaces stay inside a line and at the start of the paragraph.
            let gap = if i == 0 || !line.is_empty() {
                segment.spaces.len()
            } else {
                0
            };
            if used + gap + segment.width <= max {
                line.extend(segment.spaces.into_iter().take(gap));
                line.extend(segment.chars);
                used += gap + segment.width;
                continue;
            }
            if !line.is_empty() {
                lines.push(pieces(std::mem::take(&mut line)));
                used = 0;
            }
            // A segment wider than a whole line is broken between characters.
            for (c, style) in segment.chars {
                let w = char_width(c);
                if used + w > max && !line.is_empty() {
                    lines.push(pieces(std::mem::take(&mut line)));
                    used = 0;
                }
                line.push((c, style));
                used += w;
            }
        }
        lines.push(pieces(line));
    }
    lines
}

/// Characters grouped into runs of one style.
fn pieces(chars: Vec<(char, Style)>) -> Vec<(String, Style)> {
    let mut out: Vec<(String, Style)> = Vec::new();
    for (c, style) in chars {
        match out.last_mut() {
            Some((s, last)) if *last == style => s.push(c),
            _ => out.push((c.to_string(), style)),
        }
    }
    out
}

/// `s` cut to at most `max` cells, ending in "…" where it was cut: never half a character,
/// and never part of a number (a cut "Jun 202…" would read as another year), so a number
/// that does not fit is left out whole.
pub fn truncate(s: &str, max: usize) -> String {
    if width(s) <= max {
        return s.to_string();
    }
    if max == 0 {
        return String::new();
    }
    let mut kept: Vec<char> = Vec::new();
    let mut used = 0;
    let mut rest = s.chars().peekable();
    while let Some(&c) = rest.peek() {
        let w = char_width(c);
        if used + w + 1 > max {
            break;
        }
        kept.push(c);
        used += w;
        rest.next();
    }
    if rest.peek().is_some_and(|c| in_number(*c)) && ends_in_number(&kept) {
        drop_number(&mut kept);
    }
    // An ellipsis right after a whole number ("2011…") would read as a cut one: a space
    // goes between them, or, without room for it, the number goes too.
    if ends_in_number(&kept) {
        if used + 2 <= max {
            kept.push(' ');
        } else {
            drop_number(&mut kept);
        }
    }
    let mut out: String = kept.into_iter().collect();
    out.push('…');
    out
}

/// `s` in a column `cells` wide: cut with "…" (see [`truncate`]) when longer, padded with
/// spaces by display width when shorter, so columns line up with CJK text in them.
pub fn pad(s: &str, cells: usize) -> String {
    let mut out = truncate(s, cells);
    let used = width(&out);
    out.extend(std::iter::repeat_n(' ', cells.saturating_sub(used)));
    out
}

/// Characters a number is written with: a cut between two of them splits the number.
fn in_number(c: char) -> bool {
    c.is_ascii_digit() || matches!(c, '.' | ',' | '%')
}

/// Whether `chars` end in a number: a digit, perhaps followed by a point, comma or %.
fn ends_in_number(chars: &[char]) -> bool {
    chars
        .iter()
        .rev()
        .take_while(|c| in_number(**c))
        .any(char::is_ascii_digit)
}

/// Takes the number at the end of `chars` off.
fn drop_number(chars: &mut Vec<char>) {
    while chars.last().is_some_and(|c| in_number(*c)) {
        chars.pop();
    }
}

/// A styled line cut to at most `max` cells, ending in "…" (in the style of the span it cut)
/// where it was cut, as [`truncate`] cuts.
pub fn truncate_line(line: Line<'_>, max: usize) -> Line<'_> {
    if line.width() <= max {
        return line;
    }
    let mut spans = Vec::new();
    let mut used = 0;
    for span in line.spans {
        let style = span.style;
        let w = width(&span.content);
        if used + w < max {
            used += w;
            spans.push(span);
            continue;
        }
        spans.push(Span::styled(truncate(&span.content, max - used), style));
        break;
    }
    Line {
        spans,
        style: line.style,
        alignment: line.alignment,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_per_cent_sign_stays_with_its_number() {
        assert_eq!(
            wrap("national from 67.0 % to 80.1 %.", 28),
            ["national from 67.0 % to", "80.1 %."]
        );
        assert_eq!(wrap("a 100 % b", 5), ["a", "100 %", "b"]);
        assert_eq!(
            wrap("per % cent", 4),
            ["per", "%", "cent"],
            "after a word it may break"
        );
    }
    use ratatui::style::Stylize;

    #[test]
    fn wraps_at_spaces() {
        assert_eq!(
            wrap("the digital divide", 11),
            vec!["the digital", "divide"]
        );
        assert_eq!(
            wrap("a   b", 10),
            vec!["a   b"],
            "spaces inside a line stay"
        );
        assert_eq!(
            wrap("abc   de", 4),
            vec!["abc", "de"],
            "spaces at a break go"
        );
    }

    #[test]
    fn long_words_and_cjk_break_by_width() {
        assert_eq!(wrap("abcdef", 4), vec!["abcd", "ef"]);
        assert_eq!(wrap("数字鸿沟", 5), vec!["数字", "鸿沟"]);
        for line in wrap("数字鸿沟进一步缩小", 3) {
            assert!(width(&line) <= 3, "{line}");
        }
    }

    #[test]
    fn chinese_punctuation_never_starts_a_line() {
        let lines = wrap("农村地区互联网普及率为59.2%，较2020年12月提升", 22);
        for line in &lines {
            assert!(width(line) <= 22, "{line}");
            assert!(!line.starts_with('，'), "{lines:?}");
        }
        assert_eq!(
            lines.concat(),
            "农村地区互联网普及率为59.2%，较2020年12月提升"
        );
    }

    #[test]
    fn newlines_start_lines() {
        assert_eq!(wrap("a\n\nb", 10), vec!["a", "", "b"]);
    }

    #[test]
    fn styled_lines_keep_their_styles_across_breaks() {
        let line = Line::from(vec!["Title".bold(), " · a muted detail".dim()]);
        let lines = wrap_line(&line, 10);
        assert_eq!(lines.len(), 3, "{lines:?}");
        assert_eq!(lines[0].to_string(), "Title · a");
        assert_eq!(lines[0].spans[0].content, "Title");
        assert_eq!(lines[0].spans[0].style, Style::new().bold());
        assert_eq!(lines[1].to_string(), "muted");
        assert!(lines[1].spans.iter().all(|s| s.style == Style::new().dim()));
    }

    #[test]
    fn truncates_with_ellipsis_never_mid_character() {
        assert_eq!(truncate("Penetration", 6), "Penet…");
        assert_eq!(truncate("Sales", 6), "Sales");
        assert_eq!(truncate("数字鸿沟", 4), "数…");
        assert_eq!(width(&truncate("数字鸿沟", 4)), 3);
        assert_eq!(truncate("abc", 0), "");
    }

    #[test]
    fn columns_pad_by_display_width() {
        assert_eq!(pad("ab", 4), "ab  ");
        assert_eq!(pad("数字", 6), "数字  ");
        assert_eq!(
            pad("数字鸿沟进一步", 6),
            "数字… ",
            "cut to fit, never half a character"
        );
    }

    #[test]
    fn a_number_is_never_cut() {
        assert_eq!(truncate("Rural · Jun 2020", 15), "Rural · Jun …");
        assert_eq!(truncate("about US$258 billion", 12), "about US$…");
        assert_eq!(truncate("about US$258 billion", 15), "about US$258 b…");
        assert_eq!(truncate("gap 24.1 points", 7), "gap …");
        assert_eq!(truncate("sales, 2011 as a multiple", 13), "sales, 2011 …");
        assert_eq!(truncate("sales, 2011 as a multiple", 12), "sales, …");
        assert_eq!(
            truncate("using the Internet, World", 20),
            "using the Internet,…"
        );
    }

    #[test]
    fn styled_lines_truncate_in_the_span_they_cut() {
        let line = Line::from(vec!["abc".bold(), "defgh".dim()]);
        let cut = truncate_line(line, 5);
        assert_eq!(cut.to_string(), "abcd…");
        assert_eq!(cut.spans[1].style, Style::new().dim());
    }
}
