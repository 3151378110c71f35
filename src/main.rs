use std::io::{IsTerminal, stdout};
use std::path::Path;
use std::process::ExitCode;
use std::time::{Duration, Instant};

use anyhow::Result;
#[cfg(feature = "export")]
use anyhow::{Context, bail};

use gapdash::action::Action;
use gapdash::app::{App, Options};
use gapdash::cli::{self, Args, Command};
use gapdash::console::Console;
use gapdash::data::clean::clean;
use gapdash::data::source::write_builtin;
use gapdash::data::{DataSource, Lang};
use gapdash::session::{self, OpenError, Server};
use gapdash::setup::{arguments_refused, env, finish, themes};
use gapdash::ui::theme::ColorDepth;
use gapdash::{console_loop, event, output, snapshot, terminal};

fn main() -> ExitCode {
    let args = match Args::from_command_line() {
        Ok(args) => args,
        Err(e) => return arguments_refused(&e),
    };
    finish(run(args))
}

fn run(args: Args) -> Result<ExitCode> {
    let term = std::env::var("TERM").ok();
    match args.command {
        Some(Command::Init { dir, force }) => init(&dir, force),
        Some(Command::Check { data }) => check(&DataSource::new(data)),
        Some(Command::Snapshot {
            view,
            size,
            ascii,
            lang,
            data,
        }) => {
            // Output for files and scripts is the same on every terminal: only the flag
            // asks for ASCII here.
            let mut options = Options::new(view);
            options.ascii = ascii;
            options.lang = cli::language(lang, env);
            let app = App::with_options(DataSource::new(data).load()?, options, Instant::now());
            output::stdout(&snapshot::render_text(&app, size.width, size.height))?;
            Ok(ExitCode::SUCCESS)
        }
        #[cfg(feature = "export")]
        Some(Command::Export { .. }) => export(),
        Some(Command::Console {
            session,
            theme,
            ascii,
            lang,
        }) => console(
            &session,
            &theme,
            ascii,
            cli::language(lang, env),
            term.as_deref(),
        ),
        Some(Command::Man { command }) => {
            output::stdout(&cli::man_page(command.as_deref())?)?;
            Ok(ExitCode::SUCCESS)
        }
        Some(Command::Completions { shell }) => {
            output::stdout(&cli::completions(shell))?;
            Ok(ExitCode::SUCCESS)
        }
        None => dashboard(args.dashboard, term.as_deref()),
    }
}

/// Why this terminal cannot hold a full-screen program, said on stderr: exit code 2.
fn not_interactive(term: Option<&str>) -> Option<ExitCode> {
    if !stdout().is_terminal() {
        output::stderr(
            "gapdash: stdout is not a terminal; to print a view as text use `gapdash snapshot VIEW`\n",
        );
        return Some(ExitCode::from(2));
    }
    if cli::dumb_terminal(term) {
        output::stderr(
            "gapdash: TERM=dumb cannot draw a full-screen dashboard (it cannot move the cursor); \
             to print a view as text use `gapdash snapshot VIEW`\n",
        );
        return Some(ExitCode::from(2));
    }
    None
}

/// Whether to draw in ASCII only: asked for, a console without the glyphs, or no UTF-8
/// locale (box and block glyphs would come out as mojibake).
fn ascii_only(asked: bool, term: Option<&str>) -> bool {
    let var = |name: &str| std::env::var(name).ok();
    let utf8 = cli::utf8_locale(
        var("LC_ALL").as_deref(),
        var("LC_CTYPE").as_deref(),
        var("LANG").as_deref(),
    );
    asked || cli::ascii_terminal(term) || !utf8
}

/// The terminal's colours, as NO_COLOR, COLORTERM and TERM say.
fn color_depth(term: Option<&str>) -> ColorDepth {
    ColorDepth::detect(
        std::env::var("NO_COLOR").ok().as_deref(),
        std::env::var("COLORTERM").ok().as_deref(),
        term,
    )
}

