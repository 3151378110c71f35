//! `gapdash export`: handouts drawn from the same buffers as the screen, so they always
//! match what was shown. Each view is drawn by `ui::Dashboard` into a buffer of the export's
//! size, as `snapshot` draws it; the buffer becomes an SVG ([`svg`]), the SVG a PNG (resvg,
//! with the shipped font) and a page of the PDF (krilla), and the SVGs go inline into one
//! HTML page. The PDF and the page end with every figure's source and the quotes. All of it
//! is in the request's language: the screens (the app draws them in it), the pages' own
//! words (`[handout]` in data/i18n), the data's texts (`[terms]`); only the quotes stay in
//! the words they were said in.
//!
//! This module writes files: it is I/O, like `output`; nothing below it imports it.

mod canvas;
mod color;
pub mod fonts;
mod glyph;
mod html;
mod pages;
mod pdf;
mod raster;
pub mod svg;

use std::fs::{self, File};
use std::io::{self, Write};
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::time::Instant;

use anyhow::{Context, Result};
use clap::ValueEnum;
use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::widgets::Widget;

use gapdash_app::app::{App, Options};
use gapdash_app::notes;
use gapdash_app::view::View;
use gapdash_data::clean::clean;
use gapdash_data::{Lang, Report, Strings};
use gapdash_ui::Dashboard;
use gapdash_ui::theme::Theme;

/// What `export` can write.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum Format {
    /// One handout.pdf: a page per view, then the Sources and the quotes.
    Pdf,
    /// One self-contained index.html.
    Html,
    /// An SVG per view.
    Svg,
    /// A PNG per view.
    Png,
}

impl Format {
    pub const ALL: [Format; 4] = [Format::Pdf, Format::Html, Format::Svg, Format::Png];
}

/// What to export, and where.
#[derive(Debug, Clone)]
pub struct Request {
    pub out: PathBuf,
    pub formats: Vec<Format>,
    /// Width and height in cells.
    pub size: (u16, u16),
    /// The views, in order; every view when empty.
    pub views: Vec<View>,
    pub present: bool,
    pub lang: gapdash_data::Lang,
    /// A page of the speaker's notes after each view in the PDF: the presenter's copy.
    pub notes: bool,
}

/// The name a view's files share: `01-overview`, so a folder lists them in order.
pub fn stem(view: View) -> String {
    format!("{:02}-{}", view.number(), view.name())
}

pub const PDF: &str = "handout.pdf";
pub const HTML: &str = "index.html";

/// The app as `snapshot` builds it, on `view` with the request's options; bars at their
/// full length. Every screen and page of a handout is drawn from an app made here, so an
/// option the dashboard gains (a language) reaches all of them as one more field.
fn app(report: &Report, view: View, request: &Request) -> App {
    let options = Options {
        present: request.present,
        animation: false,
        lang: request.lang,
        ..Options::new(view)
    };
    App::with_options(report.clone(), options, Instant::now())
}

/// The screen of `view`, drawn by the dashboard into a buffer of `size`.
pub fn screen(report: &Report, theme: &Theme, view: View, request: &Request) -> Buffer {
    let (width, height) = request.size;
    let area = Rect::new(0, 0, width, height);
    let mut buffer = Buffer::empty(area);
    let app = app(report, view, request);
    Dashboard::with_theme(&app, theme).render(area, &mut buffer);
    buffer
}

