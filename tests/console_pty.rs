//! The presenter's console end to end: a dashboard (100×30, the projector) and consoles
//! (80×24, the laptop) as real processes in pseudo-terminals, sharing a runtime folder and
//! so a session. The console follows the dashboard within 100 ms, drives it, waits for it
//! when it is gone and reconnects when it is back; a dead socket file is replaced; a second
//! console works; a second dashboard of a session is refused; the socket and its folder are
//! the user's alone; a malformed or oversized line is dropped and shown, never a crash; and
//! each quits with its terminal restored.

// Needs a pseudo-terminal and Unix signals; full-screen programs draw badly in wine's console.
#![cfg(unix)]

mod common;

use std::io::Write;
use std::os::unix::fs::{FileTypeExt, PermissionsExt};
use std::os::unix::net::UnixStream;
use std::time::{Duration, Instant};

use common::pty::{Pty, Session};

/// The console's title bar once it follows the dashboard to view `n`, named `title`.
fn following(n: usize, title: &str) -> String {
    format!("view {n}/7 {title}")
}

/// A dashboard in presentation mode and a console following it, each on screen.
fn started(session: &Session) -> (Pty, Pty) {
    let dashboard = session.dashboard(&["--present"]);
    dashboard.wait_for_text("view 1/7");
    let console = session.console(&[]);
    console.wait_for_text(&following(1, "Overview"));
    (dashboard, console)
}

fn quit(mut pty: Pty) {
    pty.quit_ok();
    pty.assert_restored();
}

#[test]
fn the_console_follows_a_view_change_within_100_ms() {
    let session = Session::new();
    let (mut dashboard, console) = started(&session);
    let views = [
        ("2", 2, "Penetration"),
        ("3", 3, "Rural sales"),
        ("4", 4, "Quotes"),
        ("5", 5, "World"),
        ("6", 6, "Since the report"),
        ("7", 7, "Sources"),
        ("1", 1, "Overview"),
    ];
    let mut follow = Vec::new();
    let mut key_to_console = Vec::new();
    for (key, n, title) in views {
        let pressed = Instant::now();
        dashboard.send(key.as_bytes());
        let shown = dashboard.wait_for_frame(&format!("view {n}/7 on the dashboard"), |s| {
            s.contains(&format!("view {n}/7"))
        });
        let followed = console.wait_for_frame(&format!("view {n} on the console"), |s| {
            s.contains(&following(n, title))
        });
        follow.push(followed.saturating_duration_since(shown));
        key_to_console.push(followed.saturating_duration_since(pressed));
    }
    let median = |times: &mut Vec<Duration>| {
        times.sort();
        times[times.len() / 2]
    };
    println!(
        "dashboard frame to console frame: {follow:?}; key to console frame: {key_to_console:?}"
    );
    // Measured from outside: when each frame's last byte was read from its terminal.
    let follow_median = median(&mut follow);
    assert!(
        follow_median < Duration::from_millis(100),
        "the console follows within 100 ms (median {follow_median:?}): {follow:?}"
    );
    let key_median = median(&mut key_to_console);
    assert!(
        key_median < Duration::from_millis(100),
        "a key on the dashboard reaches the console's screen within 100 ms (median \
         {key_median:?}): {key_to_console:?}"
    );
    quit(console);
    quit(dashboard);
}

#[test]
fn keys_in_the_console_move_the_dashboard() {
    let session = Session::new();
    let (dashboard, mut console) = started(&session);
    // PgDn, as a clicker sends it, then a number, then PgUp.
    console.send(b"\x1b[6~");
    dashboard.wait_for_text("view 2/7");
    console.wait_for_text(&following(2, "Penetration"));
    console.send(b"5");
    dashboard.wait_for_text("view 5/7");
    console.wait_for_text(&following(5, "World"));
    console.send(b"\x1b[5~");
    dashboard.wait_for_text("view 4/7");
    console.wait_for_text(&following(4, "Quotes · quote 1/8"));
    // ↓ on the quotes view moves to the next quote, on both screens.
    console.send(b"\x1b[B");
    dashboard.wait_for_text("2/8");
    console.wait_for_texts(&["quote 2/8", "The headline figure from the overview"]);
    // b blanks the projector, and the console says so; b again brings it back.
    console.send(b"b");
    dashboard.wait_for("a blank screen", |s| s.trim().is_empty());
    console.wait_for_text("screen blank");
    console.send(b"b");
    dashboard.wait_for_text("view 4/7");
    // F5 leaves presentation mode: the dashboard's hints come back.
    console.send(b"\x1b[15~");
    dashboard.wait_for_text("q quit");
    console.wait_for_text("not presenting (F5)");
    quit(console);
    quit(dashboard);
}

