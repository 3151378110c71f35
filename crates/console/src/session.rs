//! How a dashboard and its consoles find each other and talk, with one promise on every OS:
//! only the same user connects, and nothing listens on a network. On Unix a Unix domain
//! socket in a folder only the user can enter ([`unix`]); on Windows a local named pipe only
//! the user can open ([`windows`]). Each side checks the other end runs as the same user.
//!
//! Threads, not poll(2): the server's accept thread and each console's reader and writer hand
//! what they hear to a callback, and the dashboard's loop never waits on a console: what a
//! console has not read yet is bounded, and a console that stops reading is let go. Lines go
//! through [`crate::wire`].

use std::collections::VecDeque;
use std::io::{self, Read, Write};
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::mpsc::{self, SyncSender};
use std::sync::{Arc, Condvar, Mutex, MutexGuard, PoisonError};
use std::thread;
use std::time::{Duration, Instant};

use crate::wire::{self, Command, Lines, Message, State, WireError};
use gapdash_data::clean::clean;
use gapdash_data::read::plain;

#[cfg(unix)]
pub mod unix;
#[cfg(unix)]
use unix as platform;
#[cfg(windows)]
pub mod windows;
#[cfg(windows)]
use windows as platform;

/// Consoles one dashboard serves at once.
pub const MAX_CONSOLES: usize = 8;

/// Bytes a console may fall behind by before it is let go: dozens of states.
pub const MAX_BACKLOG: usize = 256 * 1024;

/// Names a dashboard tries for its session: NAME, then NAME-2 up to NAME-99.
pub const MAX_NAMES: usize = 99;

/// The first and the longest pause after accept() failed (out of file handles): never spin.
const BACKOFF_FIRST: Duration = Duration::from_millis(10);
const BACKOFF_MAX: Duration = Duration::from_secs(1);

/// Dropped lines one console may report a second: a flood of junk cannot flood the loop.
const DROPS_PER_SECOND: u32 = 8;

/// Commands a console holds for a dashboard that has not read them yet.
const COMMAND_BACKLOG: usize = 64;

/// Stack for the session's threads: they hold a read buffer on the heap and little else.
const STACK: usize = 256 * 1024;

/// Where this user's sessions meet: a folder on Unix, a pipe name's prefix on Windows.
pub fn rendezvous() -> PathBuf {
    platform::rendezvous()
}

/// Where session `name` is, in `place` (see [`rendezvous`]): a socket's path or a pipe's name.
pub fn address(place: &Path, name: &str) -> PathBuf {
    platform::address(place, name)
}

/// Where session `name` of this user is.
pub fn socket_path(name: &str) -> PathBuf {
    address(&rendezvous(), name)
}

/// The name a dashboard uses when `session` is taken `n - 1` times: NAME, NAME-2, NAME-3…
pub fn nth_name(session: &str, n: usize) -> String {
    if n <= 1 {
        session.to_string()
    } else {
        format!("{session}-{n}")
    }
}

/// A path as messages show it: a hostile folder name cannot reach the terminal.
fn shown(path: &Path) -> String {
    clean(&path.display().to_string()).into_owned()
}

/// `e` with what was being done in front.
fn context(e: io::Error, what: &str) -> io::Error {
    io::Error::new(e.kind(), format!("{what}: {}", plain(&e)))
}

fn lock<T>(mutex: &Mutex<T>) -> MutexGuard<'_, T> {
    mutex.lock().unwrap_or_else(PoisonError::into_inner)
}

/// One connection's ends, each for a thread of its own.
pub(crate) struct Conn {
    pub reader: Box<dyn Read + Send>,
    pub writer: Box<dyn Write + Send>,
    /// Ends the connection from a third thread, so that a blocked read or write returns.
    pub closer: Closer,
}

/// Shuts a connection down; on Windows a pipe cannot be shut while another thread uses it,
/// so this does nothing there and the pipe closes with its last end.
pub(crate) struct Closer(Box<dyn Fn() + Send + Sync>);

