//! The dashboard's own words, in English and in Chinese: data/i18n/en.toml and zh.toml as
//! types. A typed table rather than a message-catalogue crate (fluent, gettext): every
//! string the code asks for is a field, so a key the code uses and the file lacks cannot
//! compile, and the files are checked like every other data file (file:line errors).

use std::collections::BTreeMap;
use std::fmt::Display;

use serde::{Deserialize, Serialize};

use super::dates::{YEARS, month, month_year};
use super::figures::Folded;
use super::fmt::num;

/// A language the dashboard speaks.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Lang {
    #[default]
    En,
    Zh,
}

impl Lang {
    pub const ALL: [Lang; 2] = [Lang::En, Lang::Zh];

    /// The code the command line and the file names use.
    pub fn code(self) -> &'static str {
        match self {
            Lang::En => "en",
            Lang::Zh => "zh",
        }
    }

    /// The language's BCP 47 tag, for documents: `lang` of the HTML page, the PDF's
    /// language (so a reader picks Chinese fonts and a screen reader Chinese speech).
    pub fn tag(self) -> &'static str {
        match self {
            Lang::En => "en",
            Lang::Zh => "zh-Hans",
        }
    }

    /// The language `L` switches to.
    pub fn other(self) -> Lang {
        match self {
            Lang::En => Lang::Zh,
            Lang::Zh => Lang::En,
        }
    }

    /// Whether the language needs wide (two-cell) characters, which only a UTF-8 terminal
    /// without `--ascii` can show.
    pub fn needs_wide_text(self) -> bool {
        self == Lang::Zh
    }

    /// The language a locale asks for: the first of `LC_ALL`, `LC_MESSAGES` and `LANG` that
    /// is set and not empty decides (as POSIX orders them); `zh…` means Chinese.
    pub fn from_locale(var: impl Fn(&str) -> Option<String>) -> Lang {
        let locale = ["LC_ALL", "LC_MESSAGES", "LANG"]
            .into_iter()
            .filter_map(var)
            .find(|v| !v.is_empty());
        match locale {
            Some(l) if l.starts_with("zh") => Lang::Zh,
            _ => Lang::En,
        }
    }

    /// The file holding the language's strings, under the data folder.
    pub fn file(self) -> &'static str {
        match self {
            Lang::En => "i18n/en.toml",
            Lang::Zh => "i18n/zh.toml",
        }
    }
}

/// The strings of both languages.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct I18n {
    pub en: Strings,
    pub zh: Strings,
}

impl I18n {
    pub fn get(&self, lang: Lang) -> &Strings {
        match lang {
            Lang::En => &self.en,
            Lang::Zh => &self.zh,
        }
    }
}

/// A string with `{name}` places the dashboard fills in.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(transparent)]
pub struct Template(String);

impl Template {
    /// The text with each `{name}` replaced by the value given for `name`. A place with no
    /// value stays as written (`check` makes sure a file uses only names the code fills).
    pub fn fill(&self, values: &[(&str, &dyn Display)]) -> String {
        self.pieces(values)
            .into_iter()
            .map(|(_, text)| text)
            .collect()
    }

    /// [`Template::fill`] in pieces: the text between places (`None`), and each place's
    /// value with its name, so that a figure can be drawn in its own style wherever the
    /// language puts it.
    pub fn pieces<'a>(&self, values: &[(&'a str, &dyn Display)]) -> Vec<(Option<&'a str>, String)> {
        let mut out: Vec<(Option<&str>, String)> = Vec::new();
        let mut rest = self.0.as_str();
        let mut text = String::new();
        while let Some(open) = rest.find('{') {
            text.push_str(&rest[..open]);
            let after = &rest[open + 1..];
            let value = after.find('}').and_then(|close| {
                let name = &after[..close];
                values
                    .iter()
                    .find(|(n, _)| *n == name)
                    .map(|(n, v)| (*n, v.to_string(), close))
            });
            match value {
                Some((name, v, close)) => {
                    if !text.is_empty() {
                        out.push((None, std::mem::take(&mut text)));
                    }
                    out.push((Some(name), v));
                    rest = &after[close + 1..];
                }
                None => {
                    text.push('{');
                    rest = after;
                }
            }
        }
        text.push_str(rest);
        if !text.is_empty() {
            out.push((None, text));
        }
        out
    }

    /// The text as written, for a template with no places.
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

