//! Editing the data from the command line: `init`, `check` and `--data`, run as real
//! processes. Every malformed data set under tests/fixtures/bad/ must be caught by `check`
//! with the file, line and message of each problem, and exit code 1.

mod common;

use std::fs;
use std::path::Path;

use common::{DataFolder, FIXTURES, run_in};

fn text(bytes: &[u8]) -> String {
    String::from_utf8(bytes.to_vec()).expect("output is UTF-8")
}

/// Each malformed data set, and the problems `check` must report for it, in order: where
/// (`file:line:column`, or just `file`) and how the message starts.
/// (zh_keys and zh_term_figures are data/i18n/zh.toml with problems planted by
/// tests/fixtures/make_zh.py, which says where they are; run it when zh.toml changes.)
const BAD: &[(&str, &[(&str, &str)])] = &[
    (
        "zh_keys",
        &[
            (
                "i18n/zh.toml:42:13",
                "`{widht}` is not filled in for `frame.too_small`; the places it has: {width}, {height}",
            ),
            (
                "i18n/zh.toml:66:1",
                "`keys.quit` is missing: a language file has every key data/i18n/en.toml has",
            ),
            (
                "i18n/zh.toml:94:13",
                "unknown key `keys.hint_qiut`: data/i18n/en.toml has no such key",
            ),
        ],
    ),
    (
        "zh_term_figures",
        &[
            (
                "i18n/zh.toml:372:19",
                "a translation keeps its text's figures, but 87 is not in it",
            ),
            (
                "i18n/zh.toml:372:19",
                "a translation states only its text's figures, but adds 78",
            ),
        ],
    ),
    (
        "syntax_error",
        &[(
            "penetration.toml:48:16",
            "invalid fraction, expected digits",
        )],
    ),
    (
        "unclosed_string",
        &[("quotes.toml:42:46", "invalid basic string, expected `\"`")],
    ),
    (
        "unknown_key",
        &[(
            "sales.toml:6:1",
            "unknown field `wordingg`, expected one of `wording`",
        )],
    ),
    (
        "unknown_key_in_table",
        &[(
            "report.toml:22:1",
            "poor_villages: unknown field `percent`, expected one of `label`",
        )],
    ),
    (
        "hostile_unknown_key",
        &[(
            "report.toml:19:1",
            "unknown field `␛\u{fffd}`, expected one of `title`",
        )],
    ),
    (
        "percentage_out_of_range",
        &[(
            "penetration.toml:15:13",
            "rural_pct must be between 0 and 100, found 112.5",
        )],
    ),
    (
        "negative_percentage",
        &[(
            "world.toml:30:13",
            "rural_pct must be between 0 and 100, found -38",
        )],
    ),
    (
        "negative_money",
        &[(
            "sales.toml:11:16",
            "yuan_billion must be between 0.01 and 100000 (billion yuan), found -180",
        )],
    ),
    (
        "money_not_a_number",
        &[(
            "sales.toml:45:21",
            "usd_billion_about must be between 0.01 and 100000 (billion US dollars), found not a number",
        )],
    ),
    (
        "unordered_periods",
        &[(
            "penetration.toml:28:10",
            "periods must be oldest first, but \"Jun 2017\" comes after \"Jun 2018\"",
        )],
    ),
    (
        "duplicate_period",
        &[(
            "penetration.toml:20:10",
            "period \"Jun 2015\" appears twice (first at line 12)",
        )],
    ),
    (
        "unreadable_period",
        &[(
            "penetration.toml:38:10",
            "period must be a month and year such as \"Jun 2020\", found \"Winter 2018\"",
        )],
    ),
    (
        "unordered_years",
        &[(
            "sales.toml:22:8",
            "years must be oldest first, but 2013 comes after 2015",
        )],
    ),
    (
        "duplicate_year",
        &[(
            "sales.toml:36:8",
            "year 2017 appears twice (first at line 29)",
        )],
    ),
    (
        "implausible_money",
        &[
            (
                "sales.toml:11:16",
                "yuan_billion must be between 0.01 and 100000 (billion yuan), found 0",
            ),
            (
                "sales.toml:17:16",
                "yuan_billion must be between 0.01 and 100000 (billion yuan), found 1e308",
            ),
            (
                "sales.toml:23:16",
                "yuan_billion must be between 0.01 and 100000 (billion yuan), found 1e-308",
            ),
        ],
    ),
    (
        "year_out_of_window",
        &[(
            "penetration.toml:12:10",
            "period must be in the years 1990 to 2100, found \"Jun 1915\"",
        )],
    ),
    (
        "integer_out_of_range",
        &[(
            "sales.toml:43:8",
            "year must be a year from 1990 to 2100, found 70000",
        )],
    ),
    (
        "since_break_nowhere",
        &[(
            "since.toml:16:9",
            "break after \"Mar 2021\", which is not a period in since.toml",
        )],
    ),
    (
        "since_value_and_not_published",
        &[(
            "since.toml:117:17",
            "year 2024 holds both a figure and not_published = true; it is one or the other",
        )],
    ),
    (
        "since_more_than_without_words",
        &[(
            "since.toml:121:22",
            "a \"more than\" figure needs `wording`",
        )],
    ),
    (
        "empty_source",
        &[("world.toml:9:10", "source must not be empty")],
    ),
    (
        "missing_source",
        &[("sales.toml:15:1", "year: missing field `source`")],
    ),
    (
        "missing_rural",
        &[("penetration.toml:53:1", "period: missing field `rural_pct`")],
    ),
    (
        "derived_without_derivation",
        &[(
            "penetration.toml:32:14",
            "confidence is D, so `derivation` must say how",
        )],
    ),
    (
        "empty_quote_text",
        &[("quotes.toml:17:8", "text must not be empty")],
    ),
    (
        "empty_speaker",
        &[("quotes.toml:48:11", "speaker must not be empty")],
    ),
    (
        "no_quotes",
        &[("quotes.toml", "no [[quote]] found; at least one is needed")],
    ),
    (
        "wrong_type",
        &[(
            "penetration.toml:48:13",
            "urban_pct must be a number, found text \"76.4\"",
        )],
    ),
    (
        "bad_confidence",
        &[(
            "world.toml:8:14",
            "individuals.confidence: unknown variant `X`, expected one of `V`, `V2`, `D`",
        )],
    ),
    ("empty_file", &[("report.toml", "file is empty")]),
    (
        "binary_file",
        &[(
            "world.toml:3:1",
            "file is binary (it holds a NUL byte); expected TOML text",
        )],
    ),
    (
        "not_utf8",
        &[("quotes.toml:49:56", "file is not UTF-8 text: byte 0xE9")],
    ),
    (
        "headline_period_not_in_data",
        &[(
            "report.toml:13:10",
            "period \"Jun 2021\" is not a period in penetration.toml",
        )],
    ),
    (
        "headline_quote_out_of_range",
        &[(
            "report.toml:18:18",
            "headline_quote must be between 1 and 8 (the quotes in quotes.toml), found 9",
        )],
    ),
    (
        "note_for_a_view_that_does_not_exist",
        &[(
            "notes.toml:149:2",
            "unknown field `globe`, expected one of `overview`, `penetration`",
        )],
    ),
    (
        "since_figure_held_twice_disagrees",
        &[(
            "since.toml:22:17",
            "Jun 2020 rural is 53.3 here but 52.3 in mydata/penetration.toml:49:13; a figure \
             held in two files must be the same in both",
        )],
    ),
    (
        "since_sale_in_a_report_year",
        &[(
            "since.toml:89:8",
            "year 2015 is a report year, in sales.toml too (mydata/sales.toml:17:16), and its \
             0.4 trillion yuan disagrees with the 353 billion there; since.toml holds the years \
             after sales.toml's last, 2019",
        )],
    ),
    (
        "urban_below_rural",
        &[(
            "penetration.toml:14:13",
            "urban (24.2) is below rural (30.1); every source of this series has urban above \
             rural, so one of the two is mistyped",
        )],
    ),
    (
        "huge_percentage_written_short",
        &[(
            "since.toml:22:17",
            "pct must be between 0 and 100, found 1e308",
        )],
    ),
    (
        "several_problems",
        &[
            (
                "penetration.toml:15:13",
                "rural_pct must be between 0 and 100, found 112.5",
            ),
            (
                "penetration.toml:38:10",
                "period \"Jun 2017\" appears twice (first at line 28)",
            ),
            (
                "penetration.toml:56:13",
                "urban_pct must be between 0 and 100, found 100.1",
            ),
            (
                "sales.toml:17:16",
                "yuan_billion must be between 0.01 and 100000 (billion yuan), found -353",
            ),
        ],
    ),
];

