//! `gapdash export`, run as a real process into temporary folders: the SVGs parse and hold
//! their views' figures as text, the PNGs decode at 12×24 pixels a cell, the PDF has the
//! views in order with the quotes and the Sources as text in their places, the HTML page
//! needs nothing but the CSV files beside it and reflows on a phone, the CSV files hold the
//! data as it is, nothing shows key hints or a cut, and the README's pictures are what
//! export makes today. A Chinese handout (`--lang zh`) is in Chinese, in the shipped fonts,
//! with a glyph for every character.

mod common;

use std::collections::BTreeSet;
use std::fs;
use std::path::{Path, PathBuf};
use std::process::Output;
use std::sync::{Arc, OnceLock};

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

/// The CSV files of a handout of every view: a file per table.
const CSVS: [&str; 11] = [
    "overview",
    "penetration",
    "penetration-changes",
    "sales",
    "world-households",
    "world-household-ratio",
    "world-individuals",
    "since-penetration",
    "since-sales",
    "sources",
    "quotes",
];

/// What only a keyboard needs, which a handout never shows: the hint bar's keys, the
/// quotes' and the Sources' scroll hints, a position. (Looked for in the PDF's text, which
/// pdftotext reads: Unix only.)
#[cfg(unix)]
const KEYBOARD: [&str; 7] = [
    "Tab next",
    "Shift-Tab",
    "q quit",
    "? help",
    "↑/↓",
    "j/k",
    "F5 present",
];

/// Runs gapdash in an English locale, so the language is the one `--lang` asks for or
/// English, wherever the tests run.
fn gapdash(args: &[&str]) -> Output {
    common::run(args)
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
        // A folder of this run's own: another run of these tests may be exporting too.
        let dir = Path::new(env!("CARGO_TARGET_TMPDIR"))
            .join(format!("export-handout-{}", std::process::id()));
        let _ = fs::remove_dir_all(&dir);
        export(&dir, &[]);
        dir
    })
}

/// The same in Chinese (`--lang zh`).
fn handout_zh() -> &'static Path {
    static DIR: OnceLock<PathBuf> = OnceLock::new();
    DIR.get_or_init(|| {
        let dir = Path::new(env!("CARGO_TARGET_TMPDIR"))
            .join(format!("export-handout-zh-{}", std::process::id()));
        let _ = fs::remove_dir_all(&dir);
        export(&dir, &["--lang", "zh"]);
        dir
    })
}

fn file_name(view: &str) -> String {
    let number = VIEWS.iter().position(|v| *v == view).expect("a view") + 1;
    format!("{number:02}-{view}")
}

/// The numbers `gapdash snapshot VIEW` shows as text ("76.4", "2019", "9.4") in the view
/// itself at 100×30: not the tab bar's or the hint bar's, nor a position ("1/8 ↑/↓").
fn figures(view: &str) -> BTreeSet<String> {
    let out = gapdash(&["snapshot", view]);
    assert!(out.status.success(), "snapshot {view}");
    let shown = text(&out.stdout);
    let lines: Vec<&str> = shown.lines().collect();
    lines[1..lines.len().saturating_sub(1)]
        .iter()
        .filter(|l| !l.contains("↑/↓"))
        .flat_map(|l| l.split(|c: char| !(c.is_ascii_digit() || c == '.')))
        .map(|t| t.trim_matches('.'))
        .filter(|t| t.chars().any(|c| c.is_ascii_digit()))
        .map(String::from)
        .collect()
}

