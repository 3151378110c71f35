//! The console's wire: one JSON object a line, each carrying the format's version. The
//! dashboard sends its state after every change; a console sends commands, each standing for
//! one of the dashboard's own actions. Bytes in, messages or errors out: a malformed,
//! oversized or foreign line is an error value the caller drops and reports, never a panic.
//!
//! ```text
//! {"v":1,"type":"state","view":"sales","quote":0,"quotes":8,"present":true,"blank":false,
//!  "timer_started_ms":1764460800000,"talk_secs":900,"notes":["Rural online …"],
//!  "next":{"view":"quotes","preview":["8 quotes, one at a time","first: Xinhua, …"]}}
//! {"v":1,"type":"command","command":"forward"}
//! {"v":1,"type":"command","command":{"goto":"world"}}
//! {"v":1,"type":"full","max":8}
//! ```
//!
//! A state is believed only within its ranges (a quote of the quotes there are, a talk a
//! dashboard can time): whoever wrote the line, a console never shows a number that cannot be.

use std::fmt;
use std::time::Duration;

use serde::{Deserialize, Serialize};

use gapdash_app::action::Action;
use gapdash_app::app::{App, TalkTimer};
use gapdash_app::notes;
use gapdash_app::view::View;
use gapdash_data::Lang;
use gapdash_data::clean::clean;

/// The format's version: a line of another version is refused, named as such.
pub const VERSION: u32 = 1;

/// The longest line either side reads or writes, newline included. A state with the longest
/// notes `check` allows is a fraction of it.
pub const MAX_LINE: usize = 64 * 1024;

/// Quotes a state may count: far more than any talk shows.
pub const MAX_QUOTES: usize = 10_000;

/// The longest talk a dashboard times: `--talk` is at most 600 minutes.
pub const MAX_TALK_SECS: u64 = 600 * 60;

/// The last millisecond of the year 9999: a timer started later is no time at all.
pub const MAX_TIME_MS: u64 = 253_402_300_799_999;

/// The most consoles a refusal may say a dashboard serves.
pub const MAX_FULL: usize = 255;

/// One line on the wire.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(tag = "type", rename_all = "snake_case")]
pub enum Message {
    /// The dashboard as it is now (dashboard → console).
    State(State),
    /// What the presenter asked for at a console (console → dashboard).
    Command { command: Command },
    /// The dashboard serves `max` consoles already and closes this one (dashboard → console).
    Full { max: usize },
}

/// What a console shows of the dashboard.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct State {
    pub view: View,
    /// Index of the quote on screen, and how many there are.
    pub quote: usize,
    pub quotes: usize,
    pub present: bool,
    pub blank: bool,
    /// When the talk timer started, in milliseconds since 1970 (UTC): a console counts from
    /// it by its own clock, so the dashboard need not send a line every second.
    pub timer_started_ms: u64,
    /// The talk's length with `--talk`, in seconds: the timer counts down.
    pub talk_secs: Option<u64>,
    /// The dashboard's language: the notes and the preview are in it, and the console
    /// writes its own words in it too.
    #[serde(default)]
    pub lang: Lang,
    /// The notes to say now, most pressing first (see [`notes::of`]); none when the data
    /// has no notes.
    pub notes: Vec<String>,
    /// The figures those notes state that the data no longer holds: the notes are stale.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub stale: Vec<String>,
    /// The view a clicker's next press brings, with its preview; none on the last view.
    pub next: Option<Next>,
}

/// The view that comes next, in a few lines.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Next {
    pub view: View,
    pub preview: Vec<String>,
}

impl State {
    /// The dashboard's state; its timer started at `timer_started_ms` by the wall clock.
    pub fn of(app: &App, timer_started_ms: u64) -> State {
        let report = app.report();
        let view = app.view();
        let next = view.saturating_add(1);
        State {
            view,
            quote: app.quote(),
            quotes: report.quotes.len(),
            present: app.present(),
            blank: app.blank(),
            timer_started_ms,
            talk_secs: app.talk_timer().talk.map(|t| t.as_secs()),
            lang: app.lang(),
            notes: notes::of(report, view, app.quote(), app.lang())
                .into_iter()
                .map(str::to_string)
                .collect(),
            stale: notes::stale(report, view, app.quote(), app.lang()),
            next: (next != view).then(|| Next {
                view: next,
                preview: notes::preview(app, next),
            }),
        }
    }

