//! App state and `update`: pure, no I/O, no terminal. Time comes in through `Action::Tick`,
//! so timers, autoplay and animation are tested without sleeping; what the loop must do
//! (read the files, quit) comes back as an [`Effect`].

use std::sync::{Arc, OnceLock};
use std::time::{Duration, Instant};

use ratatui::layout::Rect;

pub use crate::action::{Action, Effect};
use crate::layout;
pub use crate::view::View;
use gapdash_data::{Lang, LoadError, Report, SourceRow, Strings};

/// How long bars take to grow to their value.
pub const ANIMATION: Duration = Duration::from_millis(300);
/// Frame interval while bars grow.
pub const FRAME: Duration = Duration::from_millis(16);
/// The talk timer turns to the warning colour when this much time is left.
pub const TALK_WARNING: Duration = Duration::from_secs(120);
/// How long "data reloaded" stays when no key clears it.
pub const NOTICE: Duration = Duration::from_secs(2);
/// The shortest autoplay interval.
const MIN_AUTOPLAY: Duration = Duration::from_millis(100);

/// How the dashboard was started: the command line's choices, resolved.
#[derive(Debug, Clone)]
pub struct Options {
    pub view: View,
    pub present: bool,
    /// Talk length: the timer counts down from it instead of up.
    pub talk: Option<Duration>,
    pub autoplay: Option<Duration>,
    pub animation: bool,
    pub ascii: bool,
    /// Draw in a fixed W×H area centred in the terminal.
    pub stage: Option<(u16, u16)>,
    /// How many themes `t` cycles through (the draw side holds them); the first is used at
    /// start.
    pub themes: usize,
    /// The language asked for (`--lang`, or the locale's).
    pub lang: Lang,
}

impl Options {
    pub fn new(view: View) -> Options {
        Options {
            view,
            present: false,
            talk: None,
            autoplay: None,
            animation: true,
            ascii: false,
            stage: None,
            themes: 1,
            lang: Lang::En,
        }
    }
}

/// Autoplay: the next step is due at `due` unless paused.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Autoplay {
    pub every: Duration,
    pub paused: bool,
    pub due: Instant,
}

/// A one-line message about the data, shown in place of the key hints.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Status {
    /// A reload succeeded; `stale` notes state figures the new data no longer holds.
    /// Cleared by the next key, or after [`NOTICE`].
    Reloaded { stale: usize },
    /// Something about the consoles, in words (a message dropped). Cleared as `Reloaded` is.
    Notice(String),
    /// A reload failed and the last good data stays on screen: the first problem, as
    /// `file:line:column: message`. Cleared by Esc or the next good reload.
    Error(String),
    /// Chinese was asked for, but the terminal cannot show it (`--ascii`, or a locale
    /// without UTF-8): the dashboard stays in English and says so, in English. Cleared by
    /// the next key.
    NoWideText,
}

impl Status {
    /// Whether the line goes by itself (after [`NOTICE`], or with the next key), as news
    /// does; an error stays until it is dismissed or mended.
    pub fn passing(&self) -> bool {
        matches!(
            self,
            Status::Reloaded { .. } | Status::NoWideText | Status::Notice(_)
        )
    }
}

/// The talk timer at one moment: the dashboard's and the console's, shown alike.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct TalkTimer {
    pub elapsed: Duration,
    /// The talk's length (`--talk`): the timer counts down from it.
    pub talk: Option<Duration>,
}

impl TalkTimer {
    /// Elapsed time as mm:ss, or with a talk length, the time left (negative once over).
    pub fn text(&self) -> String {
        let elapsed = self.elapsed.as_secs();
        let (sign, secs) = match self.talk {
            None => ("", elapsed),
            Some(talk) if elapsed <= talk.as_secs() => ("", talk.as_secs() - elapsed),
            Some(talk) => ("-", elapsed - talk.as_secs()),
        };
        format!("{sign}{:02}:{:02}", secs / 60, secs % 60)
    }

    /// Whether the warning colour is on: the last two minutes of a talk, or over.
    pub fn warning(&self) -> bool {
        self.talk
            .is_some_and(|talk| self.elapsed + TALK_WARNING >= talk)
    }
}

#[derive(Debug, Clone)]
pub struct App {
    /// Shared, so a copy of the app (a frame drawn ahead) costs no copy of the data.
    report: Arc<Report>,
    /// Every figure with its source, built from `report` in the language on screen when
    /// first asked for (not before the first frame, which seldom shows them), and shared by
    /// the app's copies.
    sources: Arc<OnceLock<Vec<SourceRow>>>,
    /// The language on screen.
    lang: Lang,
    view: View,
    /// Index into `report.quotes` of the quote on screen.
    quote: usize,
    /// Index into `sources` of the selected row.
    source: usize,
    /// Lines the quote on screen is scrolled by, when it is taller than the screen.
    quote_scroll: u16,
    /// The terminal's size in cells, as last told (`Action::Resize`): how far a quote can
    /// scroll depends on it.
    size: (u16, u16),
    help: bool,
    /// The speaker's notes are shown under the dashboard.
    notes: bool,
    /// Rows the help overlay is scrolled by, when it is taller than the screen.
    help_scroll: u16,
    /// Lines the notes panel is scrolled by, when the notes are taller than it.
    notes_scroll: u16,
    present: bool,
    blank: bool,
    /// Which of the draw side's themes is in use.
    theme: usize,
    themes: usize,
    ascii: bool,
    stage: Option<(u16, u16)>,
    /// The time of the last Tick.
    now: Instant,
    timer_start: Instant,
    talk: Option<Duration>,
    autoplay: Option<Autoplay>,
    animation: bool,
    /// When the bars on screen started growing; None when nothing moves.
    revealing_since: Option<Instant>,
    /// The line shown in place of the key hints, if any, and since when.
    status: Option<(Status, Instant)>,
}

