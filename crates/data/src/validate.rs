//! The rules the data must keep beyond its types, each problem pointing at the value that
//! breaks it and saying what was expected and what was found.

use std::collections::{BTreeMap, BTreeSet, HashMap};

use super::doc::Doc;
use super::figures::{Figure, arithmetic, written};
use super::fmt::num;
use super::i18n::{Strings, changed_figures, placeholders};
use super::model::{
    Confidence, Headline, Notes, Penetration, Period, Provenance, QuoteFile, Report, SaleValue,
    Sales, Share, Side, Since, World,
};
use super::model::{YEARS, month_year};
use super::problem::{LISTED_PER_FILE, Problem, plain_number};

/// Collects the problems of one file: the first [`LISTED_PER_FILE`] in full, the rest
/// counted, and that count closes the list when the check ends.
struct Check<'a> {
    doc: &'a Doc,
    out: &'a mut Vec<Problem>,
    /// Where this file's problems begin in `out`.
    first: usize,
    unlisted: usize,
}

impl<'a> Check<'a> {
    fn new(doc: &'a Doc, out: &'a mut Vec<Problem>) -> Check<'a> {
        let first = out.len();
        Check {
            doc,
            out,
            first,
            unlisted: 0,
        }
    }

    /// Adds the problem `make` builds, or only counts it once the list is full.
    fn push_with(&mut self, make: impl FnOnce(&Doc) -> Problem) {
        if self.out.len() - self.first < LISTED_PER_FILE {
            self.out.push(make(self.doc));
        } else {
            self.unlisted += 1;
        }
    }

    fn at(&mut self, key: &str, message: impl std::fmt::Display) {
        self.push_with(|doc| doc.problem(key, message));
    }

    /// A percentage: 0 to 100.
    fn pct(&mut self, key: &str, value: f64) {
        self.within(key, value, PERCENT, "");
    }

    /// A value inside `range`, inclusive, written in the message with `unit`.
    fn within(&mut self, key: &str, value: f64, (low, high): (f64, f64), unit: &str) {
        if !(value.is_finite() && low <= value && value <= high) {
            self.at(
                key,
                format!(
                    "{} must be between {low} and {high}{unit}, found {}",
                    field(key),
                    plain_number(value)
                ),
            );
        }
    }

    /// A year in the window the dashboard's series can hold.
    fn year(&mut self, key: &str, year: u16) {
        if !YEARS.contains(&year) {
            self.at(
                key,
                format!(
                    "{} must be a year from {} to {}, found {year}",
                    field(key),
                    YEARS.start(),
                    YEARS.end()
                ),
            );
        }
    }

    fn text(&mut self, key: &str, value: &str) {
        if value.trim().is_empty() {
            self.at(key, format!("{} must not be empty", field(key)));
        }
    }

    /// A figure's source is named, and a D figure says how it was derived: where that begins
    /// with arithmetic, it gives `figure` as written, the same figure held twice.
    fn provenance(&mut self, key: &str, p: &Provenance, figure: Option<f64>) {
        self.text(&format!("{key}.source"), &p.source);
        match (p.confidence, p.derivation.as_deref()) {
            (Confidence::D, None) => self.at(
                &format!("{key}.confidence"),
                "confidence is D, so `derivation` must say how the figure was derived from V statements",
            ),
            (Confidence::D, Some(how)) => {
                self.text(&format!("{key}.derivation"), how);
                if let (Some(figure), Some(gives)) = (figure, arithmetic(how)) {
                    self.derivation_gives(&format!("{key}.derivation"), how, figure, gives);
                }
            }
            (stated @ (Confidence::V | Confidence::V2), Some(_)) => self.at(
                &format!("{key}.derivation"),
                format!(
                    "derivation given, but confidence is {}; set confidence = \"D\" or remove it",
                    stated.letter()
                ),
            ),
            (Confidence::V | Confidence::V2, None) => {}
        }
    }

    /// A period's rates in the order they must have: rural at most national (which includes
    /// it) at most urban, and rural below urban, as in every period of the sources. Only
    /// rates in range are compared: one out of range has its own problem. `suffix` joins a
    /// rate's name to its key (`urban_pct`, `urban.pct`).
    fn rates_in_order(
        &mut self,
        key: &str,
        suffix: &str,
        urban: Option<f64>,
        national: Option<f64>,
        rural: f64,
    ) {
        let sound = |v: &f64| PERCENT.0 <= *v && *v <= PERCENT.1;
        let (urban, national) = (urban.filter(sound), national.filter(sound));
        if !sound(&rural) {
            return;
        }
        let n = plain_number;
        if let Some(national) = national.filter(|v| *v < rural) {
            self.at(
                &format!("{key}.national{suffix}"),
                format!(
                    "national ({}) is below rural ({}); national includes rural, so it cannot be",
                    n(national),
                    n(rural)
                ),
            );
        }
        if let Some(urban) = urban.filter(|v| *v < rural) {
            self.at(
                &format!("{key}.urban{suffix}"),
                format!(
                    "urban ({}) is below rural ({}); every source of this series has urban \
                     above rural, so one of the two is mistyped",
                    n(urban),
                    n(rural)
                ),
            );
        }
        if let (Some(urban), Some(national)) = (urban, national)
            && national > urban
            && urban >= rural
        {
            self.at(
                &format!("{key}.national{suffix}"),
                format!(
                    "national ({}) is above urban ({}); national is urban and rural together, \
                     so it lies between them",
                    n(national),
                    n(urban)
                ),
            );
        }
    }

    /// A figure's wording (`wording` at `key`) states the figure at `figure_key` itself,
    /// since the two are shown together: "just over 53 %" beside 53.
    fn wording_states(&mut self, key: &str, wording: &str, figure_key: &str, figure: f64) {
        let stated: Vec<f64> = written(wording)
            .into_iter()
            .filter_map(|w| match w.figure {
                Figure::Number(n) => Some(n),
                Figure::Date(_) => None,
            })
            .collect();
        if stated.contains(&figure) || !figure.is_finite() {
            return;
        }
        let line = self
            .doc
            .line(figure_key)
            .map(|l| format!(" (line {l})"))
            .unwrap_or_default();
        let states = match stated.first() {
            Some(other) => format!("states {}", plain_number(*other)),
            None => "states no figure".to_string(),
        };
        self.at(
            key,
            format!(
                "{} {states}, but {}{line} is {}; they are shown together, so they must agree",
                field(key),
                field(figure_key),
                plain_number(figure)
            ),
        );
    }

    /// A derivation's arithmetic (`how`) gives `figure`, to as many decimals as either is
    /// written with: "66.5 − 4.6" gives 61.9, and 62.0 is not it.
    fn derivation_gives(&mut self, key: &str, how: &str, figure: f64, gives: f64) {
        let decimals = |n: &str| n.split_once('.').map_or(0, |(_, d)| d.len());
        let decimals = written(how)
            .iter()
            .map(|w| decimals(w.text))
            .chain([decimals(&num(figure))])
            .max()
            .unwrap_or(0);
        let half_unit = 0.5 * 10f64.powi(-(decimals as i32));
        if (gives - figure).abs() < half_unit * (1.0 + 1e-9) {
            return;
        }
        self.at(
            key,
            format!(
                "the derivation gives {gives:.decimals$}, but the figure is {figure:.decimals$}; \
                 one of them is stale"
            ),
        );
    }

    /// A list the dashboard draws must hold something.
    fn not_empty<T>(&mut self, key: &str, items: &[T]) {
        if items.is_empty() {
            self.at(key, format!("no [[{key}]] found; at least one is needed"));
        }
    }

    /// Keys (periods, years) must be strictly increasing: unique, oldest first.
    fn increasing<K: Ord>(
        &mut self,
        what: &str,
        items: &[(K, String)],
        key: impl Fn(usize) -> String,
    ) {
        let mut first_at = BTreeMap::new();
        for (i, (k, shown)) in items.iter().enumerate() {
            if let Some(&j) = first_at.get(k) {
                let first = self
                    .doc
                    .line(&key(j))
                    .map(|l| format!(" (first at line {l})"))
                    .unwrap_or_default();
                self.at(
                    &key(i),
                    format!("{what} {shown} appears twice{first}; each must be unique"),
                );
            } else if let Some((_, previous)) =
                i.checked_sub(1).map(|p| &items[p]).filter(|(p, _)| p > k)
            {
                self.at(
                    &key(i),
                    format!("{what}s must be oldest first, but {shown} comes after {previous}"),
                );
            }
            first_at.entry(k).or_insert(i);
        }
    }
}

