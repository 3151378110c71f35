//! `gapdash export`: handouts drawn by the same views as the screen, for a reader. Each
//! view is drawn by `ui::for_reader` (no tab bar, hints, selection or scroll position, as
//! large as its whole text needs); the buffer becomes an SVG ([`svg`]), the SVG a PNG
//! (resvg, with the shipped font), pages of the PDF (krilla) and a figure of one HTML page
//! with its data as tables of text ([`tables`]), which are also written as CSV. The quotes
//! and the Sources are text on the PDF's pages and the HTML page, in their views' places or
//! at the end. All of it is in the request's language: the screens (the app draws them in
//! it), the pages' own words (`[handout]` in data/i18n), the data's texts (`[terms]`); only
//! the quotes stay in the words they were said in, and the CSV files name their columns as
//! the data files name their fields.
//!
//! This module writes files: it is I/O, like `output`; nothing below it imports it.

mod canvas;
mod color;
mod folder;
pub mod fonts;
mod glyph;
mod html;
mod pages;
mod pdf;
mod raster;
pub mod svg;
pub mod tables;

use std::collections::BTreeMap;
use std::path::PathBuf;
use std::time::Instant;

use anyhow::{Context, Result};
use clap::ValueEnum;
use ratatui::buffer::Buffer;
use ratatui::layout::Rect;

use gapdash_app::app::{App, Options};
use gapdash_app::notes;
use gapdash_app::view::View;
use gapdash_data::{Lang, Report, SourceRow, Strings};
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
    /// The data of the views as CSV, a file per table (written with html too, which links
    /// them).
    Csv,
}

impl Format {
    pub const ALL: [Format; 5] = [
        Format::Pdf,
        Format::Html,
        Format::Svg,
        Format::Png,
        Format::Csv,
    ];
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
    /// Replace files in the folder that no earlier export wrote.
    pub force: bool,
}

/// The largest screen a handout draws, in cells: a 4K screen (3840×2160) in a 9×14-pixel
/// font. One view at this size takes about a second and 150 MB; 1000x1000 took 17 s and
/// 2.3 GB, almost all of it the PNG.
pub const MAX_SIZE: (u16, u16) = (400, 150);

/// An export made in memory: its files, named, in the order they are listed, and each
/// character no font could draw with the files (and pages) it is in.
#[derive(Debug)]
pub struct Handout {
    pub files: Vec<(String, Vec<u8>)>,
    pub missing: BTreeMap<String, Vec<String>>,
}

/// A finished export: the files written, and what to warn about.
#[derive(Debug)]
pub struct Done {
    pub written: Vec<PathBuf>,
    pub warnings: Vec<String>,
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

/// `view` as a handout shows it: drawn by the dashboard for a reader, as wide as a screen
/// of the request's size gives it and as tall as its whole text needs, without the tab
/// bar, the key hints, a selection or a scroll position.
pub fn screen(report: &Report, theme: &Theme, view: View, request: &Request) -> Buffer {
    let app = app(report, view, request);
    gapdash_ui::for_reader(&app, theme, request.size)
}

/// `buffer` cut into parts of at most `rows` rows for pages, each cut just after a blank
/// row where one is in the part's lower half (between two quotes, two rows of a table),
/// else at `rows`. A buffer up to half as tall again as `rows` stays whole: its page draws
/// it smaller rather than split a chart.
fn parts(buffer: &Buffer, rows: u16) -> Vec<Buffer> {
    let area = buffer.area;
    let rows = rows.max(1);
    if u32::from(area.height) * 2 <= u32::from(rows) * 3 {
        return vec![buffer.clone()];
    }
    let blank =
        |y: u16| (area.left()..area.right()).all(|x| buffer[(x, y)].symbol().trim().is_empty());
    let mut out = Vec::new();
    let mut top = area.top();
    while top < area.bottom() {
        let most = (top + rows).min(area.bottom());
        let end = if most == area.bottom() {
            most
        } else {
            (top + rows / 2..most)
                .rev()
                .find(|&y| blank(y))
                .map_or(most, |y| y + 1)
        };
        let mut part = Buffer::empty(Rect::new(0, 0, area.width, end - top));
        for y in top..end {
            for x in area.left()..area.right() {
                part[(x - area.left(), y - top)] = buffer[(x, y)].clone();
            }
        }
        out.push(part);
        top = end;
    }
    out
}

/// A view's notes as its notes pages list them: on the quotes view its own, then each
/// quote's under the quote's number and speaker; each with the figures it states that the
/// data no longer holds (marked stale on the page, as in the notes panel).
fn view_notes<'a>(
    report: &'a Report,
    view: View,
    words: &Strings,
    lang: Lang,
) -> Vec<(Option<String>, &'a str, &'a [String])> {
    if report.notes.is_none() {
        // A data folder without notes.toml: its notes pages say there are none.
        return vec![(None, report.i18n.get(lang).notes.none.as_str(), &[])];
    }
    notes::every(report, view, lang)
        .into_iter()
        .filter_map(|(quote, said)| {
            let label = match quote {
                None => None,
                Some(i) => Some(words.notes.quote_heading.fill(&[
                    ("n", &(i + 1)),
                    ("speaker", &words.term(&report.quotes.get(i)?.speaker)),
                ])),
            };
            Some((label, said.text, said.stale))
        })
        .collect()
}

