//! Where the dashboard's loop waits for whatever comes first: a key (a click, a paste, a new
//! size) or anything another thread sends it (a console's line, the data read, SIGTSTP and
//! SIGCONT).
//!
//! The dashboard's loop and the console's both wait here. On Unix the loop reads the terminal
//! itself, on its own thread: it waits in one `poll(2)` on the terminal and on a socket that
//! every sender rings after sending, so a key is answered by the thread that reads it,
//! without waking another (that wake-up was about a third of what gapdash added to a key:
//! README, Performance). The terminal hanging up shows as POLLHUP and ends the loop, where
//! crossterm's own reader would spin on end-of-file (crossterm issue 793). Elsewhere the
//! terminal is read on a thread of its own ([`crate::input`]), which sends on the channel.

use std::collections::VecDeque;
use std::io;
use std::sync::mpsc::{self, Receiver, RecvTimeoutError, Sender, TryRecvError};
use std::time::Duration;

use crate::input::Input;

/// Every sender is gone: nothing more can come.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Disconnected;

/// Sends to the loop from any thread, waking it.
pub struct Waker<T> {
    to: Sender<T>,
    #[cfg(unix)]
    bell: std::sync::Arc<std::os::unix::net::UnixStream>,
}

impl<T> Clone for Waker<T> {
    fn clone(&self) -> Self {
        Waker {
            to: self.to.clone(),
            #[cfg(unix)]
            bell: self.bell.clone(),
        }
    }
}

impl<T> Waker<T> {
    /// Sends `item` to the loop; Err(item) when the loop is gone.
    pub fn send(&self, item: T) -> Result<(), T> {
        self.to.send(item).map_err(|e| e.0)?;
        #[cfg(unix)]
        {
            use std::io::Write;
            // A full socket already holds a ring the loop has not heard: nothing is lost.
            let _ = (&*self.bell).write(&[1]);
        }
        Ok(())
    }
}

/// What the loop waits on: what was sent to it and, once [`Wakes::listen`] is called, the
/// terminal.
pub struct Wakes<T> {
    from: Receiver<T>,
    /// Read but not yet taken: a read brings several events at once.
    queue: VecDeque<T>,
    #[cfg(unix)]
    ring: std::os::unix::net::UnixStream,
    #[cfg(unix)]
    terminal: Option<unix::Terminal<T>>,
}

/// A waker and what it wakes.
pub fn channel<T>() -> io::Result<(Waker<T>, Wakes<T>)> {
    let (to, from) = mpsc::channel();
    #[cfg(unix)]
    let (ring, bell) = {
        let (ring, bell) = std::os::unix::net::UnixStream::pair()?;
        ring.set_nonblocking(true)?;
        bell.set_nonblocking(true)?;
        (ring, bell)
    };
    Ok((
        Waker {
            to,
            #[cfg(unix)]
            bell: std::sync::Arc::new(bell),
        },
        Wakes {
            from,
            queue: VecDeque::new(),
            #[cfg(unix)]
            ring,
            #[cfg(unix)]
            terminal: None,
        },
    ))
}

impl<T: Send + 'static> Wakes<T> {
    /// From now on the terminal's events come too, each as `wrap(input)`, as do SIGTSTP and
    /// SIGCONT where there are such signals; what was typed meanwhile waits in the terminal.
    pub fn listen(&mut self, waker: &Waker<T>, wrap: fn(Input) -> T) -> io::Result<()> {
        #[cfg(unix)]
        {
            self.terminal = Some(unix::Terminal::open(waker, wrap)?);
            Ok(())
        }
        #[cfg(not(unix))]
        {
            crate::input::listen(waker.to.clone(), wrap)
        }
    }

    /// Whatever has come, without waiting.
    pub fn try_recv(&mut self) -> Result<Option<T>, Disconnected> {
        self.recv(Some(Duration::ZERO))
    }

    /// What has come already, without looking at the terminal again: the rest of what the
    /// last read brought, and whatever was sent. For the loop once something has woken it,
    /// which a key then answers without another system call.
    pub fn ready(&mut self) -> impl Iterator<Item = T> + '_ {
        self.queue.drain(..).chain(self.from.try_iter())
    }

    /// What was read already, or sent, without waiting.
    fn now(&mut self) -> Result<Option<T>, Disconnected> {
        if let Some(item) = self.queue.pop_front() {
            return Ok(Some(item));
        }
        match self.from.try_recv() {
            Ok(item) => Ok(Some(item)),
            Err(TryRecvError::Disconnected) => Err(Disconnected),
            Err(TryRecvError::Empty) => Ok(None),
        }
    }

    /// The first thing to come within `timeout` (None: however long it takes); Ok(None) when
    /// the time is up first.
    #[cfg(unix)]
    pub fn recv(&mut self, timeout: Option<Duration>) -> Result<Option<T>, Disconnected> {
        use std::time::Instant;
        let deadline = timeout.map(|t| Instant::now() + t);
        let mut looked = false;
        loop {
            if let Some(item) = self.now()? {
                return Ok(Some(item));
            }
            let left = deadline.map(|d| d.saturating_duration_since(Instant::now()));
            let Some(terminal) = &mut self.terminal else {
                return self.wait_channel(left);
            };
            if looked && left.is_some_and(|left| left.is_zero()) {
                return Ok(None);
            }
            if !terminal.wait(&self.ring, left, &mut self.queue) {
                // Gone: what is still sent comes through the channel alone.
                self.terminal = None;
            }
            looked = true;
        }
    }

    /// The first thing to come within `timeout` (None: however long it takes); Ok(None) when
    /// the time is up first.
    #[cfg(not(unix))]
    pub fn recv(&mut self, timeout: Option<Duration>) -> Result<Option<T>, Disconnected> {
        match self.now()? {
            Some(item) => Ok(Some(item)),
            None => self.wait_channel(timeout),
        }
    }

    /// What is sent within `left` (None: however long it takes).
    fn wait_channel(&self, left: Option<Duration>) -> Result<Option<T>, Disconnected> {
        match left {
            Some(left) => match self.from.recv_timeout(left) {
                Ok(item) => Ok(Some(item)),
                Err(RecvTimeoutError::Timeout) => Ok(None),
                Err(RecvTimeoutError::Disconnected) => Err(Disconnected),
            },
            None => self.from.recv().map(Some).map_err(|_| Disconnected),
        }
    }
}