impl Drop for Check<'_> {
    fn drop(&mut self) {
        if self.unlisted > 0 {
            self.out
                .push(Problem::unlisted(&self.doc.path, self.unlisted));
        }
    }
}

/// How many figures a message about a translation names.
const FIGURES_NAMED: usize = 5;

/// Percentages, of population or of households.
const PERCENT: (f64, f64) = (0.0, 100.0);
/// Money in billion yuan (or US dollars): from 10 million to 100 trillion. The series holds
/// values from 180 to a few thousand; a value outside this window is a typing slip (a
/// figure in yuan rather than billions, a dropped decimal point), and inside it every ratio
/// of two values stays a finite number that fits its column.
const MONEY_BILLION: (f64, f64) = (0.01, 100_000.0);
/// How many times urban household access is rural: above 0, at most 100.
const RATIO: (f64, f64) = (0.01, 100.0);
/// Money in trillion yuan: the same window as [`MONEY_BILLION`].
const MONEY_TRILLION: (f64, f64) = (0.00001, 100.0);

/// The last part of a key: `rural_pct` of `period.3.rural_pct`.
fn field(key: &str) -> &str {
    key.rsplit('.').next().unwrap_or(key)
}

pub fn headline(h: &Headline, doc: &Doc, out: &mut Vec<Problem>) {
    let mut c = Check::new(doc, out);
    for (key, value) in [
        ("title", &h.title),
        ("released", &h.released),
        ("venue", &h.venue),
        ("source", &h.source),
        ("period", &h.period),
    ] {
        c.text(key, value);
    }
    share(&mut c, "poor_villages", &h.poor_villages);
}

