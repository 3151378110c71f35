//! Colours and text styles. Views ask the theme for a role (urban, rural, muted, …), never
//! for a colour, so a theme changes every view at once. Themes are TOML palettes
//! (assets/themes/, compiled in) resolved once for the terminal's colour depth.

use anyhow::{Result, anyhow};
use ratatui::style::{Color, Modifier, Style};

use gapdash_data::Problem;

/// The built-in themes, in the order `t` cycles through them.
pub const BUILTIN: [(&str, &str); 4] = [
    ("dark", include_str!("../../../assets/themes/dark.toml")),
    ("light", include_str!("../../../assets/themes/light.toml")),
    (
        "contrast",
        include_str!("../../../assets/themes/contrast.toml"),
    ),
    (
        "terminal",
        include_str!("../../../assets/themes/terminal.toml"),
    ),
];

/// How many colours the terminal can show; NO_COLOR asks for none at all.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ColorDepth {
    TrueColor,
    Ansi256,
    Ansi16,
    NoColor,
}

impl ColorDepth {
    /// From the environment: NO_COLOR (any non-empty value) wins; then TERM where it names a
    /// terminal that cannot show 24-bit colour, whatever COLORTERM says; then COLORTERM; then
    /// TERM's count of colours.
    pub fn detect(no_color: Option<&str>, colorterm: Option<&str>, term: Option<&str>) -> Self {
        let term = term.unwrap_or("");
        if no_color.is_some_and(|v| !v.is_empty()) {
            ColorDepth::NoColor
        } else if term.ends_with("-direct") {
            // terminfo's name for a terminal of 24-bit ("direct") colour: xterm-direct.
            ColorDepth::TrueColor
        } else if colorterm.is_some_and(|c| c == "truecolor" || c == "24bit")
            && !without_truecolor(term)
        {
            ColorDepth::TrueColor
        } else if term.contains("256") {
            ColorDepth::Ansi256
        } else {
            ColorDepth::Ansi16
        }
    }
}

/// Whether TERM names a terminal that cannot show 24-bit colour. COLORTERM is inherited by
/// whatever runs inside the terminal that set it, so it can speak for an outer terminal:
/// GNU screen (`screen`, `screen-256color`, `screen.xterm-256color`; screen 4 drops 24-bit
/// colour, and tmux, which also offers `screen` names, is given its 256 colours), the Linux
/// console (16 colours), the DEC terminals (`vt100`, `vt220`), `ansi`, the BSD console
/// (`cons25`), `dumb`, and any TERM that counts fewer colours (`xterm-16color`, `…-88color`,
/// `…-8color`, `…-mono`).
fn without_truecolor(term: &str) -> bool {
    let family = term.split(['-', '.']).next().unwrap_or("");
    let numbered = |prefix: &str| {
        family
            .strip_prefix(prefix)
            .is_some_and(|n| n.starts_with(|c: char| c.is_ascii_digit()))
    };
    matches!(family, "screen" | "linux" | "ansi" | "dumb")
        || numbered("vt")
        || numbered("cons")
        || ["-mono", "-8color", "-16color", "-88color"]
            .iter()
            .any(|count| term.ends_with(count))
}

pub use gapdash_data::palette::Palette;

use gapdash_data::builtin_palettes as compiled;

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Theme {
    pub name: String,
    /// Plain text on the theme's background; the whole screen is filled with it first.
    pub text: Style,
    pub muted: Style,
    pub heading: Style,
    pub accent: Style,
    pub border: Style,
    /// The current tab, the selected row.
    pub selected: Style,
    pub title_bar: Style,
    pub hint_key: Style,
    pub urban: Style,
    pub rural: Style,
    /// A third series (world individuals, poor villages).
    pub other: Style,
    /// The talk timer in its last two minutes.
    pub warning: Style,
}

impl Default for Theme {
    fn default() -> Self {
        Theme::builtin("dark", ColorDepth::TrueColor).unwrap_or_else(|_| Theme::plain())
    }
}

impl Theme {
    /// A built-in theme by name.
    /// A built-in theme by name, from the palettes checked and compiled in at build time.
    pub fn builtin(name: &str, depth: ColorDepth) -> Result<Theme> {
        let palettes = compiled();
        let palette = palettes
            .iter()
            .find(|p| p.name == name)
            .ok_or_else(|| anyhow!("no built-in theme {name:?}"))?;
        Theme::from_palette(palette, depth).map_err(|e| anyhow!("assets/themes/{name}.toml: {e}"))
    }

