//! What is wrong with the data, and where: `file:line:column: message`, with the line
//! underneath and a caret under the place.

use std::fmt;
use std::ops::Range;

use unicode_width::{UnicodeWidthChar, UnicodeWidthStr};

use super::clean::clean;
use super::model::YEARS;

/// One mistake in one data file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Problem {
    /// The file as the user named it: `mydata/penetration.toml`.
    pub file: String,
    /// Line and column, both from 1 (columns count characters, as the toml crate does).
    pub position: Option<(usize, usize)>,
    /// One line: what was expected and what was found.
    pub message: String,
    /// The offending line with a caret under the place.
    pub snippet: Option<String>,
    /// Nonzero only on the line closing a file's list: how many more problems the file has,
    /// counted but not listed (see [`LISTED_PER_FILE`]).
    pub unlisted: usize,
}

/// The most problems listed for one file. Past it they are counted, not built, so a file
/// with thousands of mistakes is checked as fast as a sound one and its report stays short.
pub const LISTED_PER_FILE: usize = 20;

impl Problem {
    /// A problem with the file as a whole (missing, empty, binary, too large).
    pub fn file(file: &str, message: impl fmt::Display) -> Problem {
        Problem {
            file: clean(file).into_owned(),
            position: None,
            message: one_line(&message.to_string()),
            snippet: None,
            unlisted: 0,
        }
    }

    /// The line closing a file's list: `count` more problems were found in it.
    pub fn unlisted(file: &str, count: usize) -> Problem {
        Problem {
            unlisted: count,
            ..Problem::file(
                file,
                format!(
                    "… and {count} more problem{}",
                    if count == 1 { "" } else { "s" }
                ),
            )
        }
    }

    /// A problem at `span` (byte offsets) of `text`, with the line and a caret.
    pub fn at(file: &str, text: &str, span: Range<usize>, message: impl fmt::Display) -> Problem {
        let (line, column) = line_column(text, span.start);
        Problem {
            position: Some((line, column)),
            snippet: Some(snippet(text, span)),
            ..Problem::file(file, message)
        }
    }

    /// A problem the toml crate found, in plain words, at the place it names.
    pub fn toml(file: &str, text: &str, error: toml::de::Error) -> Problem {
        // Without its input, the error ends with the keys it is about: "in `period.a`".
        let plain = error.to_string();
        let keys = plain
            .trim_end()
            .lines()
            .last()
            .and_then(|l| l.strip_prefix("in `"))
            .map(|k| k.trim_end_matches('`'));
        let message = plain_words(keys, error.message());
        match error.span() {
            Some(span) => Problem::at(file, text, span, message),
            None => Problem::file(file, message),
        }
    }

    /// `file:line:column: message`, the form editors and terminals can jump to.
    pub fn headline(&self) -> String {
        match self.position {
            Some((line, column)) => format!("{}:{line}:{column}: {}", self.file, self.message),
            None => format!("{}: {}", self.file, self.message),
        }
    }
}

impl fmt::Display for Problem {
    /// The headline; with `{:#}`, the snippet under it.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.headline())?;
        if let (true, Some(snippet)) = (f.alternate(), &self.snippet) {
            for line in snippet.lines() {
                write!(f, "\n    {line}")?;
            }
        }
        Ok(())
    }
}

/// Every problem found in one load. Never empty.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LoadError {
    pub problems: Vec<Problem>,
}

impl LoadError {
    /// How many problems were found, listed or only counted.
    pub fn count(&self) -> usize {
        self.problems.iter().map(|p| p.unlisted.max(1)).sum()
    }

    /// The first problem's headline, with a count of the others: for a one-line status.
    pub fn summary(&self) -> String {
        let first = self
            .problems
            .first()
            .map(Problem::headline)
            .unwrap_or_default();
        match self.count() {
            0 | 1 => first,
            n => format!("{first} (and {} more)", n - 1),
        }
    }
}

impl fmt::Display for LoadError {
    /// Each problem with its snippet, then how many there were.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for problem in &self.problems {
            writeln!(f, "{problem:#}")?;
        }
        let n = self.count();
        write!(f, "{n} problem{} found", if n == 1 { "" } else { "s" })
    }
}

