//! The handout's pages as SVG, A4 landscape: a page per view (the screen, scaled to fit),
//! then the Sources as a table and the quotes with their attribution, laid out here as real
//! text in the shipped fonts, in the handout's language (the quotes stay in the words they
//! were said in). The PDF is made of these pages.

use std::fmt::Write;

use gapdash_app::text;
use gapdash_data::{Confidence, Quote, SourceRow, Strings};
use gapdash_ui::theme::Theme;

use super::color::{self, INK, PAPER, Rgb};
use super::svg::{FONT_STACK, escape};

/// A4 landscape, in points.
pub const PAGE_W: f64 = 842.0;
pub const PAGE_H: f64 = 595.0;
const MARGIN: f64 = 40.0;
/// Where the footer's baseline is, and the lowest a line of the body may reach.
const FOOTER_Y: f64 = PAGE_H - 22.0;
const BOTTOM: f64 = PAGE_H - 44.0;
/// DejaVu Sans Mono's advance, in ems. Text is measured in cells of this width, a CJK
/// character as two: wider than its one em, so measured text never runs into the next.
const ADVANCE: f64 = 1233.0 / 2048.0;

/// The theme's colours for the printed page.
#[derive(Debug, Clone, Copy)]
pub struct Palette {
    pub paper: Rgb,
    pub ink: Rgb,
    pub muted: Rgb,
    pub heading: Rgb,
    pub rule: Rgb,
    pub accent: Rgb,
}

impl Palette {
    pub fn of(theme: &Theme) -> Palette {
        let fg =
            |style: ratatui::style::Style, or: Rgb| style.fg.and_then(color::rgb).unwrap_or(or);
        let ink = fg(theme.text, INK);
        Palette {
            paper: theme.text.bg.and_then(color::rgb).unwrap_or(PAPER),
            ink,
            muted: fg(theme.muted, ink),
            heading: fg(theme.heading, ink),
            rule: fg(theme.border, ink),
            accent: fg(theme.accent, ink),
        }
    }
}

/// How a line of page text looks.
#[derive(Debug, Clone, Copy)]
struct Font {
    size: f64,
    fill: Rgb,
    bold: bool,
    italic: bool,
}

impl Font {
    fn new(size: f64, fill: Rgb) -> Font {
        Font {
            size,
            fill,
            bold: false,
            italic: false,
        }
    }

    fn with(self, fill: Rgb) -> Font {
        Font { fill, ..self }
    }

    fn bold(self) -> Font {
        Font { bold: true, ..self }
    }

    fn italic(self) -> Font {
        Font {
            italic: true,
            ..self
        }
    }

    /// How many characters fit in `width` points.
    fn chars_in(self, width: f64) -> usize {
        (width / (self.size * ADVANCE)).floor() as usize
    }
}

fn line(out: &mut String, x: f64, y: f64, font: Font, content: &str) {
    if content.trim().is_empty() {
        return;
    }
    let _ = writeln!(
        out,
        "<text x=\"{x:.2}\" y=\"{y:.2}\" font-size=\"{}\" fill=\"{}\"{}{} xml:space=\"preserve\">{}</text>",
        font.size,
        font.fill,
        if font.bold {
            " font-weight=\"bold\""
        } else {
            ""
        },
        if font.italic {
            " font-style=\"italic\""
        } else {
            ""
        },
        escape(content)
    );
}

fn rule(out: &mut String, y: f64, width: f64, ink: Rgb) {
    let _ = writeln!(
        out,
        "<path d=\"M{MARGIN} {y:.2}H{:.2}\" stroke=\"{ink}\" stroke-width=\"{width}\"/>",
        PAGE_W - MARGIN
    );
}

/// A page's heading: a title in bold and a muted note after it.
fn heading(out: &mut String, title: &str, note: &str, p: &Palette) -> f64 {
    let size = 16.0;
    let y = MARGIN + size;
    line(out, MARGIN, y, Font::new(size, p.heading).bold(), title);
    let x = MARGIN + (text::width(title) + 2) as f64 * size * ADVANCE;
    line(out, x, y, Font::new(10.0, p.muted), note);
    y + 14.0
}

/// A view's page: its number and name, and the screen below, scaled to the page's width.
pub fn view(
    number: usize,
    total: usize,
    name: &str,
    screen: &str,
    size: (u32, u32),
    p: &Palette,
) -> String {
    let mut out = String::new();
    let top = heading(&mut out, &format!("{number}/{total} {name}"), "", p);
    let (w, h) = (f64::from(size.0), f64::from(size.1));
    let scale = ((PAGE_W - 2.0 * MARGIN) / w).min((BOTTOM - top) / h);
    let (x, y) = (MARGIN, top);
    let _ = writeln!(
        out,
        "<g transform=\"translate({x} {y:.2}) scale({scale:.5})\">"
    );
    out.push_str(screen);
    let _ = writeln!(
        out,
        "<rect width=\"{w}\" height=\"{h}\" fill=\"none\" stroke=\"{}\" stroke-width=\"{:.2}\"/></g>",
        p.rule,
        1.0 / scale
    );
    out
}

