//! Bytes → [`Report`]: decode, parse, clean the text, deserialize, validate. Every problem in
//! every file is collected, each with its file, line and column. The built-in files are
//! compiled in, so the binary runs from anywhere.

use std::collections::{HashMap, HashSet};
use std::io;
use std::ops::Range;

use serde::de::DeserializeOwned;
use toml::Spanned;
use toml::de::{DeTable, DeValue};

use super::clean::clean;
use super::doc::Doc;
use super::i18n::{I18n, Lang, Strings, placeholders};
use super::model::{Headline, Notes, Penetration, QuoteFile, Report, Sales, Since, World};
use super::problem::{LISTED_PER_FILE, LoadError, Problem, line_column};
use super::read::{ReadError, plain};
use super::validate;

/// The data files, by name, as compiled into the binary.
pub const BUILTIN_FILES: [(&str, &str); 9] = [
    ("report.toml", include_str!("../../../data/report.toml")),
    (
        "penetration.toml",
        include_str!("../../../data/penetration.toml"),
    ),
    ("sales.toml", include_str!("../../../data/sales.toml")),
    ("world.toml", include_str!("../../../data/world.toml")),
    ("quotes.toml", include_str!("../../../data/quotes.toml")),
    ("since.toml", include_str!("../../../data/since.toml")),
    ("notes.toml", include_str!("../../../data/notes.toml")),
    ("i18n/en.toml", include_str!("../../../data/i18n/en.toml")),
    ("i18n/zh.toml", include_str!("../../../data/i18n/zh.toml")),
];

/// Larger than any real data file by far; bigger files are refused before parsing.
pub const MAX_FILE_BYTES: usize = 1024 * 1024;

/// The report from the built-in data files, as build.rs parsed and checked them. (`check`
/// parses the files themselves: [`parse_builtin`].)
pub fn builtin() -> Result<Report, LoadError> {
    match super::compiled::report() {
        Some(report) => Ok(report),
        None => parse_builtin(),
    }
}

/// The built-in data files parsed and checked now, as `check` and build.rs do.
pub fn parse_builtin() -> Result<Report, LoadError> {
    load(builtin_bytes, "data")
}

/// The built-in files, with the first `from` in `file` replaced by `to`, read as a data folder
/// named `dir` would be: a user's edit, for tests and examples.
pub fn builtin_edited(file: &str, from: &str, to: &str, dir: &str) -> Result<Report, LoadError> {
    let read = |name: &str| {
        let bytes = builtin_bytes(name)?;
        Ok(if name == file {
            String::from_utf8_lossy(&bytes)
                .replacen(from, to, 1)
                .into_bytes()
        } else {
            bytes
        })
    };
    load(read, dir)
}

/// The built-in data with Dec 2018 rural penetration edited from 38.4 to 38.2, read as the
/// data folder `mydata`: the penetration view's notes still say the gap was 36.2, a figure
/// the data no longer holds. A stale note, for tests and examples.
pub fn builtin_with_stale_note() -> Report {
    builtin_edited(
        "penetration.toml",
        "rural_pct = 38.4",
        "rural_pct = 38.2",
        "mydata",
    )
    .expect("a stale note never refuses the data")
}

/// A built-in file's bytes, by name.
pub fn builtin_bytes(name: &str) -> io::Result<Vec<u8>> {
    BUILTIN_FILES
        .iter()
        .find(|(n, _)| *n == name)
        .map(|(_, text)| text.as_bytes().to_vec())
        .ok_or_else(|| io::Error::new(io::ErrorKind::NotFound, "no such built-in file"))
}