/// The presenter's console in this terminal, until the presenter quits it.
fn console(
    session: &str,
    theme: &str,
    ascii: bool,
    lang: Lang,
    term: Option<&str>,
) -> Result<ExitCode> {
    if let Some(code) = not_interactive(term) {
        return Ok(code);
    }
    let theme = themes(theme, color_depth(term))?.remove(0);
    let socket = session::socket_path(session);
    let shown = clean(&socket.display().to_string()).into_owned();
    let words = gapdash::data::builtin()?.i18n;
    let mut console = Console::new(session, &shown, ascii_only(ascii, term), lang, words);
    let mut tui = terminal::enter()?;
    let result = console_loop::run(&mut tui, &mut console, &theme, &socket);
    terminal::restore();
    result.map(|()| ExitCode::SUCCESS)
}

/// The dashboard in this terminal, until the presenter quits.
fn dashboard(args: cli::Dashboard, term: Option<&str>) -> Result<ExitCode> {
    if let Some(code) = not_interactive(term) {
        return Ok(code);
    }
    let source = DataSource::new(args.data.clone());
    let depth = color_depth(term);
    let themes = themes(&args.theme, depth)?;
    let options = Options {
        view: args.view,
        present: args.present,
        talk: args.talk.map(|m| Duration::from_secs(u64::from(m) * 60)),
        autoplay: args.autoplay.map(Duration::from_secs_f64),
        animation: !args.no_animation,
        ascii: ascii_only(args.ascii, term),
        stage: args.stage.map(|s| (s.width, s.height)),
        themes: themes.len(),
        lang: cli::language(args.lang, env),
    };
    let mut app = App::with_options(source.load()?, options, Instant::now());
    // Terminal input and consoles' lines arrive on one channel.
    let (wake, wakes) = event::channel()?;
    // The session's rendezvous, for consoles, opened once the first frame is on screen. A
    // dashboard of the same session already running (a rehearsal left open) keeps its name:
    // this one takes the next free name and says on screen which one its consoles use.
    let heard = wake.clone();
    let session = args.session.clone();
    let open_server = move |app: &App| {
        let notify = move |h| heard.send(event::Wake::Heard(h)).is_ok();
        let words = &app.strings().console;
        match Server::open(&session::rendezvous(), &session, notify) {
            Ok(server) if server.session() != session => {
                let text = words.other_session.fill(&[("session", &server.session())]);
                (Some(server), vec![Action::Notice(text)])
            }
            Ok(server) => (Some(server), Vec::new()),
            Err(OpenError::Failed(why)) => {
                let text = words.no_console.fill(&[("why", &why)]);
                (None, vec![Action::Notice(text)])
            }
        }
    };
    // Test-only: GAPDASH_TEST_PANIC=1 makes the loop panic right after the first frame, so
    // tests/e2e.rs can see the panic hook restore the terminal before the message is
    // printed. Read here, once, and passed down as a plain bool.
    let test_panic = std::env::var_os("GAPDASH_TEST_PANIC").is_some_and(|v| v == "1");
    let mut tui = terminal::enter()?;
    let solid = depth != ColorDepth::NoColor;
    let setup = event::Setup {
        themes: &themes,
        data: &source,
        watch: args.watch,
        solid,
        open_server: Box::new(open_server),
        wakes,
        wake,
        test_panic,
    };
    let result = event::run(&mut tui, &mut app, setup);
    terminal::restore();
    result.map(|()| ExitCode::SUCCESS)
}

/// `gapdash export`: the handouts' own executable, `gapdash-export`, run from beside this
/// one with the same arguments, its status this one's.
#[cfg(feature = "export")]
fn export() -> Result<ExitCode> {
    let name = format!("gapdash-export{}", std::env::consts::EXE_SUFFIX);
    let beside = std::env::current_exe()
        .context("cannot tell where gapdash is, to find gapdash-export beside it")?
        .with_file_name(&name);
    let status = match std::process::Command::new(&beside)
        .args(std::env::args_os().skip(1))
        .status()
    {
        Ok(status) => status,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => bail!(
            "the handouts are written by {name}, which is not beside gapdash ({}): \
             `cargo build --release` builds both, `cargo install --locked --path .` installs both",
            clean(&beside.display().to_string())
        ),
        Err(e) => bail!("cannot run {}: {e}", clean(&beside.display().to_string())),
    };
    Ok(exit_code(status))
}

