//! The sources view is complete: every number any view shows can be found in the sources
//! view (as a figure, its value, its source or its derivation), and every derived figure
//! says how it was derived.

use std::collections::BTreeSet;

use gapdash::action::Action;
use gapdash::app::{App, View};
use gapdash::data::{Confidence, builtin};
use gapdash::snapshot::render_text;

/// The numbers in `text`: runs of digits with inner points ("76.4", "2020", "894.54"). A
/// number cut short, by an ellipsis ("202…") or a border ("202╮"), is not one.
fn numbers(text: &str) -> BTreeSet<String> {
    let mut found = BTreeSet::new();
    let mut rest = text;
    while let Some(start) = rest.find(|c: char| c.is_ascii_digit()) {
        let tail = &rest[start..];
        let end = tail
            .find(|c: char| !(c.is_ascii_digit() || c == '.'))
            .unwrap_or(tail.len());
        let cut = tail[end..]
            .chars()
            .next()
            .is_some_and(|c| c == '…' || ('\u{2500}'..='\u{257f}').contains(&c));
        if !cut {
            found.insert(tail[..end].trim_end_matches('.').to_string());
        }
        rest = &tail[end..];
    }
    found
}

#[test]
fn every_number_on_screen_is_in_the_sources_view() {
    let report = builtin().expect("built-in data");
    let h = &report.headline;
    // What the sources view says, plus the report's identity and the notes, which are words
    // about the data rather than figures.
    let mut listed = String::new();
    for row in report.source_rows(&report.i18n.en) {
        listed.push_str(&format!(
            "{} {} {} {}\n",
            row.figure,
            row.value,
            row.provenance.source,
            row.provenance.derivation.unwrap_or_default()
        ));
    }
    let context = format!(
        "{} {} {} {}",
        h.title,
        h.released,
        h.venue,
        report.penetration.notes.join(" ")
    );
    let known: BTreeSet<String> = numbers(&listed)
        .union(&numbers(&context))
        .cloned()
        .collect();
    // Tab numbers, quote positions ("3/8") and the period of a report ("36th report").
    let counters: BTreeSet<String> = (1..=report.quotes.len().max(View::ALL.len()))
        .map(|n| n.to_string())
        .collect();

    for view in View::ALL.into_iter().filter(|v| *v != View::Sources) {
        let mut app = App::new(report.clone(), view);
        for (width, height) in [(60, 18), (80, 24), (100, 30), (160, 48), (200, 60)] {
            for step in 0..report.quotes.len() {
                let shown = render_text(&app, width, height);
                let missing: Vec<String> = numbers(&shown)
                    .into_iter()
                    .filter(|n| !known.contains(n) && !counters.contains(n))
                    .collect();
                assert!(
                    missing.is_empty(),
                    "{view:?} at {width}×{height}, step {step}: {missing:?} not in the sources view\n{shown}"
                );
                app.update(Action::Down);
            }
        }
    }
}

#[test]
fn every_derived_figure_says_how() {
    let report = builtin().expect("built-in data");
    for row in report.source_rows(&report.i18n.en) {
        match row.provenance.confidence {
            Confidence::D => assert!(
                row.provenance
                    .derivation
                    .as_deref()
                    .is_some_and(|d| !d.is_empty()),
                "{row:?}"
            ),
            Confidence::V | Confidence::V2 => {
                assert!(row.provenance.derivation.is_none(), "{row:?}")
            }
        }
        assert!(!row.provenance.source.trim().is_empty(), "{row:?}");
    }
}