/// Reads the data files through `read` (by file name), as `dir/NAME` in messages, and
/// returns the report or every problem found.
pub fn load(read: impl Fn(&str) -> io::Result<Vec<u8>>, dir: &str) -> Result<Report, LoadError> {
    let mut problems = Vec::new();
    let p = &mut problems;
    let headline = file::<Headline>(&read, dir, "report.toml", p, validate::headline);
    let penetration = file::<Penetration>(&read, dir, "penetration.toml", p, validate::penetration);
    let sales = file::<Sales>(&read, dir, "sales.toml", p, validate::sales);
    let world = file::<World>(&read, dir, "world.toml", p, validate::world);
    let quotes = file::<QuoteFile>(&read, dir, "quotes.toml", p, validate::quotes);
    let since = file::<Since>(&read, dir, "since.toml", p, validate::since);
    // The notes are optional: a folder without notes.toml shows its data without them.
    let notes = match read("notes.toml") {
        Err(e) if e.kind() == io::ErrorKind::NotFound => Some(None),
        bytes => {
            let once = std::cell::Cell::new(Some(bytes));
            let read_once = |_: &str| once.take().unwrap_or_else(|| Ok(Vec::new()));
            file::<Notes>(&read_once, dir, "notes.toml", p, validate::notes).map(Some)
        }
    };
    let en = strings(&read, dir, Lang::En, p);
    let zh = strings(&read, dir, Lang::Zh, p);
    let (
        Some((headline, headline_doc)),
        Some(penetration),
        Some(sales),
        Some(world),
        Some(quotes),
        Some(since),
        Some(notes),
        Some(en),
        Some(zh),
    ) = (
        headline,
        penetration,
        sales,
        world,
        quotes,
        since,
        notes,
        en,
        zh,
    )
    else {
        return Err(LoadError { problems });
    };
    let (penetration, penetration_doc) = penetration;
    let (sales, sales_doc) = sales;
    let (since, since_doc) = since;
    let (notes, notes_doc) = notes.unzip();
    let mut report = Report {
        headline,
        penetration,
        sales,
        world: world.0,
        quotes: quotes.0.quotes,
        since,
        notes,
        i18n: I18n { en, zh },
        warnings: Vec::new(),
    };
    if problems.is_empty() {
        validate::references(&report, &headline_doc, &mut problems);
    }
    // A figure held in two files is the same in both, and each file keeps to its years.
    if problems.is_empty() {
        let docs = validate::Docs {
            headline: &headline_doc,
            penetration: &penetration_doc,
            sales: &sales_doc,
            since: &since_doc,
        };
        validate::agreement(&report, &docs, &mut problems);
    }
    // The notes are checked against figures the rest of the data has been found sound. A
    // note stating a figure the data no longer holds is stale: a warning, never a refusal,
    // so that a figure edited shows at once.
    if problems.is_empty()
        && let (Some(notes), Some(doc)) = (&report.notes, &notes_doc)
    {
        let mut warnings = Vec::new();
        let stale = validate::notes_agree(&report, notes, doc, &mut warnings);
        report.warnings = warnings;
        if let Some(notes) = &mut report.notes {
            notes.stale = stale;
        }
    }
    if problems.is_empty() {
        Ok(report)
    } else {
        Err(LoadError { problems })
    }
}

/// One language's strings. A data folder without them (one written before there were any)
/// uses the built-in ones.
fn strings(
    read: &impl Fn(&str) -> io::Result<Vec<u8>>,
    dir: &str,
    lang: Lang,
    problems: &mut Vec<Problem>,
) -> Option<Strings> {
    let read = |name: &str| match read(name) {
        Err(e) if e.kind() == io::ErrorKind::NotFound => builtin_bytes(name),
        other => other,
    };
    let allowed = places();
    let shape = |doc: &Doc, out: &mut Vec<Problem>| validate::shape(doc, &allowed, out);
    file_shaped(&read, dir, lang.file(), problems, validate::strings, &shape).map(|(s, _)| s)
}

/// Every key of the built-in language files, with the `{places}` its texts use in either.
fn places() -> std::collections::BTreeMap<String, Vec<String>> {
    let mut allowed = std::collections::BTreeMap::<String, Vec<String>>::new();
    for lang in Lang::ALL {
        let Ok(bytes) = builtin_bytes(lang.file()) else {
            continue;
        };
        let text = String::from_utf8_lossy(&bytes);
        let Ok(mut root) = DeTable::parse(&text) else {
            continue;
        };
        let mut spans = HashMap::new();
        clean_table(root.get_mut(), "", &mut spans);
        for (key, span) in spans {
            let names = allowed.entry(key).or_default();
            for place in placeholders(&text[span]) {
                if !names.iter().any(|n| n == place) {
                    names.push(place.to_string());
                }
            }
        }
    }
    allowed
}

/// Reads, decodes, parses, cleans and deserializes one file, then runs `check` on it.
/// Problems go to `problems`; `None` when the file could not be read into a `T` at all.
fn file<T: DeserializeOwned>(
    read: &impl Fn(&str) -> io::Result<Vec<u8>>,
    dir: &str,
    name: &str,
    problems: &mut Vec<Problem>,
    check: fn(&T, &Doc, &mut Vec<Problem>),
) -> Option<(T, Doc)> {
    file_shaped(read, dir, name, problems, check, &|_, _| {})
}

