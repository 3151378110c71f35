//! `--watch`: the data folder's files are looked at (modification time and length) at most
//! once a second, and read again when they change. Only the event loop of a watching
//! dashboard uses this; without `--watch` nothing wakes the loop but input.

use std::time::{Duration, Instant};

use gapdash_data::DataSource;
use gapdash_data::source::Stamp;

/// How often the folder is looked at.
pub const INTERVAL: Duration = Duration::from_secs(1);

pub struct Watch {
    stamp: Stamp,
    next_look: Instant,
}

impl Watch {
    /// Starts from the folder as it is `now`: the data on screen was just read from it.
    pub fn new(data: &DataSource, now: Instant) -> Watch {
        Watch {
            stamp: data.stamp(),
            next_look: now + INTERVAL,
        }
    }

    /// How long the loop may wait for input before the next look.
    pub fn timeout(&self, now: Instant) -> Duration {
        self.next_look.saturating_duration_since(now)
    }

    /// Notes a reload done elsewhere (the `r` key), so the same change is not read twice.
    pub fn reloaded(&mut self, stamp: Stamp) {
        self.stamp = stamp;
    }

    /// When a look is due: whether a file changed since the data on screen was read. The
    /// new stamp is taken before the caller reads the files, so a write that lands during
    /// the read is seen next time.
    pub fn look(&mut self, data: &DataSource, now: Instant) -> bool {
        if now < self.next_look {
            return false;
        }
        self.next_look = now + INTERVAL;
        let stamp = data.stamp();
        let changed = stamp != self.stamp;
        self.stamp = stamp;
        changed
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use gapdash_data::source::write_builtin;

    fn setup() -> (tempfile::TempDir, DataSource, Watch, Instant) {
        let dir = tempfile::tempdir().unwrap();
        write_builtin(dir.path(), false).unwrap();
        let data = DataSource::Dir(dir.path().to_path_buf());
        let now = Instant::now();
        let watch = Watch::new(&data, now);
        (dir, data, watch, now)
    }

    fn edit(dir: &tempfile::TempDir) {
        let path = dir.path().join("penetration.toml");
        let text = std::fs::read_to_string(&path).unwrap();
        // Longer text too, so the change shows even where mtimes are coarse.
        std::fs::write(&path, text + "\n").unwrap();
    }

    #[test]
    fn nothing_is_looked_at_before_the_interval() {
        let (dir, data, mut watch, now) = setup();
        edit(&dir);
        assert!(!watch.look(&data, now));
        assert_eq!(watch.timeout(now), INTERVAL);
    }

    #[test]
    fn a_change_is_seen_once() {
        let (dir, data, mut watch, now) = setup();
        assert!(!watch.look(&data, now + INTERVAL), "nothing changed yet");
        edit(&dir);
        assert!(watch.look(&data, now + 2 * INTERVAL));
        assert!(!watch.look(&data, now + 3 * INTERVAL), "seen once");
    }

    #[test]
    fn a_reload_elsewhere_is_not_seen_again() {
        let (dir, data, mut watch, now) = setup();
        edit(&dir);
        watch.reloaded(data.stamp());
        assert!(!watch.look(&data, now + INTERVAL));
    }
}