/// What each confidence letter means, for the letters the rows use, in the order V, V2, D.
pub fn legend(rows: &[SourceRow], words: &Strings) -> Vec<String> {
    let h = &words.handout;
    [
        (Confidence::V, &h.stated),
        (Confidence::V2, &h.stated_weaker),
        (Confidence::D, &h.derived),
    ]
    .into_iter()
    .filter(|(c, _)| rows.iter().any(|r| r.provenance.confidence == *c))
    .map(|(_, meaning)| meaning.clone())
    .collect()
}

/// How a figure is known: its letter, and for a derived figure how it was derived, after
/// the letter as the Sources view labels a figure ("D: 64.2 − 30.1", "D：64.2 − 30.1").
pub fn known(row: &SourceRow, words: &Strings) -> String {
    let letter = row.provenance.confidence.letter();
    match &row.provenance.derivation {
        Some(how) => {
            let label = words.sources.figure_label.fill(&[("figure", &letter)]);
            format!("{label}{how}")
        }
        None => letter.to_string(),
    }
}

/// The headings of the Sources table, in the order of [`WIDTHS`].
pub fn columns(words: &Strings) -> [&str; 4] {
    let h = &words.handout;
    [&h.figure, &h.value, &h.how_known, &h.source]
}

/// The width of each column of the Sources table, in cells.
const WIDTHS: [usize; 4] = [44, 34, 24, 48];
const GAP: usize = 3;

/// Where a quote was said or written, and whether it is reported or direct.
pub fn said_where(quote: &Quote, words: &Strings) -> String {
    let q = &words.quotes;
    let kind = if quote.reported {
        &q.reported
    } else {
        &q.direct
    };
    format!("{}{kind}", words.term(&quote.source))
}

/// The Sources pages: every figure in a table with its value, how it is known and its
/// source, the table's header on each page.
pub fn sources(rows: &[SourceRow], words: &Strings, p: &Palette) -> Vec<String> {
    let h = &words.handout;
    let font = Font::new(8.0, p.ink);
    let leading = 10.5;
    let char_w = font.size * ADVANCE;
    let mut pages = Vec::new();
    let mut out = String::new();
    let mut y = 0.0;
    let start = |out: &mut String, first: bool| -> f64 {
        let title = if first {
            &h.sources
        } else {
            &h.sources_continued
        };
        let mut y = heading(out, title, &h.sources_detail.fill(&[("n", &rows.len())]), p);
        if first {
            for text in legend(rows, words) {
                y += 4.0;
                line(out, MARGIN, y, Font::new(9.0, p.muted), &text);
                y += 9.0;
            }
        }
        y += 12.0;
        let mut x = MARGIN;
        for (title, chars) in columns(words).into_iter().zip(WIDTHS) {
            line(out, x, y, font.bold(), title);
            x += (chars + GAP) as f64 * char_w;
        }
        rule(out, y + 4.0, 1.0, p.rule);
        y + 4.0
    };
    for (i, row) in rows.iter().enumerate() {
        let cells = [
            row.figure.clone(),
            row.value.clone(),
            known(row, words),
            row.provenance.source.clone(),
        ];
        let wrapped: Vec<Vec<String>> = cells
            .iter()
            .zip(WIDTHS)
            .map(|(text, chars)| text::wrap(text, chars))
            .collect();
        let lines = wrapped.iter().map(Vec::len).max().unwrap_or(1).max(1);
        let height = lines as f64 * leading + 4.0;
        if i == 0 || y + height > BOTTOM {
            if i > 0 {
                pages.push(std::mem::take(&mut out));
            }
            y = start(&mut out, i == 0);
        }
        let mut x = MARGIN;
        for (column, (chars, cell)) in WIDTHS.iter().zip(&wrapped).enumerate() {
            let font = if column == 1 { font.bold() } else { font };
            for (n, text) in cell.iter().enumerate() {
                line(&mut out, x, y + leading * (n + 1) as f64, font, text);
            }
            x += (chars + GAP) as f64 * char_w;
        }
        y += height;
        rule(&mut out, y, 0.4, p.rule);
    }
    if !out.is_empty() {
        pages.push(out);
    }
    pages
}

