//! What the "ready for the stage" features draw: presentation mode, the talk timer's colour,
//! growing bars, the blank screen, the too-small message, `--stage`, `--ascii`, themes and
//! NO_COLOR. Drawn through ratatui's `TestBackend`; the state machine itself is tested in
//! src/app.rs.

mod common;

use common::screen::{Result, draw, draw_themed, text};
use std::time::{Duration, Instant};

use gapdash::action::Action;
use gapdash::app::{App, Options, View};
use gapdash::input;
use gapdash::ui::theme::{ColorDepth, Theme};
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::buffer::Buffer;
use ratatui::crossterm::event::{Event, KeyModifiers, MouseButton, MouseEvent, MouseEventKind};
use ratatui::layout::Rect;
use ratatui::style::{Color, Modifier, Style};
use ratatui::widgets::Widget;

/// Every option spelled out: the dashboard as `gapdash` starts with no flags, on `view`.
/// Animation is off so that presentation frames show bars at full length.
fn options(view: View) -> Options {
    Options {
        view,
        present: false,
        talk: None,
        autoplay: None,
        animation: false,
        ascii: false,
        stage: None,
        themes: 1,
        lang: gapdash::data::Lang::En,
    }
}

/// The app built with `options`, and the instant its clock started.
fn start(options: Options) -> (App, Instant) {
    let t0 = Instant::now();
    let report = gapdash::data::builtin().expect("built-in data loads");
    (App::with_options(report, options, t0), t0)
}

fn app(options: Options) -> App {
    start(options).0
}

fn presenting(view: View) -> Options {
    Options {
        present: true,
        ..options(view)
    }
}

/// Each view's own heading, so a snapshot accepted with the view missing still fails.
fn heading(view: View) -> &'static str {
    match view {
        View::Overview => "China Internet Development Report 2020",
        View::Penetration => "Internet penetration, urban vs rural",
        View::Sales => "Rural online retail sales",
        View::Quotes => "In their words",
        View::World => "The global divide",
        View::Since => "Since the report",
        View::Sources => "Sources",
    }
}

/// Where `needle` starts in row `y`, matching one character per cell.
fn find_in_row(buf: &Buffer, y: u16, needle: &str) -> Option<u16> {
    let chars: Vec<char> = needle.chars().collect();
    let area = buf.area;
    let width = chars.len() as u16;
    (area.left()..area.right().saturating_sub(width.saturating_sub(1))).find(|&x| {
        chars
            .iter()
            .enumerate()
            .all(|(i, c)| buf[(x + i as u16, y)].symbol() == c.to_string())
    })
}

/// Where `needle` first occurs in the buffer, as (x, y).
fn find(buf: &Buffer, needle: &str) -> Option<(u16, u16)> {
    let area = buf.area;
    (area.top()..area.bottom()).find_map(|y| find_in_row(buf, y, needle).map(|x| (x, y)))
}

/// How many cells show `symbol`.
fn count(buf: &Buffer, symbol: &str) -> usize {
    buf.content()
        .iter()
        .filter(|c| c.symbol() == symbol)
        .count()
}

/// Every cell as (x, y, cell).
fn cells(buf: &Buffer) -> impl Iterator<Item = (u16, u16, &ratatui::buffer::Cell)> {
    let area = buf.area;
    (area.top()..area.bottom())
        .flat_map(move |y| (area.left()..area.right()).map(move |x| (x, y, &buf[(x, y)])))
}

// 1. Presentation mode

fn presentation_matches_its_snapshot_at(width: u16, height: u16) -> Result {
    for (n, view) in View::ALL.into_iter().enumerate() {
        let terminal = draw(&app(presenting(view)), width, height)?;
        let screen = text(&terminal);
        let bar = screen.lines().next().unwrap_or_default();
        let where_ = format!("{} at {width}x{height}", view.name());
        assert!(
            bar.contains(&format!("view {}/7", n + 1)),
            "{where_}: the bar shows the view number:\n{screen}"
        );
        assert!(
            bar.contains("00:00"),
            "{where_}: the bar shows the timer:\n{screen}"
        );
        assert!(
            bar.contains(view.title(&gapdash::data::builtin().expect("built-in data").i18n.en)),
            "{where_}: the bar names the view:\n{screen}"
        );
        assert!(
            screen.contains(heading(view)),
            "{where_}: the view is drawn:\n{screen}"
        );
        for hint in ["q quit", "? help", "Tab next"] {
            assert!(
                !screen.contains(hint),
                "{where_}: no hint bar in presentation mode, found {hint:?}:\n{screen}"
            );
        }
        assert!(
            !bar.contains("1 Overview") && !bar.contains("6 Sources"),
            "{where_}: no tabs in presentation mode:\n{screen}"
        );
        insta::assert_snapshot!(
            format!("present_{}_{width}x{height}", view.name()),
            terminal.backend()
        );
    }
    Ok(())
}

