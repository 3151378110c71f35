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
use gapdash_app::text;

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

/// Every quote for a reader, one after another under the view's title: each in full with
/// its speaker, its source and whether it is reported or direct; no position, no scrolling.
pub fn for_reader(app: &App, width: u16, theme: &Theme) -> Vec<Line<'static>> {
    let words = app.strings();
    let q = &words.quotes;
    let mut text = text::wrap_lines(
        &[Line::styled(q.title.clone(), theme.heading)],
        width as usize,
    );
    for quote in &app.report().quotes {
        let kind = if quote.reported {
            &q.reported
        } else {
            &q.direct
        };
        let QuoteLines {
            words: said,
            speaker,
            ..
        } = QuoteLines::new(quote, words, width);
        let source = text::wrap(
            &format!("{}{kind}", words.term(&quote.source)),
            (width as usize)
                .saturating_sub(4)
                .clamp(1, layout::QUOTE_LINE),
        );
        text.push(Line::raw(""));
        text.extend(
            said.into_iter()
                .map(|l| Line::styled(l, theme.text.add_modifier(Modifier::ITALIC)).centered()),
        );
        text.push(Line::raw(""));
        text.extend(
            speaker
                .into_iter()
                .map(|l| Line::styled(l, theme.heading).centered()),
        );
        text.extend(
            source
                .into_iter()
                .map(|l| Line::styled(l, theme.muted).centered()),
        );
    }
    text
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

    /// For a reader the quotes follow one another in full, a long one too, with no
    /// position and no scroll hint.
    #[test]
    fn for_a_reader_every_quote_is_whole_with_no_position_or_hint() {
        let app = quotes_with_first(&"The digital divide is wide. ".repeat(60), "Someone");
        let theme = crate::theme::Theme::default();
        let lines = super::for_reader(&app, 76, &theme);
        let shown: Vec<String> = lines.iter().map(|l| l.to_string()).collect();
        let all = shown.join("\n");
        let flat = all.split_whitespace().collect::<Vec<_>>().join(" ");
        assert_eq!(
            flat.matches("The digital divide is wide.").count(),
            60,
            "{all}"
        );
        for quote in &app.report().quotes {
            assert!(all.contains(&format!("— {}", quote.speaker)), "{all}");
        }
        let words = &app.strings().quotes;
        assert!(!all.contains(&words.more) && !all.contains("1/8"), "{all}");
        assert!(shown.iter().all(|l| width(l) <= 76), "{all}");
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
