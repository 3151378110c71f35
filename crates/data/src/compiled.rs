//! The built-in data as build.rs parsed and checked it (the same files `check` reads), compiled
//! in so that the dashboard starts without parsing TOML.

use super::model::Report;

/// The built-in report, decoded from the bytes build.rs wrote.
pub fn report() -> Option<Report> {
    const BYTES: &[u8] = include_bytes!(concat!(env!("OUT_DIR"), "/builtin.postcard"));
    postcard::from_bytes(BYTES).ok()
}

/// The built-in palettes, in the order `t` cycles through them, parsed and checked by build.rs
/// from assets/themes/ and compiled in.
pub fn palettes() -> Vec<super::palette::Palette> {
    const BYTES: &[u8] = include_bytes!(concat!(env!("OUT_DIR"), "/themes.postcard"));
    // build.rs wrote these bytes from the same type; they cannot fail to decode.
    postcard::from_bytes(BYTES).unwrap_or_default()
}
