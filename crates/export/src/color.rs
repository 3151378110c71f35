//! Terminal colours as the RGB a handout prints: truecolour as it is, the 16 named colours
//! and the 256-colour palette as xterm draws them, `Reset` as the paper or ink it stands for.

use std::fmt;

use ratatui::style::Color;

use gapdash_ui::theme::{palette_index, palette_rgb};

/// A colour written as `#rrggbb`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Rgb(pub u8, pub u8, pub u8);

impl fmt::Display for Rgb {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "#{:02x}{:02x}{:02x}", self.0, self.1, self.2)
    }
}

impl Rgb {
    /// The colour in hex without the `#`, for ids.
    pub fn hex(self) -> String {
        format!("{:02x}{:02x}{:02x}", self.0, self.1, self.2)
    }
}

/// What `Reset` means on paper: black ink on white.
pub const INK: Rgb = Rgb(0, 0, 0);
pub const PAPER: Rgb = Rgb(255, 255, 255);

/// The RGB of a terminal colour, as xterm draws it; None for `Reset` (the terminal's own
/// colour).
pub fn rgb(color: Color) -> Option<Rgb> {
    match color {
        Color::Rgb(r, g, b) => Some(Rgb(r, g, b)),
        _ => palette_index(color).map(|i| {
            let (r, g, b) = palette_rgb(i);
            Rgb(r, g, b)
        }),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn colours_print_as_xterm_draws_them() {
        assert_eq!(rgb(Color::Rgb(0, 0x72, 0xb2)), Some(Rgb(0, 0x72, 0xb2)));
        assert_eq!(rgb(Color::Blue), Some(Rgb(0, 0, 238)));
        assert_eq!(rgb(Color::Indexed(196)), Some(Rgb(255, 0, 0)));
        assert_eq!(rgb(Color::Indexed(233)), Some(Rgb(18, 18, 18)));
        assert_eq!(rgb(Color::Indexed(9)), rgb(Color::LightRed));
        assert_eq!(rgb(Color::Reset), None);
        assert_eq!(Rgb(0, 0x72, 0xb2).to_string(), "#0072b2");
    }
}
