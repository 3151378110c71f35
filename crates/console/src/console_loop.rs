//! The console's loop: waits for a key, the dashboard's next line, or the next second of the
//! clock, all in one poll; while no dashboard answers, tries again five times a second.
//! Turns what came into the console's events, carries out what it asks (a command to the
//! dashboard, quitting, suspending), and draws a frame after each turn; a frame that changes
//! nothing writes nothing.

use std::io;
use std::path::Path;
use std::time::{Duration, Instant, SystemTime, UNIX_EPOCH};

use anyhow::Result;

use crate::console::{self, Console, Effect, Event};
use crate::screen::ConsoleScreen;
use crate::session::{Client, Received};
use gapdash_term::terminal::Tui;
use gapdash_term::tty::{Input, Tty};
use gapdash_ui::theme::Theme;

/// How often a console without a dashboard tries to connect.
pub const RETRY: Duration = Duration::from_millis(200);

/// Runs until the presenter quits the console.
pub fn run(tui: &mut Tui, console: &mut Console, theme: &Theme, socket: &Path) -> Result<()> {
    let mut tty = Tty::new()?;
    let mut client: Option<Client> = None;
    let mut next_try = Instant::now();
    let area = tui.area();
    console.update(Event::Resize(area.width, area.height));
    console.update(tick());
    loop {
        if client.is_none() && Instant::now() >= next_try {
            match Client::connect(socket) {
                Ok(connected) => {
                    client = Some(connected);
                    console.update(Event::Connected);
                }
                Err(e) => {
                    next_try = Instant::now() + RETRY;
                    if e.kind() == io::ErrorKind::PermissionDenied {
                        let why = gapdash_data::read::plain(&e);
                        let text = console.strings().console.refused.fill(&[("why", &why)]);
                        console.update(Event::Notice(text));
                    }
                }
            }
        }
        tui.draw(ConsoleScreen::new(console, theme))?;

        let mut fds: Vec<libc::pollfd> = client.iter().map(Client::poll_fd).collect();
        let mut timeout = Duration::from_millis(console.next_tick_ms());
        if client.is_none() {
            timeout = timeout.min(next_try.saturating_duration_since(Instant::now()));
        }
        let inputs = tty.wait(Some(timeout), &mut fds)?;
        console.update(tick());
        for got in inputs {
            match got {
                Input::Event(event) => {
                    if let ratatui::crossterm::event::Event::Resize(width, height) = event {
                        tui.resize(width, height);
                    }
                    for event in console::events(&event) {
                        match console.update(event) {
                            Effect::None => {}
                            Effect::Quit => return Ok(()),
                            Effect::Suspend => tui.suspend()?,
                            Effect::Send(command) => {
                                if let Some(c) = &mut client
                                    && !c.send(command)
                                {
                                    client = None;
                                    console.update(Event::Lost);
                                }
                            }
                        }
                    }
                }
                Input::Stop => tui.suspend()?,
                Input::Continued => tui.resume()?,
                Input::Closed => return Ok(()),
            }
        }
        let ready = fds.first().is_some_and(|fd| fd.revents != 0);
        if let Some(c) = &mut client
            && ready
        {
            match c.ready() {
                Some(received) => {
                    for r in received {
                        console.update(match r {
                            Received::State(state) => Event::State(state),
                            Received::Dropped(e) => Event::Dropped(e),
                        });
                    }
                }
                None => {
                    client = None;
                    console.update(Event::Lost);
                    next_try = Instant::now() + RETRY;
                }
            }
        }
    }
}

/// The wall clock now, for the timer and as the time of day.
fn tick() -> Event {
    let since = SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .unwrap_or_default();
    Event::Tick {
        now_ms: u64::try_from(since.as_millis()).unwrap_or(u64::MAX),
        clock: time_of_day(since.as_secs()),
    }
}

/// The local time of day as hh:mm:ss (UTC if the local time cannot be told).
fn time_of_day(unix_secs: u64) -> String {
    let secs = libc::time_t::try_from(unix_secs).unwrap_or_default();
    // SAFETY: tm is plain data that localtime_r fills in; both pointers are to locals that
    // live through the call, and tm is read only if it succeeded.
    let mut tm: libc::tm = unsafe { std::mem::zeroed() };
    let local = unsafe { !libc::localtime_r(&secs, &mut tm).is_null() };
    if local {
        format!("{:02}:{:02}:{:02}", tm.tm_hour, tm.tm_min, tm.tm_sec)
    } else {
        let day = unix_secs % 86_400;
        format!("{:02}:{:02}:{:02}", day / 3600, day / 60 % 60, day % 60)
    }
}