#[test]
fn presentation_mode_shows_view_number_and_timer_without_hints_at_100x30() -> Result {
    presentation_matches_its_snapshot_at(100, 30)
}

#[test]
fn presentation_mode_shows_view_number_and_timer_without_hints_at_200x60() -> Result {
    presentation_matches_its_snapshot_at(200, 60)
}

// 2. The talk timer

/// The cells of `timer` in the bar, failing with the bar's text when it is not there.
fn timer_cells<'a>(
    terminal: &'a Terminal<TestBackend>,
    timer: &str,
) -> Vec<&'a ratatui::buffer::Cell> {
    let buf = terminal.backend().buffer();
    let x = find_in_row(buf, 0, timer).unwrap_or_else(|| {
        panic!(
            "the bar shows {timer:?}: {:?}",
            text(terminal).lines().next()
        )
    });
    (x..x + timer.chars().count() as u16)
        .map(|x| &buf[(x, 0)])
        .collect()
}

fn has_style(cell: &ratatui::buffer::Cell, style: Style) -> bool {
    Some(cell.fg) == style.fg
        && Some(cell.bg) == style.bg
        && cell.modifier.contains(style.add_modifier)
}

#[test]
fn talk_timer_is_drawn_in_the_warning_style_in_the_last_two_minutes() -> Result {
    let (mut app, t0) = start(Options {
        talk: Some(Duration::from_secs(10 * 60)),
        ..presenting(View::Overview)
    });
    // The timer sits on the title bar, so both styles are drawn on the bar's background.
    let theme = Theme::default();
    let bar = theme.title_bar.bg.expect("the dark theme has a bar colour");
    let warning = theme.warning.bg(bar);
    let heading = theme.heading.bg(bar);
    assert_ne!(warning.fg, heading.fg, "the test needs distinct colours");

    let terminal = draw(&app, 100, 30)?;
    for cell in timer_cells(&terminal, "10:00") {
        assert!(!has_style(cell, warning), "10:00 left is no warning");
    }

    app.update(Action::Tick(t0 + Duration::from_secs(7 * 60)));
    let terminal = draw(&app, 100, 30)?;
    for cell in timer_cells(&terminal, "03:00") {
        assert!(
            !has_style(cell, warning),
            "03:00 left is no warning: {cell:?}"
        );
        assert!(has_style(cell, heading), "03:00 in the plain timer style");
    }

    app.update(Action::Tick(t0 + Duration::from_secs(8 * 60)));
    let terminal = draw(&app, 100, 30)?;
    for cell in timer_cells(&terminal, "02:00") {
        assert!(
            has_style(cell, warning),
            "02:00 left is drawn as a warning {warning:?}: {cell:?}"
        );
    }

    app.update(Action::Tick(t0 + Duration::from_secs(10 * 60 + 5)));
    let terminal = draw(&app, 100, 30)?;
    for cell in timer_cells(&terminal, "-00:05") {
        assert!(
            has_style(cell, warning),
            "overtime stays a warning: {cell:?}"
        );
    }
    Ok(())
}

// 3. Growing bars

/// Cells of solid bar (the urban bars and the legend's two-cell swatch).
fn solid_cells(terminal: &Terminal<TestBackend>) -> usize {
    count(terminal.backend().buffer(), "█")
}

/// The cells under the presentation bar, whose timer differs between two clocks.
fn below_the_bar(terminal: &Terminal<TestBackend>) -> Vec<ratatui::buffer::Cell> {
    let buf = terminal.backend().buffer();
    buf.content()[buf.area.width as usize..].to_vec()
}

