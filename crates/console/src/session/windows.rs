//! Windows: session NAME is the named pipe `\\.\pipe\gapdash-USER-NAME`. It is made as the
//! name's first instance (a pipe someone else made first is never joined), for local clients
//! only, with a security descriptor that lets in this user alone; and each end checks that
//! the process at the other end runs as this user ([`user`]).

use std::ffi::OsString;
use std::io::{self, Read, Write};
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::time::Duration;

use interprocess::ConnectWaitMode;
use interprocess::os::windows::named_pipe::{
    DuplexPipeStream, PipeListener, PipeListenerOptions, PipeMode, pipe_mode,
};
use interprocess::os::windows::security_descriptor::SecurityDescriptor;
use widestring::U16CString;

use super::{Closer, Conn, Incoming, context, shown};

mod user;

type Pipe = DuplexPipeStream<pipe_mode::Bytes>;

/// Bytes the system buffers each way: a few states.
const BUFFER: u32 = 64 * 1024;

/// How long the server waits for its own pipe when it wakes its accept thread.
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

fn refused(what: String) -> io::Error {
    io::Error::new(io::ErrorKind::PermissionDenied, what)
}

/// The pipe's ends for two threads: reads and writes on one pipe may run at once.
struct Reader(Arc<Pipe>);
struct Writer(Arc<Pipe>);

impl Read for Reader {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        (&*self.0).read(buf)
    }
}

impl Write for Writer {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        (&*self.0).write(buf)
    }

    fn flush(&mut self) -> io::Result<()> {
        Ok(())
    }
}

fn conn(pipe: Pipe) -> Conn {
    let pipe = Arc::new(pipe);
    Conn {
        reader: Box::new(Reader(Arc::clone(&pipe))),
        writer: Box::new(Writer(pipe)),
        closer: Closer(Box::new(|| {})),
    }
}

/// Whether the process `pid` runs as user `me`: Err(who) if not.
fn same_user(pid: io::Result<u32>, me: &str) -> Result<(), String> {
    match pid.and_then(user::of_process) {
        Ok(sid) if sid == me => Ok(()),
        Ok(sid) => Err(sid),
        Err(e) => Err(format!("unknown ({})", gapdash_data::read::plain(&e))),
    }
}

/// The console's side: connected within `deadline`, the dashboard's user checked.
pub(super) fn connect(path: &Path, deadline: Duration) -> io::Result<Conn> {
    let me = user::current()?;
    let pipe =
        Pipe::connect_by_path_with_wait_mode(path.as_os_str(), ConnectWaitMode::Timeout(deadline))
            .map_err(|e| context(e, &shown(path)))?;
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
        drop(Pipe::connect_by_path_with_wait_mode(
            self.pipe.as_os_str(),
            ConnectWaitMode::Timeout(WAKE),
        ));
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

/// Takes session `name` in `place` if no one has made its pipe: None if someone has.
pub(super) fn bind(place: &Path, name: &str) -> io::Result<Option<(Claim, Listener)>> {
    let me = user::current()?;
    // A protected DACL of one entry: this user, full access; no one else, not even to read.
    let sddl = U16CString::from_str(format!("D:P(A;;GA;;;{me})")).map_err(io::Error::other)?;
    let security = SecurityDescriptor::deserialize(&sddl)?;
    let pipe = address(place, name);
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