/// As [`file`], with `shape` checking the parsed file before it is read into a `T`: where
/// it finds problems, they are all reported and the file goes no further.
fn file_shaped<T: DeserializeOwned>(
    read: &impl Fn(&str) -> io::Result<Vec<u8>>,
    dir: &str,
    name: &str,
    problems: &mut Vec<Problem>,
    check: fn(&T, &Doc, &mut Vec<Problem>),
    shape: &dyn Fn(&Doc, &mut Vec<Problem>),
) -> Option<(T, Doc)> {
    let path = format!("{dir}/{name}");
    let bytes = match read(name) {
        Ok(bytes) => bytes,
        Err(e) if e.kind() == io::ErrorKind::NotFound => {
            problems.push(Problem::file(
                &path,
                "file not found (`gapdash init DIR` writes a complete set to start from)",
            ));
            return None;
        }
        Err(e) => {
            // The one reader's refusals say what they are; other errors say what failed.
            let message = match e
                .get_ref()
                .and_then(|inner| inner.downcast_ref::<ReadError>())
            {
                Some(refusal) => refusal.to_string(),
                None => format!("cannot read: {}", plain(&e)),
            };
            problems.push(Problem::file(&path, message));
            return None;
        }
    };
    let text = decode(&path, bytes).map_err(|p| problems.push(p)).ok()?;
    let mut spans = HashMap::new();
    let parsed = {
        let (mut root, errors) = DeTable::parse_recoverable(&text);
        if !errors.is_empty() {
            syntax_errors(&path, &text, errors, problems);
            return None;
        }
        clean_table(root.get_mut(), "", &mut spans);
        let doc = Doc {
            path: path.clone(),
            text: text.clone(),
            spans: spans.clone(),
        };
        let mut misshapen = Vec::new();
        shape(&doc, &mut misshapen);
        if !misshapen.is_empty() {
            misshapen.sort_by_key(in_order);
            problems.extend(misshapen);
            return None;
        }
        nest_provenance(root.get_mut(), name);
        T::deserialize(toml::de::Deserializer::from(root))
    };
    match parsed {
        Ok(value) => {
            let doc = Doc { path, text, spans };
            let first = problems.len();
            check(&value, &doc, problems);
            problems[first..].sort_by_key(in_order);
            Some((value, doc))
        }
        Err(e) => {
            let mut problem = Problem::toml(&path, &text, e);
            problem.message = unnest(&problem.message);
            problems.push(problem);
            None
        }
    }
}

/// A file's problems in the order of the file, the count of those not listed last.
fn in_order(p: &Problem) -> (bool, Option<(usize, usize)>) {
    (p.unlisted > 0, p.position)
}

/// The toml crate's errors, one per line: one error often sets off more on the same line,
/// and the first says it best. Past [`LISTED_PER_FILE`] lines they are only counted.
fn syntax_errors(
    path: &str,
    text: &str,
    errors: Vec<toml::de::Error>,
    problems: &mut Vec<Problem>,
) {
    let line_starts: Vec<usize> = text.match_indices('\n').map(|(at, _)| at).collect();
    let mut seen = HashSet::new();
    let mut unlisted = 0;
    for e in errors {
        let line = e
            .span()
            .map(|span| line_starts.partition_point(|&start| start < span.start));
        if !seen.insert(line) {
            continue;
        }
        if seen.len() <= LISTED_PER_FILE {
            problems.push(Problem::toml(path, text, e));
        } else {
            unlisted += 1;
        }
    }
    if unlisted > 0 {
        problems.push(Problem::unlisted(path, unlisted));
    }
}

/// The keys of a figure's table that say where it comes from: the [`Provenance`] shape.
///
/// [`Provenance`]: super::model::Provenance
pub const PROVENANCE_KEYS: [&str; 3] = ["confidence", "derivation", "source"];

/// The tables of each file that hold one figure each, and so its provenance keys, as paths
/// of keys (an array's tables are each visited): `period.rural` is the `rural` table of every
/// `[[period]]`.
pub fn figure_tables(file: &str) -> &'static [&'static str] {
    match file {
        "report.toml" => &["poor_villages"],
        "penetration.toml" => &["period", "change"],
        "sales.toml" => &["year"],
        "world.toml" => &["individuals", "households", "household_ratio"],
        "since.toml" => &["period.rural", "period.national", "period.urban", "sale"],
        _ => &[],
    }
}

/// Gathers each figure table's provenance keys into a `provenance` table, the shape the
/// model has. The values keep their places in the file, so errors still point at them.
fn nest_provenance(root: &mut DeTable<'_>, file: &str) {
    for path in figure_tables(file) {
        let keys: Vec<&str> = path.split('.').collect();
        nest_at(root, &keys);
    }
}

/// Follows `keys` down from `table`, through every table of an array, and nests the
/// provenance keys of the tables at the end.
fn nest_at(table: &mut DeTable<'_>, keys: &[&str]) {
    let Some((first, rest)) = keys.split_first() else {
        return;
    };
    let Some(value) = table.get_mut(*first) else {
        return;
    };
    let span = value.span();
    let tables: Vec<(&mut DeTable<'_>, Range<usize>)> = match value.get_mut() {
        DeValue::Array(items) => items
            .iter_mut()
            .filter_map(|item| {
                let span = item.span();
                match item.get_mut() {
                    DeValue::Table(t) => Some((t, span)),
                    _ => None,
                }
            })
            .collect(),
        DeValue::Table(t) => vec![(t, span)],
        _ => Vec::new(),
    };
    for (t, span) in tables {
        if rest.is_empty() {
            nest(t, span);
        } else {
            nest_at(t, rest);
        }
    }
}

