//! `gapdash export` (and `init`) against a hostile folder and hostile text, run as real
//! processes: nothing is written through a name someone else prepared, an export is all or
//! nothing and asks before replacing what it did not write, nothing is cut from a page,
//! every character reaches it or is named, the work is bounded, and every error is true.

mod common;

use std::fs;
use std::path::{Path, PathBuf};
use std::process::Output;
use std::time::{Duration, Instant};

use resvg::usvg::roxmltree;

fn text(bytes: &[u8]) -> String {
    String::from_utf8_lossy(bytes).into_owned()
}

fn utf8(path: &Path) -> &str {
    path.to_str().expect("a UTF-8 temporary path")
}

/// `gapdash export --out DIR ARGS…`.
fn export(dir: &Path, args: &[&str]) -> Output {
    let mut all = vec!["export", "--out", utf8(dir)];
    all.extend_from_slice(args);
    common::run(&all)
}

fn succeeded(out: &Output) {
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
}

/// One line on stderr, exit status 1: a refusal.
fn refused(out: &Output) -> String {
    let err = text(&out.stderr);
    assert_eq!(out.status.code(), Some(1), "{err}");
    assert_eq!(err.lines().count(), 1, "{err}");
    err
}

/// Every name in `dir` with its bytes, sorted.
fn contents(dir: &Path) -> Vec<(String, Vec<u8>)> {
    let mut all: Vec<(String, Vec<u8>)> = fs::read_dir(dir)
        .expect("list the folder")
        .map(|e| {
            let path = e.expect("an entry").path();
            let name = path
                .file_name()
                .expect("a name")
                .to_string_lossy()
                .into_owned();
            (name, fs::read(&path).unwrap_or_default())
        })
        .collect();
    all.sort();
    all
}

#[cfg(unix)]
fn names(dir: &Path) -> Vec<String> {
    contents(dir).into_iter().map(|(name, _)| name).collect()
}

#[test]
fn export_asks_before_replacing_files_it_did_not_write() {
    let tmp = tempfile::tempdir().expect("temp dir");
    let dir = tmp.path();
    fs::write(dir.join("index.html"), "the presenter's own page").expect("write");
    fs::write(dir.join("handout.pdf"), "another talk's handout").expect("write");
    let before = contents(dir);
    let err = refused(&export(dir, &["--view", "sales"]));
    assert!(
        err.contains("handout.pdf, ") && err.contains("index.html are already there"),
        "{err}"
    );
    assert!(err.trim_end().ends_with("(--force replaces them)"), "{err}");
    assert_eq!(contents(dir), before, "nothing written");

    succeeded(&export(dir, &["--view", "sales", "--force"]));
    assert_ne!(
        fs::read(dir.join("index.html")).expect("read"),
        b"the presenter's own page"
    );
    // What an export wrote, the next one replaces without asking.
    succeeded(&export(dir, &["--view", "sales", "--format", "html,svg"]));
}

/// The CSV files go by the same rules as the rest: a data file of the presenter's own under
/// a name the export writes is not replaced without --force, a link planted under one is
/// replaced by a file and never written through, and the list names every CSV written.
#[test]
fn csv_files_are_written_as_every_handout_file_is() {
    let tmp = tempfile::tempdir().expect("temp dir");
    let dir = tmp.path();
    fs::write(dir.join("sales.csv"), "the presenter's own data").expect("write");
    let before = contents(dir);
    let err = refused(&export(dir, &["--view", "sales", "--format", "csv"]));
    assert!(err.contains("sales.csv is already there"), "{err}");
    assert_eq!(contents(dir), before, "nothing written");
    succeeded(&export(
        dir,
        &["--view", "sales", "--format", "csv", "--force"],
    ));
    let sales = fs::read_to_string(dir.join("sales.csv")).expect("read");
    assert!(sales.starts_with("year,yuan_billion,"), "{sales}");
    let list = fs::read_to_string(dir.join(".gapdash-export")).expect("the list");
    for name in ["sales.csv", "sources.csv", "quotes.csv"] {
        assert!(list.lines().any(|l| l == name), "{name} in {list}");
    }
    #[cfg(unix)]
    {
        use std::os::unix::fs::symlink;
        let victim = tmp.path().join("victim");
        fs::write(&victim, "root's file").expect("write");
        let planted = tmp.path().join("planted");
        fs::create_dir(&planted).expect("mkdir");
        symlink(&victim, planted.join("quotes.csv")).expect("plant");
        succeeded(&export(
            &planted,
            &["--view", "quotes", "--format", "csv", "--force"],
        ));
        assert_eq!(fs::read_to_string(&victim).expect("read"), "root's file");
        let meta = fs::symlink_metadata(planted.join("quotes.csv")).expect("stat");
        assert!(meta.is_file(), "a file of its own, not the link");
    }
}

