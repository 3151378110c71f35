//! The dashboard in Chinese: every view at 80×24 and 100×30 and in presentation mode as
//! snapshots; every row exactly as wide as the terminal at any size, no wide character cut
//! at an edge or overdrawn by its neighbour; the report's Chinese terms as the sources write
//! them; and no English left on screen but the quotes (which are never translated) and
//! names.

mod common;

use std::collections::BTreeSet;

use common::screen::{Result, draw, text};
use gapdash::action::Action;
use gapdash::app::{App, Options, View};
use gapdash::data::{Lang, Report, Strings, builtin};
use gapdash::ui::Dashboard;
use gapdash::ui::theme::Theme;
use proptest::prelude::*;
use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::widgets::Widget;
use unicode_width::UnicodeWidthStr;

fn report() -> Report {
    builtin().expect("built-in data loads")
}

fn chinese(view: View, present: bool) -> App {
    let options = Options {
        present,
        animation: false,
        lang: Lang::Zh,
        ..Options::new(view)
    };
    App::with_options(report(), options, std::time::Instant::now())
}

/// Text each view must show in Chinese: the sources' own terms where they have them.
fn must_show(view: View) -> &'static [&'static str] {
    match view {
        View::Overview => &[
            "《中国互联网发展报告2020》",
            "城镇 · 2020年6月",
            "76.4%",
            "个百分点",
        ],
        View::Penetration => &["互联网普及率", "2020年6月", "第46次报告", "差距 24.1*"],
        View::Sales => &["农村网络零售额", "商务大数据监测", "亿元", "17000", "9.4倍"],
        View::Quotes => &["原话", "1/8", "The Internet has played a remarkable role"],
        View::World => &["全球数字鸿沟", "最不发达国家", "19%", "72%", "38%"],
        View::Since => &["报告之后", "2021年调整了统计口径", "未发布", "52.3 / 67.0"],
        View::Sources => &["来源", "2015年6月城镇地区互联网普及率", "64.2%"],
    }
}

/// Each row's cells as a terminal shows them: the display width of the row is the buffer's
/// width, no wide character starts in the last column, and the cell a wide character covers
/// is left blank (a terminal would otherwise draw half of one or the other).
fn assert_rows_whole(buf: &Buffer, what: &str) {
    let area = buf.area;
    for y in area.top()..area.bottom() {
        let mut width = 0;
        let mut x = area.left();
        while x < area.right() {
            let symbol = buf[(x, y)].symbol();
            let w = symbol.width().max(1) as u16;
            assert!(
                x + w <= area.right(),
                "{what}: a wide character cut at the right edge of row {y}"
            );
            for covered in x + 1..x + w {
                let hidden = buf[(covered, y)].symbol();
                assert!(
                    hidden == " " || hidden.is_empty(),
                    "{what}: {hidden:?} drawn over the right half of {symbol:?} at ({covered},{y})"
                );
            }
            width += w;
            x += w;
        }
        assert_eq!(width, area.width, "{what}: row {y}");
    }
}

fn every_view_in_chinese_matches_its_snapshot_at(width: u16, height: u16, present: bool) -> Result {
    for view in View::ALL {
        let terminal = draw(&chinese(view, present), width, height)?;
        let screen = text(&terminal);
        let what = format!("{} {width}x{height} present {present}", view.name());
        for needle in must_show(view) {
            assert!(
                screen.contains(needle),
                "{what} should show {needle:?}:\n{screen}"
            );
        }
        assert_rows_whole(terminal.backend().buffer(), &what);
        let name = if present { "present_" } else { "" };
        insta::assert_snapshot!(
            format!("zh_{name}{}_{width}x{height}", view.name()),
            terminal.backend()
        );
    }
    Ok(())
}

#[test]
fn every_view_in_chinese_matches_its_snapshot_at_80x24() -> Result {
    every_view_in_chinese_matches_its_snapshot_at(80, 24, false)
}

