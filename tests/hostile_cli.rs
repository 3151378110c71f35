//! The command line against output that cannot be written and files that are not files: a
//! closed pipe ends it quietly (as `cat`), a full disk is one line and exit 1, a named pipe
//! or a device given as data or theme is refused at once. Every run has a deadline, so a
//! hang fails the test instead of stalling CI.

mod common;

use std::fs;
use std::io::Read;
use std::path::Path;
use std::process::Output;
use std::time::{Duration, Instant};

use common::{DEADLINE, gapdash};

fn run(args: &[&str], dir: &Path) -> Output {
    common::run_in(dir, args)
}

fn text(bytes: &[u8]) -> String {
    String::from_utf8_lossy(bytes).into_owned()
}

/// A data folder written by `gapdash init`.
fn mydata() -> tempfile::TempDir {
    let tmp = tempfile::tempdir().expect("temp dir");
    let out = run(&["init", "mydata"], tmp.path());
    assert!(out.status.success(), "{}", text(&out.stderr));
    tmp
}

#[test]
fn a_reader_that_goes_away_ends_snapshot_quietly_as_cat_does() {
    let mut child = gapdash()
        .args(["snapshot", "overview", "--size", "1000x1000"])
        .spawn()
        .expect("spawn gapdash");
    // Read one line, then close the pipe, as `head -1` does.
    let mut stdout = child.stdout.take().expect("stdout");
    let mut first = [0u8; 64];
    let n = stdout.read(&mut first).expect("read the first bytes");
    assert!(n > 0, "it wrote something first");
    drop(stdout);
    let start = Instant::now();
    let status = loop {
        if let Some(status) = child.try_wait().expect("wait") {
            break status;
        }
        assert!(
            start.elapsed() < DEADLINE,
            "gapdash kept running after its reader left"
        );
        std::thread::sleep(Duration::from_millis(20));
    };
    let mut stderr = String::new();
    child
        .stderr
        .take()
        .expect("stderr")
        .read_to_string(&mut stderr)
        .expect("read stderr");
    #[cfg(unix)]
    {
        use std::os::unix::process::ExitStatusExt;
        assert_eq!(
            status.signal(),
            Some(libc::SIGPIPE),
            "ends by SIGPIPE: {status:?}"
        );
    }
    // No SIGPIPE on Windows: the status a shell reports for it on Unix.
    #[cfg(not(unix))]
    assert_eq!(
        status.code(),
        Some(141),
        "ends as if by SIGPIPE: {status:?}"
    );
    assert_eq!(stderr, "", "nothing on stderr, no panic");
}

/// /dev/full is Linux's.
#[cfg(target_os = "linux")]
#[test]
fn a_full_disk_is_one_line_and_exit_1_for_every_printing_command() {
    let tmp = tempfile::tempdir().expect("temp dir");
    for args in [
        vec!["snapshot", "overview"],
        vec!["check"],
        vec!["init", "fresh"],
        vec!["--help"],
        vec!["--version"],
        vec!["snapshot", "--help"],
    ] {
        let full = fs::File::create("/dev/full").expect("open /dev/full");
        let out = common::output(gapdash().args(&args).current_dir(tmp.path()).stdout(full));
        let stderr = text(&out.stderr);
        assert_eq!(out.status.code(), Some(1), "{args:?}: {stderr}");
        assert_eq!(
            stderr, "gapdash: writing to stdout: No space left on device\n",
            "{args:?}"
        );
    }
}

#[cfg(unix)]
#[test]
fn a_named_pipe_among_the_data_files_is_refused_at_once() {
    let tmp = mydata();
    let file = tmp.path().join("mydata/penetration.toml");
    fs::remove_file(&file).expect("remove");
    common::mkfifo(&file);
    for args in [
        vec!["check", "--data", "mydata"],
        vec!["snapshot", "overview", "--data", "mydata"],
    ] {
        let out = run(&args, tmp.path());
        assert_eq!(out.status.code(), Some(1), "{args:?}");
        let stderr = text(&out.stderr);
        assert!(
            stderr.contains(
                "mydata/penetration.toml: is a named pipe (FIFO), not a regular file; gapdash reads only regular files"
            ),
            "{args:?}: {stderr}"
        );
    }
}