#[test]
fn bars_grow_on_screen_then_only_the_timer_wakes_the_loop() -> Result {
    let still = draw(&app(presenting(View::Penetration)), 100, 30)?;
    let (mut app, t0) = start(Options {
        animation: true,
        ..presenting(View::Penetration)
    });
    assert_eq!(
        app.reveal(),
        0.0,
        "entering a chart view starts the bars at 0"
    );
    let first = draw(&app, 100, 30)?;

    app.update(Action::Tick(t0 + Duration::from_millis(100)));
    let middle = draw(&app, 100, 30)?;

    app.update(Action::Tick(t0 + Duration::from_secs(1)));
    let grown = draw(&app, 100, 30)?;

    let (a, b, c) = (
        solid_cells(&first),
        solid_cells(&middle),
        solid_cells(&grown),
    );
    assert!(
        a < b && b < c,
        "bars grow: {a} then {b} then {c} solid cells\nfirst:\n{}\ngrown:\n{}",
        text(&first),
        text(&grown)
    );
    assert_eq!(
        below_the_bar(&grown),
        below_the_bar(&still),
        "grown bars are the bars drawn without animation:\n{}",
        text(&grown)
    );
    assert_eq!(
        app.next_wakeup(),
        Some(t0 + Duration::from_secs(2)),
        "once grown, only the timer's next second is pending"
    );
    Ok(())
}

// 4. The blank screen

#[test]
fn blank_screen_is_all_background_and_any_key_brings_the_same_view_back() -> Result {
    for present in [false, true] {
        let mut app = app(Options {
            present,
            ..options(View::Penetration)
        });
        let background = Theme::default().text.bg;
        let before = draw(&app, 80, 24)?;

        app.update(Action::Blank);
        let blank = draw(&app, 80, 24)?;
        for (x, y, cell) in cells(blank.backend().buffer()) {
            assert_eq!(cell.symbol(), " ", "present {present}: blank at ({x},{y})");
            assert_eq!(
                Some(cell.bg),
                background,
                "present {present}: background at ({x},{y})"
            );
        }
        if present {
            insta::assert_snapshot!("blank_80x24", blank.backend());
        }

        app.update(Action::OtherKey);
        let after = draw(&app, 80, 24)?;
        assert_eq!(
            after.backend().buffer(),
            before.backend().buffer(),
            "present {present}: the same view comes back:\n{}",
            text(&after)
        );
    }
    Ok(())
}

// 5. Too small

#[test]
fn too_small_terminal_says_its_size_and_the_size_needed() -> Result {
    for (w, h) in [(52, 14), (40, 12)] {
        let terminal = draw(&app(options(View::Overview)), w, h)?;
        let screen = text(&terminal);
        assert!(
            screen.contains(&format!("Terminal too small: {w}×{h}.")),
            "{screen}"
        );
        assert!(screen.contains("gapdash needs at least 60×18."), "{screen}");
        insta::assert_snapshot!(format!("too_small_{w}x{h}"), terminal.backend());
    }
    Ok(())
}

#[test]
fn too_small_stage_says_the_stage_size_not_the_terminal_size() -> Result {
    let app = app(Options {
        stage: Some((52, 14)),
        ..options(View::Overview)
    });
    let terminal = draw(&app, 100, 30)?;
    let screen = text(&terminal);
    assert!(screen.contains("Terminal too small: 52×14."), "{screen}");
    assert!(screen.contains("gapdash needs at least 60×18."), "{screen}");
    assert!(!screen.contains("100×30"), "{screen}");
    let (x, y) = find(terminal.backend().buffer(), "Terminal too small").expect("message");
    let stage = Rect::new(24, 8, 52, 14);
    assert!(
        stage.contains((x, y).into()),
        "the message is inside the centred stage {stage:?}, found at ({x},{y})"
    );
    Ok(())
}

// 6. The stage

