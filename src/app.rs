//! App state and `update`: pure, no I/O, no terminal.

use clap::ValueEnum;

use crate::action::Action;
use crate::data::{LoadError, Report, SourceRow};

/// The six views, in the order the tabs show them. The names are the command line's.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, ValueEnum)]
pub enum View {
    Overview,
    Penetration,
    Sales,
    Quotes,
    World,
    Sources,
}

impl View {
    pub const ALL: [View; 6] = [
        View::Overview,
        View::Penetration,
        View::Sales,
        View::Quotes,
        View::World,
        View::Sources,
    ];

    pub fn index(self) -> usize {
        self as usize
    }

    /// The view numbered `n` (1-based, as the number keys and tabs show it).
    pub fn numbered(n: usize) -> Option<View> {
        n.checked_sub(1).and_then(|i| Self::ALL.get(i).copied())
    }

    pub fn title(self) -> &'static str {
        match self {
            View::Overview => "Overview",
            View::Penetration => "Penetration",
            View::Sales => "Rural sales",
            View::Quotes => "Quotes",
            View::World => "World",
            View::Sources => "Sources",
        }
    }

    fn wrapping_add(self, step: isize) -> View {
        let n = Self::ALL.len() as isize;
        Self::ALL[(self.index() as isize + step).rem_euclid(n) as usize]
    }

    fn saturating_add(self, step: isize) -> View {
        let last = Self::ALL.len() as isize - 1;
        Self::ALL[(self.index() as isize + step).clamp(0, last) as usize]
    }
}

#[derive(Debug, Clone)]
pub struct App {
    pub report: Report,
    /// Every figure with its source, built once from `report`.
    pub sources: Vec<SourceRow>,
    pub view: View,
    /// Index into `report.quotes` of the quote on screen.
    pub quote: usize,
    /// Index into `sources` of the selected row.
    pub source: usize,
    /// Lines the quote on screen is scrolled by, when it is taller than the screen.
    pub quote_scroll: u16,
    /// The terminal's size in cells, as last told (`Action::Resize`).
    pub size: (u16, u16),
    pub help: bool,
    pub running: bool,
    /// The line shown in place of the key hints, if any.
    pub status: Option<Status>,
    /// Set by `Action::Reload`; the event loop reads the files and calls `reloaded`.
    reload_requested: bool,
}

/// A one-line message about the data, shown in place of the key hints.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Status {
    /// A reload succeeded. Cleared by the next key (or, when watching, after a while).
    Reloaded,
    /// A reload failed and the last good data stays on screen: the first problem, as
    /// `file:line:column: message`. Cleared by Esc or the next good reload.
    Error(String),
}

impl App {
    pub fn new(report: Report, view: View) -> App {
        let sources = report.source_rows();
        App {
            report,
            sources,
            view,
            quote: 0,
            source: 0,
            quote_scroll: 0,
            size: (0, 0),
            help: false,
            running: true,
            status: None,
            reload_requested: false,
        }
    }

    /// Carries out one action. Returns whether anything on screen changed.
    pub fn update(&mut self, action: Action) -> bool {
        if let Action::Resize(width, height) = action {
            // Not a key: it closes nothing and clears no notice.
            self.size = (width, height);
            let scroll = self.quote_scroll;
            self.quote_scroll = scroll.min(self.quote_scroll_room());
            return self.quote_scroll != scroll;
        }
        let before = (
            self.view,
            self.quote,
            self.quote_scroll,
            self.source,
            self.help,
            self.running,
            self.status.clone(),
        );
        if self.status == Some(Status::Reloaded) {
            self.status = None;
        }
        if self.help && !matches!(action, Action::Quit | Action::ToggleHelp) {
            // Any other key closes help first; moving keys then act as usual.
            self.help = false;
            if action == Action::CloseOverlay {
                return true;
            }
        }
        match action {
            Action::NextView => self.view = self.view.wrapping_add(1),
            Action::PrevView => self.view = self.view.wrapping_add(-1),
            Action::Forward => self.view = self.view.saturating_add(1),
            Action::Back => self.view = self.view.saturating_add(-1),
            Action::Goto(view) => self.view = view,
            Action::FirstView => self.view = View::ALL[0],
            Action::LastView => self.view = View::ALL[View::ALL.len() - 1],
            Action::Up => self.step(-1),
            Action::Down => self.step(1),
            Action::ToggleHelp => self.help = !self.help,
            Action::CloseOverlay => self.status = None,
            Action::Reload => self.reload_requested = true,
            Action::Resize(..) => {}
            Action::Quit => self.running = false,
        }
        before
            != (
                self.view,
                self.quote,
                self.quote_scroll,
                self.source,
                self.help,
                self.running,
                self.status.clone(),
            )
    }