/// A count said with its noun: `one` for one ("↓ 1 more line"), `other` for any other
/// number ("↓ 2 more lines"), the count filled in as `{n}`.
pub fn counted(n: usize, one: &Template, other: &Template) -> String {
    if n == 1 { one } else { other }.fill(&[("n", &n)])
}

/// The names of the places in a template's text: `{n}` and `{year}` in "{n} in {year}".
pub fn placeholders(text: &str) -> Vec<&str> {
    let mut names = Vec::new();
    let mut rest = text;
    while let Some(open) = rest.find('{') {
        rest = &rest[open + 1..];
        match rest.find('}') {
            Some(close) => {
                names.push(&rest[..close]);
                rest = &rest[close + 1..];
            }
            None => break,
        }
    }
    names
}

/// The figures a text states, in order of size, each with its unit applied (4.1 billion
/// and 41亿 are both 4.1e9) and month names read as their numbers (Jul 2015 is 7 and
/// 2015): what a translation must keep. Signs and separators ("2020-11-25") are not figures;
/// digits are read as a reader sees them (`５３％` is 53).
pub fn figures(text: &str) -> Vec<f64> {
    const UNITS: [(&str, f64); 6] = [
        ("trillion", 1e12),
        ("billion", 1e9),
        ("million", 1e6),
        ("万亿", 1e12),
        ("亿", 1e8),
        ("万", 1e4),
    ];
    let folded = Folded::new(text);
    let text = folded.text.as_ref();
    let mut found = Vec::new();
    let mut rest = text;
    while let Some(start) = rest.find(|c: char| c.is_ascii_digit()) {
        rest = &rest[start..];
        let end = rest
            .char_indices()
            .find(|&(i, c)| {
                !(c.is_ascii_digit()
                    || (c == '.' && rest[i + 1..].starts_with(|d: char| d.is_ascii_digit())))
            })
            .map_or(rest.len(), |(i, _)| i);
        let value: f64 = rest[..end].parse().unwrap_or(0.0);
        rest = &rest[end..];
        let after = rest.trim_start();
        let unit = UNITS
            .iter()
            .find(|(word, _)| after.starts_with(word))
            .map_or(1.0, |(_, scale)| *scale);
        found.push(value * unit);
    }
    for word in text.split(|c: char| !c.is_ascii_alphabetic()) {
        if let Some(month) = month(word) {
            found.push(f64::from(month));
        }
    }
    found.sort_by(f64::total_cmp);
    found
}

/// What a translation did to its text's figures: those it lost, and those it added that
/// are not years (a translation may name the year its text leaves understood, as the
/// sources' Chinese names of the Wuzhen forum do). Equal within a part in a billion, so that
/// 4.1 × 10⁹ and 41 × 10⁸ agree.
pub fn changed_figures(text: &str, translation: &str) -> (Vec<f64>, Vec<f64>) {
    // Both lists are sorted: one pass pairs them off.
    let (stated, translated) = (figures(text), figures(translation));
    let same = |a: f64, b: f64| (a - b).abs() <= 1e-9 * a.abs().max(b.abs());
    let (mut lost, mut added) = (Vec::new(), Vec::new());
    let (mut i, mut j) = (0, 0);
    while i < stated.len() && j < translated.len() {
        let (f, t) = (stated[i], translated[j]);
        if same(f, t) {
            i += 1;
            j += 1;
        } else if f < t {
            lost.push(f);
            i += 1;
        } else {
            added.push(t);
            j += 1;
        }
    }
    lost.extend(&stated[i..]);
    added.extend(&translated[j..]);
    added.retain(|a| !(a.fract() == 0.0 && YEARS.contains(&(a.min(f64::from(u16::MAX)) as u16))));
    (lost, added)
}

/// One language's strings: data/i18n/LANG.toml.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Strings {
    pub language: Language,
    pub numbers: Numbers,
    pub views: Views,
    pub frame: Frame,
    pub status: StatusWords,
    pub help: Help,
    pub keys: Keys,
    pub overview: Overview,
    pub penetration: PenetrationWords,
    pub sales: SalesWords,
    pub quotes: QuotesWords,
    pub world: WorldWords,
    pub since: SinceWords,
    pub sources: SourcesWords,
    pub figures: Figures,
    pub handout: Handout,
    pub notes: NotesWords,
    pub console: ConsoleWords,
    /// The data files' own labels, sources and notes in this language, by their text as
    /// the files write it. A text with no entry is shown as written.
    #[serde(default)]
    pub terms: BTreeMap<String, String>,
}

