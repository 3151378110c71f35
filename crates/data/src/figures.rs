//! The figures written in a text, and the figures the data holds. A speaker's note may state
//! only figures the data holds, so that the notes cannot drift from the data: change a figure
//! and `check` points at every note that still states the old one.

use std::borrow::Cow;
use std::collections::HashSet;
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
/// part of a name (`F5`, `V2`, `G20`), not a figure. Digits and points are read as a reader
/// sees them (see [`ascii_form`]): `９９．９` is 99.9, written as it stands in the text.
pub fn written(text: &str) -> Vec<Written<'_>> {
    let folded = Folded::new(text);
    let bytes = folded.text.as_bytes();
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
        if is_date {
            end += 6;
        } else if bytes.get(end) == Some(&b'.') && digit_at(end + 1) {
            end = digits_end(end + 1);
        }
        let ascii = &folded.text[start..end];
        let figure = if is_date {
            Figure::Date(ascii.to_string())
        } else {
            // Digits and at most one point: always a number.
            Figure::Number(ascii.parse().unwrap_or(f64::NAN))
        };
        i = end;
        let at = folded.origin(start)..folded.origin(end);
        let named = text[..at.start]
            .chars()
            .next_back()
            .is_some_and(|c| c.is_alphabetic() || c == '_');
        if !named {
            out.push(Written {
                text: &text[at.clone()],
                at,
                figure,
            });
        }
    }
    out
}

/// The ASCII character `c` is read as in a figure, where it is not ASCII itself: a digit of
/// any script's decimal digits (fullwidth ９, Arabic-Indic ٩, mathematical 𝟗), a
/// superscript, subscript or circled digit (⁹ ₉ ⑨), as NFKC reads them; the fullwidth and
/// small full stops (． ﹒) and percent signs (％ ﹪).
pub fn ascii_form(c: char) -> Option<char> {
    if c.is_ascii() {
        return None;
    }
    let digit = |d: u32| char::from_digit(d, 10);
    match c {
        '．' | '﹒' => Some('.'),
        '％' | '﹪' => Some('%'),
        '¹' => digit(1),
        '²' => digit(2),
        '³' => digit(3),
        '⁰' | '₀' | '⓪' => digit(0),
        '⁴'..='⁹' => digit(c as u32 - '⁰' as u32),
        '₁'..='₉' => digit(c as u32 - '₀' as u32),
        '①'..='⑨' => digit(c as u32 - '①' as u32 + 1),
        _ => {
            let c = c as u32;
            let block = DIGIT_ZEROS
                .partition_point(|zero| *zero <= c)
                .checked_sub(1)?;
            let value = c - DIGIT_ZEROS[block];
            (value < 10).then(|| digit(value)).flatten()
        }
    }
}

/// The zero of each run of ten decimal digits (Unicode 14's general category Nd) beyond
/// ASCII, in order: U+0660 is Arabic-Indic ٠, U+FF10 fullwidth ０, U+1D7CE mathematical 𝟎.
const DIGIT_ZEROS: [u32; 65] = [
    0x660, 0x6f0, 0x7c0, 0x966, 0x9e6, 0xa66, 0xae6, 0xb66, 0xbe6, 0xc66, 0xce6, 0xd66, 0xde6,
    0xe50, 0xed0, 0xf20, 0x1040, 0x1090, 0x17e0, 0x1810, 0x1946, 0x19d0, 0x1a80, 0x1a90, 0x1b50,
    0x1bb0, 0x1c40, 0x1c50, 0xa620, 0xa8d0, 0xa900, 0xa9d0, 0xa9f0, 0xaa50, 0xabf0, 0xff10,
    0x104a0, 0x10d30, 0x11066, 0x110f0, 0x11136, 0x111d0, 0x112f0, 0x11450, 0x114d0, 0x11650,
    0x116c0, 0x11730, 0x118e0, 0x11950, 0x11c50, 0x11d50, 0x11da0, 0x16a60, 0x16ac0, 0x16b50,
    0x1d7ce, 0x1d7d8, 0x1d7e2, 0x1d7ec, 0x1d7f6, 0x1e140, 0x1e2f0, 0x1e950, 0x1fbf0,
];

