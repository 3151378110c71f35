//! The stage features end to end: the real binary in a pseudo-terminal (100×30,
//! TERM=xterm-256color), read through a terminal emulator. NO_COLOR, the talk timer ticking on
//! its own, blank and unblank, autoplay, `--stage`, and mouse clicks and wheel.

// Needs a pseudo-terminal and Unix signals; full-screen programs draw badly in wine's console.
#![cfg(unix)]

mod common;

use common::find_from;
use common::pty::Pty;
use ratatui::crossterm::event::{KeyCode, KeyModifiers};

/// The Rural sales view's heading; the overview's card says only "Rural online retail sales".
const SALES_HEADING: &str = "Rural online retail sales · billion yuan";

/// `gapdash ARGS` in a 100×30 pty.
fn spawn(args: &[&str]) -> Pty {
    Pty::spawn(args, 100, 30)
}

/// The parameters of every SGR sequence (`CSI … m`) in `raw`, as written.
fn sgr_parameters(raw: &[u8]) -> Vec<String> {
    let mut found = Vec::new();
    let mut i = 0;
    while let Some(start) = find_from(raw, b"\x1b[", i) {
        let body = start + 2;
        // A CSI sequence: parameter and intermediate bytes, then one final byte 0x40..=0x7e.
        let Some(len) = raw[body..].iter().position(|b| (0x40..=0x7e).contains(b)) else {
            break;
        };
        let end = body + len;
        if raw[end] == b'm' {
            found.push(String::from_utf8_lossy(&raw[body..end]).into_owned());
        }
        i = end + 1;
    }
    found
}

/// Parameters that carry no colour. 39 and 49 select the terminal's own default foreground
/// and background, which is what NO_COLOR asks for, so they count as no colour; crossterm
/// writes them when a cell's colour is `Color::Reset`.
const COLOURLESS: [&str; 13] = [
    "", "0", "1", "2", "3", "4", "7", "22", "23", "24", "27", "39", "49",
];

#[test]
fn no_color_writes_no_colour_codes() {
    let mut pty = Pty::spawn_env(&[], &[("NO_COLOR", "1")], 100, 30);
    pty.wait_for_text("76.4");
    pty.send(b"\t");
    pty.wait_for_text("Internet penetration, urban vs rural");
    pty.quit_ok();

    let sequences = sgr_parameters(&pty.raw());
    assert!(
        !sequences.is_empty(),
        "the dashboard wrote some SGR (bold, reverse) at all"
    );
    for params in &sequences {
        // A `:` sub-parameter form (38:2:…) is a colour too: split on both.
        for p in params.split([';', ':']) {
            assert!(
                COLOURLESS.contains(&p),
                "NO_COLOR: colour parameter {p:?} in \\x1b[{params}m"
            );
        }
    }
}

#[test]
fn presentation_timer_ticks_blank_returns_and_esc_leaves_then_terminal_is_restored() {
    let mut pty = spawn(&["--present", "--talk", "1"]);
    pty.wait_for("view 1/7 and 01:00", |s| {
        s.contains("view 1/7") && s.contains("01:00")
    });
    // No key is sent: only the once-a-second redraw can change the timer.
    pty.wait_for_text("00:59");

    pty.key(KeyCode::PageDown, KeyModifiers::NONE);
    pty.key(KeyCode::PageDown, KeyModifiers::NONE);
    pty.wait_for_text("view 3/7");

    pty.send(b"b");
    pty.wait_for("the screen to blank", |s| !s.contains("view 3/7"));
    assert!(
        pty.screen().trim().is_empty(),
        "a blank screen shows nothing:\n{}",
        pty.screen()
    );

    pty.send(b"x");
    pty.wait_for_text("view 3/7");

    pty.send(b"\x1b");
    pty.wait_for_text("1 Overview");
    assert!(
        pty.running(),
        "Esc left presentation mode and must not quit"
    );
    let screen = pty.screen();
    assert!(
        screen.contains(SALES_HEADING) && screen.contains("q quit"),
        "normal mode on the same view, with hints:\n{screen}"
    );

    pty.quit_ok();
    pty.assert_restored();
}

