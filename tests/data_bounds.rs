//! What `check` does with data made to overwhelm it: a megabyte of mistakes is checked in a
//! moment and reported in a few lines, a huge value is quoted short, and characters no font
//! draws never reach the output.

mod common;

use std::time::{Duration, Instant};

use common::{DataFolder, run_in};

fn text(bytes: &[u8]) -> String {
    String::from_utf8_lossy(bytes).into_owned()
}

#[test]
fn a_megabyte_of_notes_is_checked_in_a_moment_and_reported_in_a_few_lines() {
    let data = DataFolder::init();
    let mut notes = std::fs::read_to_string(data.dir().join("notes.toml")).expect("notes.toml");
    // Notes for quotes that do not exist, each stating forty figures the data lacks.
    let mut figures = 0;
    while notes.len() < 1024 * 1024 - 2_000 {
        let stated: Vec<String> = (0..40)
            .map(|k| format!("{}.7", 1000 + figures + k))
            .collect();
        figures += 40;
        notes.push_str(&format!(
            "\n[[quotes.quote]]\ntext = \"{}\"\n",
            stated.join(" ")
        ));
    }
    data.write("notes.toml", &notes);
    let started = Instant::now();
    let out = run_in(data.root(), &["check", "--data", "mydata"]);
    let took = started.elapsed();
    let stderr = text(&out.stderr);
    // Notes that state figures the data lacks are stale, not wrong data: warnings, exit 0.
    assert_eq!(out.status.code(), Some(0), "{stderr}");
    // The note too many and every figure, twenty of them listed and the rest counted.
    let found = 1 + figures;
    assert!(
        stderr.ends_with(&format!(
            "mydata/notes.toml: … and {} more warnings\n{found} warnings: the data is sound \
             and shown as it is; a stale note is marked as such in the console, the notes \
             panel and a handout's notes pages\n",
            found - 20
        )),
        "{}",
        &stderr[stderr.len().saturating_sub(400)..]
    );
    assert_eq!(
        stderr.lines().filter(|l| l.starts_with("mydata/")).count(),
        21
    );
    assert!(stderr.len() < 10_000, "{} bytes", stderr.len());
    // It took 24 s when the work grew with the square of the file.
    assert!(took < Duration::from_secs(10), "{took:?}");
}

#[test]
fn a_long_translation_is_quoted_short() {
    let data = DataFolder::init();
    let long = "close to 87 % ".repeat(6_000);
    data.edit(
        "i18n/zh.toml",
        "[terms]\n",
        &format!("[terms]\n\"{long}\" = \"接近78%\"\n"),
    );
    let out = run_in(data.root(), &["check", "--data", "mydata"]);
    let stderr = text(&out.stderr);
    assert_eq!(out.status.code(), Some(1), "{stderr}");
    assert!(stderr.len() < 2_000, "{} bytes: {stderr}", stderr.len());
    assert!(
        stderr.contains("a translation keeps its text's figures, but 87, 87, 87, 87, 87 and 5995 more is not in it"),
        "{stderr}"
    );
    for line in stderr.lines() {
        assert!(
            line.chars().count() < 500,
            "{} characters",
            line.chars().count()
        );
    }
}

#[test]
fn noncharacters_never_reach_check_or_snapshot() {
    let data = DataFolder::init();
    data.edit(
        "quotes.toml",
        "The Internet has played",
        "The Internet\u{ffff} has\u{fdd0} played\u{10fffe}",
    );
    let out = run_in(data.root(), &["check", "--data", "mydata"]);
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    let out = run_in(data.root(), &["snapshot", "quotes", "--data", "mydata"]);
    let shown = text(&out.stdout);
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    assert!(
        shown.contains("The Internet\u{fffd} has\u{fffd}"),
        "{shown}"
    );
    assert!(
        !shown.contains(['\u{ffff}', '\u{fdd0}', '\u{10fffe}']),
        "{shown}"
    );
}