#[test]
fn a_request_that_cannot_be_done_whole_leaves_the_folder_as_it_was() {
    let tmp = tempfile::tempdir().expect("temp dir");
    let dir = tmp.path().join("handout");
    succeeded(&export(
        &dir,
        &["--view", "overview", "--format", "svg,html"],
    ));
    let before = contents(&dir);
    let err = refused(&export(&dir, &["--view", "sales,overview,overview"]));
    assert_eq!(
        err,
        "gapdash: --view names overview twice; each view is drawn once\n"
    );
    assert_eq!(contents(&dir), before, "nothing new, nothing left behind");
}

#[test]
fn the_size_a_handout_draws_is_bounded_and_says_so() {
    let tmp = tempfile::tempdir().expect("temp dir");
    let dir = tmp.path().join("handout");
    let start = Instant::now();
    let err = refused(&export(
        &dir,
        &["--size", "1000x1000", "--view", "overview"],
    ));
    assert!(
        start.elapsed() < Duration::from_secs(5),
        "{:?}",
        start.elapsed()
    );
    assert!(err.contains("--size 1000x1000 is larger than a handout draws: at most 400x150"));
    assert!(!dir.exists());
}

#[test]
fn where_out_is_not_a_folder_the_error_says_what_it_is() {
    let tmp = tempfile::tempdir().expect("temp dir");
    let file = tmp.path().join("notes.txt");
    fs::write(&file, "mine").expect("write");
    let err = refused(&export(&file, &["--format", "svg"]));
    assert_eq!(
        err,
        format!("gapdash: {} is a file, not a folder\n", utf8(&file))
    );
    assert_eq!(fs::read(&file).expect("read"), b"mine");
    #[cfg(unix)]
    {
        let err = refused(&export(Path::new("/dev/full"), &["--format", "svg"]));
        assert_eq!(err, "gapdash: /dev/full is a device, not a folder\n");
    }
}

#[cfg(unix)]
#[test]
fn export_writes_into_a_folder_never_through_a_link() {
    use std::os::unix::fs::symlink;
    let tmp = tempfile::tempdir().expect("temp dir");
    let elsewhere = tmp.path().join("elsewhere");
    fs::create_dir(&elsewhere).expect("mkdir");
    let link = tmp.path().join("handout");
    symlink(&elsewhere, &link).expect("link");
    let err = refused(&export(&link, &["--format", "svg"]));
    assert!(err.contains("handout is a link;"), "{err}");
    assert!(names(&elsewhere).is_empty());
}

/// Another user who can write into the folder plants links under every name the export's
/// temporary files could have while it draws; the file they lead to stays as it was.
#[cfg(unix)]
#[test]
fn temporary_files_are_never_opened_through_a_prepared_name() {
    use std::os::unix::fs::symlink;
    let tmp = tempfile::tempdir().expect("temp dir");
    let victim = tmp.path().join("victim");
    fs::write(&victim, "root's file").expect("write");
    let dir = tmp.path().join("handout");
    fs::create_dir(&dir).expect("mkdir");
    let mut child = common::gapdash()
        .args(["export", "--out", utf8(&dir), "--format", "svg,html"])
        .args(["--view", "overview"])
        .spawn()
        .expect("start gapdash");
    let pid = child.id();
    for name in ["01-overview.svg", "index.html", ".gapdash-export"] {
        symlink(&victim, dir.join(format!(".{name}.gapdash-{pid}"))).expect("plant");
    }
    let start = Instant::now();
    let status = loop {
        if let Some(status) = child.try_wait().expect("wait") {
            break status;
        }
        assert!(start.elapsed() < common::DEADLINE, "export did not finish");
        std::thread::sleep(Duration::from_millis(20));
    };
    assert!(status.success());
    assert_eq!(fs::read_to_string(&victim).expect("read"), "root's file");
    let svg = fs::read_to_string(dir.join("01-overview.svg")).expect("the SVG");
    assert!(svg.starts_with("<?xml"));
}

