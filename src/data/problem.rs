//! What is wrong with the data, and where: `file:line:column: message`, with the line
//! underneath and a caret under the place.

use std::fmt;
use std::ops::Range;

use super::clean::clean;

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
}

impl Problem {
    /// A problem with the file as a whole (missing, empty, binary, too large).
    pub fn file(file: &str, message: impl fmt::Display) -> Problem {
        Problem {
            file: clean(file).into_owned(),
            position: None,
            message: one_line(&message.to_string()),
            snippet: None,
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

    /// A problem the toml crate found, keeping its own report (line, column, caret).
    pub fn toml(file: &str, text: &str, mut error: toml::de::Error) -> Problem {
        // Without its input, the error ends with the keys it is about: "in `period.a`".
        let plain = error.to_string();
        let message = match plain
            .trim_end()
            .lines()
            .last()
            .and_then(|l| l.strip_prefix("in `"))
        {
            Some(keys) => format!("{}: {}", keys.trim_end_matches('`'), error.message()),
            None => error.message().to_string(),
        };
        let Some(span) = error.span() else {
            return Problem::file(file, message);
        };
        error.set_input(Some(text));
        Problem {
            snippet: Some(clean(error.to_string().trim_end()).into_owned()),
            ..Problem::at(file, text, span, message)
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
    /// The first problem's headline, with a count of the others: for a one-line status.
    pub fn summary(&self) -> String {
        let first = self
            .problems
            .first()
            .map(Problem::headline)
            .unwrap_or_default();
        match self.problems.len() {
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
        let n = self.problems.len();
        write!(f, "{n} problem{} found", if n == 1 { "" } else { "s" })
    }
}

impl std::error::Error for LoadError {}

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
    let (line, column) = line_column(text, span.start);
    let content = text
        .split('\n')
        .nth(line - 1)
        .unwrap_or_default()
        .trim_end_matches('\r');
    let content = clean(content);
    let start = floor_char_boundary(text, span.start.min(text.len()));
    let end = floor_char_boundary(text, span.end.clamp(start, text.len()));
    let marked = text[start..end]
        .split('\n')
        .next()
        .unwrap_or_default()
        .chars()
        .count();
    let room = content.chars().count().saturating_sub(column - 1);
    let carets = "^".repeat(marked.min(room).max(1));
    let gutter = " ".repeat(line.to_string().len());
    format!(
        "{gutter} |\n{line} | {content}\n{gutter} | {pad}{carets}",
        pad = " ".repeat(column - 1)
    )
}

fn floor_char_boundary(text: &str, mut at: usize) -> usize {
    while !text.is_char_boundary(at) {
        at -= 1;
    }
    at
}

/// Messages are one line, however they were built.
fn one_line(message: &str) -> String {
    clean(&message.replace('\n', " ")).into_owned()
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
    fn messages_quoting_the_file_are_cleaned() {
        let p = Problem::file("d\u{1b}[2J/x.toml", "unknown field `\u{1b}]52;c;AA\u{07}`");
        assert!(!p.headline().contains('\u{1b}'));
        assert!(!p.headline().contains('\u{07}'));
    }
}
