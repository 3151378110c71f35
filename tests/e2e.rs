//! End to end in a real terminal: the binary in a pseudo-terminal (100×30,
//! TERM=xterm-256color), read through a terminal emulator. Every binding of the key table does
//! what the help overlay says, one test per binding (a binding without a test fails);
//! resizing re-lays out the view; every way out (q, Ctrl-C, SIGTERM, SIGHUP, SIGINT, SIGQUIT, a panic)
//! leaves the terminal restored; idle, it neither writes nor spends CPU. (Without a terminal
//! the dashboard refuses: tests/cli.rs.)

// Needs a pseudo-terminal and Unix signals; full-screen programs draw badly in wine's console.
#![cfg(unix)]

mod common;

use std::time::Duration;

use common::pty::{LEAVE_ALTERNATE, Pty, key_bytes};
use common::{DataFolder, escaped, find_from, rfind};
use gapdash::action::Action;
use gapdash::keys::{BINDINGS, help_rows, label};
use gapdash::view::View;

/// The built-in English words.
fn english() -> gapdash::data::Strings {
    gapdash::data::builtin()
        .expect("built-in data loads")
        .i18n
        .en
}
use ratatui::crossterm::event::{KeyCode, KeyModifiers};

type Key = (KeyCode, KeyModifiers);

/// `gapdash ARGS` in a 100×30 pty, its first frame on screen.
fn start(args: &[&str]) -> Pty {
    let pty = Pty::spawn(args, 100, 30);
    pty.wait_for_text(" gapdash ");
    pty
}

/// Quits with `q` and checks the way out: exit code 0, terminal restored.
fn quit(mut pty: Pty) {
    pty.quit_ok();
    pty.assert_restored();
}

fn press(pty: &mut Pty, (code, modifiers): Key) {
    pty.key(code, modifiers);
}

/// A heading only that view shows.
fn heading(view: View) -> &'static str {
    match view {
        View::Overview => "China Internet Development Report 2020 · released",
        View::Penetration => "Internet penetration, urban vs rural",
        View::Sales => "Rural online retail sales · billion yuan",
        View::Quotes => "In their words",
        View::World => "The global divide",
        View::Since => "Since the report · Jun 2020 to Dec 2025 ·",
        View::Sources => "Sources · V stated by the source",
    }
}

/// The text of the highlighted tab: the cells of the title bar whose background differs from
/// the bar's own (as drawn by the default theme).
fn highlighted_tab(screen: &vt100::Screen) -> String {
    let bar = screen.cell(0, 0).map(|c| c.bgcolor());
    let (_, cols) = screen.size();
    (0..cols.get())
        .filter_map(|x| screen.cell(0, x))
        .filter(|c| Some(c.bgcolor()) != bar)
        .map(|c| c.contents())
        .collect::<String>()
        .trim()
        .to_string()
}

fn tab(view: View) -> String {
    format!("{} {}", view.index() + 1, view.title(&english()))
}

/// Waits until `view` is on screen: its heading in the body and its tab highlighted.
fn wait_for_view(pty: &Pty, view: View, after: &str) {
    pty.wait_for_screen(&format!("{view:?} after {after}"), |s| {
        s.contents().contains(heading(view)) && highlighted_tab(s) == tab(view)
    });
}

/// Checks that `view` is still on screen after a key that should change nothing: opening help
/// behind it proves the key was handled, then the tab must not have moved.
fn still_on(pty: &mut Pty, view: View, after: &str) {
    pty.send(b"?");
    pty.wait_for_text("Keys");
    let highlighted = pty.with_screen(highlighted_tab);
    assert_eq!(highlighted, tab(view), "{after} stays on {view:?}");
    pty.send(b"?");
    pty.wait_for("help to close", |s| !s.contains("Keys"));
}

/// Starts on `from` and presses each key in turn; after key `i` the view is `expected(i)`.
fn moves(keys: &[Key], from: View, expected: impl Fn(usize) -> View) {
    let mut pty = start(&["--view", &format!("{from:?}").to_lowercase()]);
    wait_for_view(&pty, from, "start");
    let mut on = from;
    for (i, &key) in keys.iter().enumerate() {
        let after = label(key);
        press(&mut pty, key);
        let view = expected(i);
        if view == on {
            still_on(&mut pty, view, &after);
        } else {
            wait_for_view(&pty, view, &after);
        }
        on = view;
    }
    quit(pty);
}

