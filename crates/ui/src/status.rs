//! The status line: shown in place of the key hints after a reload, until dismissed.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::Widget;

use super::theme::Theme;
use gapdash_app::app::{App, Status};
use gapdash_app::text;
use gapdash_data::i18n::counted;

pub fn render(app: &App, status: &Status, area: Rect, buf: &mut Buffer, theme: &Theme) {
    let words = &app.strings().status;
    let line = match status {
        Status::Reloaded { stale } => {
            let mut line = Line::from(Span::styled(format!(" {}", words.reloaded), theme.accent));
            if *stale > 0 {
                let said = counted(*stale, &words.stale_one, &words.stale);
                line.push_span(Span::styled(format!(" · {said}"), theme.warning));
            }
            line
        }
        // Said in English: it is shown because Chinese cannot be.
        Status::NoWideText => Line::from(Span::styled(
            format!(" {}", app.report().i18n.en.language.no_wide_text),
            theme.accent,
        )),
        Status::Notice(text) => Line::from(Span::styled(
            format!(
                " · {}",
                text::truncate(text, (area.width as usize).saturating_sub(3))
            ),
            theme.muted,
        )),
        Status::Error(message) => {
            // The error itself comes first: it says where to look. After it, longest first,
            // the first tail that still fits.
            let tails = [
                format!("  · {} · {}", words.kept, words.dismiss),
                format!("  · {}", words.dismiss),
                String::new(),
            ];
            let head = " ✗ ";
            let room = (area.width as usize).saturating_sub(text::width(head));
            let tail = tails
                .into_iter()
                .find(|tail| text::width(message) + text::width(tail) <= room)
                .unwrap_or_default();
            Line::from(vec![
                Span::styled(head, theme.hint_key),
                Span::styled(text::truncate(message, room), theme.hint_key),
                Span::styled(tail, theme.muted),
            ])
        }
    };
    super::fitted(line, area).render(area, buf);
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::snapshot::buffer_text;

    fn shown(status: &Status, width: u16) -> String {
        let app = App::new(
            gapdash_data::builtin().unwrap(),
            gapdash_app::view::View::Overview,
        );
        let area = Rect::new(0, 0, width, 1);
        let mut buf = Buffer::empty(area);
        render(&app, status, area, &mut buf, &Theme::default());
        buffer_text(&buf).trim_end().to_string()
    }

    #[test]
    fn the_error_comes_first_and_the_hint_only_when_it_fits() {
        let error = Status::Error(
            "mydata/penetration.toml:15:13: rural_pct must be between 0 and 100, found 112.5"
                .into(),
        );
        assert_eq!(
            shown(&error, 100),
            " ✗ mydata/penetration.toml:15:13: rural_pct must be between 0 and 100, found 112.5  · Esc dismisses"
        );
        assert_eq!(
            shown(&error, 60),
            " ✗ mydata/penetration.toml:15:13: rural_pct must be between…"
        );
        assert_eq!(
            shown(&Status::Reloaded { stale: 0 }, 60),
            " ✓ data reloaded"
        );
        assert_eq!(
            shown(&Status::Reloaded { stale: 1 }, 80),
            " ✓ data reloaded · 1 note is stale (gapdash check names its line)"
        );
        assert_eq!(
            shown(&Status::Reloaded { stale: 5 }, 80),
            " ✓ data reloaded · 5 notes are stale (gapdash check names their lines)"
        );
        assert_eq!(
            shown(&Status::NoWideText, 40),
            " Chinese needs a UTF-8 terminal without…"
        );
    }
}
