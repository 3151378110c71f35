//! Whole-screen snapshots of every view, the help overlay and the too-small message, drawn
//! through ratatui's `TestBackend`; and a sweep proving no size makes drawing panic.

mod common;

use common::screen::{Result, draw, text};

use gapdash::action::Action;
use gapdash::app::{App, View};
use gapdash::layout::{MIN_HEIGHT, MIN_WIDTH};
use gapdash::wire::State;

/// The built-in English words.
fn english() -> gapdash::data::Strings {
    gapdash::data::builtin()
        .expect("built-in data loads")
        .i18n
        .en
}

fn app(view: View) -> App {
    App::new(gapdash::data::builtin().expect("built-in data loads"), view)
}

/// Text every view must show at a usable size, so a snapshot accepted by mistake with the
/// figures missing still fails.
fn must_show(view: View) -> &'static [&'static str] {
    match view {
        View::Overview => &["China Internet Development Report 2020", "76.4", "52.3"],
        View::Penetration => &[
            "Internet penetration, urban vs rural",
            "76.4",
            "52.3",
            "gap 24.1",
        ],
        View::Sales => &["Rural online retail sales", "180", "1700", "9.4×"],
        View::Quotes => &["In their words", "1/8"],
        View::World => &["The global divide", "72 %", "38 %", "53 %", "19 %"],
        View::Since => &[
            "Since the report",
            "52.3 / 67.0",
            "69.5 / 80.1",
            "series re-based in 2021",
            "not published",
            "> 3 tn (first time)",
        ],
        View::Sources => &["Sources", "64.2 %"],
    }
}

fn assert_shows(screen: &str, view: View, size: &str) {
    for needle in must_show(view) {
        assert!(
            screen.contains(needle),
            "{} at {size} should show {needle:?}:\n{screen}",
            view.name()
        );
    }
    assert!(
        screen
            .lines()
            .next()
            .is_some_and(|l| l.contains(&view.title(&english()).to_string())),
        "the title bar names the current view {:?}:\n{screen}",
        view.title(&english()).to_string()
    );
}

fn every_view_matches_its_snapshot_at(width: u16, height: u16) -> Result {
    let size = format!("{width}x{height}");
    for view in View::ALL {
        let terminal = draw(&app(view), width, height)?;
        assert_shows(&text(&terminal), view, &size);
        insta::assert_snapshot!(format!("{}_{size}", view.name()), terminal.backend());
    }
    Ok(())
}

#[test]
fn every_view_matches_its_snapshot_at_80x24() -> Result {
    every_view_matches_its_snapshot_at(80, 24)
}

#[test]
fn every_view_matches_its_snapshot_at_100x30() -> Result {
    every_view_matches_its_snapshot_at(100, 30)
}

#[test]
fn every_view_matches_its_snapshot_at_160x48() -> Result {
    every_view_matches_its_snapshot_at(160, 48)
}

/// The notes panel's rows of `screen`, drawn at `width`×`height`: the views above it have
/// snapshots of their own.
fn notes_panel(screen: &str, width: u16, height: u16) -> String {
    let area = ratatui::layout::Rect::new(0, 0, width, height);
    let (_, panel) = gapdash::layout::stage_and_notes(area, None, true);
    let top = panel.map_or(0, |p| p.y as usize);
    screen.lines().skip(top).collect::<Vec<_>>().join("\n")
}

/// The speaker's notes under the view at 100×30, and over its bottom rows at 60×18 where
/// there is no room beneath it; on the quotes view, the quote's note first.
#[test]
fn the_notes_panel_matches_its_snapshots() -> Result {
    for (view, width, height) in [
        (View::Sales, 100, 30),
        (View::Quotes, 100, 30),
        (View::Overview, 60, 18),
    ] {
        let mut app = app(view);
        app.update(Action::Resize(width, height));
        app.update(Action::Down);
        app.update(Action::ToggleNotes);
        let screen = text(&draw(&app, width, height)?);
        assert!(screen.contains("Notes · "), "{screen}");
        if view == View::Sales {
            assert_shows(&screen, view, "100x30 with notes");
        }
        insta::assert_snapshot!(
            format!("notes_{}_{width}x{height}", view.name()),
            notes_panel(&screen, width, height)
        );
    }
    Ok(())
}