#[test]
fn the_catalogue_covers_every_fixture() {
    let mut on_disk: Vec<String> = fs::read_dir(Path::new(FIXTURES).join("bad"))
        .expect("fixtures/bad")
        .map(|e| e.expect("entry").file_name().to_string_lossy().into_owned())
        .collect();
    on_disk.sort();
    let mut listed: Vec<String> = BAD.iter().map(|(name, _)| name.to_string()).collect();
    listed.sort();
    assert_eq!(on_disk, listed);
    assert!(BAD.len() >= 15);
}

#[test]
fn check_reports_every_problem_with_file_line_and_message() {
    for (name, expected) in BAD {
        let data = DataFolder::with_fixture(&format!("bad/{name}"));
        let out = run_in(data.root(), &["check", "--data", "mydata"]);
        let stderr = text(&out.stderr);
        assert_eq!(out.status.code(), Some(1), "{name}: {stderr}");
        assert!(out.stdout.is_empty(), "{name}: {}", text(&out.stdout));
        // Problems are the unindented lines; the indented ones are their snippets.
        let headlines: Vec<&str> = stderr
            .lines()
            .filter(|l| l.starts_with("mydata/"))
            .collect();
        assert_eq!(headlines.len(), expected.len(), "{name}: {stderr}");
        for (line, (place, message)) in headlines.iter().zip(*expected) {
            let want = format!("mydata/{place}: {message}");
            assert!(
                line.starts_with(&want),
                "{name}:\n  want {want}\n  got  {line}"
            );
        }
        let n = expected.len();
        let summary = format!("{n} problem{} found", if n == 1 { "" } else { "s" });
        assert_eq!(stderr.lines().last(), Some(summary.as_str()), "{name}");
        assert!(
            !stderr.contains(['\u{1b}', '\u{7}', '\u{202e}']),
            "{name}: {stderr:?}"
        );
    }
}