impl std::error::Error for LoadError {}

/// A deserializer's message put the way a person editing the file would say it: "invalid
/// value: integer `70000`, expected u16" in `year.year` reads "year must be a whole number
/// from 0 to 65535, found 70000". Other messages keep their words, after the keys.
fn plain_words(keys: Option<&str>, message: &str) -> String {
    let wrong = message
        .strip_prefix("invalid type: ")
        .or_else(|| message.strip_prefix("invalid value: "))
        .and_then(|rest| rest.rsplit_once(", expected "));
    let Some((found, expected)) = wrong else {
        return match keys {
            Some(keys) => format!("{keys}: {message}"),
            None => message.to_string(),
        };
    };
    let field = keys
        .and_then(|k| {
            k.rsplit('.')
                .find(|part| !part.chars().all(|c| c.is_ascii_digit()))
        })
        .unwrap_or("the value");
    let found = found
        .trim_end_matches(" as i128")
        .trim_end_matches(" as u128");
    let found = if let Some(number) = ["integer ", "floating point "]
        .iter()
        .find_map(|kind| found.strip_prefix(kind))
    {
        let number = number.trim_matches('`');
        // Serde writes a float in full: 1e308 would take 309 digits.
        match number.parse::<f64>() {
            Ok(value) if number.contains('.') || number.len() > 20 => plain_number(value),
            _ => number.to_string(),
        }
    } else if let Some(s) = found.strip_prefix("string ") {
        format!("text {s}")
    } else if let Some(b) = found.strip_prefix("boolean ") {
        b.trim_matches('`').to_string()
    } else {
        match found {
            "sequence" => "a list".to_string(),
            "map" => "a table".to_string(),
            other => other.to_string(),
        }
    };
    let is_year = matches!(field, "year" | "sales_from" | "sales_to");
    let expected = match expected {
        "u16" if is_year => format!("a year from {} to {}", YEARS.start(), YEARS.end()),
        "u8" => "a whole number from 0 to 255".to_string(),
        "u16" => "a whole number from 0 to 65535".to_string(),
        "u32" => "a whole number from 0 to 4294967295".to_string(),
        "u64" | "usize" => "a whole number of at least 0".to_string(),
        "i8" | "i16" | "i32" | "i64" | "isize" => "a whole number".to_string(),
        "f32" | "f64" => "a number".to_string(),
        "a string" => "text in quotes".to_string(),
        "a boolean" => "true or false".to_string(),
        "a sequence" => "a list in [brackets]".to_string(),
        other => other.to_string(),
    };
    format!("{field} must be {expected}, found {found}")
}

/// A number as a person would write it, and short: no "-0", no "inf", no 309 digits for
/// 1e308; NaN and infinities named.
pub fn plain_number(value: f64) -> String {
    if value.is_nan() {
        "not a number".to_string()
    } else if value.is_infinite() {
        "an infinite number".to_string()
    } else if value == 0.0 {
        "0".to_string()
    } else if value.abs() >= 1e15 || value.abs() < 1e-6 {
        format!("{value:e}")
    } else {
        format!("{value}")
    }
}

/// Line and column (from 1) of byte offset `at`; columns count characters.
pub fn line_column(text: &str, at: usize) -> (usize, usize) {
    let at = floor_char_boundary(text, at.min(text.len()));
    let before = &text[..at];
    let line_start = before.rfind('\n').map_or(0, |i| i + 1);
    let line = before.matches('\n').count() + 1;
    (line, text[line_start..at].chars().count() + 1)
}

