//! The command line, run as a real process: `snapshot` for every view, sizes, bad input, and
//! the refusal to start the dashboard when stdout is not a terminal.

mod common;

use std::process::Output;

const VIEWS: [&str; 7] = [
    "overview",
    "penetration",
    "sales",
    "quotes",
    "world",
    "since",
    "sources",
];

/// Runs `gapdash ARGS` in an English locale (the language follows the locale).
fn gapdash(args: &[&str]) -> Output {
    common::run(args)
}

/// Runs `gapdash ARGS` with the locale variables `env` on top of an English one.
fn gapdash_env(args: &[&str], env: &[(&str, &str)]) -> Output {
    common::output(common::gapdash().args(args).envs(env.iter().copied()))
}

fn stdout(out: &Output) -> String {
    String::from_utf8(out.stdout.clone()).expect("stdout is UTF-8")
}

fn stderr(out: &Output) -> String {
    String::from_utf8(out.stderr.clone()).expect("stderr is UTF-8")
}

/// Runs `gapdash snapshot VIEW` and checks it succeeds with plain text holding `figures`.
fn snapshot_shows(view: &str, figures: &[&str]) {
    let out = gapdash(&["snapshot", view]);
    let text = stdout(&out);
    assert_eq!(
        out.status.code(),
        Some(0),
        "{view}: stderr {}",
        stderr(&out)
    );
    assert!(
        !out.stdout.contains(&0x1b),
        "{view}: snapshot text has no escape codes:\n{text}"
    );
    let missing: Vec<&str> = figures
        .iter()
        .copied()
        .filter(|f| !text.contains(f))
        .collect();
    assert!(
        missing.is_empty(),
        "{view}: missing {missing:?} in:\n{text}"
    );
}

#[test]
fn snapshot_overview_shows_the_headline_figures() {
    snapshot_shows("overview", &["76.4", "52.3", "24.1", "98%", "1.7"]);
}

#[test]
fn snapshot_penetration_shows_every_urban_and_rural_value_and_gap() {
    snapshot_shows(
        "penetration",
        &[
            "64.2", "30.1", "67.2", "31.7", "69.4", "34.0", "74.6", "38.4", "76.4", "52.3", "79.8",
            "55.9", "gap 34.1", "gap 24.1",
        ],
    );
}

#[test]
fn snapshot_sales_shows_every_year_and_the_growth() {
    snapshot_shows(
        "sales",
        &[
            "180", "353", "894.54", "1244.88", "1370", "1700", "9.4", "56.7",
        ],
    );
}

#[test]
fn snapshot_quotes_shows_the_first_of_eight() {
    snapshot_shows("quotes", &["1/8"]);
}

#[test]
fn snapshot_world_shows_households_individuals_and_ratio() {
    snapshot_shows("world", &["72", "38", "87", "81", "53", "19", "2.3"]);
}

#[test]
fn snapshot_sources_shows_the_sources_table() {
    snapshot_shows("sources", &["Sources"]);
}

#[test]
fn snapshot_speaks_the_language_asked_for_or_the_locales() {
    let zh = |out: &Output| {
        assert_eq!(out.status.code(), Some(0), "{}", stderr(out));
        stdout(out).contains("城镇 · 2020年6月")
    };
    assert!(zh(&gapdash(&["snapshot", "overview", "--lang", "zh"])));
    assert!(zh(&gapdash_env(
        &["snapshot", "overview"],
        &[("LANG", "zh_CN.UTF-8")]
    )));
    assert!(zh(&gapdash_env(
        &["snapshot", "overview"],
        &[("LANG", "C"), ("LC_MESSAGES", "zh_HK.UTF-8")]
    )));
    assert!(!zh(&gapdash_env(
        &["snapshot", "overview", "--lang", "en"],
        &[("LANG", "zh_CN.UTF-8")]
    )));
    assert!(!zh(&gapdash_env(
        &["snapshot", "overview"],
        &[("LANG", "zh_CN.UTF-8"), ("LC_ALL", "en_US.UTF-8")]
    )));
    for view in VIEWS {
        let out = gapdash(&["snapshot", view, "--lang", "zh", "--size", "80x24"]);
        assert_eq!(out.status.code(), Some(0), "{view}");
        for line in stdout(&out).lines() {
            assert!(
                unicode_width::UnicodeWidthStr::width(line) <= 80,
                "{view}: {line}"
            );
        }
    }
}

