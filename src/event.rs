//! The loop: waits for terminal input, a console, or the next moment something
//! must happen (the app's timers, a look at the data folder with `--watch`; nothing when
//! nothing moves), turns what came into Actions, carries out the Effects `App::update` asks
//! for (reading the data files, suspending, quitting), and after each turn sends the consoles
//! the dashboard's state and draws a frame. A state or a frame that changes nothing sends
//! nothing. The first frame comes before anything else: the terminal's reader and the
//! consoles' server start once it is on screen.

use std::io::Write;
use std::time::{Duration, Instant, SystemTime, UNIX_EPOCH};

use anyhow::Result;

use gapdash_app::action::{Action, Effect};
use gapdash_app::app::App;
use gapdash_app::input;
use gapdash_app::view::View;
use gapdash_console::session::{Heard, Server};
use gapdash_console::wire::State;
use gapdash_data::{DataSource, LoadError, Report};
use gapdash_term::input::Input;
use gapdash_term::terminal::{self, Kept, Prepared, Tui};
use gapdash_term::wait::{self, Wakes};
use gapdash_ui::Dashboard;
use gapdash_ui::theme::Theme;
use ratatui::layout::Rect;

use crate::watch::Watch;

/// Opens the consoles' server for the app as it is: the server (None when it could not be
/// opened) and the notices to show about it.
pub type OpenServer = dyn FnOnce(&App) -> (Option<Server>, Vec<Action>);

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
    /// Opens the session's server, for consoles, once the first frame is on screen (the
    /// audience sees the dashboard first): the server, None when it could not be opened, and
    /// what the app is to say about it.
    pub open_server: Box<OpenServer>,
    /// Where terminal input and consoles' lines arrive (see [`Wake`]).
    pub wakes: Wakes<Wake>,
    /// The sending end of `wakes`, for the data reader's thread.
    pub wake: Waker,
    /// GAPDASH_TEST_PANIC=1 (read in main.rs): panic right after the first frame, for the
    /// end-to-end test of the panic hook.
    pub test_panic: bool,
}

/// Sends to the loop, waking it.
pub type Waker = wait::Waker<Wake>;

/// What the loop waits on, and its sending end for the console server, the data reader and
/// the job-control signals; the terminal is read where the loop waits (see
/// [`gapdash_term::wait`]).
pub fn channel() -> std::io::Result<(Waker, Wakes<Wake>)> {
    wait::channel()
}

/// Reading the data files off the loop's thread: one read at a time, and a read asked for
/// while one runs is made once it is done, so the last save is always the one shown.
struct Reader {
    data: DataSource,
    to: Waker,
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
        open_server,
        mut wakes,
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
    let mut open_server = Some(open_server);
    let mut server: Option<Server> = None;
    let mut ahead = Ahead::default();
    loop {
        let changed = !actions.is_empty();
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
        // After a frame shown ahead this writes nothing, unless something else changed too.
        tui.draw(Dashboard::new(app, themes).solid(solid))?;
        if first && test_panic {
            panic!("GAPDASH_TEST_PANIC=1: panicking after the first frame, as asked");
        }
        first = false;
        if let Some(open) = open_server.take() {
            // The terminal's keys, clicks and sizes, read from now on: what was typed
            // meanwhile waits in the terminal, and a size that changed meanwhile is taken now.
            wakes.listen(&reader.to, Wake::Input)?;
            let size = terminal::size();
            if tui.area() != Rect::new(0, 0, size.width, size.height) {
                tui.resize(size.width, size.height);
                actions.push(Action::Resize(size.width, size.height));
            }
            let (opened, notices) = open(app);
            server = opened;
            actions.extend(notices);
            // The state as it is, for the first console to come.
            if let Some(server) = &mut server {
                let state = State::of(app, clock.unix_ms(app.timer_start()));
                for heard in server.publish(&state) {
                    actions.push(action(heard, app));
                }
            }
            if !actions.is_empty() {
                continue;
            }
        }
        // Drawn ahead until something comes: that is then the first thing the wait takes.
        let mut pending: Option<Wake> = None;
        ahead.refresh(changed, tui, app, themes, solid, &mut || {
            if pending.is_none() {
                pending = wakes.try_recv().ok().flatten();
            }
            pending.is_some()
        });

        // Everything that has come, once the first of it has.
        let mut woke = Vec::new();
        let first_wake = match pending {
            Some(wake) => Some(wake),
            None => match wakes.recv(wait(app, watch.as_ref())) {
                Ok(wake) => wake,
                Err(_) => return Ok(()),
            },
        };
        woke.extend(first_wake);
        woke.extend(wakes.ready());
        let single = woke.len() == 1;
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
        // A key whose frame was drawn ahead: shown at once, before the app takes the key
        // (the frame is the app's after it, drawn from a copy), and before anything else.
        if single
            && let [action] = actions.as_slice()
            && let Some(prepared) = ahead.take(action, app, tui, themes, solid)
        {
            tui.show(prepared)?;
        }
    }
}