/// The notes panel shows the whole note, every paragraph, scrolling with ↓ (the wheel sends
/// the same), and says what is out of sight: "↓ n more lines" below ("↓ 1 more line"),
/// "↑ more" above.
#[test]
fn the_notes_panel_scrolls_through_the_whole_note() -> Result {
    let (width, height) = (100, 30);
    let mut app = app(View::Since);
    app.update(Action::Resize(width, height));
    app.update(Action::ToggleNotes);
    let lines = app.notes_lines();
    let room = app.notes_scroll_room();
    assert!(
        room >= 3,
        "the since view's notes are taller than the panel"
    );
    let mut seen = String::new();
    for scrolled in 0..=room {
        assert_eq!(app.notes_scroll(), scrolled);
        let panel = notes_panel(&text(&draw(&app, width, height)?), width, height);
        let left = room - scrolled;
        let says = |words: &str| panel.lines().last().is_some_and(|l| l.contains(words));
        if left == 1 {
            assert!(says("↓ 1 more line ╯"), "{panel}");
        } else if left > 0 {
            assert!(says(&format!("↓ {left} more lines")), "{panel}");
        } else {
            assert!(says("↑ more"), "{panel}");
        }
        if scrolled == 3 {
            insta::assert_snapshot!("notes_since_scrolled_100x30", panel);
        }
        seen.push_str(&panel);
        app.update(Action::Down);
    }
    assert_eq!(
        app.notes_scroll(),
        room,
        "past the notes' end, ↓ does not scroll"
    );
    for (_, line) in lines {
        assert!(
            seen.contains(line.trim_end()),
            "{line:?} never shown:\n{seen}"
        );
    }
    // Both paragraphs, to the note's last words.
    for said in [
        "The report stops in 2020",
        "Mind the break in 2021",
        "The trend the report saw held.",
    ] {
        assert!(seen.contains(said), "{said}:\n{seen}");
    }
    Ok(())
}

/// The built-in data with Dec 2018 rural penetration edited to 38.2: the penetration view's
/// notes still say the gap was 36.2.
fn stale_app(view: View) -> App {
    App::new(gapdash::data::load::builtin_with_stale_note(), view)
}

/// A note stating a figure the data no longer holds is shown marked stale, in the UI's
/// language, with the new figure on the view; without notes.toml the panel says so.
#[test]
fn the_notes_panel_marks_stale_notes_and_says_when_there_are_none() -> Result {
    let (width, height) = (100, 30);
    let mut app = stale_app(View::Penetration);
    app.update(Action::Resize(width, height));
    app.update(Action::ToggleNotes);
    let screen = text(&draw(&app, width, height)?);
    assert!(
        screen.contains(" 38.2 "),
        "the new figure is drawn:\n{screen}"
    );
    assert!(screen.contains("gap 36.4*"), "and the new gap:\n{screen}");
    let panel = notes_panel(&screen, width, height);
    assert!(
        panel.contains("Stale: this note states 36.2, which the data no longer holds"),
        "{panel}"
    );
    insta::assert_snapshot!("notes_penetration_stale_100x30", panel);
    app.update(Action::SwitchLanguage);
    let panel = notes_panel(&text(&draw(&app, width, height)?), width, height);
    assert!(
        panel.contains("备注已过时：其中的36.2已不是数据里的数字"),
        "{panel}"
    );

    let mut report = gapdash::data::builtin().expect("built-in data");
    report.notes = None;
    let mut app = App::new(report, View::World);
    app.update(Action::Resize(width, height));
    app.update(Action::ToggleNotes);
    let screen = text(&draw(&app, width, height)?);
    assert_shows(&screen, View::World, "100x30 without notes");
    let panel = notes_panel(&screen, width, height);
    assert!(
        panel.contains("No speaker's notes: the data has no notes.toml."),
        "{panel}"
    );
    app.update(Action::SwitchLanguage);
    let panel = notes_panel(&text(&draw(&app, width, height)?), width, height);
    assert!(
        panel.contains("没有演讲者备注：这份数据没有 notes.toml。"),
        "{panel}"
    );
    Ok(())
}

