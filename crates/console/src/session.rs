//! How a dashboard and its consoles find each other and talk: a Unix domain socket named after
//! the session, in a folder only its user can enter (`$XDG_RUNTIME_DIR/gapdash`, or
//! `gapdash-UID` in the temp folder; mode 0700). The socket is mode 0600, and a peer of
//! another user is refused (SO_PEERCRED) on both sides. Nothing listens on a network.
//!
//! The dashboard is the server and never waits on a console: every socket is non-blocking,
//! what a console has not read yet is bounded, and a console that stops reading is let go.
//! Lines go through [`crate::wire`]; what the server hears comes back as [`Heard`] for the
//! loop to turn into Actions.

use std::ffi::OsStr;
use std::fs::{self, DirBuilder};
use std::io::{self, Read, Write};
use std::os::fd::{AsRawFd, RawFd};
use std::os::unix::fs::{DirBuilderExt, FileTypeExt, MetadataExt, PermissionsExt};
use std::os::unix::net::{UnixListener, UnixStream};
use std::path::{Path, PathBuf};

use crate::wire::{self, Command, Lines, Message, State, WireError};
use gapdash_data::clean::clean;

/// Consoles one dashboard serves at once.
pub const MAX_CONSOLES: usize = 8;

/// Bytes a console may fall behind by before it is let go: dozens of states.
pub const MAX_BACKLOG: usize = 256 * 1024;

/// Bytes read from one console per wake-up, so that one that floods cannot hold the loop.
const READ_PER_WAKE: usize = 4 * 64 * 1024;

/// The folder sessions' sockets live in: `gapdash` in `runtime_dir` (XDG_RUNTIME_DIR) when
/// that is an absolute path, else `gapdash-UID` in `temp`.
pub fn folder(runtime_dir: Option<&OsStr>, temp: &Path, uid: u32) -> PathBuf {
    match runtime_dir.map(Path::new).filter(|d| d.is_absolute()) {
        Some(dir) => dir.join("gapdash"),
        None => temp.join(format!("gapdash-{uid}")),
    }
}

/// The socket of session `name` for this process's user and environment.
pub fn socket_path(name: &str) -> PathBuf {
    let runtime = std::env::var_os("XDG_RUNTIME_DIR");
    folder(runtime.as_deref(), &std::env::temp_dir(), uid()).join(format!("{name}.sock"))
}

/// This process's real user id.
pub fn uid() -> u32 {
    // SAFETY: getuid(2) cannot fail and touches no memory.
    unsafe { libc::getuid() }
}

/// A path as messages show it: a hostile folder name cannot reach the terminal.
fn shown(path: &Path) -> String {
    clean(&path.display().to_string()).into_owned()
}

/// Makes `folder` (mode 0700), or checks the one there: a folder, not a link to one, that
/// is this user's own; its mode is set to 0700 if it was looser.
pub fn prepare(folder: &Path) -> io::Result<()> {
    match DirBuilder::new().mode(0o700).create(folder) {
        Ok(()) => {}
        Err(e) if e.kind() == io::ErrorKind::AlreadyExists => {}
        Err(e) => return Err(context(e, &format!("creating {}", shown(folder)))),
    }
    let meta = fs::symlink_metadata(folder)?;
    if !meta.is_dir() {
        return Err(io::Error::other(format!(
            "{} is not a folder",
            shown(folder)
        )));
    }
    if meta.uid() != uid() {
        return Err(io::Error::other(format!(
            "{} belongs to another user",
            shown(folder)
        )));
    }
    if meta.mode() & 0o777 != 0o700 {
        fs::set_permissions(folder, fs::Permissions::from_mode(0o700))?;
    }
    Ok(())
}

fn context(e: io::Error, what: &str) -> io::Error {
    io::Error::new(
        e.kind(),
        format!("{what}: {}", gapdash_data::read::plain(&e)),
    )
}

