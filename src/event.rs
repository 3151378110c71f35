//! The loop: blocks on terminal input, turns it into Actions, redraws when something changed.
//! It also does the one kind of I/O `App::update` may not: reading the data files again, on
//! `r` or, with `--watch`, when they change.

use std::time::Instant;

use anyhow::Result;
use ratatui::crossterm::event::{self, Event, KeyEventKind};

use crate::action::Action;
use crate::app::App;
use crate::data::DataSource;
use crate::keys;
use crate::terminal::Tui;
use crate::watch::Watch;

pub fn run(terminal: &mut Tui, app: &mut App, data: &DataSource, watch: bool) -> Result<()> {
    let mut watch = watch.then(|| Watch::new(data, Instant::now()));
    let size = terminal.size()?;
    app.update(Action::Resize(size.width, size.height));
    draw(terminal, app)?;
    while app.running {
        // Blocks until input; when watching, wakes at most once a second to look at the files.
        let event = match &watch {
            Some(w) if !event::poll(w.timeout(Instant::now()))? => None,
            _ => Some(event::read()?),
        };
        let mut redraw = match event {
            Some(Event::Key(key)) if key.kind != KeyEventKind::Release => {
                keys::action_for(key).is_some_and(|action| app.update(action))
            }
            Some(Event::Resize(width, height)) => {
                app.update(Action::Resize(width, height));
                true
            }
            _ => false,
        };
        if app.take_reload_request() {
            let stamp = data.stamp();
            redraw |= app.reloaded(data.load());
            if let Some(w) = &mut watch {
                w.reloaded(stamp);
            }
        }
        if let Some(w) = &mut watch {
            redraw |= w.tick(app, data, Instant::now());
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