/// The console for `state` (None: waiting) at `width`×`height`, its clock `minutes` into
/// the talk at 14:05:09.
fn console(state: Option<State>, minutes: u64, width: u16, height: u16) -> Result<String> {
    let name = format!(
        "console_{}_{width}x{height}",
        match &state {
            None => "waiting".to_string(),
            Some(s) => format!("{}_{}", s.view.name(), s.quote + 1),
        }
    );
    console_named(&name, state, minutes, width, height)
}

/// As [`console`], its snapshot named `name`.
fn console_named(
    name: &str,
    state: Option<State>,
    minutes: u64,
    width: u16,
    height: u16,
) -> Result<String> {
    use gapdash::console::{Console, Event};
    use gapdash::ui::theme::Theme;
    use gapdash_console::screen::ConsoleScreen;
    let mut console = Console::new(
        "default",
        "/run/user/1000/gapdash/default.sock",
        false,
        gapdash::data::Lang::En,
        gapdash::data::builtin().expect("built-in data").i18n,
    );
    console.update(Event::Resize(width, height));
    let now = state.as_ref().map_or(0, |s| s.timer_started_ms) + minutes * 60_000;
    if let Some(state) = state {
        // Connected a while ago: the status line's "connected" has gone since.
        console.update(Event::Tick {
            now_ms: now - 10_000,
            clock: "14:04:59".into(),
        });
        console.update(Event::Connected);
        console.update(Event::State(Box::new(state)));
    }
    console.update(Event::Tick {
        now_ms: now,
        clock: "14:05:09".into(),
    });
    let mut terminal = ratatui::Terminal::new(ratatui::backend::TestBackend::new(width, height))?;
    let theme = Theme::default();
    terminal.draw(|f| f.render_widget(ConsoleScreen::new(&console, &theme), f.area()))?;
    insta::assert_snapshot!(name, terminal.backend());
    Ok(text(&terminal))
}

/// The dashboard's state as a console hears it.
fn state(view: View, quote: usize, f: impl FnOnce(&mut State)) -> State {
    let mut app = app(view);
    for _ in 0..quote {
        app.update(Action::Down);
    }
    let mut state = State::of(&app, 1_764_460_800_000);
    f(&mut state);
    state
}

/// The console at 80×24: waiting for the dashboard; on the overview at the start of a
/// 15-minute talk; on the third quote with the screen blanked and a minute left; and at
/// 60×18, notes taller than the screen say how many lines are left.
#[test]
fn the_console_matches_its_snapshots() -> Result {
    let waiting = console(None, 0, 80, 24)?;
    assert!(waiting.contains("Waiting for the dashboard…"), "{waiting}");
    assert!(waiting.contains("gapdash --present"), "{waiting}");

    let overview = console(
        Some(state(View::Overview, 0, |s| {
            s.present = true;
            s.talk_secs = Some(15 * 60);
        })),
        0,
        80,
        24,
    )?;
    for needle in [
        "view 1/7 Overview",
        "This is the China Internet Development Report 2020",
        "Next: 2 Penetration",
        "gap 34.1* points in Jun 2015, 23.9* in Dec 2020",
        "15:00 left of 15:00",
        "clock 14:05:09",
        "PgDn next",
    ] {
        assert!(overview.contains(needle), "{needle}:\n{overview}");
    }

    let quote = console(
        Some(state(View::Quotes, 2, |s| {
            s.blank = true;
            s.talk_secs = Some(10 * 60);
        })),
        9,
        80,
        24,
    )?;
    for needle in [
        "view 4/7 Quotes · quote 3/8",
        "screen blank",
        "The report's own conclusion",
        "Eight quotes, one at a time",
        "Next: 5 World",
        "01:00 left of 10:00",
    ] {
        assert!(quote.contains(needle), "{needle}:\n{quote}");
    }

    let tall = console(Some(state(View::Since, 0, |_| {})), 3, 60, 18)?;
    assert!(tall.contains("more lines"), "{tall}");
    assert!(tall.contains("03:00 elapsed"), "{tall}");
    Ok(())
}