fn share(c: &mut Check, key: &str, s: &Share) {
    c.text(&format!("{key}.label"), &s.label);
    c.pct(&format!("{key}.pct"), s.pct);
    c.provenance(key, &s.provenance, Some(s.pct));
}

pub fn penetration(p: &Penetration, doc: &Doc, out: &mut Vec<Problem>) {
    let mut c = Check::new(doc, out);
    c.not_empty("period", &p.periods);
    let mut order = Vec::new();
    for (i, period) in p.periods.iter().enumerate() {
        let key = format!("period.{i}");
        c.text(&format!("{key}.report"), &period.report);
        c.pct(&format!("{key}.urban_pct"), period.urban_pct);
        c.pct(&format!("{key}.rural_pct"), period.rural_pct);
        c.rates_in_order(&key, "_pct", Some(period.urban_pct), None, period.rural_pct);
        period_figure(&mut c, &key, period);
        match month_year(&period.period) {
            Some(when) if !YEARS.contains(&when.0) => c.at(
                &format!("{key}.period"),
                format!(
                    "period must be in the years {} to {}, found \"{}\"",
                    YEARS.start(),
                    YEARS.end(),
                    period.period
                ),
            ),
            Some(when) => order.push((when, format!("\"{}\"", period.period))),
            None => {
                c.at(
                    &format!("{key}.period"),
                    format!(
                        "period must be a month and year such as \"Jun 2020\", found \"{}\"",
                        period.period
                    ),
                );
            }
        }
    }
    // Order is only meaningful when every period reads as a month and year.
    if order.len() == p.periods.len() {
        c.increasing("period", &order, |i| format!("period.{i}.period"));
    }
    for (i, change) in p.changes.iter().enumerate() {
        let key = format!("change.{i}");
        c.text(&format!("{key}.label"), &change.label);
        c.within(&format!("{key}.points"), change.points, (-100.0, 100.0), "");
        c.provenance(&key, &change.provenance, Some(change.points));
    }
}

/// A D period names which of its two figures was derived, and how.
fn period_figure(c: &mut Check, key: &str, period: &Period) {
    let derived = match period.derived {
        Some(Side::Urban) => Some(period.urban_pct),
        Some(Side::Rural) => Some(period.rural_pct),
        None => None,
    };
    c.provenance(key, &period.provenance, derived);
    match (period.provenance.confidence, period.derived) {
        (Confidence::D, None) => c.at(
            &format!("{key}.confidence"),
            "confidence is D, so `derived` must name the derived figure: \"urban\" or \"rural\"",
        ),
        (Confidence::V | Confidence::V2, Some(_)) => c.at(
            &format!("{key}.derived"),
            "derived given, but the confidence is not D; set confidence = \"D\" or remove it",
        ),
        _ => {}
    }
}

