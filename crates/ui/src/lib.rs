//! Drawing only: the frame (title bar with tabs, the view, the hint bar), presentation mode,
//! the blank screen, the stage and the overlays. Nothing here changes state; where things go
//! comes from `layout`, shared with `App`.

pub mod ascii;
mod bars;
mod help;
pub mod notes;
mod overview;
mod penetration;
mod quotes;
mod sales;
mod since;
pub mod snapshot;
mod sources;
mod spark;
mod status;
pub mod theme;
mod world;

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Clear, Paragraph, Tabs, Widget};
use tui_big_text::{BigText, PixelSize};

use gapdash_app::app::App;
use gapdash_app::keys;
use gapdash_app::layout::{self, MIN_HEIGHT, MIN_WIDTH, NAME};
use gapdash_app::text;
use gapdash_app::view::View;
use gapdash_data::Strings;
use gapdash_data::i18n::{Keys, Template};
use theme::Theme;

/// The whole screen: the app's state drawn in one of the themes the draw side holds.
pub struct Dashboard<'a> {
    app: &'a App,
    theme: &'a Theme,
    /// Block glyphs drawn without seams, for a terminal (see `bars::Seamless`).
    solid: bool,
}

impl<'a> Dashboard<'a> {
    /// The app in the theme it has chosen from `themes` (which must not be empty).
    pub fn new(app: &'a App, themes: &'a [Theme]) -> Dashboard<'a> {
        Dashboard {
            app,
            theme: &themes[app.theme_index() % themes.len()],
            solid: false,
        }
    }

    /// The app in `theme`, whatever it has chosen: snapshots, handouts.
    pub fn with_theme(app: &'a App, theme: &'a Theme) -> Dashboard<'a> {
        Dashboard {
            app,
            theme,
            solid: false,
        }
    }

    /// Whether block glyphs are drawn for a terminal, without seams between cells (not in
    /// ASCII mode, where they are transliterated; not for text or handouts).
    pub fn solid(self, solid: bool) -> Dashboard<'a> {
        Dashboard { solid, ..self }
    }
}

impl Widget for Dashboard<'_> {
    fn render(self, area: Rect, buf: &mut Buffer) {
        let (app, theme) = (self.app, self.theme);
        Block::new().style(theme.text).render(area, buf);
        let (stage, notes) = layout::stage_and_notes(area, app.stage(), app.notes());
        if app.blank() {
            // Only the theme's background, as a projector's "B" key gives.
        } else if !layout::fits(stage) {
            too_small(app.strings(), stage, buf, theme);
        } else {
            frame(app, stage, buf, theme);
            if let Some(panel) = notes {
                notes::render(app, panel, buf, theme);
            }
            if app.help() {
                help::render(app, stage, buf, theme);
            }
        }
        self.glyphs(area, buf);
    }
}

impl Dashboard<'_> {
    /// The row of a screen of `area` that [`Dashboard::redraw_timer`] draws again: the bar
    /// of presentation mode, which holds the talk timer. None when the timer is not on
    /// screen or help may be drawn over the bar.
    pub fn timer_row(&self, area: Rect) -> Option<Rect> {
        let app = self.app;
        let (stage, _) = layout::stage_and_notes(area, app.stage(), app.notes());
        if !app.timer_visible() || app.help() || !layout::fits(stage) {
            return None;
        }
        Some(layout::split_top(stage, 1).0)
    }

    /// Into `buf`, which holds this dashboard as drawn at an earlier moment of the same
    /// state, draws again what the clock alone changes: presentation mode's bar with its
    /// talk timer. Only the bar's row is touched, and `buf` then holds what a whole drawing
    /// would make now. The caller knows nothing else moved meanwhile (no autoplay step,
    /// animation frame or notice was due). False, with `buf` untouched, when the timer is
    /// not on screen or help may be drawn over the bar.
    pub fn redraw_timer(self, area: Rect, buf: &mut Buffer) -> bool {
        let (app, theme) = (self.app, self.theme);
        let Some(bar) = self.timer_row(area) else {
            return false;
        };
        if buf.area != area {
            return false;
        }
        // As the whole drawing starts: blank cells in the text's style.
        Clear.render(bar, buf);
        Block::new().style(theme.text).render(bar, buf);
        present_bar(app, bar, buf, theme);
        // The bar's row has no block glyphs, and a margin row parts it from the view's, so
        // what the whole drawing does to the screen's glyphs changes nothing below it.
        self.glyphs(bar, buf);
        true
    }

    /// The last pass over the cells of `area`: ASCII stand-ins in ASCII mode, or block
    /// glyphs without seams for a terminal.
    fn glyphs(&self, area: Rect, buf: &mut Buffer) {
        if self.app.ascii() {
            ascii::Ascii.render(area, buf);
        } else if self.solid {
            bars::Seamless.render(area, buf);
        }
    }
}