/// The views a request draws, once it is found sound: nothing is made for a request that
/// would fail part-way.
fn views(request: &Request) -> Result<Vec<View>> {
    if request.notes && !request.formats.contains(&Format::Pdf) {
        anyhow::bail!("--notes adds pages to {PDF}; add pdf to --format");
    }
    let (width, height) = request.size;
    let (most_w, most_h) = MAX_SIZE;
    if width > most_w || height > most_h {
        anyhow::bail!(
            "--size {width}x{height} is larger than a handout draws: at most \
             {most_w}x{most_h} (a 4K screen in a small font)"
        );
    }
    if request.formats.is_empty() {
        anyhow::bail!("--format names no format; give pdf, html, svg or png");
    }
    let mut seen = Vec::new();
    for view in &request.views {
        if seen.contains(view) {
            anyhow::bail!(
                "--view names {} twice; each view is drawn once",
                view.name()
            );
        }
        seen.push(*view);
    }
    Ok(if seen.is_empty() {
        View::ALL.to_vec()
    } else {
        seen
    })
}

/// The names of the files a request writes, in the order [`files`] makes them.
fn names(request: &Request, views: &[View]) -> Vec<String> {
    let wants = |format| request.formats.contains(&format);
    let mut out = Vec::new();
    for &view in views {
        if wants(Format::Svg) {
            out.push(format!("{}.svg", stem(view)));
        }
        if wants(Format::Png) {
            out.push(format!("{}.png", stem(view)));
        }
    }
    if wants(Format::Pdf) {
        out.push(PDF.to_string());
    }
    if wants(Format::Html) {
        out.push(HTML.to_string());
    }
    if wants(Format::Html) || wants(Format::Csv) {
        out.extend(csv_names(views));
    }
    out
}

/// The views whose figures the page shows as tables of their own: the Sources and the
/// quotes have sections of their own, which every page ends with.
fn tabled(views: &[View]) -> impl Iterator<Item = View> + '_ {
    views
        .iter()
        .copied()
        .filter(|v| !matches!(v, View::Quotes | View::Sources))
}

/// The CSV files of a request's views: a file per table of each view, then the Sources'
/// and the quotes', which every export with data ends with.
fn csv_tables(
    report: &Report,
    views: &[View],
    rows: &[SourceRow],
    words: &Strings,
) -> Vec<tables::Table> {
    tabled(views)
        .chain([View::Sources, View::Quotes])
        .flat_map(|view| tables::of(report, view, rows, words))
        .collect()
}

/// The names of the CSV files, as [`csv_tables`] makes them.
fn csv_names(views: &[View]) -> Vec<String> {
    tabled(views)
        .chain([View::Sources, View::Quotes])
        .flat_map(tables::names)
        .map(|name| format!("{name}.csv"))
        .collect()
}

/// Records that the characters of `chars` are drawn as boxes in `place`.
fn note_missing(
    missing: &mut BTreeMap<String, Vec<String>>,
    chars: impl IntoIterator<Item = String>,
    place: &str,
) {
    for c in chars {
        let places = missing.entry(c).or_default();
        if !places.iter().any(|p| p == place) {
            places.push(place.to_string());
        }
    }
}