/// The actions a presenter's next key most likely asks for: next and previous view (Tab,
/// arrows, a clicker's PageDown and PageUp), the next and previous quote, presentation mode,
/// a view by its number (1–7); last, the next theme and the other language, which redraw
/// every cell and so took longest of all keys when drawn on the key.
const LIKELY: [Action; 16] = [
    Action::NextView,
    Action::PrevView,
    Action::Forward,
    Action::Back,
    Action::Down,
    Action::Up,
    Action::TogglePresent,
    Action::Goto(View::Overview),
    Action::Goto(View::Penetration),
    Action::Goto(View::Sales),
    Action::Goto(View::Quotes),
    Action::Goto(View::World),
    Action::Goto(View::Since),
    Action::Goto(View::Sources),
    Action::NextTheme,
    Action::SwitchLanguage,
];

/// Frames drawn ahead, while the loop would otherwise wait, for the [`LIKELY`] keys: each
/// encoded against the frame on screen, so such a key is answered with one write and no
/// drawing. Made again after every change of the app or the screen, but not while something
/// on screen moves fast (bars growing); each is good until the screen would change by itself
/// (the timer's next second, a notice passing), so a frame drawn ahead is what drawing would
/// make when the key comes. The one key that brings the talk timer on screen (presentation
/// mode) keeps its frame's cells: when it comes later, only the timer's row is drawn again,
/// and its new digits are written over the old ones in the frame's bytes.
#[derive(Default)]
pub struct Ahead {
    /// Each key's frame, and until when it holds.
    frames: Vec<(Action, Prepared, Option<Instant>)>,
    /// The screen the frames were made for.
    screen: Option<u64>,
    /// Whether every likely key's frame was made (none is made while something moves);
    /// false when a key came first.
    complete: bool,
    /// When something on screen changes by itself, besides a talk timer the keys bring.
    moves: Option<Instant>,
    /// The cells of the frame of the key that brings the talk timer on screen, if one was
    /// made: `timed`. Allocated once and reused.
    kept: Kept,
    timed: Option<Action>,
}

/// Motion sooner than this (an animation's next frame) is no time to draw ahead.
const SETTLED: Duration = Duration::from_millis(200);

impl Ahead {
    /// After a frame is drawn: the frames drawn ahead are made again when the app changed
    /// (`changed`) or the screen did; otherwise kept, so the work is done once per change.
    /// Stops as soon as `stop` says something came (a key waits for no frame of a key not
    /// pressed); what was made is kept, and the rest is made the next time.
    pub fn refresh<W: Write>(
        &mut self,
        changed: bool,
        tui: &Tui<W>,
        app: &App,
        themes: &[Theme],
        solid: bool,
        stop: &mut dyn FnMut() -> bool,
    ) {
        if changed || !self.complete || self.screen != Some(tui.generation()) {
            let kept = std::mem::take(&mut self.kept);
            *self = Ahead::prepare(tui, app, themes, solid, kept, stop);
        }
    }

