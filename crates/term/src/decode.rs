//! Bytes from the terminal → key, mouse and paste events. Pure: the event loop reads the
//! bytes and feeds them here. gapdash decodes its input itself because crossterm 0.29 takes
//! an Esc followed in the same read by another escape sequence (Esc then F5, as a clicker or
//! a fast link sends them) as one Esc and the rest as typed characters, and stalls on a
//! bracketed paste longer than its 1 KB read buffer. Here each sequence is decoded on its
//! own: two keys are two keys, and a paste of any length is one event.

use ratatui::crossterm::event::{
    Event, KeyCode, KeyEvent, KeyModifiers, MouseButton, MouseEvent, MouseEventKind,
};

const ESC: u8 = 0x1b;
/// The most of a paste kept; the rest is read and dropped (a paste is ignored anyway).
const PASTE_LIMIT: usize = 1024 * 1024;
/// A control sequence longer than this is not one a terminal sends: it is dropped.
const SEQUENCE_LIMIT: usize = 64;
const PASTE_END: &[u8] = b"\x1b[201~";

/// What the start of a byte string decodes to.
#[derive(Debug, PartialEq)]
enum Step {
    /// An event, and how many bytes it took.
    Event(Event, usize),
    /// Bytes that mean nothing to the dashboard (focus reports, unknown sequences, invalid
    /// UTF-8): dropped.
    Skip(usize),
    /// The start of a bracketed paste, and how many bytes its marker took.
    PasteStart(usize),
    /// More bytes are needed to tell.
    Incomplete,
}

/// Turns the terminal's bytes into events, across reads: a sequence split between two reads
/// is decoded once its end arrives.
#[derive(Debug, Default)]
pub struct Decoder {
    /// Bytes of a sequence not yet complete.
    pending: Vec<u8>,
    /// Inside a bracketed paste: its text so far (up to [`PASTE_LIMIT`]), and whether more
    /// was dropped.
    paste: Option<(Vec<u8>, bool)>,
}

impl Decoder {
    pub fn new() -> Decoder {
        Decoder::default()
    }

    /// The events `bytes` complete, in order. Bytes of an unfinished sequence are kept for
    /// the next call (or for [`Decoder::flush`]).
    pub fn feed(&mut self, bytes: &[u8]) -> Vec<Event> {
        self.pending.extend_from_slice(bytes);
        let mut events = Vec::new();
        let mut at = 0;
        loop {
            if self.paste.is_some() {
                match self.paste_from(at) {
                    Some((event, end)) => {
                        events.push(event);
                        at = end;
                        continue;
                    }
                    None => {
                        at = self
                            .pending
                            .len()
                            .saturating_sub(PASTE_END.len() - 1)
                            .max(at);
                        break;
                    }
                }
            }
            if at >= self.pending.len() {
                break;
            }
            match step(&self.pending[at..]) {
                Step::Event(event, n) => {
                    events.push(event);
                    at += n;
                }
                Step::Skip(n) => at += n,
                Step::PasteStart(n) => {
                    at += n;
                    self.paste = Some((Vec::new(), false));
                }
                Step::Incomplete => break,
            }
        }
        self.pending.drain(..at);
        events
    }

    /// Whether bytes wait for the rest of a sequence (a lone Esc, half an escape sequence,
    /// an unfinished paste). The loop then waits a moment for more, and flushes if none come.
    pub fn pending(&self) -> bool {
        !self.pending.is_empty() || self.paste.is_some()
    }

    /// No more bytes came in time: a lone Esc is the Esc key, an unfinished paste ends as it
    /// is, and half a sequence is dropped (never typed as characters).
    pub fn flush(&mut self) -> Vec<Event> {
        let mut events = Vec::new();
        if let Some((mut text, _)) = self.paste.take() {
            text.append(&mut self.pending);
            events.push(Event::Paste(String::from_utf8_lossy(&text).into_owned()));
        }
        if self.pending == [ESC] {
            events.push(key(KeyCode::Esc, KeyModifiers::NONE));
        }
        self.pending.clear();
        events
    }

