//! Colours and text styles. Views ask the theme for a role (urban, rural, muted, …), never
//! for a colour, so a theme can change every view at once.

use ratatui::style::{Color, Modifier, Style};

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Theme {
    pub text: Style,
    pub muted: Style,
    pub heading: Style,
    pub accent: Style,
    pub border: Style,
    /// The current tab, the selected row.
    pub selected: Style,
    pub title_bar: Style,
    pub hint_key: Style,
    /// Urban and rural: an Okabe–Ito blue/orange pair, safe for colour-blind viewers.
    pub urban: Style,
    pub rural: Style,
    /// A third series (world individuals).
    pub other: Style,
}

impl Default for Theme {
    fn default() -> Self {
        Theme::dark()
    }
}

impl Theme {
    pub fn dark() -> Theme {
        let fg = Color::Rgb(0xd8, 0xd8, 0xd8);
        Theme {
            text: Style::new().fg(fg),
            muted: Style::new().fg(Color::Rgb(0x8a, 0x8a, 0x8a)),
            heading: Style::new()
                .fg(Color::Rgb(0xf0, 0xf0, 0xf0))
                .add_modifier(Modifier::BOLD),
            accent: Style::new()
                .fg(Color::Rgb(0xf0, 0xe4, 0x42))
                .add_modifier(Modifier::BOLD),
            border: Style::new().fg(Color::Rgb(0x5a, 0x5a, 0x5a)),
            selected: Style::new()
                .fg(Color::Rgb(0x10, 0x10, 0x10))
                .bg(Color::Rgb(0xf0, 0xe4, 0x42))
                .add_modifier(Modifier::BOLD),
            title_bar: Style::new().fg(fg).bg(Color::Rgb(0x26, 0x26, 0x26)),
            hint_key: Style::new()
                .fg(Color::Rgb(0xe6, 0x9f, 0x00))
                .add_modifier(Modifier::BOLD),
            urban: Style::new().fg(Color::Rgb(0x56, 0xb4, 0xe9)),
            rural: Style::new().fg(Color::Rgb(0xe6, 0x9f, 0x00)),
            other: Style::new().fg(Color::Rgb(0x00, 0x9e, 0x73)),
        }
    }
}
