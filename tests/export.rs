//! `gapdash export`, run as a real process into temporary folders: the SVGs parse and hold
//! their views' figures as text, the PNGs decode at the size asked for, the PDF has a page
//! per view then the Sources and the quotes with extractable text, the HTML page needs
//! nothing outside itself, and the README's pictures are what export makes today.

use std::collections::BTreeSet;
use std::fs;
use std::path::{Path, PathBuf};
use std::process::Output;
use std::sync::{Arc, OnceLock};

use assert_cmd::Command;
use resvg::tiny_skia::Pixmap;
use resvg::usvg::{self, fontdb};

const VIEWS: [&str; 7] = [
    "overview",
    "penetration",
    "sales",
    "quotes",
    "world",
    "since",
    "sources",
];

fn gapdash(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_gapdash"))
        .args(args)
        .output()
        .expect("run gapdash")
}

fn text(bytes: &[u8]) -> String {
    String::from_utf8(bytes.to_vec()).expect("UTF-8")
}

/// Runs `gapdash export --out DIR ARGS…` and checks it succeeds.
fn export(dir: &Path, args: &[&str]) -> Output {
    let out_dir = dir.to_str().expect("a UTF-8 temp path");
    let mut all = vec!["export", "--out", out_dir];
    all.extend_from_slice(args);
    let out = gapdash(&all);
    assert_eq!(
        out.status.code(),
        Some(0),
        "gapdash {all:?}: {}",
        text(&out.stderr)
    );
    out
}

/// One full export with the defaults (every format, light theme, 100×30), made once and
/// read by several tests.
fn handout() -> &'static Path {
    static DIR: OnceLock<PathBuf> = OnceLock::new();
    DIR.get_or_init(|| {
        let dir = Path::new(env!("CARGO_TARGET_TMPDIR")).join("export-handout");
        let _ = fs::remove_dir_all(&dir);
        export(&dir, &[]);
        dir
    })
}

fn file_name(view: &str) -> String {
    let number = VIEWS.iter().position(|v| *v == view).expect("a view") + 1;
    format!("{number:02}-{view}")
}

/// The numbers `gapdash snapshot VIEW` shows as text ("76.4", "2019", "9.4"), at 100×30.
fn figures(view: &str) -> BTreeSet<String> {
    let out = gapdash(&["snapshot", view]);
    assert!(out.status.success(), "snapshot {view}");
    text(&out.stdout)
        .split(|c: char| !(c.is_ascii_digit() || c == '.'))
        .map(|t| t.trim_matches('.'))
        .filter(|t| t.chars().any(|c| c.is_ascii_digit()))
        .map(String::from)
        .collect()
}

/// The shipped font, as the SVG viewer in these tests.
fn fonts() -> Arc<fontdb::Database> {
    let mut db = fontdb::Database::new();
    db.load_fonts_dir(Path::new(env!("CARGO_MANIFEST_DIR")).join("assets/fonts"));
    assert_eq!(db.len(), 4, "the four shipped faces");
    Arc::new(db)
}

/// Every piece of text in an SVG, as a reader of the file finds it.
fn svg_text(svg: &str, db: &Arc<fontdb::Database>) -> String {
    let options = usvg::Options {
        fontdb: Arc::clone(db),
        ..usvg::Options::default()
    };
    let tree = usvg::Tree::from_str(svg, &options).expect("the SVG parses");
    fn walk(group: &usvg::Group, out: &mut String) {
        for node in group.children() {
            match node {
                usvg::Node::Group(g) => walk(g, out),
                usvg::Node::Text(t) => {
                    for chunk in t.chunks() {
                        out.push_str(chunk.text());
                        out.push('\n');
                    }
                }
                _ => {}
            }
        }
    }
    let mut out = String::new();
    walk(tree.root(), &mut out);
    out
}

