//! Terminal events → Actions: the one pure mapping, used by the event loop and by the
//! property tests alike. Keys go through the key table; a click on a tab opens it; the wheel
//! moves through quotes and sources; a paste does nothing.

use ratatui::crossterm::event::{
    Event, KeyCode, KeyEvent, KeyEventKind, KeyModifiers, MouseButton, MouseEventKind,
};

use crate::action::Action;
use crate::app::App;
use crate::{keys, layout};

/// The actions an event asks for, in order, given the app as it is now.
///
/// Terminals send Alt+key as Esc followed by the key, and an Esc pressed just before a key
/// arrives the same way; no binding uses Alt, so such a key acts as the two keys it may
/// have been: Esc, then the key. A pasted text is not typing: it does nothing, so a stray
/// paste cannot switch views, blank the screen or quit.
pub fn actions(event: &Event, app: &App) -> Vec<Action> {
    match event {
        Event::Key(key)
            if key.modifiers.contains(KeyModifiers::ALT)
                && key.kind != KeyEventKind::Release
                && keys::action_for(*key).is_none() =>
        {
            let esc = KeyEvent::new(KeyCode::Esc, KeyModifiers::NONE);
            let plain = KeyEvent::new(key.code, key.modifiers - KeyModifiers::ALT);
            [esc, plain]
                .into_iter()
                .filter_map(|k| action(&Event::Key(k), app))
                .collect()
        }
        _ => action(event, app).into_iter().collect(),
    }
}

/// The one action an event asks for, if any.
fn action(event: &Event, app: &App) -> Option<Action> {
    match event {
        Event::Key(key) if key.kind != KeyEventKind::Release => {
            Some(keys::action_for(*key).unwrap_or(Action::OtherKey))
        }
        Event::Mouse(mouse) => match mouse.kind {
            MouseEventKind::Down(MouseButton::Left) => {
                clicked_tab(app, mouse.column, mouse.row).map(Action::Goto)
            }
            MouseEventKind::ScrollUp => Some(Action::Up),
            MouseEventKind::ScrollDown => Some(Action::Down),
            _ => None,
        },
        Event::Resize(width, height) => Some(Action::Resize(*width, *height)),
        _ => None,
    }
}

/// The view whose tab is at (x, y), when the title bar with its tabs is on screen.
fn clicked_tab(app: &App, x: u16, y: u16) -> Option<crate::view::View> {
    let stage = app.stage_area();
    if app.present() || app.blank() || !layout::fits(stage) {
        return None;
    }
    let [bar, _, _] = layout::frame_rows(stage);
    let autoplay = app
        .autoplay()
        .map(|a| layout::autoplay_label(app.strings(), a.every, a.paused));
    let room = layout::tabs_room(bar.width, autoplay.as_deref());
    (y == bar.y).then(|| layout::tab_at(app.view(), app.strings(), bar, room, x))?
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::view::View;
    use gapdash_data::builtin;
    use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyEventState, KeyModifiers, MouseEvent};

    fn app_at(width: u16, height: u16) -> App {
        let mut app = App::new(builtin().expect("built-in data"), View::Overview);
        let _ = app.update(Action::Resize(width, height));
        app
    }

    fn click(column: u16, row: u16) -> Event {
        Event::Mouse(MouseEvent {
            kind: MouseEventKind::Down(MouseButton::Left),
            column,
            row,
            modifiers: KeyModifiers::NONE,
        })
    }

    #[test]
    fn keys_go_through_the_table_and_releases_do_nothing() {
        let app = app_at(100, 30);
        let tab = KeyEvent::new(KeyCode::Tab, KeyModifiers::NONE);
        assert_eq!(actions(&Event::Key(tab), &app), [Action::NextView]);
        let x = KeyEvent::new(KeyCode::Char('x'), KeyModifiers::NONE);
        assert_eq!(actions(&Event::Key(x), &app), [Action::OtherKey]);
        let release = KeyEvent {
            kind: KeyEventKind::Release,
            state: KeyEventState::NONE,
            ..tab
        };
        assert_eq!(actions(&Event::Key(release), &app), []);
    }

    #[test]
    fn alt_and_a_key_act_as_esc_then_the_key() {
        let app = app_at(100, 30);
        let alt_5 = KeyEvent::new(KeyCode::Char('5'), KeyModifiers::ALT);
        assert_eq!(
            actions(&Event::Key(alt_5), &app),
            [Action::CloseOverlay, Action::Goto(View::World)]
        );
        let alt_f5 = KeyEvent::new(KeyCode::F(5), KeyModifiers::ALT);
        assert_eq!(
            actions(&Event::Key(alt_f5), &app),
            [Action::CloseOverlay, Action::TogglePresent]
        );
    }

    #[test]
    fn a_paste_does_nothing() {
        let app = app_at(100, 30);
        assert_eq!(actions(&Event::Paste("tbr123q".into()), &app), []);
    }

    #[test]
    fn a_click_on_a_tab_opens_it_and_elsewhere_does_nothing() {
        let app = app_at(100, 30);
        let x = layout::NAME.len() as u16 + crate::text::width(" 1 Overview ") as u16 + 1;
        assert_eq!(
            action(&click(x, 0), &app),
            Some(Action::Goto(View::Penetration))
        );
        assert_eq!(actions(&click(x, 1), &app), []);
        assert_eq!(actions(&click(0, 0), &app), []);
    }

    #[test]
    fn tabs_are_not_clickable_when_not_shown() {
        let mut app = app_at(100, 30);
        let _ = app.update(Action::TogglePresent);
        assert_eq!(actions(&click(20, 0), &app), []);
        assert_eq!(actions(&click(20, 0), &app_at(50, 10)), []);
    }

    #[test]
    fn resizes_and_the_wheel_become_actions() {
        let app = app_at(100, 30);
        assert_eq!(
            action(&Event::Resize(80, 24), &app),
            Some(Action::Resize(80, 24))
        );
        let wheel = Event::Mouse(MouseEvent {
            kind: MouseEventKind::ScrollDown,
            column: 0,
            row: 0,
            modifiers: KeyModifiers::NONE,
        });
        assert_eq!(actions(&wheel, &app), [Action::Down]);
    }
}