#[test]
fn every_view_in_chinese_matches_its_snapshot_at_100x30() -> Result {
    every_view_in_chinese_matches_its_snapshot_at(100, 30, false)
}

#[test]
fn presentation_mode_in_chinese_matches_its_snapshot_at_100x30() -> Result {
    every_view_in_chinese_matches_its_snapshot_at(100, 30, true)
}

#[test]
fn help_and_too_small_speak_chinese() -> Result {
    let mut app = chinese(View::Overview, false);
    app.update(Action::ToggleHelp);
    let screen = text(&draw(&app, 80, 24)?);
    for needle in [
        "按键",
        "下一个视图（最后一个之后回到第一个）",
        "Esc 或 ? 关闭",
        "English / 中文",
    ] {
        assert!(screen.contains(needle), "help shows {needle:?}:\n{screen}");
    }
    let screen = text(&draw(&chinese(View::Overview, false), 40, 12)?);
    assert!(screen.contains("终端太小：40×12。"), "{screen}");
    assert!(screen.contains("60×18"), "{screen}");
    Ok(())
}

/// Words that stay as they are in Chinese: names of sources and of the program, keys,
/// the confidence letters, the units of big text, and every word of the quotes (which are
/// never translated) and of the one English article title a source names.
fn untranslated(report: &Report) -> BTreeSet<String> {
    let mut words: BTreeSet<String> = [
        "CNNIC",
        "COVID",
        "IT",
        "gapdash",
        "gov",
        "cn",
        "Tab",
        "Shift",
        "Esc",
        "Ctrl",
        "PgUp",
        "PgDn",
        "Home",
        "End",
        "Space",
        "Backspace",
        "fg",
        "English",
        "UTF",
        "tn",
        "bn",
        "US",
        "V",
        "D",
        "Narrowed",
        "digital",
        "gap",
        "contributes",
        "to",
        "China's",
        "poverty",
        "alleviation",
        "Report",
    ]
    .iter()
    .map(|w| w.to_string())
    .collect();
    for quote in &report.quotes {
        words.extend(english_words(&quote.text));
    }
    words
}

/// The runs of two or more Latin letters (with apostrophes) in `text`.
fn english_words(text: &str) -> Vec<String> {
    text.split(|c: char| !(c.is_ascii_alphabetic() || c == '\''))
        .map(|w| w.trim_matches('\''))
        .filter(|w| w.len() >= 2)
        .map(str::to_string)
        .collect()
}

fn assert_no_english(text: &str, allowed: &BTreeSet<String>, what: &str) {
    // A word cut short with "…" is allowed when its whole is.
    let left: Vec<String> = english_words(text)
        .into_iter()
        .filter(|w| !allowed.iter().any(|a| a.starts_with(w.as_str())))
        .collect();
    assert!(
        left.is_empty(),
        "{what}: English left in Chinese: {left:?}\n{text}"
    );
}

#[test]
fn no_english_is_left_on_any_chinese_screen_but_quotes_and_names() -> Result {
    let report = report();
    let allowed = untranslated(&report);
    for view in View::ALL {
        for (width, height, present) in [(100, 30, false), (200, 60, false), (100, 30, true)] {
            let mut app = chinese(view, present);
            // Every quote, and every source row's detail.
            let steps = report.quotes.len().max(app.sources().len());
            for step in 0..steps {
                let screen = text(&draw(&app, width, height)?);
                let what = format!("{} {width}x{height} step {step}", view.name());
                assert_no_english(&screen, &allowed, &what);
                if !matches!(view, View::Quotes | View::Sources) {
                    break;
                }
                app.update(Action::Down);
            }
        }
    }
    Ok(())
}

#[test]
fn every_source_row_is_in_chinese() {
    let report = report();
    let allowed = untranslated(&report);
    for row in report.source_rows(&report.i18n.zh) {
        let p = &row.provenance;
        let all = format!(
            "{} | {} | {} | {}",
            row.figure,
            row.value,
            p.source,
            p.derivation.as_deref().unwrap_or_default()
        );
        assert_no_english(&all, &allowed, "a source row");
    }
}