    /// The frames for the likely keys from `app` as it is, on `tui` as it shows it now, in
    /// [`LIKELY`]'s order until `stop` says to stop; none while something on screen moves
    /// fast.
    fn prepare<W: Write>(
        tui: &Tui<W>,
        app: &App,
        themes: &[Theme],
        solid: bool,
        mut kept: Kept,
        stop: &mut dyn FnMut() -> bool,
    ) -> Ahead {
        let now = app.now();
        let moves = app.next_wakeup();
        if moves.is_some_and(|at| at.saturating_duration_since(now) < SETTLED) {
            return Ahead {
                complete: true,
                kept,
                ..Ahead::default()
            };
        }
        let mut complete = true;
        let mut timed = None;
        let frames = LIKELY
            .iter()
            .map_while(|action| {
                if stop() {
                    complete = false;
                    return None;
                }
                Some(action)
            })
            .filter_map(|action| {
                let next = after(app, action)?;
                let dashboard = Dashboard::new(&next, themes).solid(solid);
                // The key brings the timer: its frame is good for this second only, and
                // its cells are kept to draw the timer again when the key comes later.
                let timer_row = dashboard
                    .timer_row(tui.area())
                    .filter(|_| timed.is_none() && !app.timer_visible());
                let frame = match timer_row {
                    Some(row) => {
                        timed = Some(action.clone());
                        tui.prepare_keeping(dashboard, &mut kept, row.y)
                    }
                    None => tui.prepare(dashboard),
                };
                // A key that changes nothing on screen needs nothing written ahead.
                if frame.bytes().is_empty() {
                    return None;
                }
                // A timer on screen after the key shows this second only until the next.
                let timer = next.timer_visible().then(|| {
                    let into = next.talk_timer().elapsed.subsec_nanos();
                    now + Duration::from_nanos(u64::from(1_000_000_000 - into))
                });
                let until = [moves, timer].into_iter().flatten().min();
                Some((action.clone(), frame, until))
            })
            .collect();
        Ahead {
            frames,
            screen: Some(tui.generation()),
            complete,
            moves,
            kept,
            timed,
        }
    }

    /// The frame drawn ahead for `action`, when it comes to `app` (its clock at the key), if
    /// there is one that still holds or that only the talk timer has moved on since (the
    /// timer's row drawn again). The others are of no use after it.
    pub fn take<W: Write>(
        &mut self,
        action: &Action,
        app: &App,
        tui: &Tui<W>,
        themes: &[Theme],
        solid: bool,
    ) -> Option<Prepared> {
        let now = app.now();
        let frames = std::mem::take(&mut self.frames);
        let (_, frame, until) = frames.into_iter().find(|(a, ..)| a == action)?;
        if until.is_none_or(|until| now < until) {
            return Some(frame);
        }
        if self.timed.take().as_ref() != Some(action) || self.moves.is_some_and(|at| at <= now) {
            return None;
        }
        let next = after(app, action)?;
        let area = tui.area();
        tui.prepare_again(frame, &mut self.kept, |cells| {
            Dashboard::new(&next, themes)
                .solid(solid)
                .redraw_timer(area, cells)
        })
    }
}

/// A copy of `app` after `action`, when that is all the action does (no quitting, no
/// reading, no suspending): the state a frame drawn ahead shows.
fn after(app: &App, action: &Action) -> Option<App> {
    let mut next = app.clone();
    (next.update(action.clone()) == Effect::None).then_some(next)
}

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
mod reader {
    use super::*;

    fn loaded(rx: &mut Wakes<Wake>) -> bool {
        matches!(
            rx.recv(Some(Duration::from_secs(30))),
            Ok(Some(Wake::Loaded(loaded))) if loaded.is_ok()
        )
    }