pub fn sales(s: &Sales, doc: &Doc, out: &mut Vec<Problem>) {
    let mut c = Check::new(doc, out);
    c.text("wording", &s.wording);
    c.text("wording_source", &s.wording_source);
    c.not_empty("year", &s.years);
    for (i, y) in s.years.iter().enumerate() {
        let key = format!("year.{i}");
        c.year(&format!("{key}.year"), y.year);
        c.within(
            &format!("{key}.yuan_billion"),
            y.yuan_billion,
            MONEY_BILLION,
            " (billion yuan)",
        );
        if let Some(usd) = y.usd_billion_about {
            c.within(
                &format!("{key}.usd_billion_about"),
                usd,
                MONEY_BILLION,
                " (billion US dollars)",
            );
        }
        if let Some(change) = y.change_pct {
            c.within(
                &format!("{key}.change_pct"),
                change,
                (-100.0, 1000.0),
                " (percent)",
            );
        }
        c.provenance(&key, &y.provenance, Some(y.yuan_billion));
    }
    let order: Vec<_> = s
        .years
        .iter()
        .map(|y| (y.year, y.year.to_string()))
        .collect();
    c.increasing("year", &order, |i| format!("year.{i}.year"));
}

pub fn world(w: &World, doc: &Doc, out: &mut Vec<Problem>) {
    let mut c = Check::new(doc, out);
    c.not_empty("individuals", &w.individuals);
    c.not_empty("households", &w.households);
    for (i, x) in w.individuals.iter().enumerate() {
        let key = format!("individuals.{i}");
        for (field, value) in [
            ("group", &x.group),
            ("wording", &x.wording),
            ("edition", &x.edition),
        ] {
            c.text(&format!("{key}.{field}"), value);
        }
        c.pct(&format!("{key}.pct"), x.pct);
        c.wording_states(
            &format!("{key}.wording"),
            &x.wording,
            &format!("{key}.pct"),
            x.pct,
        );
        c.provenance(&key, &x.provenance, Some(x.pct));
    }
    for (i, x) in w.households.iter().enumerate() {
        let key = format!("households.{i}");
        c.text(&format!("{key}.group"), &x.group);
        c.text(&format!("{key}.edition"), &x.edition);
        c.pct(&format!("{key}.urban_pct"), x.urban_pct);
        c.pct(&format!("{key}.rural_pct"), x.rural_pct);
        c.provenance(&key, &x.provenance, None);
    }
    for (i, x) in w.household_ratio.iter().enumerate() {
        let key = format!("household_ratio.{i}");
        for (field, value) in [
            ("group", &x.group),
            ("wording", &x.wording),
            ("edition", &x.edition),
        ] {
            c.text(&format!("{key}.{field}"), value);
        }
        c.within(
            &format!("{key}.urban_to_rural"),
            x.urban_to_rural,
            RATIO,
            " (times)",
        );
        c.wording_states(
            &format!("{key}.wording"),
            &x.wording,
            &format!("{key}.urban_to_rural"),
            x.urban_to_rural,
        );
        c.provenance(&key, &x.provenance, Some(x.urban_to_rural));
    }
}

pub fn quotes(q: &QuoteFile, doc: &Doc, out: &mut Vec<Problem>) {
    let mut c = Check::new(doc, out);
    c.not_empty("quote", &q.quotes);
    for (i, quote) in q.quotes.iter().enumerate() {
        let key = format!("quote.{i}");
        c.text(&format!("{key}.text"), &quote.text);
        c.text(&format!("{key}.speaker"), &quote.speaker);
        c.text(&format!("{key}.source"), &quote.source);
    }
}