/// The user id of the process at the other end of a connected socket.
fn peer_uid(fd: RawFd) -> io::Result<u32> {
    #[cfg(target_os = "linux")]
    {
        // SAFETY: ucred is plain data that getsockopt fills in; its size is passed with it,
        // and it is read only if the call succeeded.
        let mut cred: libc::ucred = unsafe { std::mem::zeroed() };
        let mut len = std::mem::size_of::<libc::ucred>() as libc::socklen_t;
        let got = unsafe {
            libc::getsockopt(
                fd,
                libc::SOL_SOCKET,
                libc::SO_PEERCRED,
                (&raw mut cred).cast(),
                &mut len,
            )
        };
        if got != 0 {
            return Err(io::Error::last_os_error());
        }
        Ok(cred.uid)
    }
    #[cfg(not(target_os = "linux"))]
    {
        let (mut uid, mut gid) = (0, 0);
        // SAFETY: getpeereid writes two integers we own.
        if unsafe { libc::getpeereid(fd, &mut uid, &mut gid) } != 0 {
            return Err(io::Error::last_os_error());
        }
        Ok(uid)
    }
}

/// Whether the peer on `stream` is this user: the one check both sides make.
fn same_user(stream: &UnixStream) -> io::Result<Result<(), u32>> {
    let peer = peer_uid(stream.as_raw_fd())?;
    Ok(if peer == uid() { Ok(()) } else { Err(peer) })
}

/// A poll(2) entry for `fd`, waiting to read and, when asked, to write.
fn poll_fd(fd: RawFd, write: bool) -> libc::pollfd {
    let write = if write { libc::POLLOUT } else { 0 };
    libc::pollfd {
        fd,
        events: libc::POLLIN | write,
        revents: 0,
    }
}

/// One end of a connection: the lines coming in, the bytes not yet sent.
struct Peer {
    stream: UnixStream,
    lines: Lines,
    unsent: Vec<u8>,
}

/// What became of a read or a write.
enum Flow {
    Open,
    Closed,
}

impl Peer {
    fn new(stream: UnixStream) -> io::Result<Peer> {
        stream.set_nonblocking(true)?;
        Ok(Peer {
            stream,
            lines: Lines::new(),
            unsent: Vec::new(),
        })
    }

    /// Reads what has arrived (at most [`READ_PER_WAKE`] bytes) into messages and errors.
    fn read(&mut self, out: &mut Vec<Result<Message, WireError>>) -> Flow {
        let mut buf = [0u8; 64 * 1024];
        let mut read = 0;
        while read < READ_PER_WAKE {
            match self.stream.read(&mut buf) {
                Ok(0) => return Flow::Closed,
                Ok(n) => {
                    read += n;
                    out.extend(self.lines.feed(&buf[..n]));
                }
                Err(e) if e.kind() == io::ErrorKind::Interrupted => {}
                Err(e) if e.kind() == io::ErrorKind::WouldBlock => break,
                Err(_) => return Flow::Closed,
            }
        }
        Flow::Open
    }

    /// Writes what it can of the unsent bytes without waiting.
    fn flush(&mut self) -> Flow {
        while !self.unsent.is_empty() {
            match self.stream.write(&self.unsent) {
                Ok(0) => return Flow::Closed,
                Ok(n) => {
                    self.unsent.drain(..n);
                }
                Err(e) if e.kind() == io::ErrorKind::Interrupted => {}
                Err(e) if e.kind() == io::ErrorKind::WouldBlock => break,
                Err(_) => return Flow::Closed,
            }
        }
        Flow::Open
    }

    /// Queues `line` and sends what it can; a peer this far behind is not reading.
    fn send(&mut self, line: &[u8]) -> Result<Flow, Behind> {
        if self.unsent.len() + line.len() > MAX_BACKLOG {
            return Err(Behind);
        }
        self.unsent.extend_from_slice(line);
        Ok(self.flush())
    }
}

/// A peer that has not read [`MAX_BACKLOG`] bytes sent to it.
struct Behind;

/// Why the dashboard could not open its session's socket.
#[derive(Debug)]
pub enum OpenError {
    /// Another dashboard answers on it.
    Running(PathBuf),
    /// Anything else: the dashboard runs without consoles.
    Failed(String),
}