/// Keys whose Chinese is the same as their English: names, keys and units that are not
/// translated, and places alone.
const SAME_IN_BOTH: &[&str] = &[
    "keys.language",
    "numbers.billion_short",
    "numbers.trillion_short",
    "sources.keys",
    "overview.card",
    "handout.footer",
    "since.derived",
    "since.weaker_figure",
    "figures.passed_half_how",
    "figures.gap_below_how",
];

/// Every text of a language file, by key.
fn texts(strings: &Strings) -> Vec<(String, String)> {
    fn walk(prefix: &str, value: &toml::Value, out: &mut Vec<(String, String)>) {
        match value {
            toml::Value::String(s) => out.push((prefix.to_string(), s.clone())),
            toml::Value::Table(t) => {
                for (k, v) in t {
                    if prefix.is_empty() && k == "terms" {
                        continue;
                    }
                    let key = if prefix.is_empty() {
                        k.clone()
                    } else {
                        format!("{prefix}.{k}")
                    };
                    walk(&key, v, out);
                }
            }
            toml::Value::Array(items) => {
                for (i, v) in items.iter().enumerate() {
                    walk(&format!("{prefix}.{i}"), v, out);
                }
            }
            _ => {}
        }
    }
    let mut out = Vec::new();
    walk(
        "",
        &toml::Value::try_from(strings).expect("serializes"),
        &mut out,
    );
    out
}

#[test]
fn every_english_string_has_a_chinese_counterpart() {
    let report = report();
    let (en, zh) = (texts(&report.i18n.en), texts(&report.i18n.zh));
    let zh: std::collections::BTreeMap<_, _> = zh.into_iter().collect();
    for (key, english) in en {
        let chinese = zh
            .get(&key)
            .unwrap_or_else(|| panic!("zh.toml lacks {key}"));
        let is_name = key.starts_with("language.");
        if english.chars().any(|c| c.is_ascii_alphabetic())
            && !is_name
            && !SAME_IN_BOTH.contains(&key.as_str())
        {
            assert_ne!(&english, chinese, "{key} is English in zh.toml");
        }
    }
    // The data's own texts: each one shown has a Chinese term (checked on screen above);
    // and no term translates a text the data does not have.
    fn strings(value: &toml::Value, out: &mut BTreeSet<String>) {
        match value {
            toml::Value::String(s) => {
                out.insert(s.clone());
            }
            toml::Value::Table(t) => t.values().for_each(|v| strings(v, out)),
            toml::Value::Array(items) => items.iter().for_each(|v| strings(v, out)),
            _ => {}
        }
    }
    let mut data = BTreeSet::new();
    for (name, text) in gapdash::data::BUILTIN_FILES {
        if !name.starts_with("i18n/") {
            let table: toml::Table = text.parse().expect("data files parse");
            strings(&toml::Value::Table(table), &mut data);
        }
    }
    for english in report.i18n.zh.terms.keys() {
        assert!(
            data.contains(english),
            "the term {english:?} is not a text of the data files"
        );
    }
}

#[test]
fn the_official_terms_are_as_the_sources_write_them() {
    let report = report();
    let zh = &report.i18n.zh;
    let rows = report.source_rows(zh);
    let all: String = rows
        .iter()
        .map(|r| format!("{} {}\n", r.figure, r.value))
        .collect();
    for term in [
        "城镇地区互联网普及率",
        "农村地区互联网普及率",
        "城乡地区互联网普及率差异",
        "个百分点",
        "农村网络零售额",
        "贫困村通光纤比例",
        "最不发达国家",
    ] {
        assert!(all.contains(term), "{term} in the Sources rows:\n{all}");
    }
    assert_eq!(
        zh.term(&report.headline.title),
        "《中国互联网发展报告2020》"
    );
    assert_eq!(
        zh.term(&report.headline.venue),
        "2020世界互联网大会·互联网发展论坛，浙江乌镇"
    );
    assert_eq!(zh.period("Jun 2020"), "2020年6月");
    assert_eq!(zh.yuan(1700.0), "1.7万亿元");
    assert_eq!(zh.yuan(180.0), "1800亿元");
    assert_eq!(zh.points("24.1"), "24.1个百分点");
    assert_eq!(zh.times("9.4"), "9.4倍");
    assert_eq!(report.i18n.en.yuan(1700.0), "1.7 trillion yuan");
}

