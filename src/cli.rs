//! The command line (clap derive).

use std::path::PathBuf;

use anyhow::{Result, bail};
use clap::{CommandFactory, Parser, Subcommand};
use clap_complete::Shell;

use gapdash_app::layout::{MIN_HEIGHT, MIN_WIDTH};
use gapdash_app::view::View;
use gapdash_data::Lang;
#[cfg(feature = "export")]
use gapdash_export::Format;

#[derive(Debug, Parser)]
#[command(
    name = "gapdash",
    version,
    about = "China's urban–rural digital divide in the terminal, from the China Internet Development Report 2020",
    after_help = "Keys: Tab/→ next view, Shift-Tab/← previous, 1–7 jump, ? help, q quit.",
    // The dashboard's options are the dashboard's: `gapdash --present snapshot …` is refused
    // rather than silently ignored.
    args_conflicts_with_subcommands = true
)]
pub struct Args {
    #[command(flatten)]
    pub dashboard: Dashboard,

    #[command(subcommand)]
    pub command: Option<Command>,
}

impl Args {
    /// The command line, as clap reads it; with no arguments at all (how a presenter starts
    /// the dashboard) what clap makes of none, without building clap's parser: that was a
    /// tenth of the time to the first frame (README, Performance). A test holds the two to
    /// be the same.
    pub fn from_command_line() -> Result<Args, clap::Error> {
        if std::env::args_os().len() <= 1 {
            return Ok(Args::none());
        }
        Args::try_parse()
    }

    /// No arguments: the dashboard, every option at its default.
    fn none() -> Args {
        Args {
            dashboard: Dashboard {
                view: View::Overview,
                present: false,
                talk: None,
                autoplay: None,
                no_animation: false,
                stage: None,
                theme: "dark".to_string(),
                ascii: false,
                lang: None,
                data: None,
                watch: false,
                session: gapdash_console::console::DEFAULT_SESSION.to_string(),
            },
            command: None,
        }
    }
}

/// The options of the dashboard itself (no subcommand).
#[derive(Debug, clap::Args)]
pub struct Dashboard {
    /// The view to start on.
    #[arg(long, value_enum, default_value_t = View::Overview)]
    pub view: View,

    /// Start in presentation mode (F5 toggles it, Esc leaves it).
    #[arg(long)]
    pub present: bool,

    /// Talk length in minutes: the timer counts down and warns in the last two.
    #[arg(long, value_name = "MINUTES", value_parser = clap::value_parser!(u32).range(1..=600))]
    pub talk: Option<u32>,

    /// Move to the next view (or quote) every SECS seconds, looping; `p` pauses.
    #[arg(long, value_name = "SECS", value_parser = parse_secs)]
    pub autoplay: Option<f64>,

    /// Bars appear at once instead of growing in presentation mode.
    #[arg(long)]
    pub no_animation: bool,

    /// Draw in a fixed WIDTHxHEIGHT area centred in the terminal (rehearse a projector);
    /// at least 60x18.
    #[arg(long, value_name = "WxH", value_parser = parse_stage)]
    pub stage: Option<Size>,

    /// Colour theme: dark, light, contrast, terminal, or a path to a theme TOML file.
    #[arg(long, value_name = "NAME|PATH", default_value = "dark")]
    pub theme: String,

    /// Only ASCII characters on screen (on by itself when TERM is linux, vt100 or dumb).
    #[arg(long)]
    pub ascii: bool,

    /// Language: zh (中文) or en; without it, the locale's (LC_ALL, LC_MESSAGES, LANG).
    /// `L` switches while it runs.
    #[arg(long, value_enum)]
    pub lang: Option<Language>,

    /// Read the data files from DIR instead of the built-in data (`gapdash init DIR` makes one).
    #[arg(long, value_name = "DIR")]
    pub data: Option<PathBuf>,

    /// Reload the data by itself when a file in the --data folder changes.
    #[arg(long, requires = "data")]
    pub watch: bool,

