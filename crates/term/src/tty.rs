//! Reading the terminal: bytes from standard input, decoded by `decode`, and the signals that
//! concern the screen (SIGWINCH: resized; SIGTSTP: stop; SIGCONT: continued), all waited
//! for together with one `poll`, never longer than the loop allows; the loop's other
//! descriptors (the console's socket) are waited for in the same poll.

use std::io::{self, Read};
use std::os::fd::AsRawFd;
use std::os::unix::net::UnixStream;
use std::time::Duration;

use ratatui::crossterm::event::Event;
use signal_hook::consts::{SIGCONT, SIGTSTP, SIGWINCH};
use signal_hook::low_level::pipe;

use crate::decode::Decoder;
use crate::terminal;

/// How long a lone Esc (or half an escape sequence) waits for the rest before it counts as
/// typed: long enough for the rest of a sequence sent in two pieces, too short to feel.
pub const ESCAPE_WAIT: Duration = Duration::from_millis(20);

/// What woke the loop.
#[derive(Debug, Clone, PartialEq)]
pub enum Input {
    /// A key, a click, a paste, or the terminal's new size.
    Event(Event),
    /// SIGTSTP (`kill -TSTP`): stop as Ctrl-Z does.
    Stop,
    /// SIGCONT after being stopped from outside: take the terminal back.
    Continued,
    /// Standard input ended: the terminal is gone.
    Closed,
}

/// One signal, as bytes in a pipe the loop can poll.
struct SignalPipe {
    signal: libc::c_int,
    read: UnixStream,
}

impl SignalPipe {
    fn new(signal: libc::c_int) -> io::Result<SignalPipe> {
        let (read, write) = UnixStream::pair()?;
        read.set_nonblocking(true)?;
        pipe::register(signal, write)?;
        Ok(SignalPipe { signal, read })
    }

    /// Empties the pipe: however many times the signal came, it is handled once.
    fn drain(&mut self) {
        let mut buf = [0u8; 64];
        while matches!(self.read.read(&mut buf), Ok(n) if n > 0) {}
    }
}

pub struct Tty {
    decoder: Decoder,
    signals: [SignalPipe; 3],
}

impl Tty {
    /// Starts listening for the signals; the terminal itself is read from standard input.
    pub fn new() -> io::Result<Tty> {
        Ok(Tty {
            decoder: Decoder::new(),
            signals: [
                SignalPipe::new(SIGWINCH)?,
                SignalPipe::new(SIGTSTP)?,
                SignalPipe::new(SIGCONT)?,
            ],
        })
    }

    /// Waits at most `timeout` (None: until something happens) for input, a signal, or one
    /// of `others` to be ready, and returns the input that came (nothing when the time ran
    /// out); what happened to `others` is in their `revents`, for the caller to act on.
    pub fn wait(
        &mut self,
        timeout: Option<Duration>,
        others: &mut [libc::pollfd],
    ) -> io::Result<Vec<Input>> {
        // Half a sequence waits only a moment for its end.
        let timeout = match (timeout, self.decoder.pending()) {
            (t, true) => Some(t.map_or(ESCAPE_WAIT, |t| t.min(ESCAPE_WAIT))),
            (t, false) => t,
        };
        let mut fds = vec![
            poll_fd(libc::STDIN_FILENO),
            poll_fd(self.signals[0].read.as_raw_fd()),
            poll_fd(self.signals[1].read.as_raw_fd()),
            poll_fd(self.signals[2].read.as_raw_fd()),
        ];
        let own = fds.len();
        for other in others.iter_mut() {
            other.revents = 0;
            fds.push(*other);
        }
        let millis = timeout.map_or(-1, |t| {
            i32::try_from(t.as_nanos().div_ceil(1_000_000)).unwrap_or(i32::MAX)
        });
        // SAFETY: `fds` is a valid array of pollfd for the length given, alive for the call.
        let ready = unsafe { libc::poll(fds.as_mut_ptr(), fds.len() as libc::nfds_t, millis) };
        if ready < 0 {
            let e = io::Error::last_os_error();
            return if e.kind() == io::ErrorKind::Interrupted {
                Ok(Vec::new())
            } else {
                Err(e)
            };
        }
        for (other, polled) in others.iter_mut().zip(&fds[own..]) {
            other.revents = polled.revents;
        }
        let mut inputs = Vec::new();
        if ready == 0 {
            // Nothing more came: a lone Esc is the Esc key.
            inputs.extend(self.decoder.flush().into_iter().map(Input::Event));
            return Ok(inputs);
        }
        for (i, signal) in self.signals.iter_mut().enumerate() {
            if fds[i + 1].revents & libc::POLLIN == 0 {
                continue;
            }
            signal.drain();
            inputs.push(match signal.signal {
                SIGWINCH => {
                    let ratatui::layout::Size { width, height } = terminal::size();
                    Input::Event(Event::Resize(width, height))
                }
                SIGTSTP => Input::Stop,
                _ => Input::Continued,
            });
        }
        if fds[0].revents & (libc::POLLIN | libc::POLLHUP | libc::POLLERR) != 0 {
            let mut buf = [0u8; 8192];
            // SAFETY: reads at most buf.len() bytes into buf, which outlives the call.
            let n = unsafe { libc::read(libc::STDIN_FILENO, buf.as_mut_ptr().cast(), buf.len()) };
            match n {
                0 => inputs.push(Input::Closed),
                n if n > 0 => {
                    let events = self.decoder.feed(&buf[..n as usize]);
                    inputs.extend(events.into_iter().map(Input::Event));
                }
                _ => {
                    let e = io::Error::last_os_error();
                    if !matches!(
                        e.kind(),
                        io::ErrorKind::Interrupted | io::ErrorKind::WouldBlock
                    ) {
                        return Err(e);
                    }
                }
            }
        }
        Ok(inputs)
    }
}

fn poll_fd(fd: libc::c_int) -> libc::pollfd {
    libc::pollfd {
        fd,
        events: libc::POLLIN,
        revents: 0,
    }
}