impl Closer {
    fn close(&self) {
        (self.0)();
    }
}

/// A connection the accept thread took, and whether its peer is this user (else who).
pub(crate) struct Incoming {
    pub conn: Conn,
    pub peer: Result<(), String>,
}

/// Why the dashboard could not open its session: it runs without consoles.
#[derive(Debug)]
pub enum OpenError {
    Failed(String),
}

/// What the server heard, for the loop to turn into Actions.
#[derive(Debug, Clone, PartialEq)]
pub enum Heard {
    /// A console asked for this.
    Command(Command),
    /// A line from a console dropped: why (a [`WireError`]'s words).
    Dropped(WireError),
    /// A console sent a state, which only the dashboard sends.
    StateFromConsole,
    /// A connection from another user refused: who (a uid on Unix, a SID on Windows).
    RefusedUser(String),
    /// A console beyond [`MAX_CONSOLES`] refused, and told so.
    TooMany,
    /// The state could not be encoded: why.
    NotSent(String),
    /// A console that stopped reading let go.
    LetGo,
    /// Accepting consoles failed (out of file handles): why. Said once; the server waits
    /// longer each time, up to a second, and tries again.
    AcceptFailed(String),
}

/// Lines waiting for one console's writer, counted in bytes until written.
#[derive(Default)]
struct Outbox {
    queue: Mutex<Queue>,
    more: Condvar,
}

#[derive(Default)]
struct Queue {
    lines: VecDeque<Arc<[u8]>>,
    /// Bytes queued or being written.
    bytes: usize,
    closed: bool,
}

impl Outbox {
    /// Queues `line`; false if the console is so far behind that it is not reading.
    fn push(&self, line: &Arc<[u8]>) -> bool {
        let mut queue = lock(&self.queue);
        if queue.bytes + line.len() > MAX_BACKLOG {
            return false;
        }
        queue.bytes += line.len();
        queue.lines.push_back(Arc::clone(line));
        self.more.notify_one();
        true
    }

    /// The next line to write, waiting for one; None once closed.
    fn next(&self) -> Option<Arc<[u8]>> {
        let mut queue = lock(&self.queue);
        loop {
            if queue.closed {
                return None;
            }
            if let Some(line) = queue.lines.pop_front() {
                return Some(line);
            }
            queue = self
                .more
                .wait(queue)
                .unwrap_or_else(PoisonError::into_inner);
        }
    }

    fn written(&self, bytes: usize) {
        let mut queue = lock(&self.queue);
        queue.bytes = queue.bytes.saturating_sub(bytes);
    }

    fn close(&self) {
        lock(&self.queue).closed = true;
        self.more.notify_all();
    }
}

/// A console being served.
struct Console {
    id: u64,
    outbox: Arc<Outbox>,
    closer: Arc<Closer>,
}

#[derive(Default)]
struct Consoles {
    list: Vec<Console>,
    /// The last state's line: a console that connects gets it at once.
    last: Option<Arc<[u8]>>,
    next_id: u64,
}

/// What the server's threads share.
struct Shared {
    consoles: Mutex<Consoles>,
    stop: AtomicBool,
    notify: Box<dyn Fn(Heard) -> bool + Send + Sync>,
}

impl Shared {
    fn stopped(&self) -> bool {
        self.stop.load(Ordering::Acquire)
    }

    /// Passes `heard` on; false once no one listens (or the server is gone).
    fn tell(&self, heard: Heard) -> bool {
        !self.stopped() && (self.notify)(heard)
    }

    /// Ends console `id`'s connection and forgets it.
    fn let_go(&self, id: u64) {
        let mut consoles = lock(&self.consoles);
        if let Some(at) = consoles.list.iter().position(|c| c.id == id) {
            let console = consoles.list.remove(at);
            drop(consoles);
            console.outbox.close();
            console.closer.close();
        }
    }