#[test]
fn stage_is_centred_and_blank_around() -> Result {
    let app = app(Options {
        stage: Some((80, 24)),
        ..options(View::Overview)
    });
    let terminal = draw(&app, 120, 40)?;
    let buf = terminal.backend().buffer();
    let stage = Rect::new(20, 8, 80, 24);

    assert_eq!(
        find_in_row(buf, 8, " gapdash "),
        Some(20),
        "the title bar starts at column 20, row 8:\n{}",
        text(&terminal)
    );
    assert_eq!(find(buf, "gapdash").map(|(_, y)| y), Some(8));
    assert_eq!(
        Some(buf[(99, 8)].bg),
        Theme::default().title_bar.bg,
        "row 8 is the title bar"
    );
    // The hint bar is the stage's last row.
    assert!(
        find_in_row(buf, 31, "q quit").is_some(),
        "hints on row 31:\n{}",
        text(&terminal)
    );
    for (x, y, cell) in cells(buf) {
        if !stage.contains((x, y).into()) {
            assert_eq!(cell.symbol(), " ", "outside the stage at ({x},{y})");
            assert_eq!(
                Some(cell.bg),
                Theme::default().text.bg,
                "outside the stage at ({x},{y}) is the theme's background"
            );
        }
    }
    insta::assert_snapshot!("stage_80x24_in_120x40", terminal.backend());
    Ok(())
}

/// A left click at (x, y), as the terminal reports it.
fn click(column: u16, row: u16) -> Event {
    Event::Mouse(MouseEvent {
        kind: MouseEventKind::Down(MouseButton::Left),
        column,
        row,
        modifiers: KeyModifiers::NONE,
    })
}

/// The view a click at (x, y) opens, as the event loop maps it.
fn clicked(app: &App, x: u16, y: u16) -> Option<View> {
    match input::actions(&click(x, y), app).as_slice() {
        [Action::Goto(view)] => Some(*view),
        [] => None,
        other => panic!("a click gave {other:?}"),
    }
}

#[test]
fn clicks_on_staged_tab_labels_open_their_views() -> Result {
    // A 100×24 stage in 120×40: wide enough for every tab's full name, at column 10, row 8.
    let mut normal = app(Options {
        stage: Some((100, 24)),
        ..options(View::Overview)
    });
    normal.update(Action::Resize(120, 40));
    let terminal = draw(&normal, 120, 40)?;
    let buf = terminal.backend().buffer();
    for (n, view) in View::ALL.into_iter().enumerate() {
        let label = format!(
            "{} {}",
            n + 1,
            view.title(&gapdash::data::builtin().expect("built-in data").i18n.en)
        );
        let x = find_in_row(buf, 8, &label)
            .unwrap_or_else(|| panic!("tab {label:?} on row 8:\n{}", text(&terminal)));
        for col in x..x + label.chars().count() as u16 {
            assert_eq!(
                clicked(&normal, col, 8),
                Some(view),
                "a click at column {col} on {label:?}"
            );
        }
        for y in [7, 9, 0, 39] {
            assert_eq!(clicked(&normal, x, y), None, "a click on row {y} is no tab");
        }
    }
    // The name at the left and the cells left of the stage are no tabs.
    for x in [0, 9, 11, 17] {
        assert_eq!(clicked(&normal, x, 8), None, "column {x}");
    }

    let mut presented = app(Options {
        stage: Some((100, 24)),
        ..presenting(View::Overview)
    });
    presented.update(Action::Resize(120, 40));
    for x in 0..120 {
        assert_eq!(
            clicked(&presented, x, 8),
            None,
            "no tabs in presentation mode (column {x})"
        );
    }
    Ok(())
}

// 7. ASCII

fn assert_ascii(terminal: &Terminal<TestBackend>, what: &str) {
    if let Some((x, y, cell)) =
        cells(terminal.backend().buffer()).find(|(_, _, c)| !c.symbol().is_ascii())
    {
        panic!(
            "{what}: non-ASCII {:?} at ({x},{y}):\n{}",
            cell.symbol(),
            text(terminal)
        );
    }
}

#[test]
fn ascii_mode_draws_only_ascii_in_every_view_mode_and_size() -> Result {
    for (w, h) in [(80, 24), (160, 48)] {
        for present in [false, true] {
            for view in View::ALL {
                let mut app = app(Options {
                    present,
                    ascii: true,
                    ..options(view)
                });
                let what = format!("{} present {present} at {w}x{h}", view.name());
                assert_ascii(&draw(&app, w, h)?, &what);
                app.update(Action::ToggleHelp);
                assert_ascii(&draw(&app, w, h)?, &format!("help over {what}"));
            }
        }
    }
    Ok(())
}

