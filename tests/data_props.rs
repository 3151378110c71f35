//! Properties of loading: whatever bytes a data file holds, the loader answers with a report
//! or with problems that point inside the file, and never panics. Valid but odd data (huge,
//! tiny and boundary numbers, long and CJK text, control characters) loads, and every view
//! draws it at every size without panicking and without a control character on screen.

use std::io;

use std::time::Instant;

use gapdash::action::Action;
use gapdash::app::{App, Options, View};
use gapdash::data::figures::ascii_form;
use gapdash::data::fmt;
use gapdash::data::load::{builtin_bytes, load};
use gapdash::data::{
    Headline, HouseholdRatio, Households, Individuals, Note, Notes, Penetration, Period,
    Provenance, Quote, QuoteNotes, Report, Sales, Share, World, YearSales, write,
};
use gapdash::snapshot::render_text;
use proptest::prelude::*;

const FILES: [&str; 9] = [
    "report.toml",
    "penetration.toml",
    "sales.toml",
    "world.toml",
    "quotes.toml",
    "since.toml",
    "i18n/en.toml",
    "i18n/zh.toml",
    "notes.toml",
];

/// The built-in words of both languages: the data under test is the figures.
static BUILTIN_I18N: std::sync::LazyLock<gapdash::data::i18n::I18n> =
    std::sync::LazyLock::new(|| gapdash::data::builtin().expect("built-in data").i18n);

/// The built-in view since the report, with which the odd data of the other files is drawn,
/// moved on 75 years (to 2095–2100) so that it comes after every period and year generated.
static BUILTIN_SINCE: std::sync::LazyLock<gapdash::data::Since> = std::sync::LazyLock::new(|| {
    let mut since = gapdash::data::builtin().expect("built-in data").since;
    let later = |period: &str| match gapdash::data::month_year(period) {
        Some((year, month)) => gapdash::data::period_name(year + 75, month),
        None => period.to_string(),
    };
    since.rebase.after = later(&since.rebase.after);
    for p in &mut since.periods {
        p.period = later(&p.period);
    }
    for sale in &mut since.sales {
        sale.year += 75;
    }
    since
});

/// Loads the built-in files with `name` replaced by `bytes`, and checks the answer.
fn load_with(name: &str, bytes: &[u8]) {
    let read = |file: &str| -> io::Result<Vec<u8>> {
        if file == name {
            Ok(bytes.to_vec())
        } else {
            builtin_bytes(file)
        }
    };
    if let Err(e) = load(read, "mydata") {
        assert!(!e.problems.is_empty());
        for p in &e.problems {
            let file = p.file.strip_prefix("mydata/");
            assert!(file.is_some(), "{p}");
            // A problem found by comparing files (a stale figure in a note) is in the file
            // it names, which need not be the one changed.
            let text = read(file.unwrap_or_default()).expect("a problem names a data file");
            let lines = String::from_utf8_lossy(&text).lines().count().max(1) + 1;
            if let Some((line, column)) = p.position {
                assert!(
                    line >= 1 && column >= 1 && line <= lines,
                    "{p} (file has {lines} lines)"
                );
            }
            let shown = format!("{p:#}");
            assert!(
                !shown.chars().any(|c| c != '\n' && c.is_control()),
                "{shown:?}"
            );
        }
    }
}

/// Text shaped like the data files: their keys and headers with values of every TOML type,
/// often wrong, sometimes broken.
fn tomlish() -> impl Strategy<Value = String> {
    let header = prop_oneof![
        Just("[[period]]".to_string()),
        Just("[[year]]".to_string()),
        Just("[[quote]]".to_string()),
        Just("[[individuals]]".to_string()),
        Just("[[households]]".to_string()),
        Just("[poor_villages]".to_string()),
        Just("[overview]".to_string()),
        Just("[[quotes.quote]]".to_string()),
        Just("[[period".to_string()),
    ];
    let key = prop_oneof![
        Just("period"),
        Just("report"),
        Just("urban_pct"),
        Just("rural_pct"),
        Just("confidence"),
        Just("derived"),
        Just("derivation"),
        Just("source"),
        Just("year"),
        Just("yuan_billion"),
        Just("text"),
        Just("speaker"),
        Just("reported"),
        Just("pct"),
        Just("notes"),
        Just("wording"),
        Just("title"),
        Just("headline_quote"),
        Just("sales_from"),
        Just("sales_to"),
        Just("bogus"),
    ];
    let value = prop_oneof![
        any::<i64>().prop_map(|n| n.to_string()),
        any::<f64>().prop_map(|f| format!("{f:?}")),
        Just("nan".to_string()),
        Just("-inf".to_string()),
        Just("1e400".to_string()),
        Just("\"V\"".to_string()),
        Just("\"D\"".to_string()),
        Just("\"Jun 2020\"".to_string()),
        Just("\"\"".to_string()),
        Just("[]".to_string()),
        Just("{}".to_string()),
        Just("true".to_string()),
        Just("1979-05-27T07:32:00Z".to_string()),
        "\"[^\"\\\\\n]{0,20}\"".prop_map(|s| s),
        "[^\n]{0,10}".prop_map(|s| s),
    ];
    let line = prop_oneof![
        1 => header,
        6 => (key, value).prop_map(|(k, v)| format!("{k} = {v}")),
        1 => "#[^\n]{0,20}".prop_map(|s| s),
        1 => Just(String::new()),
    ];
    prop::collection::vec(line, 0..40).prop_map(|lines| lines.join("\n"))
}