#[test]
fn export_writes_a_pdf_an_html_page_and_an_svg_and_a_png_per_view() {
    let dir = handout();
    let mut expected: Vec<String> = VIEWS
        .iter()
        .flat_map(|v| {
            [
                format!("{}.svg", file_name(v)),
                format!("{}.png", file_name(v)),
            ]
        })
        .collect();
    expected.extend(["handout.pdf".to_string(), "index.html".to_string()]);
    let mut found: Vec<String> = fs::read_dir(dir)
        .expect("list the handout")
        .map(|e| e.expect("entry").file_name().to_string_lossy().into_owned())
        .collect();
    found.sort();
    expected.sort();
    assert_eq!(
        found, expected,
        "exactly these files, no temporary ones left"
    );
    for name in &found {
        let size = fs::metadata(dir.join(name)).expect("stat").len();
        assert!(size > 1000, "{name} is {size} bytes");
    }
}

#[test]
fn svgs_parse_and_hold_every_figure_of_their_view_as_text() {
    let db = fonts();
    for view in VIEWS {
        let path = handout().join(format!("{}.svg", file_name(view)));
        let svg = fs::read_to_string(&path).expect("read the SVG");
        let shown = svg_text(&svg, &db);
        let figures = figures(view);
        assert!(figures.len() >= 5, "{view}: only {figures:?}");
        let missing: Vec<&String> = figures.iter().filter(|f| !shown.contains(*f)).collect();
        assert!(
            missing.is_empty(),
            "{view}: {missing:?} not text in\n{shown}"
        );
        // Runs, not cells: far fewer <text> elements than characters.
        let texts = svg.matches("<text").count();
        let chars: usize = shown.lines().map(|l| l.chars().count()).sum();
        assert!(
            texts * 4 < chars,
            "{view}: {texts} texts for {chars} characters"
        );
    }
}

/// The characters of an SVG's text that the shipped font has no glyph for.
fn missing_glyphs(svg: &str, db: &Arc<fontdb::Database>) -> BTreeSet<String> {
    let options = usvg::Options {
        fontdb: Arc::clone(db),
        ..usvg::Options::default()
    };
    let tree = usvg::Tree::from_str(svg, &options).expect("the SVG parses");
    fn walk(group: &usvg::Group, out: &mut BTreeSet<String>) {
        for node in group.children() {
            match node {
                usvg::Node::Group(g) => walk(g, out),
                usvg::Node::Text(t) => {
                    for span in t.layouted() {
                        for glyph in &span.positioned_glyphs {
                            if glyph.id.0 == 0 && !glyph.text.trim().is_empty() {
                                out.insert(glyph.text.clone());
                            }
                        }
                    }
                }
                _ => {}
            }
        }
    }
    let mut out = BTreeSet::new();
    walk(tree.root(), &mut out);
    out
}

#[test]
fn every_character_on_the_screens_has_a_glyph_in_the_shipped_font() {
    let db = fonts();
    let tmp = tempfile::tempdir().expect("temp dir");
    export(
        tmp.path(),
        &["--format", "svg", "--present", "--theme", "contrast"],
    );
    for dir in [handout(), tmp.path()] {
        for view in VIEWS {
            let svg = fs::read_to_string(dir.join(format!("{}.svg", file_name(view))))
                .expect("read the SVG");
            assert!(svg.contains("<text"), "{view} has text");
            let missing = missing_glyphs(&svg, &db);
            assert!(missing.is_empty(), "{view}: no glyph for {missing:?}");
        }
    }
    // The check can fail: a character DejaVu Sans Mono lacks is found.
    let chinese = "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"99\" height=\"30\">\
                   <text x=\"0\" y=\"20\" font-family=\"DejaVu Sans Mono\">数字</text></svg>";
    assert_eq!(missing_glyphs(chinese, &db).len(), 2);
}