/// A finished program's status as this program's: its code, or 128 + the signal that
/// ended it (as a shell says it).
#[cfg(feature = "export")]
fn exit_code(status: std::process::ExitStatus) -> ExitCode {
    if let Some(code) = status.code() {
        return ExitCode::from(u8::try_from(code).unwrap_or(1));
    }
    #[cfg(unix)]
    {
        use std::os::unix::process::ExitStatusExt;
        if let Some(signal) = status.signal() {
            return ExitCode::from(u8::try_from(128 + signal).unwrap_or(1));
        }
    }
    ExitCode::FAILURE
}

/// `gapdash check`: a one-line summary, or every problem and exit code 1. A note stating a
/// figure the data no longer holds does not refuse the data: it is a warning on stderr, at
/// its file:line:column, and the exit code stays 0.
fn check(source: &DataSource) -> Result<ExitCode> {
    match source.check() {
        Ok(report) => {
            let notes = match &report.notes {
                Some(notes) => match gapdash::notes::stale_count(&report) {
                    0 => format!("{} notes", notes.texts().len()),
                    n => format!("{} notes ({n} stale)", notes.texts().len()),
                },
                None => "no notes (no notes.toml)".to_string(),
            };
            output::stdout(&format!(
                "ok: {} periods, {} years, {} global figures, {} quotes, \
                 {} periods and {} years since the report, {} sources, {notes}, \
                 words in English and Chinese ({} terms translated)\n",
                report.penetration.periods.len(),
                report.sales.years.len(),
                report.world.figure_count(),
                report.quotes.len(),
                report.since.periods.len(),
                report.since.sales.len(),
                report.source_rows(&report.i18n.en).len(),
                report.i18n.zh.terms.len()
            ))?;
            if !report.warnings.is_empty() {
                let mut text = String::new();
                for w in &report.warnings {
                    match w.position {
                        Some((line, column)) => {
                            text.push_str(&format!("{}:{line}:{column}", w.file))
                        }
                        None => text.push_str(&w.file),
                    }
                    if w.unlisted > 0 {
                        // The line closing a file's list counts warnings, not problems.
                        let n = w.unlisted;
                        let s = if n == 1 { "" } else { "s" };
                        text.push_str(&format!(": … and {n} more warning{s}\n"));
                        continue;
                    }
                    text.push_str(&format!(": warning: {}\n", w.message));
                    for line in w.snippet.iter().flat_map(|s| s.lines()) {
                        text.push_str(&format!("    {line}\n"));
                    }
                }
                let n: usize = report.warnings.iter().map(|w| w.unlisted.max(1)).sum();
                text.push_str(&format!(
                    "{n} warning{}: the data is sound and shown as it is; a stale note is \
                     marked as such in the console, the notes panel and a handout's notes pages\n",
                    if n == 1 { "" } else { "s" }
                ));
                output::stderr(&text);
            }
            Ok(ExitCode::SUCCESS)
        }
        Err(e) => {
            output::stderr(&format!("{e}\n"));
            Ok(ExitCode::FAILURE)
        }
    }
}

/// `gapdash init DIR`: the built-in files, ready to edit.
fn init(dir: &Path, force: bool) -> Result<ExitCode> {
    let written = write_builtin(dir, force)?;
    let mut text = String::new();
    for path in written {
        text.push_str(&format!("wrote {}\n", clean(&path.display().to_string())));
    }
    let name = DataSource::Dir(dir.to_path_buf()).name();
    let dir = clean(&name);
    text.push_str(&format!(
        "next: edit a figure, check it with `gapdash check --data {dir}`,\n      \
         and show it with `gapdash --data {dir} --watch` (reloads on every save)\n"
    ));
    output::stdout(&text)?;
    Ok(ExitCode::SUCCESS)
}
