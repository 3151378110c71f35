//! One data file as read: its path as messages name it, its text, and where each of its
//! values sits, so that validation can point at the value it finds wrong.

use std::collections::HashMap;
use std::ops::Range;

use super::problem::{Problem, line_column};

/// One data file as read, with where each of its values sits: validation points into it.
pub struct Doc {
    /// As shown in messages: `mydata/penetration.toml`.
    pub path: String,
    pub text: String,
    /// Byte span of each value, by its path: `period.3.rural_pct`.
    pub spans: HashMap<String, Range<usize>>,
}

impl Doc {
    /// A problem at the value at `key` (`period.3.rural_pct`), or at the nearest enclosing
    /// value found, or at the file.
    pub fn problem(&self, key: &str, message: impl std::fmt::Display) -> Problem {
        let mut key = key;
        loop {
            if let Some(span) = self.spans.get(key) {
                return Problem::at(&self.path, &self.text, span.clone(), message);
            }
            match key.rfind('.') {
                Some(dot) => key = &key[..dot],
                None => return Problem::file(&self.path, message),
            }
        }
    }

    /// Where the value at `key` is, as `file:line:column`, for a message about another file.
    pub fn place(&self, key: &str) -> String {
        match self.spans.get(key) {
            Some(span) => {
                let (line, column) = line_column(&self.text, span.start);
                format!("{}:{line}:{column}", self.path)
            }
            None => self.path.clone(),
        }
    }

    /// The line a value starts on.
    pub fn line(&self, key: &str) -> Option<usize> {
        self.spans
            .get(key)
            .map(|span| line_column(&self.text, span.start).0)
    }
}
