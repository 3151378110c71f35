//! Drawing only: the frame (title bar with tabs, the view, the hint bar) and the overlays.
//! Nothing here changes state.

mod bars;
mod help;
mod overview;
mod penetration;
mod quotes;
mod sales;
mod sources;
mod status;
pub mod text;
pub mod theme;
mod world;

use ratatui::buffer::Buffer;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, BorderType, Paragraph, Widget, Wrap};

use crate::app::{App, View};
use crate::keys;
use theme::Theme;

/// Below this size the frame cannot show a view legibly, so it says so instead.
pub const MIN_WIDTH: u16 = 60;
pub const MIN_HEIGHT: u16 = 18;

impl Widget for &App {
    fn render(self, area: Rect, buf: &mut Buffer) {
        let theme = Theme::default();
        buf.set_style(area, theme.text);
        if area.width < MIN_WIDTH || area.height < MIN_HEIGHT {
            too_small(area, buf, &theme);
            return;
        }
        let [title, body, hints] = Layout::vertical([
            Constraint::Length(1),
            Constraint::Fill(1),
            Constraint::Length(1),
        ])
        .areas(area);
        title_bar(self.view, title, buf, &theme);
        Block::bordered()
            .border_type(BorderType::Rounded)
            .border_style(theme.border)
            .render(body, buf);
        let inner = view_area(area);
        match self.view {
            View::Overview => overview::render(self, inner, buf, &theme),
            View::Penetration => penetration::render(self, inner, buf, &theme),
            View::Sales => sales::render(self, inner, buf, &theme),
            View::Quotes => quotes::render(self, inner, buf, &theme),
            View::World => world::render(self, inner, buf, &theme),
            View::Sources => sources::render(self, inner, buf, &theme),
        }
        match &self.status {
            Some(status) => status::render(status, hints, buf, &theme),
            None => hint_bar(hints, buf, &theme),
        }
        if self.help {
            help::render(area, buf, &theme);
        }
    }
}

/// Where a view draws, inside the frame of a terminal of `area`.
fn view_area(area: Rect) -> Rect {
    let body = Rect {
        y: area.y + 1,
        height: area.height.saturating_sub(2),
        ..area
    };
    body.inner(ratatui::layout::Margin::new(2, 1))
}

/// How far the current quote can scroll in a terminal of `area`, so `App::update` knows
/// whether ↓ scrolls the quote or moves to the next one.
pub fn quote_scroll_room(app: &App, area: Rect) -> u16 {
    if area.width < MIN_WIDTH || area.height < MIN_HEIGHT {
        return 0;
    }
    quotes::max_scroll(app, view_area(area))
}

/// The full-screen message for a terminal below the minimum size.
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
    let top = area.y + (area.height - height) / 2;
    paragraph.render(
        Rect {
            y: top,
            height,
            ..area
        },
        buf,
    );
}

/// Tabs, numbered as the keys 1–6 are. When the full names do not fit, only the current
/// view keeps its name.
fn title_bar(current: View, area: Rect, buf: &mut Buffer, theme: &Theme) {
    buf.set_style(area, theme.title_bar);
    let name = " gapdash ";
    let tab = |view: View, full: bool| -> String {
        let pad = if view == current { " " } else { "" };
        if full || view == current {
            format!(" {} {}{pad}", view.index() + 1, view.title())
        } else {
            format!(" {}{pad}", view.index() + 1)
        }
    };
    let width = |full: bool| -> usize {
        name.len()
            + View::ALL
                .iter()
                .map(|v| text::width(&tab(*v, full)))
                .sum::<usize>()
    };
    let full = width(true) <= area.width as usize;
    let mut spans = vec![Span::styled(name, theme.accent)];
    for view in View::ALL {
        let style = if view == current {
            theme.selected
        } else {
            Style::new()
        };
        spans.push(Span::styled(tab(view, full), style));
    }
    Line::from(spans).render(area, buf);
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