#[test]
fn switching_language_keeps_the_view_the_quote_and_the_source() {
    let mut app = App::new(report(), View::Quotes);
    app.update(Action::Down);
    app.update(Action::Down);
    app.update(Action::SwitchLanguage);
    assert_eq!(
        (app.lang(), app.view(), app.quote()),
        (Lang::Zh, View::Quotes, 2)
    );
    app.update(Action::Goto(View::Sources));
    app.update(Action::Down);
    app.update(Action::SwitchLanguage);
    assert_eq!((app.lang(), app.source()), (Lang::En, 1));
    assert!(
        app.sources()[1]
            .figure
            .contains("rural Internet penetration")
    );
}

#[test]
fn without_wide_text_chinese_falls_back_to_english_and_says_so() -> Result {
    let options = Options {
        ascii: true,
        lang: Lang::Zh,
        ..Options::new(View::Overview)
    };
    let mut app = App::with_options(report(), options, std::time::Instant::now());
    assert_eq!(app.lang(), Lang::En);
    let screen = text(&draw(&app, 100, 30)?);
    assert!(
        screen.contains("Chinese needs a UTF-8 terminal"),
        "{screen}"
    );
    assert!(screen.is_ascii(), "no mojibake:\n{screen}");
    app.update(Action::NextView);
    app.update(Action::SwitchLanguage);
    assert_eq!(
        app.lang(),
        Lang::En,
        "L cannot switch to what cannot be shown"
    );
    assert!(text(&draw(&app, 100, 30)?).contains("Chinese needs a UTF-8 terminal"));
    Ok(())
}

/// Sizes from nothing to large, weighted to the small ones where things get cut.
fn size() -> impl Strategy<Value = (u16, u16)> {
    prop_oneof![
        3 => (0u16..=300, 0u16..=120),
        3 => (55u16..=110, 15u16..=35),
        1 => prop::sample::select(vec![(60, 18), (80, 24), (100, 30), (200, 60)]),
    ]
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(64))]

    /// At any size, on any view, in or out of presentation mode, with help open or not:
    /// drawing in Chinese never panics and every row is whole.
    #[test]
    fn chinese_rows_are_whole_at_any_size(
        (width, height) in size(),
        view in prop::sample::select(View::ALL.to_vec()),
        present in any::<bool>(),
        help in any::<bool>(),
        downs in 0usize..80,
    ) {
        let mut app = chinese(view, present);
        app.update(Action::Resize(width, height));
        for _ in 0..downs {
            app.update(Action::Down);
        }
        if help {
            app.update(Action::ToggleHelp);
        }
        let area = Rect::new(0, 0, width, height);
        let mut buf = Buffer::empty(area);
        Dashboard::new(&app, &[Theme::default()]).render(area, &mut buf);
        assert_rows_whole(&buf, &format!("{} {width}x{height}", view.name()));
    }
}

