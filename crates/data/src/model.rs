//! The report as Rust types. Field names follow data/*.toml; derived figures (gaps, growth)
//! are methods, so they can never disagree with the figures they come from.

use super::i18n::Lang;
use serde::{Deserialize, Serialize};

pub use super::dates::{YEARS, month_year, period_name};

/// How a figure is known: stated word for word by its source, or derived by arithmetic.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum Confidence {
    /// Stated word for word by the source named.
    V,
    /// Stated by a weaker source (a repost, a secondary site): shown like V, named as such
    /// in the sources view.
    V2,
    /// Derived by simple arithmetic from V statements; `derivation` says how.
    D,
}

impl Confidence {
    /// The footnote marker shown after a derived figure.
    pub fn marker(self) -> &'static str {
        match self {
            Confidence::V | Confidence::V2 => "",
            Confidence::D => "*",
        }
    }

    pub fn letter(self) -> &'static str {
        match self {
            Confidence::V => "V",
            Confidence::V2 => "V2",
            Confidence::D => "D",
        }
    }
}

/// Where a figure comes from, the same shape for every figure: how it is known, how it was
/// derived (for D), and its source. In the files these are plain keys of the figure's table
/// (`confidence`, `derivation`, `source`); the loader gathers them into this.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Provenance {
    pub confidence: Confidence,
    /// How a D figure was derived from V statements.
    #[serde(default)]
    pub derivation: Option<String>,
    pub source: String,
}

impl Provenance {
    /// Stated word for word by `source`.
    pub fn stated(source: impl Into<String>) -> Provenance {
        Provenance {
            confidence: Confidence::V,
            derivation: None,
            source: source.into(),
        }
    }

    /// Derived by arithmetic (`how`) from statements of `source`.
    pub fn derived(source: impl Into<String>, how: impl Into<String>) -> Provenance {
        Provenance {
            confidence: Confidence::D,
            derivation: Some(how.into()),
            source: source.into(),
        }
    }
}

/// All the data the dashboard shows.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Report {
    pub headline: Headline,
    pub penetration: Penetration,
    pub sales: Sales,
    pub world: World,
    pub quotes: Vec<Quote>,
    pub since: Since,
    /// The dashboard's own words, in each language.
    pub i18n: super::i18n::I18n,
    /// The speaker's notes; none when the data folder has no notes.toml. They serve the
    /// presenter: the dashboard, its handouts and `check` do without them.
    #[serde(default)]
    pub notes: Option<Notes>,
    /// What `check` warns of without refusing the data (a note stating a figure the data no
    /// longer holds), each at its file:line:column. Found on loading; never in a file.
    #[serde(skip)]
    pub warnings: Vec<super::problem::Problem>,
}

/// data/report.toml: the report's identity and the figures only the headline has.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Headline {
    pub title: String,
    pub released: String,
    pub venue: String,
    pub source: String,
    pub period: String,
    pub sales_from: u16,
    pub sales_to: u16,
    pub headline_quote: usize,
    pub poor_villages: Share,
}

impl Headline {
    /// The first and last year of sales the headline compares.
    pub fn sales_range(&self) -> (u16, u16) {
        (self.sales_from, self.sales_to)
    }
}

/// A single percentage with its source.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Share {
    pub label: String,
    pub pct: f64,
    pub provenance: Provenance,
}

/// data/penetration.toml
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Penetration {
    #[serde(default)]
    pub notes: Vec<String>,
    #[serde(rename = "period", default)]
    pub periods: Vec<Period>,
    #[serde(rename = "change", default)]
    pub changes: Vec<Change>,
}

/// Which of a period's two figures was derived from the other and the stated gap.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Side {
    Urban,
    Rural,
}

/// Urban and rural penetration at one CNNIC report.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Period {
    pub period: String,
    pub report: String,
    pub urban_pct: f64,
    pub rural_pct: f64,
    /// Which of the two figures a D period derived.
    #[serde(default)]
    pub derived: Option<Side>,
    pub provenance: Provenance,
}

impl Period {
    /// The urban–rural gap in percentage points.
    pub fn gap_pts(&self) -> f64 {
        self.urban_pct - self.rural_pct
    }

    /// The footnote marker for one side: only the derived figure of a D period carries it.
    pub fn marker(&self, side: Side) -> &'static str {
        if self.derived == Some(side) {
            Confidence::D.marker()
        } else {
            ""
        }
    }
}