/// What the server heard, for the loop to turn into Actions.
#[derive(Debug, Clone, PartialEq)]
pub enum Heard {
    /// A console asked for this.
    Command(Command),
    /// A line from a console dropped: why (a [`WireError`]'s words).
    Dropped(String),
    /// A console sent a state, which only the dashboard sends.
    StateFromConsole,
    /// A connection from another user (this uid) refused.
    RefusedUser(u32),
    /// A console beyond [`MAX_CONSOLES`] refused.
    TooMany,
    /// The state could not be encoded: why.
    NotSent(String),
    /// A console that stopped reading let go.
    LetGo,
}

/// The dashboard's end: the listening socket and the consoles connected to it.
pub struct Server {
    listener: UnixListener,
    path: PathBuf,
    /// The socket file's device and inode: on the way out only this socket is removed, never
    /// one a later dashboard put in its place.
    id: (u64, u64),
    consoles: Vec<Peer>,
    /// The last state sent, and its line: a console that connects gets it at once, and the
    /// same state is not sent twice.
    last: Option<(State, Vec<u8>)>,
}

impl Server {
    /// Listens on `path`, making its folder if needed. A socket file left by a dashboard
    /// that did not get to remove it (killed) is found dead and replaced; one that answers
    /// belongs to a running dashboard, and this one does not start.
    pub fn open(path: &Path) -> Result<Server, OpenError> {
        let failed = |e: io::Error| OpenError::Failed(gapdash_data::read::plain(&e));
        if let Some(folder) = path.parent() {
            prepare(folder).map_err(failed)?;
        }
        match fs::symlink_metadata(path) {
            Ok(meta) if meta.file_type().is_socket() => match UnixStream::connect(path) {
                Ok(_) => return Err(OpenError::Running(path.to_path_buf())),
                Err(e) if e.kind() == io::ErrorKind::ConnectionRefused => {
                    fs::remove_file(path).map_err(failed)?;
                }
                Err(e) => return Err(failed(context(e, &shown(path)))),
            },
            Ok(_) => {
                return Err(OpenError::Failed(format!(
                    "{} is not a socket; remove it to use this session",
                    shown(path)
                )));
            }
            Err(e) if e.kind() == io::ErrorKind::NotFound => {}
            Err(e) => return Err(failed(context(e, &shown(path)))),
        }
        let listener = match UnixListener::bind(path) {
            Ok(listener) => listener,
            // Another dashboard bound it between the look above and here.
            Err(e) if e.kind() == io::ErrorKind::AddrInUse => {
                return Err(OpenError::Running(path.to_path_buf()));
            }
            Err(e) => return Err(failed(context(e, &shown(path)))),
        };
        let ready = || -> io::Result<(u64, u64)> {
            fs::set_permissions(path, fs::Permissions::from_mode(0o600))?;
            listener.set_nonblocking(true)?;
            let meta = fs::symlink_metadata(path)?;
            Ok((meta.dev(), meta.ino()))
        };
        match ready() {
            Ok(id) => Ok(Server {
                listener,
                path: path.to_path_buf(),
                id,
                consoles: Vec::new(),
                last: None,
            }),
            Err(e) => {
                let _ = fs::remove_file(path);
                Err(failed(context(e, &shown(path))))
            }
        }
    }

    pub fn path(&self) -> &Path {
        &self.path
    }

    /// How many consoles are connected.
    pub fn consoles(&self) -> usize {
        self.consoles.len()
    }

    /// What to poll: the listening socket, then each console (to write as well, when it has
    /// bytes waiting). [`Server::ready`] takes the same entries back after the poll.
    pub fn poll_fds(&self) -> Vec<libc::pollfd> {
        std::iter::once(poll_fd(self.listener.as_raw_fd(), false))
            .chain(
                self.consoles
                    .iter()
                    .map(|c| poll_fd(c.stream.as_raw_fd(), !c.unsent.is_empty())),
            )
            .collect()
    }