#[cfg(unix)]
mod unix {
    use std::collections::VecDeque;
    use std::fs::File;
    use std::io::{self, IsTerminal, Read};
    use std::os::fd::{AsFd, OwnedFd};
    use std::os::unix::net::UnixStream;
    use std::time::Duration;

    use nix::errno::Errno;
    use nix::poll::{PollFd, PollFlags, PollTimeout, poll};
    use ratatui::crossterm::event;

    use super::Waker;
    use crate::input::{self, Input, repair};
    use crate::platform;

    /// The terminal, read on the loop's thread.
    pub struct Terminal<T> {
        /// The terminal crossterm reads (stdin, or /dev/tty when stdin is not one), to wait on.
        tty: OwnedFd,
        wrap: fn(Input) -> T,
        /// crossterm holds events the terminal no longer shows as readable: what was typed
        /// before the loop listened, which crossterm read when its reader was made.
        unread: bool,
    }

    impl<T: Send + 'static> Terminal<T> {
        pub fn open(waker: &Waker<T>, wrap: fn(Input) -> T) -> io::Result<Terminal<T>> {
            let signals = waker.clone();
            input::job_signals(move |input| signals.send(wrap(input)).is_ok())?;
            // A new size rings too; crossterm turns it into a Resize when next asked.
            platform::ring_on_resize(waker.bell.try_clone()?)?;
            // crossterm's reader made now, so it catches every resize from here on; it reads
            // what was typed meanwhile, which the first wait then takes from it.
            let unread = event::poll(Duration::ZERO).map_err(io::Error::other)?;
            let stdin = io::stdin();
            let tty = if stdin.is_terminal() {
                stdin.as_fd().try_clone_to_owned()?
            } else {
                File::open("/dev/tty")?.into()
            };
            Ok(Terminal { tty, wrap, unread })
        }

        /// Waits up to `left` (None: for as long as it takes) for the terminal or a ring,
        /// putting whatever the terminal brought into `queue`. False once the terminal is
        /// gone (`Input::Closed` queued).
        pub fn wait(
            &mut self,
            ring: &UnixStream,
            left: Option<Duration>,
            queue: &mut VecDeque<T>,
        ) -> bool {
            if std::mem::take(&mut self.unread) {
                return self.read(queue);
            }
            let timeout = match left {
                None => PollTimeout::NONE,
                // Rounded up: a wait of less than a millisecond is not a busy loop.
                Some(left) => {
                    let ms = left.as_micros().div_ceil(1000);
                    PollTimeout::try_from(ms.min(i32::MAX as u128)).unwrap_or(PollTimeout::MAX)
                }
            };
            let (tty, rang) = {
                let mut fds = [
                    PollFd::new(self.tty.as_fd(), PollFlags::POLLIN),
                    PollFd::new(ring.as_fd(), PollFlags::POLLIN),
                ];
                match poll(&mut fds, timeout) {
                    Ok(0) | Err(Errno::EINTR) => return true,
                    Ok(_) => (
                        fds[0].revents().unwrap_or(PollFlags::empty()),
                        fds[1].revents().unwrap_or(PollFlags::empty()),
                    ),
                    Err(_) => {
                        queue.push_back((self.wrap)(Input::Closed));
                        return false;
                    }
                }
            };
            if rang.contains(PollFlags::POLLIN) {
                let mut rings = [0u8; 64];
                while matches!((&*ring).read(&mut rings), Ok(n) if n > 0) {}
            }
            if tty.intersects(PollFlags::POLLHUP | PollFlags::POLLERR | PollFlags::POLLNVAL) {
                // The terminal is gone: crossterm would read end-of-file forever.
                queue.push_back((self.wrap)(Input::Closed));
                return false;
            }
            // A key, or a ring that may be a new size crossterm has heard of.
            self.read(queue)
        }

        /// Every event crossterm has now, repaired ([`input::read_more`], [`repair`]) into
        /// `queue`. False when crossterm could not read the terminal (`Input::Closed` queued
        /// after the events).
        fn read(&mut self, queue: &mut VecDeque<T>) -> bool {
            let mut batch = Vec::new();
            let readable = input::read_more(&mut batch);
            let wrap = self.wrap;
            queue.extend(repair(batch).into_iter().map(|e| wrap(Input::Event(e))));
            if !readable {
                queue.push_back(wrap(Input::Closed));
            }
            readable
        }
    }
}