/// Each data set whose notes no longer agree with it, and the warnings `check` must give for
/// it, in order: the notes serve the presenter, so the data is sound and `check` exits 0.
const WARN: &[(&str, &[(&str, &str)])] = &[
    (
        "note_states_a_figure_not_in_the_data",
        &[(
            "notes.toml:36:1",
            "36.5 is not a figure of the data: the note is stale, and shown marked as such",
        )],
    ),
    (
        "notes_one_quote_short",
        &[(
            "notes.toml:62:1",
            "quotes.toml has 8 quotes but there are 7 [[quotes.quote]] notes",
        )],
    ),
    (
        "note_in_fullwidth_digits",
        &[(
            "notes.toml:18:20",
            "９９.９ is not a figure of the data: the note is stale, and shown marked as such",
        )],
    ),
];

#[test]
fn the_warnings_catalogue_covers_every_fixture() {
    let mut on_disk: Vec<String> = fs::read_dir(Path::new(FIXTURES).join("warn"))
        .expect("fixtures/warn")
        .map(|e| e.expect("entry").file_name().to_string_lossy().into_owned())
        .collect();
    on_disk.sort();
    let mut listed: Vec<String> = WARN.iter().map(|(name, _)| name.to_string()).collect();
    listed.sort();
    assert_eq!(on_disk, listed);
}

#[test]
fn check_warns_of_stale_notes_with_file_line_and_exits_0() {
    for (name, expected) in WARN {
        let data = DataFolder::with_fixture(&format!("warn/{name}"));
        let out = run_in(data.root(), &["check", "--data", "mydata"]);
        let stderr = text(&out.stderr);
        assert_eq!(out.status.code(), Some(0), "{name}: {stderr}");
        assert!(
            text(&out.stdout).starts_with("ok: 6 periods"),
            "{name}: {}",
            text(&out.stdout)
        );
        let headlines: Vec<&str> = stderr
            .lines()
            .filter(|l| l.starts_with("mydata/"))
            .collect();
        assert_eq!(headlines.len(), expected.len(), "{name}: {stderr}");
        for (line, (place, message)) in headlines.iter().zip(*expected) {
            let want = format!("mydata/{place}: warning: {message}");
            assert!(
                line.starts_with(&want),
                "{name}:\n  want {want}\n  got  {line}"
            );
        }
        let n = expected.len();
        let summary = format!(
            "{n} warning{}: the data is sound and shown as it is",
            if n == 1 { "" } else { "s" }
        );
        assert!(
            stderr
                .lines()
                .last()
                .is_some_and(|l| l.starts_with(&summary)),
            "{name}: {stderr}"
        );
        // The dashboard's data is the folder's: a snapshot draws it, notes and all.
        let out = run_in(data.root(), &["snapshot", "overview", "--data", "mydata"]);
        assert_eq!(out.status.code(), Some(0), "{name}: {}", text(&out.stderr));
    }
}

