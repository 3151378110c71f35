//! The loop: waits on one channel for terminal input, a console, or the next moment something
//! must happen (the app's timers, a look at the data folder with `--watch`; nothing when
//! nothing moves), turns what came into Actions, carries out the Effects `App::update` asks
//! for (reading the data files, suspending, quitting), and after each turn sends the consoles
//! the dashboard's state and draws a frame. A state or a frame that changes nothing sends
//! nothing.

use std::sync::mpsc::{self, Receiver, RecvTimeoutError};
use std::time::{Duration, Instant, SystemTime, UNIX_EPOCH};

use anyhow::Result;

use gapdash_app::action::{Action, Effect};
use gapdash_app::app::App;
use gapdash_app::input;
use gapdash_console::session::{Heard, Server};
use gapdash_console::wire::State;
use gapdash_data::{DataSource, LoadError, Report};
use gapdash_term::input::Input;
use gapdash_term::terminal::Tui;
use gapdash_ui::Dashboard;
use gapdash_ui::theme::Theme;

use crate::watch::Watch;

/// What woke the loop.
#[derive(Debug)]
pub enum Wake {
    /// The terminal: a key, a click, a paste, a resize, a stop or continue.
    Input(Input),
    /// A console, or what befell one.
    Heard(Heard),
    /// The data files, read on a thread of their own so a large file never stalls a frame.
    Loaded(Box<Result<Report, LoadError>>),
}

/// What the loop is given besides the app: the themes, the data folder, and how to run.
pub struct Setup<'a> {
    pub themes: &'a [Theme],
    pub data: &'a DataSource,
    pub watch: bool,
    /// Draw full blocks as coloured cells (a terminal with colour).
    pub solid: bool,
    /// The session's server, for consoles; None when it could not be opened.
    pub server: Option<Server>,
    /// Where terminal input and consoles' lines arrive (see [`Wake`]).
    pub wakes: Receiver<Wake>,
    /// The sending end of `wakes`, for the data reader's thread.
    pub wake: mpsc::Sender<Wake>,
    /// GAPDASH_TEST_PANIC=1 (read in main.rs): panic right after the first frame, for the
    /// end-to-end test of the panic hook.
    pub test_panic: bool,
}

/// The channel the loop waits on: its sending end goes to the terminal's reader and the
/// console server.
pub fn channel() -> (mpsc::Sender<Wake>, Receiver<Wake>) {
    mpsc::channel()
}

/// Reading the data files off the loop's thread: one read at a time, and a read asked for
/// while one runs is made once it is done, so the last save is always the one shown.
struct Reader {
    data: DataSource,
    to: mpsc::Sender<Wake>,
    running: bool,
    again: bool,
}

impl Reader {
    /// Asks for the files to be read (again).
    fn read(&mut self) {
        if self.running {
            self.again = true;
            return;
        }
        let (data, to) = (self.data.clone(), self.to.clone());
        let started = std::thread::Builder::new()
            .name("data-reader".into())
            .spawn(move || {
                let _ = to.send(Wake::Loaded(Box::new(data.load())));
            });
        match started {
            Ok(_) => self.running = true,
            // No thread to be had: read here, as the loop did before.
            Err(_) => {
                let _ = self.to.send(Wake::Loaded(Box::new(self.data.load())));
            }
        }
    }

    /// A read is done: the next one, if one was asked for meanwhile.
    fn done(&mut self) {
        self.running = false;
        if std::mem::take(&mut self.again) {
            self.read();
        }
    }
}

/// Runs until the app asks to quit.
pub fn run(tui: &mut Tui, app: &mut App, setup: Setup) -> Result<()> {
    let Setup {
        themes,
        data,
        watch,
        solid,
        mut server,
        wakes,
        wake,
        test_panic,
    } = setup;
    let mut reader = Reader {
        data: data.clone(),
        to: wake,
        running: false,
        again: false,
    };
    let mut watch = watch.then(|| Watch::new(data, Instant::now()));
    let clock = WallClock::now();
    let area = tui.area();
    let mut actions = vec![
        Action::Resize(area.width, area.height),
        Action::Tick(Instant::now()),
    ];
    let mut first = true;
    loop {
        for action in actions.drain(..) {
            match app.update(action) {
                Effect::None => {}
                Effect::Quit => return Ok(()),
                Effect::Suspend => tui.suspend()?,
                Effect::Reload => {
                    // Stamped before reading: a write that lands during the read is seen at
                    // the next look.
                    if let Some(w) = &mut watch {
                        w.reloaded(data.stamp());
                    }
                    reader.read();
                }
            }
        }
        // The consoles first: a view change reaches them as soon as it is made.
        if let Some(server) = &mut server {
            let state = State::of(app, clock.unix_ms(app.timer_start()));
            for heard in server.publish(&state) {
                let action = action(heard, app);
                app.update(action);
            }
        }
        tui.draw(Dashboard::new(app, themes).solid(solid))?;
        if first && test_panic {
            panic!("GAPDASH_TEST_PANIC=1: panicking after the first frame, as asked");
        }
        first = false;

        // Everything that has come, once the first of it has.
        let mut woke = Vec::new();
        let first_wake = match wait(app, watch.as_ref()) {
            Some(timeout) => match wakes.recv_timeout(timeout) {
                Ok(wake) => Some(wake),
                Err(RecvTimeoutError::Timeout) => None,
                Err(RecvTimeoutError::Disconnected) => return Ok(()),
            },
            None => match wakes.recv() {
                Ok(wake) => Some(wake),
                Err(_) => return Ok(()),
            },
        };
        woke.extend(first_wake);
        woke.extend(wakes.try_iter());
        // The clock first, so an event is read against the app as it is now.
        let now = Instant::now();
        app.update(Action::Tick(now));
        for wake in woke {
            match wake {
                Wake::Input(Input::Event(event)) => {
                    if let ratatui::crossterm::event::Event::Resize(width, height) = event {
                        tui.resize(width, height);
                    }
                    actions.extend(input::actions(&event, app));
                }
                Wake::Input(Input::Stop) => tui.suspend()?,
                Wake::Input(Input::Continued) => tui.resume()?,
                Wake::Input(Input::Closed) => return Ok(()),
                Wake::Heard(heard) => actions.push(action(heard, app)),
                Wake::Loaded(loaded) => {
                    reader.done();
                    actions.push(Action::Loaded(loaded));
                }
            }
        }
        if let Some(w) = &mut watch
            && w.look(data, now)
        {
            reader.read();
        }
    }
}

