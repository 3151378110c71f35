//! The data behind the views as tables: each view's figures as the data files hold them, for
//! the HTML page (as text a reader copies and a screen reader reads) and as a CSV file each,
//! as Our World in Data offers the data of its charts. Numbers are the data's own values
//! (the shortest decimal that is the same number, never rounded again), a missing value is
//! empty, and every row names its source. Columns are named as the data files name their
//! fields, so a table reads back against the file it came from.

use gapdash_app::view::View;
use gapdash_data::clean::clean;
use gapdash_data::{Provenance, Report, SourceRow, Strings};

/// One table: the CSV file it is written to, and its columns and rows.
#[derive(Debug, Clone, PartialEq)]
pub struct Table {
    /// The CSV file's name without `.csv`: `penetration`, `since-sales`.
    pub name: &'static str,
    pub columns: Vec<&'static str>,
    pub rows: Vec<Vec<String>>,
}

impl Table {
    pub fn file(&self) -> String {
        format!("{}.csv", self.name)
    }

    /// The table as CSV (RFC 4180): a header row, then a row per record, every line ended
    /// with CRLF; a field with a comma, a quote or a line break is quoted.
    pub fn csv(&self) -> String {
        let mut out = String::new();
        let mut line = |fields: &mut dyn Iterator<Item = &str>| {
            let fields: Vec<String> = fields.map(field).collect();
            out.push_str(&fields.join(","));
            out.push_str("\r\n");
        };
        line(&mut self.columns.iter().copied());
        for row in &self.rows {
            line(&mut row.iter().map(String::as_str));
        }
        out
    }
}

fn field(text: &str) -> String {
    if text.contains([',', '"', '\n', '\r']) {
        format!("\"{}\"", text.replace('"', "\"\""))
    } else {
        text.to_string()
    }
}

/// A number as the data holds it: the shortest decimal that reads back as the same number.
fn number(value: f64) -> String {
    format!("{value}")
}

fn maybe(value: Option<f64>) -> String {
    value.map(number).unwrap_or_default()
}

/// Text from the data, with control characters shown as symbols, as every output does.
fn text(value: &str) -> String {
    clean(value).into_owned()
}

/// A figure's confidence, derivation and source, the last three columns of most tables.
fn known(p: &Provenance) -> [String; 3] {
    [
        p.confidence.letter().to_string(),
        p.derivation.as_deref().map(text).unwrap_or_default(),
        text(&p.source),
    ]
}

const KNOWN: [&str; 3] = ["confidence", "derivation", "source"];