impl App {
    /// The dashboard with default options, its clock started now.
    pub fn new(report: Report, view: View) -> App {
        App::with_options(report, Options::new(view), Instant::now())
    }

    pub fn with_options(report: Report, options: Options, now: Instant) -> App {
        // Chinese needs a terminal that can show it; otherwise English, and a notice.
        let shown = |lang: Lang| !(lang.needs_wide_text() && options.ascii);
        let lang = if shown(options.lang) {
            options.lang
        } else {
            Lang::En
        };
        let mut app = App {
            report: report.into(),
            sources: Arc::default(),
            lang,
            view: options.view,
            quote: 0,
            source: 0,
            quote_scroll: 0,
            size: (0, 0),
            help: false,
            notes: false,
            help_scroll: 0,
            notes_scroll: 0,
            present: options.present,
            blank: false,
            theme: 0,
            themes: options.themes.max(1),
            ascii: options.ascii,
            stage: options.stage,
            now,
            timer_start: now,
            talk: options.talk,
            autoplay: options.autoplay.map(|every| {
                let every = every.max(MIN_AUTOPLAY);
                Autoplay {
                    every,
                    paused: false,
                    due: now + every,
                }
            }),
            animation: options.animation,
            revealing_since: None,
            status: (lang != options.lang).then_some((Status::NoWideText, now)),
        };
        app.start_revealing();
        app
    }

    pub fn report(&self) -> &Report {
        &self.report
    }

    /// The language on screen.
    pub fn lang(&self) -> Lang {
        self.lang
    }

    /// The dashboard's words in the language on screen.
    pub fn strings(&self) -> &Strings {
        self.report.i18n.get(self.lang)
    }

    /// Every figure shown anywhere, with its source, in the order the views show them.
    pub fn sources(&self) -> &[SourceRow] {
        self.sources
            .get_or_init(|| self.report.source_rows(self.strings()))
    }

    pub fn view(&self) -> View {
        self.view
    }

    /// Index of the quote on screen in the quotes view.
    pub fn quote(&self) -> usize {
        self.quote
    }

    /// Index of the selected row in the sources view.
    pub fn source(&self) -> usize {
        self.source
    }

    /// Lines the quote on screen is scrolled by.
    pub fn quote_scroll(&self) -> u16 {
        self.quote_scroll
    }

    /// The terminal's size as last told.
    pub fn size(&self) -> (u16, u16) {
        self.size
    }

    pub fn help(&self) -> bool {
        self.help
    }

    /// Whether the speaker's notes are shown under the dashboard.
    pub fn notes(&self) -> bool {
        self.notes
    }

    /// Rows the help overlay is scrolled by.
    pub fn help_scroll(&self) -> u16 {
        self.help_scroll
    }

    /// Lines the notes panel is scrolled by.
    pub fn notes_scroll(&self) -> u16 {
        self.notes_scroll
    }

    pub fn present(&self) -> bool {
        self.present
    }

    pub fn blank(&self) -> bool {
        self.blank
    }

    /// Which of the themes `t` cycles through is in use.
    pub fn theme_index(&self) -> usize {
        self.theme
    }

    pub fn ascii(&self) -> bool {
        self.ascii
    }

    /// The `--stage` size, if any.
    pub fn stage(&self) -> Option<(u16, u16)> {
        self.stage
    }

    pub fn autoplay(&self) -> Option<Autoplay> {
        self.autoplay
    }

    /// The status line, if one is showing.
    pub fn status(&self) -> Option<&Status> {
        self.status.as_ref().map(|(s, _)| s)
    }