/// The talk timer at the right of the presentation bar, in seconds.
fn timer(screen: &str) -> Option<u32> {
    let bar = screen.lines().next()?.trim_end();
    let (minutes, seconds) = bar.rsplit(' ').next()?.split_once(':')?;
    Some(minutes.parse::<u32>().ok()? * 60 + seconds.parse::<u32>().ok()?)
}

/// The background colour of every cell, to see a theme change.
fn backgrounds(screen: &vt100::Screen) -> Vec<vt100::Color> {
    let (rows, cols) = screen.size();
    (0..rows.get())
        .flat_map(|y| (0..cols.get()).map(move |x| (y, x)))
        .filter_map(|(y, x)| screen.cell(y, x).map(|c| c.bgcolor()))
        .collect()
}

/// What the help line of the binding (or bindings) of `action` promises, checked for each of
/// its keys from a known state. The match has no catch-all arm: an Action added without a
/// decision here does not compile.
fn check(action: Action) {
    let keys: Vec<Key> = BINDINGS
        .iter()
        .filter(|b| b.action == action)
        .flat_map(|b| b.keys.iter().copied())
        .collect();
    assert!(
        !keys.is_empty(),
        "the key table binds no key to {action:?}, yet a test covers it"
    );
    let keys = keys.as_slice();
    match action {
        // "next view (wraps to the first)": from the last view, the first key wraps.
        Action::NextView => moves(keys, View::Sources, |i| View::ALL[i % View::ALL.len()]),
        // "previous view (wraps to the last)": from the first view, the first key wraps.
        Action::PrevView => moves(keys, View::Overview, |i| View::ALL[View::ALL.len() - 1 - i]),
        // "clicker: next view, stops at the last": the first key reaches it, the rest stay.
        Action::Forward => moves(keys, View::Since, |_| View::Sources),
        // "clicker: previous, stops at the first".
        Action::Back => moves(keys, View::Penetration, |_| View::Overview),
        // "jump to view 1–7".
        Action::Goto(view) => {
            let from = if view == View::Overview {
                View::Sources
            } else {
                View::Overview
            };
            moves(keys, from, |_| view);
        }
        // "first / last view".
        Action::FirstView => moves(keys, View::World, |_| View::Overview),
        Action::LastView => moves(keys, View::Overview, |_| View::Sources),
        // "previous / next quote or source": "n/N" counts them.
        Action::Up => steps(keys, false),
        Action::Down => steps(keys, true),
        // "show or hide this help".
        Action::ToggleHelp => {
            let mut pty = start(&[]);
            for &key in keys {
                press(&mut pty, key);
                pty.wait_for_text("Keys");
                press(&mut pty, key);
                pty.wait_for("help to hide", |s| {
                    !s.contains("Keys") && s.contains("76.4")
                });
            }
            quit(pty);
        }
        // "show or hide the speaker's notes": the panel under the view, with the view's
        // notes and what comes next; the view stays above it.
        Action::ToggleNotes => {
            let mut pty = start(&["--view", "sales"]);
            pty.wait_for_text(heading(View::Sales));
            for &key in keys {
                press(&mut pty, key);
                pty.wait_for_texts(&[
                    "Notes · 3 Rural sales",
                    "next: 4 Quotes",
                    "Rural online retail sales, from the Ministry of Commerce's",
                    heading(View::Sales),
                ]);
                press(&mut pty, key);
                pty.wait_for("the notes to hide", |s| {
                    !s.contains("Notes · 3 Rural sales") && s.contains(heading(View::Sales))
                });
            }
            quit(pty);
        }
        // "close help/status/present; never quits".
        Action::CloseOverlay => {
            for &key in keys {
                close_overlay(key);
            }
        }
        // "presentation mode on/off": the slim bar says "view n/7"; off, the hints are back.
        Action::TogglePresent => {
            let mut pty = start(&["--view", "sales"]);
            for &key in keys {
                press(&mut pty, key);
                pty.wait_for_text("view 3/7");
                press(&mut pty, key);
                pty.wait_for("presentation mode to end", |s| {
                    s.contains("q quit") && !s.contains("view 3/7")
                });
            }
            quit(pty);
        }
        // "blank screen; any key brings it back".
        Action::Blank => {
            let mut pty = start(&[]);
            for &key in keys {
                press(&mut pty, key);
                pty.wait_for("a blank screen", |s| s.trim().is_empty());
                pty.send(b"x");
                pty.wait_for_text("76.4");
            }
            quit(pty);
        }
        // "next colour theme": the background of some cell changes.
        Action::NextTheme => {
            let mut pty = start(&[]);
            pty.wait_for_text("q quit");
            for &key in keys {
                let before = pty.with_screen(backgrounds);
                press(&mut pty, key);
                pty.wait_for_screen("the background colours to change", |s| {
                    backgrounds(s) != before
                });
            }
            quit(pty);
        }
        // "reset the talk timer": seen going back from 00:02 or later to 00:00 (or 00:01 by
        // the time it is looked at; without a reset it never shows either again).
        Action::ResetTimer => {
            let mut pty = start(&["--present"]);
            for &key in keys {
                pty.wait_for("the timer at 00:02", |s| timer(s) >= Some(2));
                press(&mut pty, key);
                pty.wait_for("the timer back at 00:00", |s| {
                    matches!(timer(s), Some(0 | 1))
                });
            }
            quit(pty);
        }
        // "English / 中文": the words change, the view, the quote and the talk timer stay.
        Action::SwitchLanguage => {
            let mut pty = start(&["--view", "quotes", "--present"]);
            pty.wait_for_texts(&["In their words", "1/8"]);
            pty.send(b"jj");
            pty.wait_for("the third quote, two seconds into the talk", |s| {
                s.contains("3/8") && timer(s) >= Some(2)
            });
            for &key in keys {
                press(&mut pty, key);
                pty.wait_for("the quote in Chinese words, where it was", |s| {
                    s.contains("原话") && s.contains("3/8") && s.contains("视图 4/7")
                });
                assert!(timer(&pty.screen()) >= Some(2), "the timer went on");
                press(&mut pty, key);
                pty.wait_for("English again, still on the third quote", |s| {
                    s.contains("In their words") && s.contains("3/8") && !s.contains("原话")
                });
            }
            quit(pty);
        }
        // "pause or resume autoplay".
        Action::ToggleAutoplay => {
            let mut pty = start(&["--autoplay", "60"]);
            pty.wait_for_text("▶ autoplay 60s");
            for &key in keys {
                press(&mut pty, key);
                pty.wait_for_text("autoplay paused");
                press(&mut pty, key);
                pty.wait_for_text("▶ autoplay 60s");
            }
            quit(pty);
        }
        // "reload the data files": a figure edited in the folder shows, with the notice.
        Action::Reload => {
            let data = DataFolder::init();
            let mut pty = Pty::spawn_in(
                data.root(),
                &["--data", "mydata", "--view", "penetration"],
                100,
                30,
            );
            let mut figure = "30.1".to_string();
            pty.wait_for_texts(&[heading(View::Penetration), &figure]);
            for (i, &key) in keys.iter().enumerate() {
                let edited = format!("4{i}.7");
                assert!(
                    !pty.screen().contains(&edited),
                    "{edited} is not on screen before the reload"
                );
                data.edit(
                    "penetration.toml",
                    &format!("rural_pct = {figure}"),
                    &format!("rural_pct = {edited}"),
                );
                press(&mut pty, key);
                pty.wait_for(
                    &format!("{edited} and the notice after {}", label(key)),
                    |s| s.contains(&edited) && s.contains("✓ data reloaded"),
                );
                figure = edited;
            }
            quit(pty);
        }
        // "quit": exit code 0, the terminal restored.
        Action::Quit => {
            for &key in keys {
                let mut pty = start(&[]);
                pty.wait_for_text("76.4");
                press(&mut pty, key);
                let status = pty.exit();
                assert!(
                    status.success(),
                    "{} exits with code 0, got {status:?}",
                    label(key)
                );
                pty.assert_restored();
            }
        }
        // "suspend to the shell; fg comes back".
        Action::Suspend => {
            for &key in keys {
                let mut pty = start(&["--view", "sales"]);
                pty.wait_for_text(heading(View::Sales));
                suspended_and_resumed(&mut pty, |pty| press(pty, key), &label(key));
                quit(pty);
            }
        }
        Action::OtherKey
        | Action::Tick(_)
        | Action::Resize(..)
        | Action::Loaded(_)
        | Action::Notice(_) => panic!(
            "{action:?} is no key's action, yet the table binds it to {}",
            keys.iter().map(|k| label(*k)).collect::<Vec<_>>().join(" ")
        ),
    }
}