#[test]
fn autoplay_moves_on_by_itself_and_p_pauses_it() {
    let mut pty = spawn(&["--autoplay", "0.5"]);
    pty.wait_for_text("76.4");
    pty.wait_for_text("Internet penetration, urban vs rural");
    pty.send(b"p");
    pty.wait_for_text("autoplay paused");
    pty.quit_ok();
}

#[test]
fn stage_draws_centred_in_the_terminal() {
    let mut pty = spawn(&["--stage", "70x20"]);
    pty.wait_for_text("76.4");
    let screen = pty.screen();
    let rows: Vec<&str> = screen.lines().collect();
    // A 70×20 stage in 100×30 starts at column 15, row 5.
    let title = rows.get(5).copied().unwrap_or_default();
    assert!(
        title.starts_with(&format!("{} gapdash ", " ".repeat(15))),
        "the title bar starts at column 15 of row 5, blank before it: {title:?}\n{screen}"
    );
    assert!(
        title.chars().take(5).all(|c| c == ' '),
        "the first 5 columns of the title row are blank: {title:?}"
    );
    for (y, row) in rows
        .iter()
        .enumerate()
        .filter(|(y, _)| !(5..25).contains(y))
    {
        assert!(
            row.trim().is_empty(),
            "row {y} is outside the stage and blank: {row:?}"
        );
    }
    pty.quit_ok();

    // A stage bigger than the terminal is clipped to it, and a terminal too small for the
    // dashboard says so (a stage below the minimum is refused at the command line).
    let mut pty = Pty::spawn(&["--stage", "80x24"], 50, 14);
    pty.wait_for_text("Terminal too small: 50×14.");
    pty.quit_ok();
}

/// The column (0-based) where `label` starts on row `y` of the screen.
fn column_of(screen: &str, y: usize, label: &str) -> u16 {
    let row = screen.lines().nth(y).unwrap_or_default();
    let byte = row
        .find(label)
        .unwrap_or_else(|| panic!("{label:?} on row {y}: {row:?}"));
    u16::try_from(row[..byte].chars().count()).expect("a column fits u16")
}

#[test]
fn mouse_clicks_a_tab_and_the_wheel_moves_through_quotes() {
    let mut pty = spawn(&[]);
    pty.wait_for_text("76.4");
    let col = column_of(&pty.screen(), 0, "3 Rural sales") + 2;
    pty.click(col, 0);
    // The overview has a card titled "Rural online retail sales" too: wait for the view's own
    // heading.
    pty.wait_for_text(SALES_HEADING);

    pty.send(b"4");
    pty.wait_for("the first quote", |s| {
        s.contains("In their words") && s.contains("1/8")
    });
    pty.wheel_down(9, 9);
    pty.wait_for_text("2/8");
    pty.quit_ok();
}

#[test]
fn without_a_utf8_locale_the_dashboard_draws_ascii_only() {
    for (name, value) in [("LANG", "C"), ("LC_ALL", "POSIX"), ("LANG", "")] {
        let mut pty = Pty::spawn_env(&[], &[(name, value)], 100, 30);
        pty.wait_for_text("76.4");
        pty.wait_for_screen(&format!("an ASCII frame with {name}={value:?}"), |s| {
            s.contents().contains("+-") && s.contents().is_ascii()
        });
        pty.quit_ok();
        pty.assert_restored();
    }
}

/// Arguments and environment variables to start the dashboard with.
type Launch<'a> = (&'a [&'a str], &'a [(&'a str, &'a str)]);