    /// Carries out one action and says what the event loop must do next. The loop draws a
    /// frame after every update; a frame that changes nothing sends nothing.
    pub fn update(&mut self, action: Action) -> Effect {
        match action {
            Action::Tick(now) => {
                self.tick(now);
                return Effect::None;
            }
            Action::Resize(width, height) => {
                // Not a key: it closes nothing and clears no notice.
                self.size = (width, height);
                self.clamp_scroll();
                return Effect::None;
            }
            Action::Loaded(result) => {
                self.loaded(*result);
                return Effect::None;
            }
            Action::Notice(text) => {
                // An error about the data says more and stays until it is dismissed.
                if !matches!(self.status(), Some(Status::Error(_))) {
                    self.status = Some((Status::Notice(text), self.now));
                }
                return Effect::None;
            }
            _ => {}
        }
        if self.status().is_some_and(Status::passing) {
            self.status = None;
        }
        match action {
            Action::Quit => return Effect::Quit,
            // Nothing changes: the same screen comes back on `fg`.
            Action::Suspend => return Effect::Suspend,
            _ => {}
        }
        self.restart_autoplay();
        if self.blank {
            // Any key brings the view back, and does nothing else (as in PowerPoint).
            self.blank = false;
            return Effect::None;
        }
        if self.help && matches!(action, Action::Up | Action::Down) {
            // Help taller than the screen scrolls; help that fits closes and lets them act.
            let room = self.help_scroll_room();
            if room > 0 {
                let step = if action == Action::Down { 1 } else { -1 };
                self.help_scroll = (self.help_scroll as i32 + step).clamp(0, room as i32) as u16;
                return Effect::None;
            }
        }
        if self.help && action != Action::ToggleHelp {
            // Any other key closes help first; moving keys then act as usual.
            self.help = false;
            if action == Action::CloseOverlay {
                return Effect::None;
            }
        }
        // Notes taller than their panel scroll first, as in the console; at either end ↑/↓
        // act as usual.
        if self.notes && matches!(action, Action::Up | Action::Down) {
            let room = self.notes_scroll_room();
            if action == Action::Down && self.notes_scroll < room {
                self.notes_scroll += 1;
                return Effect::None;
            }
            if action == Action::Up && self.notes_scroll > 0 {
                self.notes_scroll = self.notes_scroll.min(room).saturating_sub(1);
                return Effect::None;
            }
        }
        let (view, quote) = (self.view, self.quote);
        let mut effect = Effect::None;
        match action {
            Action::NextView => self.view = self.view.wrapping_add(1),
            Action::PrevView => self.view = self.view.wrapping_add(-1),
            Action::Forward => self.view = self.view.saturating_add(1),
            Action::Back => self.view = self.view.saturating_add(-1),
            Action::Goto(view) => self.view = view,
            Action::FirstView => self.view = View::first(),
            Action::LastView => self.view = View::last(),
            Action::Up => self.step(-1),
            Action::Down => self.step(1),
            Action::ToggleHelp => {
                self.help = !self.help;
                self.help_scroll = 0;
            }
            Action::ToggleNotes => {
                self.notes = !self.notes;
                self.notes_scroll = 0;
            }
            // Esc: help was closed above; next the status line, then presentation mode.
            Action::CloseOverlay if self.status.is_some() => self.status = None,
            Action::CloseOverlay => self.present = false,
            Action::Reload => effect = Effect::Reload,
            Action::SwitchLanguage => self.switch_language(),
            Action::TogglePresent => {
                self.present = !self.present;
                self.start_revealing();
            }
            Action::Blank => self.blank = true,
            Action::NextTheme => self.theme = (self.theme + 1) % self.themes,
            Action::ResetTimer => self.timer_start = self.now,
            Action::ToggleAutoplay => {
                if let Some(auto) = &mut self.autoplay {
                    auto.paused = !auto.paused;
                }
            }
            Action::OtherKey => {}
            Action::Quit
            | Action::Suspend
            | Action::Tick(_)
            | Action::Resize(..)
            | Action::Loaded(_)
            | Action::Notice(_) => {}
        }
        if self.view != view {
            self.start_revealing();
        }
        // Other notes start at their top.
        if (self.view, self.quote) != (view, quote) || action == Action::SwitchLanguage {
            self.notes_scroll = 0;
        }
        // Presentation mode's margins differ from the frame's, and so does how far a long
        // quote can scroll.
        self.clamp_scroll();
        effect
    }

    fn tick(&mut self, now: Instant) {
        self.now = now.max(self.now);
        if self
            .revealing_since
            .is_some_and(|since| self.now >= since + ANIMATION)
        {
            self.revealing_since = None;
        }
        if self
            .status
            .as_ref()
            .is_some_and(|(s, since)| s.passing() && self.now >= *since + NOTICE)
        {
            self.status = None;
        }
        let Some(auto) = self.autoplay else { return };
        if auto.paused || self.blank || self.help || self.now < auto.due {
            return;
        }
        self.autoplay_step();
        if let Some(a) = &mut self.autoplay {
            // Due again one interval after this step; a late wake-up does not bunch steps.
            let next = a.due + a.every;
            a.due = if next > self.now {
                next
            } else {
                self.now + a.every
            };
        }
    }

    /// One autoplay step: the next quote while there are quotes left, else the next view,
    /// looping from the last view to the first. Each quote starts at its top, as with ↓.
    fn autoplay_step(&mut self) {
        // Every step brings other notes, which start at their top.
        self.notes_scroll = 0;
        if self.view == View::Quotes && self.quote + 1 < self.report.quotes.len() {
            self.quote += 1;
            self.quote_scroll = 0;
            return;
        }
        self.view = self.view.wrapping_add(1);
        if self.view == View::Quotes {
            self.quote = 0;
            self.quote_scroll = 0;
        }
        self.start_revealing();
    }

    /// After any key, autoplay waits a whole interval again.
    fn restart_autoplay(&mut self) {
        if let Some(a) = &mut self.autoplay {
            a.due = self.now + a.every;
        }
    }

    /// Bars grow in on a chart view in presentation mode, when animation is on.
    fn start_revealing(&mut self) {
        self.revealing_since =
            (self.animation && self.present && self.view.has_chart()).then_some(self.now);
    }

    /// How far the bars on screen have grown in, 0.0 to 1.0 (eased, so they slow down as
    /// they arrive): 1.0 whenever nothing is growing.
    pub fn reveal(&self) -> f64 {
        match self.revealing_since {
            None => 1.0,
            Some(since) => {
                let t = (self.now.saturating_duration_since(since).as_secs_f64()
                    / ANIMATION.as_secs_f64())
                .clamp(0.0, 1.0);
                1.0 - (1.0 - t).powi(3)
            }
        }
    }

    /// The talk timer is on screen in presentation mode, unless the screen is blank.
    pub fn timer_visible(&self) -> bool {
        self.present && !self.blank
    }

    /// The talk timer as of the last tick.
    pub fn talk_timer(&self) -> TalkTimer {
        TalkTimer {
            elapsed: self.now.saturating_duration_since(self.timer_start),
            talk: self.talk,
        }
    }

    /// The time of the last tick: the moment the screen is drawn for.
    pub fn now(&self) -> Instant {
        self.now
    }

    /// When the talk timer started (or was last reset).
    pub fn timer_start(&self) -> Instant {
        self.timer_start
    }

    /// Elapsed time as mm:ss, or with `--talk`, the time left (negative once over).
    pub fn timer_text(&self) -> String {
        self.talk_timer().text()
    }