#[test]
fn chinese_in_ascii_is_english_with_a_notice() {
    let out = gapdash(&["snapshot", "penetration", "--lang", "zh", "--ascii"]);
    let text = stdout(&out);
    assert_eq!(out.status.code(), Some(0));
    assert!(text.is_ascii(), "{text}");
    assert!(text.contains("Chinese needs a UTF-8 terminal"), "{text}");
    assert!(
        text.contains("Internet penetration, urban vs rural"),
        "{text}"
    );
}

#[test]
fn an_unknown_language_is_a_usage_error_naming_both() {
    let out = gapdash(&["--lang", "fr"]);
    assert_eq!(out.status.code(), Some(2));
    let err = stderr(&out);
    assert!(err.contains("zh") && err.contains("en"), "{err}");
}

#[test]
fn snapshot_size_sets_the_exact_line_count_and_width() {
    for view in VIEWS {
        let out = gapdash(&["snapshot", view, "--size", "60x18"]);
        let text = stdout(&out);
        assert_eq!(out.status.code(), Some(0), "{view}: {}", stderr(&out));
        assert_eq!(text.lines().count(), 18, "{view} at 60x18:\n{text}");
        assert!(
            text.lines().all(|l| l.chars().count() <= 60),
            "{view}: no line wider than 60:\n{text}"
        );
        assert!(!text.contains("too small"), "60x18 is big enough:\n{text}");
    }
}

#[test]
fn bad_size_is_a_usage_error() {
    for size in ["100", "0x30", "100x0", "ax30", "100x", "2000x30"] {
        let out = gapdash(&["snapshot", "overview", "--size", size]);
        assert_eq!(out.status.code(), Some(2), "--size {size}");
        assert!(out.stdout.is_empty(), "--size {size} prints no view");
        assert!(
            stderr(&out).contains("--size"),
            "--size {size}: {}",
            stderr(&out)
        );
    }
}

#[test]
fn bad_view_name_is_a_usage_error_listing_every_view() {
    let out = gapdash(&["snapshot", "nope"]);
    assert_eq!(out.status.code(), Some(2));
    let err = stderr(&out);
    for view in VIEWS {
        assert!(err.contains(view), "stderr lists {view}:\n{err}");
    }
}

#[test]
fn bad_start_view_is_a_usage_error() {
    let out = gapdash(&["--view", "nope"]);
    assert_eq!(out.status.code(), Some(2));
    let err = stderr(&out);
    assert!(err.contains("nope"), "{err}");
    for view in VIEWS {
        assert!(err.contains(view), "stderr lists {view}:\n{err}");
    }
}

#[test]
fn help_and_version_exit_zero() {
    let help = gapdash(&["--help"]);
    assert_eq!(help.status.code(), Some(0));
    let text = stdout(&help);
    assert!(
        text.contains("snapshot") && text.contains("--view"),
        "{text}"
    );

    let version = gapdash(&["--version"]);
    assert_eq!(version.status.code(), Some(0));
    assert_eq!(
        stdout(&version).trim(),
        format!("gapdash {}", env!("CARGO_PKG_VERSION"))
    );
}

#[test]
fn without_a_terminal_the_dashboard_refuses_in_one_line() {
    let out = gapdash(&[]);
    assert_eq!(out.status.code(), Some(2));
    assert!(out.stdout.is_empty(), "nothing drawn to a pipe");
    let err = stderr(&out);
    assert_eq!(err.lines().count(), 1, "one line: {err:?}");
    assert!(err.contains("gapdash snapshot"), "{err}");
    assert!(!out.stderr.contains(&0x1b), "no escape codes: {err:?}");
}

