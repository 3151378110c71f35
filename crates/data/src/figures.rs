//! The figures written in a text, and the figures the data holds. A speaker's note may state
//! only figures the data holds, so that the notes cannot drift from the data: change a figure
//! and `check` points at every note that still states the old one.

use std::ops::Range;

use super::model::{Report, SaleValue};

/// A figure as written in a text.
#[derive(Debug, Clone, PartialEq)]
pub enum Figure {
    /// A number: `24.1`, `1700`, the `46` of `46th`.
    Number(f64),
    /// A date written `YYYY-MM-DD`.
    Date(String),
}

/// One figure in a text and where it is (byte offsets).
#[derive(Debug, Clone, PartialEq)]
pub struct Written<'a> {
    pub at: Range<usize>,
    pub text: &'a str,
    pub figure: Figure,
}

/// The figures written in `text`, in order. A number is a run of digits with at most one
/// decimal point between digits; `2020-11-23` is one date. Digits right after a letter are
/// part of a name (`F5`, `V2`, `G20`), not a figure.
pub fn written(text: &str) -> Vec<Written<'_>> {
    let bytes = text.as_bytes();
    let digits_end = |from: usize| {
        (from..bytes.len())
            .find(|&i| !bytes[i].is_ascii_digit())
            .unwrap_or(bytes.len())
    };
    let digit_at = |i: usize| bytes.get(i).is_some_and(u8::is_ascii_digit);
    let mut out = Vec::new();
    let mut i = 0;
    while i < bytes.len() {
        if !bytes[i].is_ascii_digit() {
            i += 1;
            continue;
        }
        let start = i;
        let mut end = digits_end(i);
        let is_date = end - start == 4
            && bytes.get(end) == Some(&b'-')
            && digits_end(end + 1) == end + 3
            && bytes.get(end + 3) == Some(&b'-')
            && digits_end(end + 4) == end + 6;
        let figure = if is_date {
            end += 6;
            Figure::Date(text[start..end].to_string())
        } else {
            if bytes.get(end) == Some(&b'.') && digit_at(end + 1) {
                end = digits_end(end + 1);
            }
            // Digits and at most one point: always a number.
            Figure::Number(text[start..end].parse().unwrap_or(f64::NAN))
        };
        i = end;
        let named = text[..start]
            .chars()
            .next_back()
            .is_some_and(|c| c.is_alphabetic() || c == '_');
        if !named {
            out.push(Written {
                at: start..end,
                text: &text[start..end],
                figure,
            });
        }
    }
    out
}

/// The figures the data holds: every number and date the dashboard can show.
#[derive(Debug, Clone, Default)]
pub struct Held {
    numbers: Vec<f64>,
    dates: Vec<String>,
}

impl Held {
    /// Takes in every figure written in `text`; a date's year is held as a number too.
    fn add(&mut self, text: &str) {
        for w in written(text) {
            match w.figure {
                Figure::Number(n) => self.numbers.push(n),
                Figure::Date(date) => {
                    self.numbers.extend(date[..4].parse::<f64>().ok());
                    self.dates.push(date);
                }
            }
        }
    }

    /// Whether the data holds `figure`: a number of the same value (`34` is `34.0`), or the
    /// same date.
    pub fn holds(&self, figure: &Figure) -> bool {
        match figure {
            Figure::Number(n) => self.numbers.contains(n),
            Figure::Date(d) => self.dates.contains(d),
        }
    }
}

impl Report {
    /// Every figure the dashboard can show: each figure of the sources view with its label,
    /// its derivation and its source, the report's title and date, the quotes as shown, and
    /// the notes the views print beside their figures.
    pub fn held_figures(&self) -> Held {
        let mut held = Held::default();
        for row in self.source_rows(&self.i18n.en) {
            held.add(&row.figure);
            held.add(&row.value);
            held.add(row.provenance.derivation.as_deref().unwrap_or_default());
            held.add(&row.provenance.source);
        }
        let h = &self.headline;
        for text in [&h.title, &h.released, &h.venue] {
            held.add(text);
        }
        for q in &self.quotes {
            for text in [&q.text, &q.speaker, &q.source] {
                held.add(text);
            }
        }
        for note in &self.penetration.notes {
            held.add(note);
        }
        held.add(&self.since.rebase.note);
        for sale in &self.since.sales {
            // A year with nothing published is still a year on screen, with its reason.
            if sale.value() == SaleValue::NotPublished {
                held.add(&sale.year.to_string());
                held.add(sale.note.as_deref().unwrap_or_default());
            }
        }
        held
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn shown(text: &str) -> Vec<&str> {
        written(text).into_iter().map(|w| w.text).collect()
    }

    #[test]
    fn numbers_dates_and_names_are_told_apart() {
        assert_eq!(
            shown("76.4 % and 52.3 %, a gap of 24.1 points; 1700 = 1.7 trillion"),
            ["76.4", "52.3", "24.1", "1700", "1.7"]
        );
        assert_eq!(
            shown("released 2020-11-23 at the 46th"),
            ["2020-11-23", "46"]
        );
        assert_eq!(shown("F5, V2 and G20 are names; COVID-19 is not"), ["19"]);
        assert_eq!(shown("9.4× in 2019. Then 3."), ["9.4", "2019", "3"]);
        assert_eq!(shown("1,700"), ["1", "700"], "no thousands separators");
        let w = &written("about US$258 billion")[0];
        assert_eq!((w.at.clone(), &w.figure), (9..12, &Figure::Number(258.0)));
    }

    #[test]
    fn the_built_in_data_holds_its_own_figures() {
        let report = crate::builtin().expect("built-in data");
        let held = report.held_figures();
        for number in [
            76.4, 52.3, 24.1, 98.0, 1700.0, 1.7, 9.4, 56.7, 2.3, 69.5, 2024.0, 25.0,
        ] {
            assert!(held.holds(&Figure::Number(number)), "{number}");
        }
        assert!(held.holds(&Figure::Date("2020-11-23".into())));
        for number in [76.0, 24.2, 1800.0, 14.7] {
            assert!(!held.holds(&Figure::Number(number)), "{number}");
        }
        assert!(!held.holds(&Figure::Date("2020-11-24".into())));
    }
}