    /// Whether every number is one a dashboard can send: the quote among the quotes, a talk
    /// `--talk` allows, a timer started before the year 10000, the next view the one after.
    pub fn check(&self) -> Result<(), WireError> {
        let out = |what: String| Err(WireError::OutOfRange(what));
        if self.quotes > MAX_QUOTES {
            return out(format!("{} quotes, more than {MAX_QUOTES}", self.quotes));
        }
        if self.quote >= self.quotes.max(1) {
            return out(format!(
                "quote {} of {}",
                self.quote.saturating_add(1),
                self.quotes
            ));
        }
        if let Some(talk) = self.talk_secs
            && !(1..=MAX_TALK_SECS).contains(&talk)
        {
            return out(format!("a talk of {talk} s"));
        }
        if self.timer_started_ms > MAX_TIME_MS {
            return out(format!("a timer started at {} ms", self.timer_started_ms));
        }
        let after = self.view.saturating_add(1);
        let next = self.next.as_ref().map(|n| n.view);
        if next != (after != self.view).then_some(after) {
            return out(format!(
                "view {} next after view {}",
                next.map_or(0, View::number),
                self.view.number()
            ));
        }
        Ok(())
    }

    /// The talk timer at `now_ms` by the wall clock.
    pub fn timer(&self, now_ms: u64) -> TalkTimer {
        TalkTimer {
            elapsed: Duration::from_millis(now_ms.saturating_sub(self.timer_started_ms)),
            talk: self.talk_secs.map(Duration::from_secs),
        }
    }
}

/// What a console can ask of the dashboard: the moves of a talk, as the dashboard's own keys
/// make them.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Command {
    Next,
    Prev,
    Forward,
    Back,
    Goto(View),
    First,
    Last,
    Up,
    Down,
    Blank,
    Present,
    ResetTimer,
    Autoplay,
}

impl Command {
    /// The command a key's action stands for at a console; None for what stays local (quit,
    /// suspend) or has no meaning there (help, themes, reloading the dashboard's files).
    pub fn from_action(action: &Action) -> Option<Command> {
        Some(match action {
            Action::NextView => Command::Next,
            Action::PrevView => Command::Prev,
            Action::Forward => Command::Forward,
            Action::Back => Command::Back,
            Action::Goto(view) => Command::Goto(*view),
            Action::FirstView => Command::First,
            Action::LastView => Command::Last,
            Action::Up => Command::Up,
            Action::Down => Command::Down,
            Action::Blank => Command::Blank,
            Action::TogglePresent => Command::Present,
            Action::ResetTimer => Command::ResetTimer,
            Action::ToggleAutoplay => Command::Autoplay,
            _ => return None,
        })
    }

    /// The action the dashboard carries out for it.
    pub fn action(self) -> Action {
        match self {
            Command::Next => Action::NextView,
            Command::Prev => Action::PrevView,
            Command::Forward => Action::Forward,
            Command::Back => Action::Back,
            Command::Goto(view) => Action::Goto(view),
            Command::First => Action::FirstView,
            Command::Last => Action::LastView,
            Command::Up => Action::Up,
            Command::Down => Action::Down,
            Command::Blank => Action::Blank,
            Command::Present => Action::TogglePresent,
            Command::ResetTimer => Action::ResetTimer,
            Command::Autoplay => Action::ToggleAutoplay,
        }
    }
}

/// Why a line was dropped.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum WireError {
    /// Longer than [`MAX_LINE`]: dropped up to its end, unread.
    TooLong,
    NotUtf8,
    /// Another version of the format.
    Version(u64),
    /// Not a message: the JSON parser's reason, cleaned of anything a terminal would act on.
    Malformed(String),
    /// A message whose numbers cannot be: which one, and its value.
    OutOfRange(String),
}