fn nest(table: &mut DeTable<'_>, span: Range<usize>) {
    if table.contains_key("provenance") || !PROVENANCE_KEYS.iter().any(|k| table.contains_key(*k)) {
        // Already in the model's shape, or a table with no provenance at all (a year with
        // nothing published): left as it is.
        return;
    }
    let mut provenance = DeTable::new();
    for key in PROVENANCE_KEYS {
        if let Some((k, v)) = table.remove_entry(key) {
            provenance.insert(k, v);
        }
    }
    table.insert(
        Spanned::new(span.clone(), std::borrow::Cow::Borrowed("provenance")),
        Spanned::new(span, DeValue::Table(provenance)),
    );
}

/// A message about the model's shape put in the files' words: `provenance` is where the
/// loader gathered `confidence`, `derivation` and `source`, not a key anyone wrote.
fn unnest(message: &str) -> String {
    message
        .replace(".provenance.", ".")
        .replace(".provenance:", ":")
        .replace("`provenance`", "`confidence`, `derivation`, `source`")
}

/// Checks that `bytes` are a data file at all, and returns them as text.
fn decode(path: &str, bytes: Vec<u8>) -> Result<String, Problem> {
    if bytes.len() > MAX_FILE_BYTES {
        return Err(Problem::file(
            path,
            format!(
                "file is too large (over {} MB); a data file is a few kilobytes of TOML",
                MAX_FILE_BYTES / (1024 * 1024)
            ),
        ));
    }
    if let Some(at) = bytes.iter().position(|b| *b == 0) {
        let (line, column) = line_column(&String::from_utf8_lossy(&bytes[..at]), usize::MAX);
        return Err(Problem {
            position: Some((line, column)),
            ..Problem::file(
                path,
                "file is binary (it holds a NUL byte); expected TOML text",
            )
        });
    }
    let text = String::from_utf8(bytes).map_err(|e| {
        let valid = e.utf8_error().valid_up_to();
        let bytes = e.as_bytes();
        let (line, column) = line_column(&String::from_utf8_lossy(&bytes[..valid]), usize::MAX);
        Problem {
            position: Some((line, column)),
            ..Problem::file(
                path,
                format!(
                    "file is not UTF-8 text: byte 0x{:02X} is not valid UTF-8 here; save the file as UTF-8",
                    bytes[valid]
                ),
            )
        }
    })?;
    let text = match text.strip_prefix('\u{feff}') {
        Some(rest) => rest.to_string(),
        None => text,
    };
    if text.trim().is_empty() {
        return Err(Problem::file(
            path,
            "file is empty (`gapdash init DIR` writes a complete set to start from)",
        ));
    }
    Ok(text)
}

/// Cleans every string in `table` (see [`clean`]) and records each value's span by its path.
fn clean_table(table: &mut DeTable<'_>, prefix: &str, spans: &mut HashMap<String, Range<usize>>) {
    for (key, value) in table.iter_mut() {
        let path = if prefix.is_empty() {
            key.get_ref().to_string()
        } else {
            format!("{prefix}.{}", key.get_ref())
        };
        clean_value(value, path, spans);
    }
}

