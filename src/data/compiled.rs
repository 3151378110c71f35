//! The built-in data as build.rs parsed and checked it (the same files `check` reads), compiled
//! in so that the dashboard starts without parsing TOML.

use super::model::Report;

/// The built-in report, decoded from the bytes build.rs wrote.
pub fn report() -> Option<Report> {
    const BYTES: &[u8] = include_bytes!(concat!(env!("OUT_DIR"), "/builtin.postcard"));
    postcard::from_bytes(BYTES).ok()
}