    /// Whether a reload was asked for since the last call. Reading files is the event
    /// loop's job, so `update` stays free of I/O.
    pub fn take_reload_request(&mut self) -> bool {
        std::mem::take(&mut self.reload_requested)
    }

    /// The result of reading the data again. Good data replaces the report, keeping the view
    /// and the position in it; bad data leaves the last good report on screen and shows the
    /// first problem. Returns whether anything on screen changed (always).
    pub fn reloaded(&mut self, result: Result<Report, LoadError>) -> bool {
        match result {
            Ok(report) => {
                self.sources = report.source_rows();
                self.report = report;
                self.quote = self.quote.min(self.report.quotes.len().saturating_sub(1));
                self.source = self.source.min(self.sources.len().saturating_sub(1));
                self.quote_scroll = self.quote_scroll.min(self.quote_scroll_room());
                self.status = Some(Status::Reloaded);
            }
            Err(e) => self.status = Some(Status::Error(e.summary())),
        }
        true
    }

    /// Clears a "reloaded" notice, leaving an error in place. Returns whether it did.
    pub fn expire_notice(&mut self) -> bool {
        let expire = self.status == Some(Status::Reloaded);
        if expire {
            self.status = None;
        }
        expire
    }

    /// Moves inside the current view, stopping at either end. A quote taller than the
    /// screen scrolls line by line first.
    fn step(&mut self, delta: isize) {
        if self.view == View::Quotes {
            let room = self.quote_scroll_room();
            if delta > 0 && self.quote_scroll < room {
                self.quote_scroll += 1;
                return;
            }
            if delta < 0 && self.quote_scroll > 0 {
                self.quote_scroll = self.quote_scroll.min(room).saturating_sub(1);
                return;
            }
        }
        let (index, len) = match self.view {
            View::Quotes => (&mut self.quote, self.report.quotes.len()),
            View::Sources => (&mut self.source, self.sources.len()),
            _ => return,
        };
        let last = len.saturating_sub(1) as isize;
        let moved = (*index as isize + delta).clamp(0, last) as usize;
        if moved != *index {
            *index = moved;
            self.quote_scroll = 0;
        }
    }