/// The shipped fonts, as the SVG viewer in these tests.
fn fonts() -> Arc<fontdb::Database> {
    let mut db = fontdb::Database::new();
    db.load_fonts_dir(Path::new(env!("CARGO_MANIFEST_DIR")).join("assets/fonts"));
    assert_eq!(
        db.len(),
        6,
        "the shipped faces: DejaVu Sans Mono's four, the CJK subset's two"
    );
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
    // The data as CSV, a file per table, and the list of what the export wrote, which the
    // next export may replace.
    expected.extend(CSVS.iter().map(|name| format!("{name}.csv")));
    expected.extend([
        "handout.pdf".to_string(),
        "index.html".to_string(),
        ".gapdash-export".to_string(),
    ]);
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
    for name in found.iter().filter(|n| !n.starts_with('.')) {
        let size = fs::metadata(dir.join(name)).expect("stat").len();
        let least = if name.ends_with(".csv") { 150 } else { 1000 };
        assert!(size > least, "{name} is {size} bytes");
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
        assert!(figures.len() >= 4, "{view}: only {figures:?}");
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

/// The characters of an SVG's text that the shipped fonts have no glyph for, as this
/// test's own viewer (usvg's own font fallback over the font files) draws them.
fn missing_glyphs(svg: &str, db: &Arc<fontdb::Database>) -> BTreeSet<String> {
    let options = usvg::Options {
        fontdb: Arc::clone(db),
        ..usvg::Options::default()
    };
    gapdash::export::fonts::missing_glyphs(svg, &options).expect("the SVG parses")
}

/// The exported files, in English and Chinese, light and (presenting) in contrast. Every
/// screen at other sizes is checked by the export's unit tests, and every character the
/// words can show by the next test.
#[test]
fn every_character_on_the_screens_has_a_glyph_in_the_shipped_fonts() {
    let db = fonts();
    let tmp = tempfile::tempdir().expect("temp dir");
    let (present, present_zh) = (tmp.path().join("en"), tmp.path().join("zh"));
    let args = ["--format", "svg", "--present", "--theme", "contrast"];
    export(&present, &args);
    export(&present_zh, &[&args[..], &["--lang", "zh"]].concat());
    for dir in [handout(), handout_zh(), &present, &present_zh] {
        for view in VIEWS {
            let svg = fs::read_to_string(dir.join(format!("{}.svg", file_name(view))))
                .expect("read the SVG");
            assert!(svg.contains("<text"), "{view} has text");
            let missing = missing_glyphs(&svg, &db);
            assert!(
                missing.is_empty(),
                "{}/{view}: no glyph for {missing:?}",
                dir.display()
            );
        }
    }
    // The check can fail: a character neither font has is found.
    let korean = "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"99\" height=\"30\">\
                  <text x=\"0\" y=\"20\" font-family=\"DejaVu Sans Mono\">数字한국</text></svg>";
    assert_eq!(missing_glyphs(korean, &db).len(), 2);
}

/// Every character of the data files and both languages' words, help and messages
/// included: assets/fonts/subset.py keeps these, and fails this test until it is run again
/// after a file gains one.
#[test]
fn every_character_of_the_words_has_a_glyph_in_the_shipped_fonts() {
    fn tomls(dir: &Path, out: &mut Vec<PathBuf>) {
        for entry in fs::read_dir(dir).expect("list data") {
            let path = entry.expect("entry").path();
            if path.is_dir() {
                tomls(&path, out);
            } else if path.extension().is_some_and(|e| e == "toml") {
                out.push(path);
            }
        }
    }
    let mut files = Vec::new();
    tomls(
        &Path::new(env!("CARGO_MANIFEST_DIR")).join("data"),
        &mut files,
    );
    assert!(files.len() >= 8, "{files:?}");
    let mut chars = BTreeSet::new();
    for file in &files {
        chars.extend(
            fs::read_to_string(file)
                .expect("read")
                .chars()
                .filter(|c| !c.is_control() && !c.is_ascii()),
        );
    }
    assert!(
        chars.contains(&'农') && chars.len() > 300,
        "{}",
        chars.len()
    );
    let text: String = chars.iter().collect();
    let svg = format!(
        "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"99\" height=\"30\">\
         <text x=\"0\" y=\"20\" font-family=\"DejaVu Sans Mono\">{text}</text></svg>"
    );
    let missing = missing_glyphs(&svg, &fonts());
    assert!(
        missing.is_empty(),
        "no glyph for {missing:?}: run python3 assets/fonts/subset.py"
    );
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
        let svg = fs::read_to_string(handout().join(format!("{}.svg", file_name(view))))
            .expect("read the SVG");
        let (columns, rows) = cells(&svg);
        // As wide as the screen gives the view and its margins, or wider where a line
        // needs it; as tall as its text needs, never shorter than the screen.
        assert!(columns >= 100 && rows >= 28, "{view}: {columns}×{rows}");
        assert_eq!(
            (image.width(), image.height()),
            (columns * 12, rows * 24),
            "{view}"
        );
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
    assert!(image.width() >= 80 * 12 && image.width().is_multiple_of(12));
    assert!(image.height() >= 22 * 24 && image.height().is_multiple_of(24));
}

/// The cells an exported SVG draws, from its width and height in units (12×24 a cell).
fn cells(svg: &str) -> (u32, u32) {
    let attr = |name: &str| -> u32 {
        let from = svg.find(&format!(" {name}=\"")).expect(name) + name.len() + 3;
        let to = from + svg[from..].find('"').expect("the attribute's end");
        svg[from..to].parse().expect("a number")
    };
    (attr("width") / 12, attr("height") / 24)
}

#[test]
fn the_pdf_has_the_views_in_order_the_quotes_and_sources_as_text_in_their_places() {
    let pdf = lopdf::Document::load(handout().join("handout.pdf")).expect("the PDF loads");
    let pages: Vec<u32> = pdf.get_pages().keys().copied().collect();
    // lopdf ends each positioned piece of text with a newline, which here is every glyph.
    let page_text = |n: u32| {
        pdf.extract_text(&[n])
            .expect("text of a page")
            .replace('\n', "")
    };
    let texts: Vec<String> = pages.iter().map(|&n| page_text(n)).collect();
    // Each chart view on pages headed "n/7 Name", the quotes (view 4) and the Sources (view
    // 7) as pages of text headed "Quotes" and "Sources", in the views' order.
    let starts = |head: &str| -> Vec<usize> {
        texts
            .iter()
            .enumerate()
            .filter(|(_, t)| t.trim_start().starts_with(head))
            .map(|(i, _)| i)
            .collect()
    };
    let (quotes_at, sources_at) = (starts("Quotes"), starts("Sources"));
    assert!(!quotes_at.is_empty() && !sources_at.is_empty(), "{texts:?}");
    let mut order = Vec::new();
    for (i, view) in VIEWS.iter().enumerate() {
        let at = match *view {
            "quotes" => quotes_at.clone(),
            "sources" => sources_at.clone(),
            _ => starts(&format!("{}/7 ", i + 1)),
        };
        assert!(!at.is_empty(), "no page of {view}");
        order.push(at[0]);
        // Every figure of a chart view is text on its pages.
        if !matches!(*view, "quotes" | "sources") {
            let on_pages: String = at.iter().map(|&p| texts[p].as_str()).collect();
            let missing: Vec<String> = figures(view)
                .into_iter()
                .filter(|f| !on_pages.contains(f.as_str()))
                .collect();
            assert!(missing.is_empty(), "{view}: {missing:?}");
        }
    }
    assert!(order.windows(2).all(|w| w[0] < w[1]), "{order:?}");
    assert!(texts[0].contains("76.4"), "page 1: {}", texts[0]);
    // The Sources are the last pages: each figure once, not again at the end.
    assert_eq!(*sources_at.last().expect("a page"), texts.len() - 1);
    let sources = sources_at.len();
    // Every figure, with its source, on the Sources pages.
    let report = gapdash::data::builtin().expect("built-in data");
    let table: String = texts[texts.len() - sources..].concat();
    let flat = |s: &str| s.split_whitespace().collect::<Vec<_>>().join(" ");
    let table = flat(&table);
    for row in report.source_rows(&report.i18n.en) {
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
    let quoted = flat(
        &quotes_at
            .iter()
            .map(|&p| texts[p].as_str())
            .collect::<String>(),
    );
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

/// In Chinese, as pdftotext (poppler-utils) reads them: the notes pages' words and the notes
/// themselves.
#[cfg(unix)]
#[test]
fn chinese_notes_pages_are_chinese_as_a_reader_copies_them() {
    let tmp = tempfile::tempdir().expect("temp dir");
    export(
        tmp.path(),
        &[
            "--format",
            "pdf",
            "--notes",
            "--lang",
            "zh",
            "--view",
            "penetration,quotes",
        ],
    );
    let extracted = pdftotext(&tmp.path().join("handout.pdf"));
    for words in [
        "2/7 普及率 · 备注",
        "视图在屏幕上时要说的话",
        "达到36.2个百分点",
        "4/7 引语 · 备注",
        "引语 8 · 联合国副秘书长刘振民",
    ] {
        assert!(
            extracted.contains(words),
            "pdftotext finds no {words} in\n{extracted}"
        );
    }
    assert!(!extracted.contains(" · notes"), "{extracted}");
}

#[test]
fn the_html_page_needs_nothing_outside_itself_and_the_csv_files_beside_it() {
    let html = fs::read_to_string(handout().join("index.html")).expect("read");
    let lower = html.to_lowercase();
    for banned in [
        "<script", "http:", "https:", "<link", "<img", "<iframe", "@import",
    ] {
        assert!(!lower.contains(banned), "index.html contains {banned}");
    }
    // Whatever is referenced is in the page (anchors and data), or a CSV file the export
    // wrote beside it.
    let mut linked = BTreeSet::new();
    for attr in ["href=\"", "src=\"", "url("] {
        for (at, _) in html.match_indices(attr) {
            let target = &html[at + attr.len()..];
            let name = target.split('"').next().unwrap_or_default();
            if name.ends_with(".csv") {
                assert!(
                    !name.contains('/') && handout().join(name).is_file(),
                    "{name} is not beside the page"
                );
                linked.insert(name.trim_end_matches(".csv").to_string());
                continue;
            }
            assert!(
                target.starts_with('#') || target.starts_with("data:"),
                "{attr}{}",
                &target[..target.len().min(40)]
            );
        }
    }
    let every: BTreeSet<String> = CSVS.iter().map(|s| s.to_string()).collect();
    assert_eq!(linked, every, "every CSV file linked from the page");
    // The chart views as pictures; the quotes and the Sources as text in their places.
    assert_eq!(html.matches("<svg").count(), VIEWS.len() - 2);
    let report = gapdash::data::builtin().expect("built-in data");
    let from = html
        .find("<section id=\"all-sources\"")
        .expect("the Sources");
    let section = &html[from..from + html[from..].find("</section>").expect("its end")];
    assert_eq!(
        section.matches("<tr>").count(),
        report.source_rows(&report.i18n.en).len() + 1,
        "a row per figure and the header"
    );
    assert_eq!(html.matches("<blockquote").count(), report.quotes.len());
    assert!(
        html.contains("<html lang=\"en\">"),
        "an English page says so"
    );
    // Every anchor is one element's: the views' and the sections' ids are all different.
    let ids: Vec<&str> = html
        .split(" id=\"")
        .skip(1)
        .filter_map(|rest| rest.split('"').next())
        .collect();
    let unique: BTreeSet<&str> = ids.iter().copied().collect();
    assert_eq!(unique.len(), ids.len(), "ids used twice in {ids:?}");
    for (at, _) in html.match_indices("href=\"#") {
        let id = html[at + 7..].split('"').next().unwrap_or_default();
        assert!(unique.contains(id), "#{id} leads nowhere");
    }
    assert!(html.contains("@media print"), "a print stylesheet");
    assert!(html.contains("name=\"viewport\""), "a phone viewport");
}

/// The page reflows on a phone 360 px wide: it says how wide it is, nothing in it has a
/// width fixed in pixels, the screens scale to the width, and each table scrolls inside a
/// box of its own rather than widen the page. `.ci/run` measures it in Chromium at 360 px.
#[test]
fn the_html_page_reflows_on_a_phone() {
    let html = fs::read_to_string(handout().join("index.html")).expect("read");
    assert!(
        html.contains("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">"),
        "a phone viewport"
    );
    let style =
        &html[html.find("<style>").expect("a style")..html.find("</style>").expect("its end")];
    let no_faces: String = style
        .lines()
        .filter(|l| !l.starts_with("@font-face"))
        .collect();
    // Widths, not a border's.
    for (at, _) in no_faces.match_indices("width:").filter(|(at, _)| {
        let before = &no_faces[..*at];
        before.ends_with(['{', ';'])
            || before.ends_with("{min-")
            || before.ends_with("{max-")
            || before.ends_with(";min-")
            || before.ends_with(";max-")
    }) {
        let value: String = no_faces[at + 6..]
            .chars()
            .take_while(|c| !matches!(c, ';' | '}'))
            .collect();
        assert!(!value.ends_with("px"), "a fixed width: width:{value}");
    }
    assert!(no_faces.contains("figure.view svg{display:block;width:100%;height:auto"));
    assert!(no_faces.contains(".scroll{overflow-x:auto"));
    // Every table in a box that scrolls; every inline screen scales by its viewBox.
    assert_eq!(
        html.matches("<table>").count(),
        html.matches("<div class=\"scroll\"><table>").count()
    );
    for part in html.split("<svg").skip(1) {
        let tag = &part[..part.find('>').expect("the tag's end")];
        assert!(tag.contains(" viewBox=\"0 0 "), "<svg{tag}>");
    }
    // No inline style fixes a width either.
    assert!(!html.contains("style=\"width"), "an inline width");
}

/// What a handout is for a reader: no key hints, no tab bar, no scroll position and
/// nothing cut short, on the PDF's pages (as pdftotext reads them), in the page and in the
/// files of the screens.
#[cfg(unix)]
#[test]
fn a_handout_has_no_keyboard_chrome_and_nothing_cut() {
    let dir = handout();
    let pdf = pdftotext(&dir.join("handout.pdf"));
    // The page without its font faces, whose base64 could hold any three letters.
    let html: String = fs::read_to_string(dir.join("index.html"))
        .expect("read")
        .lines()
        .filter(|l| !l.starts_with("@font-face"))
        .collect::<Vec<_>>()
        .join("\n");
    let db = fonts();
    let mut all = vec![
        ("handout.pdf".to_string(), pdf),
        ("index.html".to_string(), html),
    ];
    for view in VIEWS {
        let name = format!("{}.svg", file_name(view));
        let svg = fs::read_to_string(dir.join(&name)).expect("read");
        all.push((name, svg_text(&svg, &db)));
    }
    let tabs = "1 Overview 2 Penetration 3 Rural sales";
    for (name, text) in &all {
        for hint in KEYBOARD.iter().chain([&"…", &tabs]) {
            assert!(!text.contains(hint), "{name} shows {hint:?}");
        }
    }
    // The quotes one after another, not "1/8".
    let quotes = svg_text(
        &fs::read_to_string(dir.join("04-quotes.svg")).expect("read"),
        &db,
    );
    assert!(!quotes.contains("1/8"), "{quotes}");
    let report = gapdash::data::builtin().expect("built-in data");
    let flat = quotes.split_whitespace().collect::<Vec<_>>().join(" ");
    for quote in &report.quotes {
        let last: Vec<&str> = quote.text.split_whitespace().rev().take(3).collect();
        let end: Vec<&str> = last.into_iter().rev().collect();
        assert!(flat.contains(&end.join(" ")), "the end of {:?}", quote.text);
    }
}

/// A CSV file's records: fields split on commas outside quotes, quotes undoubled.
fn csv(path: &Path) -> Vec<Vec<String>> {
    let text = fs::read_to_string(path).expect("read a CSV");
    let mut records = Vec::new();
    let (mut record, mut field, mut quoted) = (Vec::new(), String::new(), false);
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        match (c, quoted) {
            ('"', true) if chars.peek() == Some(&'"') => {
                field.push('"');
                chars.next();
            }
            ('"', _) => quoted = !quoted,
            (',', false) => record.push(std::mem::take(&mut field)),
            ('\r', false) => {}
            ('\n', false) => {
                record.push(std::mem::take(&mut field));
                records.push(std::mem::take(&mut record));
            }
            (c, _) => field.push(c),
        }
    }
    assert!(
        field.is_empty() && record.is_empty(),
        "ends with a line break"
    );
    records
}

/// The data comes with the handout: each table's values are the data's own (the same
/// numbers, never rounded again), a missing value is empty, and each row names its source.
#[test]
fn csv_files_hold_the_data_as_it_is() {
    let dir = handout();
    let report = gapdash::data::builtin().expect("built-in data");
    let read = |name: &str| {
        let records = csv(&dir.join(format!("{name}.csv")));
        let header = records[0].clone();
        let rows: Vec<std::collections::BTreeMap<String, String>> = records[1..]
            .iter()
            .map(|r| {
                assert_eq!(r.len(), header.len(), "{name}: {r:?}");
                header.iter().cloned().zip(r.iter().cloned()).collect()
            })
            .collect();
        rows
    };
    let number = |s: &str| -> Option<f64> {
        (!s.is_empty()).then(|| s.parse().unwrap_or_else(|_| panic!("a number: {s:?}")))
    };
    let penetration = read("penetration");
    assert_eq!(penetration.len(), report.penetration.periods.len());
    for (row, p) in penetration.iter().zip(&report.penetration.periods) {
        assert_eq!(row["period"], p.period);
        assert_eq!(number(&row["urban_pct"]), Some(p.urban_pct));
        assert_eq!(number(&row["rural_pct"]), Some(p.rural_pct));
        assert_eq!(row["source"], p.provenance.source);
    }
    let sales = read("sales");
    assert_eq!(sales.len(), report.sales.years.len());
    for (row, y) in sales.iter().zip(&report.sales.years) {
        assert_eq!(row["year"], y.year.to_string());
        assert_eq!(number(&row["yuan_billion"]), Some(y.yuan_billion));
        assert_eq!(number(&row["usd_billion_about"]), y.usd_billion_about);
        assert_eq!(row["source"], y.provenance.source);
    }
    // Values as written in the data: 1244.88 stays 1244.88, 1370 stays 1370.
    assert!(sales.iter().any(|r| r["yuan_billion"] == "1244.88"));
    assert!(sales.iter().any(|r| r["yuan_billion"] == "1370"));
    let since = read("since-sales");
    assert_eq!(since.len(), report.since.sales.len());
    for (row, y) in since.iter().zip(&report.since.sales) {
        assert_eq!(number(&row["yuan_trillion"]), y.yuan_trillion);
        assert_eq!(number(&row["more_than_trillion"]), y.more_than_trillion);
        assert_eq!(number(&row["change_pct"]), y.change_pct);
        assert_eq!(row["not_published"], y.not_published.to_string());
        assert_eq!(
            row["source"],
            y.provenance
                .as_ref()
                .map(|p| p.source.clone())
                .unwrap_or_default()
        );
    }
    // The year nothing was published: empty, not zero, not carried over.
    assert!(
        since
            .iter()
            .any(|r| r["not_published"] == "true" && r["yuan_trillion"].is_empty()),
        "{since:?}"
    );
    let periods = read("since-penetration");
    for (row, p) in periods.iter().zip(&report.since.periods) {
        assert_eq!(number(&row["rural_pct"]), Some(p.rural.pct));
        assert_eq!(number(&row["national_pct"]), Some(p.national.pct));
        assert_eq!(number(&row["urban_pct"]), p.urban.as_ref().map(|u| u.pct));
        assert_eq!(row["rural_source"], p.rural.provenance.source);
    }
    let households = read("world-households");
    for (row, h) in households.iter().zip(&report.world.households) {
        assert_eq!(number(&row["urban_pct"]), Some(h.urban_pct));
        assert_eq!(number(&row["rural_pct"]), Some(h.rural_pct));
    }
    let sources = read("sources");
    let rows = report.source_rows(&report.i18n.en);
    assert_eq!(sources.len(), rows.len());
    for (row, r) in sources.iter().zip(&rows) {
        assert_eq!((&row["figure"], &row["value"]), (&r.figure, &r.value));
        assert_eq!(row["source"], r.provenance.source);
    }
    assert_eq!(read("quotes").len(), report.quotes.len());
    // Every table names the source of each row.
    for name in CSVS.iter().filter(|n| **n != "quotes") {
        for row in read(name) {
            let source = row
                .iter()
                .find(|(column, _)| column.ends_with("source"))
                .map(|(_, value)| value.as_str());
            assert!(
                source.is_some_and(|s| !s.is_empty())
                    || row.get("not_published").is_some_and(|n| n == "true"),
                "{name}: {row:?}"
            );
        }
    }
}

/// A PDF's text as pdftotext (poppler-utils) extracts it, the way a reader copies it.
#[cfg(unix)]
fn pdftotext(pdf: &Path) -> String {
    let out = common::tool("pdftotext", "poppler-utils")
        .args(["-enc", "UTF-8"])
        .arg(pdf)
        .arg("-")
        .output()
        .expect("run pdftotext");
    assert!(out.status.success(), "pdftotext: {}", text(&out.stderr));
    text(&out.stdout)
}

/// The PDF's language, title and bookmarks, as its catalog, info and outline say.
fn pdf_about(pdf: &lopdf::Document) -> (String, String, Vec<String>) {
    let catalog = pdf.catalog().expect("a catalog");
    let lang = lopdf::decode_text_string(catalog.get(b"Lang").expect("/Lang")).expect("text");
    let info = pdf
        .trailer
        .get(b"Info")
        .and_then(lopdf::Object::as_reference)
        .and_then(|id| pdf.get_dictionary(id))
        .expect("/Info");
    let title = lopdf::decode_text_string(info.get(b"Title").expect("/Title")).expect("text");
    let bookmarks = pdf
        .get_toc()
        .expect("bookmarks")
        .toc
        .into_iter()
        .map(|t| t.title)
        .collect();
    (lang, title, bookmarks)
}

#[test]
fn the_english_pdf_says_it_is_english() {
    let pdf = lopdf::Document::load(handout().join("handout.pdf")).expect("the PDF loads");
    let (lang, title, bookmarks) = pdf_about(&pdf);
    assert_eq!(lang, "en");
    assert_eq!(
        title,
        "China Internet Development Report 2020 · gapdash handout"
    );
    assert_eq!(bookmarks.first().map(String::as_str), Some("1 Overview"));
    assert_eq!(bookmarks.last().map(String::as_str), Some("7 Sources"));
    assert_eq!(bookmarks.len(), VIEWS.len());
    // Without the views of the quotes and the Sources, their pages end the handout.
    let tmp = tempfile::tempdir().expect("temp dir");
    export(tmp.path(), &["--format", "pdf", "--view", "sales"]);
    let pdf = lopdf::Document::load(tmp.path().join("handout.pdf")).expect("the PDF loads");
    let (_, _, bookmarks) = pdf_about(&pdf);
    assert_eq!(bookmarks, ["3 Rural sales", "Sources", "Quotes"]);
}

/// The Chinese PDF's text as pdftotext (poppler-utils) reads it: Chinese, with every quote
/// in its own words and its speaker in Chinese.
#[cfg(unix)]
#[test]
fn a_chinese_handouts_text_is_chinese_as_a_reader_copies_it() {
    let report = gapdash::data::builtin().expect("built-in data");
    let zh = &report.i18n.zh;
    let extracted = pdftotext(&handout_zh().join("handout.pdf"));
    for words in [
        "城镇地区互联网普及率",
        "农村网络零售额",
        "个百分点",
        "来源（续）",
        "本讲义中的每个数据",
        "V：所列来源原文所述",
        "第 1 页，共",
        "原话，以及说话人和出处",
    ] {
        assert!(
            extracted.contains(words),
            "pdftotext finds no {words} in\n{extracted}"
        );
    }
    let flat = extracted.split_whitespace().collect::<Vec<_>>().join(" ");
    for quote in &report.quotes {
        let start: Vec<&str> = quote.text.split_whitespace().take(4).collect();
        assert!(
            flat.contains(&start.join(" ")),
            "quote {start:?} in English"
        );
        assert!(flat.contains(zh.term(&quote.speaker)), "{}", quote.speaker);
    }
}

#[test]
fn a_chinese_handout_is_in_chinese_and_its_quotes_in_their_own_words() {
    let dir = handout_zh();
    let report = gapdash::data::builtin().expect("built-in data");
    let zh = &report.i18n.zh;

    let pdf = lopdf::Document::load(dir.join("handout.pdf")).expect("the PDF loads");
    let (lang, title, bookmarks) = pdf_about(&pdf);
    assert_eq!(lang, "zh-Hans");
    assert_eq!(title, "《中国互联网发展报告2020》 · gapdash 讲义");
    // A bookmark per view: the quotes and the Sources are in their views' places.
    assert_eq!(bookmarks.len(), VIEWS.len(), "{bookmarks:?}");
    assert_eq!(bookmarks[0], format!("1 {}", zh.views.overview));
    assert_eq!(bookmarks[3], format!("4 {}", zh.views.quotes));
    assert_eq!(bookmarks[6], format!("7 {}", zh.views.sources));

    let html = fs::read_to_string(dir.join("index.html")).expect("read");
    assert!(html.contains("<html lang=\"zh-Hans\">"));
    assert!(html.contains("<title>《中国互联网发展报告2020》 · gapdash 讲义</title>"));
    assert!(
        html.contains("<h2>来源 <small>本讲义中的每个数据，共 "),
        "Sources"
    );
    assert!(html.contains("<h2>引语 <small>原话，以及说话人和出处</small></h2>"));
    assert!(html.contains("<th>数据</th><th>数值</th><th>如何得知</th><th>来源</th>"));
    assert!(
        html.contains("2020年11月23日发布"),
        "the release date, the Chinese way"
    );
    for weight in ["normal", "bold"] {
        assert!(
            html.contains(&format!(
                "@font-face{{font-family:'Noto Sans Mono CJK SC';font-weight:{weight};"
            )),
            "the CJK subset, {weight}"
        );
    }
    assert_eq!(
        html.matches("<blockquote lang=\"en\">").count(),
        report.quotes.len()
    );
    for quote in &report.quotes {
        let start: String = quote.text.chars().take(30).collect();
        let start = start
            .replace('&', "&amp;")
            .replace('\'', "&#39;")
            .replace('"', "&quot;");
        assert!(html.contains(&start), "quote {start:?} as said");
    }
    for row in report.source_rows(zh) {
        assert!(
            html.contains(&row.figure.replace('&', "&amp;")),
            "{}",
            row.figure
        );
    }
    // The screens are the Chinese ones.
    let svg = fs::read_to_string(dir.join("01-overview.svg")).expect("read");
    let shown = svg_text(&svg, &fonts());
    assert!(shown.contains("个百分点"), "{shown}");
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
    assert_eq!(
        names,
        [
            ".gapdash-export",
            "03-sales.svg",
            "05-world.svg",
            "index.html",
            "quotes.csv",
            "sales.csv",
            "sources.csv",
            "world-household-ratio.csv",
            "world-households.csv",
            "world-individuals.csv",
        ]
    );
    assert_eq!(listed.lines().count(), 9, "{listed}");
    assert!(listed.lines().all(|l| l.starts_with("wrote ")), "{listed}");
    let svg = fs::read_to_string(tmp.path().join("03-sales.svg")).expect("read");
    assert!(
        svg.contains("fill=\"#121212\""),
        "the dark theme's background"
    );
}

/// Presentation mode's screens as it lays them out (wider margins), without its bar: no
/// view count and no talk timer, as without it no tabs and no hints.
#[test]
fn presentation_mode_exports_without_its_bar() {
    let tmp = tempfile::tempdir().expect("temp dir");
    export(
        tmp.path(),
        &["--format", "svg", "--view", "penetration", "--present"],
    );
    let svg = fs::read_to_string(tmp.path().join("02-penetration.svg")).expect("read");
    let shown = svg_text(&svg, &fonts());
    assert!(shown.contains("76.4"), "{shown}");
    for chrome in ["view 2/7", "00:00", "Shift-Tab", "gapdash"] {
        assert!(!shown.contains(chrome), "{chrome} in {shown}");
    }
    let plain = fs::read_to_string(handout().join("02-penetration.svg")).expect("read");
    assert!(
        cells(&svg).0 < cells(&plain).0,
        "presentation mode's margins"
    );
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
    let named = Path::new("a-file").join("handout");
    assert!(err.contains(&named.display().to_string()), "{err}");

    let refused = tmp.path().join("refused");
    let refused = refused.to_str().expect("UTF-8");
    let out = gapdash(&["export", "--out", refused, "--size", "40x10"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(text(&out.stderr).contains("at least 60x18"));
    let out = gapdash(&["export", "--out", refused, "--format", "gif"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(text(&out.stderr).contains("possible values: pdf, html, svg, png, csv"));
    let out = gapdash(&["export", "--out", refused, "--theme", "nonesuch"]);
    assert_eq!(out.status.code(), Some(1));
    assert!(text(&out.stderr).contains("neither a built-in theme"));
    assert!(
        !Path::new(refused).exists(),
        "nothing written for a refused request"
    );
}

/// The README's pictures, as (folder under assets/readme, the export options that make it).
const README_PICTURES: [(&str, &str, &[&str]); 4] = [
    (
        "dark",
        "01-overview.png",
        &["--lang", "en", "--theme", "dark", "--view", "overview"],
    ),
    (
        "zh",
        "01-overview.png",
        &["--lang", "zh", "--theme", "dark", "--view", "overview"],
    ),
    (
        "light",
        "03-sales.png",
        &["--lang", "en", "--view", "sales"],
    ),
    (
        "present",
        "02-penetration.png",
        &[
            "--lang",
            "en",
            "--theme",
            "dark",
            "--present",
            "--view",
            "penetration",
        ],
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
            "{path} is stale; make it again with\n  gapdash export --force --out assets/readme/{folder} {}",
            all.join(" ")
        );
    }
}
