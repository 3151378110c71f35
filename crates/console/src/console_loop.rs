//! The console's loop: it waits in one place (`gapdash_term::wait`, as the dashboard's loop
//! does) for the terminal's input and what the dashboard sends from a thread of its own,
//! until the next second of the clock or
//! the next try to connect, turns what came into the console's events, carries out what they
//! ask (a command to the dashboard, quitting, suspending), and draws after each batch. A
//! connection is made on a thread of its own too, so keys always answer; a frame that changes
//! nothing writes nothing.

use std::io;
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant, SystemTime, UNIX_EPOCH};

use anyhow::Result;
use jiff::tz::TimeZone;

use crate::console::{self, Console, Effect, Event};
use crate::session::{Client, Received};
use gapdash_term::input::Input;
use gapdash_term::terminal::Tui;
use gapdash_term::wait::{self, Waker, Wakes};
use gapdash_ui::theme::Theme;

/// How often a console without a dashboard tries to connect.
pub const RETRY: Duration = Duration::from_millis(200);

/// How long a console told the dashboard is full waits before asking again.
pub const FULL_RETRY: Duration = Duration::from_secs(2);

/// How long a try to connect may wait for a busy dashboard (a Windows pipe; a Unix socket
/// answers at once or not at all).
pub const CONNECT_DEADLINE: Duration = Duration::from_millis(500);

/// What wakes the loop.
enum Got {
    Input(Input),
    /// A try to connect ended: which try, and how.
    Connected(u64, io::Result<Client>),
    /// What the dashboard of try `n` sent.
    Dashboard(u64, Received),
}

/// The console's link to its dashboard, try after try.
struct Link {
    path: PathBuf,
    to: Waker<Got>,
    /// The current try: what an earlier one still sends is stale.
    attempt: u64,
    client: Option<Client>,
    connecting: bool,
    /// A state has come on this try: the console follows the dashboard.
    following: bool,
    /// The dashboard said it is full: ask again later than usual.
    full: bool,
    /// When to try again, while not connected.
    retry_at: Option<Instant>,
}

impl Link {
    fn new(path: &Path, to: Waker<Got>) -> Link {
        Link {
            path: path.to_path_buf(),
            to,
            attempt: 0,
            client: None,
            connecting: false,
            following: false,
            full: false,
            retry_at: Some(Instant::now()),
        }
    }

    /// Starts a try on a thread of its own if one is due.
    fn try_now(&mut self, now: Instant) {
        if self.retry_at.is_none_or(|at| now < at) {
            return;
        }
        self.retry_at = None;
        self.attempt += 1;
        self.connecting = true;
        self.following = false;
        self.full = false;
        let (id, path, to) = (self.attempt, self.path.clone(), self.to.clone());
        let started = std::thread::Builder::new()
            .name("gapdash-connect".into())
            .spawn(move || {
                let heard = to.clone();
                let client = Client::connect(&path, CONNECT_DEADLINE, move |received| {
                    heard.send(Got::Dashboard(id, received)).is_ok()
                });
                let _ = to.send(Got::Connected(id, client));
            });
        if started.is_err() {
            self.failed(now);
        }
    }

    fn failed(&mut self, now: Instant) {
        self.connecting = false;
        self.retry_at = Some(now + RETRY);
    }

    /// How long the loop may sleep before the next try.
    fn wait(&self, now: Instant) -> Option<Duration> {
        self.retry_at.map(|at| at.saturating_duration_since(now))
    }

    /// The connection ended: try again soon (later if the dashboard was full).
    fn closed(&mut self, now: Instant, console: &mut Console) {
        self.client = None;
        self.connecting = false;
        if self.following {
            console.update(Event::Lost);
        }
        self.following = false;
        self.retry_at = Some(now + if self.full { FULL_RETRY } else { RETRY });
    }

    /// Sends `command` to the dashboard followed; lets the connection go if it cannot.
    fn send(&mut self, command: crate::wire::Command, now: Instant, console: &mut Console) {
        if let Some(client) = &self.client
            && !client.send(command)
        {
            self.attempt += 1;
            self.closed(now, console);
        }
    }