/// A view's notes pages, for the presenter's own copy: after its number and name, each
/// note in turn, a quote's note under the quote's number and speaker.
pub fn notes(
    (number, total): (usize, usize),
    name: &str,
    notes: &[(Option<String>, &str)],
    words: &Strings,
    p: &Palette,
) -> Vec<String> {
    let body = Font::new(12.0, p.ink);
    let chars = body.chars_in(PAGE_W - 2.0 * MARGIN).min(110);
    let leading = 17.0;
    let mut pages = Vec::new();
    let mut out = String::new();
    let mut y = BOTTOM;
    for (label, note) in notes {
        let mut lines: Vec<(String, Font)> = Vec::new();
        if let Some(label) = label {
            lines.push((label.clone(), body.bold().with(p.heading)));
        }
        lines.extend(text::wrap(note, chars).into_iter().map(|l| (l, body)));
        // A quote's number and speaker stay with the first lines of its note.
        let keep = if label.is_some() { 3.0 } else { 1.0 };
        for (i, (text, font)) in lines.into_iter().enumerate() {
            let room = if i == 0 { keep * leading } else { leading };
            if y + room > BOTTOM {
                if !out.is_empty() {
                    pages.push(std::mem::take(&mut out));
                }
                let title = words.notes.page_title.fill(&[
                    ("n", &number),
                    ("total", &total),
                    ("view", &name),
                ]);
                y = heading(&mut out, &title, &words.notes.page_detail, p) + 8.0;
            }
            y += leading;
            line(&mut out, MARGIN, y, font, &text);
        }
        y += leading;
    }
    if !out.is_empty() {
        pages.push(out);
    }
    pages
}

/// The quotes pages: each quote in full, then who said it and where.
pub fn quotes(quotes: &[Quote], words: &Strings, p: &Palette) -> Vec<String> {
    let h = &words.handout;
    let body = Font::new(11.0, p.ink);
    let chars = body.chars_in(PAGE_W - 2.0 * MARGIN - 30.0).min(110);
    let leading = 15.0;
    let mut pages = Vec::new();
    let mut out = String::new();
    let mut y = 0.0;
    for (i, quote) in quotes.iter().enumerate() {
        let said = text::wrap(&quote.display_text(), chars);
        let speaker = text::wrap(&format!("— {}", words.term(&quote.speaker)), chars);
        let source = text::wrap(&said_where(quote, words), chars);
        let height = (said.len() + speaker.len() + source.len()) as f64 * leading + 18.0;
        if i == 0 || y + height > BOTTOM {
            if i > 0 {
                pages.push(std::mem::take(&mut out));
            }
            let title = if i == 0 {
                &h.quotes
            } else {
                &h.quotes_continued
            };
            y = heading(&mut out, title, &h.quotes_detail, p) + 8.0;
        }
        let x = MARGIN + 30.0;
        line(
            &mut out,
            MARGIN,
            y + leading,
            body.bold().with(p.accent),
            &format!("{}.", i + 1),
        );
        for text in &said {
            y += leading;
            line(&mut out, x, y, body.italic(), text);
        }
        for text in &speaker {
            y += leading;
            line(&mut out, x, y, body.bold().with(p.heading), text);
        }
        for text in &source {
            y += leading;
            line(&mut out, x, y, Font::new(10.0, p.muted), text);
        }
        y += 18.0;
    }
    if !out.is_empty() {
        pages.push(out);
    }
    pages
}

/// A page's body on the page: the paper, the body, and a footer with `left` and the page's
/// number.
pub fn page(
    body: &str,
    (number, total): (usize, usize),
    left: &str,
    words: &Strings,
    p: &Palette,
) -> String {
    let mut out = format!(
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<svg xmlns=\"http://www.w3.org/2000/svg\" \
         width=\"{PAGE_W}\" height=\"{PAGE_H}\" viewBox=\"0 0 {PAGE_W} {PAGE_H}\" \
         font-family=\"{FONT_STACK}\">\n<rect width=\"{PAGE_W}\" height=\"{PAGE_H}\" fill=\"{}\"/>\n",
        p.paper
    );
    out.push_str(body);
    let footer = Font::new(8.0, p.muted);
    line(&mut out, MARGIN, FOOTER_Y, footer, left);
    let _ = writeln!(
        out,
        "<text x=\"{:.2}\" y=\"{FOOTER_Y}\" font-size=\"8\" fill=\"{}\" text-anchor=\"end\">{}</text>",
        PAGE_W - MARGIN,
        p.muted,
        escape(
            &words
                .handout
                .page
                .fill(&[("n", &number), ("total", &total)])
        )
    );
    out.push_str("</svg>\n");
    out
}