/// What a console's line asks of the app.
/// What the server heard as an Action: a console's command, or a notice in the app's
/// language.
fn action(heard: Heard, app: &App) -> Action {
    let w = &app.strings().console;
    Action::Notice(match heard {
        Heard::Command(command) => return command.action(),
        Heard::Dropped(e) => w.server_dropped.fill(&[("why", &e.words(w))]),
        Heard::StateFromConsole => w.server_state.clone(),
        Heard::RefusedUser(uid) => w.server_refused_user.fill(&[("uid", &uid)]),
        Heard::TooMany => w
            .server_too_many
            .fill(&[("max", &gapdash_console::session::MAX_CONSOLES)]),
        Heard::NotSent(why) => w.server_not_sent.fill(&[("why", &why)]),
        Heard::LetGo => w.server_let_go.clone(),
        Heard::AcceptFailed(why) => w.server_accept_failed.fill(&[("why", &why)]),
    })
}

/// Instants as wall-clock milliseconds since 1970, from one pair read at start: the same
/// instant always gives the same number, so a state is sent again only when it changed.
struct WallClock {
    at: Instant,
    unix_ms: u64,
}

impl WallClock {
    fn now() -> WallClock {
        let since_1970 = SystemTime::now()
            .duration_since(UNIX_EPOCH)
            .unwrap_or_default();
        WallClock {
            at: Instant::now(),
            unix_ms: u64::try_from(since_1970.as_millis()).unwrap_or(u64::MAX),
        }
    }

    fn unix_ms(&self, instant: Instant) -> u64 {
        let ms = |d: Duration| u64::try_from(d.as_millis()).unwrap_or(u64::MAX);
        match instant.checked_duration_since(self.at) {
            Some(after) => self.unix_ms.saturating_add(ms(after)),
            None => self
                .unix_ms
                .saturating_sub(ms(self.at.saturating_duration_since(instant))),
        }
    }
}

/// How long to wait for input: until the app's next timer or the next look at the data
/// folder, whichever is sooner; None to wait for input alone.
fn wait(app: &App, watch: Option<&Watch>) -> Option<Duration> {
    let now = Instant::now();
    let timer = app
        .next_wakeup()
        .map(|at| at.saturating_duration_since(now));
    let look = watch.map(|w| w.timeout(now));
    [timer, look].into_iter().flatten().min()
}

#[cfg(test)]
mod tests {
    use super::*;
    use gapdash_app::view::View;
    use gapdash_console::wire::{Command, WireError};
    use gapdash_data::builtin;

    #[test]
    fn what_the_server_hears_is_said_in_the_apps_language() {
        let mut app = App::new(builtin().expect("built-in data"), View::Overview);
        let said = |app: &App, heard| match action(heard, app) {
            Action::Notice(text) => text,
            other => panic!("not a notice: {other:?}"),
        };
        assert_eq!(
            said(&app, Heard::Dropped(WireError::TooLong)),
            "console: dropped a message over 64 KiB"
        );
        assert_eq!(
            said(&app, Heard::TooMany),
            "console: refused a console beyond 8"
        );
        assert_eq!(action(Heard::Command(Command::Back), &app), Action::Back);
        app.update(Action::SwitchLanguage);
        for (heard, chinese) in [
            (Heard::LetGo, "控制台：已断开一个不再读取的控制台"),
            (
                Heard::RefusedUser("1001".into()),
                "控制台：已拒绝用户 1001 的连接",
            ),
            (
                Heard::StateFromConsole,
                "控制台：已丢弃一个由控制台发来的状态",
            ),
            (Heard::NotSent("x".into()), "控制台：无法发送x"),
            (
                Heard::Dropped(WireError::Malformed("expected value".into())),
                "控制台：已丢弃一条格式错误的消息",
            ),
        ] {
            assert_eq!(said(&app, heard), chinese);
        }
    }
}
