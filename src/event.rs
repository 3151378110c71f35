//! The loop: waits for terminal input, a signal, or the next moment something must happen
//! (the app's timers, a look at the data folder with `--watch`; nothing when nothing moves),
//! turns what came into Actions, carries out the Effects `App::update` asks for (reading the
//! data files, suspending, quitting), and draws a frame after each turn. A frame that
//! changes nothing writes nothing.

use std::time::{Duration, Instant};

use anyhow::Result;

use crate::action::{Action, Effect};
use crate::app::App;
use crate::data::DataSource;
use crate::input;
use crate::terminal::Tui;
use crate::tty::{Input, Tty};
use crate::ui::Dashboard;
use crate::ui::theme::Theme;
use crate::watch::Watch;

/// Runs until the app asks to quit. `solid` draws full blocks as coloured cells (a terminal
/// with colour). `test_panic` (GAPDASH_TEST_PANIC=1, read in main.rs) panics right after the
/// first frame, for the end-to-end test of the panic hook.
pub fn run(
    tui: &mut Tui,
    app: &mut App,
    themes: &[Theme],
    data: &DataSource,
    watch: bool,
    solid: bool,
    test_panic: bool,
) -> Result<()> {
    let mut tty = Tty::new()?;
    let mut watch = watch.then(|| Watch::new(data, Instant::now()));
    let area = tui.area();
    let mut actions = vec![
        Action::Resize(area.width, area.height),
        Action::Tick(Instant::now()),
    ];
    let mut first = true;
    loop {
        for action in actions.drain(..) {
            match app.update(action) {
                Effect::None => {}
                Effect::Quit => return Ok(()),
                Effect::Suspend => tui.suspend()?,
                Effect::Reload => {
                    // Stamped before reading: a write that lands during the read is seen at
                    // the next look.
                    if let Some(w) = &mut watch {
                        w.reloaded(data.stamp());
                    }
                    app.update(Action::Loaded(Box::new(data.load())));
                }
            }
        }
        tui.draw(Dashboard::new(app, themes).solid(solid))?;
        if first && test_panic {
            panic!("GAPDASH_TEST_PANIC=1: panicking after the first frame, as asked");
        }
        first = false;

        let inputs = tty.wait(wait(app, watch.as_ref()))?;
        // The clock first, so an event is read against the app as it is now.
        let now = Instant::now();
        app.update(Action::Tick(now));
        for got in inputs {
            match got {
                Input::Event(event) => {
                    if let ratatui::crossterm::event::Event::Resize(width, height) = event {
                        tui.resize(width, height);
                    }
                    actions.extend(input::actions(&event, app));
                }
                Input::Stop => tui.suspend()?,
                Input::Continued => tui.resume()?,
                Input::Closed => return Ok(()),
            }
        }
        if let Some(w) = &mut watch
            && w.look(data, now)
        {
            actions.push(Action::Loaded(Box::new(data.load())));
        }
    }
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