    /// All built-in themes, for cycling.
    pub fn all_builtin(depth: ColorDepth) -> Result<Vec<Theme>> {
        BUILTIN
            .iter()
            .map(|(n, _)| Theme::builtin(n, depth))
            .collect()
    }

    /// A theme file's text, `file` naming it in errors (`file:line:column: message`).
    pub fn parse(text: &str, file: &str, depth: ColorDepth) -> Result<Theme> {
        let palette: Palette = toml::from_str(text).map_err(|e| {
            let problem = Problem::toml(file, text, e);
            anyhow!("{problem:#}")
        })?;
        Theme::from_palette(&palette, depth).map_err(|e| anyhow!("{file}: {e}"))
    }

    pub fn from_palette(p: &Palette, depth: ColorDepth) -> Result<Theme, String> {
        if depth == ColorDepth::NoColor {
            return Ok(Theme {
                name: p.name.clone(),
                ..Theme::plain()
            });
        }
        // Every section is checked, whichever the terminal uses: a slip in one is found on
        // the first start, not on the first 16-colour terminal.
        for (section, roles) in [("ansi256.", &p.ansi256), ("ansi16.", &p.ansi16)] {
            for field in ROLES {
                if let Some(value) = roles.get(field).filter(|v| parse_color(v).is_none()) {
                    return Err(format!(
                        "{section}{field}: expected a colour such as \"#56b4e9\", \"blue\" or \"reset\", found {value:?}"
                    ));
                }
            }
        }
        let (section, roles) = match depth {
            ColorDepth::Ansi256 => ("ansi256.", Some(&p.ansi256)),
            ColorDepth::Ansi16 => ("ansi16.", Some(&p.ansi16)),
            ColorDepth::TrueColor | ColorDepth::NoColor => ("", None),
        };
        let c = |field: &str, value: &str| -> Result<Color, String> {
            let (field, value) = match roles.and_then(|r| r.get(field)) {
                Some(given) => (format!("{section}{field}"), given),
                None => (field.to_string(), value),
            };
            parse_color(value)
                .map(|color| reduce(color, depth))
                .ok_or_else(|| format!("{field}: expected a colour such as \"#56b4e9\", \"blue\" or \"reset\", found {value:?}"))
        };
        let base = if p.bold {
            Modifier::BOLD
        } else {
            Modifier::empty()
        };
        let bg = c("background", &p.background)?;
        let fg = |field: &str, value: &str| -> Result<Style, String> {
            Ok(Style::new().fg(c(field, value)?).bg(bg).add_modifier(base))
        };
        // A role left to the terminal's own text colour is told apart as the plain theme
        // tells it: the accent underlined, the warning in reverse video.
        let told = |style: Style, modifier: Modifier| {
            if style.fg == Some(Color::Reset) {
                style.add_modifier(modifier)
            } else {
                style
            }
        };
        Ok(Theme {
            name: p.name.clone(),
            text: fg("text", &p.text)?,
            muted: fg("muted", &p.muted)?,
            heading: fg("heading", &p.heading)?.add_modifier(Modifier::BOLD),
            accent: told(
                fg("accent", &p.accent)?.add_modifier(Modifier::BOLD),
                Modifier::UNDERLINED,
            ),
            border: fg("border", &p.border)?,
            selected: Style::new()
                .fg(c("selected_fg", &p.selected_fg)?)
                .bg(c("selected_bg", &p.selected_bg)?)
                .add_modifier(Modifier::BOLD),
            title_bar: fg("text", &p.text)?.bg(c("bar", &p.bar)?),
            hint_key: fg("hint_key", &p.hint_key)?.add_modifier(Modifier::BOLD),
            urban: fg("urban", &p.urban)?,
            rural: fg("rural", &p.rural)?,
            other: fg("other", &p.other)?,
            warning: told(
                fg("warning", &p.warning)?.add_modifier(Modifier::BOLD),
                Modifier::REVERSED,
            ),
        })
    }

    /// No colour at all (NO_COLOR): emphasis by bold, reverse and underline only.
    pub fn plain() -> Theme {
        let none = Style::new();
        Theme {
            name: "plain".to_string(),
            text: none,
            muted: none,
            heading: none.add_modifier(Modifier::BOLD),
            accent: none.add_modifier(Modifier::BOLD | Modifier::UNDERLINED),
            border: none,
            selected: none.add_modifier(Modifier::REVERSED | Modifier::BOLD),
            title_bar: none,
            hint_key: none.add_modifier(Modifier::BOLD),
            urban: none,
            rural: none,
            other: none,
            warning: none.add_modifier(Modifier::BOLD | Modifier::REVERSED),
        }
    }
}

