//! Windows: session NAME is the named pipe `\\.\pipe\gapdash-USER-NAME`. It is made as the
//! name's first instance (a pipe someone else made first is never joined), for local clients
//! only, with a security descriptor that lets in this user alone; and each end checks that
//! the process at the other end runs as this user ([`win32`]).

use std::ffi::OsString;
use std::io::{self, Read, Write};
use std::os::windows::io::AsHandle;
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::Duration;

use interprocess::ConnectWaitMode;
use interprocess::os::windows::named_pipe::{
    DuplexPipeStream, PipeListener, PipeListenerOptions, PipeMode, pipe_mode,
};
use interprocess::os::windows::security_descriptor::SecurityDescriptor;
use widestring::U16CString;
use windows_sys::Win32::Foundation::ERROR_HANDLES_CLOSED;

use super::{Closer, Conn, Incoming, context, shown};

mod win32;

type Pipe = DuplexPipeStream<pipe_mode::Bytes>;

/// Bytes the system buffers each way: a few states.
const BUFFER: u32 = 64 * 1024;

/// How long the server waits for its own pipe when it wakes its accept thread, or for a
/// running dashboard's when it looks for one.
const WAKE: Duration = Duration::from_millis(50);

/// The user's name as a pipe's name may carry it; the rendezvous is checked by the pipe's
/// security and the peer's user, not by its name.
fn user_name() -> String {
    let name: String = std::env::var("USERNAME")
        .unwrap_or_default()
        .chars()
        .map(|c| {
            if c.is_ascii_alphanumeric() || "._-".contains(c) {
                c
            } else {
                '_'
            }
        })
        .collect();
    if name.is_empty() {
        "user".to_string()
    } else {
        name
    }
}

pub(super) fn rendezvous() -> PathBuf {
    PathBuf::from(format!(r"\\.\pipe\gapdash-{}", user_name()))
}

pub(super) fn address(place: &Path, name: &str) -> PathBuf {
    let mut pipe = OsString::from(place.as_os_str());
    pipe.push("-");
    pipe.push(name);
    PathBuf::from(pipe)
}

/// Connects to `path`, waiting up to `wait` while its instances are all busy. A wait that the
/// pipe's going ends is NotFound, as when there was none: Windows ends it so, but wine ends it
/// with ERROR_HANDLES_CLOSED, which would otherwise reach the caller as an unknown error (a
/// dashboard starting as another of its session quits failed on it).
fn connect_pipe(path: &Path, wait: Duration) -> io::Result<Pipe> {
    Pipe::connect_by_path_with_wait_mode(path.as_os_str(), ConnectWaitMode::Timeout(wait)).map_err(
        |e| {
            if e.raw_os_error() == Some(ERROR_HANDLES_CLOSED as i32) {
                io::Error::new(io::ErrorKind::NotFound, "the pipe closed while waited for")
            } else {
                e
            }
        },
    )
}

fn refused(what: String) -> io::Error {
    io::Error::new(io::ErrorKind::PermissionDenied, what)
}

/// One pipe shared by a reader and a writer thread (reads and writes on a pipe may run at
/// once), and whether it was ended.
struct Shared {
    pipe: Pipe,
    ended: AtomicBool,
}

struct Reader(Arc<Shared>);
struct Writer(Arc<Shared>);

impl Read for Reader {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        if self.0.ended.load(Ordering::Acquire) {
            return Ok(0);
        }
        (&self.0.pipe).read(buf)
    }
}

impl Write for Writer {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        if self.0.ended.load(Ordering::Acquire) {
            return Err(io::ErrorKind::BrokenPipe.into());
        }
        (&self.0.pipe).write(buf)
    }

    fn flush(&mut self) -> io::Result<()> {
        Ok(())
    }
}

