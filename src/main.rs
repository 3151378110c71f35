use std::io::{IsTerminal, stdout};
use std::path::Path;
use std::process::ExitCode;
use std::time::{Duration, Instant};

use anyhow::{Result, bail};
use clap::Parser;

use gapdash::action::Action;
use gapdash::app::{App, Options};
use gapdash::cli::{self, Args, Command};
use gapdash::console::Console;
use gapdash::data::clean::clean;
use gapdash::data::read::{ReadError, read_file};
use gapdash::data::source::write_builtin;
use gapdash::data::{DataSource, Lang};
#[cfg(feature = "export")]
use gapdash::export;
use gapdash::session::{self, OpenError, Server};
use gapdash::ui::theme::{BUILTIN as BUILTIN_THEMES, ColorDepth, Theme};
use gapdash::{console_loop, event, output, snapshot, terminal};
use gapdash_term::input;

fn main() -> ExitCode {
    let args = match Args::try_parse() {
        Ok(args) => args,
        Err(e) => return arguments_refused(&e),
    };
    match run(args) {
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
fn arguments_refused(e: &clap::Error) -> ExitCode {
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
fn env(name: &str) -> Option<String> {
    std::env::var(name).ok()
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
        Some(Command::Export {
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
        }) => {
            // Handouts are in full colour whatever the terminal; --theme as the dashboard
            // takes it.
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
    let (wake, wakes) = event::channel();
    // The session's rendezvous, for consoles. A dashboard of the same session already
    // running (a rehearsal left open) keeps its name: this one takes the next free name and
    // says on screen which one its consoles use.
    let heard = wake.clone();
    let notify = move |h| heard.send(event::Wake::Heard(h)).is_ok();
    let server = match Server::open(&session::rendezvous(), &args.session, notify) {
        Ok(server) => {
            if server.session() != args.session {
                let text = app
                    .strings()
                    .console
                    .other_session
                    .fill(&[("session", &server.session())]);
                app.update(Action::Notice(text));
            }
            Some(server)
        }
        Err(OpenError::Failed(why)) => {
            let text = app.strings().console.no_console.fill(&[("why", &why)]);
            app.update(Action::Notice(text));
            None
        }
    };
    // Test-only: GAPDASH_TEST_PANIC=1 makes the loop panic right after the first frame, so
    // tests/e2e.rs can see the panic hook restore the terminal before the message is
    // printed. Read here, once, and passed down as a plain bool.
    let test_panic = std::env::var_os("GAPDASH_TEST_PANIC").is_some_and(|v| v == "1");
    let mut tui = terminal::enter()?;
    input::listen(wake.clone(), event::Wake::Input)?;
    let solid = depth != ColorDepth::NoColor;
    let setup = event::Setup {
        themes: &themes,
        data: &source,
        watch: args.watch,
        solid,
        server,
        wakes,
        wake,
        test_panic,
    };
    let result = event::run(&mut tui, &mut app, setup);
    terminal::restore();
    result.map(|()| ExitCode::SUCCESS)
}

/// A theme file is a few hundred bytes of TOML; anything larger is refused unread.
const THEME_LIMIT: u64 = 64 * 1024;

/// The themes `t` cycles through, starting with the one asked for: the built-ins in their
/// order from that one, or a theme file (read here, with the data, before the terminal
/// changes) followed by the built-ins.
fn themes(first: &str, depth: ColorDepth) -> Result<Vec<Theme>> {
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

/// `gapdash check`: a one-line summary, or every problem and exit code 1.
fn check(source: &DataSource) -> Result<ExitCode> {
    match source.check() {
        Ok(report) => {
            output::stdout(&format!(
                "ok: {} periods, {} years, {} global figures, {} quotes, \
                 {} periods and {} years since the report, {} sources, {} notes, \
                 words in English and Chinese ({} terms translated)\n",
                report.penetration.periods.len(),
                report.sales.years.len(),
                report.world.figure_count(),
                report.quotes.len(),
                report.since.periods.len(),
                report.since.sales.len(),
                report.source_rows(&report.i18n.en).len(),
                report.notes.texts().len(),
                report.i18n.zh.terms.len()
            ))?;
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
