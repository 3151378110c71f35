//! A [`Report`] written back as the data files, in the shape the loader reads: each
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
        ("since.toml", Table::try_from(&report.since)?),
        ("i18n/en.toml", Table::try_from(&report.i18n.en)?),
        ("i18n/zh.toml", Table::try_from(&report.i18n.zh)?),
        ("notes.toml", Table::try_from(&report.notes)?),
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
    for path in figure_tables(file) {
        let keys: Vec<&str> = path.split('.').collect();
        flatten_at(root, &keys);
    }
}

/// Follows `keys` down from `table`, through every table of an array, and flattens the
/// tables at the end.
fn flatten_at(table: &mut Table, keys: &[&str]) {
    let Some((first, rest)) = keys.split_first() else {
        return;
    };
    let tables: Vec<&mut Table> = match table.get_mut(*first) {
        Some(Value::Array(items)) => items
            .iter_mut()
            .filter_map(|item| match item {
                Value::Table(t) => Some(t),
                _ => None,
            })
            .collect(),
        Some(Value::Table(t)) => vec![t],
        _ => Vec::new(),
    };
    for t in tables {
        if rest.is_empty() {
            flatten(t);
        } else {
            flatten_at(t, rest);
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
    use crate::builtin;
    use crate::load::load;

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
