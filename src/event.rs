//! The loop: blocks on terminal input, turns it into Actions, redraws when something changed.

use anyhow::Result;
use ratatui::crossterm::event::{self, Event, KeyEventKind};

use crate::app::App;
use crate::keys;
use crate::terminal::Tui;

pub fn run(terminal: &mut Tui, app: &mut App) -> Result<()> {
    draw(terminal, app)?;
    while app.running {
        let redraw = match event::read()? {
            Event::Key(key) if key.kind != KeyEventKind::Release => {
                keys::action_for(key).is_some_and(|action| app.update(action))
            }
            Event::Resize(..) => true,
            _ => false,
        };
        if redraw && app.running {
            draw(terminal, app)?;
        }
    }
    Ok(())
}

fn draw(terminal: &mut Tui, app: &App) -> Result<()> {
    terminal.draw(|frame| frame.render_widget(app, frame.area()))?;
    Ok(())
}
