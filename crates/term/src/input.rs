//! Reading the terminal: crossterm's events (keys, mouse, paste and resize, on every OS) and
//! on Unix the job-control signals, each as an [`Input`] for the loop: read where the loop
//! waits on Unix ([`crate::wait`]), on a thread of its own elsewhere.
//!
//! One repair on crossterm's events: on Unix, crossterm reads Esc followed in the same read
//! by an escape sequence (`ESC ESC [ 1 5 ~`: Esc then F5, as a presentation clicker sends
//! them) as Esc and then the sequence's characters typed one by one (crossterm pull request
//! 1124, issue 685), and a sequence split across two reads the same way (issue 993): '[',
//! '1', '5', '~' would then switch views. [`repair`] puts such a sequence back together, or
//! drops it when it is no key; it is the only decoding done here.

use std::io;
#[cfg(not(unix))]
use std::sync::mpsc::Sender;
use std::time::Duration;

use ratatui::crossterm::event::{self, Event, KeyCode, KeyEvent, KeyEventKind, KeyModifiers};

use crate::platform::{self, JobSignal};

/// How long a lone Esc waits for the rest of a sequence sent in two pieces: too short to
/// feel, long enough for a terminal that splits its writes.
pub const ESCAPE_WAIT: Duration = Duration::from_millis(20);

/// What woke the loop.
#[derive(Debug, Clone, PartialEq)]
pub enum Input {
    /// A key, a click, a paste, or the terminal's new size.
    Event(Event),
    /// SIGTSTP (`kill -TSTP`): stop as Ctrl-Z does.
    Stop,
    /// SIGCONT after being stopped from outside: take the terminal back.
    Continued,
    /// The terminal can no longer be read: it is gone.
    Closed,
}

/// Starts the thread that reads the terminal where the loop cannot wait on it itself
/// (Windows; see [`crate::wait`]); every input is sent as `wrap(input)`. It ends when the
/// receiver is gone.
#[cfg(not(unix))]
pub(crate) fn listen<T: Send + 'static>(to: Sender<T>, wrap: fn(Input) -> T) -> io::Result<()> {
    let signals = to.clone();
    job_signals(move |input| signals.send(wrap(input)).is_ok())?;
    std::thread::Builder::new()
        .name("terminal-input".into())
        .spawn(move || read_events(&to, wrap))?;
    Ok(())
}

/// SIGTSTP and SIGCONT, where there are such signals, given to `send` as [`Input::Stop`] and
/// [`Input::Continued`] until it returns false.
pub(crate) fn job_signals(send: impl Fn(Input) -> bool + Send + 'static) -> io::Result<()> {
    platform::job_signals(move |job| {
        send(match job {
            JobSignal::Stop => Input::Stop,
            JobSignal::Continued => Input::Continued,
        })
    })
}

/// Reads events until the terminal or the receiver is gone.
#[cfg(not(unix))]
fn read_events<T>(to: &Sender<T>, wrap: fn(Input) -> T) {
    loop {
        let Ok(first) = event::read() else {
            let _ = to.send(wrap(Input::Closed));
            return;
        };
        let mut batch = vec![first];
        // A read error here comes again from the next read, which says Closed.
        let _ = read_more(&mut batch);
        for event in repair(batch) {
            if to.send(wrap(Input::Event(event))).is_err() {
                return;
            }
        }
    }
}

/// Adds to `batch` every event crossterm has now, and after a lone Esc what follows it
/// shortly (a clicker's Esc F5), not yet repaired. False when crossterm could not read the
/// terminal.
pub(crate) fn read_more(batch: &mut Vec<Event>) -> bool {
    loop {
        let wait = match batch.last() {
            Some(Event::Key(key)) if key.code == KeyCode::Esc => ESCAPE_WAIT,
            _ => Duration::ZERO,
        };
        match event::poll(wait).and_then(|ready| ready.then(event::read).transpose()) {
            Ok(Some(event)) => batch.push(event),
            Ok(None) => return true,
            Err(_) => return false,
        }
    }
}

/// `batch` (events read together), with every escape sequence that crossterm read after an
/// Esc as typed characters put back together: Esc, then the key.
pub fn repair(batch: Vec<Event>) -> Vec<Event> {
    let mut out = Vec::with_capacity(batch.len());
    let mut i = 0;
    while i < batch.len() {
        out.push(batch[i].clone());
        if is_key(&batch[i], KeyCode::Esc)
            && let Some((key, used)) = sequence(&batch[i + 1..])
        {
            out.extend(key.map(Event::Key));
            i += 1 + used;
        } else {
            i += 1;
        }
    }
    out
}

fn is_key(event: &Event, code: KeyCode) -> bool {
    matches!(event, Event::Key(k) if k.code == code && k.kind == KeyEventKind::Press)
}

/// The typed character of a key press, whatever Shift crossterm added for a capital.
fn typed(event: &Event) -> Option<char> {
    match event {
        Event::Key(KeyEvent {
            code: KeyCode::Char(c),
            modifiers,
            kind: KeyEventKind::Press,
            ..
        }) if (*modifiers - KeyModifiers::SHIFT).is_empty() => Some(*c),
        _ => None,
    }
}

/// A sequence's characters typed after an Esc (`[15~`, `OP`): the key they make (None for a
/// sequence that is no key, such as a mouse report, which is dropped) and how many events
/// they took; None when the events are no sequence at all.
fn sequence(events: &[Event]) -> Option<(Option<KeyEvent>, usize)> {
    let introducer = typed(events.first()?)?;
    let chars: Vec<char> = events[1..].iter().map_while(typed).take(16).collect();
    match introducer {
        'O' => {
            let last = *chars.first()?;
            Some((
                ss3(last).map(|code| KeyEvent::new(code, KeyModifiers::NONE)),
                2,
            ))
        }
        '[' => {
            let params = chars
                .iter()
                .take_while(|c| ('\x30'..='\x3f').contains(c))
                .count();
            let last = *chars.get(params)?;
            if !('\x40'..='\x7e').contains(&last) {
                return None;
            }
            let text: String = chars[..params].iter().collect();
            Some((csi(&text, last), 2 + params))
        }
        _ => None,
    }
}