/// A valid data set with odd values (every figure at or inside the bounds `check` allows), as
/// the report and as the five files' text.
fn odd_data() -> impl Strategy<Value = (Report, Vec<String>)> {
    let text = prop_oneof![
        "[a-zA-Z ,.'-]{1,40}",
        "[\\p{Han}]{1,60}",
        "[\\p{Han} a-z]{1,400}",
        ".{1,80}",
        "x{1,5000}",
        "[a-z]{1,3}[\\x00-\\x1f\\x7f\\u{80}-\\u{9f}\\u{202a}-\\u{202e}\\u{2066}-\\u{2069}][a-z ]{1,10}",
    ]
    .prop_filter("not blank", |s: &String| !s.trim().is_empty())
    // The screen is searched for these as signs of a broken number; the data's own text
    // must not hold them.
    .prop_filter("no number-like words", |s: &String| {
        !["inf", "NaN", "-0.0", "…"].iter().any(|w| s.contains(w))
    });
    let pct = prop_oneof![
        Just(0.0),
        Just(-0.0),
        Just(100.0),
        Just(1e-300),
        Just(0.04),
        Just(99.99999999),
        0.0..=100.0f64
    ];
    let money = prop_oneof![
        Just(0.01),
        Just(100_000.0),
        Just(0.015),
        Just(99_999.99),
        0.01..=100_000.0f64
    ];
    let ratio = prop_oneof![Just(0.01), Just(100.0), 0.01..=100.0f64];
    let period = (pct.clone(), pct.clone(), text.clone(), text.clone());
    let periods = prop::collection::vec(period, 1..8);
    let years = prop::collection::vec(
        (
            money.clone(),
            prop::option::of(money.clone()),
            prop::option::of(text.clone()),
        ),
        2..9,
    );
    // A wording states its figure, so these are figures a wording writes in a few digits.
    let written_pct = prop_oneof![
        Just(0.0),
        Just(100.0),
        Just(0.04),
        Just(99.99999999),
        (0.0..=100.0f64).prop_map(|v| (v * 100.0).round() / 100.0)
    ];
    let individuals = prop::collection::vec((written_pct, text.clone()), 1..5);
    let households = prop::collection::vec((pct.clone(), pct.clone(), text.clone()), 1..5);
    let ratios = prop::collection::vec((ratio, text.clone()), 0..3);
    let quotes = prop::collection::vec((text.clone(), text.clone(), any::<bool>()), 1..12);
    (
        periods,
        years,
        individuals,
        households,
        ratios,
        quotes,
        text,
        1990u16..2070,
        any::<prop::sample::Index>(),
    )
        .prop_map(
            |(periods, years, individuals, households, ratios, quotes, words, first_year, pick)| {
                let stated = |source: &str| Provenance::stated(source);
                let period_names: Vec<String> = (0..periods.len())
                    .map(|i| {
                        let month = ["Jan", "Jun", "Dec"][i % 3];
                        format!("{month} {}", first_year as usize + i)
                    })
                    .collect();
                let penetration = Penetration {
                    notes: vec![words.clone()],
                    periods: periods
                        .iter()
                        .zip(&period_names)
                        .map(|((a, b, report, source), name)| Period {
                            period: name.clone(),
                            report: report.clone(),
                            // Urban is never below rural.
                            urban_pct: a.max(*b),
                            rural_pct: a.min(*b),
                            derived: None,
                            provenance: stated(source),
                        })
                        .collect(),
                    changes: Vec::new(),
                };
                let year_numbers: Vec<u16> = (0..years.len())
                    .map(|i| first_year + 3 * i as u16)
                    .collect();
                let sales = Sales {
                    wording: words.clone(),
                    wording_source: words.clone(),
                    years: years
                        .iter()
                        .zip(&year_numbers)
                        .map(|((yuan, usd, note), year)| YearSales {
                            year: *year,
                            yuan_billion: *yuan,
                            usd_billion_about: *usd,
                            change_pct: None,
                            note: note.clone(),
                            provenance: stated(&words),
                        })
                        .collect(),
                };
                let world = World {
                    individuals: individuals
                        .iter()
                        .map(|(pct, t)| Individuals {
                            group: t.clone(),
                            pct: *pct,
                            wording: format!("{} % {t}", fmt::num(*pct)),
                            edition: t.clone(),
                            provenance: stated(t),
                        })
                        .collect(),
                    households: households
                        .iter()
                        .map(|(urban_pct, rural_pct, t)| Households {
                            group: t.clone(),
                            urban_pct: *urban_pct,
                            rural_pct: *rural_pct,
                            edition: t.clone(),
                            provenance: stated(t),
                        })
                        .collect(),
                    household_ratio: ratios
                        .iter()
                        .map(|(x, t)| HouseholdRatio {
                            group: t.clone(),
                            urban_to_rural: *x,
                            wording: format!("{}× {t}", fmt::num(*x)),
                            edition: t.clone(),
                            provenance: stated(t),
                        })
                        .collect(),
                };
                let quotes: Vec<Quote> = quotes
                    .iter()
                    .map(|(text, speaker, reported)| Quote {
                        text: text.clone(),
                        speaker: speaker.clone(),
                        source: speaker.clone(),
                        reported: *reported,
                    })
                    .collect();
                let headline = Headline {
                    title: words.clone(),
                    released: words.clone(),
                    venue: words.clone(),
                    source: words.clone(),
                    period: pick.get(period_names.as_slice()).clone(),
                    sales_from: year_numbers[0],
                    sales_to: *pick.get(&year_numbers[1..]),
                    headline_quote: pick.index(quotes.len()) + 1,
                    poor_villages: Share {
                        label: words.clone(),
                        pct: 100.0,
                        provenance: stated(&words),
                    },
                };
                // Notes in the same odd words, without digits of any script: a note may state
                // only figures the data holds, and these figures are random.
                let said: String = words
                    .chars()
                    .filter(|c| !c.is_ascii_digit() && ascii_form(*c).is_none())
                    .take(4000)
                    .collect();
                let said = if said.trim().is_empty() {
                    "Say this.".to_string()
                } else {
                    said
                };
                let note = || Note {
                    text: said.clone(),
                    zh: None,
                };
                let notes = Notes {
                    overview: note(),
                    penetration: note(),
                    sales: note(),
                    quotes: QuoteNotes {
                        text: said.clone(),
                        zh: None,
                        quotes: quotes.iter().map(|_| note()).collect(),
                    },
                    world: note(),
                    since: note(),
                    sources: note(),
                    stale: Default::default(),
                };
                let report = Report {
                    headline,
                    penetration,
                    sales,
                    world,
                    quotes,
                    since: BUILTIN_SINCE.clone(),
                    notes: Some(notes),
                    i18n: BUILTIN_I18N.clone(),
                    warnings: Vec::new(),
                };
                let files = write::files(&report)
                    .expect("serialize")
                    .into_iter()
                    .map(|(_, text)| text)
                    .collect::<Vec<_>>();
                (report, files)
            },
        )
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(256))]

    #[test]
    fn arbitrary_bytes_never_panic(file in 0..FILES.len(), bytes in prop::collection::vec(any::<u8>(), 0..2000)) {
        load_with(FILES[file], &bytes);
    }

    #[test]
    fn arbitrary_text_never_panics(file in 0..FILES.len(), text in ".{0,2000}") {
        load_with(FILES[file], text.as_bytes());
    }

    #[test]
    fn data_shaped_text_never_panics(file in 0..FILES.len(), text in tomlish()) {
        load_with(FILES[file], text.as_bytes());
    }

    #[test]
    fn one_value_changed_to_anything_never_panics(file in 0..FILES.len(), line in any::<prop::sample::Index>(), value in tomlish()) {
        let original = String::from_utf8(builtin_bytes(FILES[file]).expect("built in")).expect("UTF-8");
        let lines: Vec<&str> = original.lines().collect();
        let at = line.index(lines.len());
        let changed = match lines[at].split_once(" = ") {
            Some((key, _)) => format!("{key} = {}", value.lines().next().unwrap_or_default().split_once(" = ").map_or("0", |(_, v)| v)),
            None => value,
        };
        let mut edited = lines.clone();
        edited[at] = &changed;
        load_with(FILES[file], edited.join("\n").as_bytes());
    }
}