/// A text with its figures' characters in ASCII (see [`ascii_form`]), and where each of
/// its bytes came from in the text as written.
pub struct Folded<'a> {
    pub text: Cow<'a, str>,
    /// The written offset of each byte of `text`, and of its end; empty when nothing changed.
    origins: Vec<usize>,
}

impl<'a> Folded<'a> {
    pub fn new(written: &'a str) -> Folded<'a> {
        if !written.chars().any(|c| ascii_form(c).is_some()) {
            return Folded {
                text: Cow::Borrowed(written),
                origins: Vec::new(),
            };
        }
        let mut text = String::with_capacity(written.len());
        let mut origins = Vec::with_capacity(written.len() + 1);
        for (at, c) in written.char_indices() {
            match ascii_form(c) {
                Some(ascii) => {
                    text.push(ascii);
                    origins.push(at);
                }
                None => {
                    text.push(c);
                    origins.extend(at..at + c.len_utf8());
                }
            }
        }
        origins.push(written.len());
        Folded {
            text: Cow::Owned(text),
            origins,
        }
    }

    /// Where byte `at` of the folded text is in the text as written.
    pub fn origin(&self, at: usize) -> usize {
        self.origins.get(at).copied().unwrap_or(at)
    }
}

/// The value of the arithmetic a derivation begins with: "66.5 − 4.6: rural rose …" is
/// 61.9. Numbers, + − × ÷ (or - * /) and brackets, with at least one operation; `None` when
/// the derivation does not begin so.
pub fn arithmetic(derivation: &str) -> Option<f64> {
    let mut p = Arithmetic {
        rest: derivation.trim_start(),
        operations: 0,
    };
    let value = p.sum()?;
    (p.operations > 0 && value.is_finite()).then_some(value)
}

/// A small recursive-descent reader of [`arithmetic`]; it stops at the first thing that is
/// not arithmetic, keeping what it read whole.
struct Arithmetic<'a> {
    rest: &'a str,
    operations: usize,
}

impl Arithmetic<'_> {
    /// The next character past spaces, taken if `accept` takes it.
    fn take(&mut self, accept: impl Fn(char) -> bool) -> Option<char> {
        let trimmed = self.rest.trim_start();
        let c = trimmed.chars().next().filter(|c| accept(*c))?;
        self.rest = &trimmed[c.len_utf8()..];
        Some(c)
    }

    fn sum(&mut self) -> Option<f64> {
        let mut value = self.product()?;
        loop {
            let saved = self.rest;
            let Some(op) = self.take(|c| matches!(c, '+' | '-' | '−')) else {
                return Some(value);
            };
            let Some(right) = self.product() else {
                self.rest = saved;
                return Some(value);
            };
            self.operations += 1;
            value = if op == '+' {
                value + right
            } else {
                value - right
            };
        }
    }

    fn product(&mut self) -> Option<f64> {
        let mut value = self.operand()?;
        loop {
            let saved = self.rest;
            let Some(op) = self.take(|c| matches!(c, '×' | '*' | '÷' | '/')) else {
                return Some(value);
            };
            let Some(right) = self.operand() else {
                self.rest = saved;
                return Some(value);
            };
            self.operations += 1;
            value = if matches!(op, '×' | '*') {
                value * right
            } else {
                value / right
            };
        }
    }

    fn operand(&mut self) -> Option<f64> {
        let saved = self.rest;
        if self.take(|c| c == '(').is_some() {
            let value = self.sum();
            if value.is_some() && self.take(|c| c == ')').is_some() {
                return value;
            }
            self.rest = saved;
            return None;
        }
        let trimmed = self.rest.trim_start();
        let end = trimmed
            .find(|c: char| !(c.is_ascii_digit() || c == '.'))
            .unwrap_or(trimmed.len());
        let value = trimmed[..end].parse().ok()?;
        self.rest = &trimmed[end..];
        Some(value)
    }
}