/// The roles a theme file colours, by their names in it.
const ROLES: [&str; 14] = [
    "background",
    "text",
    "muted",
    "heading",
    "accent",
    "border",
    "selected_fg",
    "selected_bg",
    "bar",
    "hint_key",
    "urban",
    "rural",
    "other",
    "warning",
];

/// "#rrggbb", a colour name ratatui knows ("blue", "lightred", "darkgray"), "reset", or an
/// xterm palette index ("208").
fn parse_color(value: &str) -> Option<Color> {
    let v = value.trim();
    if let Some(hex) = v.strip_prefix('#') {
        if hex.len() != 6 {
            return None;
        }
        let n = u32::from_str_radix(hex, 16).ok()?;
        return Some(Color::Rgb((n >> 16) as u8, (n >> 8) as u8, n as u8));
    }
    if let Ok(i) = v.parse::<u8>() {
        return Some(Color::Indexed(i));
    }
    match v.to_ascii_lowercase().as_str() {
        "reset" | "default" => Some(Color::Reset),
        name => name.parse::<Color>().ok(),
    }
}

/// The 16 ANSI colours as xterm draws them, in palette order: for picking the nearest, for
/// a colour's palette index (the terminal encoder) and its RGB (the handouts).
const ANSI16: [(Color, (u8, u8, u8)); 16] = [
    (Color::Black, (0, 0, 0)),
    (Color::Red, (205, 0, 0)),
    (Color::Green, (0, 205, 0)),
    (Color::Yellow, (205, 205, 0)),
    (Color::Blue, (0, 0, 238)),
    (Color::Magenta, (205, 0, 205)),
    (Color::Cyan, (0, 205, 205)),
    (Color::Gray, (229, 229, 229)),
    (Color::DarkGray, (127, 127, 127)),
    (Color::LightRed, (255, 0, 0)),
    (Color::LightGreen, (0, 255, 0)),
    (Color::LightYellow, (255, 255, 0)),
    (Color::LightBlue, (92, 92, 255)),
    (Color::LightMagenta, (255, 0, 255)),
    (Color::LightCyan, (0, 255, 255)),
    (Color::White, (255, 255, 255)),
];

/// A colour the terminal can show: truecolor kept, else the nearest of 256 or of 16.
pub fn reduce(color: Color, depth: ColorDepth) -> Color {
    let Color::Rgb(r, g, b) = color else {
        return color;
    };
    match depth {
        ColorDepth::TrueColor => color,
        ColorDepth::Ansi256 => Color::Indexed(nearest_256(r, g, b)),
        ColorDepth::Ansi16 => nearest_16(r, g, b),
        ColorDepth::NoColor => Color::Reset,
    }
}

fn distance((r1, g1, b1): (u8, u8, u8), (r2, g2, b2): (u8, u8, u8)) -> u32 {
    let d = |a: u8, b: u8| (i32::from(a) - i32::from(b)).pow(2) as u32;
    d(r1, r2) + d(g1, g2) + d(b1, b2)
}

fn nearest_16(r: u8, g: u8, b: u8) -> Color {
    ANSI16
        .iter()
        .min_by_key(|(_, rgb)| distance(*rgb, (r, g, b)))
        .map_or(Color::Reset, |(c, _)| *c)
}

/// The nearest colour of xterm's 6×6×6 cube and 24-step grey ramp.
/// The six levels of each channel of xterm's 6×6×6 colour cube (palette 16–231).
const LEVELS: [u8; 6] = [0, 95, 135, 175, 215, 255];

/// A colour's index in the terminal's 256-colour palette: one of the 16 named ones, or an
/// indexed one; None for `Reset` and RGB, which are not in the palette.
pub fn palette_index(color: Color) -> Option<u8> {
    match color {
        Color::Indexed(i) => Some(i),
        Color::Reset | Color::Rgb(..) => None,
        named => ANSI16
            .iter()
            .position(|(c, _)| *c == named)
            .and_then(|i| u8::try_from(i).ok()),
    }
}

/// The RGB xterm draws palette colour `i` in: the 16, the 6×6×6 cube, the 24-step grey ramp.
pub fn palette_rgb(i: u8) -> (u8, u8, u8) {
    match i {
        0..=15 => ANSI16[usize::from(i)].1,
        16..=231 => {
            let n = i - 16;
            (
                LEVELS[usize::from(n / 36)],
                LEVELS[usize::from(n / 6 % 6)],
                LEVELS[usize::from(n % 6)],
            )
        }
        _ => {
            let v = 8 + 10 * (i - 232);
            (v, v, v)
        }
    }
}