    /// The session's name, for `gapdash console --session NAME` to follow this dashboard
    /// when several run at once.
    #[arg(long, value_name = "NAME", default_value = gapdash_console::console::DEFAULT_SESSION, value_parser = parse_session)]
    pub session: String,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Print one view as plain text (no escape codes) and exit: handouts, README pictures.
    Snapshot {
        /// The view to print.
        #[arg(value_enum)]
        view: View,
        /// Width×height in cells, e.g. 100x30.
        #[arg(long, default_value = "100x30", value_parser = parse_size)]
        size: Size,
        /// Only ASCII characters (whatever the terminal; the output is the same everywhere
        /// without it).
        #[arg(long)]
        ascii: bool,
        /// Language: zh (中文) or en; without it, the locale's (LC_ALL, LC_MESSAGES, LANG).
        #[arg(long, value_enum)]
        lang: Option<Language>,
        /// Read the data files from DIR instead of the built-in data.
        #[arg(long, value_name = "DIR")]
        data: Option<PathBuf>,
    },
    /// The presenter's console: the notes of the view on the projector, what comes next, the
    /// timer and the clock, in a second terminal; its keys drive the dashboard.
    ///
    /// Run the dashboard in one terminal (`gapdash --present`) and this in another: it finds
    /// the dashboard of its session and follows it, and waits for it (and reconnects) when
    /// there is none.
    #[command(
        after_help = "Keys: PgDn/PgUp next/back, 1–7 view, ↑/↓ scroll notes or quotes, b blank, F5 present, q quit."
    )]
    Console {
        /// The session to follow: the dashboard's --session.
        #[arg(long, value_name = "NAME", default_value = gapdash_console::console::DEFAULT_SESSION, value_parser = parse_session)]
        session: String,
        /// Colour theme: dark, light, contrast, terminal, or a path to a theme TOML file.
        #[arg(long, value_name = "NAME|PATH", default_value = "dark")]
        theme: String,
        /// Only ASCII characters on screen (on by itself when TERM is linux, vt100 or dumb).
        #[arg(long)]
        ascii: bool,
        /// Language until the dashboard answers (then the dashboard's): zh (中文) or en;
        /// without it, the locale's.
        #[arg(long, value_enum)]
        lang: Option<Language>,
    },
    /// Check the data files and print a summary; on failure, every problem and exit code 1.
    Check {
        /// The folder to check (the built-in data without it).
        #[arg(long, value_name = "DIR")]
        data: Option<PathBuf>,
    },
    /// Write the built-in data files into DIR, to edit and use with --data DIR.
    Init {
        /// The folder to create and write into.
        dir: PathBuf,
        /// Overwrite data files that already exist in DIR.
        #[arg(long)]
        force: bool,
    },
    /// Write handouts of the views for an audience: PDF, HTML, SVG, PNG and CSV.
    ///
    /// Into DIR: handout.pdf (A4 pages of the views as the audience saw them, without the
    /// keys, every quote and source in its view's place), index.html (one self-contained
    /// page that reflows on a phone, each view's figures as tables of text), an SVG and a
    /// PNG per view, and the data as CSV, a file per table. Written by gapdash-export,
    /// installed beside gapdash.
    #[cfg(feature = "export")]
    #[command(after_help = "Example: gapdash export --out handout")]
    Export {
        /// The folder to write into (made if missing; files an earlier export wrote are
        /// replaced, others only with --force).
        #[arg(long, value_name = "DIR")]
        out: PathBuf,
        /// Which files to write, comma-separated.
        #[arg(long, value_enum, value_delimiter = ',', default_values_t = Format::ALL)]
        format: Vec<Format>,
        /// Colour theme: light (paper), dark, contrast, terminal, or a path to a theme TOML file.
        #[arg(long, value_name = "NAME|PATH", default_value = "light")]
        theme: String,
        /// Width×height of each screen in cells; from 60x18 to 400x150.
        #[arg(long, value_name = "WxH", default_value = "100x30", value_parser = parse_screen)]
        size: Size,
        /// Only these views, comma-separated, in this order (all of them without it).
        #[arg(long, value_enum, value_delimiter = ',')]
        view: Vec<View>,
        /// Draw the views as presentation mode shows them.
        #[arg(long)]
        present: bool,
        /// Language: zh (中文) or en; without it, the locale's (LC_ALL, LC_MESSAGES, LANG).
        #[arg(long, value_enum)]
        lang: Option<Language>,
        /// After each view in handout.pdf, a page of its speaker's notes: the presenter's copy.
        #[arg(long)]
        notes: bool,
        /// Replace files in DIR that no earlier export wrote.
        #[arg(long)]
        force: bool,
        /// Read the data files from DIR instead of the built-in data.
        #[arg(long, value_name = "DIR")]
        data: Option<PathBuf>,
    },
    /// Print the manual page (roff) of gapdash, or of one of its commands:
    /// `gapdash man > gapdash.1`.
    Man {
        /// The command whose page to print (export, snapshot, …); gapdash's own without it.
        #[arg(value_name = "COMMAND")]
        command: Option<String>,
    },
    /// Print a shell completion script: `gapdash completions bash > …`.
    Completions {
        /// The shell to complete in.
        #[arg(value_enum)]
        shell: Shell,
    },
}