    /// Serves a new connection: refused if of another user, or told it is one too many;
    /// else sent the last state and given a reader and a writer. False to stop accepting.
    fn welcome(self: &Arc<Shared>, incoming: Incoming) -> bool {
        let Incoming { conn, peer } = incoming;
        if let Err(who) = peer {
            conn.closer.close();
            return self.tell(Heard::RefusedUser(who));
        }
        let mut consoles = lock(&self.consoles);
        if consoles.list.len() >= MAX_CONSOLES {
            drop(consoles);
            refuse(conn);
            return self.tell(Heard::TooMany);
        }
        let id = consoles.next_id;
        consoles.next_id += 1;
        let outbox = Arc::new(Outbox::default());
        if let Some(last) = &consoles.last {
            outbox.push(last);
        }
        let closer = Arc::new(conn.closer);
        consoles.list.push(Console {
            id,
            outbox: Arc::clone(&outbox),
            closer,
        });
        drop(consoles);
        let (reader, writer) = (conn.reader, conn.writer);
        let shared = Arc::clone(self);
        let read = spawn("gapdash-console-in", move || {
            shared.read_console(id, reader)
        });
        let shared = Arc::clone(self);
        let write = read.and_then(|()| {
            spawn("gapdash-console-out", move || {
                shared.write_console(id, &outbox, writer);
            })
        });
        if write.is_err() {
            self.let_go(id);
        }
        true
    }

    /// Reads console `id`'s lines until it closes or no one listens.
    fn read_console(&self, id: u64, reader: Box<dyn Read + Send>) {
        let mut drops = Drops::default();
        read_messages(reader, |message| {
            let heard = match message {
                Ok(Message::Command { command }) => Heard::Command(command),
                Ok(Message::State(_) | Message::Full { .. }) => Heard::StateFromConsole,
                Err(e) if drops.allow(Instant::now()) => Heard::Dropped(e),
                Err(_) => return true,
            };
            self.tell(heard)
        });
        self.let_go(id);
    }

    /// Writes console `id`'s lines until it is let go or its connection fails.
    fn write_console(&self, id: u64, outbox: &Outbox, mut writer: Box<dyn Write + Send>) {
        while let Some(line) = outbox.next() {
            if writer
                .write_all(&line)
                .and_then(|()| writer.flush())
                .is_err()
            {
                break;
            }
            outbox.written(line.len());
        }
        self.let_go(id);
    }
}

/// Tells a console it is one too many, then lets the connection close: not ended by its
/// closer, which on Windows would throw the unread line away.
fn refuse(mut conn: Conn) {
    let full = Message::Full { max: MAX_CONSOLES };
    if let Ok(line) = wire::encode(&full) {
        // A fresh connection's buffer takes a short line without waiting.
        let _ = conn
            .writer
            .write_all(&line)
            .and_then(|()| conn.writer.flush());
    }
}

/// Counts dropped lines in one-second windows.
#[derive(Default)]
struct Drops {
    since: Option<Instant>,
    count: u32,
}

impl Drops {
    fn allow(&mut self, now: Instant) -> bool {
        match self.since {
            Some(since) if now.duration_since(since) < Duration::from_secs(1) => {}
            _ => {
                self.since = Some(now);
                self.count = 0;
            }
        }
        self.count += 1;
        self.count <= DROPS_PER_SECOND
    }
}

fn spawn(name: &str, f: impl FnOnce() + Send + 'static) -> io::Result<()> {
    thread::Builder::new()
        .name(name.to_string())
        .stack_size(STACK)
        .spawn(f)
        .map(drop)
}