/// "previous / next quote or source": on the quotes and on the sources view, each key moves
/// one place (down, or up from the third place), as "n/N" shows.
fn steps(keys: &[Key], down: bool) {
    let report = gapdash::data::builtin().expect("the built-in data loads");
    for (view, count) in [
        ("quotes", report.quotes.len()),
        ("sources", report.source_rows(&report.i18n.en).len()),
    ] {
        let mut pty = start(&["--view", view]);
        pty.wait_for_text(&format!("1/{count}"));
        let mut at = 1;
        if !down {
            // Two steps down with the wheel, so the keys under test have room to move.
            pty.wheel_down(10, 10);
            pty.wheel_down(10, 10);
            at = 3;
            pty.wait_for_text(&format!("3/{count}"));
        }
        for &key in keys {
            press(&mut pty, key);
            at = if down { at + 1 } else { at - 1 };
            let text = format!("{at}/{count}");
            pty.wait_for(&format!("{text} in {view} after {}", label(key)), |s| {
                s.contains(&text)
            });
        }
        quit(pty);
    }
}

/// Esc closes help, then the status line, then presentation mode, in that order when all
/// three are open; with nothing left to close it does nothing: it never quits.
fn close_overlay(key: Key) {
    let data = DataFolder::init();
    let mut pty = Pty::spawn_in(data.root(), &["--data", "mydata", "--present"], 100, 30);
    pty.wait_for_text("view 1/7");

    // A broken file read again: the error takes the bottom row in presentation mode.
    data.write("report.toml", "not = [toml");
    pty.send(b"r");
    pty.wait_for("the error line", |s| {
        s.contains("mydata/report.toml:") && s.contains("view 1/7")
    });
    pty.send(b"?");
    pty.wait_for_text("Keys");

    press(&mut pty, key);
    pty.wait_for(
        "help to close, the error and presentation mode staying",
        |s| !s.contains("Keys") && s.contains("mydata/report.toml:") && s.contains("view 1/7"),
    );

    press(&mut pty, key);
    pty.wait_for("the error line to close, presentation mode staying", |s| {
        !s.contains("mydata/report.toml:") && s.contains("view 1/7")
    });

    press(&mut pty, key);
    pty.wait_for("presentation mode to end", |s| {
        s.contains("q quit") && !s.contains("view 1/7")
    });

    // Nothing is open now. A key typed before crossterm has read a lone Esc would turn it
    // into Alt+key, so wait until it is read; then help opening proves gapdash is still there.
    pty.send_and_wait_read(&key_bytes(key.0, key.1));
    pty.send(b"?");
    pty.wait_for_text("Keys");
    assert!(pty.running(), "{} never quits", label(key));
    quit(pty);
}

