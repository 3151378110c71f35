//! Every figure the dashboard shows, with its source: the sources view and `check` read this.

use super::fmt::{dec1, num, pct1};
use super::i18n::Strings;
use super::model::{Provenance, Report, SaleValue, Side};
use super::rates::Totals;

/// One figure as the sources view lists it, in the language it was built in.
#[derive(Debug, Clone, PartialEq)]
pub struct SourceRow {
    pub figure: String,
    pub value: String,
    pub provenance: Provenance,
}

/// The rows being built, in one language: the data's own texts (sources, derivations) are
/// put in that language as each row is added.
struct Rows<'a> {
    s: &'a Strings,
    rows: Vec<SourceRow>,
}

impl Rows<'_> {
    fn push(&mut self, figure: String, value: String, provenance: &Provenance) {
        let s = self.s;
        self.rows.push(SourceRow {
            figure,
            value,
            provenance: Provenance {
                confidence: provenance.confidence,
                derivation: provenance
                    .derivation
                    .as_deref()
                    .map(|how| s.term(how).to_string()),
                source: s.term(&provenance.source).to_string(),
            },
        });
    }
}

impl Report {
    /// All figures in the order the views show them, in the language of `s`. Built at load
    /// and when the language changes.
    pub fn source_rows(&self, s: &Strings) -> Vec<SourceRow> {
        let mut out = Rows {
            s,
            rows: Vec::new(),
        };
        let f = &s.figures;
        let h = &self.headline;

        for p in &self.penetration.periods {
            let period = s.period(&p.period);
            for (side, name, pct) in [
                (Side::Urban, &f.urban_penetration, p.urban_pct),
                (Side::Rural, &f.rural_penetration, p.rural_pct),
            ] {
                // Of a D period, only the derived side is D; the other is stated.
                let provenance = if p.derived == Some(side) {
                    p.provenance.clone()
                } else {
                    Provenance::stated(&p.provenance.source)
                };
                out.push(
                    name.fill(&[("period", &period)]),
                    s.pct(&pct1(pct)),
                    &provenance,
                );
            }
            let gap_how = format!("{} − {}", pct1(p.urban_pct), pct1(p.rural_pct));
            out.push(
                f.gap.fill(&[("period", &period)]),
                s.points(&pct1(p.gap_pts())),
                &Provenance::derived(&p.provenance.source, gap_how),
            );
        }
        for c in &self.penetration.changes {
            out.push(
                s.term(&c.label).to_string(),
                s.points(&num(c.points)),
                &c.provenance,
            );
        }

        let pv = &h.poor_villages;
        out.push(
            s.term(&pv.label).to_string(),
            s.pct(&num(pv.pct)),
            &pv.provenance,
        );

        for y in &self.sales.years {
            let mut value = f.sales_value.fill(&[("n", &s.billions(y.yuan_billion))]);
            // The overview writes whole hundreds of billions as trillions; say so here too.
            let words = s.yuan(y.yuan_billion);
            let billions = s
                .numbers
                .billion
                .fill(&[("n", &s.billions(y.yuan_billion))]);
            if words != billions {
                value.push_str(&f.equals.fill(&[("words", &words)]));
            }
            if let Some(usd) = y.usd_billion_about {
                value.push_str(&f.usd.fill(&[("n", &s.billions(usd))]));
            }
            if let Some(change) = y.change_pct {
                value.push_str(&f.change.fill(&[("n", &num(change))]));
            }
            if let Some(note) = &y.note {
                value.push_str(&f.note.fill(&[("note", &s.term(note))]));
            }
            out.push(f.sales.fill(&[("year", &y.year)]), value, &y.provenance);
        }
        self.rate_rows(&mut out, Totals::Billion);
        let (from, to) = (h.sales_from, h.sales_to);
        if let (Some(a), Some(b), Some(factor), Some(cagr)) = (
            self.sales.year(from),
            self.sales.year(to),
            self.sales.growth_factor(from, to),
            self.sales.compound_growth_pct(from, to),
        ) {
            let (va, vb) = (num(a.yuan_billion), num(b.yuan_billion));
            let source = &self.sales.wording_source;
            let years: &[(&str, &dyn std::fmt::Display)] = &[("from", &from), ("to", &to)];
            out.push(
                f.growth_factor.fill(years),
                s.times(&dec1(factor)),
                &Provenance::derived(source, format!("{vb} ÷ {va}")),
            );
            out.push(
                f.growth_rate.fill(years),
                f.per_year.fill(&[("n", &dec1(cagr))]),
                &Provenance::derived(source, format!("({vb} ÷ {va})^(1/{}) − 1", to - from)),
            );
        }
        out.push(
            f.growth_wording.fill(&[("from", &from), ("to", &to)]),
            s.term(&self.sales.wording).to_string(),
            &Provenance::stated(&self.sales.wording_source),
        );

        let w = &self.world;
        for i in &w.individuals {
            out.push(
                f.individuals.fill(&[
                    ("group", &s.term(&i.group)),
                    ("edition", &s.term(&i.edition)),
                ]),
                s.term(&i.wording).to_string(),
                &i.provenance,
            );
        }
        for hh in &w.households {
            out.push(
                f.households.fill(&[
                    ("group", &s.term(&hh.group)),
                    ("edition", &s.term(&hh.edition)),
                ]),
                f.households_value.fill(&[
                    ("urban", &s.pct(&num(hh.urban_pct))),
                    ("rural", &s.pct(&num(hh.rural_pct))),
                ]),
                &hh.provenance,
            );
        }
        for r in &w.household_ratio {
            out.push(
                f.household_ratio.fill(&[
                    ("group", &s.term(&r.group)),
                    ("edition", &s.term(&r.edition)),
                ]),
                s.term(&r.wording).to_string(),
                &r.provenance,
            );
        }

        self.since_rows(&mut out);

        for (n, q) in self.quotes.iter().enumerate() {
            out.push(
                f.quote
                    .fill(&[("n", &(n + 1)), ("speaker", &s.term(&q.speaker))]),
                if q.reported { &f.reported } else { &f.direct }.clone(),
                &Provenance::stated(&q.source),
            );
        }
        out.rows
    }

