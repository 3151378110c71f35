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
//! ```

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

/// One line on the wire.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(tag = "type", rename_all = "snake_case")]
pub enum Message {
    /// The dashboard as it is now (dashboard → console).
    State(State),
    /// What the presenter asked for at a console (console → dashboard).
    Command { command: Command },
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
    /// The notes to say now, most pressing first (see [`notes::of`]).
    pub notes: Vec<String>,
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
            next: (next != view).then(|| Next {
                view: next,
                preview: notes::preview(app, next),
            }),
        }
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
/// is (`data::clean`): whoever wrote the line, nothing in it reaches a terminal as a control.
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
                .chain(state.next.iter_mut().flat_map(|n| n.preview.iter_mut()));
            for text in texts {
                if let std::borrow::Cow::Owned(cleaned) = clean(text) {
                    *text = cleaned;
                }
            }
            Message::State(state)
        }
        command => command,
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