impl WireError {
    /// Why the message was dropped, in the UI's language (`Display` is English, for logs
    /// and tests).
    pub fn words(&self, w: &gapdash_data::i18n::ConsoleWords) -> String {
        match self {
            WireError::TooLong => w.wire_too_long.fill(&[("kib", &(MAX_LINE / 1024))]),
            WireError::NotUtf8 => w.wire_not_utf8.clone(),
            WireError::Version(v) => w.wire_version.fill(&[("version", v), ("ours", &VERSION)]),
            WireError::Malformed(why) => w.wire_malformed.fill(&[("why", why)]),
            WireError::OutOfRange(what) => w.wire_out_of_range.fill(&[("what", what)]),
        }
    }
}

impl fmt::Display for WireError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            WireError::TooLong => write!(f, "a message over {} KiB", MAX_LINE / 1024),
            WireError::NotUtf8 => f.write_str("a message that is not UTF-8 text"),
            WireError::Version(v) => write!(
                f,
                "a message of version {v} (this gapdash speaks version {VERSION})"
            ),
            WireError::Malformed(why) => write!(f, "a malformed message ({why})"),
            WireError::OutOfRange(what) => write!(f, "a message out of range ({what})"),
        }
    }
}

/// A line on the wire: the version, then the message's own fields.
#[derive(Serialize, Deserialize)]
struct Line {
    v: u64,
    #[serde(flatten)]
    message: Message,
}

/// Only the version, read first so that a line of another version is named as such.
#[derive(Deserialize)]
struct Versioned {
    v: u64,
}

/// `message` as one line, newline included; too long to send as [`WireError::TooLong`].
pub fn encode(message: &Message) -> Result<Vec<u8>, WireError> {
    let line = Line {
        v: u64::from(VERSION),
        message: message.clone(),
    };
    let mut bytes = serde_json::to_vec(&line).map_err(|e| WireError::Malformed(e.to_string()))?;
    bytes.push(b'\n');
    if bytes.len() > MAX_LINE {
        return Err(WireError::TooLong);
    }
    Ok(bytes)
}

/// One line, without its newline. The text a state carries is cleaned as data files' text
/// is (`data::clean`): whoever wrote the line, nothing in it reaches a terminal as a control;
/// its numbers are checked ([`State::check`]).
pub fn decode(line: &[u8]) -> Result<Message, WireError> {
    if line.len() >= MAX_LINE {
        return Err(WireError::TooLong);
    }
    let text = std::str::from_utf8(line).map_err(|_| WireError::NotUtf8)?;
    let malformed = |e: serde_json::Error| WireError::Malformed(clean(&e.to_string()).into());
    let Versioned { v } = serde_json::from_str(text).map_err(malformed)?;
    if v != u64::from(VERSION) {
        return Err(WireError::Version(v));
    }
    let line: Line = serde_json::from_str(text).map_err(malformed)?;
    Ok(match line.message {
        Message::State(mut state) => {
            let texts = state
                .notes
                .iter_mut()
                .chain(state.stale.iter_mut())
                .chain(state.next.iter_mut().flat_map(|n| n.preview.iter_mut()));
            for text in texts {
                if let std::borrow::Cow::Owned(cleaned) = clean(text) {
                    *text = cleaned;
                }
            }
            state.check()?;
            Message::State(state)
        }
        Message::Full { max } if !(1..=MAX_FULL).contains(&max) => {
            return Err(WireError::OutOfRange(format!("full at {max} consoles")));
        }
        other => other,
    })
}

/// Bytes as they arrive, in pieces of any size, into lines: at most [`MAX_LINE`] bytes are
/// ever held, and a longer line is reported once and skipped to its end.
#[derive(Debug, Default)]
pub struct Lines {
    pending: Vec<u8>,
    /// Inside a line already reported as too long: skip to its newline.
    skipping: bool,
}

impl Lines {
    pub fn new() -> Lines {
        Lines::default()
    }

    /// The messages (and errors) completed by `bytes`, in order. Blank lines are nothing.
    pub fn feed(&mut self, bytes: &[u8]) -> Vec<Result<Message, WireError>> {
        let mut out = Vec::new();
        let mut rest = bytes;
        while !rest.is_empty() {
            let newline = rest.iter().position(|b| *b == b'\n');
            let (piece, ends) = match newline {
                Some(at) => (&rest[..at], true),
                None => (rest, false),
            };
            rest = newline.map_or(&[][..], |at| &rest[at + 1..]);
            if self.skipping {
                self.skipping = !ends;
                continue;
            }
            if self.pending.len() + piece.len() >= MAX_LINE {
                out.push(Err(WireError::TooLong));
                self.pending.clear();
                self.skipping = !ends;
                continue;
            }
            self.pending.extend_from_slice(piece);
            if ends {
                let line = std::mem::take(&mut self.pending);
                if !line.trim_ascii().is_empty() {
                    out.push(decode(&line));
                }
            }
        }
        out
    }

