//! TOML → [`Report`]. The built-in files are compiled in, so the binary runs from anywhere.

use anyhow::{Context, Result, bail};
use serde::de::DeserializeOwned;

use super::model::{Headline, Penetration, QuoteFile, Report, Sales, World};

/// The data files, by name, as compiled into the binary.
pub const BUILTIN_FILES: [(&str, &str); 5] = [
    ("report.toml", include_str!("../../data/report.toml")),
    (
        "penetration.toml",
        include_str!("../../data/penetration.toml"),
    ),
    ("sales.toml", include_str!("../../data/sales.toml")),
    ("world.toml", include_str!("../../data/world.toml")),
    ("quotes.toml", include_str!("../../data/quotes.toml")),
];

/// The report from the built-in data files.
pub fn builtin() -> Result<Report> {
    from_files(
        |name| {
            BUILTIN_FILES
                .iter()
                .find(|(n, _)| *n == name)
                .map(|(_, text)| (*text).to_string())
                .with_context(|| format!("no built-in data file {name}"))
        },
        "data",
    )
}

/// Reads the five data files through `read` (by file name) and checks them; `dir` is the
/// folder named in errors.
pub fn from_files(read: impl Fn(&str) -> Result<String>, dir: &str) -> Result<Report> {
    let headline: Headline = parse(&read, dir, "report.toml")?;
    let penetration: Penetration = parse(&read, dir, "penetration.toml")?;
    let sales: Sales = parse(&read, dir, "sales.toml")?;
    let world: World = parse(&read, dir, "world.toml")?;
    let quotes: QuoteFile = parse(&read, dir, "quotes.toml")?;
    let report = Report {
        headline,
        penetration,
        sales,
        world,
        quotes: quotes.quotes,
    };
    check_references(&report, dir)?;
    Ok(report)
}

fn parse<T: DeserializeOwned>(
    read: &impl Fn(&str) -> Result<String>,
    dir: &str,
    name: &str,
) -> Result<T> {
    let path = format!("{dir}/{name}");
    let text = read(name).with_context(|| format!("reading {path}"))?;
    toml::from_str(&text).map_err(|e| anyhow::anyhow!("{path}: {e}"))
}

/// The headline names a period, two years and a quote; each must exist, so no view ever
/// indexes past the data.
fn check_references(report: &Report, dir: &str) -> Result<()> {
    let h = &report.headline;
    if report.penetration.periods.is_empty() {
        bail!("{dir}/penetration.toml: no [[period]] found; at least one is needed");
    }
    if report.sales.years.is_empty() {
        bail!("{dir}/sales.toml: no [[year]] found; at least one is needed");
    }
    if report.quotes.is_empty() {
        bail!("{dir}/quotes.toml: no [[quote]] found; at least one is needed");
    }
    if !report
        .penetration
        .periods
        .iter()
        .any(|p| p.period == h.period)
    {
        bail!(
            "{dir}/report.toml: period \"{}\" is not a period in penetration.toml",
            h.period
        );
    }
    for year in [h.sales_from, h.sales_to] {
        if report.sales.year(year).is_none() {
            bail!("{dir}/report.toml: year {year} is not a year in sales.toml");
        }
    }
    if h.sales_from >= h.sales_to {
        bail!(
            "{dir}/report.toml: sales_from ({}) must be before sales_to ({})",
            h.sales_from,
            h.sales_to
        );
    }
    if h.headline_quote == 0 || h.headline_quote > report.quotes.len() {
        bail!(
            "{dir}/report.toml: headline_quote must be between 1 and {}, found {}",
            report.quotes.len(),
            h.headline_quote
        );
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn builtin_data_loads() {
        let report = builtin().expect("built-in data loads");
        assert_eq!(report.penetration.periods.len(), 6);
        assert_eq!(report.sales.years.len(), 6);
        assert_eq!(report.world.figure_count(), 6);
        assert_eq!(report.quotes.len(), 8);
    }

    #[test]
    fn builtin_files_match_data_folder() {
        for (name, text) in BUILTIN_FILES {
            let on_disk =
                std::fs::read_to_string(format!("{}/data/{name}", env!("CARGO_MANIFEST_DIR")))
                    .expect("data file exists");
            assert_eq!(on_disk, text, "{name}");
        }
    }

    #[test]
    fn unknown_key_is_an_error_naming_the_file() {
        let err = from_files(
            |name| {
                let text = BUILTIN_FILES.iter().find(|(n, _)| *n == name).unwrap().1;
                Ok(if name == "sales.toml" {
                    text.replace("wording =", "wordingg =")
                } else {
                    text.to_string()
                })
            },
            "mydata",
        )
        .unwrap_err();
        let msg = format!("{err:#}");
        assert!(msg.contains("mydata/sales.toml"), "{msg}");
        assert!(msg.contains("wordingg"), "{msg}");
    }

    #[test]
    fn headline_period_must_exist() {
        let err = from_files(
            |name| {
                let text = BUILTIN_FILES.iter().find(|(n, _)| *n == name).unwrap().1;
                Ok(if name == "report.toml" {
                    text.replace("period = \"Jun 2020\"", "period = \"Jun 2021\"")
                } else {
                    text.to_string()
                })
            },
            "data",
        )
        .unwrap_err();
        assert!(
            format!("{err:#}").contains("\"Jun 2021\" is not a period"),
            "{err:#}"
        );
    }
}