/// A view drawn for a reader (handouts): the view alone, as wide as a screen of `size`
/// gives it (in presentation mode as that mode lays it out, its big heading included), on
/// the theme's background with a margin, and without what only a keyboard needs: no tab
/// bar, no hints, no selected row, no scroll position. It is as large as its whole text
/// needs: the quotes one after another, the sources' every cell in full, and any other
/// view grown row by row (and, for a line no height lets fit, column by column) until
/// nothing is cut ("…") or left out that a taller screen shows.
pub fn for_reader(app: &App, theme: &Theme, (width, height): (u16, u16)) -> Buffer {
    let screen = layout::view_area(Rect::new(0, 0, width, height), app.present());
    let drawn = |(columns, rows): (u16, u16), draw: &dyn Fn(Rect, &mut Buffer)| -> Buffer {
        let area = Rect::new(0, 0, columns.max(1) + 4, rows.max(1) + 2);
        let mut buf = Buffer::empty(area);
        Block::new().style(theme.text).render(area, &mut buf);
        draw(area.inner(ratatui::layout::Margin::new(2, 1)), &mut buf);
        if app.ascii() {
            ascii::Ascii.render(area, &mut buf);
        }
        buf
    };
    let inner = screen.width.max(1);
    match app.view() {
        View::Quotes => {
            let lines = quotes::for_reader(app, inner, theme);
            drawn((inner, lines.len() as u16), &|area, buf| {
                Paragraph::new(lines.clone()).render(area, buf);
            })
        }
        View::Sources => {
            let (heading, table, rows) = sources::for_reader(app, inner, theme);
            drawn((inner, rows), &|area, buf| {
                let (top, rest) = layout::split_top(area, heading.len() as u16);
                Paragraph::new(heading.clone()).render(top, buf);
                Widget::render(table.clone(), rest, buf);
            })
        }
        _ => {
            let draw = |area: Rect, buf: &mut Buffer| {
                let body = if app.present() {
                    present_heading(app, area, buf, theme)
                } else {
                    area
                };
                view(app, body, buf, theme);
            };
            // What the tallest screen a handout draws shows is all there is to show. A line
            // cut at every height (a title) needs more columns: the first width, two
            // columns at a time up to twice as wide (160 columns at least), at which nothing
            // is cut; where none is, the view's own width (a wider one would only shrink it
            // on the page).
            let tallest = screen.height.max(1).saturating_mul(4).max(120);
            let widest = inner.saturating_mul(2).max(160);
            let cuts = |columns| reader_cuts(&drawn((columns, tallest), &draw));
            let columns = (inner..=widest)
                .step_by(2)
                .find(|&columns| cuts(columns) == 0)
                .unwrap_or(inner);
            let whole = drawn((columns, tallest), &draw);
            let (all, least) = (reader_words(&whole), reader_cuts(&whole));
            (screen.height.max(1)..tallest)
                .map(|rows| drawn((columns, rows), &draw))
                .find(|buf| reader_cuts(buf) <= least && holds(&reader_words(buf), &all))
                .unwrap_or_else(|| drawn((columns, tallest), &draw))
        }
    }
}

/// How many texts of a drawn view are cut: each "…", and each row whose text reaches the
/// last column (the margin's edge), where a word may have lost its end.
fn reader_cuts(buf: &Buffer) -> usize {
    let area = buf.area;
    let ellipses = buf
        .content
        .iter()
        .filter(|cell| cell.symbol().contains('…'))
        .count();
    let last = area.right().saturating_sub(3);
    let edge = (area.top()..area.bottom())
        .filter(|&y| buf[(last, y)].symbol().chars().any(char::is_alphanumeric))
        .count();
    ellipses + edge
}

/// The words a drawn view shows, counted: what a reader reads in it.
fn reader_words(buf: &Buffer) -> std::collections::BTreeMap<String, usize> {
    let mut words = std::collections::BTreeMap::new();
    for row in buf.content.chunks(buf.area.width.max(1) as usize) {
        let line: String = row.iter().map(|cell| cell.symbol()).collect();
        // Words only: borders and bars grow with the rows they are given.
        for word in line
            .split_whitespace()
            .filter(|w| w.chars().any(char::is_alphanumeric))
        {
            *words.entry(word.to_string()).or_insert(0) += 1;
        }
    }
    words
}

/// Whether `shown` holds every word of `all`, as many times.
fn holds(
    shown: &std::collections::BTreeMap<String, usize>,
    all: &std::collections::BTreeMap<String, usize>,
) -> bool {
    all.iter()
        .all(|(word, n)| shown.get(word).is_some_and(|m| m >= n))
}

