//! Unix: session NAME is the socket `NAME.sock` (mode 0600) in a folder only the user can
//! enter (`$XDG_RUNTIME_DIR/gapdash`, or `gapdash-UID` in the temp folder; mode 0700, the
//! user's own, not a link), checked by the dashboard and the console alike. The dashboard
//! holding an exclusive lock on `NAME.lock` owns the name, so a socket left by a killed one is
//! replaced without a race. Each end checks the other's user id after connecting.

use std::ffi::OsStr;
use std::fs::{self, DirBuilder, File, OpenOptions, TryLockError};
use std::io;
use std::net::Shutdown;
use std::os::fd::{AsRawFd, OwnedFd};
use std::os::unix::fs::{DirBuilderExt, FileTypeExt, MetadataExt, OpenOptionsExt, PermissionsExt};
use std::os::unix::net::{UnixListener, UnixStream};
use std::path::{Path, PathBuf};
use std::time::Duration;

use nix::errno::Errno;
use nix::fcntl::OFlag;
use nix::sys::socket::{self, AddressFamily, SockFlag, SockType, UnixAddr};

use super::{Closer, Conn, Incoming, context, shown};

/// The folder sessions' sockets live in: `gapdash` in `runtime_dir` (XDG_RUNTIME_DIR) when
/// that is an absolute path, else `gapdash-UID` in `temp`.
pub fn folder(runtime_dir: Option<&OsStr>, temp: &Path, uid: u32) -> PathBuf {
    match runtime_dir.map(Path::new).filter(|d| d.is_absolute()) {
        Some(dir) => dir.join("gapdash"),
        None => temp.join(format!("gapdash-{uid}")),
    }
}

pub(super) fn rendezvous() -> PathBuf {
    let runtime = std::env::var_os("XDG_RUNTIME_DIR");
    folder(runtime.as_deref(), &std::env::temp_dir(), uid())
}

pub(super) fn address(place: &Path, name: &str) -> PathBuf {
    place.join(format!("{name}.sock"))
}

/// This process's effective user id: the owner of what it creates, and what a peer sees.
pub fn uid() -> u32 {
    nix::unistd::geteuid().as_raw()
}

fn refused(what: String) -> io::Error {
    io::Error::new(io::ErrorKind::PermissionDenied, what)
}

/// Makes `folder` (mode 0700), or takes the one there if it is this user's own folder and not
/// a link, tightening its mode to 0700: the dashboard's side.
pub fn prepare(folder: &Path) -> io::Result<()> {
    match DirBuilder::new().mode(0o700).create(folder) {
        Ok(()) => {}
        Err(e) if e.kind() == io::ErrorKind::AlreadyExists => {}
        Err(e) => return Err(context(e, &format!("creating {}", shown(folder)))),
    }
    let meta = ours(folder)?;
    if meta.mode() & 0o077 != 0 {
        fs::set_permissions(folder, fs::Permissions::from_mode(0o700))
            .map_err(|e| context(e, &format!("making {} private", shown(folder))))?;
    }
    check_folder(folder)
}

/// Whether `folder` is this user's own folder (not a link) that no one else can enter: the
/// console's side, which changes nothing. NotFound while no dashboard has made it.
pub fn check_folder(folder: &Path) -> io::Result<()> {
    let meta = ours(folder)?;
    if meta.mode() & 0o077 != 0 {
        return Err(refused(format!(
            "{} is open to others (mode {:o}, not 700)",
            shown(folder),
            meta.mode() & 0o777
        )));
    }
    Ok(())
}

/// `folder`'s metadata if it is a folder, not a link, of this user's.
fn ours(folder: &Path) -> io::Result<fs::Metadata> {
    let meta = fs::symlink_metadata(folder).map_err(|e| context(e, &shown(folder)))?;
    if meta.file_type().is_symlink() {
        return Err(refused(format!("{} is a link", shown(folder))));
    }
    if !meta.is_dir() {
        return Err(refused(format!("{} is not a folder", shown(folder))));
    }
    if meta.uid() != uid() {
        return Err(refused(format!(
            "{} belongs to user {}",
            shown(folder),
            meta.uid()
        )));
    }
    Ok(meta)
}

