use std::io::{IsTerminal, stdout};
use std::process::ExitCode;

use anyhow::Result;
use clap::Parser;

use gapdash::app::App;
use gapdash::cli::{Args, Command};
use gapdash::{data, event, snapshot, terminal};

fn main() -> ExitCode {
    let args = Args::parse();
    match run(args) {
        Ok(code) => code,
        Err(e) => {
            eprintln!("gapdash: {e:#}");
            ExitCode::FAILURE
        }
    }
}

fn run(args: Args) -> Result<ExitCode> {
    let report = data::builtin()?;
    match args.command {
        Some(Command::Snapshot { view, size }) => {
            let app = App::new(report, view);
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
            let mut app = App::new(report, args.view);
            let mut tui = terminal::enter()?;
            let result = event::run(&mut tui, &mut app);
            terminal::restore();
            result.map(|()| ExitCode::SUCCESS)
        }
    }
}