impl Strings {
    /// A data file's text in this language: its entry in `[terms]`, or the text itself.
    pub fn term<'a>(&'a self, text: &'a str) -> &'a str {
        self.terms.get(text).map_or(text, String::as_str)
    }

    /// A period as the data writes it ("Jun 2020") in this language's words (2020年6月). A
    /// period not of that shape is shown as written.
    pub fn period(&self, period: &str) -> String {
        let month = |m: u8| self.numbers.months.get(usize::from(m) - 1);
        match month_year(period).and_then(|(year, m)| Some((year, month(m)?))) {
            Some((year, month)) => self
                .numbers
                .month
                .fill(&[("month", month), ("year", &year)]),
            None => self.term(period).to_string(),
        }
    }

    /// A date as the data writes it ("2020-11-23") in this language's words (2020年11月23日);
    /// one not of that shape is shown as written.
    pub fn date(&self, iso: &str) -> String {
        let parts: Vec<&str> = iso.split('-').collect();
        let number = |s: &str| s.parse::<u16>().ok().filter(|_| s.len() >= 2);
        match parts[..] {
            [y, m, d] if y.len() == 4 => match (number(y), number(m), number(d)) {
                (Some(year), Some(month), Some(day)) => self.numbers.date.fill(&[
                    ("iso", &iso),
                    ("year", &year),
                    ("month", &month),
                    ("day", &day),
                ]),
                _ => iso.to_string(),
            },
            _ => iso.to_string(),
        }
    }

    /// A CNNIC report by its number as the data writes it ("46th").
    pub fn report(&self, nth: &str) -> String {
        let digits: String = nth.chars().take_while(char::is_ascii_digit).collect();
        self.numbers.report.fill(&[("nth", &nth), ("n", &digits)])
    }

    /// Billions of yuan in words: whole hundreds of billions as trillions (1700 → "1.7
    /// trillion yuan", 1.7万亿元); anything else in the language's unit, unrounded (180 →
    /// "180 billion yuan", 1800亿元).
    pub fn yuan(&self, billion: f64) -> String {
        let n = &self.numbers;
        if is_trillions(billion) {
            n.trillion.fill(&[("n", &num(billion / 1000.0))])
        } else {
            n.billion.fill(&[("n", &self.billions(billion))])
        }
    }

    /// Billions of yuan in a few Latin characters, for big text: "1.7 tn" or "180 bn".
    pub fn yuan_short(&self, billion: f64) -> String {
        let n = &self.numbers;
        if is_trillions(billion) {
            n.trillion_short.fill(&[("n", &num(billion / 1000.0))])
        } else {
            n.billion_short.fill(&[("n", &num(billion))])
        }
    }

    /// An amount in billions written in this language's unit (`numbers.billion_scale`):
    /// 894.54 is "894.54" in billions, "8945.4" in 亿.
    pub fn billions(&self, billion: f64) -> String {
        scale_decimal(&num(billion), self.numbers.billion_scale)
    }

    pub fn pct(&self, n: &str) -> String {
        self.numbers.pct.fill(&[("n", &n)])
    }

    pub fn points(&self, n: &str) -> String {
        self.numbers.points.fill(&[("n", &n)])
    }

    pub fn times(&self, n: &str) -> String {
        self.numbers.times.fill(&[("n", &n)])
    }

    /// Items joined as a list.
    pub fn list(&self, items: &[String]) -> String {
        items.join(&self.numbers.list)
    }

    /// A view's name on its tab.
    pub fn view_title(&self, name: &str) -> &str {
        let v = &self.views;
        match name {
            "overview" => &v.overview,
            "penetration" => &v.penetration,
            "sales" => &v.sales,
            "quotes" => &v.quotes,
            "world" => &v.world,
            "since" => &v.since,
            _ => &v.sources,
        }
    }
}

/// Whether billions read better as trillions: whole hundreds of billions from a thousand.
fn is_trillions(billion: f64) -> bool {
    billion >= 1000.0 && billion % 100.0 == 0.0
}