/// What no screen may show, whatever the data: a number that is not one, a signed zero, or a
/// number cut short ("…" right after a digit).
fn broken_numbers(screen: &str) -> Vec<String> {
    let mut found = Vec::new();
    for word in ["inf", "NaN", "-0.0"] {
        if screen.contains(word) {
            found.push(format!("{word:?}"));
        }
    }
    let chars: Vec<char> = screen.chars().collect();
    for pair in chars.windows(2) {
        if pair[0].is_ascii_digit() && pair[1] == '…' {
            found.push(format!("a number cut short: {}{}", pair[0], pair[1]));
        }
    }
    found
}

/// Figures each view must show whole at 100×30, whatever the data.
fn figures_at_100x30(report: &Report, view: View) -> Vec<String> {
    match view {
        View::Overview => {
            let p = report
                .penetration
                .periods
                .iter()
                .find(|p| p.period == report.headline.period)
                .expect("the headline period exists");
            vec![fmt::pct1(p.urban_pct), fmt::pct1(p.rural_pct)]
        }
        View::Penetration => report
            .penetration
            .periods
            .iter()
            .flat_map(|p| [fmt::pct1(p.urban_pct), fmt::pct1(p.rural_pct)])
            .collect(),
        View::Sales => report
            .sales
            .years
            .iter()
            .map(|y| fmt::num(y.yuan_billion))
            .collect(),
        _ => Vec::new(),
    }
}