/// The line holding `span`, with carets under it, in the toml crate's layout.
fn snippet(text: &str, span: Range<usize>) -> String {
    let start = floor_char_boundary(text, span.start.min(text.len()));
    let end = floor_char_boundary(text, span.end.clamp(start, text.len()));
    let line_start = text[..start].rfind('\n').map_or(0, |i| i + 1);
    let line_end = text[start..].find('\n').map_or(text.len(), |i| start + i);
    let line = text[..start].matches('\n').count() + 1;
    let before = clean(&text[line_start..start]).into_owned();
    let marked = clean(&text[start..end.min(line_end)]).into_owned();
    let after = clean(text[end.min(line_end)..line_end].trim_end_matches('\r')).into_owned();
    // A long line is shown around the place, so the caret stays on screen.
    let before = clip_left(&before, SNIPPET_BEFORE);
    let marked = clip_right(&marked, SNIPPET_MARKED);
    let after = clip_right(&after, SNIPPET_AFTER.saturating_sub(marked.width()));
    let gutter = " ".repeat(line.to_string().len());
    // Carets go under the place by display width: a CJK character takes two cells.
    format!(
        "{gutter} |\n{line} | {before}{marked}{after}\n{gutter} | {pad}{carets}",
        pad = " ".repeat(before.width()),
        carets = "^".repeat(marked.width().max(1)),
    )
}

/// How much of a long line a snippet shows before the place, of the place, and after it.
const SNIPPET_BEFORE: usize = 40;
const SNIPPET_MARKED: usize = 40;
const SNIPPET_AFTER: usize = 60;

/// The last `max` cells of `s`, with "…" in front where it was cut.
fn clip_left(s: &str, max: usize) -> String {
    if s.width() <= max {
        return s.to_string();
    }
    let mut kept: Vec<char> = Vec::new();
    let mut used = 1;
    for c in s.chars().rev() {
        let w = c.width().unwrap_or(0);
        if used + w > max {
            break;
        }
        kept.push(c);
        used += w;
    }
    std::iter::once('…').chain(kept.into_iter().rev()).collect()
}

/// The first `max` cells of `s`, with "…" at the end where it was cut.
fn clip_right(s: &str, max: usize) -> String {
    if s.width() <= max {
        return s.to_string();
    }
    let mut out = String::new();
    let mut used = 1;
    for c in s.chars() {
        let w = c.width().unwrap_or(0);
        if used + w > max {
            break;
        }
        out.push(c);
        used += w;
    }
    out.push('…');
    out
}

fn floor_char_boundary(text: &str, mut at: usize) -> usize {
    while !text.is_char_boundary(at) {
        at -= 1;
    }
    at
}

/// Messages are one line, however they were built, and short: a value they quote is cut
/// with "…", and so is the whole.
fn one_line(message: &str) -> String {
    let cleaned = clean(&message.replace('\n', " ")).into_owned();
    clip_chars(&shorten_quoted(&cleaned), MESSAGE_CHARS)
}

/// The most characters a message shows of one quoted value, and of the whole message.
const QUOTED_CHARS: usize = 60;
const MESSAGE_CHARS: usize = 400;

/// `message` with each value it quotes ("…", `…` or “…”) cut to [`QUOTED_CHARS`]; an
/// unclosed quote runs to the end.
fn shorten_quoted(message: &str) -> String {
    let mut out = String::with_capacity(message.len().min(2 * MESSAGE_CHARS));
    let mut rest = message;
    while let Some(open) = rest.find(['"', '`', '“']) {
        let quote = rest[open..].chars().next().unwrap_or('"');
        let close = if quote == '“' { '”' } else { quote };
        let inner = open + quote.len_utf8();
        out.push_str(&rest[..inner]);
        rest = &rest[inner..];
        let Some(len) = rest.find(close) else {
            return out + &clip_chars(rest, QUOTED_CHARS);
        };
        out.push_str(&clip_chars(&rest[..len], QUOTED_CHARS));
        out.push(close);
        rest = &rest[len + close.len_utf8()..];
        if out.len() > 4 * MESSAGE_CHARS {
            break;
        }
    }
    out + &clip_chars(rest, MESSAGE_CHARS)
}

