//! The one key table: key → Action → help text. The help overlay and the hint bar are both
//! generated from it, so they can never disagree with the real bindings.

use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

use crate::action::Action;
use crate::view::View;

/// One binding: the keys, what they do, and how help and the hint bar describe it.
#[derive(Debug, Clone)]
pub struct Binding {
    pub keys: &'static [(KeyCode, KeyModifiers)],
    pub action: Action,
    /// One line for the help overlay. Adjacent bindings with the same help are shown as one.
    pub help: &'static str,
    /// A word for the hint bar, or None to leave the binding out of it.
    pub hint: Option<&'static str>,
}

const NONE: KeyModifiers = KeyModifiers::NONE;
const CTRL: KeyModifiers = KeyModifiers::CONTROL;

const fn key(code: KeyCode) -> (KeyCode, KeyModifiers) {
    (code, NONE)
}

const fn goto(keys: &'static [(KeyCode, KeyModifiers)], view: View) -> Binding {
    Binding {
        keys,
        action: Action::Goto(view),
        help: "jump to view 1–7",
        hint: Some("view"),
    }
}

pub const BINDINGS: &[Binding] = &[
    Binding {
        keys: &[
            key(KeyCode::Tab),
            key(KeyCode::Right),
            key(KeyCode::Char('l')),
        ],
        action: Action::NextView,
        help: "next view (wraps to the first)",
        hint: Some("next"),
    },
    Binding {
        keys: &[
            key(KeyCode::BackTab),
            key(KeyCode::Left),
            key(KeyCode::Char('h')),
        ],
        action: Action::PrevView,
        help: "previous view (wraps to the last)",
        hint: Some("prev"),
    },
    Binding {
        keys: &[key(KeyCode::PageDown), key(KeyCode::Char(' '))],
        action: Action::Forward,
        help: "clicker: next view, stops at the last",
        hint: None,
    },
    Binding {
        keys: &[key(KeyCode::PageUp), key(KeyCode::Backspace)],
        action: Action::Back,
        help: "clicker: previous, stops at the first",
        hint: None,
    },
    goto(&[(KeyCode::Char('1'), NONE)], View::Overview),
    goto(&[(KeyCode::Char('2'), NONE)], View::Penetration),
    goto(&[(KeyCode::Char('3'), NONE)], View::Sales),
    goto(&[(KeyCode::Char('4'), NONE)], View::Quotes),
    goto(&[(KeyCode::Char('5'), NONE)], View::World),
    goto(&[(KeyCode::Char('6'), NONE)], View::Since),
    goto(&[(KeyCode::Char('7'), NONE)], View::Sources),
    Binding {
        keys: &[key(KeyCode::Home)],
        action: Action::FirstView,
        help: "first / last view",
        hint: None,
    },
    Binding {
        keys: &[key(KeyCode::End)],
        action: Action::LastView,
        help: "first / last view",
        hint: None,
    },
    Binding {
        keys: &[key(KeyCode::Up), key(KeyCode::Char('k'))],
        action: Action::Up,
        help: "previous / next quote or source",
        hint: Some("move"),
    },
    Binding {
        keys: &[key(KeyCode::Down), key(KeyCode::Char('j'))],
        action: Action::Down,
        help: "previous / next quote or source",
        hint: Some("move"),
    },
    Binding {
        keys: &[key(KeyCode::F(5))],
        action: Action::TogglePresent,
        help: "presentation mode on/off",
        hint: Some("present"),
    },
    Binding {
        keys: &[key(KeyCode::Char('b')), key(KeyCode::Char('.'))],
        action: Action::Blank,
        help: "blank screen; any key brings it back",
        hint: None,
    },
    Binding {
        keys: &[key(KeyCode::Char('t'))],
        action: Action::NextTheme,
        help: "next colour theme",
        hint: Some("theme"),
    },
    Binding {
        keys: &[key(KeyCode::Char('0'))],
        action: Action::ResetTimer,
        help: "reset the talk timer",
        hint: None,
    },
    Binding {
        keys: &[key(KeyCode::Char('p'))],
        action: Action::ToggleAutoplay,
        help: "pause or resume autoplay",
        hint: None,
    },
    Binding {
        keys: &[key(KeyCode::Char('r'))],
        action: Action::Reload,
        help: "reload the data files",
        hint: None,
    },
    Binding {
        keys: &[key(KeyCode::Char('n'))],
        action: Action::ToggleNotes,
        help: "show or hide the speaker's notes",
        hint: None,
    },
    Binding {
        keys: &[key(KeyCode::Char('?'))],
        action: Action::ToggleHelp,
        help: "show or hide this help",
        hint: Some("help"),
    },
    Binding {
        keys: &[key(KeyCode::Esc)],
        action: Action::CloseOverlay,
        help: "close help/status/present; never quits",
        hint: None,
    },
    Binding {
        keys: &[(KeyCode::Char('z'), CTRL)],
        action: Action::Suspend,
        help: "suspend to the shell; fg comes back",
        hint: None,
    },
    Binding {
        keys: &[key(KeyCode::Char('q')), (KeyCode::Char('c'), CTRL)],
        action: Action::Quit,
        help: "quit",
        hint: Some("quit"),
    },
];

