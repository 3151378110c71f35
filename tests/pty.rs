//! End to end: the real binary in a pseudo-terminal, driven by keys, read through a
//! terminal emulator.

// Needs a pseudo-terminal and Unix signals; full-screen programs draw badly in wine's console.
#![cfg(unix)]

mod common;

use common::pty::{ENTER_ALTERNATE, HIDE_CURSOR, LEAVE_ALTERNATE, Pty, SHOW_CURSOR};
use common::{find_from, rfind};

#[test]
fn keys_move_between_views_and_help_and_q_restores_the_terminal() {
    let mut pty = Pty::spawn(&[], 100, 30);

    pty.wait_for_text("76.4");
    assert!(
        pty.alternate_screen(),
        "the dashboard draws on the alternate screen"
    );

    pty.send(b"\t");
    pty.wait_for_text("Internet penetration, urban vs rural");

    pty.send(b"?");
    pty.wait_for_text("Keys");

    pty.send(b"\x1b");
    pty.wait_for("the help overlay to close", |s| !s.contains("Keys"));
    assert!(pty.running(), "Esc closed help and must not quit");
    let screen = pty.screen();
    assert!(
        screen.contains("Internet penetration, urban vs rural"),
        "closing help returns to the view it was opened on; screen:\n{screen}"
    );

    pty.quit_ok();

    let raw = pty.raw();
    let entered = find_from(&raw, ENTER_ALTERNATE, 0).expect("the alternate screen was entered");
    assert!(
        find_from(&raw, LEAVE_ALTERNATE, entered + ENTER_ALTERNATE.len()).is_some(),
        "the alternate screen is left after it was entered"
    );
    let hidden = rfind(&raw, HIDE_CURSOR).expect("the cursor was hidden while drawing");
    let shown = rfind(&raw, SHOW_CURSOR).expect("the cursor is shown again");
    assert!(
        shown > hidden,
        "the last cursor hide (at byte {hidden}) is followed by a show; last show at byte {shown}"
    );
    assert!(
        !pty.alternate_screen(),
        "the terminal is back on the main screen"
    );
}

/// A terminal that hangs up while gapdash lives on (no SIGHUP: it is not gapdash's
/// controlling terminal) ends the dashboard at once: the loop waits on the terminal itself
/// and sees POLLHUP, where crossterm's reader read end-of-file in a loop (crossterm issue
/// 793: half a second of CPU a second, until a frame failed to write).
#[cfg(target_os = "linux")]
#[test]
fn a_terminal_that_hangs_up_ends_the_dashboard_at_once_without_spinning() {
    ends_at_once(common::pty::hang_up(&[], Some(b"\t")));
}

/// The presenter's console too: it waits on the terminal in the same place.
#[cfg(target_os = "linux")]
#[test]
fn a_terminal_that_hangs_up_ends_the_console_at_once_without_spinning() {
    ends_at_once(common::pty::hang_up(&["console"], None));
}

/// Ended by itself with status 0, within 2 s and 5 CPU ticks of the hang-up.
#[cfg(target_os = "linux")]
fn ends_at_once(hung: common::pty::HungUp) {
    assert!(hung.status.success(), "ended with {:?}", hung.status);
    assert!(
        hung.ticks_after <= 5,
        "{} CPU ticks between the hang-up and the end ({:?})",
        hung.ticks_after,
        hung.took
    );
    assert!(
        hung.took < std::time::Duration::from_secs(2),
        "took {:?}",
        hung.took
    );
}