/// A change within a quarter that a report states outright.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Change {
    pub label: String,
    pub points: f64,
    pub provenance: Provenance,
}

/// data/sales.toml
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Sales {
    pub wording: String,
    pub wording_source: String,
    #[serde(rename = "year", default)]
    pub years: Vec<YearSales>,
}

/// Rural online retail sales in one year.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct YearSales {
    pub year: u16,
    pub yuan_billion: f64,
    #[serde(default)]
    pub usd_billion_about: Option<f64>,
    /// Growth on the year before, in percent, as the source states it: not always the ratio
    /// of the two totals (see [`Report::reported_rates`]).
    #[serde(default)]
    pub change_pct: Option<f64>,
    #[serde(default)]
    pub note: Option<String>,
    pub provenance: Provenance,
}

impl Sales {
    pub fn year(&self, year: u16) -> Option<&YearSales> {
        self.years.iter().find(|y| y.year == year)
    }

    /// How many times the `from` level the `to` level is (2019 / 2014 = 9.4).
    pub fn growth_factor(&self, from: u16, to: u16) -> Option<f64> {
        let (a, b) = (self.year(from)?, self.year(to)?);
        (a.yuan_billion > 0.0).then(|| b.yuan_billion / a.yuan_billion)
    }

    /// Compound annual growth from `from` to `to`, in percent (2014 → 2019 = 56.7).
    pub fn compound_growth_pct(&self, from: u16, to: u16) -> Option<f64> {
        let years = f64::from(to.checked_sub(from).filter(|n| *n > 0)?);
        let factor = self.growth_factor(from, to)?;
        // libm's pow, not f64::powf: powf is the one call that made the dashboard load the
        // system's libm (a shared library and 0.6 MiB of its pages at every start).
        Some((libm::pow(factor, 1.0 / years) - 1.0) * 100.0)
    }
}

/// data/world.toml
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct World {
    #[serde(default)]
    pub individuals: Vec<Individuals>,
    #[serde(default)]
    pub households: Vec<Households>,
    #[serde(default)]
    pub household_ratio: Vec<HouseholdRatio>,
}

impl World {
    /// How many figures the world view shows.
    pub fn figure_count(&self) -> usize {
        self.individuals.len() + self.households.len() + self.household_ratio.len()
    }
}

/// Share of individuals using the Internet in a group of countries.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Individuals {
    pub group: String,
    pub pct: f64,
    pub wording: String,
    pub edition: String,
    pub provenance: Provenance,
}

/// Share of households with Internet at home, urban vs rural.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Households {
    pub group: String,
    pub urban_pct: f64,
    pub rural_pct: f64,
    pub edition: String,
    pub provenance: Provenance,
}

/// Urban household access as a multiple of rural.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct HouseholdRatio {
    pub group: String,
    pub urban_to_rural: f64,
    pub wording: String,
    pub edition: String,
    pub provenance: Provenance,
}

/// data/quotes.toml
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct QuoteFile {
    #[serde(rename = "quote", default)]
    pub quotes: Vec<Quote>,
}

/// One quote; `reported` speech is shown without quotation marks.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Quote {
    pub text: String,
    pub speaker: String,
    pub source: String,
    pub reported: bool,
}

impl Quote {
    /// The text as the audience sees it: in quotation marks unless it is reported speech.
    pub fn display_text(&self) -> String {
        if self.reported {
            self.text.clone()
        } else {
            format!("“{}”", self.text)
        }
    }
}

/// data/notes.toml: what the presenter says on each view, and on each quote of the quotes
/// view. One table per view, named as the command line names the view, so a view without
/// notes or a misspelt one is an error. Each note has its English `text` and may have a
/// Chinese `zh` beside it, which states the same figures; without one, Chinese shows the
/// English.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Notes {
    pub overview: Note,
    pub penetration: Note,
    pub sales: Note,
    pub quotes: QuoteNotes,
    pub world: Note,
    pub since: Note,
    pub sources: Note,
    /// The figures each note states that the data does not hold, by where its text sits
    /// (`penetration.text`, `quotes.quote.2.zh`): such a note is stale. Found on loading
    /// (a Chinese text is stale with its English, or where it states other figures); never
    /// read from the file.
    #[serde(skip)]
    pub stale: std::collections::BTreeMap<String, Vec<String>>,
}

