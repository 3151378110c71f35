use std::io::{IsTerminal, stdout};
use std::path::Path;
use std::process::ExitCode;

use anyhow::{Result, bail};
use clap::Parser;

use gapdash::app::App;
use gapdash::cli::{Args, Command};
use gapdash::data::DataSource;
use gapdash::data::clean::clean;
use gapdash::data::source::write_builtin;
use gapdash::{event, snapshot, terminal};

fn main() -> ExitCode {
    let args = Args::parse();
    match run(args) {
        Ok(code) => code,
        Err(e) => {
            eprintln!("gapdash: {}", clean(&format!("{e:#}")));
            ExitCode::FAILURE
        }
    }
}

fn run(args: Args) -> Result<ExitCode> {
    if args.watch && args.command.is_some() {
        bail!("--watch is for the dashboard; run `gapdash --data DIR --watch`");
    }
    let source = DataSource::new(args.data.clone());
    match args.command {
        Some(Command::Init { dir, force }) => {
            if args.data.is_some() {
                bail!("init writes the built-in data into DIR; --data does not apply");
            }
            init(&dir, force)
        }
        Some(Command::Check) => Ok(check(&source)),
        Some(Command::Snapshot { view, size }) => {
            let app = App::new(source.load()?, view);
            print!("{}", snapshot::render_text(&app, size.width, size.height));
            Ok(ExitCode::SUCCESS)
        }
        None => {
            if !stdout().is_terminal() {
                eprintln!(
                    "gapdash: stdout is not a terminal; to print a view as text use `gapdash snapshot VIEW`"
                );
                return Ok(ExitCode::from(2));
            }
            let mut app = App::new(source.load()?, args.view);
            let mut tui = terminal::enter()?;
            let result = event::run(&mut tui, &mut app, &source, args.watch);
            terminal::restore();
            result.map(|()| ExitCode::SUCCESS)
        }
    }
}

/// `gapdash check`: a one-line summary, or every problem and exit code 1.
fn check(source: &DataSource) -> ExitCode {
    match source.load() {
        Ok(report) => {
            println!(
                "ok: {} periods, {} years, {} global figures, {} quotes, {} sources",
                report.penetration.periods.len(),
                report.sales.years.len(),
                report.world.figure_count(),
                report.quotes.len(),
                report.source_rows().len()
            );
            ExitCode::SUCCESS
        }
        Err(e) => {
            eprintln!("{e}");
            ExitCode::FAILURE
        }
    }
}

/// `gapdash init DIR`: the built-in files, ready to edit.
fn init(dir: &Path, force: bool) -> Result<ExitCode> {
    let written = write_builtin(dir, force)?;
    for path in written {
        println!("wrote {}", clean(&path.display().to_string()));
    }
    let name = DataSource::Dir(dir.to_path_buf()).name();
    let dir = clean(&name);
    println!("next: edit a figure, check it with `gapdash check --data {dir}`,");
    println!("      and show it with `gapdash --data {dir} --watch` (reloads on every save)");
    Ok(ExitCode::SUCCESS)
}
