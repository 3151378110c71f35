//! Build-time work: the built-in data files and themes parsed and checked once, here, with
//! the crate's own data module, and compiled into the binary as postcard bytes the dashboard
//! decodes in microseconds instead of parsing TOML at every start. Data that does not pass
//! `check` fails the build with the same messages.

#![allow(dead_code)]

use std::path::PathBuf;

// The parts of the crate loading needs (nothing here reads `OUT_DIR`).
#[path = "src/clean.rs"]
pub mod clean;
#[path = "src/dates.rs"]
pub mod dates;
#[path = "src/doc.rs"]
pub mod doc;
#[path = "src/figures.rs"]
pub mod figures;
#[path = "src/fmt.rs"]
pub mod fmt;
#[path = "src/i18n.rs"]
pub mod i18n;
#[path = "src/load.rs"]
pub mod load;
#[path = "src/model.rs"]
pub mod model;
#[path = "src/problem.rs"]
pub mod problem;
#[path = "src/rates.rs"]
pub mod rates;
#[path = "src/read.rs"]
pub mod read;
#[path = "src/sources.rs"]
pub mod sources;
#[path = "src/validate.rs"]
pub mod validate;

/// What load.rs reaches through `super::compiled` at run time; the build has no
/// compiled data yet.
mod compiled {
    pub fn report() -> Option<super::model::Report> {
        None
    }
}

#[path = "src/palette.rs"]
mod palette;

/// The built-in themes, in the order `t` cycles through them (crates/ui/src/theme.rs).
const THEMES: [&str; 4] = ["dark", "light", "contrast", "terminal"];

fn main() {
    for watched in ["../../data", "../../assets/themes", "src"] {
        println!("cargo::rerun-if-changed={watched}");
    }
    let out = PathBuf::from(std::env::var_os("OUT_DIR").expect("cargo sets OUT_DIR"));

    let report = load::parse_builtin()
        .unwrap_or_else(|e| panic!("the built-in data does not pass check:\n{e}"));
    // The built-in notes state only figures of the built-in data: none is stale.
    let warnings: Vec<String> = report.warnings.iter().map(|w| format!("{w:#}")).collect();
    assert!(
        warnings.is_empty(),
        "the built-in notes are stale:\n{}",
        warnings.join("\n")
    );
    let bytes = postcard::to_allocvec(&report).expect("the report serializes");
    std::fs::write(out.join("builtin.postcard"), bytes).expect("writing builtin.postcard");

    let palettes: Vec<palette::Palette> = THEMES
        .iter()
        .map(|name| {
            let path = format!("../../assets/themes/{name}.toml");
            let text = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{path}: {e}"));
            let palette: palette::Palette =
                toml::from_str(&text).unwrap_or_else(|e| panic!("{path}: {e}"));
            assert_eq!(
                palette.name, *name,
                "{path}: the theme's name is its file's"
            );
            palette
        })
        .collect();
    let bytes = postcard::to_allocvec(&palettes).expect("the palettes serialize");
    std::fs::write(out.join("themes.postcard"), bytes).expect("writing themes.postcard");
}