#[test]
fn man_prints_the_manual_pages_as_roff() {
    let out = gapdash(&["man"]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let page = stdout(&out);
    assert!(page.contains(".TH gapdash 1"), "{page}");
    for command in ["snapshot", "check", "init", "export", "man", "completions"] {
        assert!(page.contains(command), "the manual names {command}");
    }
    let out = gapdash(&["man", "export"]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let page = stdout(&out);
    assert!(page.contains(".TH gapdash-export 1"), "{page}");
    assert!(page.contains("\\-\\-format"), "{page}");
    let out = gapdash(&["man", "nonsense"]);
    assert_eq!(out.status.code(), Some(1));
    let err = stderr(&out);
    assert_eq!(err.lines().count(), 1, "{err}");
    assert!(err.contains("there is no command \"nonsense\""), "{err}");
}

#[test]
fn completions_are_printed_for_each_shell() {
    for (shell, marker) in [
        ("bash", "complete -F _gapdash"),
        ("zsh", "#compdef gapdash"),
        ("fish", "complete -c gapdash"),
    ] {
        let out = gapdash(&["completions", shell]);
        assert_eq!(out.status.code(), Some(0), "{shell}: {}", stderr(&out));
        let script = stdout(&out);
        assert!(script.contains(marker), "{shell}: {script}");
        assert!(script.contains("export"), "{shell} completes export");
    }
    let out = gapdash(&["completions", "tcsh"]);
    assert_eq!(out.status.code(), Some(2));
}

/// `gapdash export` runs the handouts' own executable from beside itself: without it, the
/// error names it, says where it looked and how to get it, and the status is 1.
#[cfg(feature = "export")]
#[test]
fn export_without_its_executable_beside_gapdash_says_how_to_get_it() {
    let alone = tempfile::tempdir().expect("temp dir");
    let name = format!("gapdash{}", std::env::consts::EXE_SUFFIX);
    let copy = alone.path().join(&name);
    let binary = std::path::Path::new(env!("CARGO_BIN_EXE_gapdash"));
    std::fs::copy(binary, &copy).expect("copy gapdash");
    // And the libraries beside it, if any (under wine, the ProcessPrng shim .ci/wine puts
    // there): only gapdash-export is missing.
    let beside = binary.parent().expect("a folder");
    for entry in std::fs::read_dir(beside).expect("listing") {
        let path = entry.expect("entry").path();
        if path
            .extension()
            .is_some_and(|e| e.eq_ignore_ascii_case("dll"))
        {
            std::fs::copy(&path, alone.path().join(path.file_name().expect("a name")))
                .expect("copy a library");
        }
    }
    let out_dir = alone.path().join("handout");
    let out = common::output(
        std::process::Command::new(&copy)
            .args(["export", "--format", "svg", "--out"])
            .arg(&out_dir)
            .stdin(std::process::Stdio::null())
            .stdout(std::process::Stdio::piped())
            .stderr(std::process::Stdio::piped()),
    );
    assert_eq!(out.status.code(), Some(1), "{}", stderr(&out));
    let err = stderr(&out);
    let export = format!("gapdash-export{}", std::env::consts::EXE_SUFFIX);
    assert!(
        err.starts_with(&format!(
            "gapdash: the handouts are written by {export}, which is not beside gapdash ("
        )),
        "{err}"
    );
    assert!(err.contains("cargo install --locked --path ."), "{err}");
    assert!(!out_dir.exists(), "nothing written");
}

/// The handouts' executable run directly takes `gapdash export`'s arguments, with or
/// without the word `export`, and writes what `gapdash export` writes.
#[cfg(feature = "export")]
#[test]
fn gapdash_export_run_directly_takes_the_same_arguments() {
    let tmp = tempfile::tempdir().expect("temp dir");
    let through = tmp.path().join("through");
    let out = common::output(
        common::gapdash()
            .args(["export", "--view", "overview", "--format", "svg", "--out"])
            .arg(&through),
    );
    assert!(out.status.success(), "{}", stderr(&out));
    for (i, word) in [None, Some("export")].into_iter().enumerate() {
        let direct = tmp.path().join(format!("direct{i}"));
        let mut cmd = std::process::Command::new(env!("CARGO_BIN_EXE_gapdash-export"));
        cmd.args(word)
            .args(["--view", "overview", "--format", "svg", "--out"])
            .arg(&direct)
            .envs(common::ENV.iter().filter_map(|(k, v)| v.map(|v| (k, v))))
            .stdin(std::process::Stdio::null())
            .stdout(std::process::Stdio::piped())
            .stderr(std::process::Stdio::piped());
        let out = common::output(&mut cmd);
        assert!(out.status.success(), "{}", stderr(&out));
        let svg = |dir: &std::path::Path| {
            let mut files: Vec<_> = std::fs::read_dir(dir)
                .expect("listing")
                .map(|e| e.expect("entry").file_name())
                .filter(|n| n.to_string_lossy().ends_with(".svg"))
                .collect();
            files.sort();
            assert!(!files.is_empty(), "an SVG in {}", dir.display());
            files
                .iter()
                .map(|n| std::fs::read(dir.join(n)).expect("read"))
                .collect::<Vec<_>>()
        };
        assert_eq!(svg(&direct), svg(&through), "the same SVG either way");
    }
    // The dashboard's other commands are not the handouts' executable's.
    let out = common::output(
        std::process::Command::new(env!("CARGO_BIN_EXE_gapdash-export"))
            .arg("check")
            .stdin(std::process::Stdio::null())
            .stdout(std::process::Stdio::piped())
            .stderr(std::process::Stdio::piped()),
    );
    assert_eq!(out.status.code(), Some(2), "{}", stderr(&out));
}