    /// Whether the timer shows the warning colour: the last two minutes of a talk, or over.
    pub fn timer_warning(&self) -> bool {
        self.talk_timer().warning()
    }

    /// When the loop must wake up without input: the next timer second while the timer is
    /// visible (and the moment the warning colour comes on), the next autoplay step, the
    /// next animation frame, the end of a notice. None: sleep until input.
    pub fn next_wakeup(&self) -> Option<Instant> {
        let timer = self.timer_visible().then(|| {
            let elapsed = self.now.saturating_duration_since(self.timer_start);
            let second = self.timer_start + Duration::from_secs(elapsed.as_secs() + 1);
            let warning = self
                .talk
                .and_then(|talk| talk.checked_sub(TALK_WARNING))
                .map(|at| self.timer_start + at)
                .filter(|at| *at > self.now);
            warning.map_or(second, |w| w.min(second))
        });
        let autoplay = self
            .autoplay
            .filter(|a| !a.paused && !self.blank && !self.help)
            .map(|a| a.due);
        let frame = self.revealing_since.map(|_| self.now + FRAME);
        let notice = self
            .status
            .as_ref()
            .filter(|(s, _)| s.passing())
            .map(|(_, since)| *since + NOTICE);
        [timer, autoplay, frame, notice].into_iter().flatten().min()
    }

    /// The data files as read again. Good data replaces the report, keeping the view and
    /// the position in it; bad data leaves the last good report on screen and shows the
    /// first problem.
    fn loaded(&mut self, result: Result<Report, LoadError>) {
        let status = match result {
            Ok(report) => {
                let stale = crate::notes::stale_count(&report);
                self.report = Arc::new(report);
                self.sources = Arc::default();
                self.quote = self.quote.min(self.report.quotes.len().saturating_sub(1));
                self.source = self.source.min(self.sources().len().saturating_sub(1));
                self.clamp_scroll();
                Status::Reloaded { stale }
            }
            Err(e) => Status::Error(e.summary()),
        };
        self.status = Some((status, self.now));
    }

    /// English to Chinese or back; the view, the quote, the selected source and the timer
    /// stay. A terminal that cannot show Chinese keeps English and says why.
    fn switch_language(&mut self) {
        let to = self.lang.other();
        if to.needs_wide_text() && self.ascii {
            self.status = Some((Status::NoWideText, self.now));
            return;
        }
        self.lang = to;
        self.sources = Arc::default();
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
        let len = match self.view {
            View::Quotes => self.report.quotes.len(),
            View::Sources => self.sources().len(),
            _ => return,
        };
        let index = match self.view {
            View::Quotes => &mut self.quote,
            _ => &mut self.source,
        };
        let last = len.saturating_sub(1) as isize;
        let moved = (*index as isize + delta).clamp(0, last) as usize;
        if moved != *index {
            *index = moved;
            self.quote_scroll = 0;
        }
    }

    /// Where the dashboard draws at the current size: the `--stage` area, above the notes
    /// panel when it has room there.
    pub fn stage_area(&self) -> Rect {
        let (width, height) = self.size;
        layout::stage_and_notes(Rect::new(0, 0, width, height), self.stage, self.notes).0
    }

    /// How far the current quote can scroll at the current size and mode.
    pub fn quote_scroll_room(&self) -> u16 {
        let stage = self.stage_area();
        match self.report.quotes.get(self.quote) {
            Some(quote) if layout::fits(stage) => layout::quote_scroll_room(
                quote,
                self.strings(),
                layout::view_area(stage, self.present),
            ),
            _ => 0,
        }
    }

    /// How far the help overlay can scroll at the current size.
    pub fn help_scroll_room(&self) -> u16 {
        layout::help_scroll_room(self.stage_area(), &self.strings().keys, !self.ascii)
    }

    /// A scroll the quote or help no longer has room for is taken back. (The room is found
    /// by wrapping the text, so only for a scroll there is: on every event, the clock's
    /// ticks included, it would wrap the quote and the help for nothing.)
    fn clamp_scroll(&mut self) {
        if self.quote_scroll > 0 {
            self.quote_scroll = self.quote_scroll.min(self.quote_scroll_room());
        }
        if self.help_scroll > 0 {
            self.help_scroll = self.help_scroll.min(self.help_scroll_room());
        }
        if self.notes_scroll > 0 {
            self.notes_scroll = self.notes_scroll.min(self.notes_scroll_room());
        }
    }

    /// The notes panel's text area at the current size, when the panel is shown.
    pub fn notes_text_area(&self) -> Option<Rect> {
        let (width, height) = self.size;
        let area = Rect::new(0, 0, width, height);
        let (_, panel) = layout::stage_and_notes(area, self.stage, self.notes);
        panel.map(layout::notes_panel_text)
    }

    /// The notes panel's lines at the current size: what it shows, and scrolls through.
    pub fn notes_lines(&self) -> Vec<(layout::NoteLine, String)> {
        let Some(at) = self.notes_text_area() else {
            return Vec::new();
        };
        let (view, quote, lang) = (self.view, self.quote, self.lang);
        layout::notes_lines(
            self.strings(),
            &crate::notes::of(&self.report, view, quote, lang),
            &crate::notes::stale(&self.report, view, quote, lang),
            at.width as usize,
        )
    }