/// The user id of the process at the other end of a connected socket.
pub(super) fn peer_uid(stream: &UnixStream) -> io::Result<u32> {
    #[cfg(any(target_os = "linux", target_os = "android"))]
    let uid = socket::getsockopt(stream, socket::sockopt::PeerCredentials)?.uid();
    #[cfg(not(any(target_os = "linux", target_os = "android")))]
    let uid = nix::unistd::getpeereid(stream)?.0.as_raw();
    Ok(uid)
}

/// Connects without waiting: a listener whose queue is full (it never accepts) answers
/// WouldBlock instead of holding the caller.
fn connect_now(path: &Path) -> io::Result<UnixStream> {
    let fd: OwnedFd = socket::socket(
        AddressFamily::Unix,
        SockType::Stream,
        SockFlag::empty(),
        None,
    )?;
    let stream = UnixStream::from(fd);
    stream.set_nonblocking(true)?;
    let addr = UnixAddr::new(path)?;
    match socket::connect(stream.as_raw_fd(), &addr) {
        Ok(()) => {}
        Err(Errno::EAGAIN | Errno::EINPROGRESS) => {
            return Err(io::Error::new(
                io::ErrorKind::WouldBlock,
                format!("{} does not accept connections", shown(path)),
            ));
        }
        Err(e) => return Err(e.into()),
    }
    stream.set_nonblocking(false)?;
    Ok(stream)
}

/// A stream's three ends: reader, writer, and a shutdown for a third thread.
fn conn(stream: UnixStream) -> io::Result<Conn> {
    let writer = stream.try_clone()?;
    let closing = stream.try_clone()?;
    Ok(Conn {
        reader: Box::new(stream),
        writer: Box::new(writer),
        closer: Closer(Box::new(move || {
            let _ = closing.shutdown(Shutdown::Both);
        })),
    })
}

/// The console's side: the folder and the socket checked, connected without waiting, the
/// dashboard's user checked.
pub(super) fn connect(path: &Path, _deadline: Duration) -> io::Result<Conn> {
    if let Some(folder) = path.parent() {
        check_folder(folder)?;
    }
    let meta = fs::symlink_metadata(path).map_err(|e| context(e, &shown(path)))?;
    if meta.file_type().is_symlink() {
        return Err(refused(format!("{} is a link", shown(path))));
    }
    if !meta.file_type().is_socket() {
        return Err(refused(format!("{} is not a socket", shown(path))));
    }
    if meta.uid() != uid() {
        return Err(refused(format!(
            "{} belongs to user {}",
            shown(path),
            meta.uid()
        )));
    }
    let stream = connect_now(path).map_err(|e| context(e, &shown(path)))?;
    let peer = peer_uid(&stream)?;
    if peer != uid() {
        return Err(refused(format!("{} is served by user {peer}", shown(path))));
    }
    conn(stream)
}

/// A session's name held by this dashboard: the lock, and the socket to remove on the way out.
pub(super) struct Claim {
    socket: PathBuf,
    /// The socket file's device and inode: only this socket is removed, never one a later
    /// dashboard put in its place.
    socket_id: (u64, u64),
    lock_path: PathBuf,
    /// Held, locked, for the dashboard's life.
    lock: File,
}

impl Claim {
    pub(super) fn path(&self) -> &Path {
        &self.socket
    }

    /// Wakes the accept thread with a connection of its own, so it sees it must stop.
    pub(super) fn wake_accept(&self) {
        drop(connect_now(&self.socket));
    }
}

fn id(meta: &fs::Metadata) -> (u64, u64) {
    (meta.dev(), meta.ino())
}

impl Drop for Claim {
    fn drop(&mut self) {
        let is = |path: &Path, id_then: (u64, u64)| {
            fs::symlink_metadata(path).is_ok_and(|meta| id(&meta) == id_then)
        };
        if is(&self.socket, self.socket_id) {
            let _ = fs::remove_file(&self.socket);
        }
        // Still locked: whoever opens the name next makes a new lock file or finds this
        // one gone from under it, and tries again.
        if self
            .lock
            .metadata()
            .is_ok_and(|meta| is(&self.lock_path, id(&meta)))
        {
            let _ = fs::remove_file(&self.lock_path);
        }
    }
}

