//! Drawing only: the frame (title bar with tabs, the view, the hint bar), presentation mode,
//! the blank screen, the stage and the overlays. Nothing here changes state.

pub mod ascii;
mod bars;
mod help;
mod overview;
mod paint;
mod penetration;
mod quotes;
mod sales;
mod sources;
mod status;
pub mod text;
pub mod theme;
mod world;

use ratatui::buffer::Buffer;
use ratatui::layout::{Constraint, Layout, Margin, Rect};
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Paragraph, Widget, Wrap};

use tui_big_text::{BigText, PixelSize};

use crate::app::{App, View};
use crate::keys;
use theme::Theme;

/// Below this size the frame cannot show a view legibly, so it says so instead.
pub const MIN_WIDTH: u16 = 60;
pub const MIN_HEIGHT: u16 = 18;

/// The name at the left of the title bar.
const NAME: &str = " gapdash ";

impl Widget for &App {
    fn render(self, area: Rect, buf: &mut Buffer) {
        let theme = self.theme();
        paint::fill(buf, area, theme.text);
        let stage = stage_area(self, area);
        if self.blank {
            // Only the theme's background, as a projector's "B" key gives.
        } else if stage.width < MIN_WIDTH || stage.height < MIN_HEIGHT {
            too_small(stage, buf, theme);
        } else {
            frame(self, stage, buf, theme);
        }
        if self.ascii {
            ascii::transliterate(buf);
        }
    }
}

/// The area the dashboard draws in: the whole terminal, or the `--stage` size centred in it.
pub fn stage_area(app: &App, area: Rect) -> Rect {
    match app.stage {
        Some((w, h)) => centered(area, w, h),
        None => area,
    }
}

fn frame(app: &App, area: Rect, buf: &mut Buffer, theme: &Theme) {
    if app.present {
        let title = Rect { height: 1, ..area };
        present_bar(app, title, buf, theme);
        let body = present_heading(app, view_area(app, area), buf, theme);
        view(app, body, buf, theme);
        // No hint bar to stand in for: a reload's status takes the bottom row over.
        if let Some(status) = &app.status {
            let bottom = Rect {
                y: area.bottom() - 1,
                height: 1,
                ..area
            };
            paint::fill(buf, bottom, theme.text);
            status::render(status, bottom, buf, theme);
        }
    } else {
        let [title, body, hints] = Layout::vertical([
            Constraint::Length(1),
            Constraint::Fill(1),
            Constraint::Length(1),
        ])
        .areas(area);
        title_bar(app, title, buf, theme);
        paint::border(buf, body, theme.border, None);
        view(app, view_area(app, area), buf, theme);
        match &app.status {
            Some(status) => status::render(status, hints, buf, theme),
            None => hint_bar(hints, buf, theme),
        }
    }
    if app.help {
        help::render(area, buf, theme);
    }
}

fn view(app: &App, area: Rect, buf: &mut Buffer, theme: &Theme) {
    match app.view {
        View::Overview => overview::render(app, area, buf, theme),
        View::Penetration => penetration::render(app, area, buf, theme),
        View::Sales => sales::render(app, area, buf, theme),
        View::Quotes => quotes::render(app, area, buf, theme),
        View::World => world::render(app, area, buf, theme),
        View::Sources => sources::render(app, area, buf, theme),
    }
}

/// In presentation mode a chart view's name stands above it in big text, where it fits
/// with room to spare for the chart. Returns the area left for the view.
fn present_heading(app: &App, area: Rect, buf: &mut Buffer, theme: &Theme) -> Rect {
    let heading = match app.view {
        View::Penetration => "Urban vs rural",
        View::Sales => "Rural sales",
        View::World => "The world",
        _ => return area,
    };
    // Quadrant pixels: 4 cells wide and 4 rows tall per character.
    let (width, height) = (4 * heading.len() as u16, 4);
    if app.ascii || area.height < 30 || width > area.width {
        return area;
    }
    let [top, _, rest] = Layout::vertical([
        Constraint::Length(height),
        Constraint::Length(1),
        Constraint::Fill(1),
    ])
    .areas(area);
    BigText::builder()
        .pixel_size(PixelSize::Quadrant)
        .style(theme.heading)
        .lines(vec![Line::from(heading)])
        .centered()
        .build()
        .render(top, buf);
    rest
}

/// Where a view draws in a frame of `area` (the stage): inside the border, or in
/// presentation mode inside the margins under the slim bar.
fn view_area(app: &App, area: Rect) -> Rect {
    let body = Rect {
        y: area.y + 1,
        height: area.height.saturating_sub(if app.present { 1 } else { 2 }),
        ..area
    };
    if app.present {
        body.inner(Margin::new(
            (body.width / 16).max(2),
            (body.height / 15).max(1),
        ))
    } else {
        body.inner(Margin::new(2, 1))
    }
}

/// How far the current quote can scroll in a terminal of `area`, so `App::update` knows
/// whether ↓ scrolls the quote or moves to the next one.
pub fn quote_scroll_room(app: &App, area: Rect) -> u16 {
    let stage = stage_area(app, area);
    if stage.width < MIN_WIDTH || stage.height < MIN_HEIGHT {
        return 0;
    }
    quotes::max_scroll(app, view_area(app, stage))
}