    fn connected(&mut self, id: u64, client: io::Result<Client>, console: &mut Console) {
        if id != self.attempt || !self.connecting {
            return;
        }
        self.connecting = false;
        match client {
            Ok(client) => self.client = Some(client),
            Err(e) => {
                if e.kind() == io::ErrorKind::PermissionDenied {
                    let why = gapdash_data::read::plain(&e);
                    let text = console.strings().console.refused.fill(&[("why", &why)]);
                    console.update(Event::Notice(text));
                }
                self.failed(Instant::now());
            }
        }
    }

    fn heard(&mut self, id: u64, received: Received, console: &mut Console) {
        if id != self.attempt {
            return;
        }
        match received {
            Received::State(state) => {
                if !self.following {
                    self.following = true;
                    console.update(Event::Connected);
                }
                console.update(Event::State(state));
            }
            Received::Dropped(e) => {
                console.update(Event::Dropped(e));
            }
            Received::Full { max } => {
                self.full = true;
                let words = &console.strings().console;
                let text = words.server_too_many.fill(&[("max", &max)]);
                console.update(Event::Notice(text));
            }
            Received::Closed => {
                // The try's thread may not have handed the client over yet: it is dropped
                // when it does, as a stale try's.
                self.attempt += 1;
                self.closed(Instant::now(), console);
            }
        }
    }
}

/// Runs until the presenter quits the console.
pub fn run(tui: &mut Tui, console: &mut Console, theme: &Theme, socket: &Path) -> Result<()> {
    let (to, mut from) = wait::channel()?;
    from.listen(&to, Got::Input)?;
    let mut link = Link::new(socket, to);
    let area = tui.area();
    console.update(Event::Resize(area.width, area.height));
    console.update(tick());
    loop {
        link.try_now(Instant::now());
        tui.draw(crate::screen::ConsoleScreen::new(console, theme))?;
        let batch = next_batch(&mut from, console, &link)?;
        console.update(tick());
        for got in batch {
            match got {
                Got::Input(Input::Event(event)) => {
                    if let ratatui::crossterm::event::Event::Resize(width, height) = event {
                        tui.resize(width, height);
                    }
                    for event in console::events(&event) {
                        match console.update(event) {
                            Effect::None => {}
                            Effect::Quit => return Ok(()),
                            Effect::Suspend => tui.suspend()?,
                            Effect::Send(command) => link.send(command, Instant::now(), console),
                        }
                    }
                }
                Got::Input(Input::Stop) => tui.suspend()?,
                Got::Input(Input::Continued) => tui.resume()?,
                Got::Input(Input::Closed) => return Ok(()),
                Got::Connected(id, client) => link.connected(id, client, console),
                Got::Dashboard(id, received) => link.heard(id, received, console),
            }
        }
    }
}

/// Waits for what comes next, until the next second of the clock or the next try at the
/// latest, and takes everything else already there with it.
fn next_batch(from: &mut Wakes<Got>, console: &Console, link: &Link) -> Result<Vec<Got>> {
    let now = Instant::now();
    let tick = Duration::from_millis(console.next_tick_ms());
    let timeout = link.wait(now).map_or(tick, |retry| retry.min(tick));
    let mut batch = Vec::new();
    match from.recv(Some(timeout)) {
        Ok(got) => batch.extend(got),
        // The loop holds a sender itself, so this cannot be; end rather than spin.
        Err(wait::Disconnected) => anyhow::bail!("the console's inputs are gone"),
    }
    batch.extend(from.ready());
    Ok(batch)
}

/// The wall clock now, for the timer and as the time of day.
fn tick() -> Event {
    let since = SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .unwrap_or_default();
    Event::Tick {
        now_ms: u64::try_from(since.as_millis()).unwrap_or(u64::MAX),
        clock: time_of_day(since.as_secs(), &TimeZone::system()),
    }
}

