//! The presenter's console: what it knows of the dashboard it follows, and what the
//! presenter's keys ask of it. Pure, as `App` is: the console's loop (`console_loop.rs`)
//! turns the terminal and the socket into [`Event`]s and carries out the [`Effect`]s.
//!
//! The keys are the dashboard's own (the one key table): those that move the talk are sent
//! to the dashboard as commands; ↑/↓ first scroll notes taller than the screen; quit and
//! suspend act on the console alone.

use ratatui::crossterm::event::{Event as Term, KeyEventKind, MouseEventKind};
use ratatui::layout::Rect;

use crate::wire::{Command, State, WireError};
use gapdash_app::action::Action;
use gapdash_app::app::TalkTimer;
use gapdash_app::keys;
use gapdash_app::layout;
use gapdash_data::i18n::I18n;
use gapdash_data::{Lang, Strings};

/// The session a dashboard and a console use when none is named: one per user, as the
/// socket's folder is the user's own.
pub const DEFAULT_SESSION: &str = "default";

/// How long a line in the status bar stays.
pub const STATUS_MS: u64 = 5_000;

/// What the console's loop tells it.
#[derive(Debug, Clone, PartialEq)]
pub enum Event {
    /// A key, as the key table reads it.
    Key(Action),
    Resize(u16, u16),
    /// Connected to the dashboard.
    Connected,
    /// The dashboard went away (quit, killed): waiting for it again.
    Lost,
    /// The dashboard as it is now.
    State(Box<State>),
    /// A line from the dashboard dropped.
    Dropped(WireError),
    /// Something in words for the status line (a dashboard of another user refused).
    Notice(String),
    /// The wall clock: milliseconds since 1970, and the local time of day as shown.
    Tick {
        now_ms: u64,
        clock: String,
    },
}

/// What the loop must do after an update.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Effect {
    None,
    /// Send this to the dashboard.
    Send(Command),
    Suspend,
    Quit,
}

/// The console's state.
#[derive(Debug, Clone)]
pub struct Console {
    session: String,
    /// The socket, as the waiting screen names it.
    socket: String,
    ascii: bool,
    /// The language until the dashboard says its own.
    lang: Lang,
    words: I18n,
    connected: bool,
    /// The dashboard as last heard, while connected.
    state: Option<State>,
    /// Lines the notes are scrolled by, when taller than the screen.
    scroll: u16,
    size: (u16, u16),
    now_ms: u64,
    clock: String,
    /// A line for the status bar, and when it goes.
    status: Option<(String, u64)>,
}

impl Console {
    pub fn new(session: &str, socket: &str, ascii: bool, lang: Lang, words: I18n) -> Console {
        Console {
            session: session.to_string(),
            socket: socket.to_string(),
            ascii,
            lang,
            words,
            connected: false,
            state: None,
            scroll: 0,
            size: (0, 0),
            now_ms: 0,
            clock: String::new(),
            status: None,
        }
    }

    pub fn session(&self) -> &str {
        &self.session
    }

    pub fn socket(&self) -> &str {
        &self.socket
    }

    pub fn ascii(&self) -> bool {
        self.ascii
    }

    /// The language of the console's words: the dashboard's once it has said it, else the
    /// console's own; English where Chinese cannot be shown.
    pub fn lang(&self) -> Lang {
        let lang = self.state.as_ref().map_or(self.lang, |s| s.lang);
        if self.ascii && lang.needs_wide_text() {
            Lang::En
        } else {
            lang
        }
    }

    /// The console's words, in [`Console::lang`].
    pub fn strings(&self) -> &Strings {
        self.words.get(self.lang())
    }

    pub fn connected(&self) -> bool {
        self.connected
    }

    /// The dashboard's state, once connected and told.
    pub fn state(&self) -> Option<&State> {
        self.state.as_ref()
    }

    pub fn scroll(&self) -> u16 {
        self.scroll
    }

    /// The local time of day.
    pub fn clock(&self) -> &str {
        &self.clock
    }

    /// The talk timer now, by the console's clock.
    pub fn timer(&self) -> Option<TalkTimer> {
        self.state.as_ref().map(|s| s.timer(self.now_ms))
    }

    pub fn status(&self) -> Option<&str> {
        self.status.as_ref().map(|(s, _)| s.as_str())
    }

