//! The loop: waits for terminal input or the next timer the app asks for (none when nothing
//! moves), turns both into Actions, and redraws when something changed.

use std::time::Instant;

use anyhow::Result;
use ratatui::crossterm::event::{self, Event, KeyEventKind, MouseButton, MouseEventKind};
use ratatui::layout::Rect;

use crate::action::Action;
use crate::app::App;
use crate::terminal::Tui;
use crate::{keys, ui};

pub fn run(terminal: &mut Tui, app: &mut App) -> Result<()> {
    app.update(Action::Tick(Instant::now()));
    let mut area = draw(terminal, app)?;
    while app.running {
        let event = match app.next_wakeup() {
            None => Some(event::read()?),
            Some(at) => {
                let wait = at.saturating_duration_since(Instant::now());
                if event::poll(wait)? {
                    Some(event::read()?)
                } else {
                    None
                }
            }
        };
        let mut redraw = app.update(Action::Tick(Instant::now()));
        let action = match event {
            Some(Event::Key(key)) if key.kind != KeyEventKind::Release => {
                Some(keys::action_for(key).unwrap_or(Action::OtherKey))
            }
            Some(Event::Mouse(mouse)) => match mouse.kind {
                MouseEventKind::Down(MouseButton::Left) => {
                    ui::tab_at(app, area, mouse.column, mouse.row).map(Action::Goto)
                }
                MouseEventKind::ScrollUp => Some(Action::Up),
                MouseEventKind::ScrollDown => Some(Action::Down),
                _ => None,
            },
            Some(Event::Resize(..)) => {
                redraw = true;
                None
            }
            _ => None,
        };
        if let Some(action) = action {
            redraw |= app.update(action);
        }
        if redraw && app.running {
            area = draw(terminal, app)?;
        }
    }
    Ok(())
}

/// Draws one frame; returns the area drawn, for mouse hit-testing.
fn draw(terminal: &mut Tui, app: &App) -> Result<Rect> {
    let frame = terminal.draw(|frame| frame.render_widget(app, frame.area()))?;
    Ok(frame.area)
}
