//! Input as terminals really send it, end to end in a pseudo-terminal: two keys in one read
//! act as two keys, a paste is never taken for commands whatever its length, and the key
//! after a paste still counts; a key typed while the dashboard starts is not lost.

// Needs a pseudo-terminal and Unix signals; full-screen programs draw badly in wine's console.
#![cfg(unix)]

mod common;

use common::pty::Pty;

fn start(args: &[&str]) -> Pty {
    let pty = Pty::spawn(args, 100, 30);
    pty.wait_for_text(" gapdash ");
    pty
}

/// The number of the view the presentation bar names ("view n/7").
fn presented_view(screen: &str) -> Option<String> {
    let bar = screen.lines().next()?;
    let at = bar.rfind("view ")?;
    Some(bar[at + 5..].split_whitespace().next()?.to_string())
}

#[test]
fn esc_then_f5_in_one_read_leaves_and_reenters_presentation_not_view_5() {
    let mut pty = start(&["--present"]);
    pty.wait_for_text("view 1/7");
    // A clicker's start/stop button: Esc then F5, in one write.
    pty.send(b"\x1b\x1b[15~");
    // Esc left presentation mode and F5 entered it again: still on view 1, presenting.
    pty.send(b"?");
    pty.wait_for_text("Keys");
    let screen = pty.screen();
    assert_eq!(presented_view(&screen).as_deref(), Some("1/7"), "{screen}");
    pty.quit_ok();
    pty.assert_restored();
}

#[test]
fn esc_then_pagedown_in_one_read_moves_one_view_forward() {
    let mut pty = start(&[]);
    pty.wait_for_text("76.4");
    pty.send(b"\x1b\x1b[6~");
    pty.wait_for_text("Internet penetration, urban vs rural");
    let screen = pty.screen();
    assert!(
        !screen.contains("Sources · V stated"),
        "not view 6:\n{screen}"
    );
    pty.quit_ok();
}

#[test]
fn a_paste_does_nothing_and_the_key_after_it_acts() {
    let mut pty = start(&[]);
    pty.wait_for_text("76.4");
    for length in [10, 5_000] {
        // Text full of bound keys: t, b, r, digits, q.
        let text = "tbr2q6.".repeat(length / 7 + 1);
        let mut bytes = b"\x1b[200~".to_vec();
        bytes.extend_from_slice(text.as_bytes());
        bytes.extend_from_slice(b"\x1b[201~");
        pty.send(&bytes);
        // The key typed right after the paste acts, and nothing in the paste did.
        pty.send(b"3");
        pty.wait_for_text("Rural online retail sales · billion yuan");
        assert!(
            pty.running(),
            "a q inside a paste of {length} bytes did not quit"
        );
        let screen = pty.screen();
        assert!(
            screen.contains("q quit"),
            "not blank, no overlay:\n{screen}"
        );
        pty.send(b"1");
        pty.wait_for_text("76.4");
    }
    pty.quit_ok();
    pty.assert_restored();
}

/// A key typed while the dashboard starts, before its first frame, is not lost: it waits in
/// the terminal (or in crossterm, which reads it when its reader is made) and acts once the
/// loop reads input, though nothing else ever wakes the loop (no timer on screen).
#[test]
fn a_key_typed_while_the_dashboard_starts_acts_once_it_is_up() {
    let mut pty = Pty::spawn(&[], 100, 30);
    pty.send(b"2");
    pty.wait_for_text("Internet penetration, urban vs rural");
}