/// A view's notes as its notes pages list them: on the quotes view its own, then each
/// quote's under the quote's number and speaker.
fn view_notes<'a>(
    report: &'a Report,
    view: View,
    words: &Strings,
    lang: Lang,
) -> Vec<(Option<String>, &'a str)> {
    if view != View::Quotes {
        return notes::of(report, view, 0, lang)
            .into_iter()
            .map(|n| (None, n))
            .collect();
    }
    let quotes = &report.notes.quotes;
    let own = match (lang, &quotes.zh) {
        (Lang::Zh, Some(zh)) => zh.as_str(),
        _ => quotes.text.as_str(),
    };
    std::iter::once((None, own))
        .chain(
            quotes
                .quotes
                .iter()
                .zip(&report.quotes)
                .enumerate()
                .map(|(i, (note, quote))| {
                    (
                        Some(
                            words
                                .notes
                                .quote_heading
                                .fill(&[("n", &(i + 1)), ("speaker", &words.term(&quote.speaker))]),
                        ),
                        note.in_lang(lang),
                    )
                }),
        )
        .collect()
}

/// Every file of the export, named and made in memory, in the order they are listed.
pub fn files(report: &Report, theme: &Theme, request: &Request) -> Result<Vec<(String, Vec<u8>)>> {
    let wants = |format| request.formats.contains(&format);
    if request.notes && !wants(Format::Pdf) {
        anyhow::bail!("--notes adds pages to {PDF}; add pdf to --format");
    }
    let views = if request.views.is_empty() {
        View::ALL.to_vec()
    } else {
        request.views.clone()
    };
    let palette = pages::Palette::of(theme);
    let words = report.i18n.get(request.lang);
    let db = Arc::new(fonts::database());
    let mut out = Vec::new();
    let mut inline = Vec::new();
    let mut faces = svg::Faces::default();
    for &view in &views {
        let buffer = screen(report, theme, view, request);
        let title = format!("{} · {}", view.number(), view.title(words));
        let style = svg::Style {
            id: view.name(),
            title: &title,
            ink: palette.ink,
            paper: palette.paper,
            embed: svg::Embed::File,
        };
        let file = svg::render(&buffer, style);
        if wants(Format::Svg) {
            out.push((
                format!("{}.svg", stem(view)),
                file.text.clone().into_bytes(),
            ));
        }
        if wants(Format::Png) {
            let png = raster::png(&file.text, &db)
                .with_context(|| format!("drawing {}.png", stem(view)))?;
            out.push((format!("{}.png", stem(view)), png));
        }
        if wants(Format::Pdf) || wants(Format::Html) {
            let embedded = svg::render(
                &buffer,
                svg::Style {
                    embed: svg::Embed::Inline,
                    ..style
                },
            );
            faces.add(embedded.faces);
            inline.push((view, embedded.text));
        }
    }
    let (width, height) = request.size;
    let size = (
        u32::from(width) * svg::CELL_W,
        u32::from(height) * svg::CELL_H,
    );
    // Every figure and quote, whichever views were asked for.
    let all = app(report, View::Sources, request);
    let (rows, quotes) = (all.sources(), &all.report().quotes);
    let headline = &report.headline;
    let handout = &words.handout;
    let report_title = words.term(&headline.title);
    if wants(Format::Pdf) {
        let mut bodies = Vec::new();
        let mut bookmarks = Vec::new();
        for (view, screen) in &inline {
            bookmarks.push((
                format!("{} {}", view.number(), view.title(words)),
                bodies.len(),
            ));
            let body = pages::view(
                view.number(),
                View::ALL.len(),
                view.title(words),
                screen,
                size,
                &palette,
            );
            bodies.push(body);
            if request.notes {
                bodies.extend(pages::notes(
                    (view.number(), View::ALL.len()),
                    view.title(words),
                    &view_notes(report, *view, words, request.lang),
                    words,
                    &palette,
                ));
            }
        }
        bookmarks.push((handout.sources.clone(), bodies.len()));
        bodies.extend(pages::sources(rows, words, &palette));
        bookmarks.push((handout.quotes.clone(), bodies.len()));
        bodies.extend(pages::quotes(quotes, words, &palette));
        let footer = handout.footer.fill(&[("title", &report_title)]);
        let total = bodies.len();
        let full: Vec<String> = bodies
            .iter()
            .enumerate()
            .map(|(i, body)| pages::page(body, (i + 1, total), &footer, words, &palette))
            .collect();
        let about = pdf::About {
            title: handout.title.fill(&[("title", &report_title)]),
            lang: request.lang,
        };
        let pdf = pdf::document(&full, &bookmarks, &about, &db)
            .with_context(|| format!("making {PDF}"))?;
        out.push((PDF.to_string(), pdf));
    }
    if wants(Format::Html) {
        let figures: Vec<html::Figure> = inline
            .iter()
            .map(|(view, svg)| html::Figure {
                id: view.name(),
                caption: format!(
                    "{}/{} {}",
                    view.number(),
                    View::ALL.len(),
                    view.title(words)
                ),
                svg,
            })
            .collect();
        let contents = html::Contents {
            headline,
            figures: &figures,
            faces,
            rows,
            quotes,
            words,
            lang: request.lang,
        };
        let page = html::page(&contents, &palette);
        out.push((HTML.to_string(), page.into_bytes()));
    }
    Ok(out)
}