    /// Inside a paste, from `at`: the paste event and where it ends, once its end marker is in.
    fn paste_from(&mut self, at: usize) -> Option<(Event, usize)> {
        let bytes = &self.pending[at..];
        let end = bytes.windows(PASTE_END.len()).position(|w| w == PASTE_END);
        let body = &bytes[..end.unwrap_or(bytes.len().saturating_sub(PASTE_END.len() - 1))];
        if let Some((text, dropped)) = &mut self.paste {
            let room = PASTE_LIMIT.saturating_sub(text.len());
            text.extend_from_slice(&body[..body.len().min(room)]);
            *dropped |= body.len() > room;
        }
        let end = end?;
        let (text, _) = self.paste.take()?;
        let event = Event::Paste(String::from_utf8_lossy(&text).into_owned());
        Some((event, at + end + PASTE_END.len()))
    }
}

fn key(code: KeyCode, modifiers: KeyModifiers) -> Event {
    Event::Key(KeyEvent::new(code, modifiers))
}

/// Decodes the start of `bytes` (never empty).
fn step(bytes: &[u8]) -> Step {
    match bytes[0] {
        ESC => escape(bytes),
        b'\r' | b'\n' => Step::Event(key(KeyCode::Enter, KeyModifiers::NONE), 1),
        b'\t' => Step::Event(key(KeyCode::Tab, KeyModifiers::NONE), 1),
        0x7f | 0x08 => Step::Event(key(KeyCode::Backspace, KeyModifiers::NONE), 1),
        0x00 => Step::Event(key(KeyCode::Char(' '), KeyModifiers::CONTROL), 1),
        c @ 0x01..=0x1a => {
            let letter = char::from(b'a' + c - 1);
            Step::Event(key(KeyCode::Char(letter), KeyModifiers::CONTROL), 1)
        }
        c @ 0x1c..=0x1f => {
            let digit = char::from(b'4' + c - 0x1c);
            Step::Event(key(KeyCode::Char(digit), KeyModifiers::CONTROL), 1)
        }
        _ => utf8(bytes),
    }
}

/// A character, as UTF-8.
fn utf8(bytes: &[u8]) -> Step {
    let len = match bytes[0] {
        0x00..=0x7f => 1,
        0xc2..=0xdf => 2,
        0xe0..=0xef => 3,
        0xf0..=0xf4 => 4,
        _ => return Step::Skip(1),
    };
    if bytes.len() < len {
        // A continuation byte that cannot be one ends the character early.
        return if bytes[1..].iter().all(|b| (0x80..=0xbf).contains(b)) {
            Step::Incomplete
        } else {
            Step::Skip(1)
        };
    }
    match std::str::from_utf8(&bytes[..len])
        .ok()
        .and_then(|s| s.chars().next())
    {
        Some(c) => {
            let modifiers = if c.is_uppercase() {
                KeyModifiers::SHIFT
            } else {
                KeyModifiers::NONE
            };
            Step::Event(key(KeyCode::Char(c), modifiers), len)
        }
        None => Step::Skip(1),
    }
}

/// What starts with ESC: a CSI or SS3 sequence, Esc followed by another key (Alt+key, as
/// terminals send it), or Esc itself before another Esc.
fn escape(bytes: &[u8]) -> Step {
    match bytes.get(1) {
        None => Step::Incomplete,
        Some(b'[') => csi(bytes),
        Some(b'O') => ss3(bytes),
        // Esc, then whatever the second ESC begins: two keys, never one.
        Some(&ESC) => Step::Event(key(KeyCode::Esc, KeyModifiers::NONE), 1),
        Some(_) => match step(&bytes[1..]) {
            Step::Event(Event::Key(mut k), n) => {
                k.modifiers |= KeyModifiers::ALT;
                Step::Event(Event::Key(k), n + 1)
            }
            Step::Incomplete => Step::Incomplete,
            _ => Step::Event(key(KeyCode::Esc, KeyModifiers::NONE), 1),
        },
    }
}

/// ESC O x: F1–F4, arrows, Home and End in application mode.
fn ss3(bytes: &[u8]) -> Step {
    let Some(&c) = bytes.get(2) else {
        return Step::Incomplete;
    };
    match final_key(c) {
        Some(code) => Step::Event(key(code, KeyModifiers::NONE), 3),
        None if c == ESC => Step::Skip(2),
        None => Step::Skip(3),
    }
}