#[test]
fn bars_and_borders_are_shapes_not_glyphs() {
    let svg = fs::read_to_string(handout().join("02-penetration.svg")).expect("read");
    for glyph in ['█', '▒', '▏', '▌', '─', '│', '╭', '╯'] {
        assert!(!svg.contains(glyph), "{glyph} drawn as a glyph");
    }
    // Urban bars in the light theme's urban blue, rural ones in a pattern of its orange.
    assert!(svg.contains("<path fill=\"#0072b2\""), "urban bars");
    assert!(
        svg.contains("fill=\"url(#penetration-shade2-d55e00)\""),
        "rural bars"
    );
}

#[test]
fn pngs_decode_at_twelve_by_twenty_four_pixels_a_cell() {
    for view in VIEWS {
        let png = fs::read(handout().join(format!("{}.png", file_name(view)))).expect("read");
        let image = Pixmap::decode_png(&png).expect("the PNG decodes");
        assert_eq!((image.width(), image.height()), (1200, 720), "{view}");
        let colours: BTreeSet<[u8; 4]> = image
            .pixels()
            .iter()
            .step_by(7)
            .map(|p| [p.red(), p.green(), p.blue(), p.alpha()])
            .collect();
        assert!(colours.len() > 10, "{view}: {} colours", colours.len());
    }
    let tmp = tempfile::tempdir().expect("temp dir");
    export(
        tmp.path(),
        &["--format", "png", "--view", "sales", "--size", "80x24"],
    );
    let png = fs::read(tmp.path().join("03-sales.png")).expect("read");
    let image = Pixmap::decode_png(&png).expect("decodes");
    assert_eq!((image.width(), image.height()), (960, 576));
}

#[test]
fn the_pdf_has_a_page_per_view_then_the_sources_and_quotes_as_text() {
    let pdf = lopdf::Document::load(handout().join("handout.pdf")).expect("the PDF loads");
    let pages: Vec<u32> = pdf.get_pages().keys().copied().collect();
    // lopdf ends each positioned piece of text with a newline, which here is every glyph.
    let page_text = |n: u32| {
        pdf.extract_text(&[n])
            .expect("text of a page")
            .replace('\n', "")
    };
    let texts: Vec<String> = pages.iter().map(|&n| page_text(n)).collect();
    // Six views, then pages that start with "Sources", then pages that start with "Quotes".
    let sources = texts
        .iter()
        .filter(|t| t.trim_start().starts_with("Sources"))
        .count();
    let quotes = texts
        .iter()
        .filter(|t| t.trim_start().starts_with("Quotes"))
        .count();
    assert!(
        sources >= 1 && quotes >= 1,
        "{sources} Sources and {quotes} Quotes pages: {texts:?}"
    );
    assert_eq!(pages.len(), VIEWS.len() + sources + quotes);
    assert!(texts[0].contains("76.4"), "page 1: {}", texts[0]);
    for (i, view) in VIEWS.iter().enumerate() {
        let missing: Vec<String> = figures(view)
            .into_iter()
            .filter(|f| !texts[i].contains(f.as_str()))
            .collect();
        assert!(missing.is_empty(), "page {} ({view}): {missing:?}", i + 1);
    }
    // Every figure, with its source, on the Sources pages.
    let report = gapdash::data::builtin().expect("built-in data");
    let table: String = texts[VIEWS.len()..VIEWS.len() + sources].concat();
    let flat = |s: &str| s.split_whitespace().collect::<Vec<_>>().join(" ");
    let table = flat(&table);
    for row in report.source_rows() {
        let first_word = row.value.split_whitespace().next().unwrap_or("");
        assert!(
            table.contains(first_word),
            "{}: {} missing",
            row.figure,
            row.value
        );
        let source_start: String = row.provenance.source.chars().take(20).collect();
        assert!(
            table.contains(&flat(&source_start)),
            "source of {}",
            row.figure
        );
    }
    for letter in ["V:", "D:"] {
        assert!(table.contains(letter), "the legend explains {letter}");
    }
    let quoted = flat(&texts[VIEWS.len() + sources..].concat());
    for quote in &report.quotes {
        let start: String = quote
            .text
            .split_whitespace()
            .take(4)
            .collect::<Vec<_>>()
            .join(" ");
        assert!(quoted.contains(&start), "quote {start:?}");
        assert!(
            quoted.contains(&flat(&quote.speaker)),
            "speaker {}",
            quote.speaker
        );
    }
}

