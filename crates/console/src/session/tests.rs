use std::sync::atomic::AtomicUsize;
use std::sync::mpsc::Receiver;

use super::*;
use gapdash_app::view::View;

/// Long enough for a thread to answer on a loaded machine; tests that pass never wait it.
const SOON: Duration = Duration::from_secs(10);

/// A place of this test's own: a temporary folder, or on Windows a pipe prefix no other
/// test uses. The guard keeps the folder.
fn place() -> (Option<tempfile::TempDir>, PathBuf) {
    static N: AtomicUsize = AtomicUsize::new(0);
    let n = N.fetch_add(1, Ordering::Relaxed);
    if cfg!(windows) {
        let pipe = format!(r"\\.\pipe\gapdash-test-{}-{n}", std::process::id());
        (None, PathBuf::from(pipe))
    } else {
        let tmp = tempfile::tempdir().expect("temp dir");
        let folder = tmp.path().join("gapdash");
        (Some(tmp), folder)
    }
}

fn state(view: View) -> State {
    let app = gapdash_app::app::App::new(gapdash_data::builtin().expect("data"), view);
    State::of(&app, 0)
}

/// A server whose threads' news arrive on a channel.
fn serve(place: &Path, session: &str) -> (Server, Receiver<Heard>) {
    let (to, heard) = mpsc::channel();
    let server = Server::open(place, session, move |h| to.send(h).is_ok()).expect("listens");
    (server, heard)
}

/// A console whose news arrive on a channel.
fn console(path: &Path) -> (Client, Receiver<Received>) {
    let (to, received) = mpsc::channel();
    let client = Client::connect(path, SOON, move |r| to.send(r).is_ok()).expect("connects");
    (client, received)
}

fn next<T>(from: &Receiver<T>) -> T {
    from.recv_timeout(SOON).expect("news within the time")
}

/// Waits until `server` serves `n` consoles.
fn until_consoles(server: &Server, n: usize) {
    let start = Instant::now();
    while server.consoles() != n {
        assert!(
            start.elapsed() < SOON,
            "{} consoles, not {n}",
            server.consoles()
        );
        thread::sleep(Duration::from_millis(5));
    }
}

#[test]
fn states_go_out_commands_come_back_and_junk_is_dropped() {
    let (_guard, place) = place();
    let (mut server, heard) = serve(&place, "talk");
    assert!(server.publish(&state(View::Sales)).is_empty());
    let (client, received) = console(server.path());
    assert_eq!(
        next(&received),
        Received::State(Box::new(state(View::Sales))),
        "a new console gets the current state at once"
    );
    until_consoles(&server, 1);
    assert!(
        server.publish(&state(View::Sales)).is_empty(),
        "same state: nothing sent"
    );
    server.publish(&state(View::World));
    assert_eq!(
        next(&received),
        Received::State(Box::new(state(View::World)))
    );

    assert!(client.send(Command::Forward));
    assert_eq!(next(&heard), Heard::Command(Command::Forward));

    let mut raw = platform::connect(server.path(), SOON).expect("connects");
    raw.writer
        .write_all(b"{\"v\":1,\"type\":\"command\",\"command\":\"\\u001b[2J\"}\n")
        .expect("write");
    raw.writer
        .write_all(&vec![b'x'; wire::MAX_LINE + 10])
        .expect("write");
    raw.writer
        .write_all(b"\n{\"v\":1,\"type\":\"command\",\"command\":\"back\"}\n")
        .expect("write");
    let first = next(&heard);
    assert!(
        matches!(&first, Heard::Dropped(e) if e.to_string().starts_with("a malformed message (unknown variant `␛`")),
        "{first:?}"
    );
    assert_eq!(next(&heard), Heard::Dropped(WireError::TooLong));
    assert_eq!(next(&heard), Heard::Command(Command::Back));
    until_consoles(&server, 2);
    drop(raw);
    until_consoles(&server, 1);
    drop(server);
    assert_eq!(
        next(&received),
        Received::Closed,
        "the console sees the dashboard go"
    );
}

