//! `gapdash-export`: the handouts (PDF, HTML, SVG, PNG), an executable of their own so that
//! the dashboard's binary carries none of their code and fonts (start-up and memory: see the
//! README's Performance). `gapdash export …` runs it from beside itself; run directly, it
//! takes the same arguments, with or without the word `export`.

use std::ffi::OsString;
use std::process::ExitCode;

use anyhow::{Result, bail};
use clap::Parser;

use gapdash::cli::{self, Args, Command};
use gapdash::data::DataSource;
use gapdash::data::clean::clean;
use gapdash::export;
use gapdash::output;
use gapdash::setup::{arguments_refused, env, finish, themes};
use gapdash::ui::theme::ColorDepth;

fn main() -> ExitCode {
    let args = match Args::try_parse_from(arguments(std::env::args_os())) {
        Ok(args) => args,
        Err(e) => return arguments_refused(&e),
    };
    finish(run(args))
}

/// The command line as `gapdash export` reads it: named gapdash, the word `export` first.
fn arguments(given: impl Iterator<Item = OsString>) -> Vec<OsString> {
    let mut rest: Vec<OsString> = given.skip(1).collect();
    if rest.first().is_none_or(|first| first != "export") {
        rest.insert(0, "export".into());
    }
    rest.insert(0, "gapdash".into());
    rest
}

fn run(args: Args) -> Result<ExitCode> {
    let Some(Command::Export {
        out,
        format,
        theme,
        size,
        view,
        present,
        lang,
        notes,
        force,
        data,
    }) = args.command
    else {
        bail!("gapdash-export writes handouts only: gapdash export --out DIR");
    };
    // Handouts are in full colour whatever the terminal; --theme as the dashboard takes it.
    let theme = themes(&theme, ColorDepth::TrueColor)?.remove(0);
    let report = DataSource::new(data).load()?;
    let request = export::Request {
        out,
        formats: format,
        size: (size.width, size.height),
        views: view,
        present,
        lang: cli::language(lang, env),
        notes,
        force,
    };
    let done = export::run(&report, &theme, &request)?;
    for warning in &done.warnings {
        output::stderr(&format!("gapdash: {}\n", clean(warning)));
    }
    let mut text = String::new();
    for path in done.written {
        text.push_str(&format!("wrote {}\n", clean(&path.display().to_string())));
    }
    output::stdout(&text)?;
    Ok(ExitCode::SUCCESS)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn words(args: &[&str]) -> Vec<OsString> {
        args.iter().map(OsString::from).collect()
    }

    #[test]
    fn the_word_export_is_added_when_run_directly() {
        let given = words(&["/usr/bin/gapdash-export", "--out", "h"]);
        assert_eq!(
            arguments(given.into_iter()),
            words(&["gapdash", "export", "--out", "h"])
        );
        let given = words(&["gapdash-export", "export", "--out", "h"]);
        assert_eq!(
            arguments(given.into_iter()),
            words(&["gapdash", "export", "--out", "h"])
        );
        assert_eq!(
            arguments(words(&["gapdash-export"]).into_iter()),
            words(&["gapdash", "export"])
        );
    }
}