#[test]
fn notes_add_the_speakers_notes_after_each_view_for_the_presenters_copy() {
    let tmp = tempfile::tempdir().expect("temp dir");
    export(tmp.path(), &["--format", "pdf", "--notes"]);
    let pdf = lopdf::Document::load(tmp.path().join("handout.pdf")).expect("the PDF loads");
    let texts: Vec<String> = pdf
        .get_pages()
        .keys()
        .map(|&n| {
            let text = pdf.extract_text(&[n]).expect("text of a page");
            text.replace('\n', "")
                .split_whitespace()
                .collect::<Vec<_>>()
                .join(" ")
        })
        .collect();
    let plain = lopdf::Document::load(handout().join("handout.pdf")).expect("the PDF loads");
    let notes: Vec<&String> = texts.iter().filter(|t| t.contains(" · notes")).collect();
    assert!(notes.len() >= VIEWS.len(), "{} notes pages", notes.len());
    assert_eq!(texts.len(), plain.get_pages().len() + notes.len());
    assert!(texts[1].starts_with("1/7 Overview · notes"), "{}", texts[1]);
    assert!(
        texts[1].contains("This is the China Internet Development Report 2020"),
        "{}",
        texts[1]
    );
    let quotes = texts
        .iter()
        .find(|t| t.contains("Quote 8 · Liu Zhenmin"))
        .expect("the quotes' notes, each under its quote");
    assert!(quotes.contains("Wuzhen Summit in 2021"), "{quotes}");

    let out = gapdash(&[
        "export",
        "--out",
        tmp.path().join("svg").to_str().expect("UTF-8"),
        "--format",
        "svg",
        "--notes",
    ]);
    assert_eq!(out.status.code(), Some(1));
    assert_eq!(
        text(&out.stderr),
        "gapdash: --notes adds pages to handout.pdf; add pdf to --format\n"
    );
}

#[test]
fn the_html_page_needs_nothing_outside_itself() {
    let html = fs::read_to_string(handout().join("index.html")).expect("read");
    let lower = html.to_lowercase();
    for banned in [
        "<script", "http:", "https:", "<link", "<img", "<iframe", "@import",
    ] {
        assert!(!lower.contains(banned), "index.html contains {banned}");
    }
    // Whatever is referenced is in the page: anchors and data.
    for attr in ["href=\"", "src=\"", "url("] {
        for (at, _) in html.match_indices(attr) {
            let target = &html[at + attr.len()..];
            assert!(
                target.starts_with('#') || target.starts_with("data:"),
                "{attr}{}",
                &target[..target.len().min(40)]
            );
        }
    }
    assert_eq!(html.matches("<svg").count(), VIEWS.len());
    let report = gapdash::data::builtin().expect("built-in data");
    assert_eq!(
        html.matches("<tr>").count(),
        report.source_rows().len() + 1,
        "a row per figure and the header"
    );
    assert_eq!(html.matches("<blockquote>").count(), report.quotes.len());
    assert!(html.contains("@media print"), "a print stylesheet");
    assert!(html.contains("name=\"viewport\""), "a phone viewport");
}