    /// Bytes held for a line not yet ended.
    pub fn pending(&self) -> usize {
        self.pending.len()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use gapdash_data::builtin;

    fn command(line: &str) -> Result<Message, WireError> {
        decode(line.as_bytes())
    }

    #[test]
    fn commands_read_as_written() {
        assert_eq!(
            command(r#"{"v":1,"type":"command","command":"forward"}"#),
            Ok(Message::Command {
                command: Command::Forward
            })
        );
        assert_eq!(
            command(r#"{"v":1,"type":"command","command":{"goto":"world"}}"#),
            Ok(Message::Command {
                command: Command::Goto(View::World)
            })
        );
        let line = encode(&Message::Command {
            command: Command::Goto(View::Since),
        })
        .expect("encodes");
        assert_eq!(
            String::from_utf8(line).expect("UTF-8"),
            "{\"v\":1,\"type\":\"command\",\"command\":{\"goto\":\"since\"}}\n"
        );
    }

    #[test]
    fn every_command_is_a_key_of_the_dashboard() {
        for binding in gapdash_app::keys::BINDINGS {
            if let Some(command) = Command::from_action(&binding.action) {
                assert_eq!(command.action(), binding.action);
            }
        }
        assert_eq!(Command::from_action(&Action::Quit), None);
        assert_eq!(Command::from_action(&Action::Reload), None);
    }

    #[test]
    fn bad_lines_say_what_is_wrong_with_them() {
        assert_eq!(
            command(r#"{"v":2,"type":"command","command":"forward"}"#),
            Err(WireError::Version(2))
        );
        assert!(matches!(command("not json"), Err(WireError::Malformed(_))));
        assert!(matches!(
            command(r#"{"v":1,"type":"command","command":"launch"}"#),
            Err(WireError::Malformed(why)) if why.contains("unknown variant `launch`")
        ));
        assert!(matches!(
            command(r#"{"type":"state"}"#),
            Err(WireError::Malformed(_))
        ));
        assert_eq!(decode(b"\xff\xfe"), Err(WireError::NotUtf8));
        // A terminal never sees what a hostile line carries.
        let hostile = command("{\"v\":1,\"type\":\"command\",\"command\":\"\\u001b[2J\"}");
        let Err(e) = hostile else {
            panic!("{hostile:?}")
        };
        assert!(!e.to_string().contains('\u{1b}'), "{e}");
    }

    #[test]
    fn text_in_a_state_is_cleaned_on_the_way_in() {
        let app = App::new(builtin().expect("built-in data"), View::World);
        let mut state = State::of(&app, 0);
        state.notes = vec!["\u{1b}[2JSay \u{7}this".to_string()];
        if let Some(next) = &mut state.next {
            next.preview = vec!["\u{202e}reversed".to_string()];
        }
        let line = encode(&Message::State(state)).expect("encodes");
        let Ok(Message::State(read)) = decode(&line[..line.len() - 1]) else {
            panic!("a state")
        };
        let shown = format!("{:?} {:?}", read.notes, read.next);
        assert!(!shown.contains("\\u{"), "{shown}");
        assert!(read.notes[0].contains("Say"), "{:?}", read.notes);
    }

    #[test]
    fn a_state_goes_and_comes_back_whole() {
        let mut app = App::new(builtin().expect("built-in data"), View::Sales);
        app.update(Action::TogglePresent);
        let state = State::of(&app, 1_000);
        assert_eq!(state.next.as_ref().map(|n| n.view), Some(View::Quotes));
        assert!(state.notes[0].starts_with("Rural online retail sales"));
        let line = encode(&Message::State(state.clone())).expect("encodes");
        assert!(line.len() < 4096, "{} bytes", line.len());
        let mut lines = Lines::new();
        assert_eq!(lines.feed(&line), [Ok(Message::State(state))]);
        let last = App::new(builtin().expect("built-in data"), View::Sources);
        assert_eq!(
            State::of(&last, 0).next,
            None,
            "nothing after the last view"
        );
    }

    #[test]
    fn the_timer_counts_from_its_start_by_the_wall_clock() {
        let app = App::new(builtin().expect("built-in data"), View::Overview);
        let mut state = State::of(&app, 10_000);
        assert_eq!(state.timer(75_500).text(), "01:05");
        state.talk_secs = Some(120);
        assert_eq!(state.timer(75_500).text(), "00:55");
        assert!(state.timer(75_500).warning());
        assert_eq!(state.timer(0).text(), "02:00", "a clock behind the start");
    }

    /// `state` as it arrives at a console.
    fn arrives(state: &State) -> Result<Message, WireError> {
        let line = encode(&Message::State(state.clone())).expect("encodes");
        decode(&line[..line.len() - 1])
    }

    #[test]
    fn numbers_that_cannot_be_are_dropped_and_named() {
        let mut app = App::new(builtin().expect("built-in data"), View::Quotes);
        app.update(Action::Down);
        let good = State::of(&app, 1_764_460_800_000);
        assert_eq!(arrives(&good), Ok(Message::State(good.clone())));
        let out = |what: &str| Err(WireError::OutOfRange(what.into()));
        type Spoil = fn(&mut State);
        let cases: [(Spoil, &str); 8] = [
            (|s| s.quote = 1000, "quote 1001 of 8"),
            (|s| s.quote = usize::MAX, "quote 18446744073709551615 of 8"),
            (|s| s.quote = 8, "quote 9 of 8"),
            (|s| s.quotes = 20_000, "20000 quotes, more than 10000"),
            (
                |s| s.talk_secs = Some(300_000_000_000_000_000),
                "a talk of 300000000000000000 s",
            ),
            (|s| s.talk_secs = Some(0), "a talk of 0 s"),
            (
                |s| s.timer_started_ms = u64::MAX,
                "a timer started at 18446744073709551615 ms",
            ),
            (
                |s| s.next.as_mut().expect("a next view").view = View::Overview,
                "view 1 next after view 4",
            ),
        ];
        for (spoil, what) in cases {
            let mut bad = good.clone();
            spoil(&mut bad);
            assert_eq!(arrives(&bad), out(what), "{what}");
        }
        let mut last = good.clone();
        last.next = None;
        assert_eq!(arrives(&last), out("view 0 next after view 4"));
        let mut none = good;
        none.quotes = 0;
        none.quote = 0;
        assert!(arrives(&none).is_ok(), "no quotes: quote 0 stands for none");
        assert_eq!(
            WireError::OutOfRange("quote 1001 of 8".into()).to_string(),
            "a message out of range (quote 1001 of 8)"
        );
    }

    #[test]
    fn a_full_dashboard_says_how_many_it_serves() {
        let line = encode(&Message::Full { max: 8 }).expect("encodes");
        assert_eq!(line, b"{\"v\":1,\"type\":\"full\",\"max\":8}\n");
        assert_eq!(
            decode(&line[..line.len() - 1]),
            Ok(Message::Full { max: 8 })
        );
        assert_eq!(
            command(r#"{"v":1,"type":"full","max":0}"#),
            Err(WireError::OutOfRange("full at 0 consoles".into()))
        );
        assert_eq!(
            command(r#"{"v":1,"type":"full","max":100000}"#),
            Err(WireError::OutOfRange("full at 100000 consoles".into()))
        );
    }

    #[test]
    fn a_line_too_long_is_dropped_once_and_the_next_one_read() {
        let mut lines = Lines::new();
        let next = br#"{"v":1,"type":"command","command":"back"}"#;
        let mut got = Vec::new();
        for _ in 0..3 {
            got.extend(lines.feed(&[b'x'; 40_000]));
        }
        assert!(lines.pending() < MAX_LINE);
        got.extend(lines.feed(b"xx\n"));
        got.extend(lines.feed(next));
        got.extend(lines.feed(b"\n\n"));
        assert_eq!(
            got,
            [
                Err(WireError::TooLong),
                Ok(Message::Command {
                    command: Command::Back
                })
            ]
        );
    }
}