/// Every file of the export, made in memory.
pub fn files(report: &Report, theme: &Theme, request: &Request) -> Result<Handout> {
    let views = views(request)?;
    let wants = |format| request.formats.contains(&format);
    let palette = pages::Palette::of(theme);
    let words = report.i18n.get(request.lang);
    let fonts = fonts::Fonts::default();
    let mut out = Vec::new();
    let mut missing = BTreeMap::new();
    let mut inline = Vec::new();
    let mut screens = Vec::new();
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
        let (tree, lacking) = fonts
            .parse(&file.text)
            .with_context(|| format!("drawing {}.svg", stem(view)))?;
        if wants(Format::Svg) {
            note_missing(
                &mut missing,
                lacking.clone(),
                &format!("{}.svg", stem(view)),
            );
            out.push((
                format!("{}.svg", stem(view)),
                file.text.clone().into_bytes(),
            ));
        }
        if wants(Format::Png) {
            note_missing(
                &mut missing,
                lacking.clone(),
                &format!("{}.png", stem(view)),
            );
            let png = raster::png(&tree).with_context(|| format!("drawing {}.png", stem(view)))?;
            out.push((format!("{}.png", stem(view)), png));
        }
        if wants(Format::Html) {
            note_missing(&mut missing, lacking, HTML);
        }
        if wants(Format::Html) {
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
        if wants(Format::Pdf) {
            screens.push((view, buffer));
        }
    }
    // Every figure and quote, whichever views were asked for.
    let all = app(report, View::Sources, request);
    let (rows, quotes) = (all.sources(), &all.report().quotes);
    let headline = &report.headline;
    let handout = &words.handout;
    let report_title = words.term(&headline.title);
    let footer = handout.footer.fill(&[("title", &report_title)]);
    let frame = pages::Frame::new(&footer, words);
    if wants(Format::Pdf) {
        let mut bodies = Vec::new();
        let mut bookmarks = Vec::new();
        for (view, buffer) in &screens {
            bookmarks.push((
                format!("{} {}", view.number(), view.title(words)),
                bodies.len(),
            ));
            let name = (view.number(), View::ALL.len(), view.title(words));
            let most = pages::view_rows(buffer.area.width, name, &frame, &palette);
            // The Sources and the quotes in the view's place as pages of text, set for
            // paper, rather than a picture of a table: and only once.
            let parts = match view {
                View::Sources => {
                    bodies.extend(pages::sources(rows, words, &frame, &palette));
                    Vec::new()
                }
                View::Quotes => {
                    bodies.extend(pages::quotes(quotes, words, &frame, &palette));
                    Vec::new()
                }
                _ => parts(buffer, most),
            };
            for (i, part) in parts.iter().enumerate() {
                let style = svg::Style {
                    id: view.name(),
                    title: view.title(words),
                    ink: palette.ink,
                    paper: palette.paper,
                    embed: svg::Embed::Inline,
                };
                let size = (
                    u32::from(part.area.width) * svg::CELL_W,
                    u32::from(part.area.height) * svg::CELL_H,
                );
                let part_of = (parts.len() > 1).then_some((i + 1, parts.len()));
                let screen = svg::render(part, style).text;
                bodies.push(pages::view(
                    name, part_of, &screen, size, &frame, &palette, words,
                ));
            }
            if request.notes {
                bodies.extend(pages::notes(
                    (view.number(), View::ALL.len()),
                    view.title(words),
                    &view_notes(report, *view, words, request.lang),
                    words,
                    &frame,
                    &palette,
                ));
            }
        }
        // Every figure's source and the quotes end a handout whose views leave them out.
        if !views.contains(&View::Sources) {
            bookmarks.push((handout.sources.clone(), bodies.len()));
            bodies.extend(pages::sources(rows, words, &frame, &palette));
        }
        if !views.contains(&View::Quotes) {
            bookmarks.push((handout.quotes.clone(), bodies.len()));
            bodies.extend(pages::quotes(quotes, words, &frame, &palette));
        }
        let total = bodies.len();
        let full: Vec<String> = bodies
            .iter()
            .enumerate()
            .map(|(i, body)| pages::page(body, (i + 1, total), &frame, words, &palette))
            .collect();
        let about = pdf::About {
            title: handout.title.fill(&[("title", &report_title)]),
            lang: request.lang,
        };
        let (pdf, lacking) = pdf::document(&full, &bookmarks, &about, &fonts)
            .with_context(|| format!("making {PDF}"))?;
        for (i, chars) in lacking.into_iter().enumerate() {
            note_missing(&mut missing, chars, &format!("{PDF} page {}", i + 1));
        }
        out.push((PDF.to_string(), pdf));
    }
    if wants(Format::Html) {
        if !wants(Format::Pdf) {
            // The page's own text is the Sources' and the quotes': looked at as the PDF's
            // pages draw it.
            let own = pages::sources(rows, words, &frame, &palette)
                .into_iter()
                .chain(pages::quotes(quotes, words, &frame, &palette));
            for body in own {
                let page = pages::page(&body, (1, 1), &frame, words, &palette);
                let (_, lacking) = fonts
                    .parse(&page)
                    .with_context(|| format!("making {HTML}"))?;
                note_missing(&mut missing, lacking, HTML);
            }
        }
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
                body: match view {
                    View::Sources => html::Body::Sources,
                    View::Quotes => html::Body::Quotes,
                    _ => html::Body::Screen {
                        svg,
                        tables: tables::of(report, *view, rows, words),
                    },
                },
            })
            .collect();
        let file = |view| format!("{}.csv", tables::names(view)[0]);
        let contents = html::Contents {
            headline,
            figures: &figures,
            faces,
            rows,
            sources_csv: file(View::Sources),
            quotes_csv: file(View::Quotes),
            quotes,
            words,
            lang: request.lang,
        };
        let page = html::page(&contents, &palette);
        out.push((HTML.to_string(), page.into_bytes()));
    }
    if wants(Format::Html) || wants(Format::Csv) {
        for table in csv_tables(report, &views, rows, words) {
            out.push((table.file(), table.csv().into_bytes()));
        }
    }
    debug_assert_eq!(
        out.iter()
            .map(|(name, _)| name.as_str())
            .collect::<Vec<_>>(),
        names(request, &views)
    );
    Ok(Handout {
        files: out,
        missing,
    })
}