/// A decimal number as written, multiplied by `scale` (a power of ten) by moving its point,
/// so no digit is gained or lost: "894.54" × 10 is "8945.4", "180" × 10 is "1800".
pub fn scale_decimal(written: &str, scale: u32) -> String {
    let places = match scale {
        10 => 1,
        100 => 2,
        1000 => 3,
        _ => 0,
    };
    if places == 0 {
        return written.to_string();
    }
    let (sign, digits) = match written.strip_prefix('-') {
        Some(rest) => ("-", rest),
        None => ("", written),
    };
    let (int, frac) = digits.split_once('.').unwrap_or((digits, ""));
    let frac = format!("{frac:0<places$}");
    let (moved, rest) = frac.split_at(places);
    let int = format!("{int}{moved}");
    let int = int.trim_start_matches('0');
    let int = if int.is_empty() { "0" } else { int };
    if rest.is_empty() {
        format!("{sign}{int}")
    } else {
        format!("{sign}{int}.{rest}")
    }
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Language {
    pub name: String,
    pub no_wide_text: String,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Numbers {
    /// How many of `billion`'s unit make one billion yuan: 1, 10, 100 or 1000.
    pub billion_scale: u32,
    pub billion: Template,
    pub trillion: Template,
    pub billion_short: Template,
    pub trillion_short: Template,
    pub pct: Template,
    pub points: Template,
    pub times: Template,
    pub month: Template,
    pub months: Vec<String>,
    pub date: Template,
    pub report: Template,
    pub clauses: String,
    pub list: String,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Views {
    pub overview: String,
    pub penetration: String,
    pub sales: String,
    pub quotes: String,
    pub world: String,
    pub since: String,
    pub sources: String,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Frame {
    pub too_small: Template,
    pub needs: Template,
    pub autoplay: Template,
    pub autoplay_paused: String,
    pub view_count: Template,
    pub present_penetration: String,
    pub present_sales: String,
    pub present_world: String,
    pub present_since: String,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct StatusWords {
    pub reloaded: String,
    pub stale: Template,
    pub stale_one: Template,
    pub kept: String,
    pub dismiss: String,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Help {
    pub title: String,
    pub closes: String,
    pub more_below: String,
    pub more_above: String,
    pub more_both: String,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Keys {
    pub next: String,
    pub prev: String,
    pub forward: String,
    pub back: String,
    pub goto: Template,
    pub first_last: String,
    #[serde(rename = "move")]
    pub move_: String,
    pub present: String,
    pub blank: String,
    pub theme: String,
    pub timer: String,
    pub autoplay: String,
    pub reload: String,
    pub language: String,
    pub notes: String,
    pub help: String,
    pub close: String,
    pub suspend: String,
    pub quit: String,
    pub hint_next: String,
    pub hint_prev: String,
    pub hint_view: String,
    pub hint_move: String,
    pub hint_present: String,
    pub hint_theme: String,
    pub hint_language: String,
    pub hint_help: String,
    pub hint_quit: String,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Overview {
    pub released: Template,
    pub urban: String,
    pub rural: String,
    pub gap: String,
    pub card: Template,
    pub online_figure: Template,
    pub online: String,
    pub gap_figure: Template,
    pub gap_unit: String,
    pub poor_villages: String,
    pub villages_figure: Template,
    pub villages_unit: String,
    pub usd: Template,
    pub sales: Template,
    pub sales_short: Template,
    pub sales_shortest: String,
    pub level: Template,
    pub words: Template,
    pub footnote: Template,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PenetrationWords {
    pub title: String,
    pub detail: String,
    pub urban: String,
    pub rural: String,
    pub report_period: String,
    pub gap: Template,
    pub footnote: Template,
    pub derived: Template,
    pub change: Template,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SalesWords {
    pub title: String,
    pub detail: String,
    pub growth: Template,
    pub usd: Template,
    pub wording: Template,
    pub year: String,
    pub value: String,
    pub reported: String,
    pub change: Template,
    pub rate: Template,
    pub footnote: Template,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct QuotesWords {
    pub title: String,
    pub reported: String,
    pub direct: String,
    pub lines: Template,
    pub more: String,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct WorldWords {
    pub title: String,
    pub detail: String,
    pub urban: String,
    pub rural: String,
    pub all: String,
    pub households: String,
    pub individuals: String,
    pub ratio: Template,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SinceWords {
    pub title: String,
    pub detail: Template,
    pub penetration: String,
    pub rural: String,
    pub national: String,
    pub urban: String,
    pub national_includes_rural: String,
    pub urban_known: Template,
    pub sales: String,
    pub report_bn: String,
    pub since_tn: String,
    pub report_value: Template,
    pub since_value: Template,
    pub not_published: String,
    pub not_in_data: String,
    pub more_than: Template,
    pub scale: String,
    pub more_on_larger: String,
    pub first_time: Template,
    pub passed_half: Template,
    pub gap_below: Template,
    pub footnote: Template,
    pub derived: Template,
    pub sales_derived: Template,
    pub weaker: Template,
    pub weaker_figure: Template,
    pub weaker_sales: Template,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SourcesWords {
    pub title: String,
    pub legend: Template,
    pub keys: String,
    pub figure: String,
    pub value: String,
    pub source: String,
    pub figure_label: Template,
    pub source_label: String,
    pub derived_label: String,
    pub confidence: Template,
    pub stated: String,
    pub stated_weaker: String,
    pub derived: String,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Figures {
    pub urban_penetration: Template,
    pub rural_penetration: Template,
    pub national_penetration: Template,
    pub gap: Template,
    pub sales: Template,
    pub sales_value: Template,
    pub sales_trillion_value: Template,
    pub equals: Template,
    pub usd: Template,
    pub note: Template,
    pub change: Template,
    pub growth_factor: Template,
    pub growth_rate: Template,
    pub per_year: Template,
    pub growth_wording: Template,
    pub individuals: Template,
    pub households: Template,
    pub households_value: Template,
    pub household_ratio: Template,
    pub quote: Template,
    pub reported: String,
    pub direct: String,
    pub more_than: Template,
    pub passed_half: Template,
    pub passed_half_how: Template,
    pub passed_half_earlier: Template,
    pub gap_below: Template,
    pub gap_below_how: Template,
    pub gap_below_earlier: Template,
    pub rate: Template,
    pub rate_how: Template,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Handout {
    pub title: Template,
    pub footer: Template,
    pub page: Template,
    pub intro: Template,
    pub sources: String,
    pub sources_continued: String,
    pub sources_detail: Template,
    pub quotes: String,
    pub quotes_continued: String,
    pub quotes_detail: String,
    pub figure: String,
    pub value: String,
    pub how_known: String,
    pub source: String,
    pub stated: String,
    pub stated_weaker: String,
    pub derived: String,
}

/// The speaker's notes around their text: the panel `n` opens, the lines that preview the
/// next view, the notes pages of a handout.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct NotesWords {
    pub title: Template,
    pub next: Template,
    pub last: String,
    pub quote_place: Template,
    pub quote_heading: Template,
    pub page_title: Template,
    pub page_detail: String,
    pub overview: Template,
    pub villages: Template,
    pub overview_sales: Template,
    pub penetration: Template,
    pub penetration_gap: Template,
    pub sales: Template,
    pub sales_growth: Template,
    pub quotes: Template,
    pub quotes_one: Template,
    pub quotes_first: Template,
    pub households: String,
    pub households_pair: Template,
    pub people: Template,
    pub since: Template,
    pub since_rural: Template,
    pub since_national: Template,
    pub sources: Template,
    pub sources_stated: String,
    pub sources_derived: String,
    /// Said in place of the notes when the data has no notes.toml.
    pub none: String,
    /// Above a note stating figures the data no longer holds: `{figures}`.
    pub stale: Template,
}

/// The presenter's console (`gapdash console`).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ConsoleWords {
    pub name: String,
    pub blank: String,
    pub presenting: String,
    pub not_presenting: String,
    pub waiting: String,
    pub start: String,
    pub socket: Template,
    pub next: Template,
    pub last: String,
    pub next_unknown: String,
    pub more: Template,
    pub more_one: Template,
    pub talk: String,
    pub elapsed: Template,
    pub over: Template,
    pub left: Template,
    pub clock: Template,
    pub hint_next: String,
    pub hint_back: String,
    pub hint_view: String,
    pub hint_move: String,
    pub hint_blank: String,
    pub hint_present: String,
    pub hint_quit: String,
    pub connected: String,
    pub not_sent: String,
    pub dropped: Template,
    pub refused: Template,
    pub no_console: Template,
    pub server_dropped: Template,
    pub server_state: String,
    pub server_refused_user: Template,
    pub server_too_many: Template,
    pub server_not_sent: Template,
    pub server_let_go: String,
    pub server_accept_failed: Template,
    pub other_session: Template,
    pub wire_too_long: Template,
    pub wire_not_utf8: String,
    pub wire_version: Template,
    pub wire_malformed: Template,
    pub wire_out_of_range: Template,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn templates_fill_their_places_and_keep_unknown_ones() {
        let t = Template("{n} of {total}, {x}".into());
        assert_eq!(t.fill(&[("n", &3), ("total", &"7")]), "3 of 7, {x}");
        assert_eq!(Template("{".into()).fill(&[]), "{");
        assert_eq!(
            Template("为{year}年的{times}".into()).pieces(&[("times", &"9.4倍"), ("year", &2014)]),
            [
                (None, "为".to_string()),
                (Some("year"), "2014".to_string()),
                (None, "年的".to_string()),
                (Some("times"), "9.4倍".to_string())
            ]
        );
        assert_eq!(placeholders("{year}年{month}"), ["year", "month"]);
    }

    #[test]
    fn decimals_scale_by_moving_the_point() {
        assert_eq!(scale_decimal("180", 10), "1800");
        assert_eq!(scale_decimal("894.54", 10), "8945.4");
        assert_eq!(scale_decimal("1244.88", 10), "12448.8");
        assert_eq!(scale_decimal("0.05", 10), "0.5");
        assert_eq!(scale_decimal("2.3", 100), "230");
        assert_eq!(scale_decimal("-1.5", 10), "-15");
        assert_eq!(scale_decimal("180", 1), "180");
    }

    #[test]
    fn the_locale_decides_in_posix_order() {
        let env = |pairs: &'static [(&'static str, &'static str)]| {
            move |k: &str| {
                pairs
                    .iter()
                    .find(|(n, _)| *n == k)
                    .map(|(_, v)| v.to_string())
            }
        };
        assert_eq!(Lang::from_locale(env(&[("LANG", "zh_CN.UTF-8")])), Lang::Zh);
        assert_eq!(Lang::from_locale(env(&[("LANG", "en_GB.UTF-8")])), Lang::En);
        assert_eq!(Lang::from_locale(env(&[])), Lang::En);
        assert_eq!(
            Lang::from_locale(env(&[("LC_ALL", "C"), ("LANG", "zh_TW.UTF-8")])),
            Lang::En
        );
        assert_eq!(
            Lang::from_locale(env(&[("LC_ALL", ""), ("LC_MESSAGES", "zh_CN.UTF-8")])),
            Lang::Zh
        );
        assert_eq!(
            Lang::from_locale(env(&[("LC_MESSAGES", "en_US"), ("LANG", "zh_CN.UTF-8")])),
            Lang::En
        );
    }

    #[test]
    fn figures_are_read_with_their_units() {
        assert_eq!(figures("just over 53 % (4 billion people)"), [53.0, 4e9]);
        let none: (Vec<f64>, Vec<f64>) = (vec![], vec![]);
        assert_eq!(
            changed_figures("just over 53 % (4.1 billion people)", "略高于53%（41亿人）"),
            none
        );
        assert_eq!(figures("more than 3 trillion"), figures("超过3万亿"));
        assert_eq!(figures("CNNIC 46th report (Jul 2015)"), [7.0, 46.0, 2015.0]);
        assert_eq!(figures("CNNIC第46次报告（2015年7月）"), [7.0, 46.0, 2015.0]);
        assert_eq!(figures("Xinhua, 2020-11-25"), [11.0, 25.0, 2020.0]);
        assert_eq!(figures("+39.1 % year on year"), [39.1]);
        assert_ne!(figures("close to 87 %"), figures("接近78%"));
        assert_eq!(changed_figures("Wuzhen forum", "2020乌镇论坛"), none);
        assert_eq!(
            changed_figures("close to 87 %", "接近78%"),
            (vec![87.0], vec![78.0])
        );
        assert_eq!(changed_figures("19 %", "19%"), none);
        assert_eq!(changed_figures("19 %", "１９％"), none);
        assert_eq!(changed_figures("19 %", "19% ９９.９"), (vec![], vec![99.9]));
    }
}
