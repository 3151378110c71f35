//! The speaker's notes: the panel `n` opens under the dashboard, and the paragraphs the
//! console shows large.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::Modifier;
use ratatui::text::Line;
use ratatui::widgets::{Block, BorderType, Clear, Padding, Paragraph, Widget};

use super::theme::Theme;
use gapdash_app::app::App;
use gapdash_app::view::View;
use gapdash_app::{layout, notes, text};
use gapdash_data::Strings;

/// Notes wrapped to `width` cells, a blank line between them: the first, what to say now,
/// in bold; the rest (the quotes view's own note) muted.
pub fn paragraphs<S: AsRef<str>>(notes: &[S], width: usize, theme: &Theme) -> Vec<Line<'static>> {
    layout::notes_lines(notes, width)
        .into_iter()
        .map(|(i, line)| {
            let style = if i == 0 {
                theme.text.add_modifier(Modifier::BOLD)
            } else {
                theme.muted
            };
            Line::styled(line, style)
        })
        .collect()
}

/// A view as titles name it: "4 Quotes".
pub fn named(words: &Strings, view: View) -> String {
    format!("{} {}", view.number(), view.title(words))
}

/// Where the view stands, for a title: "4 Quotes · quote 2/8".
pub fn place(words: &Strings, view: View, quote: usize, quotes: usize) -> String {
    let name = named(words, view);
    if view == View::Quotes && quotes > 0 {
        words
            .notes
            .quote_place
            .fill(&[("view", &name), ("n", &(quote + 1)), ("total", &quotes)])
    } else {
        name
    }
}

/// The panel: the notes of the view on screen, and the next view's name.
pub fn render(app: &App, area: Rect, buf: &mut Buffer, theme: &Theme) {
    let view = app.view();
    let words = app.strings();
    let next = match view.saturating_add(1) {
        last if last == view => format!(" {} ", words.notes.last),
        next => format!(
            " {} ",
            words.notes.next.fill(&[("view", &named(words, next))])
        ),
    };
    let place = place(words, view, app.quote(), app.report().quotes.len());
    let title = format!(" {} ", words.notes.title.fill(&[("place", &place)]));
    let block = Block::bordered()
        .border_type(BorderType::Rounded)
        .border_style(theme.accent)
        .style(theme.text)
        .padding(Padding::horizontal(1))
        .title(Line::styled(title, theme.heading))
        .title(Line::styled(next, theme.muted).right_aligned());
    let inner = block.inner(area);
    Clear.render(area, buf);
    block.render(area, buf);
    let width = inner.width as usize;
    let said = notes::of(app.report(), view, app.quote(), app.lang());
    let lines = text::fit(
        paragraphs(&said, width, theme),
        inner.height as usize,
        width,
    );
    Paragraph::new(lines).render(inner, buf);
}