/// The action bound to a key press, if any. Shift is ignored (terminals differ in whether
/// `?` or Shift-Tab carry it); Control and Alt must match.
pub fn action_for(event: KeyEvent) -> Option<Action> {
    let strict = event.modifiers & (KeyModifiers::CONTROL | KeyModifiers::ALT);
    BINDINGS
        .iter()
        .find(|b| {
            b.keys
                .iter()
                .any(|(code, mods)| *code == event.code && *mods == strict)
        })
        .map(|b| b.action.clone())
}

/// How the first key bound to `action` is written, if one is.
pub fn key_for(action: &Action) -> Option<String> {
    BINDINGS
        .iter()
        .find(|b| b.action == *action)
        .map(|b| label(b.keys[0]))
}

/// How a key is written on screen.
pub fn label((code, mods): (KeyCode, KeyModifiers)) -> String {
    let name = match code {
        KeyCode::Tab => "Tab".to_string(),
        KeyCode::BackTab => "Shift-Tab".to_string(),
        KeyCode::Left => "←".to_string(),
        KeyCode::Right => "→".to_string(),
        KeyCode::Up => "↑".to_string(),
        KeyCode::Down => "↓".to_string(),
        KeyCode::PageUp => "PgUp".to_string(),
        KeyCode::PageDown => "PgDn".to_string(),
        KeyCode::Home => "Home".to_string(),
        KeyCode::End => "End".to_string(),
        KeyCode::Backspace => "Backspace".to_string(),
        KeyCode::Esc => "Esc".to_string(),
        KeyCode::Enter => "Enter".to_string(),
        KeyCode::Char(' ') => "Space".to_string(),
        KeyCode::Char(c) => c.to_string(),
        KeyCode::F(n) => format!("F{n}"),
        other => format!("{other:?}"),
    };
    if mods.contains(KeyModifiers::CONTROL) {
        format!("Ctrl-{}", name.to_uppercase())
    } else {
        name
    }
}

/// Adjacent bindings that share their help text, as one row: the keys and what they do.
fn merged<'a>(
    bindings: impl Iterator<Item = &'a Binding>,
    same: fn(&Binding, &Binding) -> bool,
) -> Vec<Vec<&'a Binding>> {
    let mut groups: Vec<Vec<&Binding>> = Vec::new();
    for b in bindings {
        match groups.last_mut() {
            Some(group) if same(group[0], b) => group.push(b),
            _ => groups.push(vec![b]),
        }
    }
    groups
}

/// Keys of a group. With `all_keys` (help) every key of one or two bindings ("↑ k / ↓ j"),
/// else the first key of each ("↑/↓"); a range ("1–6") for more.
fn group_keys(group: &[&Binding], all_keys: bool) -> String {
    let all = |b: &Binding| {
        b.keys
            .iter()
            .map(|k| label(*k))
            .collect::<Vec<_>>()
            .join(" ")
    };
    let firsts: Vec<String> = group.iter().map(|b| label(b.keys[0])).collect();
    match group {
        [_] | [_, _] if all_keys => group.iter().map(|b| all(b)).collect::<Vec<_>>().join(" / "),
        [_] | [_, _] => firsts.join("/"),
        _ => format!("{}–{}", firsts[0], firsts[firsts.len() - 1]),
    }
}

/// Rows of the help overlay: (keys, what they do).
pub fn help_rows() -> Vec<(String, &'static str)> {
    merged(BINDINGS.iter(), |a, b| a.help == b.help)
        .iter()
        .map(|g| (group_keys(g, true), g[0].help))
        .collect()
}