/// The first `max` characters of `s`, the last of them "…" where it was cut.
fn clip_chars(s: &str, max: usize) -> String {
    match s.char_indices().nth(max) {
        None => s.to_string(),
        Some(_) => {
            let keep = s.char_indices().nth(max - 1).map_or(s.len(), |(i, _)| i);
            format!("{}…", &s[..keep])
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn positions_count_lines_and_characters() {
        let text = "a = 1\nrural_pct = 112.5\n名字 = 3\n";
        assert_eq!(line_column(text, 0), (1, 1));
        assert_eq!(line_column(text, 18), (2, 13));
        assert_eq!(line_column(text, text.find('=').unwrap()), (1, 3));
        let cjk = text.rfind('=').unwrap();
        assert_eq!(line_column(text, cjk), (3, 4));
        assert_eq!(line_column(text, 10_000), (4, 1));
    }

    #[test]
    fn headline_reads_file_line_column_message() {
        let text = "x = 1\nrural_pct = 112.5\n";
        let p = Problem::at(
            "data/penetration.toml",
            text,
            18..23,
            "rural_pct must be between 0 and 100, found 112.5",
        );
        assert_eq!(
            p.headline(),
            "data/penetration.toml:2:13: rural_pct must be between 0 and 100, found 112.5"
        );
        let shown = format!("{p:#}");
        let lines: Vec<&str> = shown.lines().collect();
        assert_eq!(
            lines[1..],
            [
                "      |",
                "    2 | rural_pct = 112.5",
                "      |             ^^^^^"
            ]
        );
    }

    #[test]
    fn carets_sit_under_wide_characters_by_display_width() {
        let text = "speaker = \"刘振民\" x\n";
        let at = text.find('x').expect("x");
        let p = Problem::at("q.toml", text, at..at + 1, "here");
        let shown = format!("{p:#}");
        let lines: Vec<&str> = shown.lines().collect();
        let caret = lines[3].find('^').expect("a caret");
        let line = lines[2];
        let x = line.find('x').expect("x in the line");
        assert_eq!(line[..x].width(), lines[3][..caret].width(), "{shown}");
    }

    #[test]
    fn a_huge_line_is_clipped_around_the_caret() {
        let text = format!("notes = [\"{}\", 3]\n", "a".repeat(200_000));
        let at = text.find("3]").expect("3");
        let p = Problem::at("p.toml", &text, at..at + 1, "here");
        let shown = format!("{p:#}");
        assert!(shown.len() < 400, "{} bytes", shown.len());
        let lines: Vec<&str> = shown.lines().collect();
        let caret = lines[3].find('^').expect("a caret");
        let three = lines[2].rfind('3').expect("3 in the line");
        assert_eq!(
            lines[2][..three].width(),
            lines[3][..caret].width(),
            "{shown}"
        );
    }

    #[test]
    fn a_long_quoted_value_is_cut_and_so_is_a_long_message() {
        let key = "a".repeat(80_000);
        let p = Problem::file(
            "z.toml",
            format!("unknown key `terms.{key}`: en.toml has no such key"),
        );
        assert!(p.message.chars().count() < 120, "{}", p.message);
        assert!(
            p.message.starts_with("unknown key `terms.aaa"),
            "{}",
            p.message
        );
        assert!(
            p.message.ends_with("a…`: en.toml has no such key"),
            "{}",
            p.message
        );
        let p = Problem::file(
            "z.toml",
            format!("period \"{key}\" and “{key}” and \"{key}"),
        );
        assert!(p.message.chars().count() < 250, "{}", p.message);
        let p = Problem::file("z.toml", "figures 1, 2, ".repeat(10_000));
        assert_eq!(p.message.chars().count(), MESSAGE_CHARS);
        assert!(p.message.ends_with('…'));
        let short = "period \"Jun 2020\" is not a period in penetration.toml";
        assert_eq!(Problem::file("z.toml", short).message, short);
    }

    #[test]
    fn a_capped_list_counts_what_it_does_not_list() {
        let error = LoadError {
            problems: vec![
                Problem::file("a.toml", "one"),
                Problem::file("a.toml", "two"),
                Problem::unlisted("a.toml", 998),
            ],
        };
        assert_eq!(error.count(), 1000);
        assert_eq!(error.summary(), "a.toml: one (and 999 more)");
        let shown = error.to_string();
        assert!(
            shown.ends_with("a.toml: … and 998 more problems\n1000 problems found"),
            "{shown}"
        );
    }

    #[test]
    fn messages_quoting_the_file_are_cleaned() {
        let p = Problem::file("d\u{1b}[2J/x.toml", "unknown field `\u{1b}]52;c;AA\u{07}`");
        assert!(!p.headline().contains('\u{1b}'));
        assert!(!p.headline().contains('\u{07}'));
    }
}