    #[test]
    fn a_read_runs_off_the_loop_and_one_asked_for_meanwhile_runs_after_it() {
        let (to, mut rx) = channel().expect("a channel");
        let mut reader = Reader {
            data: DataSource::new(None),
            to,
            running: false,
            again: false,
        };
        reader.read();
        // Asked again while the first runs: queued, not started beside it.
        reader.read();
        reader.read();
        assert!(reader.running && reader.again);
        assert!(loaded(&mut rx));
        reader.done();
        assert!(reader.running, "the read asked for meanwhile has started");
        assert!(loaded(&mut rx));
        reader.done();
        assert!(!reader.running);
        assert!(
            matches!(rx.recv(Some(Duration::from_millis(200))), Ok(None)),
            "three asks, two reads"
        );
    }
}

#[cfg(test)]
mod ahead {
    use super::*;
    use gapdash_app::app::Options;
    use gapdash_ui::theme::ColorDepth;
    use proptest::prelude::*;
    use ratatui::layout::Size;

    /// The bytes a terminal was sent since `from`.
    fn since(tui: &Tui<Vec<u8>>, from: usize) -> Vec<u8> {
        tui.writer()[from..].to_vec()
    }

    fn action() -> impl Strategy<Value = Action> {
        prop_oneof![
            4 => proptest::sample::select(LIKELY.to_vec()),
            1 => proptest::sample::select(vec![
                Action::NextTheme,
                Action::SwitchLanguage,
                Action::ToggleNotes,
                Action::ToggleHelp,
                Action::Blank,
                Action::CloseOverlay,
                Action::LastView,
                Action::Goto(View::Quotes),
                Action::Goto(View::Sources),
                Action::OtherKey,
            ]),
            1 => (60u16..140, 18u16..50).prop_map(|(w, h)| Action::Resize(w, h)),
        ]
    }

    /// Milliseconds between keys: mostly under a second and a half, sometimes minutes.
    fn pause() -> impl Strategy<Value = u64> {
        prop_oneof![4 => 0u64..1_500, 1 => 1_500u64..300_000]
    }

    proptest! {
        #![proptest_config(ProptestConfig { cases: 24, ..ProptestConfig::default() })]

        /// Over any keys, with the clock running and animation on, minutes apart or not,
        /// with or without a talk length (the timer's warning colour) and in ASCII or not: a
        /// frame drawn ahead is byte for byte what drawing would write when the key comes,
        /// and drawing after it writes nothing more.
        #[test]
        fn a_frame_drawn_ahead_is_what_a_fresh_draw_writes(
            actions in prop::collection::vec((action(), pause()), 1..25),
            present in any::<bool>(),
            talk in proptest::option::of(1u64..400),
            ascii in any::<bool>(),
        ) {
            let themes = Theme::all_builtin(ColorDepth::TrueColor).expect("themes");
            let start = Instant::now();
            let mut options = Options::new(View::Overview);
            options.present = present;
            options.themes = themes.len();
            options.talk = talk.map(Duration::from_secs);
            options.ascii = ascii;
            let report = gapdash_data::builtin().expect("built-in data");
            let mut fresh_app = App::with_options(report.clone(), options.clone(), start);
            let mut quick_app = App::with_options(report, options, start);
            let size = Size::new(100, 30);
            let mut fresh = Tui::with_writer(Vec::new(), size).expect("in memory");
            let mut quick = Tui::with_writer(Vec::new(), size).expect("in memory");
            for app in [&mut fresh_app, &mut quick_app] {
                let _ = app.update(Action::Resize(100, 30));
            }
            fresh.draw(Dashboard::new(&fresh_app, &themes)).expect("draws");
            quick.draw(Dashboard::new(&quick_app, &themes)).expect("draws");
            let mut ahead = Ahead::default();
            ahead.refresh(true, &quick, &quick_app, &themes, true, &mut || false);
            let mut now = start;
            for (action, pause_ms) in actions {
                // Time passes before the key, as in the loop: whatever moves is drawn.
                now += Duration::from_millis(pause_ms);
                let _ = fresh_app.update(Action::Tick(now));
                let _ = quick_app.update(Action::Tick(now));
                fresh.draw(Dashboard::new(&fresh_app, &themes).solid(true)).expect("draws");
                quick.draw(Dashboard::new(&quick_app, &themes).solid(true)).expect("draws");
                ahead.refresh(false, &quick, &quick_app, &themes, true, &mut || false);
                now += Duration::from_millis(1);
                if let Action::Resize(w, h) = action {
                    fresh.resize(w, h);
                    quick.resize(w, h);
                }
                let (f0, q0) = (fresh.writer().len(), quick.writer().len());
                let _ = fresh_app.update(Action::Tick(now));
                let fresh_effect = fresh_app.update(action.clone());
                fresh.draw(Dashboard::new(&fresh_app, &themes).solid(true)).expect("draws");
                let _ = quick_app.update(Action::Tick(now));
                let frame = ahead.take(&action, &quick_app, &quick, &themes, true);
                let quick_effect = quick_app.update(action.clone());
                prop_assert_eq!(fresh_effect, quick_effect);
                if let Some(frame) = frame
                    && quick.show(frame).expect("writes")
                {
                    let after = quick.writer().len();
                    quick.draw(Dashboard::new(&quick_app, &themes).solid(true)).expect("draws");
                    prop_assert_eq!(quick.writer().len(), after, "drawing after the frame drawn ahead wrote more");
                } else {
                    quick.draw(Dashboard::new(&quick_app, &themes).solid(true)).expect("draws");
                }
                let (q, f) = (since(&quick, q0), since(&fresh, f0));
                if q != f {
                    let at = q.iter().zip(&f).position(|(a, b)| a != b).unwrap_or(q.len().min(f.len()));
                    let show = |b: &[u8]| String::from_utf8_lossy(&b[at.saturating_sub(40)..(at + 60).min(b.len())]).into_owned();
                    prop_assert!(false, "after {:?}: drawn ahead {:?}, fresh {:?}", action, show(&q), show(&f));
                }
                ahead.refresh(true, &quick, &quick_app, &themes, true, &mut || false);
            }
        }
    }