/// The time of day in `zone` as hh:mm:ss (UTC if the time cannot be placed).
fn time_of_day(unix_secs: u64, zone: &TimeZone) -> String {
    let at = i64::try_from(unix_secs)
        .ok()
        .and_then(|secs| jiff::Timestamp::from_second(secs).ok());
    match at.map(|at| zone.to_datetime(at)) {
        Some(local) => format!(
            "{:02}:{:02}:{:02}",
            local.hour(),
            local.minute(),
            local.second()
        ),
        None => {
            let day = unix_secs % 86_400;
            format!("{:02}:{:02}:{:02}", day / 3600, day / 60 % 60, day % 60)
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use gapdash_app::app::App;
    use gapdash_app::view::View;
    use gapdash_data::{Lang, builtin};

    fn console() -> Console {
        let words = builtin().expect("built-in data").i18n;
        Console::new(
            "default",
            "/run/gapdash/default.sock",
            false,
            Lang::En,
            words,
        )
    }

    fn state() -> Box<crate::wire::State> {
        let app = App::new(builtin().expect("built-in data"), View::Sales);
        Box::new(crate::wire::State::of(&app, 0))
    }

    /// A link on its first try, as if the try's thread had started.
    fn trying() -> Link {
        let (to, _) = wait::channel().expect("a channel");
        let mut link = Link::new(Path::new("/nowhere"), to);
        link.retry_at = None;
        link.attempt = 1;
        link.connecting = true;
        link
    }

    #[test]
    fn a_console_is_connected_once_the_dashboard_has_sent_its_state() {
        let mut console = console();
        let mut link = trying();
        link.heard(1, Received::State(state()), &mut console);
        assert!(console.connected());
        assert_eq!(console.status(), Some("connected to the dashboard"));
        link.heard(1, Received::Closed, &mut console);
        assert!(!console.connected());
        assert_eq!(console.state(), None);
        assert!(link.wait(Instant::now()).is_some_and(|w| w <= RETRY));
    }

    #[test]
    fn a_console_one_too_many_says_it_is_refused_never_connected() {
        let mut console = console();
        let mut link = trying();
        link.heard(1, Received::Full { max: 8 }, &mut console);
        link.heard(1, Received::Closed, &mut console);
        assert!(!console.connected());
        assert_eq!(
            console.status(),
            Some("console: refused a console beyond 8")
        );
        assert!(
            link.wait(Instant::now())
                .is_some_and(|w| w > RETRY && w <= FULL_RETRY),
            "asks a full dashboard again later than usual"
        );
    }

    #[test]
    fn what_an_earlier_try_sends_is_stale() {
        let mut console = console();
        let mut link = trying();
        link.heard(1, Received::State(state()), &mut console);
        link.heard(1, Received::Closed, &mut console);
        link.heard(1, Received::State(state()), &mut console);
        assert!(!console.connected(), "a closed try's late state is dropped");
        let refused = io::Error::new(io::ErrorKind::PermissionDenied, "served by user 7");
        link.connected(1, Err(refused), &mut console);
        assert_eq!(
            console.status(),
            Some("connected to the dashboard"),
            "nor is a stale try's refusal shown"
        );
    }

    #[test]
    fn a_dashboard_of_another_user_is_refused_in_words() {
        let mut console = console();
        let mut link = trying();
        let refused = io::Error::new(io::ErrorKind::PermissionDenied, "served by user 7");
        link.connected(1, Err(refused), &mut console);
        assert_eq!(console.status(), Some("refused: served by user 7"));
        assert!(!console.connected());
    }

    #[test]
    fn the_clock_shows_the_time_of_day_in_the_zone() {
        // 2025-11-30 00:00:00 UTC.
        let midnight = 1_764_460_800;
        assert_eq!(time_of_day(midnight + 3_723, &TimeZone::UTC), "01:02:03");
        let beijing = TimeZone::fixed(jiff::tz::offset(8));
        assert_eq!(time_of_day(midnight + 3_723, &beijing), "09:02:03");
        assert_eq!(
            time_of_day(u64::MAX, &TimeZone::UTC),
            "07:00:15",
            "a time past any calendar is read as UTC seconds of the day"
        );
    }
}