/// One test per binding of the key table, named for what its help line promises, each
/// checking its action with [`check`]; and [`TESTED`], the actions they cover, which
/// `every_binding_in_the_key_table_has_a_test` compares with the table. Both come from the
/// one list, so a test cannot be listed without existing or exist without being listed.
macro_rules! binding_tests {
    ($($test:ident: $action:expr,)*) => {
        /// The actions the binding tests cover, one test each.
        const TESTED: &[Action] = &[$($action),*];
        $(
            #[test]
            fn $test() {
                check($action);
            }
        )*
    };
}

binding_tests! {
    tab_right_and_l_go_to_the_next_view_and_wrap: Action::NextView,
    shift_tab_left_and_h_go_to_the_previous_view_and_wrap: Action::PrevView,
    pgdn_and_space_go_to_the_next_view_and_stop_at_the_last: Action::Forward,
    pgup_and_backspace_go_to_the_previous_view_and_stop_at_the_first: Action::Back,
    key_1_jumps_to_the_overview: Action::Goto(View::Overview),
    key_2_jumps_to_penetration: Action::Goto(View::Penetration),
    key_3_jumps_to_rural_sales: Action::Goto(View::Sales),
    key_4_jumps_to_the_quotes: Action::Goto(View::Quotes),
    key_5_jumps_to_the_world: Action::Goto(View::World),
    key_6_jumps_to_since_the_report: Action::Goto(View::Since),
    key_7_jumps_to_the_sources: Action::Goto(View::Sources),
    home_goes_to_the_first_view: Action::FirstView,
    end_goes_to_the_last_view: Action::LastView,
    up_and_k_go_to_the_previous_quote_or_source: Action::Up,
    down_and_j_go_to_the_next_quote_or_source: Action::Down,
    f5_turns_presentation_mode_on_and_off: Action::TogglePresent,
    b_and_dot_blank_the_screen_and_any_key_brings_it_back: Action::Blank,
    t_switches_to_the_next_colour_theme: Action::NextTheme,
    key_0_resets_the_talk_timer: Action::ResetTimer,
    p_pauses_and_resumes_autoplay: Action::ToggleAutoplay,
    capital_l_switches_language_and_keeps_the_quote_and_timer: Action::SwitchLanguage,
    r_reloads_the_data_files: Action::Reload,
    n_shows_and_hides_the_speakers_notes: Action::ToggleNotes,
    question_mark_shows_and_hides_help: Action::ToggleHelp,
    esc_closes_help_then_status_then_presentation_and_never_quits: Action::CloseOverlay,
    ctrl_z_suspends_with_the_terminal_restored_and_fg_brings_the_view_back: Action::Suspend,
    q_and_ctrl_c_quit_with_the_terminal_restored: Action::Quit,
}