    /// `app` with its clock at `now`.
    fn at(app: &App, now: Instant) -> App {
        let mut app = app.clone();
        let _ = app.update(Action::Tick(now));
        app
    }

    #[test]
    fn presentation_mode_long_after_the_last_key_is_its_frame_with_the_timer_drawn_again() {
        let themes = Theme::all_builtin(ColorDepth::TrueColor).expect("themes");
        let start = Instant::now();
        for (talk, solid, ascii) in [(None, true, false), (Some(600), false, true)] {
            let mut options = Options::new(View::Sales);
            options.talk = talk.map(Duration::from_secs);
            options.ascii = ascii;
            options.animation = false;
            let mut app = App::with_options(gapdash_data::builtin().expect("data"), options, start);
            let _ = app.update(Action::Resize(100, 30));
            let mut tui = Tui::with_writer(Vec::new(), Size::new(100, 30)).expect("in memory");
            let mut ahead = Ahead::default();
            tui.draw(Dashboard::new(&app, &themes).solid(solid))
                .expect("draws");
            ahead.refresh(true, &tui, &app, &themes, solid, &mut || false);
            // Nothing moves: no frame is drawn until the key, nine minutes on (with a talk
            // of ten, its last two minutes: the warning colour).
            let later = at(&app, start + Duration::from_millis(9 * 60_000 + 2_500));
            let frame = ahead
                .take(&Action::TogglePresent, &later, &tui, &themes, solid)
                .expect("drawn ahead, the timer drawn again");
            let mut next = later.clone();
            let _ = next.update(Action::TogglePresent);
            let fresh = tui.prepare(Dashboard::new(&next, &themes).solid(solid));
            assert_eq!(frame.bytes(), fresh.bytes());
            let shown = String::from_utf8_lossy(frame.bytes()).into_owned();
            let timer = if talk.is_some() { "00:58" } else { "09:02" };
            assert!(shown.contains(timer), "{timer} in {shown:?}");
        }
    }