/// The figures the data holds: every number and date the dashboard can show.
#[derive(Debug, Clone, Default)]
pub struct Held {
    /// Each number by its bits, zero without a sign: looked up once per figure of every note.
    numbers: HashSet<u64>,
    dates: HashSet<String>,
}

/// A number's key in [`Held`]: equal numbers have equal keys (0.0 and -0.0 too).
fn number_key(n: f64) -> u64 {
    if n == 0.0 { 0 } else { n.to_bits() }
}

impl Held {
    /// Takes in every figure written in `text`; a date's year is held as a number too.
    fn add(&mut self, text: &str) {
        for w in written(text) {
            match w.figure {
                Figure::Number(n) => {
                    self.numbers.insert(number_key(n));
                }
                Figure::Date(date) => {
                    self.numbers
                        .extend(date[..4].parse::<f64>().ok().map(number_key));
                    self.dates.insert(date);
                }
            }
        }
    }

    /// Whether the data holds `figure`: a number of the same value (`34` is `34.0`), or the
    /// same date.
    pub fn holds(&self, figure: &Figure) -> bool {
        match figure {
            Figure::Number(n) => self.numbers.contains(&number_key(*n)),
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
    fn digits_are_read_as_a_reader_sees_them() {
        assert_eq!(shown("rural ９９.９ %"), ["９９.９"]);
        let w = &written("rural ９９．９％ then ٥٢.٣")[..];
        assert_eq!(w[0].figure, Figure::Number(99.9));
        assert_eq!(w[0].text, "９９．９");
        assert_eq!(&"rural ９９．９％ then ٥٢.٣"[w[0].at.clone()], "９９．９");
        assert_eq!(w[1].figure, Figure::Number(52.3));
        assert_eq!(written("𝟕𝟔.𝟒 and ⁵²·³")[0].figure, Figure::Number(76.4));
        assert_eq!(
            written("２０２０-１１-２３")[0].figure,
            Figure::Date("2020-11-23".into())
        );
        assert_eq!(shown("Ｇ２０ is a name"), Vec::<&str>::new());
        for (c, ascii) in [('０', '0'), ('９', '9'), ('٩', '9'), ('𝟿', '9'), ('⁷', '7')] {
            assert_eq!(ascii_form(c), Some(ascii), "{c}");
        }
        for c in ['a', '9', '一', '〇', '½', '\u{65f}'] {
            assert_eq!(ascii_form(c), None, "{c}");
        }
    }

    #[test]
    fn a_derivation_is_read_for_its_arithmetic() {
        let close = |text: &str, want: f64| {
            let got = arithmetic(text).unwrap_or(f64::NAN);
            assert!((got - want).abs() < 1e-9, "{text}: {got}");
        };
        close("66.5 − 4.6: rural rose 4.6 points", 61.9);
        close("57.6 + (23.9 − 0.2): the gap narrowed", 81.3);
        close(
            "69.2 − 1.9 (the 56th report's rise since December 2024)",
            67.3,
        );
        close("1700 ÷ 180", 1700.0 / 180.0);
        close("2 + 3 × 4 - 1", 13.0);
        for none in [
            "rural 34.0 (V) + 35.4 points",
            "52.3",
            "(the 46th)",
            "",
            "1 +",
            "3 ÷ 0",
        ] {
            assert_eq!(arithmetic(none), None, "{none}");
        }
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
        for number in [76.0, 24.2, 1800.0, 14.8] {
            assert!(!held.holds(&Figure::Number(number)), "{number}");
        }
        assert!(!held.holds(&Figure::Date("2020-11-24".into())));
    }
}
