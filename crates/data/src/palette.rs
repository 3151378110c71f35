//! A theme file as read: one colour per role, by name, and where a terminal of 256 or 16
//! colours needs another, that one. The built-in theme files are parsed and checked once at
//! build time (build.rs includes this file) and compiled in.

use serde::{Deserialize, Serialize};

/// A theme file: one colour per role.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Palette {
    pub name: String,
    pub background: String,
    pub text: String,
    pub muted: String,
    pub heading: String,
    pub accent: String,
    pub border: String,
    pub selected_fg: String,
    pub selected_bg: String,
    /// Background of the title bar.
    pub bar: String,
    pub hint_key: String,
    pub urban: String,
    pub rural: String,
    pub other: String,
    pub warning: String,
    /// Everything bold (projectors wash thin strokes out).
    #[serde(default)]
    pub bold: bool,
    /// Roles' colours on a terminal of 256 colours, where the nearest of its palette is not
    /// the colour meant (a gold for an orange); a role left out is the nearest.
    #[serde(default)]
    pub ansi256: Roles,
    /// The same on a terminal of 16 colours, which has no orange, and whose blue is too dark
    /// to read on black.
    #[serde(default)]
    pub ansi16: Roles,
}

/// A colour for some of the roles, by the same names as a theme file's.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Roles {
    pub background: Option<String>,
    pub text: Option<String>,
    pub muted: Option<String>,
    pub heading: Option<String>,
    pub accent: Option<String>,
    pub border: Option<String>,
    pub selected_fg: Option<String>,
    pub selected_bg: Option<String>,
    pub bar: Option<String>,
    pub hint_key: Option<String>,
    pub urban: Option<String>,
    pub rural: Option<String>,
    pub other: Option<String>,
    pub warning: Option<String>,
}

impl Roles {
    /// The colour given for the role named `field`, if any.
    pub fn get(&self, field: &str) -> Option<&str> {
        let colour = match field {
            "background" => &self.background,
            "text" => &self.text,
            "muted" => &self.muted,
            "heading" => &self.heading,
            "accent" => &self.accent,
            "border" => &self.border,
            "selected_fg" => &self.selected_fg,
            "selected_bg" => &self.selected_bg,
            "bar" => &self.bar,
            "hint_key" => &self.hint_key,
            "urban" => &self.urban,
            "rural" => &self.rural,
            "other" => &self.other,
            "warning" => &self.warning,
            _ => &None,
        };
        colour.as_deref()
    }
}
