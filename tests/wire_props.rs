//! Properties of the console's wire (`gapdash::wire`): whatever bytes arrive, in pieces of
//! whatever size, the line reader answers with messages or errors, never panics and never
//! holds more than a line's worth; and good messages among bad lines, however the bytes are
//! cut, all come through, in order (their text cleaned of controls), with one error for each
//! bad line.

use gapdash::data::clean::clean;
use gapdash::view::View;
use gapdash::wire::{
    Command, Lines, MAX_FULL, MAX_LINE, MAX_TALK_SECS, MAX_TIME_MS, Message, Next, State,
    WireError, encode,
};
use proptest::prelude::*;

fn view() -> impl Strategy<Value = View> {
    prop::sample::select(View::ALL.to_vec())
}

fn command() -> impl Strategy<Value = Command> {
    prop_oneof![
        Just(Command::Next),
        Just(Command::Prev),
        Just(Command::Forward),
        Just(Command::Back),
        view().prop_map(Command::Goto),
        Just(Command::First),
        Just(Command::Last),
        Just(Command::Up),
        Just(Command::Down),
        Just(Command::Blank),
        Just(Command::Present),
        Just(Command::ResetTimer),
        Just(Command::Autoplay),
    ]
}

/// A state as a dashboard sends it: its numbers in range (a quote among the quotes, a talk
/// `--talk` allows, the next view the one after), its text anything.
fn state() -> impl Strategy<Value = State> {
    let text = ".{0,300}";
    (
        view(),
        (0usize..20).prop_flat_map(|quotes| (0..quotes.max(1), Just(quotes))),
        (any::<bool>(), any::<bool>()),
        (
            0..=MAX_TIME_MS,
            prop::option::of(1..=MAX_TALK_SECS),
            prop::sample::select(gapdash::data::Lang::ALL.to_vec()),
        ),
        (
            prop::collection::vec(text, 0..3),
            prop::collection::vec(text, 0..3),
        ),
        prop::collection::vec(text, 0..3),
    )
        .prop_map(
            |(
                view,
                (quote, quotes),
                (present, blank),
                (started, talk, lang),
                (notes, stale),
                preview,
            )| {
                let after = view.saturating_add(1);
                State {
                    view,
                    quote,
                    quotes,
                    present,
                    blank,
                    timer_started_ms: started,
                    talk_secs: talk,
                    lang,
                    notes,
                    stale,
                    next: (after != view).then_some(Next {
                        view: after,
                        preview,
                    }),
                }
            },
        )
}

fn message() -> impl Strategy<Value = Message> {
    prop_oneof![
        command().prop_map(|command| Message::Command { command }),
        state().prop_map(Message::State),
        (1..=MAX_FULL).prop_map(|max| Message::Full { max }),
    ]
}

/// A line that is not a message: any bytes but a newline, JSON of the wrong shape or
/// version, or a line longer than the limit.
fn bad_line() -> impl Strategy<Value = (Vec<u8>, WireError)> {
    prop_oneof![
        "[a-z{}\\[\\]\":,0-9 ]{1,60}"
            .prop_filter("not blank", |s: &String| !s.trim().is_empty())
            .prop_map(|s| (s.into_bytes(), WireError::Malformed(String::new()))),
        (2u64..1000).prop_map(|v| (
            format!(r#"{{"v":{v},"type":"command","command":"forward"}}"#).into_bytes(),
            WireError::Version(v)
        )),
        Just((
            br#"{"v":1,"type":"command","command":"fire"}"#.to_vec(),
            WireError::Malformed(String::new())
        )),
        Just((
            br#"{"v":1,"type":"state","view":"nowhere"}"#.to_vec(),
            WireError::Malformed(String::new())
        )),
        Just((b"{\"v\":1,\"\xff\":1}".to_vec(), WireError::NotUtf8)),
        (MAX_LINE..3 * MAX_LINE).prop_map(|n| (vec![b'{'; n], WireError::TooLong)),
    ]
}

/// A message as it reads after the wire: a state's text cleaned, as data files' text is.
fn cleaned(message: &Message) -> Message {
    let mut message = message.clone();
    if let Message::State(state) = &mut message {
        let texts = state
            .notes
            .iter_mut()
            .chain(state.stale.iter_mut())
            .chain(state.next.iter_mut().flat_map(|n| n.preview.iter_mut()));
        for text in texts {
            *text = clean(text).into_owned();
        }
    }
    message
}

/// The same kind of error, whatever its words.
fn kind(result: &Result<Message, WireError>) -> String {
    match result {
        Ok(m) => format!("{m:?}"),
        Err(WireError::Malformed(_)) => "malformed".to_string(),
        Err(e) => format!("{e:?}"),
    }
}

/// `bytes` cut at the given points, as reads of a socket might deliver them.
fn pieces(bytes: &[u8], cuts: &[prop::sample::Index]) -> Vec<Vec<u8>> {
    let mut at: Vec<usize> = cuts.iter().map(|c| c.index(bytes.len() + 1)).collect();
    at.push(0);
    at.push(bytes.len());
    at.sort_unstable();
    at.windows(2).map(|w| bytes[w[0]..w[1]].to_vec()).collect()
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(256))]

    #[test]
    fn any_bytes_in_any_pieces_never_panic_and_never_pile_up(
        chunks in prop::collection::vec(prop::collection::vec(any::<u8>(), 0..40_000), 0..8),
    ) {
        let mut lines = Lines::new();
        for chunk in &chunks {
            for result in lines.feed(chunk) {
                let shown = match result {
                    Err(e) => e.to_string(),
                    Ok(Message::State(state)) => state.notes.concat() + &state.stale.concat(),
                    Ok(Message::Command { .. } | Message::Full { .. }) => String::new(),
                };
                prop_assert!(!shown.chars().any(char::is_control), "{shown:?}");
            }
            prop_assert!(lines.pending() < MAX_LINE);
        }
    }

    #[test]
    fn good_messages_among_bad_lines_come_through_in_order(
        lines in prop::collection::vec(
            prop_oneof![
                3 => message().prop_map(Ok),
                1 => bad_line().prop_map(Err),
            ],
            0..12,
        ),
        cuts in prop::collection::vec(any::<prop::sample::Index>(), 0..20),
    ) {
        let mut bytes = Vec::new();
        let mut expected = Vec::new();
        for line in &lines {
            match line {
                Ok(message) => {
                    bytes.extend(encode(message).expect("a message fits a line"));
                    expected.push(Ok(cleaned(message)));
                }
                Err((bad, error)) => {
                    bytes.extend(bad);
                    bytes.push(b'\n');
                    expected.push(Err(error.clone()));
                }
            }
        }
        let mut reader = Lines::new();
        let got: Vec<_> = pieces(&bytes, &cuts)
            .iter()
            .flat_map(|piece| reader.feed(piece))
            .collect();
        let (got, expected): (Vec<_>, Vec<_>) =
            (got.iter().map(kind).collect(), expected.iter().map(kind).collect());
        prop_assert_eq!(got, expected);
        prop_assert_eq!(reader.pending(), 0);
    }
}