#[test]
fn ascii_penetration_and_overview_match_their_snapshots() -> Result {
    for (view, figures) in [
        (View::Penetration, ["76.4", "52.3", "gap 24.1"]),
        (View::Overview, ["76.4", "52.3", "24.1"]),
    ] {
        let terminal = draw(
            &app(Options {
                ascii: true,
                ..options(view)
            }),
            80,
            24,
        )?;
        let screen = text(&terminal);
        for figure in figures {
            assert!(screen.contains(figure), "{figure}:\n{screen}");
        }
        insta::assert_snapshot!(format!("ascii_{}_80x24", view.name()), terminal.backend());
    }
    Ok(())
}

/// `gapdash snapshot penetration` with `args` and `term`, its stdout.
fn snapshot_stdout(args: &[&str], term: &str) -> Vec<u8> {
    let out = common::output(
        common::gapdash()
            .args(["snapshot", "penetration"])
            .args(args)
            .env("TERM", term),
    );
    assert!(
        out.status.success(),
        "{args:?} TERM={term}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(
        String::from_utf8_lossy(&out.stdout).contains("76.4"),
        "the snapshot shows the view"
    );
    out.stdout
}

fn assert_ascii_bytes(bytes: &[u8], what: &str) {
    if let Some(i) = bytes.iter().position(|b| !b.is_ascii()) {
        let line = bytes[..i].iter().filter(|b| **b == b'\n').count() + 1;
        panic!(
            "{what}: non-ASCII byte {:#04x} at byte {i} (line {line}):\n{}",
            bytes[i],
            String::from_utf8_lossy(bytes)
        );
    }
}

#[test]
fn snapshot_ascii_flag_prints_only_ascii_whatever_the_terminal() {
    for term in ["xterm-256color", "linux"] {
        assert_ascii_bytes(
            &snapshot_stdout(&["--ascii"], term),
            &format!("snapshot penetration --ascii with TERM={term}"),
        );
    }
    // Output for files does not depend on TERM: the console gets glyphs unless asked.
    assert_eq!(
        snapshot_stdout(&[], "linux"),
        snapshot_stdout(&[], "xterm-256color")
    );
    assert!(
        !snapshot_stdout(&[], "xterm-256color").is_ascii(),
        "without --ascii the snapshot draws glyphs"
    );
}

// 8. Themes

#[test]
fn light_and_contrast_themes_colour_background_series_and_text() -> Result {
    for theme_name in ["light", "contrast"] {
        let theme = Theme::builtin(theme_name, ColorDepth::TrueColor)?;
        for view in [View::Overview, View::Penetration] {
            let terminal = draw_themed(&app(options(view)), std::slice::from_ref(&theme), 80, 24)?;
            let buf = terminal.backend().buffer();
            let what = format!("{theme_name} {}", view.name());
            insta::assert_snapshot!(
                format!("{theme_name}_{}_80x24", view.name()),
                format!("{buf:?}")
            );

            assert_eq!(
                Some(buf[(1, 1)].bg),
                theme.text.bg,
                "{what}: background at (1,1)"
            );
            if view == View::Penetration {
                let (mut solid, mut shaded) = (0, 0);
                for (x, y, cell) in cells(buf) {
                    match cell.symbol() {
                        "█" => {
                            solid += 1;
                            assert_eq!(Some(cell.fg), theme.urban.fg, "{what}: urban at ({x},{y})");
                        }
                        "▒" => {
                            shaded += 1;
                            assert_eq!(Some(cell.fg), theme.rural.fg, "{what}: rural at ({x},{y})");
                        }
                        _ => {}
                    }
                }
                assert!(solid > 20 && shaded > 20, "{what}: bars drawn");
            }
            if theme_name == "contrast" {
                for (x, y, cell) in cells(buf) {
                    if cell.symbol() != " " {
                        assert!(
                            cell.modifier.contains(Modifier::BOLD),
                            "{what}: {:?} at ({x},{y}) is bold for projectors",
                            cell.symbol()
                        );
                    }
                }
            }
        }
    }
    Ok(())
}

/// NO_COLOR: the plain theme, and every built-in theme resolved for no colour.
fn no_colour_themes() -> Result<Vec<Theme>> {
    let mut themes = vec![Theme::plain()];
    themes.extend(Theme::all_builtin(ColorDepth::NoColor)?);
    Ok(themes)
}