    pub fn update(&mut self, event: Event) -> Effect {
        match event {
            Event::Key(action) => return self.key(action),
            Event::Resize(width, height) => self.size = (width, height),
            Event::Connected => {
                self.connected = true;
                self.say(self.strings().console.connected.clone());
            }
            Event::Lost => {
                self.connected = false;
                self.state = None;
                self.scroll = 0;
            }
            Event::State(state) => {
                let moved = self
                    .state
                    .as_ref()
                    .is_none_or(|s| (s.view, s.quote) != (state.view, state.quote));
                if moved {
                    self.scroll = 0;
                }
                self.state = Some(*state);
            }
            Event::Dropped(e) => {
                self.say(
                    self.strings()
                        .console
                        .dropped
                        .fill(&[("why", &e.words(&self.strings().console))]),
                );
            }
            Event::Notice(text) => self.say(text),
            Event::Tick { now_ms, clock } => {
                self.now_ms = now_ms;
                self.clock = clock;
                if self
                    .status
                    .as_ref()
                    .is_some_and(|(_, until)| now_ms >= *until)
                {
                    self.status = None;
                }
            }
        }
        self.scroll = self.scroll.min(self.scroll_room());
        Effect::None
    }

    fn key(&mut self, action: Action) -> Effect {
        match action {
            Action::Quit => return Effect::Quit,
            Action::Suspend => return Effect::Suspend,
            // Notes taller than the screen scroll before ↑/↓ reach the dashboard.
            Action::Down if self.scroll < self.scroll_room() => {
                self.scroll += 1;
                return Effect::None;
            }
            Action::Up if self.scroll > 0 => {
                self.scroll -= 1;
                return Effect::None;
            }
            _ => {}
        }
        let Some(command) = Command::from_action(&action) else {
            return Effect::None;
        };
        if self.connected {
            Effect::Send(command)
        } else {
            self.say(self.strings().console.not_sent.clone());
            Effect::None
        }
    }

    fn say(&mut self, text: String) {
        self.status = Some((text, self.now_ms + STATUS_MS));
    }

    /// How far the notes can scroll at the current size.
    pub fn scroll_room(&self) -> u16 {
        let (width, height) = self.size;
        match &self.state {
            Some(state) => {
                let at = layout::console_notes(Rect::new(0, 0, width, height));
                let lines = layout::notes_lines(
                    self.strings(),
                    &state.notes,
                    &state.stale,
                    at.width as usize,
                );
                layout::notes_scroll_room(lines.len(), at)
            }
            None => 0,
        }
    }

    /// When the loop must wake up without input: the next second of the wall clock.
    pub fn next_tick_ms(&self) -> u64 {
        1000 - self.now_ms % 1000
    }
}

