//! A [`Report`] written back as the five data files, in the shape the loader reads: each
//! figure's provenance (`confidence`, `derivation`, `source`) as plain keys of its own
//! table. Tests build data from structs with this instead of writing TOML by hand.

use toml::{Table, Value};

use super::load::{PROVENANCE_KEYS, figure_tables};
use super::model::{QuoteFile, Report};

/// The files as (name, TOML text), in the order of [`super::BUILTIN_FILES`].
pub fn files(report: &Report) -> Result<Vec<(&'static str, String)>, toml::ser::Error> {
    let quotes = QuoteFile {
        quotes: report.quotes.clone(),
    };
    let tables = [
        ("report.toml", Table::try_from(&report.headline)?),
        ("penetration.toml", Table::try_from(&report.penetration)?),
        ("sales.toml", Table::try_from(&report.sales)?),
        ("world.toml", Table::try_from(&report.world)?),
        ("quotes.toml", Table::try_from(&quotes)?),
    ];
    tables
        .into_iter()
        .map(|(name, mut table)| {
            flatten_provenance(&mut table, name);
            Ok((name, toml::to_string(&table)?))
        })
        .collect()
}

/// The loader's nesting undone: each figure table's `provenance` keys moved up into it.
fn flatten_provenance(root: &mut Table, file: &str) {
    for name in figure_tables(file) {
        match root.get_mut(*name) {
            Some(Value::Array(items)) => {
                for item in items {
                    if let Value::Table(table) = item {
                        flatten(table);
                    }
                }
            }
            Some(Value::Table(table)) => flatten(table),
            _ => {}
        }
    }
}

fn flatten(table: &mut Table) {
    if let Some(Value::Table(provenance)) = table.remove("provenance") {
        for key in PROVENANCE_KEYS {
            if let Some(value) = provenance.get(key) {
                table.insert(key.to_string(), value.clone());
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::data::builtin;
    use crate::data::load::load;

    #[test]
    fn the_built_in_report_written_out_reads_back_the_same() {
        let report = builtin().expect("built-in data");
        let files = files(&report).expect("serializes");
        let read = |name: &str| -> std::io::Result<Vec<u8>> {
            files
                .iter()
                .find(|(n, _)| *n == name)
                .map(|(_, text)| text.clone().into_bytes())
                .ok_or_else(|| std::io::ErrorKind::NotFound.into())
        };
        let again = load(read, "written").unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(again, report);
        let penetration = &files[1].1;
        assert!(penetration.contains("confidence = \"V\""), "{penetration}");
        assert!(!penetration.contains("provenance"), "{penetration}");
    }
}