#[test]
fn a_chinese_locale_starts_in_chinese_and_l_switches_to_english_and_back() {
    let cases: [Launch; 3] = [
        (&[], &[("LANG", "zh_CN.UTF-8")]),
        (
            &[],
            &[("LANG", "en_GB.UTF-8"), ("LC_MESSAGES", "zh_TW.UTF-8")],
        ),
        (&["--lang", "zh"], &[]),
    ];
    for (args, env) in cases {
        let mut pty = Pty::spawn_env(args, env, 100, 30);
        pty.wait_for_texts(&["城镇 · 2020年6月", "L English"]);
        pty.send(b"2");
        pty.wait_for_text("第46次报告");
        pty.send(b"L");
        pty.wait_for_texts(&["46th report", "L 中文"]);
        pty.send(b"L");
        pty.wait_for_text("第46次报告");
        pty.quit_ok();
        pty.assert_restored();
    }
}

#[test]
fn the_locale_gives_way_to_lc_all_and_to_lang_en() {
    let cases: [Launch; 2] = [
        (&[], &[("LANG", "zh_CN.UTF-8"), ("LC_ALL", "en_US.UTF-8")]),
        (&["--lang", "en"], &[("LANG", "zh_CN.UTF-8")]),
    ];
    for (args, env) in cases {
        let mut pty = Pty::spawn_env(args, env, 100, 30);
        pty.wait_for_texts(&["Urban · Jun 2020", "L 中文"]);
        pty.quit_ok();
        pty.assert_restored();
    }
}

#[test]
fn chinese_without_utf8_falls_back_to_english_in_ascii_with_a_notice() {
    let cases: [Launch; 2] = [
        (&[], &[("LANG", "zh_CN.GB18030")]),
        (&["--lang", "zh", "--ascii"], &[]),
    ];
    for (args, env) in cases {
        let mut pty = Pty::spawn_env(args, env, 100, 30);
        pty.wait_for_texts(&["Urban", "Chinese needs a UTF-8 terminal"]);
        assert!(pty.screen().is_ascii(), "no mojibake:\n{}", pty.screen());
        pty.send(b"L");
        pty.wait_for_text("Chinese needs a UTF-8 terminal");
        assert!(pty.screen().contains("Urban"), "still English");
        pty.quit_ok();
        pty.assert_restored();
    }
}

#[test]
fn a_dumb_terminal_is_told_to_use_snapshot_and_left_alone() {
    let mut pty = Pty::spawn_env(&[], &[("TERM", "dumb")], 100, 30);
    let status = pty.exit();
    assert_eq!(status.exit_code(), 2, "{status:?}");
    let raw = pty.raw();
    assert!(
        !raw.windows(2).any(|w| w == b"\x1b["),
        "no escape sequence at all: {}",
        common::escaped(&raw)
    );
    assert!(
        pty.screen()
            .contains("TERM=dumb cannot draw a full-screen dashboard"),
        "{}",
        pty.screen()
    );
}

#[test]
fn a_theme_that_is_a_device_or_a_pipe_is_refused_before_the_screen_changes() {
    let dir = tempfile::tempdir().expect("temp dir");
    let fifo = dir.path().join("theme.toml");
    common::mkfifo(&fifo);
    let fifo = fifo.to_str().expect("UTF-8 path").to_string();
    for (theme, what) in [
        ("/dev/zero", "is a character device, not a regular file"),
        (fifo.as_str(), "is a named pipe (FIFO), not a regular file"),
    ] {
        let mut pty = spawn(&["--theme", theme]);
        let status = pty.exit();
        assert_eq!(status.exit_code(), 1, "{theme}: {status:?}");
        assert!(pty.screen().contains(what), "{theme}: {}", pty.screen());
        assert!(
            common::find_from(&pty.raw(), common::pty::ENTER_ALTERNATE, 0).is_none(),
            "{theme}: refused before the alternate screen"
        );
    }
}

