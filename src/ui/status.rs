//! The status line: shown in place of the key hints after a reload, until dismissed.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::Widget;

use super::theme::Theme;
use crate::app::Status;
use crate::text;

/// After the error, longest first; the first that still fits is shown.
const TAILS: [&str; 3] = [
    "  · last good data kept · Esc dismisses",
    "  · Esc dismisses",
    "",
];

pub fn render(status: &Status, area: Rect, buf: &mut Buffer, theme: &Theme) {
    let line = match status {
        Status::Reloaded => Line::from(Span::styled(" ✓ data reloaded", theme.accent)),
        Status::Notice(text) => Line::from(Span::styled(
            format!(
                " · {}",
                text::truncate(text, (area.width as usize).saturating_sub(3))
            ),
            theme.muted,
        )),
        Status::Error(message) => {
            // The error itself comes first: it says where to look.
            let head = " ✗ ";
            let room = (area.width as usize).saturating_sub(text::width(head));
            let tail = TAILS
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
    line.render(area, buf);
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::snapshot::buffer_text;

    fn shown(status: &Status, width: u16) -> String {
        let area = Rect::new(0, 0, width, 1);
        let mut buf = Buffer::empty(area);
        render(status, area, &mut buf, &Theme::default());
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
        assert_eq!(shown(&Status::Reloaded, 60), " ✓ data reloaded");
    }
}
