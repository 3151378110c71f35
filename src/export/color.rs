//! Terminal colours as the RGB a handout prints: truecolour as it is, the 16 named colours
//! and the 256-colour palette as xterm draws them, `Reset` as the paper or ink it stands for.

use std::fmt;

use ratatui::style::Color;

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

/// The 16 ANSI colours as xterm draws them.
const ANSI16: [Rgb; 16] = [
    Rgb(0, 0, 0),
    Rgb(205, 0, 0),
    Rgb(0, 205, 0),
    Rgb(205, 205, 0),
    Rgb(0, 0, 238),
    Rgb(205, 0, 205),
    Rgb(0, 205, 205),
    Rgb(229, 229, 229),
    Rgb(127, 127, 127),
    Rgb(255, 0, 0),
    Rgb(0, 255, 0),
    Rgb(255, 255, 0),
    Rgb(92, 92, 255),
    Rgb(255, 0, 255),
    Rgb(0, 255, 255),
    Rgb(255, 255, 255),
];

/// The RGB of a terminal colour; None for `Reset` (the terminal's own colour).
pub fn rgb(color: Color) -> Option<Rgb> {
    let index = match color {
        Color::Reset => return None,
        Color::Rgb(r, g, b) => return Some(Rgb(r, g, b)),
        Color::Indexed(i) => return Some(indexed(i)),
        Color::Black => 0,
        Color::Red => 1,
        Color::Green => 2,
        Color::Yellow => 3,
        Color::Blue => 4,
        Color::Magenta => 5,
        Color::Cyan => 6,
        Color::Gray => 7,
        Color::DarkGray => 8,
        Color::LightRed => 9,
        Color::LightGreen => 10,
        Color::LightYellow => 11,
        Color::LightBlue => 12,
        Color::LightMagenta => 13,
        Color::LightCyan => 14,
        Color::White => 15,
    };
    Some(ANSI16[index])
}

/// xterm's 256 colours: the 16, a 6×6×6 cube, a 24-step grey ramp.
fn indexed(i: u8) -> Rgb {
    const LEVELS: [u8; 6] = [0, 95, 135, 175, 215, 255];
    match i {
        0..=15 => ANSI16[usize::from(i)],
        16..=231 => {
            let n = i - 16;
            Rgb(
                LEVELS[usize::from(n / 36)],
                LEVELS[usize::from(n / 6 % 6)],
                LEVELS[usize::from(n % 6)],
            )
        }
        _ => {
            let v = 8 + 10 * (i - 232);
            Rgb(v, v, v)
        }
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
