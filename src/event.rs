//! The loop: waits for terminal input or for the next moment something must happen (the
//! app's timers, a look at the data folder with `--watch`; nothing when nothing moves),
//! turns both into Actions, and redraws when something changed. It also does the one kind
//! of I/O `App::update` may not: reading the data files again, on `r` or when they change.

use std::time::{Duration, Instant};

use anyhow::Result;
use ratatui::crossterm::event::{self, Event, KeyEventKind, MouseButton, MouseEventKind};
use ratatui::layout::Rect;

use crate::action::Action;
use crate::app::App;
use crate::data::DataSource;
use crate::terminal::Tui;
use crate::watch::Watch;
use crate::{keys, ui};

/// Runs until the app quits. `test_panic` (GAPDASH_TEST_PANIC=1, read in main.rs) panics
/// right after the first frame, for the end-to-end test of the panic hook.
pub fn run(
    terminal: &mut Tui,
    app: &mut App,
    data: &DataSource,
    watch: bool,
    test_panic: bool,
) -> Result<()> {
    let mut watch = watch.then(|| Watch::new(data, Instant::now()));
    let size = terminal.size()?;
    app.update(Action::Resize(size.width, size.height));
    app.update(Action::Tick(Instant::now()));
    let mut area = draw(terminal, app)?;
    if test_panic {
        panic!("GAPDASH_TEST_PANIC=1: panicking after the first frame, as asked");
    }
    while app.running {
        let event = match wait(app, watch.as_ref()) {
            None => Some(event::read()?),
            Some(wait) if event::poll(wait)? => Some(event::read()?),
            Some(_) => None,
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
            Some(Event::Resize(width, height)) => {
                redraw = true;
                Some(Action::Resize(width, height))
            }
            _ => None,
        };
        if let Some(action) = action {
            redraw |= app.update(action);
        }
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
            area = draw(terminal, app)?;
        }
    }
    Ok(())
}

/// How long to wait for input: until the app's next timer or the next look at the data
/// folder, whichever is sooner; None to wait for input alone.
fn wait(app: &App, watch: Option<&Watch>) -> Option<Duration> {
    let now = Instant::now();
    let timer = app
        .next_wakeup()
        .map(|at| at.saturating_duration_since(now));
    let look = watch.map(|w| w.timeout(now));
    [timer, look].into_iter().flatten().min()
}

/// Draws one frame; returns the area drawn, for mouse hit-testing.
fn draw(terminal: &mut Tui, app: &App) -> Result<Rect> {
    let frame = terminal.draw(|frame| frame.render_widget(app, frame.area()))?;
    Ok(frame.area)
}