/// Makes every file and writes them into the request's folder. Returns their paths.
pub fn run(report: &Report, theme: &Theme, request: &Request) -> Result<Vec<PathBuf>> {
    let files = files(report, theme, request)?;
    write_all(&request.out, &files, write_file)
}

/// Writes and flushes one file to the disk, so a full disk shows here and not later.
fn write_file(path: &Path, bytes: &[u8]) -> io::Result<()> {
    let mut file = File::create(path)?;
    file.write_all(bytes)?;
    file.sync_all()
}

/// Writes `files` into `dir` (made if missing): each under a temporary name first, then all
/// renamed into place, so a failure (a full disk) leaves no half-written handout behind and
/// the files of an earlier export as they were.
fn write_all(
    dir: &Path,
    files: &[(String, Vec<u8>)],
    write: impl Fn(&Path, &[u8]) -> io::Result<()>,
) -> Result<Vec<PathBuf>> {
    let shown = |p: &Path| clean(&p.display().to_string()).into_owned();
    fs::create_dir_all(dir).with_context(|| format!("creating the folder {}", shown(dir)))?;
    let staged: Vec<(PathBuf, PathBuf)> = files
        .iter()
        .map(|(name, _)| {
            let temporary = dir.join(format!(".{name}.gapdash-{}", std::process::id()));
            (temporary, dir.join(name))
        })
        .collect();
    let result = (|| -> Result<()> {
        for ((temporary, path), (_, bytes)) in staged.iter().zip(files) {
            write(temporary, bytes).with_context(|| format!("writing {}", shown(path)))?;
        }
        for (temporary, path) in &staged {
            fs::rename(temporary, path).with_context(|| format!("writing {}", shown(path)))?;
        }
        Ok(())
    })();
    if result.is_err() {
        for (temporary, _) in &staged {
            let _ = fs::remove_file(temporary);
        }
    }
    result.map(|()| staged.into_iter().map(|(_, path)| path).collect())
}

#[cfg(test)]
mod tests {
    use super::*;
    use gapdash_data::builtin;
    use gapdash_ui::theme::ColorDepth;

    fn request(formats: &[Format], views: &[View]) -> Request {
        Request {
            out: PathBuf::from("unused"),
            formats: formats.to_vec(),
            size: (100, 30),
            views: views.to_vec(),
            present: false,
            lang: gapdash_data::Lang::En,
            notes: false,
        }
    }

    fn light() -> Theme {
        Theme::builtin("light", ColorDepth::TrueColor).expect("the light theme")
    }

    /// The characters of `svg`'s text that no shipped face has a glyph for, as the export's
    /// own font resolution draws them.
    fn missing_glyphs(svg: &str, db: &Arc<resvg::usvg::fontdb::Database>) -> Vec<String> {
        fonts::missing_glyphs(svg, &fonts::options(Arc::clone(db)))
            .expect("the SVG parses")
            .into_iter()
            .collect()
    }