/// The console marks notes stale when they state a figure the data no longer holds, and
/// says when the data has no notes, in the dashboard's language.
#[test]
fn the_console_marks_stale_notes_and_says_when_there_are_none() -> Result {
    let stale = State::of(&stale_app(View::Penetration), 1_764_460_800_000);
    assert_eq!(stale.stale, ["36.2"]);
    let shown = console_named("console_stale_80x24", Some(stale), 1, 80, 24)?;
    assert!(
        shown.contains("Stale: this note states 36.2, which the data no longer holds"),
        "{shown}"
    );
    assert!(
        shown.contains("Each pair of bars"),
        "the note follows:\n{shown}"
    );

    let mut report = gapdash::data::builtin().expect("built-in data");
    report.notes = None;
    let mut app = App::new(report, View::World);
    let none = State::of(&app, 1_764_460_800_000);
    assert!(none.notes.is_empty() && none.stale.is_empty());
    let shown = console_named("console_no_notes_80x24", Some(none), 1, 80, 24)?;
    assert!(
        shown.contains("No speaker's notes: the data has no notes.toml."),
        "{shown}"
    );
    assert!(shown.contains("Next: 6 Since the report"), "{shown}");
    app.update(Action::SwitchLanguage);
    let none = State::of(&app, 1_764_460_800_000);
    let shown = console_named("console_no_notes_zh_80x24", Some(none), 1, 80, 24)?;
    assert!(
        shown.contains("没有演讲者备注：这份数据没有 notes.toml。"),
        "{shown}"
    );
    Ok(())
}

fn help_overlay_matches_its_snapshot_at(width: u16, height: u16) -> Result {
    let mut app = app(View::Overview);
    app.update(Action::ToggleHelp);
    let terminal = draw(&app, width, height)?;
    let screen = text(&terminal);
    for needle in [
        "Keys",
        "Esc or ? closes",
        "next view (wraps to the first)",
        "quit",
    ] {
        assert!(
            screen.contains(needle),
            "help at {width}x{height} shows {needle:?}:\n{screen}"
        );
    }
    // Every binding's line, from the one key table, fits inside the overlay.
    for (keys, help) in gapdash::keys::help_rows(&english().keys, true) {
        assert!(
            screen
                .lines()
                .any(|l| l.contains(&keys) && l.contains(&help)),
            "help row {keys:?} {help:?} is shown whole at {width}x{height}:\n{screen}"
        );
    }
    insta::assert_snapshot!(format!("help_{width}x{height}"), terminal.backend());
    Ok(())
}

#[test]
fn help_overlay_matches_its_snapshot_at_80x24() -> Result {
    help_overlay_matches_its_snapshot_at(80, 24)
}

#[test]
fn help_overlay_matches_its_snapshot_at_100x30() -> Result {
    help_overlay_matches_its_snapshot_at(100, 30)
}

#[test]
fn help_shows_every_binding_whole_at_the_minimum_size_scrolling_with_the_arrows() -> Result {
    let (w, h) = (MIN_WIDTH, MIN_HEIGHT);
    let mut app = app(View::Overview);
    app.update(Action::Resize(w, h));
    app.update(Action::ToggleHelp);
    let mut seen = String::new();
    let first = text(&draw(&app, w, h)?);
    assert!(
        first.contains("↓ more"),
        "help says there is more:\n{first}"
    );
    for _ in 0..=app.help_scroll_room() {
        seen.push_str(&text(&draw(&app, w, h)?));
        app.update(Action::Down);
    }
    assert!(app.help(), "the arrows scroll help and leave it open");
    assert!(seen.contains("↑ more"), "scrolled to the end:\n{seen}");
    for (keys, help) in gapdash::keys::help_rows(&english().keys, true) {
        assert!(
            seen.lines().any(|l| l.contains(&keys) && l.contains(&help)),
            "help row {keys:?} {help:?} is shown whole at the minimum {w}x{h}:\n{seen}"
        );
    }
    Ok(())
}

#[test]
fn too_small_terminal_says_its_size_and_the_size_needed() -> Result {
    let terminal = draw(&app(View::Overview), 40, 12)?;
    let screen = text(&terminal);
    assert!(screen.contains("Terminal too small: 40×12."), "{screen}");
    assert!(screen.contains("gapdash needs at least 60×18."), "{screen}");
    insta::assert_snapshot!("too_small_40x12", terminal.backend());
    Ok(())
}