#[test]
fn only_the_formats_and_views_asked_for_are_written() {
    let tmp = tempfile::tempdir().expect("temp dir");
    let out = export(
        tmp.path(),
        &[
            "--format",
            "svg,html",
            "--view",
            "sales,world",
            "--theme",
            "dark",
        ],
    );
    let listed = text(&out.stdout);
    let mut names: Vec<String> = fs::read_dir(tmp.path())
        .expect("list")
        .map(|e| e.expect("entry").file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    assert_eq!(names, ["03-sales.svg", "05-world.svg", "index.html"]);
    assert_eq!(listed.lines().count(), 3, "{listed}");
    assert!(listed.lines().all(|l| l.starts_with("wrote ")), "{listed}");
    let svg = fs::read_to_string(tmp.path().join("03-sales.svg")).expect("read");
    assert!(
        svg.contains("fill=\"#121212\""),
        "the dark theme's background"
    );
}

#[test]
fn presentation_mode_exports_without_tabs_and_hints() {
    let tmp = tempfile::tempdir().expect("temp dir");
    export(
        tmp.path(),
        &["--format", "svg", "--view", "penetration", "--present"],
    );
    let svg = fs::read_to_string(tmp.path().join("02-penetration.svg")).expect("read");
    let shown = svg_text(&svg, &fonts());
    assert!(shown.contains("view 2/7"), "{shown}");
    assert!(!shown.contains("Shift-Tab"), "{shown}");
}

#[test]
fn bad_requests_are_one_line_and_exit_1_or_2() {
    let tmp = tempfile::tempdir().expect("temp dir");
    let file = tmp.path().join("a-file");
    fs::write(&file, "x").expect("write");
    let inside = file.join("handout");
    let out = gapdash(&[
        "export",
        "--out",
        inside.to_str().expect("UTF-8"),
        "--format",
        "svg",
    ]);
    let err = text(&out.stderr);
    assert_eq!(out.status.code(), Some(1), "{err}");
    assert_eq!(err.lines().count(), 1, "{err}");
    assert!(err.starts_with("gapdash: creating the folder "), "{err}");
    assert!(err.contains("a-file/handout"), "{err}");

    let refused = tmp.path().join("refused");
    let refused = refused.to_str().expect("UTF-8");
    let out = gapdash(&["export", "--out", refused, "--size", "40x10"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(text(&out.stderr).contains("at least 60x18"));
    let out = gapdash(&["export", "--out", refused, "--format", "gif"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(text(&out.stderr).contains("possible values: pdf, html, svg, png"));
    let out = gapdash(&["export", "--out", refused, "--theme", "nonesuch"]);
    assert_eq!(out.status.code(), Some(1));
    assert!(text(&out.stderr).contains("neither a built-in theme"));
    assert!(
        !Path::new(refused).exists(),
        "nothing written for a refused request"
    );
}

/// The README's pictures, as (folder under assets/readme, the export options that make it).
const README_PICTURES: [(&str, &str, &[&str]); 3] = [
    (
        "dark",
        "01-overview.png",
        &["--theme", "dark", "--view", "overview"],
    ),
    ("light", "03-sales.png", &["--view", "sales"]),
    (
        "present",
        "02-penetration.png",
        &["--theme", "dark", "--present", "--view", "penetration"],
    ),
];

#[test]
fn readme_pictures_are_what_export_makes_today() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let readme = fs::read_to_string(root.join("README.md")).expect("read README.md");
    let tmp = tempfile::tempdir().expect("temp dir");
    for (folder, name, args) in README_PICTURES {
        let path = format!("assets/readme/{folder}/{name}");
        assert!(
            readme.contains(&format!("]({path})")),
            "README shows {path}"
        );
        let mut all = vec!["--format", "png"];
        all.extend_from_slice(args);
        let fresh = tmp.path().join(folder);
        export(&fresh, &all);
        let made = fs::read(fresh.join(name)).expect("exported");
        let kept = fs::read(root.join(&path)).unwrap_or_default();
        assert!(
            made == kept,
            "{path} is stale; make it again with\n  gapdash export --out assets/readme/{folder} {}",
            all.join(" ")
        );
    }
}