fn frame(app: &App, stage: Rect, buf: &mut Buffer, theme: &Theme) {
    let area = layout::view_area(stage, app.present());
    if app.present() {
        let (bar, _) = layout::split_top(stage, 1);
        present_bar(app, bar, buf, theme);
        let body = present_heading(app, area, buf, theme);
        view(app, body, buf, theme);
        // No hint bar to stand in for: a reload's status takes the bottom row over.
        if let Some(status) = app.status() {
            let (bottom, _) = layout::split_bottom(stage, 1);
            Block::new().style(theme.text).render(bottom, buf);
            status::render(app, status, bottom, buf, theme);
        }
    } else {
        let [title, body, hints] = layout::frame_rows(stage);
        title_bar(app, title, buf, theme);
        bordered(theme).render(body, buf);
        view(app, area, buf, theme);
        match app.status() {
            Some(status) => status::render(app, status, hints, buf, theme),
            None => hint_bar(&app.strings().keys, !app.ascii(), hints, buf, theme),
        }
    }
}

fn view(app: &App, area: Rect, buf: &mut Buffer, theme: &Theme) {
    match app.view() {
        View::Overview => overview::render(app, area, buf, theme),
        View::Penetration => penetration::render(app, area, buf, theme),
        View::Sales => sales::render(app, area, buf, theme),
        View::Quotes => quotes::render(app, area, buf, theme),
        View::World => world::render(app, area, buf, theme),
        View::Since => since::render(app, area, buf, theme),
        View::Sources => sources::render(app, area, buf, theme),
    }
}

/// A rounded border in the theme's border colour: the frame and the overview's cards.
fn bordered(theme: &Theme) -> Block<'static> {
    Block::bordered()
        .border_type(ratatui::widgets::BorderType::Rounded)
        .border_style(theme.border)
}

/// In presentation mode a chart view's name stands above it in big text, where it fits
/// with room to spare for the chart. Returns the area left for the view.
fn present_heading(app: &App, area: Rect, buf: &mut Buffer, theme: &Theme) -> Rect {
    let words = &app.strings().frame;
    let heading = match app.view() {
        View::Penetration => &words.present_penetration,
        View::Sales => &words.present_sales,
        View::World => &words.present_world,
        View::Since => &words.present_since,
        _ => return area,
    };
    if !heading.is_ascii() {
        // Big text has Latin letters only: a heading in other letters is a line of text,
        // with a blank row under it.
        if area.height < 30 {
            return area;
        }
        let (top, rest) = layout::split_top(area, 2);
        fitted(Line::styled(heading.as_str(), theme.heading), top)
            .centered()
            .render(top, buf);
        return rest;
    }
    // Quadrant pixels: 4 cells wide and 4 rows tall per character, then a blank row.
    let (width, height) = (4 * heading.len() as u16, 4);
    if app.ascii() || area.height < 30 || width > area.width {
        return area;
    }
    let (top, rest) = layout::split_top(area, height + 1);
    BigText::builder()
        .pixel_size(PixelSize::Quadrant)
        .style(theme.heading)
        .lines(vec![Line::from(heading.as_str())])
        .centered()
        .build()
        .render(Rect { height, ..top }, buf);
    rest
}

/// The full-screen message for a terminal (or stage) below the minimum size.
fn too_small(words: &Strings, area: Rect, buf: &mut Buffer, theme: &Theme) {
    let size =
        |t: &Template, width: u16, height: u16| t.fill(&[("width", &width), ("height", &height)]);
    let message = [
        Line::styled(
            size(&words.frame.too_small, area.width, area.height),
            theme.heading,
        ),
        Line::styled(size(&words.frame.needs, MIN_WIDTH, MIN_HEIGHT), theme.text),
    ];
    let lines = text::wrap_lines(&message, area.width as usize);
    let height = lines.len() as u16;
    Paragraph::new(lines)
        .centered()
        .render(layout::centered(area, area.width, height), buf);
}

/// Autoplay's state for the title bar, when autoplay is on.
fn autoplay_status(app: &App) -> Option<String> {
    app.autoplay()
        .map(|a| layout::autoplay_label(app.strings(), a.every, a.paused))
}

/// A role's style on the title bar's background.
fn on_bar(style: Style, theme: &Theme) -> Style {
    match theme.title_bar.bg {
        Some(bg) => style.bg(bg),
        None => style,
    }
}

