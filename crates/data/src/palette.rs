//! A theme file as read: one colour per role, by name. The built-in theme files are parsed
//! and checked once at build time (build.rs includes this file) and compiled in.

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
}