/// What a terminal event asks of the console: keys through the key table (Alt+key as the
/// key), the wheel as ↑/↓, a new size; a paste, a click or an unbound key nothing.
pub fn events(event: &Term) -> Vec<Event> {
    match event {
        Term::Key(key) if key.kind != KeyEventKind::Release => {
            let plain = ratatui::crossterm::event::KeyEvent::new(
                key.code,
                key.modifiers - ratatui::crossterm::event::KeyModifiers::ALT,
            );
            keys::action_for(*key)
                .or_else(|| keys::action_for(plain))
                .map(Event::Key)
                .into_iter()
                .collect()
        }
        Term::Mouse(mouse) => match mouse.kind {
            MouseEventKind::ScrollUp => vec![Event::Key(Action::Up)],
            MouseEventKind::ScrollDown => vec![Event::Key(Action::Down)],
            _ => Vec::new(),
        },
        Term::Resize(width, height) => vec![Event::Resize(*width, *height)],
        _ => Vec::new(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use gapdash_app::app::App;
    use gapdash_app::view::View;
    use gapdash_data::builtin;
    use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

    fn state(view: View, quote: usize) -> Box<State> {
        let mut app = App::new(builtin().expect("built-in data"), view);
        for _ in 0..quote {
            app.update(Action::Down);
        }
        Box::new(State::of(&app, 0))
    }

    fn console() -> Console {
        let mut console = Console::new(
            "default",
            "/run/user/1000/gapdash/default.sock",
            false,
            Lang::En,
            builtin().expect("built-in data").i18n,
        );
        console.update(Event::Resize(80, 24));
        console
    }

    #[test]
    fn keys_that_move_the_talk_go_to_the_dashboard_once_connected() {
        let mut console = console();
        assert_eq!(console.update(Event::Key(Action::Forward)), Effect::None);
        assert_eq!(console.status(), Some("not sent: no dashboard yet"));
        console.update(Event::Connected);
        console.update(Event::State(state(View::Overview, 0)));
        for (action, command) in [
            (Action::Forward, Command::Forward),
            (Action::Back, Command::Back),
            (Action::Goto(View::World), Command::Goto(View::World)),
            (Action::Blank, Command::Blank),
            (Action::TogglePresent, Command::Present),
        ] {
            assert_eq!(console.update(Event::Key(action)), Effect::Send(command));
        }
        assert_eq!(console.update(Event::Key(Action::NextTheme)), Effect::None);
        assert_eq!(console.update(Event::Key(Action::Quit)), Effect::Quit);
        console.update(Event::Lost);
        assert_eq!(console.state(), None, "waiting shows nothing stale");
    }

    #[test]
    fn the_console_keys_are_the_key_tables() {
        let key = |code, modifiers| events(&Term::Key(KeyEvent::new(code, modifiers)));
        assert_eq!(
            key(KeyCode::PageDown, KeyModifiers::NONE),
            [Event::Key(Action::Forward)]
        );
        assert_eq!(
            key(KeyCode::Char('3'), KeyModifiers::NONE),
            [Event::Key(Action::Goto(View::Sales))]
        );
        assert_eq!(
            key(KeyCode::F(5), KeyModifiers::ALT),
            [Event::Key(Action::TogglePresent)]
        );
        assert_eq!(key(KeyCode::Char('x'), KeyModifiers::NONE), []);
        assert_eq!(events(&Term::Paste("bq".into())), []);
    }

    #[test]
    fn every_built_in_note_fits_the_console_at_80x24_in_both_languages() {
        let mut console = console();
        console.update(Event::Connected);
        let mut over = Vec::new();
        for lang in Lang::ALL {
            for view in View::ALL {
                let quotes = if view == View::Quotes { 8 } else { 1 };
                for quote in 0..quotes {
                    let mut state = state(view, quote);
                    if lang != state.lang {
                        let mut app = App::new(builtin().expect("built-in data"), view);
                        app.update(Action::SwitchLanguage);
                        for _ in 0..quote {
                            app.update(Action::Down);
                        }
                        state = Box::new(State::of(&app, 0));
                    }
                    console.update(Event::State(state));
                    if console.scroll_room() > 0 {
                        over.push(format!(
                            "{lang:?} {view:?} quote {}: {} lines over",
                            quote + 1,
                            console.scroll_room()
                        ));
                    }
                }
            }
        }
        assert!(over.is_empty(), "{over:#?}");
    }

    #[test]
    fn notes_taller_than_the_screen_scroll_before_down_reaches_the_dashboard() {
        let mut console = console();
        console.update(Event::Resize(60, 16));
        console.update(Event::Connected);
        console.update(Event::State(state(View::Overview, 0)));
        let room = console.scroll_room();
        assert!(room > 0, "the overview's notes are taller than 60x16");
        for n in 1..=room {
            assert_eq!(console.update(Event::Key(Action::Down)), Effect::None);
            assert_eq!(console.scroll(), n);
        }
        assert_eq!(
            console.update(Event::Key(Action::Down)),
            Effect::Send(Command::Down)
        );
        console.update(Event::Key(Action::Up));
        assert_eq!(console.scroll(), room - 1);
        console.update(Event::State(state(View::Penetration, 0)));
        assert_eq!(console.scroll(), 0, "a new view's notes start at the top");
        console.update(Event::Resize(200, 60));
        assert_eq!(console.scroll(), 0);
    }

    #[test]
    fn the_timer_runs_by_the_consoles_clock_and_the_status_goes_by_itself() {
        let mut console = console();
        console.update(Event::Tick {
            now_ms: 61_000,
            clock: "14:05:09".into(),
        });
        console.update(Event::Connected);
        console.update(Event::State(state(View::Overview, 0)));
        assert_eq!(console.timer().map(|t| t.text()).as_deref(), Some("01:01"));
        assert_eq!(console.status(), Some("connected to the dashboard"));
        assert_eq!(console.next_tick_ms(), 1000);
        console.update(Event::Dropped(WireError::TooLong));
        console.update(Event::Tick {
            now_ms: 61_000 + STATUS_MS,
            clock: "14:05:14".into(),
        });
        assert_eq!(console.status(), None);
    }
}