    /// How far the notes panel can scroll at the current size (0 when hidden or all shown).
    pub fn notes_scroll_room(&self) -> u16 {
        match self.notes_text_area() {
            Some(at) => layout::notes_scroll_room(self.notes_lines().len(), at),
            None => 0,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use gapdash_data::builtin;

    fn app() -> App {
        App::new(builtin().unwrap(), View::Overview)
    }

    /// An app with a fixed clock start, and a way to move the clock.
    fn timed(options: impl FnOnce(&mut Options)) -> (App, Instant) {
        let mut o = Options::new(View::Overview);
        options(&mut o);
        let t0 = Instant::now();
        (App::with_options(builtin().unwrap(), o, t0), t0)
    }

    fn secs(n: u64) -> Duration {
        Duration::from_secs(n)
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
        app.update(Action::Back);
        assert_eq!(app.view, View::Overview);
        for _ in 0..10 {
            app.update(Action::Forward);
        }
        assert_eq!(app.view, View::Sources);
        assert_eq!(app.update(Action::Forward), Effect::None);
        assert_eq!(app.view, View::Sources, "an extra click changes nothing");
    }

    #[test]
    fn esc_never_quits() {
        let mut app = app();
        assert_eq!(app.update(Action::CloseOverlay), Effect::None);
        app.update(Action::ToggleHelp);
        assert_eq!(app.update(Action::CloseOverlay), Effect::None);
        assert!(!app.help);
    }

    #[test]
    fn esc_never_quits_in_any_mode_or_overlay() {
        for setup in [
            vec![],
            vec![Action::TogglePresent],
            vec![Action::ToggleHelp],
            vec![Action::TogglePresent, Action::ToggleHelp],
            vec![Action::Blank],
            vec![Action::TogglePresent, Action::Blank],
        ] {
            let mut app = app();
            for a in &setup {
                app.update(a.clone());
            }
            for _ in 0..3 {
                assert_eq!(
                    app.update(Action::CloseOverlay),
                    Effect::None,
                    "after {setup:?}"
                );
            }
        }
    }

    #[test]
    fn f5_toggles_presentation_and_esc_leaves_it() {
        let mut app = app();
        app.update(Action::TogglePresent);
        assert!(app.present);
        app.update(Action::TogglePresent);
        assert!(!app.present);
        app.update(Action::TogglePresent);
        app.update(Action::CloseOverlay);
        assert!(!app.present);
    }

    #[test]
    fn esc_closes_help_before_leaving_presentation() {
        let mut app = app();
        app.update(Action::TogglePresent);
        app.update(Action::ToggleHelp);
        app.update(Action::CloseOverlay);
        assert!(!app.help);
        assert!(app.present);
    }

    #[test]
    fn blank_and_any_key_back_to_the_same_view() {
        let mut app = app();
        app.update(Action::Goto(View::Sales));
        app.update(Action::Blank);
        assert!(app.blank);
        app.update(Action::NextView);
        assert!(!app.blank);
        assert_eq!(
            app.view,
            View::Sales,
            "the key that unblanks does nothing else"
        );
        app.update(Action::Blank);
        app.update(Action::Blank);
        assert!(!app.blank, "b again unblanks");
        app.update(Action::Blank);
        app.update(Action::OtherKey);
        assert!(!app.blank);
    }

    #[test]
    fn number_keys_and_home_end_jump() {
        let mut app = app();
        for (n, view) in View::ALL.iter().enumerate() {
            app.update(Action::Goto(View::numbered(n + 1).unwrap()));
            assert_eq!(app.view, *view);
        }
        assert_eq!(View::numbered(0), None);
        assert_eq!(View::numbered(View::ALL.len() + 1), None);
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
        app.update(Action::Down);
        assert_eq!((app.quote, app.source), (0, 0));
    }

    #[test]
    fn sources_scroll_within_rows() {
        let mut app = app();
        app.update(Action::Goto(View::Sources));
        for _ in 0..1000 {
            app.update(Action::Down);
        }
        assert_eq!(app.source, app.sources().len() - 1);
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
    fn help_taller_than_the_screen_scrolls_and_help_that_fits_lets_arrows_act() {
        let mut app = app();
        app.update(Action::Resize(60, 18));
        let room = app.help_scroll_room();
        assert!(room > 0, "the key table is taller than 18 rows");
        app.update(Action::ToggleHelp);
        for _ in 0..room + 3 {
            app.update(Action::Down);
        }
        assert_eq!(
            (app.help, app.help_scroll),
            (true, room),
            "stops at the end"
        );
        app.update(Action::Up);
        assert_eq!(app.help_scroll, room - 1);
        app.update(Action::Resize(100, 30));
        assert_eq!(app.help_scroll, 0, "a taller screen takes the scroll back");
        app.update(Action::Down);
        assert!(!app.help, "help that fits closes");
        app.update(Action::ToggleHelp);
        assert_eq!(app.help_scroll, 0, "help opens at its top");
    }

    #[test]
    fn q_quits_even_with_help_open() {
        let mut app = app();
        app.update(Action::ToggleHelp);
        assert_eq!(app.update(Action::Quit), Effect::Quit);
    }

    #[test]
    fn t_cycles_themes() {
        let (mut app, _) = timed(|o| {
            o.themes = 4;
        });
        let seen: Vec<usize> = (0..5)
            .map(|_| {
                let theme = app.theme_index();
                app.update(Action::NextTheme);
                theme
            })
            .collect();
        assert_eq!(seen, [0, 1, 2, 3, 0]);
    }

    #[test]
    fn timer_counts_up_in_minutes_and_seconds() {
        let (mut app, t0) = timed(|o| o.present = true);
        assert_eq!(app.timer_text(), "00:00");
        app.update(Action::Tick(t0 + secs(75)));
        assert_eq!(app.timer_text(), "01:15");
        assert!(!app.timer_warning());
        app.update(Action::ResetTimer);
        assert_eq!(app.timer_text(), "00:00");
    }

    #[test]
    fn talk_timer_counts_down_and_warns_in_the_last_two_minutes() {
        let (mut app, t0) = timed(|o| {
            o.present = true;
            o.talk = Some(secs(10 * 60));
        });
        assert_eq!(app.timer_text(), "10:00");
        app.update(Action::Tick(t0 + secs(7 * 60 + 59)));
        assert_eq!(app.timer_text(), "02:01");
        assert!(!app.timer_warning());
        app.update(Action::Tick(t0 + secs(8 * 60)));
        assert_eq!(app.timer_text(), "02:00");
        assert!(app.timer_warning());
        app.update(Action::Tick(t0 + secs(10 * 60 + 5)));
        assert_eq!(app.timer_text(), "-00:05");
        assert!(app.timer_warning());
    }

    #[test]
    fn the_warning_colour_coming_on_is_a_change_on_screen() {
        // A talk length between whole seconds: the colour turns while the text stays.
        let (mut app, t0) = timed(|o| {
            o.present = true;
            o.talk = Some(Duration::from_millis(129_500));
        });
        app.update(Action::Tick(t0 + secs(9)));
        assert_eq!(
            (app.timer_text().as_str(), app.timer_warning()),
            ("02:00", false)
        );
        assert_eq!(
            app.next_wakeup(),
            Some(t0 + Duration::from_millis(9_500)),
            "the loop wakes when the colour turns"
        );
        app.update(Action::Tick(t0 + Duration::from_millis(9_500)));
        assert_eq!(
            (app.timer_text().as_str(), app.timer_warning()),
            ("02:00", true)
        );
    }

    #[test]
    fn timer_wakes_once_a_second_only_while_visible() {
        let (mut app, t0) = timed(|_| {});
        assert_eq!(
            app.next_wakeup(),
            None,
            "no timer outside presentation mode"
        );
        app.update(Action::TogglePresent);
        app.update(Action::Tick(t0 + Duration::from_millis(1500)));
        assert_eq!(app.next_wakeup(), Some(t0 + secs(2)));
        app.update(Action::Blank);
        assert_eq!(app.next_wakeup(), None, "a blank screen shows no timer");
    }

    #[test]
    fn autoplay_steps_views_and_quotes_and_loops() {
        let (mut app, t0) = timed(|o| o.autoplay = Some(secs(2)));
        let mut t = t0;
        let mut seen = Vec::new();
        for _ in 0..(6 + 8 + 1) {
            t += secs(2);
            assert_eq!(app.next_wakeup(), Some(t));
            app.update(Action::Tick(t));
            seen.push((app.view, app.quote));
        }
        assert_eq!(seen[0], (View::Penetration, 0));
        assert_eq!(seen[2], (View::Quotes, 0));
        assert_eq!(seen[3], (View::Quotes, 1), "quotes advance one by one");
        assert_eq!(seen[9], (View::Quotes, 7));
        assert_eq!(seen[10], (View::World, 7));
        assert_eq!(seen[11], (View::Since, 7));
        assert_eq!(seen[13], (View::Overview, 7), "loops at the end");
    }

    #[test]
    fn autoplay_shows_each_quote_from_its_top() {
        let (mut app, t0) = timed(|o| {
            o.view = View::Quotes;
            o.autoplay = Some(secs(2));
        });
        for quote in &mut Arc::make_mut(&mut app.report).quotes {
            quote.text = "a quote too long for the screen ".repeat(40);
        }
        app.update(Action::Resize(60, 18));
        app.update(Action::Down);
        assert_eq!(
            (app.quote, app.quote_scroll),
            (0, 1),
            "the first quote scrolled"
        );
        app.update(Action::Tick(t0 + secs(2)));
        assert_eq!(
            (app.quote, app.quote_scroll),
            (1, 0),
            "the next quote at its top"
        );

        app.update(Action::Down);
        app.update(Action::Goto(View::Sources));
        let mut t = t0 + secs(2);
        while app.view != View::Quotes {
            t += secs(2);
            app.update(Action::Tick(t));
        }
        assert_eq!(
            (app.quote, app.quote_scroll),
            (0, 0),
            "back to the first quote, at its top"
        );
    }

    #[test]
    fn autoplay_pauses_and_resumes() {
        let (mut app, t0) = timed(|o| o.autoplay = Some(secs(2)));
        app.update(Action::ToggleAutoplay);
        assert!(app.autoplay.unwrap().paused);
        assert_eq!(app.next_wakeup(), None);
        app.update(Action::Tick(t0 + secs(10)));
        assert_eq!(app.view, View::Overview);
        app.update(Action::ToggleAutoplay);
        assert!(!app.autoplay.unwrap().paused);
        app.update(Action::Tick(t0 + secs(12)));
        assert_eq!(app.view, View::Penetration);
    }

    #[test]
    fn a_key_restarts_the_autoplay_interval() {
        let (mut app, t0) = timed(|o| o.autoplay = Some(secs(2)));
        app.update(Action::Tick(t0 + secs(1)));
        app.update(Action::Goto(View::Sales));
        app.update(Action::Tick(t0 + secs(2)));
        assert_eq!(
            app.view,
            View::Sales,
            "not yet: the key restarted the interval"
        );
        app.update(Action::Tick(t0 + secs(3)));
        assert_eq!(app.view, View::Quotes);
    }

    #[test]
    fn bars_grow_in_presentation_mode_then_nothing_is_pending() {
        let (mut app, t0) = timed(|o| o.present = true);
        app.update(Action::Tick(t0 + secs(1)));
        let start = t0 + secs(1);
        app.update(Action::Goto(View::Penetration));
        assert_eq!(app.reveal(), 0.0);
        assert_eq!(app.next_wakeup().map(|w| w > start), Some(true));
        app.update(Action::Tick(start + Duration::from_millis(150)));
        assert!(app.reveal() > 0.5 && app.reveal() < 1.0, "{}", app.reveal());
        app.update(Action::Tick(start + ANIMATION));
        assert_eq!(app.reveal(), 1.0);
        // Only the once-a-second timer is left.
        assert_eq!(app.next_wakeup(), Some(t0 + secs(2)));
        app.update(Action::TogglePresent);
        assert_eq!(app.next_wakeup(), None, "nothing pending at all");
    }

    #[test]
    fn no_animation_means_full_bars_at_once() {
        let (mut app, _) = timed(|o| {
            o.present = true;
            o.animation = false;
        });
        app.update(Action::Goto(View::World));
        assert_eq!(app.reveal(), 1.0);
    }

    #[test]
    fn bars_do_not_grow_outside_presentation_mode() {
        let mut app = app();
        app.update(Action::Goto(View::Penetration));
        assert_eq!(app.reveal(), 1.0);
        assert_eq!(app.next_wakeup(), None);
    }

    fn loaded(result: Result<Report, LoadError>) -> Action {
        Action::Loaded(Box::new(result))
    }

    fn failed_load() -> LoadError {
        LoadError {
            problems: vec![
                gapdash_data::Problem::at(
                    "mydata/penetration.toml",
                    "x = 1\nrural_pct = 112.5\n",
                    18..23,
                    "rural_pct must be between 0 and 100, found 112.5",
                ),
                gapdash_data::Problem::file("mydata/quotes.toml", "file is empty"),
            ],
        }
    }

    #[test]
    fn r_asks_the_loop_to_reload() {
        let mut app = app();
        assert_eq!(app.update(Action::Reload), Effect::Reload);
        assert_eq!(app.update(Action::Down), Effect::None);
    }

    #[test]
    fn a_good_reload_shows_new_figures_and_keeps_view_and_position() {
        let mut app = app();
        app.update(Action::Goto(View::Quotes));
        app.update(Action::Down);
        app.update(Action::Down);
        let mut report = builtin().unwrap();
        report.penetration.periods[4].rural_pct = 52.4;
        app.update(loaded(Ok(report)));
        assert_eq!((app.view, app.quote), (View::Quotes, 2));
        assert_eq!(app.report.penetration.periods[4].rural_pct, 52.4);
        assert!(
            app.sources().iter().any(|r| r.value == "52.4 %"),
            "sources rebuilt"
        );
        assert_eq!(app.status(), Some(&Status::Reloaded { stale: 0 }));
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
        app.update(loaded(Ok(report)));
        assert_eq!(app.quote, 1);
    }

    #[test]
    fn a_failed_reload_keeps_the_last_good_data_and_shows_the_first_problem() {
        let mut app = app();
        let before = app.report.clone();
        app.update(loaded(Err(failed_load())));
        assert_eq!(app.report, before);
        assert_eq!(
            app.status().cloned(),
            Some(Status::Error(
                "mydata/penetration.toml:2:13: rural_pct must be between 0 and 100, found 112.5 (and 1 more)"
                    .to_string()
            ))
        );
    }

    #[test]
    fn an_error_stays_until_esc_and_esc_never_quits() {
        let mut app = app();
        app.update(loaded(Err(failed_load())));
        app.update(Action::NextView);
        app.update(Action::Down);
        assert!(matches!(app.status(), Some(Status::Error(_))));
        assert_eq!(app.update(Action::CloseOverlay), Effect::None);
        assert_eq!(app.status(), None);
    }

    #[test]
    fn the_reloaded_notice_goes_with_the_next_key() {
        let mut app = app();
        app.update(loaded(Ok(builtin().unwrap())));
        app.update(Action::Down);
        assert_eq!(app.status(), None);
    }

    #[test]
    fn the_notice_goes_by_itself_and_the_error_stays() {
        let (mut app, t0) = timed(|_| {});
        app.update(loaded(Ok(builtin().unwrap())));
        assert_eq!(
            app.next_wakeup(),
            Some(t0 + NOTICE),
            "the loop wakes to clear it"
        );
        app.update(Action::Tick(t0 + NOTICE));
        assert_eq!(app.status(), None);
        assert_eq!(app.next_wakeup(), None);
        app.update(loaded(Err(failed_load())));
        app.update(Action::Tick(t0 + 10 * NOTICE));
        assert!(matches!(app.status(), Some(Status::Error(_))));
        assert_eq!(app.next_wakeup(), None, "an error needs no wake-up");
    }

    #[test]
    fn a_notice_goes_like_news_and_never_hides_an_error() {
        let (mut app, t0) = timed(|o| o.view = View::Sales);
        app.update(Action::Notice(
            "console: dropped a message over 64 KiB".into(),
        ));
        assert!(matches!(app.status(), Some(Status::Notice(_))));
        assert_eq!(app.next_wakeup(), Some(t0 + NOTICE));
        assert_eq!(app.view(), View::Sales, "not a key: nothing else changes");
        app.update(Action::Tick(t0 + NOTICE));
        assert_eq!(app.status(), None);
        app.update(loaded(Err(failed_load())));
        app.update(Action::Notice(
            "console: dropped a malformed message".into(),
        ));
        assert!(matches!(app.status(), Some(Status::Error(_))));
    }

    /// The built-in data read again with each edit's `from` written `to` in its file.
    fn reread(edits: &[(&str, &str, &str)]) -> Report {
        use gapdash_data::load::{builtin_bytes, load};
        let read = |name: &str| {
            let mut text = String::from_utf8_lossy(&builtin_bytes(name)?).into_owned();
            for (file, from, to) in edits {
                if *file == name {
                    assert!(text.contains(from), "{name}: {from}");
                    text = text.replacen(from, to, 1);
                }
            }
            Ok(text.into_bytes())
        };
        load(read, "mydata").expect("a stale note never refuses the data")
    }

    #[test]
    fn a_reload_says_how_many_notes_it_left_stale() {
        let mut app = app();
        // Dec 2018's gap, 36.2, is in the penetration view's note only (both languages).
        app.update(loaded(Ok(reread(&[(
            "penetration.toml",
            "rural_pct = 38.4",
            "rural_pct = 38.2",
        )]))));
        assert_eq!(app.status(), Some(&Status::Reloaded { stale: 1 }));
        // Jun 2020's rural 52.3 and its gap 24.1 are in notes all through the talk.
        let report = reread(&[
            ("penetration.toml", "rural_pct = 52.3", "rural_pct = 52.5"),
            (
                "since.toml",
                "rural = { pct = 52.3,",
                "rural = { pct = 52.5,",
            ),
        ]);
        let notes = report.notes.as_ref().expect("notes");
        let stale: std::collections::BTreeSet<&str> = notes
            .stale
            .keys()
            .map(|k| k.trim_end_matches(".text").trim_end_matches(".zh"))
            .collect();
        let count = stale.len();
        assert!(count > 1, "{stale:?}");
        app.update(loaded(Ok(report)));
        assert_eq!(app.status(), Some(&Status::Reloaded { stale: count }));
        app.update(loaded(Ok(builtin().unwrap())));
        assert_eq!(app.status(), Some(&Status::Reloaded { stale: 0 }));
    }

    #[test]
    fn a_good_reload_replaces_an_error() {
        let mut app = app();
        app.update(loaded(Err(failed_load())));
        app.update(loaded(Ok(builtin().unwrap())));
        assert_eq!(app.status(), Some(&Status::Reloaded { stale: 0 }));
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
        let room = app.quote_scroll_room();
        assert!(room > 5, "{room}");
        for n in 1..=room {
            app.update(Action::Down);
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
    fn leaving_presentation_mode_takes_back_the_scroll_it_no_longer_needs() {
        let mut app = long_quote(&"The digital divide is wide. ".repeat(200));
        // Taller than 80×24: presentation mode's margins now take more than the border.
        app.update(Action::Resize(78, 49));
        let room = app.quote_scroll_room();
        app.update(Action::TogglePresent);
        let present_room = app.quote_scroll_room();
        assert!(present_room > room, "{present_room} > {room}");
        for _ in 0..present_room {
            app.update(Action::Down);
        }
        assert_eq!(app.quote_scroll, present_room);
        app.update(Action::CloseOverlay);
        assert!(!app.present);
        assert_eq!(app.quote_scroll, room, "scrolled to the end, no further");
        app.update(Action::Down);
        assert_eq!(app.quote, 1, "at the end, so ↓ moves on");
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
        app.update(loaded(Ok(builtin().unwrap())));
        app.update(Action::Resize(100, 30));
        assert!(app.help);
        assert_eq!(app.status(), Some(&Status::Reloaded { stale: 0 }));
    }

    #[test]
    fn notes_taller_than_their_panel_scroll_before_the_view_moves() {
        let mut app = App::new(builtin().unwrap(), View::Quotes);
        app.update(Action::Resize(100, 30));
        assert_eq!(app.notes_scroll_room(), 0, "no panel, nothing to scroll");
        app.update(Action::ToggleNotes);
        let room = app.notes_scroll_room();
        assert!(
            room > 0,
            "a quote's note and the view's are taller than 8 rows"
        );
        let shown = app.notes_text_area().map_or(0, |at| at.height);
        assert_eq!(app.notes_lines().len(), (room + shown) as usize);
        for n in 1..=room {
            app.update(Action::Down);
            assert_eq!((app.notes_scroll(), app.quote()), (n, 0));
        }
        app.update(Action::Down);
        assert_eq!(
            app.quote(),
            1,
            "at the notes' end, ↓ moves to the next quote"
        );
        assert_eq!(app.notes_scroll(), 0, "whose notes start at their top");
        app.update(Action::Down);
        app.update(Action::Up);
        assert_eq!((app.notes_scroll(), app.quote()), (0, 1));
        app.update(Action::Up);
        assert_eq!(app.quote(), 0, "at the notes' top, ↑ moves back");
        app.update(Action::Down);
        app.update(Action::Resize(200, 60));
        assert_eq!(app.notes_scroll(), 0, "all shown: nothing left to scroll");
        app.update(Action::Resize(100, 30));
        app.update(Action::Down);
        app.update(Action::ToggleNotes);
        assert_eq!(app.notes_scroll(), 0, "hidden notes keep no scroll");
        app.update(Action::ToggleNotes);
        app.update(Action::Down);
        app.update(Action::SwitchLanguage);
        assert_eq!(
            app.notes_scroll(),
            0,
            "the other language's notes start at the top"
        );
    }

    #[test]
    fn without_notes_the_panel_says_so_and_nothing_scrolls() {
        let mut report = builtin().unwrap();
        report.notes = None;
        let mut app = App::new(report, View::Sources);
        app.update(Action::Resize(100, 30));
        app.update(Action::ToggleNotes);
        let lines = app.notes_lines();
        assert_eq!(lines.len(), 1);
        assert_eq!(lines[0].0, layout::NoteLine::None);
        assert_eq!(app.notes_scroll_room(), 0);
        app.update(Action::Down);
        assert_eq!(app.source(), 1, "↓ moves through the sources as usual");
    }
}