/// Takes connections from `accept` until the server is dropped or no one listens; after a
/// failure, `pause`s longer each time (up to [`BACKOFF_MAX`]) and says so once.
fn accept_loop(
    shared: &Arc<Shared>,
    accept: &mut dyn FnMut() -> io::Result<Incoming>,
    pause: &mut dyn FnMut(Duration),
) {
    let mut backoff: Option<Duration> = None;
    loop {
        let got = accept();
        if shared.stopped() {
            return;
        }
        match got {
            Ok(incoming) => {
                backoff = None;
                if !shared.welcome(incoming) {
                    return;
                }
            }
            Err(e) if e.kind() == io::ErrorKind::Interrupted => {}
            Err(e) => {
                let wait = match backoff {
                    Some(last) => (last * 2).min(BACKOFF_MAX),
                    None => {
                        let why = context(e, "accepting a console");
                        if !shared.tell(Heard::AcceptFailed(plain(&why))) {
                            return;
                        }
                        BACKOFF_FIRST
                    }
                };
                backoff = Some(wait);
                pause(wait);
            }
        }
    }
}

/// The dashboard's end: its session's name, and the threads that serve consoles.
pub struct Server {
    shared: Arc<Shared>,
    claim: platform::Claim,
    session: String,
    path: PathBuf,
    /// The last state sent: the same state is not sent twice.
    last: Option<State>,
}

impl Server {
    /// Opens session `session` in `place` (see [`rendezvous`]), or the next free name
    /// (NAME-2, NAME-3…) if a running dashboard holds it, and starts accepting consoles.
    /// What consoles send, and what befalls them, is passed to `notify` from the server's
    /// threads; they stop when it returns false.
    pub fn open(
        place: &Path,
        session: &str,
        notify: impl Fn(Heard) -> bool + Send + Sync + 'static,
    ) -> Result<Server, OpenError> {
        let failed = |e: io::Error| OpenError::Failed(plain(&e));
        let mut bound = None;
        for n in 1..=MAX_NAMES {
            let name = nth_name(session, n);
            if let Some(got) = platform::bind(place, &name).map_err(failed)? {
                bound = Some((name, got));
                break;
            }
        }
        let Some((name, (claim, listener))) = bound else {
            return Err(OpenError::Failed(format!(
                "sessions {session} to {} are all in use",
                nth_name(session, MAX_NAMES)
            )));
        };
        let shared = Arc::new(Shared {
            consoles: Mutex::default(),
            stop: AtomicBool::new(false),
            notify: Box::new(notify),
        });
        let path = claim.path().to_path_buf();
        let accepting = Arc::clone(&shared);
        spawn("gapdash-accept", move || {
            accept_loop(&accepting, &mut || listener.accept(), &mut thread::sleep);
        })
        .map_err(|e| failed(context(e, "starting the console server")))?;
        Ok(Server {
            shared,
            claim,
            session: name,
            path,
            last: None,
        })
    }

    /// The session's name consoles use: the one asked for, or NAME-2… if it was taken.
    pub fn session(&self) -> &str {
        &self.session
    }

    /// The socket's path, or the pipe's name.
    pub fn path(&self) -> &Path {
        &self.path
    }

    /// How many consoles are connected.
    pub fn consoles(&self) -> usize {
        lock(&self.shared.consoles).list.len()
    }

    /// Queues `state` for every console if it differs from the last one sent; never waits.
    /// Consoles too far behind are let go.
    pub fn publish(&mut self, state: &State) -> Vec<Heard> {
        if self.last.as_ref() == Some(state) {
            return Vec::new();
        }
        let line: Arc<[u8]> = match wire::encode(&Message::State(state.clone())) {
            Ok(line) => line.into(),
            Err(e) => return vec![Heard::NotSent(e.to_string())],
        };
        self.last = Some(state.clone());
        let mut consoles = lock(&self.shared.consoles);
        consoles.last = Some(Arc::clone(&line));
        let behind: Vec<u64> = consoles
            .list
            .iter()
            .filter(|c| !c.outbox.push(&line))
            .map(|c| c.id)
            .collect();
        drop(consoles);
        for id in &behind {
            self.shared.let_go(*id);
        }
        vec![Heard::LetGo; behind.len()]
    }
}