    /// After a poll over [`Server::poll_fds`]: new consoles accepted (and sent the current
    /// state), what consoles sent read, waiting bytes written, consoles gone let go.
    pub fn ready(&mut self, fds: &[libc::pollfd]) -> Vec<Heard> {
        let mut heard = Vec::new();
        let awake = |fd: &libc::pollfd| fd.revents != 0;
        let mut gone = Vec::new();
        for (i, fd) in fds.iter().enumerate().skip(1) {
            let Some(console) = self.consoles.get_mut(i - 1) else {
                break;
            };
            if !awake(fd) {
                continue;
            }
            let mut got = Vec::new();
            let read = console.read(&mut got);
            for message in got {
                heard.push(match message {
                    Ok(Message::Command { command }) => Heard::Command(command),
                    Ok(Message::State(_)) => Heard::StateFromConsole,
                    Err(e) => Heard::Dropped(e.to_string()),
                });
            }
            if matches!(read, Flow::Closed) || matches!(console.flush(), Flow::Closed) {
                gone.push(i - 1);
            }
        }
        for i in gone.into_iter().rev() {
            self.consoles.remove(i);
        }
        if fds.first().is_some_and(awake) {
            self.accept(&mut heard);
        }
        heard
    }

    /// Takes every console waiting to connect.
    fn accept(&mut self, heard: &mut Vec<Heard>) {
        loop {
            let stream = match self.listener.accept() {
                Ok((stream, _)) => stream,
                Err(e) if e.kind() == io::ErrorKind::Interrupted => continue,
                // WouldBlock: none left; anything else: try again at the next wake-up.
                Err(_) => return,
            };
            match same_user(&stream) {
                Ok(Ok(())) => {}
                Ok(Err(peer)) => {
                    heard.push(Heard::RefusedUser(peer));
                    continue;
                }
                Err(_) => continue,
            }
            if self.consoles.len() >= MAX_CONSOLES {
                heard.push(Heard::TooMany);
                continue;
            }
            let Ok(mut console) = Peer::new(stream) else {
                continue;
            };
            let flow = match &self.last {
                Some((_, line)) => console.send(line),
                None => Ok(Flow::Open),
            };
            if matches!(flow, Ok(Flow::Open)) {
                self.consoles.push(console);
            }
        }
    }

    /// Sends `state` to every console, if it differs from the last one sent.
    pub fn publish(&mut self, state: &State) -> Vec<Heard> {
        if self.last.as_ref().is_some_and(|(last, _)| last == state) {
            return Vec::new();
        }
        let line = match wire::encode(&Message::State(state.clone())) {
            Ok(line) => line,
            Err(e) => return vec![Heard::NotSent(e.to_string())],
        };
        let mut heard = Vec::new();
        self.consoles
            .retain_mut(|console| match console.send(&line) {
                Ok(Flow::Open) => true,
                Ok(Flow::Closed) => false,
                Err(Behind) => {
                    heard.push(Heard::LetGo);
                    false
                }
            });
        self.last = Some((state.clone(), line));
        heard
    }
}

impl Drop for Server {
    /// Removes the socket file, if it is still this server's.
    fn drop(&mut self) {
        let ours =
            fs::symlink_metadata(&self.path).is_ok_and(|meta| (meta.dev(), meta.ino()) == self.id);
        if ours {
            let _ = fs::remove_file(&self.path);
        }
    }
}

/// A console's end: connected to a dashboard.
pub struct Client {
    peer: Peer,
}

/// What a console heard.
#[derive(Debug, Clone, PartialEq)]
pub enum Received {
    State(Box<State>),
    /// A line dropped, in words for the status line.
    Dropped(WireError),
}

impl Client {
    /// Connects to the dashboard listening on `path`, if one is, and checks it is this
    /// user's.
    pub fn connect(path: &Path) -> io::Result<Client> {
        let stream = UnixStream::connect(path)?;
        if let Err(peer) = same_user(&stream)? {
            return Err(io::Error::new(
                io::ErrorKind::PermissionDenied,
                format!("{} is served by user {peer}", shown(path)),
            ));
        }
        Ok(Client {
            peer: Peer::new(stream)?,
        })
    }