/// The key a CSI or SS3 final byte names, without parameters.
fn final_key(c: u8) -> Option<KeyCode> {
    Some(match c {
        b'A' => KeyCode::Up,
        b'B' => KeyCode::Down,
        b'C' => KeyCode::Right,
        b'D' => KeyCode::Left,
        b'H' => KeyCode::Home,
        b'F' => KeyCode::End,
        b'P' => KeyCode::F(1),
        b'Q' => KeyCode::F(2),
        b'R' => KeyCode::F(3),
        b'S' => KeyCode::F(4),
        _ => return None,
    })
}

/// ESC [ parameters intermediates final.
fn csi(bytes: &[u8]) -> Step {
    if bytes.get(2) == Some(&b'M') {
        return x10_mouse(bytes);
    }
    let mut end = 2;
    loop {
        let Some(&c) = bytes.get(end) else {
            return if end > SEQUENCE_LIMIT {
                Step::Skip(end)
            } else {
                Step::Incomplete
            };
        };
        match c {
            0x20..=0x3f => end += 1,
            0x40..=0x7e => break,
            // Not part of a sequence: what came so far is dropped, the byte is read anew.
            _ => return Step::Skip(end),
        }
    }
    let params = &bytes[2..end];
    let len = end + 1;
    let event = match (bytes[end], params) {
        (b'M' | b'm', [b'<', rest @ ..]) => sgr_mouse(rest, bytes[end] == b'M'),
        (b'~', _) => {
            let numbers = numbers(params);
            let modifiers = modifiers(numbers.get(1).copied());
            let code = match numbers.first().copied() {
                Some(1 | 7) => KeyCode::Home,
                Some(2) => KeyCode::Insert,
                Some(3) => KeyCode::Delete,
                Some(4 | 8) => KeyCode::End,
                Some(5) => KeyCode::PageUp,
                Some(6) => KeyCode::PageDown,
                Some(n @ 11..=15) => KeyCode::F((n - 10) as u8),
                Some(n @ 17..=21) => KeyCode::F((n - 11) as u8),
                Some(n @ 23..=24) => KeyCode::F((n - 12) as u8),
                Some(200) => return Step::PasteStart(len),
                _ => return Step::Skip(len),
            };
            Some(key(code, modifiers))
        }
        (b'Z', _) => Some(key(KeyCode::BackTab, KeyModifiers::SHIFT)),
        (c, _) => final_key(c).map(|code| {
            let numbers = numbers(params);
            key(code, modifiers(numbers.get(1).copied()))
        }),
    };
    match event {
        Some(event) => Step::Event(event, len),
        None => Step::Skip(len),
    }
}

/// The numbers of a parameter string, `;`-separated (sub-parameters after `:` ignored).
fn numbers(params: &[u8]) -> Vec<u32> {
    params
        .split(|b| *b == b';')
        .map(|p| {
            p.iter()
                .take_while(|b| b.is_ascii_digit())
                .fold(0u32, |n, b| {
                    n.saturating_mul(10).saturating_add(u32::from(b - b'0'))
                })
        })
        .collect()
}

/// xterm's modifier parameter: 1 + shift 1, alt 2, ctrl 4, meta 8.
fn modifiers(param: Option<u32>) -> KeyModifiers {
    let bits = param.unwrap_or(1).saturating_sub(1);
    let mut m = KeyModifiers::NONE;
    for (bit, modifier) in [
        (1, KeyModifiers::SHIFT),
        (2, KeyModifiers::ALT),
        (4, KeyModifiers::CONTROL),
        (8, KeyModifiers::META),
    ] {
        if bits & bit != 0 {
            m |= modifier;
        }
    }
    m
}