/// The languages `--lang` takes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum Language {
    /// 中文
    Zh,
    /// English
    En,
}

/// The language asked for: `--lang`, else the locale's.
pub fn language(arg: Option<Language>, var: impl Fn(&str) -> Option<String>) -> Lang {
    match arg {
        Some(Language::Zh) => Lang::Zh,
        Some(Language::En) => Lang::En,
        None => Lang::from_locale(var),
    }
}

/// A terminal size in cells.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Size {
    pub width: u16,
    pub height: u16,
}

fn parse_size(s: &str) -> Result<Size, String> {
    let (w, h) = s
        .split_once(['x', 'X', '×'])
        .ok_or_else(|| format!("expected WIDTHxHEIGHT such as 100x30, found {s:?}"))?;
    let parse = |v: &str, what: &str| {
        v.trim()
            .parse::<u16>()
            .ok()
            .filter(|n| (1..=1000).contains(n))
            .ok_or_else(|| format!("{what} must be a whole number from 1 to 1000, found {v:?}"))
    };
    Ok(Size {
        width: parse(w, "width")?,
        height: parse(h, "height")?,
    })
}

/// A `--stage` size: no smaller than the dashboard can draw in.
fn parse_stage(s: &str) -> Result<Size, String> {
    let size = parse_size(s)?;
    if size.width < MIN_WIDTH || size.height < MIN_HEIGHT {
        return Err(format!(
            "a stage must be at least {MIN_WIDTH}x{MIN_HEIGHT} (the smallest the dashboard draws in), found {}x{}",
            size.width, size.height
        ));
    }
    Ok(size)
}

/// An export's screen size: no smaller than the dashboard can draw in.
#[cfg(feature = "export")]
fn parse_screen(s: &str) -> Result<Size, String> {
    let size = parse_size(s)?;
    if size.width < MIN_WIDTH || size.height < MIN_HEIGHT {
        return Err(format!(
            "a screen must be at least {MIN_WIDTH}x{MIN_HEIGHT} (the smallest the dashboard draws in), found {}x{}",
            size.width, size.height
        ));
    }
    Ok(size)
}

/// The manual page of gapdash, or of its command `command` (named `gapdash-COMMAND`), as roff.
pub fn man_page(command: Option<&str>) -> Result<String> {
    let gapdash = Args::command();
    let page = match command {
        None => gapdash,
        Some(name) => {
            let Some(sub) = gapdash.find_subcommand(name) else {
                let names: Vec<&str> = gapdash
                    .get_subcommands()
                    .map(|c| c.get_name())
                    .filter(|n| *n != "help")
                    .collect();
                bail!(
                    "there is no command {name:?}; the commands are {}",
                    names.join(", ")
                );
            };
            sub.clone()
                .version(env!("CARGO_PKG_VERSION"))
                .display_name(format!("gapdash-{name}"))
                .bin_name(format!("gapdash {name}"))
        }
    };
    let mut out = Vec::new();
    clap_mangen::Man::new(page).render(&mut out)?;
    Ok(String::from_utf8_lossy(&out).into_owned())
}

/// A completion script for `shell`.
pub fn completions(shell: Shell) -> String {
    let mut out = Vec::new();
    clap_complete::generate(shell, &mut Args::command(), "gapdash", &mut out);
    String::from_utf8_lossy(&out).into_owned()
}

/// A session's name: it names the session's socket file, so only letters, digits, `.`, `_`
/// and `-`, at most 64 of them, not starting with a dot.
fn parse_session(s: &str) -> Result<String, String> {
    let fine = !s.is_empty()
        && s.len() <= 64
        && !s.starts_with('.')
        && s.chars()
            .all(|c| c.is_ascii_alphanumeric() || matches!(c, '.' | '_' | '-'));
    if fine {
        Ok(s.to_string())
    } else {
        Err(format!(
            "a session name is 1 to 64 letters, digits, '.', '_' or '-', not starting with '.'; found {:?}",
            s
        ))
    }
}

fn parse_secs(s: &str) -> Result<f64, String> {
    s.parse::<f64>()
        .ok()
        .filter(|v| v.is_finite() && (0.5..=3600.0).contains(v))
        .ok_or_else(|| format!("expected seconds from 0.5 to 3600, found {s:?}"))
}

/// Whether TERM names a console that lacks box and block glyphs.
pub fn ascii_terminal(term: Option<&str>) -> bool {
    matches!(term, Some("linux" | "vt100" | "dumb"))
}