/// A pipe's ends; the closer ends the connection for the threads using it, and the pipe
/// closes once they let go of it. A client's read that had not begun when the closer ran
/// still waits for the dashboard's next line: only a server's end can be disconnected.
fn conn(pipe: Pipe) -> Conn {
    let shared = Arc::new(Shared {
        pipe,
        ended: AtomicBool::new(false),
    });
    let ending = Arc::clone(&shared);
    Conn {
        reader: Box::new(Reader(Arc::clone(&shared))),
        writer: Box::new(Writer(shared)),
        closer: Closer(Box::new(move || {
            ending.ended.store(true, Ordering::Release);
            win32::end(ending.pipe.as_handle(), ending.pipe.is_server());
        })),
    }
}

/// Whether the process `pid` runs as user `me`: Err(who) if not.
fn same_user(pid: io::Result<u32>, me: &str) -> Result<(), String> {
    match pid.and_then(win32::user_of_process) {
        Ok(sid) if sid == me => Ok(()),
        Ok(sid) => Err(sid),
        Err(e) => Err(format!("unknown ({})", gapdash_data::read::plain(&e))),
    }
}

/// The console's side: connected within `deadline`, the dashboard's user checked.
pub(super) fn connect(path: &Path, deadline: Duration) -> io::Result<Conn> {
    let me = win32::current_user()?;
    let pipe = connect_pipe(path, deadline).map_err(|e| context(e, &shown(path)))?;
    if let Err(who) = same_user(pipe.server_process_id(), &me) {
        return Err(refused(format!("{} is served by user {who}", shown(path))));
    }
    Ok(conn(pipe))
}

/// A session's name held by this dashboard: the pipe goes with its last instance.
pub(super) struct Claim {
    pipe: PathBuf,
}

impl Claim {
    pub(super) fn path(&self) -> &Path {
        &self.pipe
    }

    /// Wakes the accept thread with a connection of its own, so it sees it must stop.
    pub(super) fn wake_accept(&self) {
        drop(connect_pipe(&self.pipe, WAKE));
    }
}

/// The pipe's listener, for the accept thread.
pub(super) struct Listener {
    pipe: PipeListener<pipe_mode::Bytes, pipe_mode::Bytes>,
    me: String,
}

impl Listener {
    /// Waits for the next connection and checks its user.
    pub(super) fn accept(&self) -> io::Result<Incoming> {
        let pipe = self.pipe.accept()?;
        let peer = same_user(pipe.client_process_id(), &self.me);
        Ok(Incoming {
            conn: conn(pipe),
            peer,
        })
    }
}

/// Takes session `name` in `place` if no one has made its pipe: None if someone has. A
/// running dashboard is found by connecting to it, as on Unix; the first-instance flag closes
/// the race between two starting at once (wine lacks it).
pub(super) fn bind(place: &Path, name: &str) -> io::Result<Option<(Claim, Listener)>> {
    let me = win32::current_user()?;
    let pipe = address(place, name);
    match connect_pipe(&pipe, WAKE) {
        Err(e) if e.kind() == io::ErrorKind::NotFound => {}
        Ok(_) => return Ok(None),
        Err(e)
            if matches!(
                e.kind(),
                io::ErrorKind::PermissionDenied
                    | io::ErrorKind::TimedOut
                    | io::ErrorKind::WouldBlock
            ) =>
        {
            return Ok(None);
        }
        Err(e) => return Err(context(e, &shown(&pipe))),
    }
    // A protected DACL of one entry: this user, full access; no one else, not even to read.
    let sddl = U16CString::from_str(format!("D:P(A;;GA;;;{me})")).map_err(io::Error::other)?;
    let security = SecurityDescriptor::deserialize(&sddl)?;
    let made = PipeListenerOptions::new()
        .path(pipe.as_os_str())
        .mode(PipeMode::Bytes)
        .accept_remote(false)
        .input_buffer_size_hint(BUFFER)
        .output_buffer_size_hint(BUFFER)
        .security_descriptor(Some(security))
        .create_duplex::<pipe_mode::Bytes>();
    match made {
        Ok(listener) => Ok(Some((Claim { pipe }, Listener { pipe: listener, me }))),
        // The first-instance flag: a pipe of that name exists, whoever made it.
        Err(e) if e.kind() == io::ErrorKind::PermissionDenied => Ok(None),
        Err(e) => Err(context(e, &shown(&pipe))),
    }
}