/// The notes panel in Chinese: its title and next view, and the notes themselves in the
/// Chinese of data/notes.toml, with every row whole; no English but names and quotes.
#[test]
fn the_notes_panel_speaks_chinese() -> Result {
    let report = report();
    let allowed = untranslated(&report);
    for view in View::ALL {
        for (width, height) in [(100, 30), (60, 18)] {
            let mut app = chinese(view, false);
            app.update(Action::Resize(width, height));
            app.update(Action::ToggleNotes);
            let terminal = draw(&app, width, height)?;
            let screen = text(&terminal);
            let what = format!("notes on {} at {width}x{height}", view.name());
            assert!(screen.contains("备注 · "), "{what}:\n{screen}");
            assert_no_english(&screen, &allowed, &what);
            assert_rows_whole(terminal.backend().buffer(), &what);
            if (width, height) == (100, 30) && matches!(view, View::Penetration | View::Quotes) {
                // The panel's rows: the views above it have snapshots of their own.
                let area = Rect::new(0, 0, width, height);
                let (_, panel) = gapdash::layout::stage_and_notes(area, None, true);
                let top = panel.map_or(0, |p| p.y as usize);
                let rows: Vec<&str> = screen.lines().skip(top).collect();
                insta::assert_snapshot!(
                    format!("zh_notes_{}_{width}x{height}", view.name()),
                    rows.join("\n")
                );
            }
        }
    }
    Ok(())
}

/// The console follows the dashboard's language: a dashboard in Chinese makes the
/// console's words Chinese, its notes and preview come in Chinese; a console that can
/// show only ASCII keeps its own words in English.
#[test]
fn the_console_speaks_the_dashboards_language() -> Result {
    use gapdash::console::{Console, Event};
    use gapdash::wire::State;
    use gapdash_console::screen::ConsoleScreen;
    let mut app = chinese(View::Penetration, false);
    app.update(Action::Resize(100, 30));
    let state = State::of(&app, 1_764_460_800_000);
    assert_eq!(state.lang, Lang::Zh);
    assert!(state.notes[0].contains("36.2个百分点"), "{:?}", state.notes);
    let console = |ascii: bool, (width, height): (u16, u16)| -> Result<String> {
        let mut console = Console::new(
            "default",
            "/run/user/1000/gapdash/default.sock",
            ascii,
            Lang::En,
            report().i18n,
        );
        console.update(Event::Resize(width, height));
        // Connected a while ago: the status line's "connected" has gone since.
        console.update(Event::Tick {
            now_ms: state.timer_started_ms + 110_000,
            clock: "14:04:59".into(),
        });
        console.update(Event::Connected);
        console.update(Event::State(Box::new(state.clone())));
        console.update(Event::Tick {
            now_ms: state.timer_started_ms + 120_000,
            clock: "14:05:09".into(),
        });
        let mut terminal =
            ratatui::Terminal::new(ratatui::backend::TestBackend::new(width, height))?;
        let theme = Theme::default();
        terminal.draw(|f| f.render_widget(ConsoleScreen::new(&console, &theme), f.area()))?;
        if !ascii {
            assert_rows_whole(
                terminal.backend().buffer(),
                &format!("console {width}x{height}"),
            );
            insta::assert_snapshot!(
                format!("zh_console_penetration_{width}x{height}"),
                terminal.backend()
            );
        }
        Ok(text(&terminal))
    };
    let screen = console(false, (80, 24))?;
    for needle in [
        "gapdash 控制台",
        "视图 2/7 普及率",
        "下一个：3 农村网络零售额",
        "演讲",
        "已用 02:00",
        "时钟 14:05:09",
        "退出",
    ] {
        assert!(screen.contains(needle), "{needle:?}:\n{screen}");
    }
    // Narrow: the notes are taller than the console, and the next view's name gives way
    // to how much is left to read.
    let screen = console(false, (50, 14))?;
    let row = screen
        .lines()
        .find(|l| l.contains("还有"))
        .unwrap_or_else(|| panic!("how much is left to read:\n{screen}"));
    assert!(row.contains("下一个") && row.contains('…'), "{row}");
    let screen = console(true, (80, 24))?;
    for needle in [
        "gapdash console",
        "view 2/7 Penetration",
        "Next: 3 Rural sales",
        "quit",
    ] {
        assert!(screen.contains(needle), "{needle:?}:\n{screen}");
    }
    Ok(())
}