/// SS3 sequences: arrows, Home and End in application mode, F1–F4.
fn ss3(last: char) -> Option<KeyCode> {
    Some(match last {
        'A' => KeyCode::Up,
        'B' => KeyCode::Down,
        'C' => KeyCode::Right,
        'D' => KeyCode::Left,
        'H' => KeyCode::Home,
        'F' => KeyCode::End,
        'P' => KeyCode::F(1),
        'Q' => KeyCode::F(2),
        'R' => KeyCode::F(3),
        'S' => KeyCode::F(4),
        _ => return None,
    })
}

/// CSI key sequences as xterm sends them, with their modifiers (`1;5A` is Ctrl+Up).
fn csi(params: &str, last: char) -> Option<KeyEvent> {
    if params.starts_with(['<', '?', '>', '=']) {
        return None;
    }
    let mut numbers = params.split(';').map(|p| p.parse::<u16>().ok());
    let first = numbers.next().flatten();
    let modifiers = match numbers.next() {
        Some(Some(m)) => modifiers(m)?,
        Some(None) => return None,
        None => KeyModifiers::NONE,
    };
    let code = match last {
        '~' => match first? {
            1 | 7 => KeyCode::Home,
            2 => KeyCode::Insert,
            3 => KeyCode::Delete,
            4 | 8 => KeyCode::End,
            5 => KeyCode::PageUp,
            6 => KeyCode::PageDown,
            n @ 11..=15 => KeyCode::F((n - 10) as u8),
            n @ 17..=21 => KeyCode::F((n - 11) as u8),
            n @ 23..=24 => KeyCode::F((n - 12) as u8),
            _ => return None,
        },
        'Z' => return Some(KeyEvent::new(KeyCode::BackTab, KeyModifiers::SHIFT)),
        other => ss3(other)?,
    };
    Some(KeyEvent::new(code, modifiers))
}

/// xterm's modifier parameter: 1 + Shift (1) + Alt (2) + Ctrl (4).
fn modifiers(param: u16) -> Option<KeyModifiers> {
    let bits = param.checked_sub(1)?;
    let mut m = KeyModifiers::NONE;
    for (bit, modifier) in [
        (1, KeyModifiers::SHIFT),
        (2, KeyModifiers::ALT),
        (4, KeyModifiers::CONTROL),
    ] {
        if bits & bit != 0 {
            m |= modifier;
        }
    }
    Some(m)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn key(code: KeyCode) -> Event {
        Event::Key(KeyEvent::new(code, KeyModifiers::NONE))
    }

    /// What crossterm makes of a typed character: Shift with a capital.
    fn typed(c: char) -> Event {
        let shift = if c.is_ascii_uppercase() {
            KeyModifiers::SHIFT
        } else {
            KeyModifiers::NONE
        };
        Event::Key(KeyEvent::new(KeyCode::Char(c), shift))
    }

    /// Esc, then `rest` as crossterm reads it after Esc Esc: one character at a time.
    fn esc_then(rest: &str) -> Vec<Event> {
        std::iter::once(key(KeyCode::Esc))
            .chain(rest.chars().map(typed))
            .collect()
    }

    #[test]
    fn esc_then_f5_in_one_read_is_esc_and_f5() {
        assert_eq!(
            repair(esc_then("[15~")),
            [key(KeyCode::Esc), key(KeyCode::F(5))]
        );
    }

    #[test]
    fn esc_then_keys_as_xterm_sends_them() {
        for (rest, code) in [
            ("[A", KeyCode::Up),
            ("[6~", KeyCode::PageDown),
            ("[5~", KeyCode::PageUp),
            ("OP", KeyCode::F(1)),
            ("OB", KeyCode::Down),
            ("[H", KeyCode::Home),
            ("[24~", KeyCode::F(12)),
        ] {
            assert_eq!(
                repair(esc_then(rest)),
                [key(KeyCode::Esc), key(code)],
                "{rest}"
            );
        }
        assert_eq!(
            repair(esc_then("[1;5C")),
            [
                key(KeyCode::Esc),
                Event::Key(KeyEvent::new(KeyCode::Right, KeyModifiers::CONTROL))
            ]
        );
    }

    #[test]
    fn a_sequence_that_is_no_key_is_dropped_not_typed() {
        // An SGR mouse report after Esc: none of '<', '0', '5' may act as a key.
        assert_eq!(repair(esc_then("[<0;5;3M")), [key(KeyCode::Esc)]);
        assert_eq!(repair(esc_then("[99~")), [key(KeyCode::Esc)]);
    }

    #[test]
    fn keys_that_are_no_sequence_pass_as_they_came() {
        let plain = vec![key(KeyCode::Esc), typed('q'), key(KeyCode::Tab)];
        assert_eq!(repair(plain.clone()), plain);
        // '[' alone after Esc, with nothing that ends a sequence, is left as typed.
        let open = esc_then("[");
        assert_eq!(repair(open.clone()), open);
        let tab = vec![typed('['), typed('1'), typed('~')];
        assert_eq!(repair(tab.clone()), tab);
    }

    #[test]
    fn a_paste_passes_whole() {
        let paste = vec![key(KeyCode::Esc), Event::Paste("[15~ tbq".into())];
        assert_eq!(repair(paste.clone()), paste);
    }
}