#[test]
fn a_folder_without_notes_runs_everything() {
    let data = DataFolder::init();
    fs::remove_file(data.dir().join("notes.toml")).expect("remove notes.toml");
    let out = run_in(data.root(), &["check", "--data", "mydata"]);
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    assert!(out.stderr.is_empty(), "{}", text(&out.stderr));
    assert!(
        text(&out.stdout).contains(", no notes (no notes.toml), "),
        "{}",
        text(&out.stdout)
    );
    for view in ["overview", "penetration", "quotes", "sources"] {
        let out = run_in(data.root(), &["snapshot", view, "--data", "mydata"]);
        assert_eq!(out.status.code(), Some(0), "{view}: {}", text(&out.stderr));
        assert!(text(&out.stdout).contains("1 Overview"), "{view}");
    }
    // The presenter's handout: each view's notes page says there are none.
    let out = run_in(
        data.root(),
        &[
            "export", "--out", "handout", "--format", "pdf", "--notes", "--view", "overview",
            "--data", "mydata",
        ],
    );
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    assert!(data.root().join("handout/handout.pdf").is_file());
}

#[test]
fn syntax_errors_show_one_message_the_line_and_a_caret() {
    let data = DataFolder::with_fixture("bad/syntax_error");
    let stderr = text(&run_in(data.root(), &["check", "--data", "mydata"]).stderr);
    assert_eq!(
        stderr,
        "mydata/penetration.toml:48:16: invalid fraction, expected digits\n\
         \x20      |\n\
         \x20   48 | urban_pct = 76..4\n\
         \x20      |                ^\n\
         1 problem found\n"
    );
}

#[test]
fn problems_found_after_parsing_show_the_line_and_a_caret_too() {
    let data = DataFolder::with_fixture("bad/percentage_out_of_range");
    let stderr = text(&run_in(data.root(), &["check", "--data", "mydata"]).stderr);
    assert_eq!(
        stderr,
        "mydata/penetration.toml:15:13: rural_pct must be between 0 and 100, found 112.5\n       \
         |\n    15 | rural_pct = 112.5\n       |             ^^^^^\n1 problem found\n"
    );
}

#[test]
fn a_very_large_file_is_refused_without_reading_it_all() {
    let data = DataFolder::init();
    let big = "# padding\n".repeat(1_100_000);
    fs::write(data.dir().join("quotes.toml"), big).expect("write 11 MB");
    let out = run_in(data.root(), &["check", "--data", "mydata"]);
    assert_eq!(out.status.code(), Some(1));
    assert!(
        text(&out.stderr).starts_with("mydata/quotes.toml: file is too large (over 1 MB)"),
        "{}",
        text(&out.stderr)
    );
}

#[test]
fn a_missing_file_is_named() {
    let data = DataFolder::init();
    fs::remove_file(data.dir().join("sales.toml")).expect("remove");
    let out = run_in(data.root(), &["check", "--data", "mydata"]);
    assert_eq!(out.status.code(), Some(1));
    assert!(text(&out.stderr).starts_with("mydata/sales.toml: file not found"));
}

#[test]
fn a_missing_folder_is_named_once() {
    let tmp = tempfile::tempdir().expect("temp dir");
    let out = run_in(tmp.path(), &["check", "--data", "nowhere"]);
    assert_eq!(out.status.code(), Some(1));
    let stderr = text(&out.stderr);
    assert_eq!(
        stderr,
        "nowhere: folder not found (`gapdash init DIR` writes a complete set to start from)\n\
         1 problem found\n"
    );
}