proptest! {
    // Each case draws six views at five sizes, and in presentation mode.
    #![proptest_config(ProptestConfig::with_cases(48))]

    /// Any data `check` accepts renders on every view with finite, formatted numbers that
    /// are never cut; at 100×30 each view's own figures are on screen whole.
    #[test]
    fn accepted_data_renders_sanely_on_every_view(data in odd_data()) {
        let (written, files) = data;
        let read = |name: &str| -> io::Result<Vec<u8>> {
            let i = FILES.iter().position(|f| *f == name).expect("known file");
            Ok(files[i].clone().into_bytes())
        };
        let report = match load(read, "odd") {
            Ok(report) => report,
            Err(e) => panic!("valid data refused:\n{e}\n{}", files.join("\n----\n")),
        };
        // Text is cleaned on the way in; the figures come back exactly as written.
        let figures = |r: &Report| -> Vec<(u16, f64, Option<f64>)> {
            r.sales.years.iter().map(|y| (y.year, y.yuan_billion, y.usd_billion_about)).collect()
        };
        prop_assert_eq!(figures(&report), figures(&written));
        prop_assert_eq!(&report.penetration.periods.len(), &written.penetration.periods.len());
        for view in View::ALL {
            for present in [false, true] {
                let mut options = Options::new(view);
                options.present = present;
                options.animation = false;
                let mut app = App::with_options(report.clone(), options, Instant::now());
                for (width, height) in [(10, 5), (60, 18), (80, 24), (100, 30), (200, 60)] {
                    app.update(Action::Resize(width, height));
                    let shown = render_text(&app, width, height);
                    prop_assert!(!shown.chars().any(|c| c != '\n' && c.is_control()), "{shown:?}");
                    prop_assert!(
                        !shown.contains(['\u{202e}', '\u{2066}']),
                        "a bidi override reached the screen"
                    );
                    let broken = broken_numbers(&shown);
                    prop_assert!(
                        broken.is_empty(),
                        "{} at {width}x{height}, present {present}: {broken:?}\n{shown}",
                        view.name()
                    );
                    if (width, height) == (100, 30) && !present {
                        for figure in figures_at_100x30(&report, view) {
                            prop_assert!(
                                shown.contains(&figure),
                                "{} at 100x30 shows {figure} whole:\n{shown}",
                                view.name()
                            );
                        }
                    }
                }
                for _ in 0..3 {
                    app.update(Action::Down);
                }
                render_text(&app, 80, 24);
            }
        }
    }
}