pub fn since(s: &Since, doc: &Doc, out: &mut Vec<Problem>) {
    let mut c = Check::new(doc, out);
    c.not_empty("period", &s.periods);
    let mut order = Vec::new();
    for (i, p) in s.periods.iter().enumerate() {
        let key = format!("period.{i}");
        c.text(&format!("{key}.report"), &p.report);
        for (name, figure) in [
            ("rural", Some(&p.rural)),
            ("national", Some(&p.national)),
            ("urban", p.urban.as_ref()),
        ] {
            if let Some(figure) = figure {
                let fkey = format!("{key}.{name}");
                c.pct(&format!("{fkey}.pct"), figure.pct);
                c.provenance(&fkey, &figure.provenance, Some(figure.pct));
            }
        }
        let urban = p.urban.as_ref().map(|u| u.pct);
        c.rates_in_order(&key, ".pct", urban, Some(p.national.pct), p.rural.pct);
        match month_year(&p.period) {
            Some(when) if YEARS.contains(&when.0) => {
                order.push((when, format!("\"{}\"", p.period)));
            }
            _ => c.at(
                &format!("{key}.period"),
                format!(
                    "period must be a month and year from {} to {} such as \"Jun 2021\", found \"{}\"",
                    YEARS.start(),
                    YEARS.end(),
                    p.period
                ),
            ),
        }
    }
    if order.len() == s.periods.len() {
        c.increasing("period", &order, |i| format!("period.{i}.period"));
    }
    // The break sits between two periods of the file, never at an end.
    c.text("break.note", &s.rebase.note);
    match s.periods.iter().position(|p| p.period == s.rebase.after) {
        None => c.at(
            "break.after",
            format!(
                "break after \"{}\", which is not a period in since.toml; name the period before the break",
                s.rebase.after
            ),
        ),
        Some(i) if i + 1 == s.periods.len() => c.at(
            "break.after",
            format!(
                "break after \"{}\", the last period; a break sits between two periods",
                s.rebase.after
            ),
        ),
        Some(_) => {}
    }

    let mut years = Vec::new();
    for (i, sale) in s.sales.iter().enumerate() {
        let key = format!("sale.{i}");
        c.year(&format!("{key}.year"), sale.year);
        years.push((sale.year, sale.year.to_string()));
        let forms = [
            sale.yuan_trillion.is_some(),
            sale.more_than_trillion.is_some(),
            sale.not_published,
        ];
        match forms.iter().filter(|f| **f).count() {
            0 => c.at(
                &key,
                format!(
                    "year {} has no figure: give yuan_trillion, more_than_trillion, or not_published = true",
                    sale.year
                ),
            ),
            1 => {}
            _ if sale.not_published => c.at(
                &format!("{key}.not_published"),
                format!(
                    "year {} holds both a figure and not_published = true; it is one or the other",
                    sale.year
                ),
            ),
            _ => c.at(
                &format!("{key}.more_than_trillion"),
                format!(
                    "year {} holds both yuan_trillion and more_than_trillion; give one",
                    sale.year
                ),
            ),
        }
        if let Some(v) = sale.yuan_trillion {
            c.within(
                &format!("{key}.yuan_trillion"),
                v,
                MONEY_TRILLION,
                " (trillion yuan)",
            );
        }
        if let Some(v) = sale.more_than_trillion {
            c.within(
                &format!("{key}.more_than_trillion"),
                v,
                MONEY_TRILLION,
                " (trillion yuan)",
            );
            match &sale.wording {
                Some(w) => {
                    c.text(&format!("{key}.wording"), w);
                    let figure_key = format!("{key}.more_than_trillion");
                    c.wording_states(&format!("{key}.wording"), w, &figure_key, v);
                }
                None => c.at(
                    &format!("{key}.more_than_trillion"),
                    "a \"more than\" figure needs `wording`: the source's own words for it",
                ),
            }
        }
        if let Some(change) = sale.change_pct {
            c.within(
                &format!("{key}.change_pct"),
                change,
                (-100.0, 1000.0),
                " (percent)",
            );
        }
        match (&sale.provenance, sale.not_published) {
            (Some(p), false) => {
                let figure = sale.yuan_trillion.or(sale.more_than_trillion);
                c.provenance(&key, p, figure)
            }
            (None, false) => c.at(
                &key,
                format!("year {} has a figure but no confidence and source", sale.year),
            ),
            (Some(_), true) => c.at(
                &format!("{key}.provenance"),
                format!(
                    "year {} is not published, so it has no confidence or source; say why in `note`",
                    sale.year
                ),
            ),
            (None, true) => match &sale.note {
                Some(note) => c.text(&format!("{key}.note"), note),
                None => c.at(
                    &format!("{key}.not_published"),
                    "a year not published needs `note`: why there is no figure",
                ),
            },
        }
    }
    c.increasing("year", &years, |i| format!("sale.{i}.year"));
}

/// The headline names a period, two years and a quote; each must exist, so no view ever
/// indexes past the data.
pub fn references(report: &Report, doc: &Doc, out: &mut Vec<Problem>) {
    let mut c = Check::new(doc, out);
    let h = &report.headline;
    if !report
        .penetration
        .periods
        .iter()
        .any(|p| p.period == h.period)
    {
        c.at(
            "period",
            format!(
                "period \"{}\" is not a period in penetration.toml",
                h.period
            ),
        );
    }
    for (key, year) in [("sales_from", h.sales_from), ("sales_to", h.sales_to)] {
        if report.sales.year(year).is_none() {
            c.at(key, format!("{key} {year} is not a year in sales.toml"));
        }
    }
    if h.sales_from >= h.sales_to {
        c.at(
            "sales_to",
            format!(
                "sales_to must be after sales_from ({}), found {}",
                h.sales_from, h.sales_to
            ),
        );
    }
    if h.headline_quote == 0 || h.headline_quote > report.quotes.len() {
        c.at(
            "headline_quote",
            format!(
                "headline_quote must be between 1 and {} (the quotes in quotes.toml), found {}",
                report.quotes.len(),
                h.headline_quote
            ),
        );
    }
}

