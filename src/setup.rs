//! What the two executables share: `gapdash` (the dashboard, its console and its commands)
//! and `gapdash-export` (the handouts, which `gapdash export` runs; see src/bin): reading
//! the themes, and how an error or clap's words end the program.

use std::path::Path;
use std::process::ExitCode;

use anyhow::{Result, bail};

use gapdash_data::clean::clean;
use gapdash_data::read::{ReadError, read_file};
use gapdash_term::output;
use gapdash_ui::theme::{BUILTIN as BUILTIN_THEMES, ColorDepth, Theme};

/// A theme file is a few hundred bytes of TOML; anything larger is refused unread.
const THEME_LIMIT: u64 = 64 * 1024;

/// The themes `t` cycles through, starting with the one asked for: the built-ins in their
/// order from that one, or a theme file (read here, with the data, before the terminal
/// changes) followed by the built-ins.
pub fn themes(first: &str, depth: ColorDepth) -> Result<Vec<Theme>> {
    let mut all = Theme::all_builtin(depth)?;
    if let Some(i) = all.iter().position(|t| t.name == first) {
        all.rotate_left(i);
        return Ok(all);
    }
    let path = Path::new(first);
    let shown = clean(&path.display().to_string()).into_owned();
    let bytes = match read_file(path, THEME_LIMIT) {
        Ok(bytes) => bytes,
        Err(ReadError::NotFound) => {
            let names: Vec<&str> = BUILTIN_THEMES.iter().map(|(n, _)| *n).collect();
            bail!(
                "theme {shown:?} is neither a built-in theme ({}) nor a file",
                names.join(", ")
            );
        }
        Err(e) => bail!("theme {shown}: {e}"),
    };
    let text = String::from_utf8(bytes)
        .map_err(|_| anyhow::anyhow!("theme {shown}: file is not UTF-8 text"))?;
    all.insert(0, Theme::parse(&text, &shown, depth)?);
    Ok(all)
}

/// The program's status: its own, or 1 after saying on stderr what went wrong.
pub fn finish(result: Result<ExitCode>) -> ExitCode {
    match result {
        Ok(code) => code,
        Err(e) => {
            let message = output::plain(&format!("{e:#}"));
            output::stderr(&format!("gapdash: {}\n", clean(&message)));
            ExitCode::FAILURE
        }
    }
}

/// `--help`, `--version`, or arguments clap refused: what clap says, written as any other
/// output is, so that output lost (a full disk, a closed pipe) ends in a non-zero status.
pub fn arguments_refused(e: &clap::Error) -> ExitCode {
    let text = e.render().to_string();
    if e.use_stderr() {
        output::stderr(&text);
        return ExitCode::from(2);
    }
    match output::stdout(&text) {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            output::stderr(&format!("gapdash: {}\n", output::plain(&format!("{e:#}"))));
            ExitCode::FAILURE
        }
    }
}

/// An environment variable, if set and valid Unicode.
pub fn env(name: &str) -> Option<String> {
    std::env::var(name).ok()
}
