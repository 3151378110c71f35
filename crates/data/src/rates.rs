//! Growth rates as the sources state them, against the ratio of the totals shown beside them.
//! MOFCOM's year-on-year rates are not always the ratio of the two totals it published
//! (2018: +30.4 %, while 1370 ÷ 1244.88 is +10.1 %); a view that shows both says so.

use crate::fmt::{self, dec1, num};
use crate::i18n::Strings;
use crate::model::{Report, SaleValue};

/// Which totals a rate sits beside: the report's years (billion yuan, sales.toml) or the
/// years since (trillion yuan, since.toml).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Totals {
    Billion,
    Trillion,
}

/// One stated growth rate with the two totals it can be checked against.
#[derive(Debug, Clone, PartialEq)]
pub struct ReportedRate {
    pub year: u16,
    /// The rate as the source states it, percent.
    pub stated_pct: f64,
    /// The year before and its total, in `totals`' unit.
    pub previous: (u16, f64),
    /// The year's own total, in `totals`' unit.
    pub total: f64,
    pub totals: Totals,
}

impl ReportedRate {
    /// The growth the two totals give, percent: total ÷ previous − 1.
    pub fn from_totals_pct(&self) -> f64 {
        (self.total / self.previous.1 - 1.0) * 100.0
    }

    /// Whether the stated rate and the ratio of the totals read differently at the stated
    /// rate's precision (one decimal): 39.1 beside 39.16 does, since 39.16 reads 39.2.
    pub fn disagrees(&self) -> bool {
        fmt::dec1(self.stated_pct) != fmt::dec1(self.from_totals_pct())
    }

    /// The stated rate as the data writes it, signed: "+30.4 %".
    pub fn stated(&self, s: &Strings) -> String {
        signed_pct(s, self.stated_pct, num)
    }

    /// The rate the totals give, to one decimal, signed: "+10.1 %".
    pub fn from_totals(&self, s: &Strings) -> String {
        signed_pct(s, self.from_totals_pct(), dec1)
    }

    /// The two totals as written beside the rate: (the year's, the year before's).
    pub fn totals_written(&self, s: &Strings) -> (String, String) {
        match self.totals {
            Totals::Billion => (s.billions(self.total), s.billions(self.previous.1)),
            Totals::Trillion => (num(self.total), num(self.previous.1)),
        }
    }
}

/// A growth rate with its sign in front: "+30.4 %", "−3.6 %".
pub fn signed_pct(s: &Strings, pct: f64, digits: fn(f64) -> String) -> String {
    let written = digits(pct.abs());
    let sign = if written.chars().all(|c| c == '0' || c == '.') {
        ""
    } else if pct < 0.0 {
        "−"
    } else {
        "+"
    };
    s.pct(&format!("{sign}{written}"))
}

impl Report {
    /// Every stated growth rate whose year and the year before both have a total in the
    /// data, in year order: the report's years, then the years since.
    pub fn reported_rates(&self) -> Vec<ReportedRate> {
        let mut out = Vec::new();
        let mut previous: Option<(u16, f64, Totals)> = None;
        for y in &self.sales.years {
            if let (Some(stated), Some((year, total, _))) = (y.change_pct, previous)
                && year + 1 == y.year
                && total > 0.0
            {
                out.push(ReportedRate {
                    year: y.year,
                    stated_pct: stated,
                    previous: (year, total),
                    total: y.yuan_billion,
                    totals: Totals::Billion,
                });
            }
            previous = Some((y.year, y.yuan_billion, Totals::Billion));
        }
        let last_report_year = self.sales.years.last().map_or(0, |y| y.year);
        for sale in self
            .since
            .sales
            .iter()
            .filter(|s| s.year > last_report_year)
        {
            let total = match sale.value() {
                SaleValue::Trillion(v) => Some(v),
                // "More than" and nothing published give no ratio to compare.
                SaleValue::MoreThan(_) | SaleValue::NotPublished => None,
            };
            if let (Some(stated), Some(total), Some((year, before, unit))) =
                (sale.change_pct, total, previous)
                && year + 1 == sale.year
                && before > 0.0
            {
                // The year before in trillion yuan, whichever file holds it.
                let before = match unit {
                    Totals::Billion => before / 1000.0,
                    Totals::Trillion => before,
                };
                out.push(ReportedRate {
                    year: sale.year,
                    stated_pct: stated,
                    previous: (year, before),
                    total,
                    totals: Totals::Trillion,
                });
            }
            previous = total.map(|t| (sale.year, t, Totals::Trillion));
        }
        out
    }

    /// The stated rates that the totals shown beside them do not give.
    pub fn rate_disagreements(&self) -> Vec<ReportedRate> {
        self.reported_rates()
            .into_iter()
            .filter(ReportedRate::disagrees)
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use crate::builtin;
    use crate::fmt::dec1;

    /// Every stated rate of the built-in data beside its totals: which years disagree and by
    /// how much, so a data edit that adds or mends one shows here.
    #[test]
    fn every_stated_rate_is_checked_against_its_totals() {
        let report = builtin().expect("built-in data");
        let checked: Vec<(u16, String, String, bool)> = report
            .reported_rates()
            .iter()
            .map(|r| {
                (
                    r.year,
                    dec1(r.stated_pct),
                    dec1(r.from_totals_pct()),
                    r.disagrees(),
                )
            })
            .collect();
        let row = |y, s: &str, t: &str, d| (y, s.to_string(), t.to_string(), d);
        assert_eq!(
            checked,
            [
                row(2017, "39.1", "39.2", true),
                row(2018, "30.4", "10.1", true),
                row(2021, "11.3", "14.5", true),
                row(2022, "3.6", "5.9", true),
                row(2023, "12.9", "14.7", true),
            ]
        );
        // 2025's +6.7 % has no total before it (2024 is not published) and is itself only
        // "more than": nothing to compare, so it is not listed.
        assert!(report.reported_rates().iter().all(|r| r.year != 2025));
    }

    #[test]
    fn a_rate_the_totals_give_is_not_a_disagreement() {
        let mut report = builtin().expect("built-in data");
        for y in &mut report.sales.years {
            if y.year == 2018 {
                y.change_pct = Some(10.1);
            }
        }
        let years: Vec<u16> = report.rate_disagreements().iter().map(|r| r.year).collect();
        assert_eq!(years, [2017, 2021, 2022, 2023]);
    }

    #[test]
    fn the_first_year_after_the_report_is_checked_against_the_last_report_year() {
        let mut report = builtin().expect("built-in data");
        for s in &mut report.since.sales {
            if s.year == 2020 {
                s.change_pct = Some(5.3);
            }
        }
        let rate = report
            .reported_rates()
            .into_iter()
            .find(|r| r.year == 2020)
            .expect("2020 against 2019");
        // 1.79 trillion against 2019's 1700 billion, in one unit.
        assert_eq!(rate.previous, (2019, 1.7));
        assert_eq!(dec1(rate.from_totals_pct()), "5.3");
        assert!(!rate.disagrees());
    }
}