#[test]
fn a_console_that_stops_reading_is_let_go_without_waiting() {
    let (_guard, place) = place();
    let (mut server, _heard) = serve(&place, "talk");
    let _silent = platform::connect(server.path(), SOON).expect("connects");
    until_consoles(&server, 1);
    let mut state = state(View::Overview);
    let mut heard = Vec::new();
    let start = Instant::now();
    for n in 0..10_000 {
        state.timer_started_ms = n;
        let before = Instant::now();
        heard.extend(server.publish(&state));
        assert!(before.elapsed() < Duration::from_secs(1), "publish waited");
        if server.consoles() == 0 {
            break;
        }
    }
    assert_eq!(server.consoles(), 0);
    assert_eq!(heard, [Heard::LetGo]);
    assert!(start.elapsed() < SOON);
}

#[test]
fn a_console_beyond_the_most_is_told_it_is_refused() {
    let (_guard, place) = place();
    let (mut server, heard) = serve(&place, "talk");
    server.publish(&state(View::Quotes));
    let consoles: Vec<_> = (0..MAX_CONSOLES).map(|_| console(server.path())).collect();
    for (_, received) in &consoles {
        assert!(matches!(next(received), Received::State(_)));
    }
    until_consoles(&server, MAX_CONSOLES);
    let (_ninth, told) = console(server.path());
    assert_eq!(next(&told), Received::Full { max: MAX_CONSOLES });
    assert_eq!(next(&told), Received::Closed);
    assert_eq!(next(&heard), Heard::TooMany);
    assert_eq!(server.consoles(), MAX_CONSOLES);
    drop(consoles);
    until_consoles(&server, 0);
    let (_again, received) = console(server.path());
    assert!(
        matches!(next(&received), Received::State(_)),
        "room again once the others have gone"
    );
}

#[test]
fn a_second_dashboard_of_a_session_takes_the_next_name() {
    let (_guard, place) = place();
    let (mut first, _) = serve(&place, "talk");
    let (mut second, _) = serve(&place, "talk");
    assert_eq!(first.session(), "talk");
    assert_eq!(second.session(), "talk-2");
    assert_eq!(second.path(), address(&place, "talk-2"));
    first.publish(&state(View::Sales));
    second.publish(&state(View::World));
    let (_a, to_first) = console(&address(&place, "talk"));
    let (_b, to_second) = console(&address(&place, "talk-2"));
    assert_eq!(
        next(&to_first),
        Received::State(Box::new(state(View::Sales)))
    );
    assert_eq!(
        next(&to_second),
        Received::State(Box::new(state(View::World)))
    );
    drop(first);
    // At once on Unix; on Windows once the pipe's last end has closed.
    let start = Instant::now();
    loop {
        let (third, _) = serve(&place, "talk");
        if third.session() == "talk" {
            break;
        }
        assert!(
            start.elapsed() < SOON,
            "a name is free again once its dashboard quits"
        );
        thread::sleep(Duration::from_millis(20));
    }
    assert_eq!(nth_name("talk", 1), "talk");
    assert_eq!(nth_name("talk", 3), "talk-3");
}

/// On Windows the pipe's first-instance flag holds this, which wine lacks: Unix only here.
#[cfg(unix)]
#[test]
fn dashboards_starting_together_each_get_a_name_of_their_own() {
    let (_guard, place) = place();
    let servers: Vec<Server> = thread::scope(|scope| {
        let starting: Vec<_> = (0..6)
            .map(|_| scope.spawn(|| serve(&place, "race").0))
            .collect();
        starting
            .into_iter()
            .map(|s| s.join().expect("started"))
            .collect()
    });
    let mut names: Vec<&str> = servers.iter().map(Server::session).collect();
    names.sort_unstable();
    names.dedup();
    assert_eq!(names.len(), 6, "{names:?}");
    let mut servers = servers;
    for (server, view) in servers.iter_mut().zip(View::ALL) {
        server.publish(&state(view));
        let (_c, received) = console(server.path());
        assert_eq!(
            next(&received),
            Received::State(Box::new(state(view))),
            "each answers on its own name"
        );
    }
}

#[test]
fn a_console_that_is_closed_does_not_block_its_sender() {
    let (_guard, place) = place();
    let (server, _heard) = serve(&place, "talk");
    let (client, received) = console(server.path());
    drop(server);
    assert_eq!(next(&received), Received::Closed);
    let start = Instant::now();
    let mut sent = 0;
    while client.send(Command::Forward) && sent < 10_000 {
        sent += 1;
    }
    assert!(sent < 10_000, "send says when the dashboard has gone");
    assert!(start.elapsed() < SOON);
}

