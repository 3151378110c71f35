//! What differs between operating systems for the terminal, in one place: job control
//! (Ctrl-Z, `fg`, SIGTSTP and SIGCONT) and the signals that end the program, which Unix has
//! and Windows does not, and how a closed pipe ends a program that prints.

use std::io;

#[cfg(not(unix))]
pub use other::*;
#[cfg(unix)]
pub use unix::*;

/// What the job-control signals ask of the loop.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum JobSignal {
    /// SIGTSTP from outside (`kill -TSTP`): stop as Ctrl-Z does.
    Stop,
    /// SIGCONT: continued after a stop.
    Continued,
}

#[cfg(unix)]
mod unix {
    use super::*;
    use std::fs::OpenOptions;
    use std::io::Write;
    use std::sync::{Mutex, Once, PoisonError};

    use signal_hook::consts::{
        SIGCONT, SIGHUP, SIGINT, SIGPIPE, SIGQUIT, SIGSTOP, SIGTERM, SIGTSTP,
    };
    use signal_hook::iterator::Signals;
    use signal_hook::low_level;

    /// Ctrl-Z stops the program and `fg` brings it back.
    pub const JOB_CONTROL: bool = true;

    /// Stops this process as the shell's job control expects; returns once it is continued.
    pub fn stop_self() {
        // SIGSTOP cannot be caught: the process stops here until the shell continues it.
        let _ = low_level::raise(SIGSTOP);
    }

    /// Where SIGTSTP and SIGCONT go, once the loop has said (see [`job_signals`]).
    type JobHandler = Box<dyn FnMut(JobSignal) -> bool + Send>;
    static JOB: Mutex<Option<JobHandler>> = Mutex::new(None);

    /// Signals caught before their thread runs, and how to restore the terminal: see
    /// [`restore_on_exit_signals`] and [`job_signals`].
    static WAITING: Mutex<Option<Caught>> = Mutex::new(None);

    /// The signals caught, and how to restore the terminal when one ends the program.
    type Caught = (Signals, fn());

    /// SIGTERM, SIGHUP, SIGINT (`kill -INT`; in raw mode Ctrl-C arrives as a key instead) and
    /// SIGQUIT restore the terminal and exit with 128 + the signal's number: the status a
    /// shell reports for a process the signal killed. SIGTSTP and SIGCONT go to the handler
    /// [`job_signals`] sets. Caught from here on, before the terminal changes; handled on one
    /// thread, which [`job_signals`] starts once the first frame is on screen (a signal that
    /// comes meanwhile waits for it, a few milliseconds). The terminal's modes are written to
    /// /dev/tty rather than through stdout, whose lock the loop may hold while writing to a
    /// terminal that stopped reading.
    pub fn restore_on_exit_signals(restore: fn()) -> io::Result<()> {
        static REGISTERED: Once = Once::new();
        let mut result = Ok(());
        REGISTERED.call_once(|| {
            let all = [SIGTERM, SIGHUP, SIGINT, SIGQUIT, SIGTSTP, SIGCONT];
            match Signals::new(all) {
                Ok(signals) => {
                    *WAITING.lock().unwrap_or_else(PoisonError::into_inner) =
                        Some((signals, restore));
                }
                Err(e) => result = Err(e),
            }
        });
        result
    }

    /// Handles the signals [`restore_on_exit_signals`] caught, on a thread of their own.
    fn handle_signals() -> io::Result<()> {
        let Some((mut signals, restore)) = WAITING
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
            .take()
        else {
            return Ok(());
        };
        std::thread::Builder::new()
            .name("signals".into())
            .spawn(move || {
                for signal in signals.forever() {
                    match signal {
                        SIGTSTP | SIGCONT => {
                            let job = if signal == SIGTSTP {
                                JobSignal::Stop
                            } else {
                                JobSignal::Continued
                            };
                            let mut handler = JOB.lock().unwrap_or_else(PoisonError::into_inner);
                            if let Some(heard) = handler.as_mut()
                                && !heard(job)
                            {
                                *handler = None;
                            }
                        }
                        _ => exit(signal, restore),
                    }
                }
            })?;
        Ok(())
    }

    /// The terminal restored, then the exit a signal asks for.
    fn exit(signal: i32, restore: fn()) -> ! {
        let _ = ratatui::crossterm::terminal::disable_raw_mode();
        match OpenOptions::new().write(true).open("/dev/tty") {
            Ok(mut tty) => {
                let _ = tty.write_all(&crate::terminal::restore_bytes());
            }
            Err(_) => restore(),
        }
        std::process::exit(128 + signal)
    }

    /// Calls `heard` with each SIGTSTP and SIGCONT until it returns false, and from now on
    /// handles every signal [`restore_on_exit_signals`] caught (starting its thread).
    pub fn job_signals(heard: impl FnMut(JobSignal) -> bool + Send + 'static) -> io::Result<()> {
        *JOB.lock().unwrap_or_else(PoisonError::into_inner) = Some(Box::new(heard));
        handle_signals()
    }

    /// A byte written to `bell` at every SIGWINCH (the terminal's new size), from the signal
    /// handler: what waits on `bell` wakes for the size, which crossterm then reports.
    pub fn ring_on_resize(bell: std::os::unix::net::UnixStream) -> io::Result<()> {
        low_level::pipe::register(signal_hook::consts::SIGWINCH, bell).map(|_| ())
    }

    /// Ends the program as the default action of SIGPIPE would (`cat` into a closed pipe):
    /// silently, with the status a shell reports for it (141). Rust ignores SIGPIPE at start-up,
    /// which is why the write failed instead.
    pub fn closed_pipe() -> ! {
        let _ = low_level::emulate_default_handler(SIGPIPE);
        std::process::exit(128 + SIGPIPE)
    }
}

#[cfg(not(unix))]
mod other {
    use super::*;

    /// Windows has no job control: Ctrl-Z is an ordinary key there.
    pub const JOB_CONTROL: bool = false;

    pub fn stop_self() {}

    /// The console closing ends the process with it; there is nothing to restore it for.
    pub fn restore_on_exit_signals(_restore: fn()) -> io::Result<()> {
        Ok(())
    }

    /// No job-control signals: nothing ever calls `heard`.
    pub fn job_signals(_heard: impl FnMut(JobSignal) -> bool + Send + 'static) -> io::Result<()> {
        Ok(())
    }

    /// A reader that went away: the program ends quietly, with the status a shell would
    /// report for a broken pipe on Unix.
    pub fn closed_pipe() -> ! {
        std::process::exit(141)
    }
}