#[test]
fn a_file_given_as_the_folder_is_named_once() {
    let tmp = tempfile::tempdir().expect("temp dir");
    fs::write(tmp.path().join("passwd"), "root:x:0:0\n").expect("write");
    let out = run_in(tmp.path(), &["check", "--data", "passwd"]);
    assert_eq!(out.status.code(), Some(1));
    let stderr = text(&out.stderr);
    assert!(
        stderr.starts_with("passwd: is not a folder; --data takes a folder"),
        "{stderr}"
    );
    assert!(stderr.ends_with("\n1 problem found\n"), "{stderr}");
}

#[test]
fn init_then_check_succeeds() {
    let data = DataFolder::init();
    let out = run_in(data.root(), &["check", "--data", "mydata"]);
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    assert_eq!(
        text(&out.stdout),
        "ok: 6 periods, 6 years, 6 global figures, 8 quotes, 10 periods and 6 years since the report, 75 sources, \
         15 notes, words in English and Chinese (70 terms translated)\n"
    );
}

#[test]
fn check_without_data_checks_the_built_in_files() {
    let tmp = tempfile::tempdir().expect("temp dir");
    let out = run_in(tmp.path(), &["check"]);
    assert_eq!(out.status.code(), Some(0));
    assert!(text(&out.stdout).starts_with("ok: 6 periods, 6 years, 6 global figures, 8 quotes"));
}

#[test]
fn init_writes_the_built_in_files() {
    let data = DataFolder::init();
    for name in [
        "report.toml",
        "penetration.toml",
        "sales.toml",
        "world.toml",
        "quotes.toml",
        "since.toml",
        "i18n/en.toml",
        "i18n/zh.toml",
        "notes.toml",
    ] {
        let written = fs::read_to_string(data.dir().join(name)).expect("written");
        let builtin = fs::read_to_string(
            Path::new(env!("CARGO_MANIFEST_DIR"))
                .join("data")
                .join(name),
        )
        .expect("data file");
        assert_eq!(written, builtin, "{name}");
    }
}

#[test]
fn init_refuses_to_overwrite_and_writes_nothing() {
    let data = DataFolder::init();
    let edited = data.dir().join("sales.toml");
    fs::write(&edited, "# my edit\n").expect("edit");
    fs::remove_file(data.dir().join("world.toml")).expect("remove");
    let out = run_in(data.root(), &["init", "mydata"]);
    assert_eq!(out.status.code(), Some(1));
    let stderr = text(&out.stderr);
    assert!(stderr.contains("mydata/sales.toml"), "{stderr}");
    assert!(
        stderr.contains("already exist; nothing was written (--force overwrites)"),
        "{stderr}"
    );
    assert_eq!(fs::read_to_string(&edited).expect("kept"), "# my edit\n");
    assert!(!data.dir().join("world.toml").exists(), "nothing written");

    let out = run_in(data.root(), &["init", "mydata", "--force"]);
    assert_eq!(out.status.code(), Some(0));
    assert_ne!(
        fs::read_to_string(&edited).expect("overwritten"),
        "# my edit\n"
    );
}