/// The cells of the urban bar of the report's period, on the live screen.
fn urban_bar(screen: &vt100::Screen) -> Vec<(String, vt100::Color)> {
    let (rows, cols) = screen.size();
    let row = (0..rows.get())
        .find(|&y| {
            screen
                .rows(0, cols.get())
                .nth(y as usize)
                .is_some_and(|r| r.contains("Jun 2020 ◆"))
        })
        .expect("the report's period on screen");
    let text = screen
        .rows(0, cols.get())
        .nth(row as usize)
        .unwrap_or_default();
    let start = text.find("urban ").expect("the urban bar's label") + "urban ".len();
    let start = text[..start].chars().count() as u16;
    (start..start + 10)
        .filter_map(|x| screen.cell(row, x))
        .map(|c| (c.contents().to_string(), c.bgcolor()))
        .collect()
}

#[test]
fn bars_are_block_glyphs_over_their_own_colour_and_without_colour_still_glyphs() {
    let mut colour = spawn(&["--view", "penetration"]);
    colour.wait_for_text("Jun 2020 ◆");
    let bar = colour.with_screen(|screen| {
        urban_bar(screen)
            .into_iter()
            .zip(urban_bar_ink(screen))
            .map(|((symbol, bg), fg)| (symbol, fg, bg))
            .collect::<Vec<_>>()
    });
    assert!(
        bar.iter()
            .all(|(symbol, fg, bg)| symbol == "█" && *bg != vt100::Color::Default && fg == bg),
        "a glyph that survives a lost colour, over its colour so no seam shows: {bar:?}"
    );
    colour.quit_ok();

    let mut plain = Pty::spawn_env(&["--view", "penetration"], &[("NO_COLOR", "1")], 100, 30);
    plain.wait_for_text("Jun 2020 ◆");
    let bar = plain.with_screen(urban_bar);
    assert!(
        bar.iter().all(|(symbol, _)| symbol == "█"),
        "without colour the glyph is the bar: {bar:?}"
    );
    plain.quit_ok();
}

/// The glyph colours of the cells `urban_bar` reads.
fn urban_bar_ink(screen: &vt100::Screen) -> Vec<vt100::Color> {
    let (rows, cols) = screen.size();
    let row = (0..rows.get())
        .find(|&y| {
            screen
                .rows(0, cols.get())
                .nth(y as usize)
                .is_some_and(|r| r.contains("Jun 2020 ◆"))
        })
        .expect("the report's period on screen");
    let text = screen
        .rows(0, cols.get())
        .nth(row as usize)
        .unwrap_or_default();
    let start = text.find("urban ").expect("the urban bar's label") + "urban ".len();
    let start = text[..start].chars().count() as u16;
    (start..start + 10)
        .filter_map(|x| screen.cell(row, x))
        .map(|c| c.fgcolor())
        .collect()
}

/// GNU screen 4 drops 24-bit colour; COLORTERM=truecolor inherited from the terminal around
/// it must not make gapdash send any. Under a terminal that shows it, it is sent.
#[test]
fn colorterm_inherited_into_screen_sends_no_24_bit_colour() {
    let truecolor = |raw: &[u8]| raw.windows(5).any(|w| w == b"38;2;" || w == b"48;2;");
    for (term, sent) in [
        ("screen-256color", false),
        ("screen", false),
        ("xterm-256color", true),
    ] {
        let mut pty = Pty::spawn_env(
            &["--view", "penetration"],
            &[("TERM", term), ("COLORTERM", "truecolor")],
            100,
            30,
        );
        pty.wait_for_text("Jun 2020 ◆");
        assert_eq!(
            truecolor(&pty.raw()),
            sent,
            "TERM={term} COLORTERM=truecolor"
        );
        let bar = pty.with_screen(urban_bar);
        assert!(
            bar.iter().all(|(symbol, _)| symbol == "█"),
            "TERM={term}: the bar is drawn: {bar:?}"
        );
        pty.quit_ok();
    }
}