/// The button bits shared by both mouse encodings, as an event kind.
fn mouse_kind(code: u32, press: bool) -> Option<MouseEventKind> {
    if code & 64 != 0 {
        return match code & 3 {
            0 => Some(MouseEventKind::ScrollUp),
            1 => Some(MouseEventKind::ScrollDown),
            2 => Some(MouseEventKind::ScrollLeft),
            _ => Some(MouseEventKind::ScrollRight),
        };
    }
    let button = match code & 3 {
        0 => MouseButton::Left,
        1 => MouseButton::Middle,
        2 => MouseButton::Right,
        _ => return (!press).then_some(MouseEventKind::Up(MouseButton::Left)),
    };
    Some(if code & 32 != 0 {
        MouseEventKind::Drag(button)
    } else if press {
        MouseEventKind::Down(button)
    } else {
        MouseEventKind::Up(button)
    })
}

fn mouse_modifiers(code: u32) -> KeyModifiers {
    let mut m = KeyModifiers::NONE;
    if code & 4 != 0 {
        m |= KeyModifiers::SHIFT;
    }
    if code & 8 != 0 {
        m |= KeyModifiers::ALT;
    }
    if code & 16 != 0 {
        m |= KeyModifiers::CONTROL;
    }
    m
}

/// SGR mouse: ESC [ < button ; column ; row M (press) or m (release), 1-based.
fn sgr_mouse(params: &[u8], press: bool) -> Option<Event> {
    let n = numbers(params);
    let [code, column, row] = n.as_slice() else {
        return None;
    };
    Some(Event::Mouse(MouseEvent {
        kind: mouse_kind(*code, press)?,
        column: u16::try_from(column.saturating_sub(1)).unwrap_or(u16::MAX),
        row: u16::try_from(row.saturating_sub(1)).unwrap_or(u16::MAX),
        modifiers: mouse_modifiers(*code),
    }))
}

