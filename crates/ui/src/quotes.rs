//! One quote at a time, wrapped and centred, with speaker, source and position. A quote
//! taller than the screen scrolls: ↓ moves through its lines before moving to the next quote.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::Modifier;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Paragraph, Widget};

use super::theme::Theme;
use gapdash_app::app::App;
use gapdash_app::layout::{self, QuoteLines};

pub fn render(app: &App, area: Rect, buf: &mut Buffer, theme: &Theme) {
    let quotes = &app.report().quotes;
    let Some(quote) = quotes.get(app.quote()) else {
        return;
    };
    let [head, body, foot] = layout::quote_rows(area);
    let words = app.strings();
    let q = &words.quotes;

    let kind = if quote.reported {
        &q.reported
    } else {
        &q.direct
    };
    super::fitted(super::heading(&q.title, kind.clone(), theme), head).render(head, buf);

    let lines = QuoteLines::new(quote, words, body.width);
    let height = lines.height();
    let scroll = app.quote_scroll().min(height.saturating_sub(body.height));
    let mut position = vec![];
    if height > body.height {
        let last = scroll + body.height;
        let shown = q
            .lines
            .fill(&[("from", &(scroll + 1)), ("to", &last), ("total", &height)]);
        position.push(Span::styled(
            format!("{shown}{}   ", if last < height { " ↓" } else { "" }),
            theme.muted,
        ));
    }
    position.push(Span::styled(
        format!("{}/{}", app.quote() + 1, quotes.len()),
        theme.accent,
    ));
    position.push(Span::styled(format!("   {}", q.more), theme.muted));
    super::fitted(Line::from(position), foot)
        .right_aligned()
        .render(foot, buf);

    let QuoteLines {
        words,
        speaker,
        source,
    } = lines;
    let mut text: Vec<Line> = words
        .into_iter()
        .map(|l| Line::styled(l, theme.text.add_modifier(Modifier::ITALIC)))
        .collect();
    text.push(Line::raw(""));
    text.extend(speaker.into_iter().map(|l| Line::styled(l, theme.heading)));
    text.extend(source.into_iter().map(|l| Line::styled(l, theme.muted)));
    // Centre the block vertically when it fits; otherwise it scrolls.
    let shown = height.min(body.height);
    let top = body.y + (body.height - shown) / 2;
    Paragraph::new(text).centered().scroll((scroll, 0)).render(
        Rect {
            y: top,
            height: shown,
            ..body
        },
        buf,
    );
}

#[cfg(test)]
mod tests {
    use crate::snapshot::render_text;
    use gapdash_app::action::Action;
    use gapdash_app::app::{App, View};
    use gapdash_app::text::width;
    use gapdash_data::builtin;

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
        let room = app.quote_scroll_room();
        assert!(room > 0);
        for _ in 0..room {
            app.update(Action::Down);
        }
        assert_eq!((app.quote(), app.quote_scroll()), (0, room));
        let end = render_text(&app, 80, 24);
        assert_frame_intact(&end);
        assert!(end.contains("— 刘振民, 联合国副秘书长"), "{end}");
    }
}
