//! Every figure the dashboard shows, with its source: the sources view and `check` read this.

use super::fmt;
use super::model::{Provenance, Report, SaleValue, Side};

/// One figure as the sources view lists it.
#[derive(Debug, Clone, PartialEq)]
pub struct SourceRow {
    pub figure: String,
    pub value: String,
    pub provenance: Provenance,
}

impl SourceRow {
    fn new(figure: String, value: String, provenance: &Provenance) -> Self {
        SourceRow {
            figure,
            value,
            provenance: provenance.clone(),
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
                // Of a D period, only the derived side is D; the other is stated.
                let provenance = if p.derived == Some(side) {
                    p.provenance.clone()
                } else {
                    Provenance::stated(&p.provenance.source)
                };
                rows.push(SourceRow::new(figure, value, &provenance));
            }
            let gap_how = format!("{} − {}", fmt::pct1(p.urban_pct), fmt::pct1(p.rural_pct));
            rows.push(SourceRow::new(
                format!("{}, urban–rural gap", p.period),
                format!("{} points", fmt::pct1(p.gap_pts())),
                &Provenance::derived(&p.provenance.source, gap_how),
            ));
        }
        for c in &self.penetration.changes {
            rows.push(SourceRow::new(
                c.label.clone(),
                format!("{} points", fmt::num(c.points)),
                &c.provenance,
            ));
        }

        let pv = &h.poor_villages;
        rows.push(SourceRow::new(
            pv.label.clone(),
            format!("{} %", fmt::num(pv.pct)),
            &pv.provenance,
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
            rows.push(SourceRow::new(
                format!("{}, rural online retail sales", y.year),
                value,
                &y.provenance,
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
            let source = &self.sales.wording_source;
            rows.push(SourceRow::new(
                format!("rural online retail sales, {to} as a multiple of {from}"),
                format!("{}×", fmt::dec1(factor)),
                &Provenance::derived(source, format!("{vb} ÷ {va}")),
            ));
            rows.push(SourceRow::new(
                format!("rural online retail sales, compound growth {from}–{to}"),
                format!("{} % a year", fmt::dec1(cagr)),
                &Provenance::derived(source, format!("({vb} ÷ {va})^(1/{}) − 1", to - from)),
            ));
        }
        rows.push(SourceRow::new(
            format!("rural online retail sales, {from}–{to}, MOFCOM's wording"),
            self.sales.wording.clone(),
            &Provenance::stated(&self.sales.wording_source),
        ));

        let w = &self.world;
        for i in &w.individuals {
            rows.push(SourceRow::new(
                format!(
                    "individuals using the Internet, {} ({})",
                    i.group, i.edition
                ),
                i.wording.clone(),
                &i.provenance,
            ));
        }
        for hh in &w.households {
            rows.push(SourceRow::new(
                format!(
                    "households with Internet at home, {}, urban vs rural ({})",
                    hh.group, hh.edition
                ),
                format!(
                    "{} % vs {} %",
                    fmt::num(hh.urban_pct),
                    fmt::num(hh.rural_pct)
                ),
                &hh.provenance,
            ));
        }
        for r in &w.household_ratio {
            rows.push(SourceRow::new(
                format!(
                    "households with Internet at home, {} ({})",
                    r.group, r.edition
                ),
                r.wording.clone(),
                &r.provenance,
            ));
        }

        self.since_rows(&mut rows);

        for (n, q) in self.quotes.iter().enumerate() {
            rows.push(SourceRow::new(
                format!("quote {}: {}", n + 1, q.speaker),
                if q.reported {
                    "reported speech"
                } else {
                    "direct quote"
                }
                .to_string(),
                &Provenance::stated(&q.source),
            ));
        }
        rows
    }
}

impl Report {
    /// The figures of the view "Since the report" that no earlier view shows: national rates,
    /// rural and urban rates after December 2020, sales after 2019, and the two firsts.
    fn since_rows(&self, rows: &mut Vec<SourceRow>) {
        let s = &self.since;
        for p in &s.periods {
            let figures = [
                ("rural", Some(&p.rural)),
                ("national", Some(&p.national)),
                ("urban", p.urban.as_ref()),
            ];
            for (name, figure) in figures {
                let Some(figure) = figure else { continue };
                let row = SourceRow::new(
                    format!("{}, {name} Internet penetration", p.period),
                    format!("{} %", fmt::pct1(figure.pct)),
                    &figure.provenance,
                );
                // Jun and Dec 2020 are in the report's series too: listed once.
                if !rows
                    .iter()
                    .any(|r| r.figure == row.figure && r.value == row.value)
                {
                    rows.push(row);
                }
            }
        }
        for sale in &s.sales {
            let Some(provenance) = &sale.provenance else {
                continue;
            };
            let change = sale
                .change_pct
                .map(|c| format!(" (+{} %)", fmt::num(c)))
                .unwrap_or_default();
            let value = match sale.value() {
                SaleValue::Trillion(v) => format!("{} tn yuan{change}", fmt::num(v)),
                SaleValue::MoreThan(v) => format!(
                    "{}{change}",
                    sale.wording
                        .clone()
                        .unwrap_or_else(|| format!("more than {} trillion", fmt::num(v)))
                ),
                SaleValue::NotPublished => continue,
            };
            rows.push(SourceRow::new(
                format!("{}, rural online retail sales", sale.year),
                value,
                provenance,
            ));
        }
        let firsts = [
            (
                self.penetration.rural_passed_half(),
                "rural penetration passed one half",
                "%",
            ),
            (
                self.penetration.gap_below_25(),
                "urban–rural gap fell below 25 points",
                "points",
            ),
        ];
        for (milestone, what, unit) in firsts {
            if let Some(m) = milestone {
                rows.push(SourceRow::new(
                    format!("{}, {what} (first time in this series)", m.period),
                    format!("{} {unit}", fmt::pct1(m.value)),
                    &Provenance::derived(m.source, m.derivation),
                ));
            }
        }
    }
}