/// The full-screen message for a terminal (or stage) below the minimum size.
fn too_small(area: Rect, buf: &mut Buffer, theme: &Theme) {
    let message = vec![
        Line::styled(
            format!("Terminal too small: {}×{}.", area.width, area.height),
            theme.heading,
        ),
        Line::styled(
            format!("gapdash needs at least {MIN_WIDTH}×{MIN_HEIGHT}."),
            theme.text,
        ),
    ];
    let height = message
        .iter()
        .map(|l| text::wrap(&l.to_string(), area.width as usize).len() as u16)
        .sum::<u16>()
        .min(area.height);
    let paragraph = Paragraph::new(message).centered().wrap(Wrap { trim: true });
    paragraph.render(centered(area, area.width, height), buf);
}

/// The tabs as (view, text), numbered as the keys 1–6 are. When the full names do not fit
/// in `width`, only the current view keeps its name.
fn tabs(current: View, width: u16) -> Vec<(View, String)> {
    let tab = |view: View, full: bool| -> String {
        let pad = if view == current { " " } else { "" };
        if full || view == current {
            format!(" {} {}{pad}", view.index() + 1, view.title())
        } else {
            format!(" {}{pad}", view.index() + 1)
        }
    };
    let full_width: usize = NAME.len()
        + View::ALL
            .iter()
            .map(|v| text::width(&tab(*v, true)))
            .sum::<usize>();
    let full = full_width <= width as usize;
    View::ALL.iter().map(|v| (*v, tab(*v, full))).collect()
}

/// The view whose tab is at column `x` of the title bar row `y`, for mouse clicks.
pub fn tab_at(app: &App, area: Rect, x: u16, y: u16) -> Option<View> {
    let stage = stage_area(app, area);
    if app.present
        || app.blank
        || y != stage.y
        || stage.width < MIN_WIDTH
        || stage.height < MIN_HEIGHT
    {
        return None;
    }
    let mut left = stage.x + NAME.len() as u16;
    for (view, label) in tabs(app.view, stage.width) {
        let right = left + text::width(&label) as u16;
        if (left..right).contains(&x) {
            return Some(view);
        }
        left = right;
    }
    None
}

/// Autoplay's state for the title bar, when autoplay is on.
fn autoplay_status(app: &App) -> Option<String> {
    app.autoplay.map(|a| {
        if a.paused {
            "autoplay paused (p)".to_string()
        } else {
            format!("▶ autoplay {}s", a.every.as_secs_f64())
        }
    })
}

/// A role's style on the title bar's background.
fn on_bar(style: Style, theme: &Theme) -> Style {
    match theme.title_bar.bg {
        Some(bg) => style.bg(bg),
        None => style,
    }
}

fn title_bar(app: &App, area: Rect, buf: &mut Buffer, theme: &Theme) {
    paint::fill(buf, area, theme.title_bar);
    let mut spans = vec![Span::styled(NAME, on_bar(theme.accent, theme))];
    for (view, label) in tabs(app.view, area.width) {
        let style = if view == app.view {
            theme.selected
        } else {
            Style::new()
        };
        spans.push(Span::styled(label, style));
    }
    Line::from(spans).render(area, buf);
    if let Some(status) = autoplay_status(app) {
        let width = text::width(&status) as u16 + 1;
        let used: u16 = NAME.len() as u16
            + tabs(app.view, area.width)
                .iter()
                .map(|(_, l)| text::width(l) as u16)
                .sum::<u16>();
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

/// Presentation mode's bar: the view's name, "view n/N", autoplay and the talk timer.
fn present_bar(app: &App, area: Rect, buf: &mut Buffer, theme: &Theme) {
    paint::fill(buf, area, theme.title_bar);
    Line::from(vec![
        Span::styled(NAME, on_bar(theme.accent, theme)),
        Span::styled(app.view.title(), on_bar(theme.heading, theme)),
    ])
    .render(area, buf);
    Line::from(Span::styled(
        format!("view {}/{}", app.view.index() + 1, View::ALL.len()),
        on_bar(theme.text, theme),
    ))
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
/// from just before the last two (help and quit), which always stay.
fn hint_bar(area: Rect, buf: &mut Buffer, theme: &Theme) {
    let mut hints = keys::hints();
    let width = |hints: &[(String, &str)]| -> usize {
        hints
            .iter()
            .map(|(k, w)| text::width(k) + w.len() + 4)
            .sum::<usize>()
            + 1
    };
    while width(&hints) > area.width as usize && hints.len() > 2 {
        hints.remove(hints.len() - 3);
    }
    let mut spans = vec![Span::raw(" ")];
    for (keys, word) in hints {
        spans.push(Span::styled(keys, theme.hint_key));
        spans.push(Span::styled(format!(" {word}   "), theme.muted));
    }
    Line::from(spans).render(area, buf);
}

/// A view's heading: its title, then a muted detail (units, source).
fn heading<'a>(title: &'a str, detail: String, theme: &Theme) -> Line<'a> {
    Line::from(vec![
        Span::styled(title, theme.heading),
        Span::styled(detail, theme.muted),
    ])
}

/// A rectangle of at most `width`×`height`, centred in `area`.
pub fn centered(area: Rect, width: u16, height: u16) -> Rect {
    let (w, h) = (width.min(area.width), height.min(area.height));
    Rect {
        x: area.x + (area.width - w) / 2,
        y: area.y + (area.height - h) / 2,
        width: w,
        height: h,
    }
}