fn failing(kind: io::ErrorKind) -> io::Result<Incoming> {
    Err(io::Error::new(kind, "Too many open files"))
}

fn nothing() -> Incoming {
    Incoming {
        conn: Conn {
            reader: Box::new(io::empty()),
            writer: Box::new(io::sink()),
            closer: Closer(Box::new(|| {})),
        },
        peer: Ok(()),
    }
}

#[test]
fn accept_failures_back_off_up_to_a_second_and_are_said_once() {
    let (to, heard) = mpsc::channel();
    let shared = Arc::new(Shared {
        consoles: Mutex::default(),
        stop: AtomicBool::new(false),
        notify: Box::new(move |h| to.send(h).is_ok()),
    });
    let mut calls = 0;
    let mut accept = || {
        calls += 1;
        match calls {
            1..=9 => failing(io::ErrorKind::Other),
            10 => Ok(nothing()),
            11 | 12 => failing(io::ErrorKind::Other),
            _ => {
                shared.stop.store(true, Ordering::Release);
                failing(io::ErrorKind::Other)
            }
        }
    };
    let mut pauses = Vec::new();
    accept_loop(&Arc::clone(&shared), &mut accept, &mut |d| pauses.push(d));
    let ms: Vec<u128> = pauses.iter().map(Duration::as_millis).collect();
    assert_eq!(ms, [10, 20, 40, 80, 160, 320, 640, 1000, 1000, 10, 20]);
    let said: Vec<Heard> = heard.try_iter().collect();
    assert_eq!(
        said,
        [
            Heard::AcceptFailed("accepting a console: Too many open files".into()),
            Heard::AcceptFailed("accepting a console: Too many open files".into()),
        ],
        "once per run of failures"
    );
}

#[test]
fn a_connection_of_another_user_is_refused_and_said() {
    let (to, heard) = mpsc::channel();
    let shared = Arc::new(Shared {
        consoles: Mutex::default(),
        stop: AtomicBool::new(false),
        notify: Box::new(move |h| to.send(h).is_ok()),
    });
    let mut stranger = nothing();
    stranger.peer = Err("1001".into());
    assert!(shared.welcome(stranger));
    assert_eq!(
        heard.try_iter().collect::<Vec<_>>(),
        [Heard::RefusedUser("1001".into())]
    );
    assert_eq!(lock(&shared.consoles).list.len(), 0);
}

#[test]
fn a_flood_of_bad_lines_is_reported_a_few_a_second() {
    let mut drops = Drops::default();
    let start = Instant::now();
    let allowed = (0..1000).filter(|_| drops.allow(start)).count();
    assert_eq!(allowed, DROPS_PER_SECOND as usize);
    assert!(drops.allow(start + Duration::from_secs(1)), "a new second");
}

#[test]
fn an_outbox_holds_at_most_the_backlog() {
    let outbox = Outbox::default();
    let line: Arc<[u8]> = vec![b'x'; 1000].into();
    let fits = (0..1000).take_while(|_| outbox.push(&line)).count();
    assert_eq!(fits, MAX_BACKLOG / 1000);
    let taken = outbox.next().expect("a line");
    assert!(
        !outbox.push(&line),
        "a line taken but not yet written still counts"
    );
    outbox.written(taken.len());
    assert!(outbox.push(&line));
    outbox.close();
    assert_eq!(outbox.next(), None);
}

#[cfg(unix)]
mod unix_only {
    use super::*;
    use std::os::unix::fs::{MetadataExt, PermissionsExt};
    use std::os::unix::net::{UnixListener, UnixStream};
    use unix::{check_folder, folder, prepare, uid};

    fn mode(path: &Path) -> u32 {
        fs_meta(path).mode() & 0o777
    }

    fn fs_meta(path: &Path) -> std::fs::Metadata {
        std::fs::symlink_metadata(path).expect("stat")
    }