    /// Both languages, every view, the smallest screen and two larger ones (big text comes
    /// in), with and without presentation mode: whatever a handout can show has a glyph, so
    /// assets/fonts/subset.py is run again when the words gain a character.
    #[test]
    fn every_character_on_every_screen_has_a_glyph_in_the_shipped_fonts() {
        let report = builtin().expect("built-in data");
        let theme = light();
        let db = Arc::new(fonts::database());
        let mut missing = Vec::new();
        for lang in gapdash_data::Lang::ALL {
            for size in [(60, 18), (100, 30), (160, 48)] {
                for present in [false, true] {
                    let request = Request {
                        size,
                        present,
                        lang,
                        ..request(&[Format::Svg], &[])
                    };
                    for view in View::ALL {
                        let buffer = screen(&report, &theme, view, &request);
                        let style = svg::Style {
                            id: view.name(),
                            title: "t",
                            ink: color::INK,
                            paper: color::PAPER,
                            embed: svg::Embed::File,
                        };
                        let svg = svg::render(&buffer, style).text;
                        assert!(svg.contains("<text"), "{view:?} has text");
                        for c in missing_glyphs(&svg, &db) {
                            missing.push(format!("{c} ({lang:?} {view:?} {size:?} {present})"));
                        }
                    }
                }
            }
        }
        assert!(missing.is_empty(), "no glyph for {missing:?}");
        // The check can fail: Korean is in neither font.
        let mut buffer = Buffer::empty(Rect::new(0, 0, 10, 1));
        buffer.set_string(0, 0, "a 한국", ratatui::style::Style::new());
        let style = svg::Style {
            id: "t",
            title: "t",
            ink: color::INK,
            paper: color::PAPER,
            embed: svg::Embed::File,
        };
        assert_eq!(
            missing_glyphs(&svg::render(&buffer, style).text, &db),
            ["국", "한"]
        );
    }

    #[test]
    fn files_are_named_in_view_order() {
        let names: Vec<String> = files(
            &builtin().expect("built-in data"),
            &light(),
            &request(&[Format::Svg, Format::Html], &[View::Overview, View::Sales]),
        )
        .expect("exported")
        .into_iter()
        .map(|(name, _)| name)
        .collect();
        assert_eq!(names, ["01-overview.svg", "03-sales.svg", "index.html"]);
    }

    #[test]
    fn a_failed_write_leaves_nothing_behind() {
        let tmp = tempfile::tempdir().expect("temp dir");
        let dir = tmp.path().join("handout");
        fs::create_dir(&dir).expect("mkdir");
        fs::write(dir.join("index.html"), "earlier").expect("write");
        let files: Vec<(String, Vec<u8>)> = ["a.svg", "b.svg", "index.html"]
            .iter()
            .map(|n| (n.to_string(), b"new".to_vec()))
            .collect();
        let n = std::cell::Cell::new(0);
        let full_disk = |path: &Path, bytes: &[u8]| {
            n.set(n.get() + 1);
            if n.get() == 3 {
                return Err(io::Error::from(io::ErrorKind::StorageFull));
            }
            fs::write(path, bytes)
        };
        let e = write_all(&dir, &files, full_disk).expect_err("the disk is full");
        let message = gapdash_term::output::plain(&format!("{e:#}"));
        let named = Path::new("handout").join("index.html");
        let full = io::Error::from(io::ErrorKind::StorageFull);
        assert!(
            message.ends_with(&format!("{}: {full}", named.display())),
            "{message}"
        );
        let mut left: Vec<String> = fs::read_dir(&dir)
            .expect("list")
            .map(|e| e.expect("entry").file_name().to_string_lossy().into_owned())
            .collect();
        left.sort();
        assert_eq!(left, ["index.html"]);
        assert_eq!(
            fs::read_to_string(dir.join("index.html")).expect("read"),
            "earlier"
        );
    }
}