/// Items of the hint bar: (keys, word).
pub fn hints() -> Vec<(String, &'static str)> {
    merged(BINDINGS.iter().filter(|b| b.hint.is_some()), |a, b| {
        a.hint == b.hint
    })
    .iter()
    .map(|g| (group_keys(g, false), g[0].hint.unwrap_or_default()))
    .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn press(code: KeyCode, modifiers: KeyModifiers) -> Option<Action> {
        action_for(KeyEvent::new(code, modifiers))
    }

    #[test]
    fn every_key_is_bound_once() {
        let mut seen = std::collections::HashSet::new();
        for b in BINDINGS {
            for k in b.keys {
                assert!(seen.insert(*k), "{} bound twice", label(*k));
            }
        }
    }

    #[test]
    fn clicker_and_navigation_keys() {
        assert_eq!(press(KeyCode::Tab, NONE), Some(Action::NextView));
        assert_eq!(
            press(KeyCode::BackTab, KeyModifiers::SHIFT),
            Some(Action::PrevView)
        );
        assert_eq!(press(KeyCode::PageDown, NONE), Some(Action::Forward));
        assert_eq!(press(KeyCode::Char(' '), NONE), Some(Action::Forward));
        assert_eq!(press(KeyCode::Backspace, NONE), Some(Action::Back));
        assert_eq!(
            press(KeyCode::Char('3'), NONE),
            Some(Action::Goto(View::Sales))
        );
        assert_eq!(
            press(KeyCode::Char('?'), KeyModifiers::SHIFT),
            Some(Action::ToggleHelp)
        );
    }

    #[test]
    fn esc_never_quits() {
        assert_eq!(press(KeyCode::Esc, NONE), Some(Action::CloseOverlay));
    }

    #[test]
    fn stage_keys() {
        assert_eq!(press(KeyCode::F(5), NONE), Some(Action::TogglePresent));
        assert_eq!(press(KeyCode::Char('b'), NONE), Some(Action::Blank));
        assert_eq!(press(KeyCode::Char('.'), NONE), Some(Action::Blank));
        assert_eq!(press(KeyCode::Char('t'), NONE), Some(Action::NextTheme));
        assert_eq!(
            press(KeyCode::Char('p'), NONE),
            Some(Action::ToggleAutoplay)
        );
        assert_eq!(press(KeyCode::Char('0'), NONE), Some(Action::ResetTimer));
    }

    #[test]
    fn n_shows_the_notes() {
        assert_eq!(press(KeyCode::Char('n'), NONE), Some(Action::ToggleNotes));
    }

    #[test]
    fn r_reloads() {
        assert_eq!(press(KeyCode::Char('r'), NONE), Some(Action::Reload));
        assert_eq!(press(KeyCode::Char('r'), CTRL), None);
    }

    #[test]
    fn ctrl_c_quits_but_c_does_not() {
        assert_eq!(press(KeyCode::Char('c'), CTRL), Some(Action::Quit));
        assert_eq!(press(KeyCode::Char('c'), NONE), None);
        assert_eq!(press(KeyCode::Char('q'), CTRL), None);
    }

    #[test]
    fn hints_come_from_the_table() {
        let hints = hints();
        assert_eq!(hints[0], ("Tab".to_string(), "next"));
        assert!(hints.contains(&("1–7".to_string(), "view")));
        assert!(hints.contains(&("↑/↓".to_string(), "move")));
        assert!(hints.contains(&("q".to_string(), "quit")));
    }

    #[test]
    fn help_fits_the_smallest_frame_across() {
        let rows = help_rows();
        let keys = rows.iter().map(|(k, _)| k.chars().count()).max().unwrap();
        let help = rows.iter().map(|(_, h)| h.chars().count()).max().unwrap();
        // Popup: border and padding (4) + keys + 2 spaces + help, inside 60 columns.
        assert!(keys + 2 + help + 4 <= 58, "{keys} + {help}");
    }

    #[test]
    fn help_lists_every_binding() {
        let rows = help_rows();
        assert!(rows.contains(&("Tab → l".to_string(), "next view (wraps to the first)")));
        assert!(rows.contains(&("1–7".to_string(), "jump to view 1–7")));
        assert!(rows.contains(&("q Ctrl-C".to_string(), "quit")));
        assert!(rows.contains(&("↑ k / ↓ j".to_string(), "previous / next quote or source")));
    }

    #[test]
    fn readme_key_table_matches_the_bindings() {
        let readme = include_str!("../README.md").replace('`', "");
        for (keys, help) in help_rows() {
            let row = format!("| {keys} | {help} |");
            assert!(readme.contains(&row), "README.md lacks the row {row}");
        }
    }
}