fn columns<const N: usize>(own: [&'static str; N]) -> Vec<&'static str> {
    own.into_iter().chain(KNOWN).collect()
}

fn row<const N: usize>(own: [String; N], p: &Provenance) -> Vec<String> {
    own.into_iter().chain(known(p)).collect()
}

/// The names of [`of`]'s tables for `view`, whatever the data holds: a table with no rows
/// is written with its header alone.
pub fn names(view: View) -> &'static [&'static str] {
    match view {
        View::Overview => &["overview"],
        View::Penetration => &["penetration", "penetration-changes"],
        View::Sales => &["sales"],
        View::Quotes => &["quotes"],
        View::World => &[
            "world-households",
            "world-household-ratio",
            "world-individuals",
        ],
        View::Since => &["since-penetration", "since-sales"],
        View::Sources => &["sources"],
    }
}

/// The tables of `view`'s figures, in the order the view shows them.
pub fn of(report: &Report, view: View, rows: &[SourceRow], words: &Strings) -> Vec<Table> {
    match view {
        View::Overview => vec![overview(report)],
        View::Penetration => penetration(report),
        View::Sales => vec![sales(report)],
        View::Quotes => vec![quotes(report, words)],
        View::World => world(report),
        View::Since => since(report),
        View::Sources => vec![sources(rows)],
    }
}

/// The overview's stated figures: urban and rural in the report's period, poor villages
/// online, and rural online sales in the first and last year of the report's range. What
/// it derives from them (the gap, the ratio) is in the sources table, with the arithmetic.
fn overview(report: &Report) -> Table {
    let h = &report.headline;
    let mut rows = Vec::new();
    if let Some(p) = report
        .penetration
        .periods
        .iter()
        .find(|p| p.period == h.period)
    {
        for (figure, pct) in [("urban_pct", p.urban_pct), ("rural_pct", p.rural_pct)] {
            rows.push(row(
                [
                    figure.to_string(),
                    number(pct),
                    "%".to_string(),
                    text(&p.period),
                ],
                &p.provenance,
            ));
        }
    }
    let villages = &h.poor_villages;
    rows.push(row(
        [
            text(&villages.label),
            number(villages.pct),
            "%".to_string(),
            text(&h.period),
        ],
        &villages.provenance,
    ));
    for y in report
        .sales
        .years
        .iter()
        .filter(|y| y.year == h.sales_from || y.year == h.sales_to)
    {
        rows.push(row(
            [
                "rural_online_retail_sales".to_string(),
                number(y.yuan_billion),
                "billion yuan".to_string(),
                y.year.to_string(),
            ],
            &y.provenance,
        ));
    }
    Table {
        name: "overview",
        columns: columns(["figure", "value", "unit", "period"]),
        rows,
    }
}

fn penetration(report: &Report) -> Vec<Table> {
    let p = &report.penetration;
    let periods = Table {
        name: "penetration",
        columns: columns(["period", "report", "urban_pct", "rural_pct", "derived"]),
        rows: p
            .periods
            .iter()
            .map(|p| {
                let derived = match p.derived {
                    Some(gapdash_data::Side::Urban) => "urban",
                    Some(gapdash_data::Side::Rural) => "rural",
                    None => "",
                };
                row(
                    [
                        text(&p.period),
                        text(&p.report),
                        number(p.urban_pct),
                        number(p.rural_pct),
                        derived.to_string(),
                    ],
                    &p.provenance,
                )
            })
            .collect(),
    };
    let changes = Table {
        name: "penetration-changes",
        columns: columns(["label", "points"]),
        rows: p
            .changes
            .iter()
            .map(|c| row([text(&c.label), number(c.points)], &c.provenance))
            .collect(),
    };
    vec![periods, changes]
}

fn sales(report: &Report) -> Table {
    Table {
        name: "sales",
        columns: columns(["year", "yuan_billion", "usd_billion_about", "note"]),
        rows: report
            .sales
            .years
            .iter()
            .map(|y| {
                row(
                    [
                        y.year.to_string(),
                        number(y.yuan_billion),
                        maybe(y.usd_billion_about),
                        y.note.as_deref().map(text).unwrap_or_default(),
                    ],
                    &y.provenance,
                )
            })
            .collect(),
    }
}

/// The quotes in the words they were said in; the source as the data names it.
fn quotes(report: &Report, words: &Strings) -> Table {
    Table {
        name: "quotes",
        columns: vec!["text", "speaker", "source", "reported"],
        rows: report
            .quotes
            .iter()
            .map(|q| {
                vec![
                    text(&q.text),
                    text(words.term(&q.speaker)),
                    text(words.term(&q.source)),
                    q.reported.to_string(),
                ]
            })
            .collect(),
    }
}

fn world(report: &Report) -> Vec<Table> {
    let w = &report.world;
    vec![
        Table {
            name: "world-households",
            columns: columns(["group", "urban_pct", "rural_pct", "edition"]),
            rows: w
                .households
                .iter()
                .map(|h| {
                    row(
                        [
                            text(&h.group),
                            number(h.urban_pct),
                            number(h.rural_pct),
                            text(&h.edition),
                        ],
                        &h.provenance,
                    )
                })
                .collect(),
        },
        Table {
            name: "world-household-ratio",
            columns: columns(["group", "urban_to_rural", "wording", "edition"]),
            rows: w
                .household_ratio
                .iter()
                .map(|h| {
                    row(
                        [
                            text(&h.group),
                            number(h.urban_to_rural),
                            text(&h.wording),
                            text(&h.edition),
                        ],
                        &h.provenance,
                    )
                })
                .collect(),
        },
        Table {
            name: "world-individuals",
            columns: columns(["group", "pct", "wording", "edition"]),
            rows: w
                .individuals
                .iter()
                .map(|i| {
                    row(
                        [
                            text(&i.group),
                            number(i.pct),
                            text(&i.wording),
                            text(&i.edition),
                        ],
                        &i.provenance,
                    )
                })
                .collect(),
        },
    ]
}

fn since(report: &Report) -> Vec<Table> {
    let s = &report.since;
    let mut penetration_columns = vec!["period", "report"];
    for side in ["rural", "national", "urban"] {
        penetration_columns.extend(match side {
            "rural" => [
                "rural_pct",
                "rural_confidence",
                "rural_derivation",
                "rural_source",
            ],
            "national" => [
                "national_pct",
                "national_confidence",
                "national_derivation",
                "national_source",
            ],
            _ => [
                "urban_pct",
                "urban_confidence",
                "urban_derivation",
                "urban_source",
            ],
        });
    }
    let figure = |f: Option<&gapdash_data::Figure>| -> [String; 4] {
        match f {
            Some(f) => {
                let [c, d, s] = known(&f.provenance);
                [number(f.pct), c, d, s]
            }
            None => Default::default(),
        }
    };
    let periods = Table {
        name: "since-penetration",
        columns: penetration_columns,
        rows: s
            .periods
            .iter()
            .map(|p| {
                [text(&p.period), text(&p.report)]
                    .into_iter()
                    .chain(figure(Some(&p.rural)))
                    .chain(figure(Some(&p.national)))
                    .chain(figure(p.urban.as_ref()))
                    .collect()
            })
            .collect(),
    };
    let sales = Table {
        name: "since-sales",
        columns: columns([
            "year",
            "yuan_trillion",
            "more_than_trillion",
            "change_pct",
            "not_published",
            "wording",
            "note",
        ]),
        rows: s
            .sales
            .iter()
            .map(|y| {
                [
                    y.year.to_string(),
                    maybe(y.yuan_trillion),
                    maybe(y.more_than_trillion),
                    maybe(y.change_pct),
                    y.not_published.to_string(),
                    y.wording.as_deref().map(text).unwrap_or_default(),
                    y.note.as_deref().map(text).unwrap_or_default(),
                ]
                .into_iter()
                .chain(y.provenance.as_ref().map(known).unwrap_or_default())
                .collect()
            })
            .collect(),
    };
    vec![periods, sales]
}

/// Every figure shown anywhere, as the Sources view lists it, in the handout's language.
fn sources(rows: &[SourceRow]) -> Table {
    Table {
        name: "sources",
        columns: columns(["figure", "value"]),
        rows: rows
            .iter()
            .map(|r| row([text(&r.figure), text(&r.value)], &r.provenance))
            .collect(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fields_with_commas_quotes_or_line_breaks_are_quoted() {
        let table = Table {
            name: "t",
            columns: vec!["a", "b"],
            rows: vec![
                vec!["1,5".into(), "say \"hi\"\nthen".into()],
                vec!["".into(), "plain".into()],
            ],
        };
        assert_eq!(
            table.csv(),
            "a,b\r\n\"1,5\",\"say \"\"hi\"\"\nthen\"\r\n,plain\r\n"
        );
    }

    #[test]
    fn every_views_tables_are_named_as_names_says() {
        let report = gapdash_data::builtin().expect("built-in data");
        let words = report.i18n.get(gapdash_data::Lang::En);
        let rows = report.source_rows(words);
        for view in View::ALL {
            let made: Vec<&str> = of(&report, view, &rows, words)
                .iter()
                .map(|t| t.name)
                .collect();
            assert_eq!(made, names(view), "{view:?}");
            for table in of(&report, view, &rows, words) {
                assert!(!table.rows.is_empty(), "{}", table.name);
                for row in &table.rows {
                    assert_eq!(row.len(), table.columns.len(), "{}", table.name);
                }
            }
        }
    }

    #[test]
    fn numbers_are_the_datas_own() {
        assert_eq!(number(1244.88), "1244.88");
        assert_eq!(number(1370.0), "1370");
        assert_eq!(number(0.1 + 0.2), "0.30000000000000004");
        assert_eq!(maybe(None), "");
    }
}
