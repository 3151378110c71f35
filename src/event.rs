//! The loop: blocks on terminal input, turns it into Actions, redraws when something changed.
//! It also does the one kind of I/O `App::update` may not: reading the data files again on
//! `r`.

use anyhow::Result;
use ratatui::crossterm::event::{self, Event, KeyEventKind};

use crate::app::App;
use crate::data::DataSource;
use crate::keys;
use crate::terminal::Tui;

pub fn run(terminal: &mut Tui, app: &mut App, data: &DataSource) -> Result<()> {
    draw(terminal, app)?;
    while app.running {
        let mut redraw = match event::read()? {
            Event::Key(key) if key.kind != KeyEventKind::Release => {
                keys::action_for(key).is_some_and(|action| app.update(action))
            }
            Event::Resize(..) => true,
            _ => false,
        };
        if app.take_reload_request() {
            redraw |= app.reloaded(data.load());
        }
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