impl Drop for Server {
    /// Stops the threads and lets every console go; on Unix the socket goes with the server.
    fn drop(&mut self) {
        self.shared.stop.store(true, Ordering::Release);
        let ids: Vec<u64> = lock(&self.shared.consoles)
            .list
            .iter()
            .map(|c| c.id)
            .collect();
        for id in ids {
            self.shared.let_go(id);
        }
        self.claim.wake_accept();
    }
}

/// What a console heard.
#[derive(Debug, Clone, PartialEq)]
pub enum Received {
    State(Box<State>),
    /// A line dropped, in words for the status line.
    Dropped(WireError),
    /// The dashboard serves `max` consoles already; it closes this one.
    Full {
        max: usize,
    },
    /// The connection closed: the dashboard went, or let this console go.
    Closed,
}

/// A console's end: connected to a dashboard, its lines read on a thread of their own.
pub struct Client {
    commands: SyncSender<Vec<u8>>,
    closer: Arc<Closer>,
}

impl Client {
    /// Connects to the dashboard at `path` (a socket's path or a pipe's name) if one answers
    /// within `deadline`, and checks it runs as this user (PermissionDenied if not; on Unix
    /// also if its folder or socket is not this user's alone). What it sends is passed to
    /// `notify` from a reader thread until the connection closes or `notify` returns false.
    pub fn connect(
        path: &Path,
        deadline: Duration,
        notify: impl Fn(Received) -> bool + Send + 'static,
    ) -> io::Result<Client> {
        let Conn {
            reader,
            mut writer,
            closer,
        } = platform::connect(path, deadline)?;
        let closer = Arc::new(closer);
        let (commands, outgoing) = mpsc::sync_channel::<Vec<u8>>(COMMAND_BACKLOG);
        spawn("gapdash-console-read", move || {
            read_dashboard(reader, &notify)
        })?;
        let closing = Arc::clone(&closer);
        let written = spawn("gapdash-console-write", move || {
            for line in outgoing {
                if writer
                    .write_all(&line)
                    .and_then(|()| writer.flush())
                    .is_err()
                {
                    break;
                }
            }
            closing.close();
        });
        if let Err(e) = written {
            closer.close();
            return Err(e);
        }
        Ok(Client { commands, closer })
    }

    /// Sends a command without waiting; false once the dashboard has gone or stopped reading.
    pub fn send(&self, command: Command) -> bool {
        match wire::encode(&Message::Command { command }) {
            Ok(line) => self.commands.try_send(line).is_ok(),
            Err(_) => true,
        }
    }
}

impl Drop for Client {
    fn drop(&mut self) {
        self.closer.close();
    }
}

/// Reads the dashboard's lines into `notify` until the connection or the listener goes.
fn read_dashboard(reader: Box<dyn Read + Send>, notify: &dyn Fn(Received) -> bool) {
    let listening = read_messages(reader, |message| {
        let received = match message {
            Ok(Message::State(state)) => Received::State(Box::new(state)),
            Ok(Message::Full { max }) => Received::Full { max },
            // Commands go the other way; a dashboard never sends one.
            Ok(Message::Command { .. }) => return true,
            Err(e) => Received::Dropped(e),
        };
        notify(received)
    });
    if listening {
        notify(Received::Closed);
    }
}

/// Reads lines from `reader` as messages (or why one was dropped) into `each`, until the
/// connection ends (true) or `each` returns false (false): the one reader both ends share.
fn read_messages(
    mut reader: Box<dyn Read + Send>,
    mut each: impl FnMut(Result<Message, WireError>) -> bool,
) -> bool {
    let mut lines = Lines::new();
    let mut buf = vec![0u8; 64 * 1024];
    loop {
        let n = match reader.read(&mut buf) {
            Ok(0) => return true,
            Ok(n) => n,
            Err(e) if e.kind() == io::ErrorKind::Interrupted => continue,
            Err(_) => return true,
        };
        for message in lines.feed(&buf[..n]) {
            if !each(message) {
                return false;
            }
        }
    }
}

#[cfg(test)]
mod tests;