#[cfg(unix)]
#[test]
fn a_device_among_the_data_files_is_refused() {
    let tmp = mydata();
    let data = tmp.path().join("mydata");
    fs::remove_file(data.join("sales.toml")).expect("remove");
    std::os::unix::fs::symlink("/dev/zero", data.join("sales.toml")).expect("symlink");
    let out = run(&["check", "--data", "mydata"], tmp.path());
    assert_eq!(out.status.code(), Some(1));
    let stderr = text(&out.stderr);
    assert!(
        stderr.contains("mydata/sales.toml: is a character device, not a regular file"),
        "{stderr}"
    );
}

#[test]
fn a_folder_among_the_data_files_is_refused() {
    let tmp = mydata();
    let data = tmp.path().join("mydata");
    fs::remove_file(data.join("world.toml")).expect("remove");
    fs::create_dir(data.join("world.toml")).expect("mkdir");
    let out = run(&["check", "--data", "mydata"], tmp.path());
    assert_eq!(out.status.code(), Some(1));
    let stderr = text(&out.stderr);
    assert!(
        stderr.contains("mydata/world.toml: is a folder, not a regular file"),
        "{stderr}"
    );
}

#[test]
fn options_a_subcommand_does_not_take_are_refused() {
    let tmp = tempfile::tempdir().expect("temp dir");
    for args in [
        vec!["snapshot", "overview", "--present"],
        vec!["snapshot", "overview", "--stage", "100x30"],
        vec!["snapshot", "overview", "--theme", "light"],
        vec!["--present", "snapshot", "overview"],
        vec!["--theme", "light", "check"],
        vec!["init", "x", "--data", "y"],
        vec!["check", "--watch"],
    ] {
        let out = run(&args, tmp.path());
        assert_eq!(out.status.code(), Some(2), "{args:?} is a usage error");
        assert!(out.stdout.is_empty(), "{args:?}");
        assert!(text(&out.stderr).starts_with("error: "), "{args:?}");
    }
    assert!(!tmp.path().join("x").exists(), "init wrote nothing");
}

#[test]
fn each_subcommand_help_lists_only_what_it_takes() {
    let tmp = tempfile::tempdir().expect("temp dir");
    // The options section of a subcommand's help (its description may mention others).
    let help = |sub: &str| {
        let all = text(&run(&[sub, "--help"], tmp.path()).stdout);
        all.split_once("Options:")
            .map(|(_, options)| options.to_string())
            .unwrap_or_else(|| panic!("{sub} --help has an Options section:\n{all}"))
    };
    let init = help("init");
    assert!(init.contains("--force"), "{init}");
    for other in ["--data", "--present", "--theme", "--stage", "--view"] {
        assert!(!init.contains(other), "init --help lists {other}:\n{init}");
    }
    let snapshot = help("snapshot");
    for takes in ["--size", "--ascii", "--data"] {
        assert!(snapshot.contains(takes), "{snapshot}");
    }
    for other in ["--present", "--theme", "--stage", "--watch"] {
        assert!(!snapshot.contains(other), "snapshot --help lists {other}");
    }
    let check = help("check");
    assert!(
        check.contains("--data") && !check.contains("--present"),
        "{check}"
    );
}

#[test]
fn a_stage_smaller_than_the_dashboard_is_refused_at_the_command_line() {
    let tmp = tempfile::tempdir().expect("temp dir");
    let out = run(&["--stage", "10x5"], tmp.path());
    assert_eq!(out.status.code(), Some(2));
    assert!(
        text(&out.stderr).contains("a stage must be at least 60x18"),
        "{}",
        text(&out.stderr)
    );
}

#[test]
fn snapshot_output_is_the_same_on_every_terminal() {
    let tmp = tempfile::tempdir().expect("temp dir");
    let on = |term: Option<&str>, lang: Option<&str>| {
        let mut cmd = gapdash();
        cmd.args(["snapshot", "penetration"])
            .current_dir(tmp.path());
        cmd.env_remove("TERM").env_remove("LANG");
        if let Some(term) = term {
            cmd.env("TERM", term);
        }
        if let Some(lang) = lang {
            cmd.env("LANG", lang);
        }
        common::output(&mut cmd).stdout
    };
    let xterm = on(Some("xterm-256color"), Some("en_US.UTF-8"));
    assert!(!xterm.is_ascii(), "box and block glyphs by default");
    for (term, lang) in [
        (Some("linux"), Some("en_US.UTF-8")),
        (Some("dumb"), None),
        (None, Some("C")),
        (Some("vt100"), Some("POSIX")),
    ] {
        assert_eq!(
            text(&on(term, lang)),
            text(&xterm),
            "TERM={term:?} LANG={lang:?} gives the same snapshot"
        );
    }
}
