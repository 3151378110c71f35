//! Inputs the fuzzer (`fuzz/fuzz_targets/load.rs`) once stopped on, kept so they are checked on
//! every run. Each file in tests/fixtures/fuzz/ is a fuzz input as the target reads it: the
//! first byte picks which data file the rest replaces, the other four are the built-in ones.
//! `cargo fuzz run load tests/fixtures/fuzz/NAME` replays one.

use std::io;
use std::path::Path;

use gapdash::data::BUILTIN_FILES;
use gapdash::data::load::{builtin_bytes, load};
use gapdash::data::{LoadError, Report};

/// Loads a fuzz input as the fuzz target does, and checks what the target checks: an error
/// has problems, each pointing at a line of the file it names.
fn replay(input: &[u8]) -> Result<Report, LoadError> {
    let (&pick, bytes) = input.split_first().expect("a fuzz input has a first byte");
    let (name, _) = BUILTIN_FILES[usize::from(pick) % BUILTIN_FILES.len()];
    let read = |file: &str| -> io::Result<Vec<u8>> {
        if file == name {
            Ok(bytes.to_vec())
        } else {
            builtin_bytes(file)
        }
    };
    let result = load(read, "fuzz");
    if let Err(e) = &result {
        assert!(!e.problems.is_empty(), "an error without a problem");
        for p in &e.problems {
            let file = p
                .file
                .strip_prefix("fuzz/")
                .expect("a problem names its file");
            let text = if file == name {
                bytes.to_vec()
            } else {
                builtin_bytes(file).expect("a problem names a data file")
            };
            let lines = String::from_utf8_lossy(&text).lines().count().max(1) + 1;
            if let Some((line, column)) = p.position {
                assert!(line >= 1 && column >= 1 && line <= lines, "{p}");
            }
        }
    }
    result
}

fn fixture(name: &str) -> Vec<u8> {
    let path = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/fuzz")
        .join(name);
    std::fs::read(&path).unwrap_or_else(|e| panic!("reading {}: {e}", path.display()))
}

#[test]
fn every_kept_fuzz_input_loads_or_fails_cleanly() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/fuzz");
    let mut count = 0;
    for entry in std::fs::read_dir(&dir).expect("tests/fixtures/fuzz exists") {
        let path = entry.expect("a directory entry").path();
        let input = std::fs::read(&path).expect("a fuzz input");
        // An error or a report, and no panic.
        let _ = replay(&input);
        count += 1;
    }
    assert!(count > 0, "no fuzz inputs in {}", dir.display());
}

/// A valid sales.toml without the headline's last year: the problem is in report.toml, at
/// a line the replaced file does not have. (The fuzz target's own check assumed every
/// problem was in the replaced file; the loader was right.)
#[test]
fn a_problem_can_point_into_a_file_that_was_not_changed() {
    let e = replay(&fixture("problem_in_another_file")).expect_err("sales_to has no year");
    let found: Vec<String> = e.problems.iter().map(|p| p.headline()).collect();
    assert!(
        found.contains(
            &"fuzz/report.toml:16:12: sales_to 2019 is not a year in sales.toml".to_string()
        ),
        "{found:?}"
    );
}