    /// For each stated growth rate that the totals shown do not give, the rate the totals
    /// give (D), with the stated one and the source's silence on why beside it.
    fn rate_rows(&self, out: &mut Rows, totals: Totals) {
        let s = out.s;
        let f = &s.figures;
        for r in self.rate_disagreements() {
            if r.totals != totals {
                continue;
            }
            let source = match totals {
                Totals::Billion => self.sales.year(r.year).map(|y| y.provenance.source.clone()),
                Totals::Trillion => self
                    .since
                    .sales
                    .iter()
                    .find(|sale| sale.year == r.year)
                    .and_then(|sale| sale.provenance.as_ref())
                    .map(|p| p.source.clone()),
            };
            let (total, before) = r.totals_written(s);
            let how = f.rate_how.fill(&[
                ("total", &total),
                ("before", &before),
                ("stated", &r.stated(s)),
            ]);
            out.push(
                f.rate
                    .fill(&[("year", &r.year), ("previous", &r.previous.0)]),
                r.from_totals(s),
                &Provenance::derived(source.unwrap_or_default(), how),
            );
        }
    }

    /// The figures of the view "Since the report" that no earlier view shows: national rates,
    /// rural and urban rates after December 2020, sales after 2019, and the two firsts.
    fn since_rows(&self, out: &mut Rows) {
        let s = out.s;
        let f = &s.figures;
        for p in &self.since.periods {
            let period = s.period(&p.period);
            let figures = [
                (&f.rural_penetration, Some(&p.rural)),
                (&f.national_penetration, Some(&p.national)),
                (&f.urban_penetration, p.urban.as_ref()),
            ];
            for (name, figure) in figures {
                let Some(figure) = figure else { continue };
                let (name, value) = (name.fill(&[("period", &period)]), s.pct(&pct1(figure.pct)));
                // Jun and Dec 2020 are in the report's series too: listed once.
                if !out
                    .rows
                    .iter()
                    .any(|r| r.figure == name && r.value == value)
                {
                    out.push(name, value, &figure.provenance);
                }
            }
        }
        for sale in &self.since.sales {
            let Some(provenance) = &sale.provenance else {
                continue;
            };
            let change = sale
                .change_pct
                .map(|c| f.change.fill(&[("n", &num(c))]))
                .unwrap_or_default();
            let value = match sale.value() {
                SaleValue::Trillion(v) => f.sales_trillion_value.fill(&[("n", &num(v))]) + &change,
                SaleValue::MoreThan(v) => {
                    let words = match &sale.wording {
                        Some(w) => s.term(w).to_string(),
                        None => f.more_than.fill(&[("n", &num(v))]),
                    };
                    words + &change
                }
                SaleValue::NotPublished => continue,
            };
            out.push(f.sales.fill(&[("year", &sale.year)]), value, provenance);
        }
        self.rate_rows(out, Totals::Trillion);
        if let Some(m) = self.penetration.rural_passed_half() {
            let mut how = f.passed_half_how.fill(&[("pct", &pct1(m.value))]);
            if let Some((pct, period)) = &m.earlier {
                how.push_str(
                    &f.passed_half_earlier
                        .fill(&[("pct", &pct1(*pct)), ("period", &s.period(period))]),
                );
            }
            out.push(
                f.passed_half.fill(&[("period", &s.period(&m.period))]),
                s.pct(&pct1(m.value)),
                &Provenance::derived(m.source, how),
            );
        }
        if let Some(m) = self.penetration.gap_below_25() {
            let (urban, rural) = m.urban_rural.unwrap_or_default();
            let mut how = f.gap_below_how.fill(&[
                ("urban", &pct1(urban)),
                ("rural", &pct1(rural)),
                ("gap", &pct1(m.value)),
            ]);
            if let Some((gap, period)) = &m.earlier {
                how.push_str(
                    &f.gap_below_earlier
                        .fill(&[("gap", &pct1(*gap)), ("period", &s.period(period))]),
                );
            }
            out.push(
                f.gap_below.fill(&[("period", &s.period(&m.period))]),
                s.points(&pct1(m.value)),
                &Provenance::derived(m.source, how),
            );
        }
    }
}

#[cfg(test)]
mod tests {
    use super::super::{Lang, builtin};

    #[test]
    fn rows_are_the_same_figures_in_both_languages() {
        let report = builtin().unwrap();
        let en = report.source_rows(report.i18n.get(Lang::En));
        let zh = report.source_rows(report.i18n.get(Lang::Zh));
        assert_eq!(en.len(), zh.len());
        for (e, z) in en.iter().zip(&zh) {
            assert_eq!(e.provenance.confidence, z.provenance.confidence, "{e:?}");
        }
        let find = |rows: &[super::SourceRow], figure: &str| {
            rows.iter()
                .find(|r| r.figure == figure)
                .map(|r| r.value.clone())
        };
        assert_eq!(
            find(&en, "Jun 2020, urban–rural gap").as_deref(),
            Some("24.1 points")
        );
        assert_eq!(
            find(&zh, "2020年6月城乡地区互联网普及率差异").as_deref(),
            Some("24.1个百分点")
        );
        assert_eq!(
            find(&zh, "2019年农村网络零售额").as_deref(),
            Some("17000亿元，即1.7万亿元（约2580亿美元）")
        );
    }
}