/// The warning for characters no font draws: each with its code point and where it is,
/// the first few of each.
fn missing_warning(missing: &BTreeMap<String, Vec<String>>) -> Option<String> {
    const CHARS: usize = 12;
    const PLACES: usize = 4;
    if missing.is_empty() {
        return None;
    }
    let listed: Vec<String> = missing
        .iter()
        .take(CHARS)
        .map(|(c, places)| {
            let points: Vec<String> = c
                .chars()
                .map(|c| format!("U+{:04X}", u32::from(c)))
                .collect();
            let mut at = places[..places.len().min(PLACES)].join(", ");
            if places.len() > PLACES {
                at.push_str(&format!(" and {} more", places.len() - PLACES));
            }
            format!("{c} ({}) in {at}", points.join(" "))
        })
        .collect();
    let more = match missing.len().saturating_sub(CHARS) {
        0 => String::new(),
        n => format!("; and {n} more"),
    };
    let n = missing.len();
    Some(format!(
        "warning: no font here draws {n} character{}, drawn as �: {}{more}",
        if n == 1 { "" } else { "s" },
        listed.join("; ")
    ))
}

/// Checks the request and the folder, makes every file, then writes them all into the
/// request's folder. Returns their paths and any warning.
pub fn run(report: &Report, theme: &Theme, request: &Request) -> Result<Done> {
    let views = views(request)?;
    let names = names(request, &views);
    let names: Vec<&str> = names.iter().map(String::as_str).collect();
    // Before the work of drawing: a folder that would be refused is refused now.
    folder::check(&request.out, &names, request.force)?;
    let handout = files(report, theme, request)?;
    let written = folder::write_all(&request.out, &handout.files, request.force, folder::sync)?;
    Ok(Done {
        written,
        warnings: missing_warning(&handout.missing).into_iter().collect(),
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use gapdash_data::builtin;
    use gapdash_ui::theme::ColorDepth;
    use std::sync::Arc;

    fn request(formats: &[Format], views: &[View]) -> Request {
        Request {
            out: PathBuf::from("unused"),
            formats: formats.to_vec(),
            size: (100, 30),
            views: views.to_vec(),
            present: false,
            lang: gapdash_data::Lang::En,
            notes: false,
            force: false,
        }
    }

    fn light() -> Theme {
        Theme::builtin("light", ColorDepth::TrueColor).expect("the light theme")
    }

    /// A notes page's text, line by line, each with its colour.
    fn page_lines(page: &str) -> Vec<(String, String)> {
        page.lines()
            .filter(|l| l.starts_with("<text "))
            .map(|l| {
                let fill = l.split(" fill=\"").nth(1).expect("a fill");
                let fill = fill[..fill.find('"').expect("its end")].to_string();
                let from = l.find('>').expect("the tag's end") + 1;
                let to = l.rfind("</text>").expect("the element's end");
                (l[from..to].to_string(), fill)
            })
            .collect()
    }

    #[test]
    fn a_stale_note_is_marked_on_its_notes_page_in_the_notes_panels_words() {
        let report = gapdash_data::load::builtin_with_stale_note();
        let palette = pages::Palette::of(&light());
        assert_ne!(
            palette.warning, palette.ink,
            "the light theme's warning has a colour"
        );
        for lang in gapdash_data::Lang::ALL {
            let words = report.i18n.get(lang);
            let noted = view_notes(&report, View::Penetration, words, lang);
            assert_eq!(noted.len(), 1, "{lang:?}");
            assert_eq!(noted[0].2, ["36.2"], "{lang:?}");
            let frame = pages::Frame::new("gapdash", words);
            let body = pages::notes((2, 7), "P", &noted, words, &frame, &palette).concat();
            let lines = page_lines(&body);
            // The panel's words, whole, in the warning colour, before the note itself.
            let said = words.notes.stale.fill(&[("figures", &"36.2")]);
            let warned: Vec<&(String, String)> = lines
                .iter()
                .filter(|(_, fill)| *fill == palette.warning.to_string())
                .collect();
            let joined: String = warned
                .iter()
                .map(|(t, _)| t.as_str())
                .collect::<Vec<_>>()
                .join(" ");
            assert_eq!(
                joined.replace(' ', ""),
                crate::svg::escape(&said).replace(' ', ""),
                "{lang:?}"
            );
            let note = crate::svg::escape(noted[0].1);
            let first_of_note = lines
                .iter()
                .position(|(t, _)| note.starts_with(t.trim_end()) && !t.trim().is_empty())
                .expect("the note's first line");
            let last_warned = lines
                .iter()
                .rposition(|(_, fill)| *fill == palette.warning.to_string())
                .expect("the warning");
            assert!(last_warned < first_of_note, "{lang:?}: {lines:?}");
        }
        // Up-to-date notes, on every view and quote, are not marked.
        let report = builtin().expect("built-in data");
        for view in View::ALL {
            let words = report.i18n.get(gapdash_data::Lang::En);
            let noted = view_notes(&report, view, words, gapdash_data::Lang::En);
            assert!(!noted.is_empty() && noted.iter().all(|(_, _, stale)| stale.is_empty()));
            let frame = pages::Frame::new("gapdash", words);
            let body = pages::notes((1, 7), "V", &noted, words, &frame, &palette).concat();
            assert!(!body.contains("Stale:"), "{view:?}");
        }
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
        let db = Arc::new(fonts::shipped());
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

    /// Every view in both languages, at the smallest screen and the default, plain and
    /// presenting: what only a keyboard needs is gone, and nothing is cut.
    #[test]
    fn screens_for_a_reader_have_no_keyboard_chrome_and_nothing_cut() {
        let report = builtin().expect("built-in data");
        let theme = light();
        let mut cut = Vec::new();
        for lang in gapdash_data::Lang::ALL {
            let words = report.i18n.get(lang);
            let hints = [
                words.quotes.more.as_str(),
                words.sources.keys.as_str(),
                "Shift-Tab",
                "q quit",
            ];
            for size in [(80, 24), (100, 30), (160, 48)] {
                for present in [false, true] {
                    let request = Request {
                        size,
                        present,
                        lang,
                        ..request(&[Format::Svg], &[])
                    };
                    for view in View::ALL {
                        let buffer = screen(&report, &theme, view, &request);
                        let text = gapdash_ui::snapshot::buffer_text(&buffer);
                        let at = format!("{lang:?} {size:?} present {present} {view:?}:\n{text}");
                        if text.contains('…') {
                            cut.push(at.clone());
                            continue;
                        }
                        for hint in hints {
                            assert!(!text.contains(hint), "{hint:?} in {at}");
                        }
                        // No tab bar: the other views' names are not listed.
                        let others = View::ALL
                            .iter()
                            .filter(|v| **v != view)
                            .filter(|v| {
                                text.contains(&format!("{} {}", v.number(), v.title(words)))
                            })
                            .count();
                        assert_eq!(others, 0, "a tab bar in {at}");
                        // As wide as the screen gives the view, or wider where a
                        // line is cut at any height.
                        let inner = gapdash_app::layout::view_area(
                            Rect::new(0, 0, size.0, size.1),
                            present,
                        )
                        .width;
                        let width = buffer.area.width - 4;
                        assert!(inner <= width && width <= (2 * inner).max(160), "{at}");
                    }
                }
            }
        }
        assert!(cut.is_empty(), "cut in {}", cut.join("\n\n"));
    }

    /// A screen taller than a page goes on over the next pages, each cut after a blank row
    /// where one is in its lower half, and no row is lost; one a little taller stays whole.
    #[test]
    fn a_tall_screen_is_cut_for_pages_at_blank_rows_and_loses_no_row() {
        let mut buffer = Buffer::empty(Rect::new(0, 0, 10, 50));
        for y in 0..50 {
            // Every fourth row blank, the others numbered.
            if y % 4 != 3 {
                buffer.set_string(0, y, format!("row {y}"), ratatui::style::Style::new());
            }
        }
        let pieces = parts(&buffer, 10);
        let heights: Vec<u16> = pieces.iter().map(|p| p.area.height).collect();
        assert_eq!(heights.iter().sum::<u16>(), 50);
        assert!(heights.iter().all(|h| *h <= 10), "{heights:?}");
        let text: String = pieces
            .iter()
            .map(gapdash_ui::snapshot::buffer_text)
            .collect();
        for y in (0..50).filter(|y| y % 4 != 3) {
            let row = format!("row {y}");
            assert!(
                text.lines().filter(|l| l.trim_end() == row).count() == 1,
                "{row} once in {text}"
            );
        }
        for piece in &pieces[..pieces.len() - 1] {
            let last = piece.area.height - 1;
            assert!(
                piece[(0, last)].symbol().trim().is_empty(),
                "cut at a blank row"
            );
        }
        // Up to half as tall again as a page: whole, drawn smaller.
        assert_eq!(parts(&buffer, 34).len(), 1);
        assert_eq!(parts(&buffer, 33).len(), 2);
    }

    #[test]
    fn files_are_named_in_view_order() {
        let names: Vec<String> = files(
            &builtin().expect("built-in data"),
            &light(),
            &request(&[Format::Svg, Format::Html], &[View::Overview, View::Sales]),
        )
        .expect("exported")
        .files
        .into_iter()
        .map(|(name, _)| name)
        .collect();
        assert_eq!(
            names,
            [
                "01-overview.svg",
                "03-sales.svg",
                "index.html",
                "overview.csv",
                "sales.csv",
                "sources.csv",
                "quotes.csv"
            ]
        );
    }

    #[test]
    fn a_request_that_would_fail_part_way_is_refused_before_anything_is_made() {
        let report = builtin().expect("built-in data");
        let tmp = tempfile::tempdir().expect("temp dir");
        let out = tmp.path().join("handout");
        let refused = |request: Request| -> String {
            let request = Request {
                out: out.clone(),
                ..request
            };
            let e = run(&report, &light(), &request).expect_err("refused");
            assert!(!out.exists(), "nothing made for {request:?}");
            format!("{e:#}")
        };
        let twice = request(&Format::ALL, &[View::Sales, View::Overview, View::Overview]);
        assert_eq!(
            refused(twice),
            "--view names overview twice; each view is drawn once"
        );
        let huge = Request {
            size: (1000, 1000),
            ..request(&[Format::Png], &[View::Overview])
        };
        assert_eq!(
            refused(huge),
            "--size 1000x1000 is larger than a handout draws: at most 400x150 (a 4K screen in \
             a small font)"
        );
        let tall = Request {
            size: (100, 151),
            ..request(&[Format::Svg], &[])
        };
        assert!(refused(tall).contains("at most 400x150"));
        let notes = Request {
            notes: true,
            ..request(&[Format::Html], &[])
        };
        assert!(refused(notes).contains("add pdf to --format"));
        // The largest allowed is drawn.
        let largest = Request {
            size: MAX_SIZE,
            ..request(&[Format::Svg], &[View::Quotes])
        };
        assert_eq!(
            files(&report, &light(), &largest)
                .expect("drawn")
                .files
                .len(),
            1
        );
    }

    /// Text a data file should never hold, put straight into the report so that only the
    /// export's own escaping stands between it and the files.
    fn hostile() -> Report {
        let mut report = builtin().expect("built-in data");
        let nasty = "\u{fffe}\u{ffff}\u{1b}\u{7}\u{fdd0}\u{1fffe} ]]> <b>&amp; \"'";
        report.quotes[0].text = format!("{nasty} {}", report.quotes[0].text);
        report.quotes[0].speaker = format!("{nasty} speaker");
        report.quotes[0].source = format!("{nasty} source");
        report.headline.title = format!("{nasty} {}", report.headline.title);
        report
    }

    #[test]
    fn every_svg_an_export_writes_is_xml_whatever_the_text_holds() {
        let report = hostile();
        let request = Request {
            notes: true,
            ..request(&Format::ALL, &[View::Overview, View::Quotes])
        };
        let handout = files(&report, &light(), &request).expect("exported");
        let mut svgs = 0;
        for (name, bytes) in &handout.files {
            let text = String::from_utf8_lossy(bytes);
            if name.ends_with(".svg") {
                roxmltree::Document::parse(&text).unwrap_or_else(|e| panic!("{name}: {e}"));
                svgs += 1;
            }
            if name == HTML {
                // Each screen inline in the page is XML as well.
                for part in text.split("<svg").skip(1) {
                    let end = part.find("</svg>").expect("the SVG's end");
                    let svg = format!("<svg{}</svg>", &part[..end]);
                    roxmltree::Document::parse(&svg).unwrap_or_else(|e| panic!("inline: {e}"));
                    svgs += 1;
                }
                assert!(!text.contains('\u{fffe}') && !text.contains('\u{1b}'));
            }
            if name.ends_with(".csv") {
                // Control characters shown as symbols, as in every other output.
                assert!(
                    !text.contains('\u{1b}') && !text.contains('\u{7}'),
                    "{name}"
                );
            }
        }
        // Two files, and the overview inline: the quotes are text on the page.
        assert_eq!(svgs, 3);
        let made: Vec<&str> = handout.files.iter().map(|(n, _)| n.as_str()).collect();
        assert_eq!(
            made,
            [
                "01-overview.svg",
                "01-overview.png",
                "04-quotes.svg",
                "04-quotes.png",
                PDF,
                HTML,
                "overview.csv",
                "sources.csv",
                "quotes.csv"
            ]
        );
        let quotes = handout
            .files
            .iter()
            .find(|(n, _)| n == "quotes.csv")
            .map(|(_, b)| String::from_utf8_lossy(b).into_owned())
            .expect("quotes.csv");
        assert!(quotes.contains("␛␇"), "{quotes}");
    }

    #[test]
    fn characters_no_font_draws_are_named_with_the_pages_they_are_on() {
        let mut report = builtin().expect("built-in data");
        // U+0378 is no character at all, so no font has it.
        report.quotes[1].text = format!("\u{378} {}", report.quotes[1].text);
        let handout =
            files(&report, &light(), &request(&[Format::Pdf], &[View::Quotes])).expect("exported");
        let places = handout.missing.get("\u{378}").expect("named");
        assert!(
            places.iter().all(|p| p.starts_with("handout.pdf page ")),
            "{places:?}"
        );
        let warning = missing_warning(&handout.missing).expect("a warning");
        assert!(
            warning.starts_with("warning: no font here draws 1 character, drawn as �: \u{378} (U+0378) in handout.pdf page "),
            "{warning}"
        );
        assert_eq!(handout.missing.len(), 1, "{:?}", handout.missing);
        let clean = files(
            &builtin().expect("data"),
            &light(),
            &request(&[Format::Pdf], &[]),
        )
        .expect("exported");
        assert!(clean.missing.is_empty(), "{:?}", clean.missing);
    }

    /// usvg looks for no more fonts once a character none has comes up; drawn as U+FFFD, it
    /// no longer keeps the rest of its line out of the machine's fonts.
    #[test]
    fn a_character_no_font_draws_leaves_the_rest_of_its_line_to_the_fonts_that_do() {
        let fonts = fonts::Fonts::default();
        let svg = |text: &str| {
            format!(
                "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"400\" height=\"30\">\
                 <text y=\"20\">{text}</text></svg>"
            )
        };
        let (_, lacking) = fonts.parse(&svg("a \u{378} 한국 ␛")).expect("parsed");
        // What this machine's fonts draw alone, they draw in the line too.
        let mut expected = vec!["\u{378}".to_string()];
        for c in ["한", "국", "␛"] {
            expected.extend(fonts.parse(&svg(c)).expect("parsed").1);
        }
        expected.sort();
        assert_eq!(lacking.into_iter().collect::<Vec<_>>(), expected);
    }
}