    #[test]
    fn the_folder_is_the_runtime_dirs_or_the_users_own_in_the_temp_folder() {
        use std::ffi::OsStr;
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

    #[test]
    fn the_socket_is_0600_in_a_0700_folder_and_goes_with_the_server() {
        let (_guard, place) = place();
        let (server, _) = serve(&place, "talk");
        let path = server.path().to_path_buf();
        assert_eq!(path, place.join("talk.sock"));
        assert_eq!(mode(&place), 0o700);
        assert_eq!(mode(&path), 0o600);
        assert_eq!(mode(&place.join("talk.lock")), 0o600);
        drop(server);
        assert!(!path.exists(), "removed on the way out");
        assert!(!place.join("talk.lock").exists(), "the lock too");
    }

    #[test]
    fn a_socket_left_by_a_killed_dashboard_is_replaced_and_a_file_is_not() {
        let (_guard, place) = place();
        prepare(&place).expect("folder");
        // A dashboard killed with SIGKILL leaves its socket file and its lock file, unlocked.
        let dead = place.join("dead.sock");
        drop(UnixListener::bind(&dead).expect("bind"));
        std::fs::write(place.join("dead.lock"), "").expect("lock file");
        let (mut server, _) = serve(&place, "dead");
        assert_eq!(server.session(), "dead");
        server.publish(&state(View::Sales));
        let (_c, received) = console(&dead);
        assert!(matches!(next(&received), Received::State(_)));
        let file = place.join("file.sock");
        std::fs::write(&file, "").expect("write");
        let Err(OpenError::Failed(why)) = Server::open(&place, "file", |_| true) else {
            panic!("a file where the socket goes")
        };
        assert!(
            why.ends_with("is not a socket; remove it to use this session"),
            "{why}"
        );
    }

    #[test]
    fn a_listener_that_holds_no_lock_but_answers_keeps_its_name() {
        let (_guard, place) = place();
        prepare(&place).expect("folder");
        let _older = UnixListener::bind(place.join("talk.sock")).expect("bind");
        let (server, _) = serve(&place, "talk");
        assert_eq!(server.session(), "talk-2");
    }

    #[test]
    fn a_looser_folder_of_ours_is_tightened_by_the_dashboard_and_refused_by_the_console() {
        let (_guard, place) = place();
        std::fs::create_dir(&place).expect("mkdir");
        std::fs::set_permissions(&place, std::fs::Permissions::from_mode(0o755)).expect("chmod");
        let e = check_folder(&place).expect_err("open to others");
        assert!(
            e.to_string()
                .ends_with("is open to others (mode 755, not 700)"),
            "{e}"
        );
        let e = Client::connect(&place.join("talk.sock"), SOON, |_| true)
            .err()
            .expect("refused");
        assert_eq!(e.kind(), io::ErrorKind::PermissionDenied, "{e}");
        prepare(&place).expect("ours");
        assert_eq!(mode(&place), 0o700);
        check_folder(&place).expect("private now");
    }

    #[test]
    fn links_and_files_are_never_taken_for_the_folder_or_the_socket() {
        let (guard, place) = place();
        let tmp = guard.as_ref().expect("a folder").path();
        prepare(&place).expect("folder");
        let link = tmp.join("link");
        std::os::unix::fs::symlink(&place, &link).expect("symlink");
        assert!(prepare(&link).is_err(), "a link to a folder is not one");
        let e = check_folder(&link).expect_err("a link");
        assert!(e.to_string().ends_with("is a link"), "{e}");
        let file = tmp.join("file");
        std::fs::write(&file, "").expect("write");
        let e = prepare(&file).expect_err("not a folder");
        assert!(e.to_string().ends_with("is not a folder"), "{e}");

        // Another service's socket, linked in where the session's should be.
        let (mut server, _) = serve(&place, "real");
        server.publish(&state(View::Sales));
        let linked = place.join("talk.sock");
        std::os::unix::fs::symlink(server.path(), &linked).expect("symlink");
        let e = Client::connect(&linked, SOON, |_| true)
            .err()
            .expect("a link");
        assert_eq!(e.kind(), io::ErrorKind::PermissionDenied);
        assert!(e.to_string().ends_with("talk.sock is a link"), "{e}");
        let plain_file = place.join("file.sock");
        std::fs::write(&plain_file, "").expect("write");
        let e = Client::connect(&plain_file, SOON, |_| true)
            .err()
            .expect("a file");
        assert!(e.to_string().ends_with("is not a socket"), "{e}");
        let e = Client::connect(&place.join("none.sock"), SOON, |_| true)
            .err()
            .expect("nothing there");
        assert_eq!(e.kind(), io::ErrorKind::NotFound, "waiting, not refused");
    }

    #[test]
    fn a_folder_of_another_user_is_refused_on_both_sides() {
        if uid() != 0 {
            // Only root can give a folder away; as anyone else this cannot be set up.
            return;
        }
        let (_guard, place) = place();
        prepare(&place).expect("folder");
        nix::unistd::chown(&place, Some(nix::unistd::Uid::from_raw(4242)), None).expect("chown");
        let e = check_folder(&place).expect_err("another user's");
        assert!(e.to_string().ends_with("belongs to user 4242"), "{e}");
        assert!(prepare(&place).is_err());
        assert!(Server::open(&place, "talk", |_| true).is_err());
    }

    #[test]
    fn a_dashboard_that_never_accepts_does_not_hold_the_console() {
        use nix::sys::socket::{self, AddressFamily, Backlog, SockFlag, SockType, UnixAddr};
        let (_guard, place) = place();
        prepare(&place).expect("folder");
        let path = place.join("stuck.sock");
        let fd = socket::socket(
            AddressFamily::Unix,
            SockType::Stream,
            SockFlag::empty(),
            None,
        )
        .expect("socket");
        socket::bind(
            std::os::fd::AsRawFd::as_raw_fd(&fd),
            &UnixAddr::new(&path).expect("address"),
        )
        .expect("bind");
        socket::listen(&fd, Backlog::new(0).expect("backlog")).expect("listen");
        let connect = || Client::connect(&path, Duration::from_millis(100), |_| true);
        // The first waits in the listener's queue, which is then full.
        let start = Instant::now();
        let first = connect().expect("queued");
        // Commands to a dashboard that never reads are sent without waiting until the
        // socket's buffer and the console's backlog are full; then send says so.
        let sent = (0..1_000_000)
            .take_while(|_| first.send(Command::Forward))
            .count();
        assert!(
            sent < 1_000_000,
            "send never says the dashboard is not reading"
        );
        let e = connect().err().expect("the queue is full");
        assert_eq!(e.kind(), io::ErrorKind::WouldBlock, "{e}");
        assert!(start.elapsed() < SOON, "{:?}", start.elapsed());
        drop(fd);
    }

    #[test]
    fn the_peer_is_this_user() {
        let (_guard, place) = place();
        let (server, _) = serve(&place, "talk");
        let stream = UnixStream::connect(server.path()).expect("connect");
        assert_eq!(unix::peer_uid(&stream).expect("peer"), uid());
        assert_eq!(fs_meta(server.path()).uid(), uid());
    }
}

#[cfg(windows)]
mod windows_only {
    use super::*;
    use interprocess::ConnectWaitMode;
    use interprocess::os::windows::named_pipe::{
        DuplexPipeStream, PipeListenerOptions, PipeMode, pipe_mode,
    };

    /// A console waiting for a busy pipe that then goes is told it is not there. Wine ended
    /// that wait with ERROR_HANDLES_CLOSED, and a dashboard starting as another of its
    /// session quit failed on it.
    #[test]
    fn a_wait_for_a_pipe_that_goes_ends_as_not_found() {
        let (_guard, place) = place();
        let path = address(&place, "going");
        let listener = PipeListenerOptions::new()
            .path(path.as_os_str())
            .mode(PipeMode::Bytes)
            .create_duplex::<pipe_mode::Bytes>()
            .expect("pipe");
        // Its one instance taken, so the next client waits.
        let taken = DuplexPipeStream::<pipe_mode::Bytes>::connect_by_path_with_wait_mode(
            path.as_os_str(),
            ConnectWaitMode::Timeout(SOON),
        )
        .expect("first client");
        let waiting = thread::spawn({
            let path = path.clone();
            move || Client::connect(&path, SOON, |_| true).err()
        });
        thread::sleep(Duration::from_millis(300));
        drop(taken);
        drop(listener);
        let e = waiting
            .join()
            .expect("joined")
            .expect("nothing to connect to");
        assert_eq!(e.kind(), io::ErrorKind::NotFound, "{e}");
    }
}
