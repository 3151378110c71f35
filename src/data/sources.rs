//! Every figure the dashboard shows, with its source: the sources view and `check` read this.

use super::model::{Confidence, Report, Side};
use crate::fmt;

/// One figure as the sources view lists it.
#[derive(Debug, Clone, PartialEq)]
pub struct SourceRow {
    pub figure: String,
    pub value: String,
    pub confidence: Confidence,
    pub source: String,
    /// How a derived (D) figure was computed.
    pub derivation: Option<String>,
}

impl SourceRow {
    fn stated(figure: String, value: String, confidence: Confidence, source: &str) -> Self {
        SourceRow {
            figure,
            value,
            confidence,
            source: source.to_string(),
            derivation: None,
        }
    }

    /// A figure from the data: derived, with how, when its data says D; stated otherwise.
    fn from_data(
        figure: String,
        value: String,
        confidence: Confidence,
        source: &str,
        derivation: Option<&String>,
    ) -> Self {
        match (confidence, derivation) {
            (Confidence::D, Some(how)) => SourceRow::derived(figure, value, source, how.clone()),
            _ => SourceRow::stated(figure, value, confidence, source),
        }
    }

    fn derived(figure: String, value: String, source: &str, derivation: String) -> Self {
        SourceRow {
            figure,
            value,
            confidence: Confidence::D,
            source: source.to_string(),
            derivation: Some(derivation),
        }
    }
}

impl Report {
    /// All figures in the order the views show them. Built once at load.
    pub fn source_rows(&self) -> Vec<SourceRow> {
        let mut rows = Vec::new();
        let h = &self.headline;

        for p in &self.penetration.periods {
            for (side, name, pct) in [
                (Side::Urban, "urban", p.urban_pct),
                (Side::Rural, "rural", p.rural_pct),
            ] {
                let figure = format!("{}, {name} Internet penetration", p.period);
                let value = format!("{} %", fmt::pct1(pct));
                rows.push(match (p.derived == Some(side), &p.derivation) {
                    (true, Some(how)) => SourceRow::derived(figure, value, &p.source, how.clone()),
                    _ => SourceRow::stated(figure, value, Confidence::V, &p.source),
                });
            }
            let gap_how = format!("{} − {}", fmt::pct1(p.urban_pct), fmt::pct1(p.rural_pct));
            let gap = SourceRow::derived(
                format!("{}, urban–rural gap", p.period),
                format!("{} points", fmt::pct1(p.gap_pts())),
                &p.source,
                gap_how,
            );
            rows.push(gap);
        }
        for c in &self.penetration.changes {
            rows.push(SourceRow::from_data(
                c.label.clone(),
                format!("{} points", fmt::num(c.points)),
                c.confidence,
                &c.source,
                c.derivation.as_ref(),
            ));
        }

        let pv = &h.poor_villages;
        rows.push(SourceRow::from_data(
            pv.label.clone(),
            format!("{} %", fmt::num(pv.pct)),
            pv.confidence,
            &pv.source,
            pv.derivation.as_ref(),
        ));

        for y in &self.sales.years {
            let mut value = format!("{} bn yuan", fmt::num(y.yuan_billion));
            // The overview writes whole hundreds of billions as trillions; say so here too.
            let words = fmt::yuan_words(y.yuan_billion);
            if words.contains("trillion") {
                value.push_str(&format!(" = {words}"));
            }
            if let Some(usd) = y.usd_billion_about {
                value.push_str(&format!(" (about US${} bn)", fmt::num(usd)));
            }
            if let Some(note) = &y.note {
                value.push_str(&format!("; {note}"));
            }
            rows.push(SourceRow::from_data(
                format!("{}, rural online retail sales", y.year),
                value,
                y.confidence,
                &y.source,
                y.derivation.as_ref(),
            ));
        }
        let (from, to) = (h.sales_from, h.sales_to);
        if let (Some(a), Some(b), Some(factor), Some(cagr)) = (
            self.sales.year(from),
            self.sales.year(to),
            self.sales.growth_factor(from, to),
            self.sales.compound_growth_pct(from, to),
        ) {
            let (va, vb) = (fmt::num(a.yuan_billion), fmt::num(b.yuan_billion));
            rows.push(SourceRow::derived(
                format!("rural online retail sales, {to} as a multiple of {from}"),
                format!("{}×", fmt::dec1(factor)),
                &self.sales.wording_source,
                format!("{vb} ÷ {va}"),
            ));
            rows.push(SourceRow::derived(
                format!("rural online retail sales, compound growth {from}–{to}"),
                format!("{} % a year", fmt::dec1(cagr)),
                &self.sales.wording_source,
                format!("({vb} ÷ {va})^(1/{}) − 1", to - from),
            ));
        }
        rows.push(SourceRow::stated(
            format!("rural online retail sales, {from}–{to}, MOFCOM's wording"),
            self.sales.wording.clone(),
            Confidence::V,
            &self.sales.wording_source,
        ));

        let w = &self.world;
        for i in &w.individuals {
            rows.push(SourceRow::from_data(
                format!(
                    "individuals using the Internet, {} ({})",
                    i.group, i.edition
                ),
                i.wording.clone(),
                i.confidence,
                &i.source,
                i.derivation.as_ref(),
            ));
        }
        for hh in &w.households {
            rows.push(SourceRow::from_data(
                format!(
                    "households with Internet at home, {}, urban vs rural ({})",
                    hh.group, hh.edition
                ),
                format!(
                    "{} % vs {} %",
                    fmt::num(hh.urban_pct),
                    fmt::num(hh.rural_pct)
                ),
                hh.confidence,
                &hh.source,
                hh.derivation.as_ref(),
            ));
        }
        for r in &w.household_ratio {
            rows.push(SourceRow::from_data(
                format!(
                    "households with Internet at home, {} ({})",
                    r.group, r.edition
                ),
                r.wording.clone(),
                r.confidence,
                &r.source,
                r.derivation.as_ref(),
            ));
        }

        for (n, q) in self.quotes.iter().enumerate() {
            rows.push(SourceRow::stated(
                format!("quote {}: {}", n + 1, q.speaker),
                if q.reported {
                    "reported speech"
                } else {
                    "direct quote"
                }
                .to_string(),
                Confidence::V,
                &q.source,
            ));
        }
        rows
    }
}