fn title_bar(app: &App, area: Rect, buf: &mut Buffer, theme: &Theme) {
    Block::new().style(theme.title_bar).render(area, buf);
    Span::styled(NAME, on_bar(theme.accent, theme)).render(area, buf);
    let autoplay = autoplay_status(app);
    let room = layout::tabs_room(area.width, autoplay.as_deref());
    let tabs = layout::tabs(app.view(), app.strings(), room);
    let used: u16 =
        text::width(NAME) as u16 + tabs.iter().map(|(_, l)| text::width(l) as u16).sum::<u16>();
    let (_, tabs_area) = split_left(area, text::width(NAME) as u16);
    Tabs::new(tabs.into_iter().map(|(_, label)| label))
        .select(app.view().index())
        .style(theme.title_bar)
        .highlight_style(theme.selected)
        .divider("")
        .padding("", "")
        .render(tabs_area, buf);
    if let Some(status) = autoplay {
        let width = text::width(&status) as u16 + 1;
        if used + width < area.width {
            Line::from(Span::styled(
                format!("{status} "),
                on_bar(theme.muted, theme),
            ))
            .right_aligned()
            .render(area, buf);
        }
    }
}

/// Before an overlay is drawn over `area`: a wide character left of it whose right half
/// the overlay covers is blanked, as a terminal would blank it, so that the frame drawn is
/// the frame shown.
fn cut_straddling(area: Rect, buf: &mut Buffer) {
    let Some(left) = area.x.checked_sub(1).filter(|x| *x >= buf.area.x) else {
        return;
    };
    for y in area.top()..area.bottom().min(buf.area.bottom()) {
        let cell = &mut buf[(left, y)];
        if text::width(cell.symbol()) > 1 {
            cell.set_symbol(" ");
        }
    }
}

/// The left `columns` of `area`, and the rest.
fn split_left(area: Rect, columns: u16) -> (Rect, Rect) {
    let columns = columns.min(area.width);
    (
        Rect {
            width: columns,
            ..area
        },
        Rect {
            x: area.x + columns,
            width: area.width - columns,
            ..area
        },
    )
}

/// Presentation mode's bar: the view's name, "view n/N", autoplay and the talk timer.
fn present_bar(app: &App, area: Rect, buf: &mut Buffer, theme: &Theme) {
    Block::new().style(theme.title_bar).render(area, buf);
    Line::from(vec![
        Span::styled(NAME, on_bar(theme.accent, theme)),
        Span::styled(
            app.view().title(app.strings()),
            on_bar(theme.heading, theme),
        ),
    ])
    .render(area, buf);
    let count = app
        .strings()
        .frame
        .view_count
        .fill(&[("n", &app.view().number()), ("total", &View::ALL.len())]);
    Line::from(Span::styled(count, on_bar(theme.text, theme)))
        .centered()
        .render(area, buf);
    let timer_style = on_bar(
        if app.timer_warning() {
            theme.warning
        } else {
            theme.heading
        },
        theme,
    );
    let mut right = Vec::new();
    if let Some(status) = autoplay_status(app) {
        right.push(Span::styled(
            format!("{status}   "),
            on_bar(theme.muted, theme),
        ));
    }
    right.push(Span::styled(app.timer_text(), timer_style));
    right.push(Span::raw(" "));
    Line::from(right).right_aligned().render(area, buf);
}

/// The key hints, generated from the key table. When they do not fit, hints are dropped
/// from just before the last three (the other language, help and quit), which always stay:
/// a presenter must be able to find the language key and help at any width.
fn hint_bar(words: &Keys, wide: bool, area: Rect, buf: &mut Buffer, theme: &Theme) {
    let mut hints = keys::hints(words, wide);
    let width = |hints: &[(String, String)]| -> usize {
        hints
            .iter()
            .map(|(k, w)| text::width(k) + text::width(w) + 4)
            .sum::<usize>()
            + 1
    };
    while width(&hints) > area.width as usize && hints.len() > 3 {
        hints.remove(hints.len() - 4);
    }
    let mut spans = vec![Span::raw(" ")];
    for (keys, word) in hints {
        spans.push(Span::styled(keys, theme.hint_key));
        spans.push(Span::styled(format!(" {word}   "), theme.muted));
    }
    Line::from(spans).render(area, buf);
}

/// A line cut with "…" to the width of `area` (never mid-figure), as every single-line
/// label is drawn: text that does not fit says so.
fn fitted<'a>(line: Line<'a>, area: Rect) -> Line<'a> {
    text::truncate_line(line, area.width as usize)
}

/// A view's heading: its title, then a muted detail (units, source).
fn heading(title: &str, detail: String, theme: &Theme) -> Line<'static> {
    Line::from(vec![
        Span::styled(title.to_string(), theme.heading),
        Span::styled(detail, theme.muted),
    ])
}