    /// What to poll for this connection.
    pub fn poll_fd(&self) -> libc::pollfd {
        poll_fd(self.peer.stream.as_raw_fd(), !self.peer.unsent.is_empty())
    }

    /// After the poll said the connection is ready: what arrived, or None once the dashboard
    /// has gone.
    pub fn ready(&mut self) -> Option<Vec<Received>> {
        let mut got = Vec::new();
        if matches!(self.peer.read(&mut got), Flow::Closed)
            || matches!(self.peer.flush(), Flow::Closed)
        {
            return None;
        }
        Some(
            got.into_iter()
                .filter_map(|message| match message {
                    Ok(Message::State(state)) => Some(Received::State(Box::new(state))),
                    // Commands go the other way; a dashboard never sends one.
                    Ok(Message::Command { .. }) => None,
                    Err(e) => Some(Received::Dropped(e)),
                })
                .collect(),
        )
    }

    /// Sends a command; false once the dashboard has gone (or stopped reading).
    pub fn send(&mut self, command: Command) -> bool {
        let Ok(line) = wire::encode(&Message::Command { command }) else {
            return true;
        };
        matches!(self.peer.send(&line), Ok(Flow::Open))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use gapdash_app::view::View;

    #[test]
    fn the_folder_is_the_runtime_dirs_or_the_users_own_in_the_temp_folder() {
        let tmp = Path::new("/tmp");
        assert_eq!(
            folder(Some(OsStr::new("/run/user/1000")), tmp, 1000),
            Path::new("/run/user/1000/gapdash")
        );
        assert_eq!(folder(None, tmp, 1000), Path::new("/tmp/gapdash-1000"));
        assert_eq!(
            folder(Some(OsStr::new("")), tmp, 7),
            Path::new("/tmp/gapdash-7")
        );
        assert_eq!(
            folder(Some(OsStr::new("relative")), tmp, 7),
            Path::new("/tmp/gapdash-7"),
            "a relative runtime dir is not trusted"
        );
    }

    fn mode(path: &Path) -> u32 {
        fs::symlink_metadata(path).expect("stat").mode() & 0o777
    }

    #[test]
    fn the_socket_is_0600_in_a_0700_folder_and_goes_with_the_server() {
        let tmp = tempfile::tempdir().expect("temp dir");
        let dir = tmp.path().join("gapdash");
        let path = dir.join("talk.sock");
        let server = Server::open(&path).expect("listens");
        assert_eq!(mode(&dir), 0o700);
        assert_eq!(mode(&path), 0o600);
        drop(server);
        assert!(!path.exists(), "removed on the way out");
    }

    #[test]
    fn a_looser_folder_of_ours_is_tightened_and_a_file_is_refused() {
        let tmp = tempfile::tempdir().expect("temp dir");
        let dir = tmp.path().join("gapdash");
        fs::create_dir(&dir).expect("mkdir");
        fs::set_permissions(&dir, fs::Permissions::from_mode(0o755)).expect("chmod");
        prepare(&dir).expect("ours");
        assert_eq!(mode(&dir), 0o700);
        let file = tmp.path().join("file");
        fs::write(&file, "").expect("write");
        let e = prepare(&file).expect_err("not a folder");
        assert!(e.to_string().ends_with("is not a folder"), "{e}");
        let link = tmp.path().join("link");
        std::os::unix::fs::symlink(&dir, &link).expect("symlink");
        assert!(prepare(&link).is_err(), "a link to a folder is not one");
    }

    #[test]
    fn a_second_server_is_refused_and_a_dead_socket_replaced() {
        let tmp = tempfile::tempdir().expect("temp dir");
        let dir = tmp.path().join("s");
        let path = dir.join("default.sock");
        let _first = Server::open(&path).expect("listens");
        assert!(matches!(Server::open(&path), Err(OpenError::Running(p)) if p == path));
        // A dashboard killed with SIGKILL leaves its socket file, and nobody answers on it.
        let dead = dir.join("dead.sock");
        drop(UnixListener::bind(&dead).expect("bind"));
        assert!(dead.exists(), "a closed listener leaves its file");
        let server = Server::open(&dead).expect("the dead socket is replaced");
        assert!(Client::connect(server.path()).is_ok());
        let file = dir.join("file.sock");
        fs::write(&file, "").expect("write");
        assert!(matches!(
            Server::open(&file),
            Err(OpenError::Failed(why)) if why.ends_with("is not a socket; remove it to use this session")
        ));
    }

    fn poll(fds: &mut [libc::pollfd]) {
        // SAFETY: `fds` is a valid array for the length given, alive for the call.
        let ready = unsafe { libc::poll(fds.as_mut_ptr(), fds.len() as libc::nfds_t, 1000) };
        assert!(ready > 0, "something to do within a second");
    }

    /// One turn of the server's side of the loop.
    fn serve(server: &mut Server) -> Vec<Heard> {
        let mut fds = server.poll_fds();
        poll(&mut fds);
        server.ready(&fds)
    }

    /// One turn of the console's side.
    fn listen(client: &mut Client) -> Option<Vec<Received>> {
        let mut fds = [client.poll_fd()];
        poll(&mut fds);
        client.ready()
    }

    fn state(view: View) -> State {
        let app = gapdash_app::app::App::new(gapdash_data::builtin().expect("data"), view);
        State::of(&app, 0)
    }

    #[test]
    fn states_go_out_commands_come_back_and_junk_is_dropped() {
        let tmp = tempfile::tempdir().expect("temp dir");
        let mut server = Server::open(&tmp.path().join("t.sock")).expect("listens");
        assert!(server.publish(&state(View::Sales)).is_empty());
        let mut client = Client::connect(server.path()).expect("connects");
        assert_eq!(serve(&mut server), []);
        assert_eq!(server.consoles(), 1);
        assert_eq!(
            listen(&mut client),
            Some(vec![Received::State(Box::new(state(View::Sales)))]),
            "a new console gets the current state at once"
        );
        assert!(
            server.publish(&state(View::Sales)).is_empty(),
            "same state: nothing sent"
        );
        server.publish(&state(View::World));
        assert_eq!(
            listen(&mut client),
            Some(vec![Received::State(Box::new(state(View::World)))])
        );

        assert!(client.send(Command::Forward));
        assert_eq!(serve(&mut server), [Heard::Command(Command::Forward)]);
        let mut raw = UnixStream::connect(server.path()).expect("connects");
        serve(&mut server);
        raw.write_all(b"{\"v\":1,\"type\":\"command\",\"command\":\"\\u001b[2J\"}\n")
            .expect("write");
        raw.write_all(&vec![b'x'; wire::MAX_LINE + 10])
            .expect("write");
        raw.write_all(b"\n{\"v\":1,\"type\":\"command\",\"command\":\"back\"}\n")
            .expect("write");
        let mut heard = Vec::new();
        while heard.len() < 3 {
            heard.extend(serve(&mut server));
        }
        assert!(
            matches!(&heard[0], Heard::Dropped(n) if n.starts_with("a malformed message (unknown variant `␛`")),
            "{heard:?}"
        );
        assert_eq!(
            heard[1..],
            [
                Heard::Dropped("a message over 64 KiB".into()),
                Heard::Command(Command::Back)
            ]
        );
        drop(raw);
        serve(&mut server);
        assert_eq!(server.consoles(), 1, "the raw connection is gone");
        drop(server);
        assert_eq!(
            listen(&mut client),
            None,
            "the console sees the dashboard go"
        );
    }

    #[test]
    fn a_console_that_stops_reading_is_let_go_without_waiting() {
        let tmp = tempfile::tempdir().expect("temp dir");
        let mut server = Server::open(&tmp.path().join("t.sock")).expect("listens");
        let _silent = UnixStream::connect(server.path()).expect("connects");
        serve(&mut server);
        let mut state = state(View::Overview);
        let mut heard = Vec::new();
        for n in 0..10_000 {
            state.timer_started_ms = n;
            heard.extend(server.publish(&state));
            if server.consoles() == 0 {
                break;
            }
        }
        assert_eq!(server.consoles(), 0);
        assert_eq!(heard, [Heard::LetGo]);
    }
}