/// Stops the dashboard with `stop`, checks that while stopped the terminal is the shell's
/// again (alternate screen left, cursor shown, mouse and paste reporting off, raw mode off),
/// then continues it, as `fg` does, and checks that it takes the terminal back and draws the
/// same view whole.
fn suspended_and_resumed(pty: &mut Pty, stop: impl FnOnce(&mut Pty), what: &str) {
    let before = pty.raw().len();
    stop(pty);
    pty.wait_stopped();
    // The restore was written before the stop; the reader may still be catching up.
    pty.wait_for_output_after(
        before,
        common::pty::SHOW_CURSOR,
        &format!("the restore ({what})"),
    );
    let raw = pty.raw();
    let stopped = &raw[before..];
    for (needle, name) in [
        (LEAVE_ALTERNATE, "leaves the alternate screen"),
        (common::pty::SHOW_CURSOR, "shows the cursor"),
        (common::pty::MOUSE_OFF, "turns mouse reporting off"),
        (b"\x1b[?2004l".as_slice(), "turns bracketed paste off"),
    ] {
        assert!(
            find_from(stopped, needle, 0).is_some(),
            "{what}: before stopping it {name}; it wrote:\n{}",
            escaped(stopped)
        );
    }
    assert!(!pty.raw_mode(), "{what}: raw mode is off while stopped");

    let resumed_from = pty.raw().len();
    pty.signal(libc::SIGCONT);
    pty.wait_for_output_after(
        resumed_from,
        common::pty::FRAME_END,
        &format!("a frame after SIGCONT ({what})"),
    );
    let raw = pty.raw();
    let after = &raw[resumed_from..];
    assert!(
        find_from(after, common::pty::ENTER_ALTERNATE, 0).is_some(),
        "{what}: back on the alternate screen"
    );
    pty.wait_for(&format!("the view drawn again after {what}"), |s| {
        s.contains(heading(View::Sales))
    });
    assert!(pty.raw_mode(), "{what}: raw mode is on again");
}

#[test]
fn sigtstp_from_outside_suspends_and_sigcont_resumes() {
    let mut pty = start(&["--view", "sales"]);
    pty.wait_for_text(heading(View::Sales));
    suspended_and_resumed(&mut pty, |pty| pty.signal(libc::SIGTSTP), "kill -TSTP");
    quit(pty);
}