/// The old X10 mouse encoding: ESC [ M and three bytes, each offset by 32.
fn x10_mouse(bytes: &[u8]) -> Step {
    let [_, _, _, code, column, row, ..] = bytes else {
        return Step::Incomplete;
    };
    let code = u32::from(code.saturating_sub(32));
    let kind = mouse_kind(code, code & 3 != 3);
    match kind {
        Some(kind) => Step::Event(
            Event::Mouse(MouseEvent {
                kind,
                column: u16::from(column.saturating_sub(33)),
                row: u16::from(row.saturating_sub(33)),
                modifiers: mouse_modifiers(code),
            }),
            6,
        ),
        None => Step::Skip(6),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn keys(bytes: &[u8]) -> Vec<Event> {
        let mut d = Decoder::new();
        let mut events = d.feed(bytes);
        events.extend(d.flush());
        events
    }

    fn k(code: KeyCode) -> Event {
        key(code, KeyModifiers::NONE)
    }

    #[test]
    fn esc_then_f5_in_one_read_is_two_keys() {
        assert_eq!(keys(b"\x1b\x1b[15~"), [k(KeyCode::Esc), k(KeyCode::F(5))]);
        assert_eq!(
            keys(b"\x1b\x1b[6~"),
            [k(KeyCode::Esc), k(KeyCode::PageDown)]
        );
        assert_eq!(keys(b"\x1b\x1bOP"), [k(KeyCode::Esc), k(KeyCode::F(1))]);
        assert_eq!(
            keys(b"\x1b\x1b\x1b"),
            [k(KeyCode::Esc), k(KeyCode::Esc), k(KeyCode::Esc)]
        );
    }

    #[test]
    fn a_lone_esc_waits_for_the_flush() {
        let mut d = Decoder::new();
        assert_eq!(d.feed(b"\x1b"), []);
        assert!(d.pending());
        assert_eq!(d.flush(), [k(KeyCode::Esc)]);
        assert!(!d.pending());
    }

    #[test]
    fn a_sequence_split_across_reads_is_one_key() {
        let mut d = Decoder::new();
        assert_eq!(d.feed(b"\x1b["), []);
        assert_eq!(d.feed(b"1"), []);
        assert_eq!(d.feed(b"5~q"), [k(KeyCode::F(5)), k(KeyCode::Char('q'))]);
    }

    #[test]
    fn keys_as_xterm_sends_them() {
        assert_eq!(keys(b"\t"), [k(KeyCode::Tab)]);
        assert_eq!(
            keys(b"\x1b[Z"),
            [key(KeyCode::BackTab, KeyModifiers::SHIFT)]
        );
        assert_eq!(keys(b"\r"), [k(KeyCode::Enter)]);
        assert_eq!(keys(b"\x7f"), [k(KeyCode::Backspace)]);
        assert_eq!(
            keys(b"\x03"),
            [key(KeyCode::Char('c'), KeyModifiers::CONTROL)]
        );
        assert_eq!(
            keys(b"\x1a"),
            [key(KeyCode::Char('z'), KeyModifiers::CONTROL)]
        );
        assert_eq!(
            keys(b"\x1b[A\x1b[1;5C"),
            [k(KeyCode::Up), key(KeyCode::Right, KeyModifiers::CONTROL)]
        );
        assert_eq!(
            keys(b"\x1b[5~\x1b[H\x1bOF"),
            [k(KeyCode::PageUp), k(KeyCode::Home), k(KeyCode::End)]
        );
        assert_eq!(
            keys("数?".as_bytes()),
            [k(KeyCode::Char('数')), k(KeyCode::Char('?'))]
        );
        assert_eq!(keys(b"\x1bq"), [key(KeyCode::Char('q'), KeyModifiers::ALT)]);
    }

    #[test]
    fn mouse_reports_decode_with_zero_based_cells() {
        let click = keys(b"\x1b[<0;11;1M");
        assert_eq!(
            click,
            [Event::Mouse(MouseEvent {
                kind: MouseEventKind::Down(MouseButton::Left),
                column: 10,
                row: 0,
                modifiers: KeyModifiers::NONE,
            })]
        );
        let wheel = keys(b"\x1b[<65;3;4M");
        assert!(matches!(
            wheel[..],
            [Event::Mouse(MouseEvent {
                kind: MouseEventKind::ScrollDown,
                column: 2,
                row: 3,
                ..
            })]
        ));
        assert_eq!(keys(b"\x1b[M !!").len(), 1, "X10 encoding");
    }

    #[test]
    fn a_paste_is_one_event_whatever_its_length_and_the_key_after_it_counts() {
        let text = "tbr12".repeat(1000);
        let mut bytes = b"\x1b[200~".to_vec();
        bytes.extend_from_slice(text.as_bytes());
        bytes.extend_from_slice(b"\x1b[201~q");
        assert_eq!(
            keys(&bytes),
            [Event::Paste(text.clone()), k(KeyCode::Char('q'))]
        );
        // In pieces of any size, as reads deliver it.
        for piece in [1, 7, 1024, 4096] {
            let mut d = Decoder::new();
            let mut events = Vec::new();
            for chunk in bytes.chunks(piece) {
                events.extend(d.feed(chunk));
            }
            assert_eq!(events, [Event::Paste(text.clone()), k(KeyCode::Char('q'))]);
        }
    }

    #[test]
    fn unknown_and_broken_sequences_are_dropped_not_typed() {
        assert_eq!(keys(b"\x1b[I\x1b[O"), [], "focus reports");
        assert_eq!(keys(b"\x1b[999z"), []);
        assert_eq!(keys(b"\xff\xfe"), [], "invalid UTF-8");
        assert_eq!(keys(b"\x1b[12"), [], "half a sequence, flushed");
        assert_eq!(keys(b"\x1b[201~"), [], "a stray paste end");
    }

    proptest::proptest! {
        /// Any bytes decode without panicking, and the same bytes give the same events however
        /// reads split them.
        #[test]
        fn any_bytes_in_any_pieces_decode_the_same(
            bytes in proptest::collection::vec(proptest::prelude::any::<u8>(), 0..300),
            cuts in proptest::collection::vec(0usize..300, 0..8),
        ) {
            let whole = keys(&bytes);
            let mut cuts: Vec<usize> = cuts.into_iter().map(|c| c.min(bytes.len())).collect();
            cuts.push(0);
            cuts.push(bytes.len());
            cuts.sort_unstable();
            let mut d = Decoder::new();
            let mut pieces = Vec::new();
            for pair in cuts.windows(2) {
                pieces.extend(d.feed(&bytes[pair[0]..pair[1]]));
            }
            pieces.extend(d.flush());
            proptest::prop_assert_eq!(pieces, whole);
        }
    }
}