/// Whether the locale's character set is UTF-8: the first of LC_ALL, LC_CTYPE and LANG that
/// is set and not empty decides, as the C library decides; none at all is the C locale.
pub fn utf8_locale(lc_all: Option<&str>, lc_ctype: Option<&str>, lang: Option<&str>) -> bool {
    [lc_all, lc_ctype, lang]
        .into_iter()
        .flatten()
        .find(|v| !v.is_empty())
        .is_some_and(|locale| {
            let locale = locale.to_ascii_lowercase();
            locale.contains("utf-8") || locale.contains("utf8")
        })
}

/// Whether TERM says the terminal cannot move its cursor, so it cannot hold a full-screen
/// dashboard.
pub fn dumb_terminal(term: Option<&str>) -> bool {
    term == Some("dumb")
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The arguments taken without clap when there are none are clap's for none.
    #[test]
    fn no_arguments_are_what_clap_makes_of_none() {
        let clap = Args::try_parse_from(["gapdash"]).expect("no arguments parse");
        assert_eq!(format!("{:?}", Args::none()), format!("{clap:?}"));
    }

    #[test]
    fn sizes_parse() {
        assert_eq!(
            parse_size("100x30"),
            Ok(Size {
                width: 100,
                height: 30
            })
        );
        assert_eq!(
            parse_size("80×24"),
            Ok(Size {
                width: 80,
                height: 24
            })
        );
        assert!(parse_size("100").is_err());
        assert!(parse_size("0x30").is_err());
        assert!(parse_size("ax30").is_err());
    }

    #[test]
    fn stages_below_the_minimum_are_refused() {
        assert!(parse_stage("60x18").is_ok());
        let e = parse_stage("10x5").expect_err("too small");
        assert!(e.contains("at least 60x18"), "{e}");
        assert!(parse_stage("59x30").is_err());
    }

    #[test]
    fn autoplay_seconds_are_checked() {
        assert_eq!(parse_secs("2"), Ok(2.0));
        assert!(parse_secs("0").is_err());
        assert!(parse_secs("NaN").is_err());
    }

    #[test]
    fn session_names_are_safe_file_names() {
        assert_eq!(parse_session("talk-2.b_1"), Ok("talk-2.b_1".to_string()));
        for bad in ["", ".hidden", "a/b", "../x", "a b", "é", &"x".repeat(65)] {
            assert!(parse_session(bad).is_err(), "{bad:?}");
        }
    }

    #[test]
    fn consoles_without_glyphs_get_ascii() {
        assert!(ascii_terminal(Some("linux")));
        assert!(ascii_terminal(Some("dumb")));
        assert!(!ascii_terminal(Some("xterm-256color")));
        assert!(!ascii_terminal(None));
    }

    #[test]
    fn the_first_locale_variable_set_decides_utf8() {
        assert!(utf8_locale(None, None, Some("en_US.UTF-8")));
        assert!(utf8_locale(None, None, Some("zh_CN.utf8")));
        assert!(
            !utf8_locale(Some("C"), None, Some("en_US.UTF-8")),
            "LC_ALL wins"
        );
        assert!(
            utf8_locale(Some(""), Some("C.UTF-8"), Some("C")),
            "empty is unset"
        );
        assert!(!utf8_locale(None, None, Some("POSIX")));
        assert!(!utf8_locale(None, None, None), "no locale is the C locale");
    }

    #[test]
    fn cli_is_well_formed() {
        Args::command().debug_assert();
    }

    #[cfg(feature = "export")]
    #[test]
    fn export_screens_below_the_minimum_are_refused() {
        assert!(parse_screen("100x30").is_ok());
        let e = parse_screen("40x10").expect_err("too small");
        assert!(e.contains("at least 60x18"), "{e}");
    }

    #[cfg(feature = "export")]
    #[test]
    fn man_pages_name_the_command_and_its_options() {
        let main = man_page(None).expect("gapdash.1");
        assert!(main.starts_with(".ie"), "roff: {}", &main[..40]);
        assert!(main.contains(".TH gapdash 1"), "{main}");
        assert!(main.contains("export"), "{main}");
        let export = man_page(Some("export")).expect("gapdash-export.1");
        assert!(export.contains(".TH gapdash-export 1"), "{export}");
        assert!(export.contains("\\-\\-format"), "{export}");
        let e = man_page(Some("nonsense")).expect_err("no such command");
        assert!(e.to_string().contains("the commands are snapshot"), "{e}");
    }

    #[cfg(feature = "export")]
    #[test]
    fn completions_cover_the_commands() {
        for shell in [Shell::Bash, Shell::Zsh, Shell::Fish] {
            let script = completions(shell);
            assert!(script.contains("gapdash"), "{shell}");
            assert!(script.contains("export"), "{shell}: {script}");
        }
    }
}