#[test]
fn every_binding_in_the_key_table_has_a_test() {
    let bound: Vec<&Action> = BINDINGS.iter().map(|b| &b.action).collect();
    let untested: Vec<String> = BINDINGS
        .iter()
        .filter(|b| !TESTED.contains(&b.action))
        .map(|b| format!("{:?} ({:?})", b.action, b.help))
        .collect();
    assert!(
        untested.is_empty(),
        "bindings without a test of their own: add one to binding_tests! for each of {untested:?}"
    );
    let unbound: Vec<&Action> = TESTED.iter().filter(|a| !bound.contains(a)).collect();
    assert!(
        unbound.is_empty(),
        "binding_tests! covers actions the key table no longer binds: {unbound:?}"
    );
    let twice: Vec<&Action> = TESTED
        .iter()
        .enumerate()
        .filter(|(i, a)| TESTED[..*i].contains(a))
        .map(|(_, a)| a)
        .collect();
    assert!(
        twice.is_empty(),
        "binding_tests! covers these twice: {twice:?}"
    );
}

#[test]
fn the_help_overlay_lists_every_row_of_the_key_table() {
    let mut pty = start(&[]);
    pty.send(b"?");
    pty.wait_for_text("Keys");
    let screen = pty.screen();
    for (keys, help) in help_rows(&english().keys, true) {
        assert!(
            screen
                .lines()
                .any(|line| line.contains(&keys) && line.contains(&help)),
            "help shows {keys:?} with {help:?}:\n{screen}"
        );
    }
    quit(pty);
}

/// The row of the screen that holds the hint bar, if any.
fn hint_row(screen: &str) -> Option<usize> {
    screen.lines().position(|l| l.contains("q quit"))
}

/// The column (0-based) where `text` starts on the title bar.
fn title_column(screen: &str, text: &str) -> u16 {
    let bar = screen.lines().next().unwrap_or_default();
    let byte = bar
        .find(text)
        .unwrap_or_else(|| panic!("{text:?} on the title bar: {bar:?}"));
    u16::try_from(bar[..byte].chars().count()).expect("a column fits u16")
}

#[test]
fn resizing_relays_out_and_too_small_says_so_until_it_grows_back() {
    let mut pty = start(&[]);
    pty.wait_for("the hint bar on the last row of 30", |s| {
        hint_row(s) == Some(29)
    });

    pty.resize(120, 40);
    pty.wait_for_screen("the frame laid out for 120×40", |s| {
        hint_row(&s.contents()) == Some(39) && s.cell(1, 119).is_some_and(|c| c.contents() == "╮")
    });

    // Narrow, the tabs shorten to numbers; a click on "3" finds the tab where it now is.
    pty.resize(60, 20);
    pty.wait_for("the frame laid out for 60×20, tabs shortened", |s| {
        hint_row(s) == Some(19) && !s.contains("Penetration")
    });
    let col = title_column(&pty.screen(), " 3 ") + 1;
    pty.click(col, 0);
    wait_for_view(&pty, View::Sales, "a click on the tab 3 at 60×20");

    pty.resize(10, 5);
    pty.wait_for("the too-small message", |s| {
        s.contains("Terminal") && s.contains("10×5") && !s.contains("Rural")
    });

    pty.resize(100, 30);
    pty.wait_for("the view back at 100×30", |s| {
        s.contains(heading(View::Sales)) && hint_row(s) == Some(29) && !s.contains("too small")
    });
    quit(pty);
}

#[test]
fn sigterm_sighup_sigint_and_sigquit_restore_the_terminal_and_exit_128_plus_the_signal() {
    for (name, signal) in [
        ("SIGTERM", libc::SIGTERM),
        ("SIGHUP", libc::SIGHUP),
        ("SIGINT", libc::SIGINT),
        ("SIGQUIT", libc::SIGQUIT),
    ] {
        let mut pty = start(&[]);
        pty.wait_for_text("76.4");
        pty.signal(signal);
        let status = pty.exit();
        assert_eq!(
            (status.exit_code(), status.signal()),
            (128 + signal as u32, None),
            "{name}: exits by itself with 128 + {signal}"
        );
        pty.assert_restored();
    }
}

