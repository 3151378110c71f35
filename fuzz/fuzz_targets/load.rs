//! The loader on arbitrary bytes: the first byte picks which of the five data files the rest
//! replaces (the other four are the built-in ones). Whatever the bytes, loading answers with
//! a report or with problems that point inside the file, and never panics or hangs.

#![no_main]

use std::io;

use gapdash::data::BUILTIN_FILES;
use gapdash::data::load::{builtin_bytes, load};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Some((&pick, bytes)) = data.split_first() else {
        return;
    };
    let (name, _) = BUILTIN_FILES[usize::from(pick) % BUILTIN_FILES.len()];
    let read = |file: &str| -> io::Result<Vec<u8>> {
        if file == name {
            Ok(bytes.to_vec())
        } else {
            builtin_bytes(file)
        }
    };
    match load(read, "fuzz") {
        Ok(report) => {
            report.source_rows();
        }
        Err(e) => {
            assert!(!e.problems.is_empty(), "an error without a problem");
            for p in &e.problems {
                // A problem may point into another file than the one replaced: a headline
                // figure in report.toml that the replaced sales.toml no longer has.
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
                let _ = format!("{p} {p:#} {}", p.headline());
            }
            let _ = e.summary();
        }
    }
});