    /// How far the current quote can scroll at the current size.
    fn quote_scroll_room(&self) -> u16 {
        let (width, height) = self.size;
        crate::ui::quote_scroll_room(self, ratatui::layout::Rect::new(0, 0, width, height))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::data::builtin;

    fn app() -> App {
        App::new(builtin().unwrap(), View::Overview)
    }

    #[test]
    fn tab_wraps_around_both_ways() {
        let mut app = app();
        app.update(Action::PrevView);
        assert_eq!(app.view, View::Sources);
        app.update(Action::NextView);
        assert_eq!(app.view, View::Overview);
    }

    #[test]
    fn clicker_stops_at_first_and_last_view() {
        let mut app = app();
        assert!(!app.update(Action::Back));
        assert_eq!(app.view, View::Overview);
        for _ in 0..10 {
            app.update(Action::Forward);
        }
        assert_eq!(app.view, View::Sources);
        assert!(
            !app.update(Action::Forward),
            "an extra click changes nothing"
        );
    }

    #[test]
    fn esc_never_quits() {
        let mut app = app();
        app.update(Action::CloseOverlay);
        assert!(app.running);
        app.update(Action::ToggleHelp);
        app.update(Action::CloseOverlay);
        assert!(app.running);
        assert!(!app.help);
    }

    #[test]
    fn number_keys_and_home_end_jump() {
        let mut app = app();
        for (n, view) in View::ALL.iter().enumerate() {
            app.update(Action::Goto(View::numbered(n + 1).unwrap()));
            assert_eq!(app.view, *view);
        }
        assert_eq!(View::numbered(0), None);
        assert_eq!(View::numbered(7), None);
        app.update(Action::FirstView);
        assert_eq!(app.view, View::Overview);
        app.update(Action::LastView);
        assert_eq!(app.view, View::Sources);
    }

    #[test]
    fn quotes_move_and_stop_at_the_ends() {
        let mut app = app();
        app.update(Action::Goto(View::Quotes));
        app.update(Action::Up);
        assert_eq!(app.quote, 0);
        for _ in 0..20 {
            app.update(Action::Down);
        }
        assert_eq!(app.quote, app.report.quotes.len() - 1);
    }

    #[test]
    fn up_down_do_nothing_outside_lists() {
        let mut app = app();
        assert!(!app.update(Action::Down));
        assert_eq!((app.quote, app.source), (0, 0));
    }

    #[test]
    fn sources_scroll_within_rows() {
        let mut app = app();
        app.update(Action::Goto(View::Sources));
        for _ in 0..1000 {
            app.update(Action::Down);
        }
        assert_eq!(app.source, app.sources.len() - 1);
    }

    #[test]
    fn a_moving_key_closes_help_and_acts() {
        let mut app = app();
        app.update(Action::ToggleHelp);
        app.update(Action::NextView);
        assert!(!app.help);
        assert_eq!(app.view, View::Penetration);
    }

    #[test]
    fn q_quits_even_with_help_open() {
        let mut app = app();
        app.update(Action::ToggleHelp);
        app.update(Action::Quit);
        assert!(!app.running);
    }

    fn failed_load() -> LoadError {
        LoadError {
            problems: vec![
                crate::data::Problem::at(
                    "mydata/penetration.toml",
                    "x = 1\nrural_pct = 112.5\n",
                    18..23,
                    "rural_pct must be between 0 and 100, found 112.5",
                ),
                crate::data::Problem::file("mydata/quotes.toml", "file is empty"),
            ],
        }
    }

    #[test]
    fn r_asks_the_loop_to_reload_once() {
        let mut app = app();
        assert!(!app.take_reload_request());
        app.update(Action::Reload);
        assert!(app.take_reload_request());
        assert!(!app.take_reload_request());
    }

    #[test]
    fn a_good_reload_shows_new_figures_and_keeps_view_and_position() {
        let mut app = app();
        app.update(Action::Goto(View::Quotes));
        app.update(Action::Down);
        app.update(Action::Down);
        let mut report = builtin().unwrap();
        report.penetration.periods[4].rural_pct = 52.4;
        assert!(app.reloaded(Ok(report)));
        assert_eq!((app.view, app.quote), (View::Quotes, 2));
        assert_eq!(app.report.penetration.periods[4].rural_pct, 52.4);
        assert!(
            app.sources.iter().any(|r| r.value == "52.4 %"),
            "sources rebuilt"
        );
        assert_eq!(app.status, Some(Status::Reloaded));
    }

    #[test]
    fn a_reload_with_fewer_rows_keeps_the_position_inside_the_data() {
        let mut app = app();
        app.update(Action::Goto(View::Quotes));
        for _ in 0..7 {
            app.update(Action::Down);
        }
        let mut report = builtin().unwrap();
        report.quotes.truncate(2);
        app.reloaded(Ok(report));
        assert_eq!(app.quote, 1);
    }

    #[test]
    fn a_failed_reload_keeps_the_last_good_data_and_shows_the_first_problem() {
        let mut app = app();
        let before = app.report.clone();
        assert!(app.reloaded(Err(failed_load())));
        assert_eq!(app.report, before);
        assert_eq!(
            app.status,
            Some(Status::Error(
                "mydata/penetration.toml:2:13: rural_pct must be between 0 and 100, found 112.5 (and 1 more)"
                    .to_string()
            ))
        );
    }

    #[test]
    fn an_error_stays_until_esc_and_esc_never_quits() {
        let mut app = app();
        app.reloaded(Err(failed_load()));
        app.update(Action::NextView);
        app.update(Action::Down);
        assert!(matches!(app.status, Some(Status::Error(_))));
        assert!(app.update(Action::CloseOverlay));
        assert_eq!(app.status, None);
        assert!(app.running);
    }

    #[test]
    fn the_reloaded_notice_goes_with_the_next_key() {
        let mut app = app();
        app.reloaded(Ok(builtin().unwrap()));
        assert!(
            app.update(Action::Down),
            "clearing the notice is a change on screen"
        );
        assert_eq!(app.status, None);
    }

    #[test]
    fn only_the_notice_expires() {
        let mut app = app();
        app.reloaded(Ok(builtin().unwrap()));
        assert!(app.expire_notice());
        app.reloaded(Err(failed_load()));
        assert!(!app.expire_notice());
        assert!(matches!(app.status, Some(Status::Error(_))));
    }

    #[test]
    fn a_good_reload_replaces_an_error() {
        let mut app = app();
        app.reloaded(Err(failed_load()));
        app.reloaded(Ok(builtin().unwrap()));
        assert_eq!(app.status, Some(Status::Reloaded));
    }

    /// The app on the quotes view of an 80×24 terminal, the first quote `text`.
    fn long_quote(text: &str) -> App {
        let mut report = builtin().unwrap();
        report.quotes[0].text = text.to_string();
        let mut app = App::new(report, View::Quotes);
        app.update(Action::Resize(80, 24));
        app
    }

    #[test]
    fn a_long_quote_scrolls_line_by_line_before_the_next_quote() {
        let mut app = long_quote(&"The digital divide is wide. ".repeat(60));
        let room = crate::ui::quote_scroll_room(&app, ratatui::layout::Rect::new(0, 0, 80, 24));
        assert!(room > 5, "{room}");
        for n in 1..=room {
            assert!(app.update(Action::Down));
            assert_eq!((app.quote, app.quote_scroll), (0, n));
        }
        app.update(Action::Down);
        assert_eq!((app.quote, app.quote_scroll), (1, 0));
        app.update(Action::Up);
        assert_eq!(
            (app.quote, app.quote_scroll),
            (0, 0),
            "back at the top of the long quote"
        );
        app.update(Action::Down);
        app.update(Action::Down);
        app.update(Action::Up);
        assert_eq!((app.quote, app.quote_scroll), (0, 1));
    }

    #[test]
    fn a_bigger_terminal_takes_back_the_scroll_it_no_longer_needs() {
        let mut app = long_quote(&"数字鸿沟进一步缩小。".repeat(100));
        for _ in 0..5 {
            app.update(Action::Down);
        }
        assert_eq!((app.quote, app.quote_scroll), (0, 5));
        app.update(Action::Resize(200, 60));
        assert_eq!(app.quote_scroll, 0);
        app.update(Action::Down);
        assert_eq!(app.quote, 1, "it fits now, so ↓ moves on");
    }

    #[test]
    fn quotes_that_fit_do_not_scroll() {
        let mut app = App::new(builtin().unwrap(), View::Quotes);
        app.update(Action::Resize(80, 24));
        app.update(Action::Down);
        assert_eq!((app.quote, app.quote_scroll), (1, 0));
    }

    #[test]
    fn a_resize_closes_nothing_and_clears_no_notice() {
        let mut app = app();
        app.update(Action::ToggleHelp);
        app.reloaded(Ok(builtin().unwrap()));
        app.update(Action::Resize(100, 30));
        assert!(app.help);
        assert_eq!(app.status, Some(Status::Reloaded));
    }
}