/// The files [`agreement`] compares, as read.
pub struct Docs<'a> {
    pub headline: &'a Doc,
    pub penetration: &'a Doc,
    pub sales: &'a Doc,
    pub since: &'a Doc,
}

/// Figures held in two files agree, and since.toml keeps to the time after the report: its
/// periods from the report's on, its sales after sales.toml's last year. Each problem is in
/// since.toml, naming the place in the other file.
pub fn agreement(report: &Report, docs: &Docs, out: &mut Vec<Problem>) {
    let mut c = Check::new(docs.since, out);
    let (since, penetration) = (&report.since, &report.penetration);
    let start = month_year(&report.headline.period);
    for (i, p) in since.periods.iter().enumerate() {
        let key = format!("period.{i}");
        if let (Some(when), Some(start)) = (month_year(&p.period), start)
            && when < start
        {
            c.at(
                &format!("{key}.period"),
                format!(
                    "\"{}\" is before the report's period, \"{}\" ({}); since.toml holds the \
                     periods from the report's on",
                    p.period,
                    report.headline.period,
                    docs.headline.place("period")
                ),
            );
        }
        let when = month_year(&p.period);
        let Some(j) = penetration
            .periods
            .iter()
            .position(|q| month_year(&q.period) == when)
        else {
            continue;
        };
        let q = &penetration.periods[j];
        let there = format!("period.{j}");
        if p.report != q.report {
            c.at(
                &format!("{key}.report"),
                format!(
                    "{} is the {} report here but the {} in {}; a period held in two files \
                     must be the same in both",
                    p.period,
                    p.report,
                    q.report,
                    docs.penetration.place(&format!("{there}.report"))
                ),
            );
        }
        let pairs = [
            ("rural", Some(p.rural.pct), q.rural_pct),
            ("urban", p.urban.as_ref().map(|u| u.pct), q.urban_pct),
        ];
        for (name, here, other) in pairs {
            let Some(here) = here.filter(|h| *h != other) else {
                continue;
            };
            c.at(
                &format!("{key}.{name}.pct"),
                format!(
                    "{} {name} is {} here but {} in {}; a figure held in two files must be the \
                     same in both",
                    p.period,
                    plain_number(here),
                    plain_number(other),
                    docs.penetration.place(&format!("{there}.{name}_pct"))
                ),
            );
        }
    }
    let last_report_year = report.sales.years.iter().map(|y| y.year).max();
    for (i, sale) in since.sales.iter().enumerate() {
        let Some(last) = last_report_year.filter(|last| sale.year <= *last) else {
            continue;
        };
        let key = format!("sale.{i}");
        let span = format!("since.toml holds the years after sales.toml's last, {last}");
        let message = match report.sales.years.iter().position(|y| y.year == sale.year) {
            None => format!("year {} is not after the report's years; {span}", sale.year),
            Some(j) => {
                let place = docs.sales.place(&format!("year.{j}.yuan_billion"));
                let billion = report.sales.years[j].yuan_billion;
                let differs = match sale.value() {
                    SaleValue::Trillion(v) if (v * 1000.0 - billion).abs() > 1e-9 * billion => {
                        format!(
                            ", and its {} trillion yuan disagrees with the {} billion there",
                            plain_number(v),
                            plain_number(billion)
                        )
                    }
                    _ => String::new(),
                };
                format!(
                    "year {} is a report year, in sales.toml too ({place}){differs}; {span}",
                    sale.year
                )
            }
        };
        c.at(&format!("{key}.year"), message);
    }
}