#[test]
fn snapshot_and_dashboard_read_data_from_the_folder() {
    let data = DataFolder::init();
    let edit = |file: &str, from: &str, to: &str| {
        let path = data.dir().join(file);
        let edited = fs::read_to_string(&path).expect("read").replace(from, to);
        fs::write(&path, edited).expect("edit");
    };
    edit("penetration.toml", "rural_pct = 52.3", "rural_pct = 52.4");
    // since.toml holds the same figure, and must agree (or `check` refuses both).
    edit(
        "since.toml",
        "rural = { pct = 52.3,",
        "rural = { pct = 52.4,",
    );
    // The notes state the figure and the gap; they follow (or they are stale).
    edit("notes.toml", "52.3", "52.4");
    edit("notes.toml", "24.1", "24.0");
    let out = run_in(data.root(), &["snapshot", "overview", "--data", "mydata"]);
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    assert!(text(&out.stdout).contains("52.4"), "{}", text(&out.stdout));
    // The dashboard's options belong to the dashboard: before a subcommand they are refused
    // with a message that says so, never silently dropped.
    let out = run_in(data.root(), &["--data", "mydata", "snapshot", "overview"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(
        text(&out.stderr).contains("the subcommand 'snapshot' cannot be used with '--data <DIR>'"),
        "{}",
        text(&out.stderr)
    );
}

#[test]
fn snapshot_with_broken_data_fails_with_the_problem() {
    let data = DataFolder::with_fixture("bad/percentage_out_of_range");
    let out = run_in(data.root(), &["snapshot", "overview", "--data", "mydata"]);
    assert_eq!(out.status.code(), Some(1));
    assert!(out.stdout.is_empty());
    assert!(text(&out.stderr).starts_with(
        "gapdash: mydata/penetration.toml:15:13: rural_pct must be between 0 and 100, found 112.5"
    ));
}

#[test]
fn a_figure_changed_without_the_notes_that_state_it_is_shown_and_check_warns_at_each_note() {
    let data = DataFolder::init();
    let path = data.dir().join("penetration.toml");
    let edited = fs::read_to_string(&path).expect("read").replace(
        "urban_pct = 74.6\nrural_pct = 38.4",
        "urban_pct = 74.6\nrural_pct = 38.5",
    );
    fs::write(&path, edited).expect("edit");
    let out = run_in(data.root(), &["check", "--data", "mydata"]);
    assert_eq!(out.status.code(), Some(0), "the data is sound: {out:?}");
    assert!(
        text(&out.stdout).contains(", 15 notes (1 stale), "),
        "{}",
        text(&out.stdout)
    );
    let stderr = text(&out.stderr);
    // December 2018's gap, 36.2, is now 36.1: the penetration note still says 36.2.
    assert!(
        stderr.starts_with(
            "mydata/notes.toml:50:1: warning: 36.2 is not a figure of the data: the note is \
             stale, and shown marked as such (a note may state only figures the data holds; \
             the sources view lists them)\n"
        ),
        "{stderr}"
    );
    assert!(
        stderr.ends_with(
            "\n1 warning: the data is sound and shown as it is; a stale note is marked as \
             such in the console, the notes panel and a handout's notes pages\n"
        ),
        "{stderr}"
    );
    // And the new figure is on screen at once.
    let out = run_in(
        data.root(),
        &["snapshot", "penetration", "--data", "mydata"],
    );
    assert_eq!(out.status.code(), Some(0));
    assert!(
        text(&out.stdout).contains("gap 36.1*"),
        "{}",
        text(&out.stdout)
    );
}

#[test]
fn watch_needs_a_data_folder() {
    let tmp = tempfile::tempdir().expect("temp dir");
    let out = run_in(tmp.path(), &["--watch"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(
        text(&out.stderr).contains("--data <DIR>"),
        "{}",
        text(&out.stderr)
    );
}

/// Bytes no terminal output of gapdash may hold when a data file holds them.
fn assert_inert(output: &[u8], what: &str) {
    let shown = String::from_utf8_lossy(output);
    for (needle, name) in [
        ("\u{1b}", "ESC"),
        ("\u{07}", "BEL"),
        ("\u{9b}", "8-bit CSI"),
        ("\u{9d}", "8-bit OSC"),
        ("\u{202e}", "right-to-left override"),
        ("\u{2066}", "left-to-right isolate"),
    ] {
        assert!(
            !shown.contains(needle),
            "{what}: {name} reached the output:\n{shown:?}"
        );
    }
}

#[test]
fn hostile_text_is_inert_in_snapshot_output() {
    let data = DataFolder::with_fixture("hostile");
    for view in ["overview", "quotes", "sources"] {
        let out = run_in(
            data.root(),
            &["snapshot", view, "--data", "mydata", "--size", "160x48"],
        );
        assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
        assert_inert(&out.stdout, view);
        if view == "quotes" {
            let shown = text(&out.stdout);
            for cleaned in [
                "Clear␛the screen",
                "Copy␛this",
                "\u{fffd}txet desrever\u{fffd}",
                "Ring␇the bell",
                "Raw␛csi",
                "and ␛dcs",
            ] {
                assert!(shown.contains(cleaned), "{cleaned} in {shown}");
            }
        }
    }
    let out = run_in(data.root(), &["check", "--data", "mydata"]);
    assert_eq!(
        out.status.code(),
        Some(0),
        "hostile text is cleaned, not refused"
    );
}