/// The notes of one view or one quote: what to say while it is on screen.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Note {
    pub text: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub zh: Option<String>,
}

impl Note {
    /// The note in `lang`: its Chinese text where it has one, else its English.
    pub fn in_lang(&self, lang: Lang) -> &str {
        match (lang, &self.zh) {
            (Lang::Zh, Some(zh)) => zh,
            _ => &self.text,
        }
    }
}

/// The quotes view's notes: its own, and one per quote of quotes.toml, in the same order.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct QuoteNotes {
    pub text: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub zh: Option<String>,
    #[serde(rename = "quote", default)]
    pub quotes: Vec<Note>,
}

impl Notes {
    /// Every note's text with where it sits in notes.toml (`quotes.quote.2.text`), in the
    /// file's order: the views', then the quotes'.
    pub fn texts(&self) -> Vec<(String, &str)> {
        let views = [
            ("overview", &self.overview.text),
            ("penetration", &self.penetration.text),
            ("sales", &self.sales.text),
            ("quotes", &self.quotes.text),
            ("world", &self.world.text),
            ("since", &self.since.text),
            ("sources", &self.sources.text),
        ];
        let quotes = self.quotes.quotes.iter().enumerate();
        views
            .into_iter()
            .map(|(view, text)| (format!("{view}.text"), text.as_str()))
            .chain(quotes.map(|(i, n)| (format!("quotes.quote.{i}.text"), n.text.as_str())))
            .collect()
    }

    /// Every Chinese text with where it sits (`quotes.quote.2.zh`) and the English text it
    /// translates, in the file's order.
    pub fn translations(&self) -> Vec<(String, &str, &str)> {
        let views = [
            ("overview", &self.overview.text, &self.overview.zh),
            ("penetration", &self.penetration.text, &self.penetration.zh),
            ("sales", &self.sales.text, &self.sales.zh),
            ("quotes", &self.quotes.text, &self.quotes.zh),
            ("world", &self.world.text, &self.world.zh),
            ("since", &self.since.text, &self.since.zh),
            ("sources", &self.sources.text, &self.sources.zh),
        ];
        let quotes = self.quotes.quotes.iter().enumerate();
        views
            .into_iter()
            .map(|(view, text, zh)| (view.to_string(), text, zh))
            .chain(quotes.map(|(i, n)| (format!("quotes.quote.{i}"), &n.text, &n.zh)))
            .filter_map(|(at, text, zh)| Some((format!("{at}.zh"), text.as_str(), zh.as_deref()?)))
            .collect()
    }
}

/// data/since.toml: from the report's period on.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Since {
    /// Where the series was re-based: never drawn as one line across.
    #[serde(rename = "break")]
    pub rebase: Rebase,
    #[serde(rename = "period", default)]
    pub periods: Vec<SincePeriod>,
    #[serde(rename = "sale", default)]
    pub sales: Vec<SinceSale>,
}

/// A break in the penetration series: after which period, and what to say about it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Rebase {
    pub after: String,
    pub note: String,
}

/// Rural and national penetration at one CNNIC report, and urban where it is known.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SincePeriod {
    pub period: String,
    pub report: String,
    pub rural: Figure,
    /// National includes rural.
    pub national: Figure,
    /// Only where a source states it or it can be derived; never estimated.
    #[serde(default)]
    pub urban: Option<Figure>,
}

/// One percentage with where it comes from.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Figure {
    pub pct: f64,
    pub provenance: Provenance,
}

/// Rural online retail sales in one year after the report, in trillion yuan: the figure, a
/// "more than" the source gives instead of one, or nothing published.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SinceSale {
    pub year: u16,
    #[serde(default)]
    pub yuan_trillion: Option<f64>,
    /// The source says only "more than" this: shown as a marker, never as a bar.
    #[serde(default)]
    pub more_than_trillion: Option<f64>,
    /// The source's own words for a "more than" figure.
    #[serde(default)]
    pub wording: Option<String>,
    /// Growth on the year before, in percent, as the source states it.
    #[serde(default)]
    pub change_pct: Option<f64>,
    /// No figure was found for the year: a gap, never an estimate.
    #[serde(default)]
    pub not_published: bool,
    /// Why a year has no figure.
    #[serde(default)]
    pub note: Option<String>,
    #[serde(default)]
    pub provenance: Option<Provenance>,
}