#[test]
fn reported_speech_is_shown_without_quotation_marks() -> Result {
    let mut app = app(View::Quotes);
    app.update(Action::Down);
    app.update(Action::Down);
    let quote = &app.report().quotes[app.quote()];
    assert!(
        quote.reported,
        "quote 3 of the built-in data is reported speech"
    );

    let terminal = draw(&app, 80, 24)?;
    let screen = text(&terminal);
    assert!(screen.contains("3/8"), "{screen}");
    assert!(screen.contains("reported speech"), "{screen}");
    assert!(screen.contains("the regional digital divide"), "{screen}");
    for mark in ['"', '“', '”', '„', '«', '»'] {
        assert!(
            !screen.contains(mark),
            "reported speech shows no {mark:?}:\n{screen}"
        );
    }
    insta::assert_snapshot!("quotes_3_80x24", terminal.backend());
    Ok(())
}

#[test]
fn sources_scroll_keeps_the_selected_row_on_screen() -> Result {
    let mut app = app(View::Sources);
    for _ in 0..30 {
        app.update(Action::Down);
    }
    assert_eq!(app.source(), 30);
    let selected = app.sources()[30].figure.clone();

    let terminal = draw(&app, 80, 24)?;
    let screen = text(&terminal);
    let total = app.sources().len();
    assert!(screen.contains(&format!("31/{total}")), "{screen}");
    // The detail line under the table names the selected figure in full.
    assert!(
        screen.contains(&format!("{selected}:")),
        "detail shows {selected:?}:\n{screen}"
    );
    // Exactly one table row, below the title bar, is highlighted, and it is the selected one.
    let buf = terminal.backend().buffer();
    let selected_bg = gapdash::ui::theme::Theme::default().selected.bg;
    let highlighted: Vec<&str> = screen
        .lines()
        .enumerate()
        .skip(1)
        .filter(|(y, _)| Some(buf[(2, *y as u16)].bg) == selected_bg)
        .map(|(_, line)| line)
        .collect();
    assert_eq!(highlighted.len(), 1, "one highlighted row:\n{screen}");
    let start: String = selected.chars().take(20).collect();
    assert!(
        highlighted[0].contains(&start),
        "the highlighted row is {selected:?}: {:?}",
        highlighted[0]
    );
    insta::assert_snapshot!("sources_row_31_80x24", terminal.backend());
    Ok(())
}

/// Widths and heights from zero through just past the minimum, closer together around it.
fn sweep(max: u16, min: u16) -> Vec<u16> {
    let mut sizes: Vec<u16> = (0..=max)
        .filter(|n| *n <= 3 || n % 5 == 0 || n.abs_diff(min) <= 1)
        .collect();
    sizes.dedup();
    sizes
}

#[test]
fn no_size_from_0x0_to_70x25_panics_in_any_view_or_help() -> Result {
    let (min_w, min_h) = (MIN_WIDTH, MIN_HEIGHT);
    let widths = sweep(70, min_w);
    let heights = sweep(25, min_h);
    assert!(widths.contains(&0) && widths.contains(&1) && widths.contains(&70));
    assert!(heights.contains(&0) && heights.contains(&1) && heights.contains(&25));
    for &w in &widths {
        for &h in &heights {
            for view in View::ALL {
                for help in [false, true] {
                    let mut app = app(view);
                    if help {
                        app.update(Action::ToggleHelp);
                    }
                    let terminal = draw(&app, w, h)
                        .map_err(|e| format!("{} at {w}x{h}, help {help}: {e}", view.name()))?;
                    let screen = text(&terminal);
                    let too_small = w < min_w || h < min_h;
                    if too_small && w >= 8 && h >= 1 {
                        assert!(
                            screen.contains("Terminal"),
                            "{} at {w}x{h} says it is too small:\n{screen}",
                            view.name()
                        );
                    }
                    if !too_small {
                        assert!(
                            // At the minimum height the help overlay covers the title bar.
                            !screen.contains("too small") && (help || screen.contains(" gapdash ")),
                            "{} at {w}x{h} draws the dashboard:\n{screen}",
                            view.name()
                        );
                        assert_eq!(
                            screen.contains("Esc or ? closes"),
                            help,
                            "{} at {w}x{h}: help shown exactly when open:\n{screen}",
                            view.name()
                        );
                    }
                }
            }
        }
    }
    Ok(())
}