#[test]
fn a_panic_prints_its_message_after_the_terminal_is_restored() {
    let mut pty = Pty::spawn_env(&[], &[("GAPDASH_TEST_PANIC", "1")], 100, 30);
    let status = pty.exit();
    assert_eq!(
        status.exit_code(),
        101,
        "a panic exits with 101: {status:?}"
    );
    pty.assert_restored();
    let raw = pty.raw();
    let left = rfind(&raw, LEAVE_ALTERNATE).expect("the alternate screen was left");
    assert!(
        find_from(&raw, b"GAPDASH_TEST_PANIC=1: panicking", left).is_some(),
        "the panic message comes after the alternate screen is left; the output ends:\n{}",
        escaped(&raw[raw.len().saturating_sub(600)..])
    );
    assert!(
        pty.screen().contains("panicking after the first frame"),
        "the message stays readable on the main screen:\n{}",
        pty.screen()
    );
}

/// CPU time the process has used, in clock ticks: utime + stime, fields 14 and 15 of
/// /proc/PID/stat (counted after the command name, which may hold spaces).
fn cpu_ticks(pid: u32) -> u64 {
    let stat = std::fs::read_to_string(format!("/proc/{pid}/stat")).expect("read /proc/PID/stat");
    let fields: Vec<&str> = stat[stat.rfind(')').expect("(comm)") + 1..]
        .split_whitespace()
        .collect();
    // Field 3 (state) is fields[0], so field n is fields[n - 3].
    let field = |n: usize| -> u64 { fields[n - 3].parse().expect("a number of ticks") };
    field(14) + field(15)
}

/// The measurement window of the idle tests. Sleeping is the measurement itself here: what
/// the process does when nothing happens can only be seen by letting time pass.
const IDLE: Duration = Duration::from_secs(3);

/// Bytes written and CPU ticks used by the child over [`IDLE`], and the output of that time.
fn idle(pty: &Pty) -> (usize, u64, Vec<u8>) {
    let (bytes, ticks) = (pty.bytes_written(), cpu_ticks(pty.pid()));
    std::thread::sleep(IDLE);
    let (bytes_after, ticks_after) = (pty.bytes_written(), cpu_ticks(pty.pid()));
    let output = pty.raw()[bytes..bytes_after].to_vec();
    (bytes_after - bytes, ticks_after - ticks, output)
}

#[test]
fn idle_after_the_first_frame_it_writes_nothing_and_uses_at_most_one_clock_tick() {
    let pty = start(&[]);
    pty.wait_for_text("76.4");
    pty.wait_quiet(Duration::from_millis(300));
    let (bytes, ticks, output) = idle(&pty);
    eprintln!("idle {IDLE:?}: {bytes} bytes written, {ticks} clock ticks of CPU");
    assert_eq!(
        bytes,
        0,
        "idle, nothing is written; got {}",
        escaped(&output)
    );
    assert!(ticks <= 1, "idle, at most 1 clock tick of CPU; got {ticks}");
    quit(pty);
}

#[test]
fn the_presentation_timer_wakes_it_about_once_a_second() {
    let pty = start(&["--present"]);
    pty.wait_for_text("view 1/7");
    pty.wait_quiet(Duration::from_millis(200));
    let (bytes, ticks, output) = idle(&pty);
    // Every frame ends by ending its synchronized update, so that counts frames.
    let frames = common::count(&output, common::pty::FRAME_END);
    eprintln!(
        "presenting {IDLE:?}: {frames} frames, {bytes} bytes written, {ticks} clock ticks of CPU"
    );
    assert!(
        (2..=5).contains(&frames),
        "the timer redraws about once a second: {frames} frames in {IDLE:?}"
    );
    quit(pty);
}

#[test]
fn the_raw_mode_check_catches_a_program_that_leaves_the_terminal_raw() {
    let mut raw = Pty::spawn_program("sh", &["-c", "stty raw -echo"], &[], 80, 24);
    raw.exit();
    assert!(
        raw.modes_restored().is_err(),
        "`stty raw -echo` left the terminal raw, and the check must see it"
    );

    let undo = r#"saved=$(stty -g); stty raw -echo; stty "$saved""#;
    let mut cooked = Pty::spawn_program("sh", &["-c", undo], &[], 80, 24);
    cooked.exit();
    assert_eq!(cooked.modes_restored(), Ok(()), "a program that undid it");
}