    #[test]
    fn a_view_switch_is_drawn_ahead_once_nothing_moves() {
        let themes = Theme::all_builtin(ColorDepth::TrueColor).expect("themes");
        let start = Instant::now();
        let options = Options::new(View::Overview);
        let mut app = App::with_options(gapdash_data::builtin().expect("data"), options, start);
        let _ = app.update(Action::Resize(100, 30));
        let mut tui = Tui::with_writer(Vec::new(), Size::new(100, 30)).expect("in memory");
        tui.draw(Dashboard::new(&app, &themes)).expect("draws");
        let mut ahead = Ahead::default();
        ahead.refresh(true, &tui, &app, &themes, true, &mut || false);
        let frame = ahead
            .take(&Action::NextView, &app, &tui, &themes, true)
            .expect("drawn ahead");
        assert!(!frame.bytes().is_empty());
        // The key: the new view's bars grow, and nothing is drawn ahead of a moving screen.
        let _ = app.update(Action::NextView);
        assert!(tui.show(frame).expect("writes"));
        ahead.refresh(true, &tui, &app, &themes, true, &mut || false);
        if app.next_wakeup().is_some() {
            assert!(
                ahead
                    .take(&Action::NextView, &app, &tui, &themes, true)
                    .is_none()
            );
            // Once the bars have grown, the next keys are drawn ahead again.
            let _ = app.update(Action::Tick(start + Duration::from_secs(5)));
            assert!(app.next_wakeup().is_none());
            tui.draw(Dashboard::new(&app, &themes)).expect("draws");
            ahead.refresh(false, &tui, &app, &themes, true, &mut || false);
        }
        assert!(
            ahead
                .take(&Action::NextView, &app, &tui, &themes, true)
                .is_some()
        );
    }

    #[test]
    fn in_presentation_mode_with_its_timer_a_key_is_drawn_ahead_until_the_next_second() {
        let themes = Theme::all_builtin(ColorDepth::TrueColor).expect("themes");
        let start = Instant::now();
        let mut options = Options::new(View::Quotes);
        options.present = true;
        options.talk = Some(Duration::from_secs(900));
        let mut app = App::with_options(gapdash_data::builtin().expect("data"), options, start);
        let _ = app.update(Action::Resize(100, 30));
        let now = start + Duration::from_millis(2_300);
        let _ = app.update(Action::Tick(now));
        let mut tui = Tui::with_writer(Vec::new(), Size::new(100, 30)).expect("in memory");
        tui.draw(Dashboard::new(&app, &themes)).expect("draws");
        let mut ahead = Ahead::default();
        ahead.refresh(true, &tui, &app, &themes, true, &mut || false);
        // 2.3 s into the talk: the timer shows 0:02 until 3 s.
        let later = at(&app, now + Duration::from_millis(600));
        assert!(
            ahead
                .take(&Action::Down, &later, &tui, &themes, true)
                .is_some()
        );
        ahead.refresh(true, &tui, &app, &themes, true, &mut || false);
        let later = at(&app, now + Duration::from_millis(700));
        assert!(
            ahead
                .take(&Action::Down, &later, &tui, &themes, true)
                .is_none()
        );
    }

    #[test]
    fn a_frame_drawn_for_another_screen_is_not_shown() {
        let themes = Theme::all_builtin(ColorDepth::TrueColor).expect("themes");
        let app = App::new(gapdash_data::builtin().expect("data"), View::Overview);
        let mut tui = Tui::with_writer(Vec::new(), Size::new(100, 30)).expect("in memory");
        tui.draw(Dashboard::new(&app, &themes)).expect("draws");
        let frame = tui.prepare(Dashboard::new(&app, &themes));
        tui.resize(80, 24);
        tui.draw(Dashboard::new(&app, &themes)).expect("draws");
        let before = tui.writer().len();
        assert!(!tui.show(frame).expect("no error"));
        assert_eq!(tui.writer().len(), before);
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use gapdash_console::wire::{Command, WireError};
    use gapdash_data::builtin;

    #[test]
    fn every_view_by_its_number_is_drawn_ahead() {
        for view in View::ALL {
            assert!(LIKELY.contains(&Action::Goto(view)), "{view:?}");
        }
    }

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