/// The rules of a language file beyond its keys (see [`shape`]).
pub fn strings(s: &Strings, doc: &Doc, out: &mut Vec<Problem>) {
    let mut c = Check::new(doc, out);
    let n = &s.numbers;
    if ![1, 10, 100, 1000].contains(&n.billion_scale) {
        c.at(
            "numbers.billion_scale",
            format!(
                "billion_scale must be 1, 10, 100 or 1000 (how many of the unit make a billion yuan), found {}",
                n.billion_scale
            ),
        );
    }
    if n.months.len() != 12 {
        c.at(
            "numbers.months",
            format!(
                "months must name the 12 months, January first; found {}",
                n.months.len()
            ),
        );
    }
    for (key, text) in [
        ("billion_short", &n.billion_short),
        ("trillion_short", &n.trillion_short),
    ] {
        if !text.as_str().is_ascii() {
            c.at(
                &format!("numbers.{key}"),
                format!("{key} is drawn in big text, which has Latin letters only"),
            );
        }
    }
    for (english, translated) in &s.terms {
        let key = format!("terms.{english}");
        if translated.trim().is_empty() {
            c.at(&key, "a term's translation must not be empty");
        }
        let (lost, added) = changed_figures(english, translated);
        c.same_figures(&key, &lost, &added);
    }
}

impl Check<'_> {
    /// A translation at `key` states the figures of its English `text`, no more and no fewer
    /// (a year it makes explicit aside).
    fn same_figures(&mut self, key: &str, lost: &[f64], added: &[f64]) {
        // A few figures say what is wrong; thousands would bury it.
        let list = |f: &[f64]| {
            let shown: Vec<String> = f
                .iter()
                .take(FIGURES_NAMED)
                .map(|v| plain_number(*v))
                .collect();
            match f.len().saturating_sub(FIGURES_NAMED) {
                0 => shown.join(", "),
                more => format!("{} and {more} more", shown.join(", ")),
            }
        };
        if !lost.is_empty() {
            self.at(
                key,
                format!(
                    "a translation keeps its text's figures, but {} is not in it",
                    list(lost)
                ),
            );
        }
        if !added.is_empty() {
            self.at(
                key,
                format!(
                    "a translation states only its text's figures, but adds {}",
                    list(added)
                ),
            );
        }
    }
}

/// A language file's keys against the English file's: every key there and no other, and in
/// each text only the `{places}` the dashboard fills for that key (`allowed`, by key: the
/// places the built-in English and Chinese files use). `[terms]` is free: its keys are the
/// data's texts.
pub fn shape(doc: &Doc, allowed: &BTreeMap<String, Vec<String>>, out: &mut Vec<Problem>) {
    let kept = |p: &&String| {
        *p != "terms"
            && !p.starts_with("terms.")
            && !p.split('.').any(|k| k.bytes().all(|b| b.is_ascii_digit()))
    };
    // In the file's order, so the problems listed first are the first in the file.
    let mut in_file: Vec<&String> = doc.spans.keys().filter(kept).collect();
    in_file.sort_by_key(|k| doc.spans.get(*k).map(|span| span.start));
    let found: BTreeSet<&String> = in_file.iter().copied().collect();
    let expected: BTreeSet<&String> = allowed.keys().filter(kept).collect();
    let parent = |p: &str| p.rsplit_once('.').map(|(head, _)| head.to_string());
    let mut c = Check::new(doc, out);
    for key in &expected {
        let parent_found = parent(key).is_none_or(|p| found.contains(&p));
        if !found.contains(key) && parent_found {
            c.at(
                key,
                format!("`{key}` is missing: a language file has every key data/i18n/en.toml has"),
            );
        }
    }
    for key in &in_file {
        let parent_known = parent(key).is_none_or(|p| expected.contains(&p));
        if !expected.contains(key) && parent_known {
            c.at(
                key,
                format!("unknown key `{key}`: data/i18n/en.toml has no such key"),
            );
        }
    }
    for key in in_file.iter().filter(|k| expected.contains(*k)) {
        let (Some(span), Some(names)) = (doc.spans.get(*key), allowed.get(*key)) else {
            continue;
        };
        let raw = &doc.text[span.clone()];
        if !raw.starts_with(['"', '\'']) {
            continue;
        }
        for place in placeholders(raw) {
            if !names.iter().any(|n| n == place) {
                let fills = if names.is_empty() {
                    "none".to_string()
                } else {
                    names
                        .iter()
                        .map(|n| format!("{{{n}}}"))
                        .collect::<Vec<_>>()
                        .join(", ")
                };
                c.at(
                    key,
                    format!(
                        "`{{{place}}}` is not filled in for `{key}`; the places it has: {fills}"
                    ),
                );
            }
        }
    }
}

/// The most a note may say: a few minutes of speech, and always a message the console can
/// be sent whole.
pub const NOTE_CHARS: usize = 4000;