/// The listening socket, for the accept thread.
pub(super) struct Listener {
    listener: UnixListener,
}

impl Listener {
    /// Waits for the next connection and checks its user.
    pub(super) fn accept(&self) -> io::Result<Incoming> {
        let (stream, _) = self.listener.accept()?;
        let peer = match peer_uid(&stream) {
            Ok(peer) if peer == uid() => Ok(()),
            Ok(peer) => Err(peer.to_string()),
            Err(e) => Err(format!("unknown ({})", gapdash_data::read::plain(&e))),
        };
        Ok(Incoming {
            conn: conn(stream)?,
            peer,
        })
    }
}

/// Opens the lock file of a name: created 0600 if missing, never through a link, this user's.
fn open_lock(path: &Path) -> io::Result<File> {
    let file = OpenOptions::new()
        .read(true)
        .write(true)
        .create(true)
        .truncate(false)
        .mode(0o600)
        .custom_flags(OFlag::O_NOFOLLOW.bits())
        .open(path)
        .map_err(|e| context(e, &format!("opening {}", shown(path))))?;
    let meta = file.metadata()?;
    if !meta.is_file() || meta.uid() != uid() {
        return Err(refused(format!(
            "{} is not a file of this user's",
            shown(path)
        )));
    }
    Ok(file)
}

/// Takes session `name` in `place` if no running dashboard holds it: None if one does.
pub(super) fn bind(place: &Path, name: &str) -> io::Result<Option<(Claim, Listener)>> {
    prepare(place)?;
    let lock_path = place.join(format!("{name}.lock"));
    let lock = loop {
        let lock = open_lock(&lock_path)?;
        match lock.try_lock() {
            Ok(()) => {}
            Err(TryLockError::WouldBlock) => return Ok(None),
            Err(TryLockError::Error(e)) => {
                return Err(context(e, &format!("locking {}", shown(&lock_path))));
            }
        }
        // The dashboard before may have removed the file between our open and our lock.
        let now = fs::symlink_metadata(&lock_path).map(|meta| id(&meta));
        if now.ok() == Some(id(&lock.metadata()?)) {
            break lock;
        }
    };
    let socket = address(place, name);
    match fs::symlink_metadata(&socket) {
        Ok(meta) if meta.file_type().is_socket() => {
            // Not held by a lock, yet answering: a dashboard from before locks, or another
            // program. A socket nobody answers on was left by a killed dashboard.
            let answers = match connect_now(&socket) {
                Ok(_) => true,
                Err(e) => e.kind() == io::ErrorKind::WouldBlock,
            };
            if answers {
                return Ok(None);
            }
            fs::remove_file(&socket).map_err(|e| context(e, &shown(&socket)))?;
        }
        Ok(_) => {
            return Err(io::Error::other(format!(
                "{} is not a socket; remove it to use this session",
                shown(&socket)
            )));
        }
        Err(e) if e.kind() == io::ErrorKind::NotFound => {}
        Err(e) => return Err(context(e, &shown(&socket))),
    }
    let listener = match UnixListener::bind(&socket) {
        Ok(listener) => listener,
        Err(e) if e.kind() == io::ErrorKind::AddrInUse => return Ok(None),
        Err(e) => return Err(context(e, &shown(&socket))),
    };
    let ready = || -> io::Result<(u64, u64)> {
        fs::set_permissions(&socket, fs::Permissions::from_mode(0o600))?;
        Ok(id(&fs::symlink_metadata(&socket)?))
    };
    match ready() {
        Ok(socket_id) => Ok(Some((
            Claim {
                socket,
                socket_id,
                lock_path,
                lock,
            },
            Listener { listener },
        ))),
        Err(e) => {
            let _ = fs::remove_file(&socket);
            Err(context(e, &shown(&socket)))
        }
    }
}