#[test]
fn the_console_waits_while_the_dashboard_is_gone_and_reconnects_when_it_is_back() {
    let session = Session::new();
    let (dashboard, console) = started(&session);
    quit(dashboard);
    console.wait_for_text("Waiting for the dashboard…");
    assert!(
        !session.socket("default").exists(),
        "a dashboard that quits takes its socket with it"
    );
    let again = session.dashboard(&["--present", "--view", "sales"]);
    again.wait_for_text("view 3/7");
    console.wait_for_text(&following(3, "Rural sales"));
    quit(console);
    quit(again);
}

#[test]
fn a_socket_left_by_a_killed_dashboard_is_replaced() {
    let session = Session::new();
    let (mut dashboard, console) = started(&session);
    dashboard.signal(libc::SIGKILL);
    dashboard.exit();
    let socket = session.socket("default");
    let left = std::fs::symlink_metadata(&socket).expect("a killed dashboard leaves its socket");
    assert!(left.file_type().is_socket());
    console.wait_for_text("Waiting for the dashboard…");
    let again = session.dashboard(&["--present", "--view", "world"]);
    again.wait_for_text("view 5/7");
    console.wait_for_text(&following(5, "World"));
    quit(console);
    quit(again);
}

#[test]
fn a_second_console_follows_and_drives_too() {
    let session = Session::new();
    let (dashboard, mut first) = started(&session);
    let mut second = session.console(&[]);
    second.wait_for_text(&following(1, "Overview"));
    second.send(b"3");
    dashboard.wait_for_text("view 3/7");
    first.wait_for_text(&following(3, "Rural sales"));
    second.wait_for_text(&following(3, "Rural sales"));
    first.send(b"6");
    second.wait_for_text(&following(6, "Since the report"));
    quit(second);
    first.send(b"7");
    first.wait_for_text(&following(7, "Sources"));
    quit(first);
    quit(dashboard);
}

#[test]
fn sessions_keep_dashboards_apart_and_a_second_of_one_session_starts_under_the_next_name() {
    let session = Session::new();
    let (dashboard, console) = started(&session);
    // A rehearsal left open: the second dashboard of "default" starts as "default-2" and
    // says which session its consoles use.
    let twin = session.dashboard(&["--view", "world"]);
    twin.wait_for_text("--session default-2");
    let twin_console = session.console(&["--session", "default-2"]);
    twin_console.wait_for_text(&following(5, "World"));
    assert!(console.screen().contains(&following(1, "Overview")));

    let other = session.dashboard(&["--session", "rehearsal", "--view", "quotes"]);
    other.wait_for_text("In their words");
    let follower = session.console(&["--session", "rehearsal"]);
    follower.wait_for_text(&following(4, "Quotes · quote 1/8"));
    assert!(console.screen().contains(&following(1, "Overview")));
    quit(follower);
    quit(other);
    quit(twin_console);
    quit(twin);
    quit(console);
    quit(dashboard);
}

#[test]
fn the_socket_is_0600_in_a_0700_folder() {
    let session = Session::new();
    let dashboard = session.dashboard(&[]);
    dashboard.wait_for_text(" gapdash ");
    let mode = |path: &std::path::Path| {
        std::fs::symlink_metadata(path)
            .unwrap_or_else(|e| panic!("{path:?}: {e}"))
            .permissions()
            .mode()
            & 0o777
    };
    assert_eq!(mode(&session.folder()), 0o700);
    assert_eq!(mode(&session.socket("default")), 0o600);
    quit(dashboard);
}

#[test]
fn a_malformed_or_oversized_message_is_dropped_and_shown_never_a_crash() {
    let session = Session::new();
    let (dashboard, console) = started(&session);
    let mut raw = UnixStream::connect(session.socket("default")).expect("connect");
    raw.write_all(b"{\"v\":1,\"type\":\"command\",\"command\":\"self-destruct\"}\n")
        .expect("write");
    dashboard.wait_for_text("console: dropped a malformed message (unknown variant");
    raw.write_all(&vec![b'x'; 200 * 1024]).expect("write");
    raw.write_all(b"\n").expect("write");
    dashboard.wait_for_text("console: dropped a message over 64 KiB");
    raw.write_all(b"{\"v\":7,\"type\":\"command\",\"command\":\"forward\"}\n")
        .expect("write");
    dashboard.wait_for_text("console: dropped a message of version 7");
    // Still listening: a good line from the same connection moves the talk.
    raw.write_all(b"{\"v\":1,\"type\":\"command\",\"command\":{\"goto\":\"world\"}}\n")
        .expect("write");
    dashboard.wait_for_text("view 5/7");
    console.wait_for_text(&following(5, "World"));
    drop(raw);
    quit(console);
    quit(dashboard);
}