/// What a year of sales after the report holds.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum SaleValue {
    /// The figure, trillion yuan.
    Trillion(f64),
    /// More than this many trillion yuan.
    MoreThan(f64),
    /// Nothing published.
    NotPublished,
}

impl SinceSale {
    /// The year's value; validation makes sure exactly one form is given.
    pub fn value(&self) -> SaleValue {
        match (self.yuan_trillion, self.more_than_trillion) {
            (Some(v), _) => SaleValue::Trillion(v),
            (None, Some(v)) => SaleValue::MoreThan(v),
            (None, None) => SaleValue::NotPublished,
        }
    }
}

impl Since {
    /// Whether the break in the series falls between `period` and the next one.
    pub fn break_after(&self, period: &str) -> bool {
        self.rebase.after == period
    }

    /// The periods the series skips before its `i`-th: where two neighbours are further
    /// apart than the series' own step (its smallest, six months for CNNIC), the periods
    /// that step would have had, as the data writes them ("Jun 2023").
    pub fn skipped_before(&self, i: usize) -> Vec<String> {
        let months = |p: &SincePeriod| {
            month_year(&p.period).map(|(y, m)| u32::from(y) * 12 + u32::from(m) - 1)
        };
        let all: Vec<Option<u32>> = self.periods.iter().map(months).collect();
        let step = all
            .windows(2)
            .filter_map(|w| w[1]?.checked_sub(w[0]?))
            .filter(|d| *d > 0)
            .min();
        let (Some(step), Some(Some(before)), Some(Some(at))) =
            (step, i.checked_sub(1).and_then(|b| all.get(b)), all.get(i))
        else {
            return Vec::new();
        };
        (1..)
            .map(|k| before + k * step)
            .take_while(|m| m < at)
            .map(|m| period_name((m / 12) as u16, (m % 12) as u8 + 1))
            .collect()
    }
}

/// A first in the CNNIC series, derived from its figures: the period, the figure, what it
/// was derived from, and the closest earlier figure, which shows that it is a first.
#[derive(Debug, Clone, PartialEq)]
pub struct Milestone {
    pub period: String,
    /// The figure the milestone is about (one decimal as shown).
    pub value: f64,
    /// For a gap: the urban and rural rates it is the difference of.
    pub urban_rural: Option<(f64, f64)>,
    /// The closest earlier figure and its period, if there was an earlier period.
    pub earlier: Option<(f64, String)>,
    pub source: String,
}

impl Penetration {
    /// The first period whose rural rate reached one half, if any.
    pub fn rural_passed_half(&self) -> Option<Milestone> {
        let i = self.periods.iter().position(|p| p.rural_pct >= 50.0)?;
        let p = &self.periods[i];
        let earlier = self.periods[..i]
            .iter()
            .max_by(|a, b| a.rural_pct.total_cmp(&b.rural_pct))
            .map(|b| (b.rural_pct, b.period.clone()));
        Some(Milestone {
            period: p.period.clone(),
            value: p.rural_pct,
            urban_rural: None,
            earlier,
            source: p.provenance.source.clone(),
        })
    }

    /// The first period whose urban–rural gap fell below 25 points, if any.
    pub fn gap_below_25(&self) -> Option<Milestone> {
        let i = self.periods.iter().position(|p| p.gap_pts() < 25.0)?;
        let p = &self.periods[i];
        let earlier = self.periods[..i]
            .iter()
            .min_by(|a, b| a.gap_pts().total_cmp(&b.gap_pts()))
            .map(|b| (b.gap_pts(), b.period.clone()));
        Some(Milestone {
            period: p.period.clone(),
            value: p.gap_pts(),
            urban_rural: Some((p.urban_pct, p.rural_pct)),
            earlier,
            source: p.provenance.source.clone(),
        })
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn the_since_series_skips_the_periods_it_lacks() {
        let since = crate::builtin().expect("built-in data").since;
        let skipped: Vec<(String, Vec<String>)> = (0..since.periods.len())
            .map(|i| (since.periods[i].period.clone(), since.skipped_before(i)))
            .filter(|(_, s)| !s.is_empty())
            .collect();
        assert_eq!(
            skipped,
            [
                ("Dec 2023".to_string(), vec!["Jun 2023".to_string()]),
                ("Dec 2024".to_string(), vec!["Jun 2024".to_string()]),
            ]
        );
    }
}
