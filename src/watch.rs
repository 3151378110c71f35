//! `--watch`: the data folder's files are looked at (modification time and length) at most
//! once a second, and reloaded when they change. Only the event loop of a watching dashboard
//! uses this; without `--watch` nothing wakes the loop but input.

use std::time::{Duration, Instant};

use crate::app::{App, Status};
use crate::data::DataSource;
use crate::data::source::Stamp;

/// How often the folder is looked at.
pub const INTERVAL: Duration = Duration::from_secs(1);
/// How long "reloaded" stays when no key clears it.
pub const NOTICE: Duration = Duration::from_secs(2);

pub struct Watch {
    stamp: Stamp,
    next_look: Instant,
    /// When the "reloaded" notice on screen was first seen here.
    notice_since: Option<Instant>,
}

impl Watch {
    /// Starts from the folder as it is `now`: the data on screen was just read from it.
    pub fn new(data: &DataSource, now: Instant) -> Watch {
        Watch {
            stamp: data.stamp(),
            next_look: now + INTERVAL,
            notice_since: None,
        }
    }

    /// How long the loop may wait for input before the next look.
    pub fn timeout(&self, now: Instant) -> Duration {
        self.next_look.saturating_duration_since(now)
    }

    /// Notes a reload done elsewhere (the `r` key), so the same change is not read twice.
    pub fn reloaded(&mut self, stamp: Stamp) {
        self.stamp = stamp;
        self.notice_since = None;
    }

    /// When a look is due: reloads if a file changed, and lets an old "reloaded" notice go.
    /// Returns whether anything on screen changed.
    pub fn tick(&mut self, app: &mut App, data: &DataSource, now: Instant) -> bool {
        if now < self.next_look {
            return false;
        }
        self.next_look = now + INTERVAL;
        let stamp = data.stamp();
        if stamp != self.stamp {
            // Stamped before reading: a write that lands during the read is seen next time.
            self.reloaded(stamp);
            return app.reloaded(data.load());
        }
        match (&app.status, self.notice_since) {
            (Some(Status::Reloaded), None) => self.notice_since = Some(now),
            (Some(Status::Reloaded), Some(since)) if now - since >= NOTICE => {
                self.notice_since = None;
                return app.expire_notice();
            }
            (Some(Status::Reloaded), Some(_)) => {}
            _ => self.notice_since = None,
        }
        false
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::app::View;
    use crate::data::source::write_builtin;

    fn setup() -> (tempfile::TempDir, DataSource, App, Watch, Instant) {
        let dir = tempfile::tempdir().unwrap();
        write_builtin(dir.path(), false).unwrap();
        let data = DataSource::Dir(dir.path().to_path_buf());
        let app = App::new(data.load().unwrap(), View::Penetration);
        let now = Instant::now();
        let watch = Watch::new(&data, now);
        (dir, data, app, watch, now)
    }

    fn edit(dir: &tempfile::TempDir, from: &str, to: &str) {
        let path = dir.path().join("penetration.toml");
        let text = std::fs::read_to_string(&path).unwrap();
        // Longer text too, so the change shows even where mtimes are coarse.
        std::fs::write(&path, text.replace(from, to) + "\n").unwrap();
    }

    #[test]
    fn nothing_happens_before_the_interval() {
        let (dir, data, mut app, mut watch, now) = setup();
        edit(&dir, "rural_pct = 30.1", "rural_pct = 30.2");
        assert!(!watch.tick(&mut app, &data, now));
        assert_eq!(watch.timeout(now), INTERVAL);
        assert_eq!(app.report.penetration.periods[0].rural_pct, 30.1);
    }

    #[test]
    fn a_changed_file_is_reloaded_once() {
        let (dir, data, mut app, mut watch, now) = setup();
        edit(&dir, "rural_pct = 30.1", "rural_pct = 30.2");
        assert!(watch.tick(&mut app, &data, now + INTERVAL));
        assert_eq!(app.report.penetration.periods[0].rural_pct, 30.2);
        assert_eq!(app.status, Some(Status::Reloaded));
        assert!(
            !watch.tick(&mut app, &data, now + 2 * INTERVAL),
            "read once"
        );
    }

    #[test]
    fn a_broken_file_keeps_the_old_figure_and_shows_where() {
        let (dir, data, mut app, mut watch, now) = setup();
        edit(&dir, "rural_pct = 30.1", "rural_pct = 112.5");
        watch.tick(&mut app, &data, now + INTERVAL);
        assert_eq!(app.report.penetration.periods[0].rural_pct, 30.1);
        let Some(Status::Error(message)) = &app.status else {
            panic!("{:?}", app.status);
        };
        assert!(
            message.ends_with(
                "/penetration.toml:15:13: rural_pct must be between 0 and 100, found 112.5"
            ),
            "{message}"
        );
    }

    #[test]
    fn the_notice_goes_after_a_while_the_error_stays() {
        let (_dir, data, mut app, mut watch, now) = setup();
        app.reloaded(data.load());
        assert!(!watch.tick(&mut app, &data, now + INTERVAL));
        assert!(!watch.tick(&mut app, &data, now + 2 * INTERVAL));
        assert!(watch.tick(&mut app, &data, now + 3 * INTERVAL));
        assert_eq!(app.status, None);
        app.status = Some(Status::Error("x".into()));
        for n in 4..10 {
            assert!(!watch.tick(&mut app, &data, now + n * INTERVAL));
        }
        assert!(app.status.is_some());
    }
}