#[test]
fn no_color_draws_no_colour_anywhere_and_reverses_the_selected_tab() -> Result {
    for theme in no_colour_themes()? {
        for view in View::ALL {
            for (present, help) in [(false, false), (true, false), (false, true)] {
                let mut app = app(Options {
                    present,
                    ..options(view)
                });
                if help {
                    app.update(Action::ToggleHelp);
                }
                let terminal = draw_themed(&app, std::slice::from_ref(&theme), 80, 24)?;
                for (x, y, cell) in cells(terminal.backend().buffer()) {
                    assert_eq!(
                        (cell.fg, cell.bg),
                        (Color::Reset, Color::Reset),
                        "{} {} present {present} help {help}: colour at ({x},{y}) {:?}",
                        theme.name,
                        view.name(),
                        cell.symbol()
                    );
                }
            }
        }

        let terminal = draw_themed(
            &app(options(View::Penetration)),
            std::slice::from_ref(&theme),
            100,
            30,
        )?;
        let buf = terminal.backend().buffer();
        let reversed = |label: &str| -> Vec<bool> {
            let x = find_in_row(buf, 0, label).expect("tab label on row 0");
            (x..x + label.len() as u16)
                .map(|x| buf[(x, 0)].modifier.contains(Modifier::REVERSED))
                .collect()
        };
        assert!(
            reversed("2 Penetration").iter().all(|r| *r),
            "{}: the selected tab is reversed",
            theme.name
        );
        assert!(
            reversed("1 Overview").iter().all(|r| !*r),
            "{}: other tabs are not",
            theme.name
        );
    }
    Ok(())
}

/// The title bar's background is the theme's `bar` colour from edge to edge: text drawn on it
/// must not punch holes of the page background into it.
#[test]
fn title_bar_background_is_the_bar_colour_behind_its_text_too() -> Result {
    let mut holes = Vec::new();
    for theme_name in ["dark", "light"] {
        let theme = Theme::builtin(theme_name, ColorDepth::TrueColor)?;
        let bar = theme.title_bar.bg;
        assert_ne!(bar, theme.text.bg, "{theme_name}: the bar stands out");
        for present in [false, true] {
            let app = app(Options {
                present,
                talk: Some(Duration::from_secs(20 * 60)),
                ..options(View::Penetration)
            });
            let terminal = draw_themed(&app, std::slice::from_ref(&theme), 100, 30)?;
            let buf = terminal.backend().buffer();
            let row: Vec<(u16, &str)> = (0..100)
                .map(|x| (x, buf[(x, 0)].symbol()))
                .filter(|(x, _)| {
                    let cell = &buf[(*x, 0)];
                    Some(cell.bg) != bar && Some(cell.bg) != theme.selected.bg
                })
                .collect();
            if !row.is_empty() {
                let columns: Vec<u16> = row.iter().map(|(x, _)| *x).collect();
                let text: String = row.iter().map(|(_, s)| *s).collect();
                holes.push(format!(
                    "{theme_name}, present {present}: columns {}..={} ({} cells, {text:?}) \
                     have the page background",
                    columns[0],
                    columns[columns.len() - 1],
                    columns.len()
                ));
            }
        }
    }
    assert!(holes.is_empty(), "{}", holes.join("\n"));
    Ok(())
}

// 9. `t`

#[test]
fn t_changes_the_drawn_background_from_dark_to_light() -> Result {
    let themes = Theme::all_builtin(ColorDepth::TrueColor)?;
    let (dark, light) = (themes[0].text.bg, themes[1].text.bg);
    let mut app = app(Options {
        themes: themes.len(),
        ..options(View::Overview)
    });
    let background = |app: &App| -> Result<Option<Color>> {
        Ok(Some(
            draw_themed(app, &themes, 80, 24)?.backend().buffer()[(1, 1)].bg,
        ))
    };
    assert_eq!(background(&app)?, dark);
    app.update(Action::NextTheme);
    assert_eq!(themes[app.theme_index()].name, "light");
    assert_eq!(background(&app)?, light);
    assert_ne!(dark, light);
    Ok(())
}

