//! One quote at a time, wrapped and centred, with speaker, source and position. A quote
//! taller than the screen scrolls: ↓ moves through its lines before moving to the next quote.

use ratatui::buffer::Buffer;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::style::Modifier;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Paragraph, Widget};

use super::text;
use super::theme::Theme;
use crate::app::App;
use crate::data::Quote;

/// Quotes read best at a book's line length, however wide the terminal.
const MAX_LINE: usize = 72;

pub fn render(app: &App, area: Rect, buf: &mut Buffer, theme: &Theme) {
    let quotes = &app.report.quotes;
    let Some(quote) = quotes.get(app.quote) else {
        return;
    };
    let [head, body, foot] = layout(area);

    let kind = if quote.reported {
        " · reported speech"
    } else {
        " · direct quote"
    };
    super::heading("In their words", kind.to_string(), theme).render(head, buf);

    let (words, speaker, source) = wrapped(quote, body.width);
    let height = (words.len() + 1 + speaker.len() + source.len()) as u16;
    let scroll = app.quote_scroll.min(height.saturating_sub(body.height));
    let mut position = vec![];
    if height > body.height {
        let last = scroll + body.height;
        position.push(Span::styled(
            format!(
                "lines {}–{last} of {height}{}   ",
                scroll + 1,
                if last < height { " ↓" } else { "" }
            ),
            theme.muted,
        ));
    }
    position.push(Span::styled(
        format!("{}/{}", app.quote + 1, quotes.len()),
        theme.accent,
    ));
    position.push(Span::styled("   ↑/↓ or j/k for more", theme.muted));
    Line::from(position).right_aligned().render(foot, buf);

    let mut lines: Vec<Line> = words
        .into_iter()
        .map(|l| Line::styled(l, theme.text.add_modifier(Modifier::ITALIC)))
        .collect();
    lines.push(Line::raw(""));
    lines.extend(speaker.into_iter().map(|l| Line::styled(l, theme.heading)));
    lines.extend(source.into_iter().map(|l| Line::styled(l, theme.muted)));
    // Centre the block vertically when it fits; otherwise it scrolls.
    let shown = height.min(body.height);
    let top = body.y + (body.height - shown) / 2;
    Paragraph::new(lines).centered().scroll((scroll, 0)).render(
        Rect {
            y: top,
            height: shown,
            ..body
        },
        buf,
    );
}

/// How far the current quote can scroll in a view of `area` (0 when it fits).
pub fn max_scroll(app: &App, area: Rect) -> u16 {
    let Some(quote) = app.report.quotes.get(app.quote) else {
        return 0;
    };
    let [_, body, _] = layout(area);
    let (words, speaker, source) = wrapped(quote, body.width);
    ((words.len() + 1 + speaker.len() + source.len()) as u16).saturating_sub(body.height)
}

/// Heading, quote, position.
fn layout(area: Rect) -> [Rect; 3] {
    Layout::vertical([
        Constraint::Length(1),
        Constraint::Fill(1),
        Constraint::Length(1),
    ])
    .areas(area)
}

/// The quote, its speaker and its source, each wrapped to the line length.
fn wrapped(quote: &Quote, body_width: u16) -> (Vec<String>, Vec<String>, Vec<String>) {
    let width = (body_width as usize).saturating_sub(4).clamp(1, MAX_LINE);
    (
        text::wrap(&quote.display_text(), width),
        text::wrap(&format!("— {}", quote.speaker), width),
        text::wrap(&quote.source, width),
    )
}

#[cfg(test)]
mod tests {
    use crate::action::Action;
    use crate::app::{App, View};
    use crate::data::builtin;
    use crate::snapshot::render_text;
    use crate::ui::text::width;

    fn quotes_with_first(text: &str, speaker: &str) -> App {
        let mut report = builtin().unwrap();
        report.quotes[0].text = text.to_string();
        report.quotes[0].speaker = speaker.to_string();
        let mut app = App::new(report, View::Quotes);
        app.update(Action::Resize(80, 24));
        app
    }

    /// Every row is exactly the frame's width and keeps its border: wide characters are
    /// counted as two cells everywhere.
    fn assert_frame_intact(shown: &str) {
        let rows: Vec<&str> = shown.lines().collect();
        assert_eq!(rows.len(), 24);
        for row in &rows[2..22] {
            assert_eq!(width(row), 80, "{row}");
            assert!(row.starts_with('│') && row.ends_with('│'), "{row}");
        }
    }

    #[test]
    fn a_long_quote_scrolls_to_its_speaker() {
        let mut app = quotes_with_first(&"The digital divide is wide. ".repeat(60), "Someone");
        let top = render_text(&app, 80, 24);
        assert!(top.contains("lines 1–18 of 28 ↓   1/8"), "{top}");
        assert!(!top.contains("— Someone"));
        for _ in 0..10 {
            app.update(Action::Down);
        }
        let end = render_text(&app, 80, 24);
        assert!(end.contains("— Someone"), "{end}");
        assert!(end.contains("lines 11–28 of 28   1/8"), "{end}");
        assert_frame_intact(&end);
    }

    #[test]
    fn cjk_wraps_by_width_and_scrolls() {
        let mut app = quotes_with_first(
            &"数字鸿沟进一步缩小。".repeat(100),
            "刘振民, 联合国副秘书长",
        );
        let top = render_text(&app, 80, 24);
        assert_frame_intact(&top);
        // 72 cells a line: 36 characters of two cells each.
        assert!(
            top.contains(&format!("“{}", &"数字鸿沟进一步缩小。".repeat(4)[..35 * 3])),
            "{top}"
        );
        let room = crate::ui::quote_scroll_room(&app, ratatui::layout::Rect::new(0, 0, 80, 24));
        assert!(room > 0);
        for _ in 0..room {
            app.update(Action::Down);
        }
        assert_eq!((app.quote, app.quote_scroll), (0, room));
        let end = render_text(&app, 80, 24);
        assert_frame_intact(&end);
        assert!(end.contains("— 刘振民, 联合国副秘书长"), "{end}");
    }
}
