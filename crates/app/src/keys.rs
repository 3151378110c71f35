//! The one key table: key → Action → help text. The help overlay and the hint bar are both
//! generated from it, so they can never disagree with the real bindings.

use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

use crate::action::Action;
use crate::view::View;
use gapdash_data::i18n::Keys;

/// A binding's words in the language on screen (data/i18n, `[keys]`).
pub type Words = fn(&Keys) -> String;

/// One binding: the keys, what they do, and how help and the hint bar describe it.
#[derive(Debug, Clone)]
pub struct Binding {
    pub keys: &'static [(KeyCode, KeyModifiers)],
    pub action: Action,
    /// One line for the help overlay. Adjacent bindings with the same help are shown as one.
    pub help: Words,
    /// A word for the hint bar, or None to leave the binding out of it.
    pub hint: Option<Words>,
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
        help: |k| k.goto.fill(&[("last", &View::ALL.len())]),
        hint: Some(|k| k.hint_view.clone()),
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
        help: |k| k.next.clone(),
        hint: Some(|k| k.hint_next.clone()),
    },
    Binding {
        keys: &[
            key(KeyCode::BackTab),
            key(KeyCode::Left),
            key(KeyCode::Char('h')),
        ],
        action: Action::PrevView,
        help: |k| k.prev.clone(),
        hint: Some(|k| k.hint_prev.clone()),
    },
    Binding {
        keys: &[key(KeyCode::PageDown), key(KeyCode::Char(' '))],
        action: Action::Forward,
        help: |k| k.forward.clone(),
        hint: None,
    },
    Binding {
        keys: &[key(KeyCode::PageUp), key(KeyCode::Backspace)],
        action: Action::Back,
        help: |k| k.back.clone(),
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
        help: |k| k.first_last.clone(),
        hint: None,
    },
    Binding {
        keys: &[key(KeyCode::End)],
        action: Action::LastView,
        help: |k| k.first_last.clone(),
        hint: None,
    },
    Binding {
        keys: &[key(KeyCode::Up), key(KeyCode::Char('k'))],
        action: Action::Up,
        help: |k| k.move_.clone(),
        hint: Some(|k| k.hint_move.clone()),
    },
    Binding {
        keys: &[key(KeyCode::Down), key(KeyCode::Char('j'))],
        action: Action::Down,
        help: |k| k.move_.clone(),
        hint: Some(|k| k.hint_move.clone()),
    },
    Binding {
        keys: &[key(KeyCode::F(5))],
        action: Action::TogglePresent,
        help: |k| k.present.clone(),
        hint: Some(|k| k.hint_present.clone()),
    },
    Binding {
        keys: &[key(KeyCode::Char('b')), key(KeyCode::Char('.'))],
        action: Action::Blank,
        help: |k| k.blank.clone(),
        hint: None,
    },
    Binding {
        keys: &[key(KeyCode::Char('t'))],
        action: Action::NextTheme,
        help: |k| k.theme.clone(),
        hint: Some(|k| k.hint_theme.clone()),
    },
    Binding {
        keys: &[key(KeyCode::Char('0'))],
        action: Action::ResetTimer,
        help: |k| k.timer.clone(),
        hint: None,
    },
    Binding {
        keys: &[key(KeyCode::Char('p'))],
        action: Action::ToggleAutoplay,
        help: |k| k.autoplay.clone(),
        hint: None,
    },
    Binding {
        keys: &[key(KeyCode::Char('r'))],
        action: Action::Reload,
        help: |k| k.reload.clone(),
        hint: None,
    },
    Binding {
        keys: &[key(KeyCode::Char('L'))],
        action: Action::SwitchLanguage,
        help: |k| k.language.clone(),
        hint: Some(|k| k.hint_language.clone()),
    },
    Binding {
        keys: &[key(KeyCode::Char('n'))],
        action: Action::ToggleNotes,
        help: |k| k.notes.clone(),
        hint: None,
    },
    Binding {
        keys: &[key(KeyCode::Char('?'))],
        action: Action::ToggleHelp,
        help: |k| k.help.clone(),
        hint: Some(|k| k.hint_help.clone()),
    },
    Binding {
        keys: &[key(KeyCode::Esc)],
        action: Action::CloseOverlay,
        help: |k| k.close.clone(),
        hint: None,
    },
    Binding {
        keys: &[(KeyCode::Char('z'), CTRL)],
        action: Action::Suspend,
        help: |k| k.suspend.clone(),
        hint: None,
    },
    Binding {
        keys: &[key(KeyCode::Char('q')), (KeyCode::Char('c'), CTRL)],
        action: Action::Quit,
        help: |k| k.quit.clone(),
        hint: Some(|k| k.hint_quit.clone()),
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

/// Adjacent bindings that say the same (`said` gives each binding's words, or None to
/// leave it out), as groups with their words.
fn merged(said: impl Fn(&Binding) -> Option<String>) -> Vec<(Vec<&'static Binding>, String)> {
    let mut groups: Vec<(Vec<&Binding>, String)> = Vec::new();
    for b in BINDINGS {
        let Some(text) = said(b) else { continue };
        match groups.last_mut() {
            Some((group, last)) if *last == text => group.push(b),
            _ => groups.push((vec![b], text)),
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

/// Whether a binding is offered: the language switch only where the other language can be
/// shown (`wide`: a UTF-8 terminal without `--ascii`).
fn offered(b: &Binding, wide: bool) -> bool {
    wide || b.action != Action::SwitchLanguage
}

/// Rows of the help overlay in the language of `words`: (keys, what they do). `wide`: see
/// [`offered`].
pub fn help_rows(words: &Keys, wide: bool) -> Vec<(String, String)> {
    merged(|b| offered(b, wide).then(|| (b.help)(words)))
        .into_iter()
        .map(|(g, help)| (group_keys(&g, true), help))
        .collect()
}

/// Items of the hint bar in the language of `words`: (keys, word). `wide`: see [`offered`].
pub fn hints(words: &Keys, wide: bool) -> Vec<(String, String)> {
    merged(|b| b.hint.filter(|_| offered(b, wide)).map(|hint| hint(words)))
        .into_iter()
        .map(|(g, word)| (group_keys(&g, false), word))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use gapdash_data::{Lang, builtin};

    fn words(lang: Lang) -> Keys {
        builtin().unwrap().i18n.get(lang).keys.clone()
    }

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
    fn capital_l_switches_language_and_l_moves_on() {
        let shift = KeyModifiers::SHIFT;
        assert_eq!(
            press(KeyCode::Char('L'), shift),
            Some(Action::SwitchLanguage)
        );
        assert_eq!(press(KeyCode::Char('l'), NONE), Some(Action::NextView));
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
        let hints = hints(&words(Lang::En), true);
        let hint = |k: &str, w: &str| (k.to_string(), w.to_string());
        assert_eq!(hints[0], hint("Tab", "next"));
        assert!(hints.contains(&hint("1–7", "view")));
        assert!(hints.contains(&hint("↑/↓", "move")));
        assert!(hints.contains(&hint("L", "中文")));
        assert!(hints.contains(&hint("q", "quit")));
        let hints = super::hints(&words(Lang::Zh), true);
        assert!(hints.contains(&hint("L", "English")));
        assert!(hints.contains(&hint("q", "退出")));
    }

    #[test]
    fn help_fits_the_smallest_frame_across() {
        for lang in Lang::ALL {
            let rows = help_rows(&words(lang), true);
            let width = |s: &str| crate::text::width(s);
            let keys = rows.iter().map(|(k, _)| width(k)).max().unwrap();
            let help = rows.iter().map(|(_, h)| width(h)).max().unwrap();
            // Popup: border and padding (4) + keys + 2 spaces + help, inside 60 columns.
            assert!(keys + 2 + help + 4 <= 58, "{lang:?}: {keys} + {help}");
        }
    }

    #[test]
    fn help_lists_every_binding() {
        let rows = help_rows(&words(Lang::En), true);
        let row = |k: &str, h: &str| (k.to_string(), h.to_string());
        assert!(rows.contains(&row("Tab → l", "next view (wraps to the first)")));
        assert!(rows.contains(&row("1–7", "jump to view 1–7")));
        assert!(rows.contains(&row("q Ctrl-C", "quit")));
        assert!(rows.contains(&row("↑ k / ↓ j", "previous / next quote or source")));
        assert!(rows.contains(&row("L", "English / 中文")));
        let rows = help_rows(&words(Lang::Zh), true);
        assert_eq!(rows.len(), help_rows(&words(Lang::En), true).len());
        let ascii = help_rows(&words(Lang::En), false);
        assert!(
            !ascii.iter().any(|(k, _)| k == "L"),
            "no switch where 中文 cannot show"
        );
        assert!(!hints(&words(Lang::En), false).iter().any(|(k, _)| k == "L"));
        assert!(rows.contains(&row("1–7", "跳到视图 1–7")));
    }

    #[test]
    fn readme_key_table_matches_the_bindings() {
        let readme = include_str!("../../../README.md").replace('`', "");
        for (keys, help) in help_rows(&words(Lang::En), true) {
            let row = format!("| {keys} | {help} |");
            assert!(readme.contains(&row), "README.md lacks the row {row}");
        }
    }
}
