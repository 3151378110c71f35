//! The speaker's notes: the panel `n` opens under the dashboard, and the paragraphs the
//! console shows large.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::Modifier;
use ratatui::text::Line;
use ratatui::widgets::{Block, BorderType, Clear, Paragraph, Widget};

use super::theme::Theme;
use gapdash_app::app::App;
use gapdash_app::layout::{self, NoteLine};
use gapdash_app::view::View;
use gapdash_data::Strings;
use gapdash_data::i18n::counted;

/// Lines of notes (see [`layout::notes_lines`]) styled: the stale warning in the warning
/// colour, what to say now in bold, the rest (the quotes view's own note) muted, and that
/// there are none muted.
pub fn styled(lines: Vec<(NoteLine, String)>, theme: &Theme) -> Vec<Line<'static>> {
    lines
        .into_iter()
        .map(|(kind, line)| {
            let style = match kind {
                NoteLine::Stale => theme.warning.add_modifier(Modifier::BOLD),
                NoteLine::Now => theme.text.add_modifier(Modifier::BOLD),
                NoteLine::Later | NoteLine::None => theme.muted,
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

/// The panel: the notes of the view on screen, scrolled by `app.notes_scroll()`, with the
/// next view's name above and, when some are out of sight, how many lines are left below.
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
    let at = layout::notes_panel_text(area);
    let lines = app.notes_lines();
    let scroll = app.notes_scroll();
    let below = lines
        .len()
        .saturating_sub(scroll as usize + at.height as usize);
    let more = if below > 0 {
        Some(counted(below, &words.console.more_one, &words.console.more))
    } else if scroll > 0 {
        Some(words.help.more_above.clone())
    } else {
        None
    };
    let mut block = Block::bordered()
        .border_type(BorderType::Rounded)
        .border_style(theme.accent)
        .style(theme.text)
        .title(Line::styled(title, theme.heading))
        .title(Line::styled(next, theme.muted).right_aligned());
    if let Some(more) = more {
        block = block.title_bottom(Line::styled(format!(" {more} "), theme.accent).right_aligned());
    }
    Clear.render(area, buf);
    block.render(area, buf);
    Paragraph::new(styled(lines, theme))
        .scroll((scroll, 0))
        .render(at, buf);
}