pub fn notes(n: &Notes, doc: &Doc, out: &mut Vec<Problem>) {
    let mut c = Check::new(doc, out);
    let translations = n.translations();
    let all = n
        .texts()
        .into_iter()
        .chain(translations.iter().map(|(key, _, zh)| (key.clone(), *zh)));
    for (key, text) in all {
        c.text(&key, text);
        let chars = text.chars().count();
        if chars > NOTE_CHARS {
            c.at(
                &key,
                format!("a note must be at most {NOTE_CHARS} characters, found {chars}"),
            );
        }
    }
}

/// The notes against the rest of the data, as warnings that never refuse it (notes serve
/// the presenter and must not keep a figure off the screen): one note per quote; no figure
/// in a note that the data does not hold, each stale figure pointed at where it is written;
/// a Chinese text stating its English's figures. Returns the figures each note states that
/// the data does not hold, by where its text sits (see [`Notes::stale`]).
pub fn notes_agree(
    report: &Report,
    notes: &Notes,
    doc: &Doc,
    out: &mut Vec<Problem>,
) -> BTreeMap<String, Vec<String>> {
    let mut c = Check::new(doc, out);
    let (noted, quotes) = (notes.quotes.quotes.len(), report.quotes.len());
    if noted < quotes {
        c.at(
            "quotes",
            format!(
                "quotes.toml has {quotes} quotes but there are {noted} [[quotes.quote]] notes; \
                 give one note per quote, in the same order (a quote without one has none)"
            ),
        );
    } else if noted > quotes {
        c.at(
            &format!("quotes.quote.{quotes}"),
            format!(
                "a note for quote {}, but quotes.toml has {quotes} quotes; give one note per \
                 quote (this one is not shown)",
                quotes + 1
            ),
        );
    }
    let held = report.held_figures();
    let mut stale: BTreeMap<String, Vec<String>> = BTreeMap::new();
    for (key, text) in notes.texts() {
        let mut seen: HashMap<&str, usize> = HashMap::new();
        for w in written(text) {
            // The n-th time this figure is written in the note: found again in the file's
            // own text, where escapes may have moved it.
            let times = seen.entry(w.text).or_default();
            let nth = *times;
            *times += 1;
            if held.holds(&w.figure) {
                continue;
            }
            let figures = stale.entry(key.clone()).or_default();
            if !figures.iter().any(|f| f == w.text) {
                figures.push(w.text.to_string());
            }
            c.push_with(|doc| {
                let what = match w.figure {
                    Figure::Date(_) => "a date",
                    Figure::Number(_) => "a figure",
                };
                let message = format!(
                    "{} is not {what} of the data: the note is stale, and shown marked as \
                     such (a note may state only figures the data holds; the sources view \
                     lists them)",
                    w.text
                );
                match at_in_file(doc, &key, w.text, nth) {
                    Some(span) => Problem::at(&doc.path, &doc.text, span, message),
                    None => doc.problem(&key, message),
                }
            });
        }
    }
    // The Chinese states what its English states: stale with it, and where it states other
    // figures (the English mended, the Chinese not yet), stale by those.
    for (key, english, zh) in notes.translations() {
        let text_key = format!("{}.text", key.trim_end_matches(".zh"));
        let mut figures = stale.get(&text_key).cloned().unwrap_or_default();
        let (lost, added) = changed_figures(english, zh);
        figures.extend(added.iter().map(|v| plain_number(*v)));
        if !figures.is_empty() {
            stale.insert(key.clone(), figures);
        }
        c.same_figures(&key, &lost, &added);
    }
    stale
}

/// Where the `nth` writing of figure `text` is in the file, inside the value at `key`.
fn at_in_file(doc: &Doc, key: &str, text: &str, nth: usize) -> Option<std::ops::Range<usize>> {
    let span = doc.spans.get(key)?;
    let raw = doc.text.get(span.clone())?;
    written(raw)
        .into_iter()
        .filter(|w| w.text == text)
        .nth(nth)
        .map(|w| span.start + w.at.start..span.start + w.at.end)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn months_read_short_and_long() {
        assert_eq!(month_year("Jun 2020"), Some((2020, 6)));
        assert_eq!(month_year("June 2020"), Some((2020, 6)));
        assert_eq!(month_year("dec 2018"), Some((2018, 12)));
        assert_eq!(month_year("Ju 2020"), None);
        assert_eq!(month_year("Jun 20"), None);
        assert_eq!(month_year("Juni 2020"), None);
        assert_eq!(month_year("2020"), None);
    }
}