fn clean_value(
    value: &mut Spanned<DeValue<'_>>,
    path: String,
    spans: &mut HashMap<String, Range<usize>>,
) {
    spans.insert(path.clone(), value.span());
    match value.get_mut() {
        DeValue::String(s) => {
            if let std::borrow::Cow::Owned(cleaned) = clean(s) {
                *s = std::borrow::Cow::Owned(cleaned);
            }
        }
        DeValue::Array(items) => {
            for (i, item) in items.iter_mut().enumerate() {
                clean_value(item, format!("{path}.{i}"), spans);
            }
        }
        DeValue::Table(table) => clean_table(table, &path, spans),
        DeValue::Integer(_) | DeValue::Float(_) | DeValue::Boolean(_) | DeValue::Datetime(_) => {}
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The built-in files, with `edit` applied to the one called `name`.
    fn edited(
        name: &'static str,
        edit: impl Fn(&str) -> String,
    ) -> impl Fn(&str) -> io::Result<Vec<u8>> {
        move |file: &str| {
            let bytes = builtin_bytes(file)?;
            if file != name {
                return Ok(bytes);
            }
            Ok(edit(&String::from_utf8_lossy(&bytes)).into_bytes())
        }
    }

    fn problems(read: impl Fn(&str) -> io::Result<Vec<u8>>) -> Vec<String> {
        match load(read, "mydata") {
            Ok(_) => Vec::new(),
            Err(e) => e.problems.iter().map(Problem::headline).collect(),
        }
    }

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
            let on_disk = std::fs::read_to_string(format!(
                "{}/../../data/{name}",
                env!("CARGO_MANIFEST_DIR")
            ))
            .expect("data file exists");
            assert_eq!(on_disk, text, "{name}");
        }
    }

    #[test]
    fn unknown_key_names_file_line_and_key() {
        let found = problems(edited("sales.toml", |t| {
            t.replace("wording =", "wordingg =")
        }));
        assert_eq!(found.len(), 1, "{found:?}");
        assert!(
            found[0].starts_with("mydata/sales.toml:6:1: unknown field `wordingg`"),
            "{found:?}"
        );
    }

    #[test]
    fn out_of_range_percentage_points_at_the_value() {
        let found = problems(edited("penetration.toml", |t| {
            t.replace("rural_pct = 30.1", "rural_pct = 112.5")
        }));
        assert_eq!(
            found,
            ["mydata/penetration.toml:15:13: rural_pct must be between 0 and 100, found 112.5"]
        );
    }

    #[test]
    fn every_problem_in_every_file_is_reported() {
        let read = |name: &str| -> io::Result<Vec<u8>> {
            let text = String::from_utf8_lossy(&builtin_bytes(name)?).into_owned();
            Ok(match name {
                "penetration.toml" => text
                    .replace("rural_pct = 30.1", "rural_pct = -1")
                    .replace("urban_pct = 79.8", "urban_pct = 100.5"),
                "sales.toml" => text.replace("yuan_billion = 353", "yuan_billion = -353"),
                "quotes.toml" => text.replacen("speaker = \"Xinhua", "speaker = \" \" #", 1),
                _ => text,
            }
            .into_bytes())
        };
        let found = problems(read);
        assert_eq!(found.len(), 4, "{found:?}");
        assert!(
            found[0].starts_with("mydata/penetration.toml:15:"),
            "{found:?}"
        );
        assert!(
            found[1].starts_with("mydata/penetration.toml:56:"),
            "{found:?}"
        );
        assert!(found[2].starts_with("mydata/sales.toml:17:"), "{found:?}");
        assert!(found[3].starts_with("mydata/quotes.toml:6:"), "{found:?}");
    }

    #[test]
    fn headline_period_must_exist() {
        let found = problems(edited("report.toml", |t| {
            t.replace("period = \"Jun 2020\"", "period = \"Jun 2021\"")
        }));
        assert_eq!(
            found,
            ["mydata/report.toml:13:10: period \"Jun 2021\" is not a period in penetration.toml"]
        );
    }

    #[test]
    fn unreadable_files_say_why() {
        let cases: [(&[u8], &str); 5] = [
            (b"", "mydata/quotes.toml: file is empty"),
            (b" \n\t\n", "mydata/quotes.toml: file is empty"),
            (
                b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR",
                "mydata/quotes.toml:3:1: file is binary",
            ),
            (
                b"text = \"caf\xe9\"",
                "mydata/quotes.toml:1:12: file is not UTF-8 text: byte 0xE9",
            ),
            (
                &[b'#'; MAX_FILE_BYTES + 1],
                "mydata/quotes.toml: file is too large",
            ),
        ];
        for (bytes, expected) in cases {
            let read = |name: &str| {
                if name == "quotes.toml" {
                    Ok(bytes.to_vec())
                } else {
                    builtin_bytes(name)
                }
            };
            let found = problems(read);
            assert!(found[0].starts_with(expected), "{found:?}");
        }
    }

    #[test]
    fn the_compiled_report_is_the_files_parsed_now() {
        let compiled = super::super::compiled::report().expect("build.rs compiled the data in");
        assert_eq!(
            compiled,
            parse_builtin().expect("the built-in files pass check")
        );
    }

    #[test]
    fn missing_file_is_named() {
        let read = |name: &str| {
            if name == "world.toml" {
                Err(io::ErrorKind::NotFound.into())
            } else {
                builtin_bytes(name)
            }
        };
        assert!(problems(read)[0].starts_with("mydata/world.toml: file not found"));
    }

    #[test]
    fn a_byte_order_mark_is_fine() {
        let read = edited("report.toml", |t| format!("\u{feff}{t}"));
        assert!(load(read, "mydata").is_ok());
    }

    #[test]
    fn text_is_cleaned_where_it_enters() {
        let read = edited("quotes.toml", |t| {
            t.replace(
                "The Internet has played",
                "\\u001b[2J\\u001b]52;c;aGk=\\u0007\\u202eThe Internet\\u0085 has played",
            )
            .replace("Houlin Zhao", "Houlin\\u0007 Zhao\\u009b31m")
        });
        let report = load(read, "mydata").expect("hostile text still loads");
        assert!(
            report.quotes[0]
                .text
                .starts_with("␛␛\u{fffd}The Internet\u{fffd} has played")
        );
        // Debug output escapes every control and format character as \u{…}.
        let debug = format!("{report:?}");
        assert!(!debug.contains("\\u{"), "{debug}");
    }

    #[test]
    fn a_megabyte_of_mistakes_is_checked_in_a_moment_and_reported_briefly() {
        // Notes for quotes that do not exist, each stating forty figures the data lacks.
        let mut notes =
            String::from_utf8_lossy(&builtin_bytes("notes.toml").expect("notes")).into_owned();
        let mut figures = 0;
        while notes.len() < MAX_FILE_BYTES - 2_000 {
            let stated: Vec<String> = (0..40)
                .map(|k| format!("{}.7", 1000 + figures + k))
                .collect();
            figures += 40;
            notes.push_str(&format!(
                "\n[[quotes.quote]]\ntext = \"{}\"\n",
                stated.join(" ")
            ));
        }
        let read = |name: &str| match name {
            "notes.toml" => Ok(notes.clone().into_bytes()),
            _ => builtin_bytes(name),
        };
        let started = std::time::Instant::now();
        let report = load(read, "mydata").expect("stale notes never refuse the data");
        let took = started.elapsed();
        // One note too many, and every figure of every note, as warnings.
        let warnings = LoadError {
            problems: report.warnings.clone(),
        };
        assert_eq!(warnings.count(), 1 + figures);
        assert_eq!(warnings.problems.len(), LISTED_PER_FILE + 1);
        let shown = warnings.to_string();
        assert!(
            shown.ends_with(&format!(
                "mydata/notes.toml: … and {} more problems\n{} problems found",
                1 + figures - LISTED_PER_FILE,
                1 + figures
            )),
            "{}",
            &shown[shown.len() - 300..]
        );
        assert!(shown.len() < 10_000, "{} bytes", shown.len());
        // Quadratic work took minutes here; linear work takes well under a second.
        assert!(took < std::time::Duration::from_secs(10), "{took:?}");
    }

    #[test]
    fn a_figure_held_in_two_files_must_agree() {
        let found = problems(edited("since.toml", |t| {
            t.replacen("rural = { pct = 52.3", "rural = { pct = 53.3", 1)
        }));
        assert_eq!(
            found,
            [
                "mydata/since.toml:22:17: Jun 2020 rural is 53.3 here but 52.3 in \
                 mydata/penetration.toml:49:13; a figure held in two files must be the same in both"
            ]
        );
        let found = problems(edited("penetration.toml", |t| {
            t.replacen("urban_pct = 79.8", "urban_pct = 79.9", 1)
                .replacen("report = \"46th\"", "report = \"45th\"", 1)
        }));
        assert_eq!(found.len(), 2, "{found:?}");
        assert!(
            found[0].starts_with(
                "mydata/since.toml:21:10: Jun 2020 is the 46th report here but the 45th in \
                 mydata/penetration.toml:47:10"
            ),
            "{found:?}"
        );
        assert!(
            found[1].starts_with(
                "mydata/since.toml:31:17: Dec 2020 urban is 79.8 here but 79.9 in \
                 mydata/penetration.toml:56:13"
            ),
            "{found:?}"
        );
    }

    #[test]
    fn since_keeps_to_the_time_after_the_report() {
        let sale = |year: u16, value: &'static str| {
            move |t: &str| {
                t.replacen(
                    "[[sale]]\nyear = 2020",
                    &format!(
                        "[[sale]]\nyear = {year}\nyuan_trillion = {value}\nconfidence = \"V\"\n\
                         source = \"x\"\n\n[[sale]]\nyear = 2020"
                    ),
                    1,
                )
            }
        };
        let found = problems(edited("since.toml", sale(2015, "0.4")));
        assert_eq!(
            found,
            [
                "mydata/since.toml:89:8: year 2015 is a report year, in sales.toml too \
                 (mydata/sales.toml:17:16), and its 0.4 trillion yuan disagrees with the 353 \
                 billion there; since.toml holds the years after sales.toml's last, 2019"
            ]
        );
        let found = problems(edited("since.toml", sale(2019, "1.7")));
        assert_eq!(found.len(), 1, "{found:?}");
        assert!(
            found[0].contains(
                "year 2019 is a report year, in sales.toml too (mydata/sales.toml:45:16); since"
            ),
            "{found:?}"
        );
        let found = problems(edited("since.toml", sale(2012, "0.1")));
        assert_eq!(found.len(), 1, "{found:?}");
        assert!(
            found[0].contains("year 2012 is not after the report's years"),
            "{found:?}"
        );
        let earlier = |t: &str| {
            t.replacen(
                "[[period]]\nperiod = \"Jun 2020\"",
                "[[period]]\nperiod = \"Mar 2020\"\nreport = \"45th\"\n\
                 rural = { pct = 46.2, confidence = \"V\", source = \"x\" }\n\
                 national = { pct = 64.5, confidence = \"V\", source = \"x\" }\n\n\
                 [[period]]\nperiod = \"Jun 2020\"",
                1,
            )
        };
        let found = problems(edited("since.toml", earlier));
        assert_eq!(found.len(), 1, "{found:?}");
        assert!(
            found[0].starts_with(
                "mydata/since.toml:20:10: \"Mar 2020\" is before the report's period, \
                 \"Jun 2020\" (mydata/report.toml:13:10)"
            ),
            "{found:?}"
        );
    }

    #[test]
    fn rates_keep_their_order() {
        let found = problems(edited("since.toml", |t| {
            t.replacen("urban = { pct = 79.8", "urban = { pct = 50.8", 1)
                .replacen("national = { pct = 73.0", "national = { pct = 83.0", 1)
        }));
        assert_eq!(found.len(), 2, "{found:?}");
        assert!(
            found[0].starts_with("mydata/since.toml:31:17: urban (50.8) is below rural (55.9)"),
            "{found:?}"
        );
        assert!(
            found[1].starts_with("mydata/since.toml:43:20: national (83) is above urban (81.3)"),
            "{found:?}"
        );
        let found = problems(edited("penetration.toml", |t| {
            t.replacen("urban_pct = 64.2", "urban_pct = 24.2", 1)
        }));
        assert_eq!(found.len(), 1, "{found:?}");
        assert!(
            found[0]
                .starts_with("mydata/penetration.toml:14:13: urban (24.2) is below rural (30.1)"),
            "{found:?}"
        );
        // Out of range, a rate has its own problem, and is not compared in 309 digits.
        let found = problems(edited("since.toml", |t| {
            t.replacen("rural = { pct = 52.3", "rural = { pct = 1e308", 1)
        }));
        assert_eq!(
            found,
            ["mydata/since.toml:22:17: pct must be between 0 and 100, found 1e308"]
        );
    }

    #[test]
    fn a_huge_number_is_written_short_with_what_was_expected() {
        let found = problems(edited("sales.toml", |t| {
            t.replacen("year = 2015", "year = 1e308", 1)
        }));
        assert_eq!(
            found,
            ["mydata/sales.toml:16:8: year must be a year from 1990 to 2100, found 1e308"]
        );
        let found = problems(edited("sales.toml", |t| {
            t.replacen("year = 2015", "year = 2015.5", 1)
        }));
        assert_eq!(
            found,
            ["mydata/sales.toml:16:8: year must be a year from 1990 to 2100, found 2015.5"]
        );
    }

    #[test]
    fn a_wording_states_the_figure_it_is_shown_with() {
        let found = problems(edited("world.toml", |t| {
            t.replacen("pct = 53", "pct = 54", 1)
        }));
        assert_eq!(found.len(), 1, "{found:?}");
        assert!(
            found[0].contains("wording states 53, but pct (line"),
            "{found:?}"
        );
        assert!(
            found[0].ends_with(") is 54; they are shown together, so they must agree"),
            "{found:?}"
        );
        let found = problems(edited("since.toml", |t| {
            t.replacen("more_than_trillion = 3", "more_than_trillion = 4", 1)
        }));
        assert_eq!(found.len(), 1, "{found:?}");
        assert!(
            found[0].contains("wording states 3, but more_than_trillion"),
            "{found:?}"
        );
    }

    #[test]
    fn a_derivation_gives_its_figure() {
        let found = problems(edited("since.toml", |t| {
            t.replacen("rural = { pct = 61.9", "rural = { pct = 62.0", 1)
        }));
        assert_eq!(found.len(), 1, "{found:?}");
        assert!(
            found[0].starts_with(
                "mydata/since.toml:55:54: the derivation gives 61.9, but the figure is 62.0; \
                 one of them is stale"
            ),
            "{found:?}"
        );
        let found = problems(edited("since.toml", |t| {
            t.replacen("57.6 + (23.9", "57.6 + (24.9", 1)
        }));
        assert_eq!(found.len(), 1, "{found:?}");
        assert!(
            found[0].contains("the derivation gives 82.3, but the figure is 81.3"),
            "{found:?}"
        );
    }

    /// The warnings of data that loads, as `file:line:column: message`.
    fn warnings(read: impl Fn(&str) -> io::Result<Vec<u8>>) -> Vec<String> {
        let report = load(read, "mydata").expect("the data loads");
        report.warnings.iter().map(Problem::headline).collect()
    }

    #[test]
    fn figures_in_fullwidth_digits_are_checked_like_any_other() {
        let read = edited("notes.toml", |t| {
            t.replacen("76.4 % of urban", "９９.９ % of urban", 1)
                .replacen("普及率是76.4%", "普及率是９９.９%", 1)
        });
        let found = warnings(&read);
        assert_eq!(found.len(), 1, "{found:?}");
        assert!(
            found[0].starts_with("mydata/notes.toml:18:20: ９９.９ is not a figure of the data"),
            "{found:?}"
        );
        let notes = load(read, "mydata").expect("loads").notes.expect("notes");
        assert_eq!(notes.stale["overview.text"], ["９９.９"]);
        let same = edited("notes.toml", |t| {
            t.replacen("76.4 % of urban", "７６．４％ of urban", 1)
        });
        assert_eq!(warnings(same), Vec::<String>::new());
    }

    #[test]
    fn the_notes_are_optional() {
        let read = |name: &str| match name {
            "notes.toml" => Err(io::ErrorKind::NotFound.into()),
            _ => builtin_bytes(name),
        };
        let report = load(read, "mydata").expect("data without notes loads");
        assert_eq!(report.notes, None);
        assert!(report.warnings.is_empty());
        // Present but broken, the notes are checked like any file.
        let broken = edited("notes.toml", |t| t.replacen("[overview]", "[overveiw]", 1));
        assert!(problems(broken)[0].starts_with("mydata/notes.toml:"));
    }

    #[test]
    fn a_figure_edited_shows_at_once_and_its_notes_are_stale() {
        // Dec 2018 rural 38.4 becomes 38.2: its gap, 36.2, becomes 36.4, which the
        // penetration view's note does not say.
        let read = edited("penetration.toml", |t| {
            t.replacen("rural_pct = 38.4", "rural_pct = 38.2", 1)
        });
        let report = load(&read, "mydata").expect("the edit is shown, not refused");
        let period = report
            .penetration
            .periods
            .iter()
            .find(|p| p.period == "Dec 2018");
        assert_eq!(period.map(|p| p.rural_pct), Some(38.2));
        let found: Vec<String> = report.warnings.iter().map(Problem::headline).collect();
        assert!(!found.is_empty());
        assert!(
            found
                .iter()
                .all(|w| w.starts_with("mydata/notes.toml:") && w.contains("is not a")),
            "{found:?}"
        );
        assert!(
            found.iter().any(|w| w.contains("36.2 is not a figure")),
            "{found:?}"
        );
        let notes = report.notes.expect("notes");
        assert_eq!(notes.stale["penetration.text"], ["36.2"]);
        // The Chinese states the same figures, so it is stale with its English.
        assert_eq!(notes.stale["penetration.zh"], ["36.2"]);
        assert!(!notes.stale.contains_key("world.text"), "{:?}", notes.stale);
        // The built-in data has no stale note and nothing to warn of.
        let builtin = parse_builtin().expect("built-in data");
        assert!(builtin.warnings.is_empty(), "{:?}", builtin.warnings);
        assert!(builtin.notes.expect("notes").stale.is_empty());
    }

    #[test]
    fn a_translation_out_of_step_with_its_note_is_a_warning() {
        // The English mended to a figure the data holds, the Chinese not.
        let read = edited("notes.toml", |t| {
            t.replacen(
                "36.2 points, because towns",
                "35.4 points, because towns",
                1,
            )
        });
        let report = load(&read, "mydata").expect("loads");
        let found: Vec<String> = report.warnings.iter().map(Problem::headline).collect();
        assert_eq!(found.len(), 2, "{found:?}");
        assert!(found[0].contains("a translation keeps its text's figures, but 35.4"));
        assert!(found[1].contains("a translation states only its text's figures, but adds 36.2"));
        let notes = report.notes.expect("notes");
        assert!(!notes.stale.contains_key("penetration.text"));
        assert_eq!(notes.stale["penetration.zh"], ["36.2"]);
        // Too few notes for the quotes: a warning, and the last quote has none.
        let fewer = edited("notes.toml", |t| match t.rfind("[[quotes.quote]]") {
            Some(at) => format!(
                "{}\n[world]{}",
                &t[..at],
                t.split("[world]").nth(1).unwrap_or("")
            ),
            None => t.to_string(),
        });
        let found = warnings(fewer);
        assert_eq!(found.len(), 1, "{found:?}");
        assert!(found[0].contains("8 quotes but there are 7"), "{found:?}");
    }

    #[test]
    fn a_d_figure_needs_and_shows_its_derivation() {
        let as_d = |t: &str| {
            t.replacen(
                "confidence = \"V\"\nsource = \"MOFCOM spokesperson",
                "confidence = \"D\"\nsource = \"MOFCOM spokesperson",
                1,
            )
        };
        let found = problems(edited("sales.toml", as_d));
        assert_eq!(found.len(), 1, "{found:?}");
        assert!(
            found[0].starts_with("mydata/sales.toml:18:14: confidence is D, so `derivation`"),
            "{found:?}"
        );

        let with_how = move |t: &str| {
            as_d(t).replacen(
                "yuan_billion = 353\n",
                "yuan_billion = 353\nderivation = \"a test\"\n",
                1,
            )
        };
        let report = load(edited("sales.toml", with_how), "mydata").expect("loads");
        let rows = report.source_rows(&report.i18n.en);
        let row = rows
            .iter()
            .find(|r| r.figure.starts_with("2015,"))
            .expect("2015 row");
        assert_eq!(row.provenance.derivation.as_deref(), Some("a test"));
        for row in &rows {
            assert_eq!(
                row.provenance.confidence == crate::Confidence::D,
                row.provenance.derivation.is_some(),
                "{row:?}"
            );
        }
    }
}