/// Presentation mode has no hint bar, so a failed reload's message takes the bottom row
/// instead of going unseen; Esc then dismisses it before leaving presentation mode.
#[test]
fn a_failed_reload_is_shown_in_presentation_mode_too() -> Result {
    use gapdash::data::{LoadError, Problem};
    let mut app = app(presenting(View::Penetration));
    app.update(Action::Loaded(Box::new(Err(LoadError {
        problems: vec![Problem::at(
            "mydata/penetration.toml",
            "x = 1\nrural_pct = 112.5\n",
            18..23,
            "rural_pct must be between 0 and 100, found 112.5",
        )],
    }))));
    let screen = text(&draw(&app, 100, 30)?);
    let bottom = screen.lines().last().unwrap_or_default();
    assert!(
        bottom.contains("mydata/penetration.toml:2:13: rural_pct must be between 0 and 100"),
        "{bottom}"
    );
    app.update(Action::CloseOverlay);
    assert!(app.present(), "the first Esc dismisses the message");
    let screen = text(&draw(&app, 100, 30)?);
    assert!(!screen.contains("mydata/penetration.toml"), "{screen}");
    Ok(())
}

// 10. Solid fills

/// `view` drawn at 100×30 in the dark theme with solid fills on or off.
fn drawn_solid(view: View, solid: bool, ascii: bool) -> Buffer {
    let app = app(Options {
        ascii,
        ..options(view)
    });
    let theme = Theme::default();
    let area = Rect::new(0, 0, 100, 30);
    let mut buf = Buffer::empty(area);
    gapdash::ui::Dashboard::with_theme(&app, &theme)
        .solid(solid)
        .render(area, &mut buf);
    buf
}

#[test]
fn with_colour_full_blocks_keep_their_glyph_over_their_own_colour() {
    let theme = Theme::default();
    for view in [View::Overview, View::Penetration, View::Sales, View::World] {
        let glyphs = drawn_solid(view, false, false);
        let solid = drawn_solid(view, true, false);
        let (mut converted, mut redrawn) = (0, 0);
        for (x, y, cell) in cells(&glyphs) {
            let now = &solid[(x, y)];
            if cell.symbol() == "█" {
                converted += 1;
                // The glyph survives a terminal that drops the colour; the background
                // fills the seams a font's glyph leaves.
                assert_eq!(now.symbol(), "█", "{view:?} ({x},{y}) keeps its glyph");
                assert_eq!(now.fg, cell.fg, "{view:?} ({x},{y}) in the block's colour");
                assert_eq!(now.bg, cell.fg, "{view:?} ({x},{y}) over the same colour");
            } else if now != cell {
                // Big text's quadrants, drawn seam-free: the complementary glyph in reverse
                // video shows the same shape in the same colours, with colour or without.
                const QUADRANTS: &str = " ▗▖▄▝▐▞▟▘▚▌▙▀▜▛█";
                let bits = |symbol: &str| QUADRANTS.chars().position(|q| symbol == q.to_string());
                let what = format!("{view:?} ({x},{y}): {cell:?} became {now:?}");
                assert_eq!(
                    bits(cell.symbol())
                        .zip(bits(now.symbol()))
                        .map(|(a, b)| a + b),
                    Some(15),
                    "{what}"
                );
                assert!(now.modifier.contains(Modifier::REVERSED), "{what}");
                assert_eq!((now.fg, now.bg), (cell.fg, cell.bg), "{what}");
                redrawn += 1;
            }
        }
        assert!(converted > 10, "{view:?}: {converted} full blocks drawn");
        if view == View::Overview {
            assert!(redrawn > 10, "big text's quadrants: {redrawn} redrawn");
        }
    }
    assert_eq!(
        drawn_solid(View::Penetration, true, false)[(2, 3)].bg,
        theme.urban.fg.expect("the dark theme colours urban"),
        "the legend's urban swatch"
    );
}

#[test]
fn without_colour_or_in_ascii_the_glyph_is_the_information() {
    for view in [View::Penetration, View::Sales] {
        let ascii = drawn_solid(view, true, true);
        assert!(count(&ascii, "#") > 10, "{view:?}: ASCII bars stay '#'");
    }
    // NO_COLOR: the loop turns solid fills off; the plain theme has no colour to fill with,
    // so even on they would change nothing.
    let app = app(options(View::Penetration));
    let area = Rect::new(0, 0, 100, 30);
    let mut buf = Buffer::empty(area);
    gapdash::ui::Dashboard::with_theme(&app, &Theme::plain())
        .solid(true)
        .render(area, &mut buf);
    assert!(count(&buf, "█") > 10, "plain bars keep their glyphs");
}