#[cfg(unix)]
#[test]
fn init_refuses_to_write_through_a_link_planted_in_its_folder() {
    use std::os::unix::fs::symlink;
    let tmp = tempfile::tempdir().expect("temp dir");
    let elsewhere = tmp.path().join("elsewhere");
    fs::create_dir(&elsewhere).expect("mkdir");
    let dir = tmp.path().join("mydata");
    fs::create_dir(&dir).expect("mkdir");
    symlink(&elsewhere, dir.join("i18n")).expect("plant");
    let out = common::run_in(tmp.path(), &["init", "mydata", "--force"]);
    let err = refused(&out);
    assert!(err.starts_with("gapdash: mydata/i18n is a link; "), "{err}");
    assert!(
        names(&elsewhere).is_empty(),
        "nothing written where it leads"
    );
    assert_eq!(names(&dir), ["i18n"], "nothing written at all");
}

/// A data folder whose third quote is `text`.
fn with_quote(text: &str) -> common::DataFolder {
    let data = common::DataFolder::init();
    data.edit(
        "quotes.toml",
        "\"the regional digital divide in China further narrowed over the past year.\"",
        &format!("\"{text}\""),
    );
    data
}

/// The text of `pdf`, page by page, as pdftotext reads it. poppler-utils' pdftotext is a
/// program of the Unix side: under wine there is none to run.
#[cfg(unix)]
fn pdf_pages(pdf: &Path) -> Vec<String> {
    let out = common::tool("pdftotext", "poppler-utils")
        .args(["-layout", utf8(pdf), "-"])
        .output()
        .expect("run pdftotext");
    assert!(out.status.success(), "{}", text(&out.stderr));
    text(&out.stdout)
        .split('\u{c}')
        .map(str::to_string)
        .collect()
}

#[cfg(unix)]
#[test]
fn a_quote_longer_than_a_page_keeps_its_end_speaker_and_source() {
    let sentences: String = (1..=150)
        .map(|i| format!("Sentence {i} of a quote that goes on. "))
        .collect();
    let data = with_quote(&format!("{sentences}The very end."));
    let tmp = tempfile::tempdir().expect("temp dir");
    let args = [
        "--data",
        &data.dir_arg(),
        "--format",
        "pdf",
        "--view",
        "quotes",
    ];
    succeeded(&export(tmp.path(), &args));
    let pages = pdf_pages(&tmp.path().join("handout.pdf"));
    let all = pages.join("\n");
    for i in [1, 75, 150] {
        assert!(
            all.contains(&format!("Sentence {i} of")),
            "sentence {i}: {all}"
        );
    }
    let end = all.find("The very end.").expect("the quote's end");
    let speaker = all[end..]
        .find("— China Internet Development Report 2020")
        .expect("its speaker after it");
    assert!(
        all[end + speaker..].contains("as reported by Xinhua, 2020-11-25"),
        "its source after that"
    );
    // Each page's footer is its last line: no text ran over it.
    for (i, page) in pages
        .iter()
        .enumerate()
        .filter(|(_, p)| !p.trim().is_empty())
    {
        let last = page.trim_end().lines().last().expect("a line");
        assert!(
            last.contains(&format!("page {} of", i + 1)),
            "page {}: {last}",
            i + 1
        );
    }
}

#[cfg(unix)]
#[test]
fn characters_no_font_draws_are_named_with_where_they_are() {
    // U+0378 is no character at all, so no font has it; the Chinese after it is drawn.
    let data = with_quote("Reported \\u0378 speech with 数字 in it.");
    let tmp = tempfile::tempdir().expect("temp dir");
    let args = [
        "--data",
        &data.dir_arg(),
        "--format",
        "pdf",
        "--view",
        "quotes",
    ];
    let out = export(tmp.path(), &args);
    succeeded(&out);
    let err = text(&out.stderr);
    assert!(
        err.starts_with("gapdash: warning: no font here draws 1 character, drawn as �: \u{378} (U+0378) in handout.pdf page "),
        "{err}"
    );
    let all = pdf_pages(&tmp.path().join("handout.pdf")).join("\n");
    assert!(all.contains("Reported � speech with 数字 in it."), "{all}");
}

#[test]
fn every_svg_the_export_writes_is_xml_whatever_the_data_holds() {
    let data = with_quote("Odd \\uFFFE\\uFFFF\\u001b ]]> <b>&amp; text");
    let tmp = tempfile::tempdir().expect("temp dir");
    let args = ["--data", &data.dir_arg(), "--format", "svg,png,pdf"];
    succeeded(&export(tmp.path(), &args));
    let svgs: Vec<PathBuf> = fs::read_dir(tmp.path())
        .expect("list")
        .map(|e| e.expect("entry").path())
        .filter(|p| p.extension().is_some_and(|e| e == "svg"))
        .collect();
    assert_eq!(svgs.len(), 7);
    for path in svgs {
        let svg = fs::read_to_string(&path).expect("read");
        roxmltree::Document::parse(&svg).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    }
}