fn nearest_256(r: u8, g: u8, b: u8) -> u8 {
    let level = |v: u8| {
        (0..6)
            .min_by_key(|i| (i32::from(LEVELS[*i]) - i32::from(v)).abs())
            .unwrap_or(0)
    };
    let (ri, gi, bi) = (level(r), level(g), level(b));
    let cube = (LEVELS[ri], LEVELS[gi], LEVELS[bi]);
    let cube_index = 16 + 36 * ri as u8 + 6 * gi as u8 + bi as u8;
    let grey_step = ((u16::from(r) + u16::from(g) + u16::from(b)) / 3).saturating_sub(8) / 10;
    let grey_step = grey_step.min(23) as u8;
    let grey = 8 + 10 * grey_step;
    if distance((grey, grey, grey), (r, g, b)) < distance(cube, (r, g, b)) {
        232 + grey_step
    } else {
        cube_index
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_builtin_theme_parses_at_every_depth() {
        for depth in [
            ColorDepth::TrueColor,
            ColorDepth::Ansi256,
            ColorDepth::Ansi16,
            ColorDepth::NoColor,
        ] {
            assert_eq!(Theme::all_builtin(depth).unwrap().len(), 4);
        }
    }

    #[test]
    fn depth_follows_the_environment() {
        assert_eq!(
            ColorDepth::detect(Some("1"), Some("truecolor"), None),
            ColorDepth::NoColor
        );
        assert_eq!(
            ColorDepth::detect(Some(""), Some("truecolor"), None),
            ColorDepth::TrueColor
        );
        assert_eq!(
            ColorDepth::detect(None, Some("24bit"), None),
            ColorDepth::TrueColor
        );
        assert_eq!(
            ColorDepth::detect(None, None, Some("xterm-256color")),
            ColorDepth::Ansi256
        );
        assert_eq!(
            ColorDepth::detect(None, None, Some("linux")),
            ColorDepth::Ansi16
        );
        assert_eq!(
            ColorDepth::detect(None, None, Some("xterm-direct")),
            ColorDepth::TrueColor
        );
    }

    #[test]
    fn colorterm_inherited_into_a_terminal_without_truecolor_is_not_believed() {
        let inherited = Some("truecolor");
        for (term, depth) in [
            ("screen", ColorDepth::Ansi16),
            ("screen-256color", ColorDepth::Ansi256),
            ("screen.xterm-256color", ColorDepth::Ansi256),
            ("screen.linux", ColorDepth::Ansi16),
            ("linux", ColorDepth::Ansi16),
            ("vt100", ColorDepth::Ansi16),
            ("vt220", ColorDepth::Ansi16),
            ("ansi", ColorDepth::Ansi16),
            ("cons25", ColorDepth::Ansi16),
            ("dumb", ColorDepth::Ansi16),
            ("xterm-16color", ColorDepth::Ansi16),
            ("rxvt-88color", ColorDepth::Ansi16),
            ("xterm-mono", ColorDepth::Ansi16),
        ] {
            assert_eq!(
                ColorDepth::detect(None, inherited, Some(term)),
                depth,
                "TERM={term} COLORTERM=truecolor"
            );
            assert_eq!(
                ColorDepth::detect(None, Some("24bit"), Some(term)),
                depth,
                "TERM={term} COLORTERM=24bit"
            );
        }
        // Terminals that do show 24-bit colour keep it, whatever their name's likeness.
        for term in [
            "xterm-256color",
            "tmux-256color",
            "alacritty",
            "xterm-kitty",
            "wezterm",
            "foot",
            "rxvt-unicode-256color",
            "konsole",
            "vte-256color",
            "st-256color",
        ] {
            assert_eq!(
                ColorDepth::detect(None, inherited, Some(term)),
                ColorDepth::TrueColor,
                "TERM={term}"
            );
        }
        assert_eq!(
            ColorDepth::detect(None, inherited, None),
            ColorDepth::TrueColor,
            "no TERM: COLORTERM is all there is"
        );
        assert_eq!(
            ColorDepth::detect(Some("1"), inherited, Some("xterm-direct")),
            ColorDepth::NoColor
        );
    }

    #[test]
    fn truecolor_falls_back_to_nearest() {
        assert_eq!(
            reduce(Color::Rgb(255, 255, 255), ColorDepth::Ansi256),
            Color::Indexed(231)
        );
        assert_eq!(
            reduce(Color::Rgb(0, 0, 0), ColorDepth::Ansi256),
            Color::Indexed(16)
        );
        assert_eq!(
            reduce(Color::Rgb(0x12, 0x12, 0x12), ColorDepth::Ansi256),
            Color::Indexed(233)
        );
        assert_eq!(
            reduce(Color::Rgb(0xe6, 0x9f, 0x00), ColorDepth::Ansi16),
            Color::Yellow
        );
        assert_eq!(reduce(Color::Blue, ColorDepth::Ansi16), Color::Blue);
    }

    #[test]
    fn no_color_theme_has_no_colours() {
        let t = Theme::builtin("dark", ColorDepth::NoColor).unwrap();
        for s in [
            t.text, t.muted, t.heading, t.accent, t.selected, t.urban, t.rural, t.warning,
        ] {
            assert_eq!((s.fg, s.bg), (None, None));
        }
        assert!(t.selected.add_modifier.contains(Modifier::REVERSED));
    }

    #[test]
    fn the_compiled_palettes_are_the_theme_files() {
        let compiled = compiled();
        assert_eq!(compiled.len(), BUILTIN.len());
        for ((name, text), palette) in BUILTIN.iter().zip(&compiled) {
            let parsed: Palette = toml::from_str(text).expect("a built-in theme parses");
            assert_eq!(&parsed, palette, "{name}");
        }
    }

    #[test]
    fn bad_colour_names_the_field() {
        let text = BUILTIN[0]
            .1
            .replace("urban = \"#56b4e9\"", "urban = \"sky\"");
        let err = Theme::parse(&text, "my.toml", ColorDepth::TrueColor).unwrap_err();
        assert!(
            format!("{err}").contains("my.toml: urban: expected a colour"),
            "{err}"
        );
    }

    #[test]
    fn a_depth_takes_the_colours_its_section_gives() {
        let dark = |depth| Theme::builtin("dark", depth).unwrap();
        // The nearest of the 256 to the Okabe–Ito orange is a gold; the theme says orange.
        assert_eq!(
            reduce(Color::Rgb(0xe6, 0x9f, 0x00), ColorDepth::Ansi256),
            Color::Indexed(178)
        );
        assert_eq!(
            dark(ColorDepth::Ansi256).rural.fg,
            Some(Color::Indexed(172))
        );
        assert_eq!(dark(ColorDepth::Ansi16).urban.fg, Some(Color::LightBlue));
        assert_eq!(dark(ColorDepth::Ansi16).rural.fg, Some(Color::Yellow));
        assert_eq!(
            dark(ColorDepth::TrueColor).rural.fg,
            Some(Color::Rgb(0xe6, 0x9f, 0x00))
        );
        // A role the section leaves out is the nearest colour.
        assert_eq!(dark(ColorDepth::Ansi16).text.fg, Some(Color::Gray));
        let text = format!(
            "{}\n[ansi16]\nrural = \"amber\"\n",
            BUILTIN[0].1.split("\n[").next().unwrap()
        );
        let err = Theme::parse(&text, "my.toml", ColorDepth::Ansi16).unwrap_err();
        assert!(
            format!("{err}").contains("my.toml: ansi16.rural: expected a colour"),
            "{err}"
        );
        let err = Theme::parse(&text, "my.toml", ColorDepth::TrueColor).unwrap_err();
        assert!(format!("{err}").contains("ansi16.rural"), "{err}");
    }

    #[test]
    fn a_section_can_give_every_role() {
        let section: String = ROLES.iter().map(|r| format!("{r} = \"red\"\n")).collect();
        let roles: gapdash_data::palette::Roles = toml::from_str(&section).unwrap();
        for role in ROLES {
            assert_eq!(roles.get(role), Some("red"), "{role}");
        }
    }

    #[test]
    fn roles_left_to_the_terminal_are_told_apart_without_colour() {
        let t = Theme::builtin("terminal", ColorDepth::Ansi16).unwrap();
        assert_eq!(t.warning.fg, Some(Color::Reset));
        assert!(t.warning.add_modifier.contains(Modifier::REVERSED));
        assert!(t.accent.add_modifier.contains(Modifier::UNDERLINED));
        let dark = Theme::builtin("dark", ColorDepth::Ansi16).unwrap();
        assert!(!dark.warning.add_modifier.contains(Modifier::REVERSED));
    }

    #[test]
    fn urban_and_rural_differ_in_every_theme() {
        for t in Theme::all_builtin(ColorDepth::TrueColor).unwrap() {
            assert_ne!(t.urban.fg, t.rural.fg, "{}", t.name);
        }
    }
}
