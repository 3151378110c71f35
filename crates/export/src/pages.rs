//! The handout's pages as SVG, A4 landscape: a page per view (the screen, scaled to fit),
//! then the Sources as a table and the quotes with their attribution, laid out here as real
//! text in the shipped fonts, in the handout's language (the quotes stay in the words they
//! were said in). The PDF is made of these pages.

use std::fmt::Write;

use gapdash_app::text;
use gapdash_data::{Confidence, Quote, SourceRow, Strings};
use gapdash_ui::theme::Theme;

use super::color::{self, INK, PAPER, Rgb};
use super::svg::{self, FONT_STACK, escape};

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
    pub warning: Rgb,
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
            warning: fg(theme.warning, ink),
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

/// A page's heading: a title in bold and a muted note after it, each wrapped to the page's
/// width, the note on lines of its own when it does not fit after the title. Returns where
/// the body starts.
fn heading(out: &mut String, title: &str, note: &str, p: &Palette) -> f64 {
    let big = Font::new(16.0, p.heading).bold();
    let small = Font::new(10.0, p.muted);
    let width = PAGE_W - 2.0 * MARGIN;
    let mut y = MARGIN;
    let titles = text::wrap(title, big.chars_in(width));
    for (i, text) in titles.iter().enumerate() {
        y += if i == 0 { big.size } else { big.size * 1.25 };
        line(out, MARGIN, y, big, text);
    }
    let last = titles.last().map_or(0, |t| text::width(t));
    let after = (last + 2) as f64 * big.size * ADVANCE;
    if text::width(note) <= small.chars_in(width - after) {
        line(out, MARGIN + after, y, small, note);
    } else {
        for text in text::wrap(note, small.chars_in(width)) {
            y += small.size * 1.3;
            line(out, MARGIN, y, small, &text);
        }
    }
    y + 14.0
}

/// How a page's body is bounded: its footer's lines and the lowest its text may reach.
#[derive(Debug, Clone)]
pub struct Frame {
    left: Vec<String>,
    /// Cells the page number may take, at the footer's size.
    number_chars: usize,
    bottom: f64,
}

const FOOTER: f64 = 8.0;
const FOOTER_LEADING: f64 = 10.0;

impl Frame {
    /// The frame of pages whose footer says `left` at the left and the page's number at the
    /// right, each wrapped to its side. A footer keeps at most half the page: a longer one
    /// (a title of thousands of characters) ends in "…".
    pub fn new(left: &str, words: &Strings) -> Frame {
        let font = Font::new(FOOTER, INK);
        let all = font.chars_in(PAGE_W - 2.0 * MARGIN);
        let widest = words.handout.page.fill(&[("n", &9999), ("total", &9999)]);
        let number_chars = text::width(&widest).clamp(1, all / 2);
        let numbers = text::wrap(&widest, number_chars).len();
        let left_chars = all - number_chars - 2;
        let mut left = text::wrap(left, left_chars);
        let most = ((BOTTOM - PAGE_H / 2.0) / FOOTER_LEADING) as usize + 1;
        if left.len() > most {
            left.truncate(most);
            if let Some(last) = left.last_mut() {
                *last = text::truncate(&format!("{last}…"), left_chars);
            }
        }
        let lines = left.len().max(numbers).max(1);
        Frame {
            left,
            number_chars,
            bottom: BOTTOM - (lines - 1) as f64 * FOOTER_LEADING,
        }
    }
}

/// Pages filled from the top: a line that does not fit on a page goes on the next, which
/// starts with the heading `top` draws (given the page's index, it returns where the body
/// starts). Nothing is ever left out; a block too tall for any page is split.
struct Flow<'a> {
    pages: Vec<String>,
    out: String,
    y: f64,
    bottom: f64,
    /// Where the body started on the last page begun.
    top_y: f64,
    started: bool,
    /// Nothing on the current page yet but its heading.
    fresh: bool,
    top: Heading<'a>,
}

/// Draws a page's heading, given the page's index; returns where the body starts.
type Heading<'a> = Box<dyn FnMut(&mut String, usize) -> f64 + 'a>;

impl<'a> Flow<'a> {
    fn new(frame: &Frame, top: impl FnMut(&mut String, usize) -> f64 + 'a) -> Flow<'a> {
        Flow {
            pages: Vec::new(),
            out: String::new(),
            y: 0.0,
            bottom: frame.bottom,
            top_y: 0.0,
            started: false,
            fresh: true,
            top: Box::new(top),
        }
    }

    fn new_page(&mut self) {
        if self.started {
            self.pages.push(std::mem::take(&mut self.out));
        }
        self.started = true;
        self.y = (self.top)(&mut self.out, self.pages.len());
        self.top_y = self.y;
        self.fresh = true;
    }

    /// Room for `height` below: a new page when this one has something on it and not the
    /// room. A fresh page takes anything, so a heading taller than a page cannot loop.
    fn room(&mut self, height: f64) {
        if !self.started || (!self.fresh && self.y + height > self.bottom) {
            self.new_page();
        }
    }

    /// Room for a block best kept on one page: a new page when the block fits on one but not
    /// on what is left of this one. A taller block starts here and is split by [`Flow::room`].
    fn keep(&mut self, height: f64) {
        let fits_a_page = height <= self.bottom - self.top_y;
        if !self.started || (!self.fresh && self.y + height > self.bottom && fits_a_page) {
            self.new_page();
        }
    }

    /// The next line of the body, `leading` below the last; returns its baseline.
    fn next(&mut self, leading: f64) -> f64 {
        self.room(leading);
        self.y += leading;
        self.fresh = false;
        self.y
    }

    fn finish(mut self) -> Vec<String> {
        if self.started {
            self.pages.push(self.out);
        }
        self.pages
    }
}

/// A view's number, the number of views and its name, as its pages' heading says them.
pub type ViewName<'a> = (usize, usize, &'a str);

fn view_heading(out: &mut String, (number, total, name): ViewName, note: &str, p: &Palette) -> f64 {
    heading(out, &format!("{number}/{total} {name}"), note, p)
}

/// How many rows of a screen `cols` cells wide a view's page holds when the screen is drawn
/// as wide as the page: more go on the next page.
pub fn view_rows(cols: u16, name: ViewName, frame: &Frame, p: &Palette) -> u16 {
    let top = view_heading(&mut String::new(), name, "", p);
    let scale = (PAGE_W - 2.0 * MARGIN) / (f64::from(cols.max(1)) * f64::from(svg::CELL_W));
    ((frame.bottom - top).max(1.0) / (scale * f64::from(svg::CELL_H))).floor() as u16
}

/// A view's page: its number and name (and which of its pages this is, when it takes more
/// than one), and the screen below, as wide as the page and drawn smaller only when it is
/// taller than the room above the footer.
pub fn view(
    name: ViewName,
    part: Option<(usize, usize)>,
    screen: &str,
    size: (u32, u32),
    frame: &Frame,
    p: &Palette,
    words: &Strings,
) -> String {
    let mut out = String::new();
    let note = part.map_or(String::new(), |(n, total)| {
        words.handout.page.fill(&[("n", &n), ("total", &total)])
    });
    let top = view_heading(&mut out, name, &note, p);
    let (w, h) = (f64::from(size.0), f64::from(size.1));
    let scale = ((PAGE_W - 2.0 * MARGIN) / w).min((frame.bottom - top).max(1.0) / h);
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

/// The width of each column of the Sources table, in cells: with the gaps, the 158 cells
/// of 8-point text the page has room for.
const WIDTHS: [usize; 4] = [44, 34, 24, 47];
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
/// source, the table's header on each page. A row stays on one page when it fits on one.
pub fn sources(rows: &[SourceRow], words: &Strings, frame: &Frame, p: &Palette) -> Vec<String> {
    let h = &words.handout;
    let font = Font::new(8.0, p.ink);
    let leading = 10.5;
    let char_w = font.size * ADVANCE;
    let detail = h.sources_detail.fill(&[("n", &rows.len())]);
    let mut flow = Flow::new(frame, |out: &mut String, page: usize| -> f64 {
        let title = if page == 0 {
            &h.sources
        } else {
            &h.sources_continued
        };
        let mut y = heading(out, title, &detail, p);
        if page == 0 {
            let small = Font::new(9.0, p.muted);
            for meaning in legend(rows, words) {
                for text in text::wrap(&meaning, small.chars_in(PAGE_W - 2.0 * MARGIN)) {
                    y += 13.0;
                    line(out, MARGIN, y - 9.0, small, &text);
                }
            }
        }
        let titles: Vec<Vec<String>> = columns(words)
            .into_iter()
            .zip(WIDTHS)
            .map(|(title, chars)| text::wrap(title, chars))
            .collect();
        let mut x = MARGIN;
        for (cell, chars) in titles.iter().zip(WIDTHS) {
            for (n, text) in cell.iter().enumerate() {
                line(out, x, y + 12.0 + leading * n as f64, font.bold(), text);
            }
            x += (chars + GAP) as f64 * char_w;
        }
        let lines = titles.iter().map(Vec::len).max().unwrap_or(1).max(1);
        let y = y + 12.0 + leading * (lines - 1) as f64;
        rule(out, y + 4.0, 1.0, p.rule);
        y + 4.0
    });
    for row in rows {
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
        flow.keep(lines as f64 * leading + 4.0);
        for n in 0..lines {
            let y = flow.next(leading);
            let mut x = MARGIN;
            for (column, (chars, cell)) in WIDTHS.iter().zip(&wrapped).enumerate() {
                let font = if column == 1 { font.bold() } else { font };
                if let Some(text) = cell.get(n) {
                    line(&mut flow.out, x, y, font, text);
                }
                x += (chars + GAP) as f64 * char_w;
            }
        }
        flow.y += 4.0;
        rule(&mut flow.out, flow.y, 0.4, p.rule);
    }
    flow.finish()
}

/// A view's notes pages, for the presenter's own copy: after its number and name, each
/// note in turn, a quote's note under the quote's number and speaker. A note stating
/// figures the data no longer holds (`stale`) opens with the notes panel's words saying so,
/// bold in the warning colour.
pub fn notes(
    (number, total): (usize, usize),
    name: &str,
    notes: &[(Option<String>, &str, &[String])],
    words: &Strings,
    frame: &Frame,
    p: &Palette,
) -> Vec<String> {
    let body = Font::new(12.0, p.ink);
    let chars = body.chars_in(PAGE_W - 2.0 * MARGIN).min(110);
    let leading = 17.0;
    let title = words
        .notes
        .page_title
        .fill(&[("n", &number), ("total", &total), ("view", &name)]);
    let mut flow = Flow::new(frame, |out: &mut String, _| {
        heading(out, &title, &words.notes.page_detail, p) + 8.0
    });
    for (label, note, stale) in notes {
        let mut lines: Vec<(String, Font)> = Vec::new();
        if let Some(label) = label {
            let font = body.bold().with(p.heading);
            lines.extend(text::wrap(label, chars).into_iter().map(|l| (l, font)));
        }
        if !stale.is_empty() {
            let said = words.notes.stale.fill(&[("figures", &stale.join(", "))]);
            let font = body.bold().with(p.warning);
            lines.extend(text::wrap(&said, chars).into_iter().map(|l| (l, font)));
        }
        lines.extend(text::wrap(note, chars).into_iter().map(|l| (l, body)));
        // A quote's number and speaker stay with the first lines of its note.
        let keep = if label.is_some() { 3 } else { 1 };
        flow.keep(keep.min(lines.len()) as f64 * leading);
        for (text, font) in lines {
            let y = flow.next(leading);
            line(&mut flow.out, MARGIN, y, font, &text);
        }
        flow.y += leading;
    }
    flow.finish()
}

/// The quotes pages: each quote in full, then who said it and where. A quote stays on one
/// page when it fits on one; a longer one goes on over the next.
pub fn quotes(quotes: &[Quote], words: &Strings, frame: &Frame, p: &Palette) -> Vec<String> {
    let h = &words.handout;
    let body = Font::new(11.0, p.ink);
    let chars = body.chars_in(PAGE_W - 2.0 * MARGIN - 30.0).min(110);
    let leading = 15.0;
    let mut flow = Flow::new(frame, |out: &mut String, page: usize| {
        let title = if page == 0 {
            &h.quotes
        } else {
            &h.quotes_continued
        };
        heading(out, title, &h.quotes_detail, p) + 8.0
    });
    let x = MARGIN + 30.0;
    for (i, quote) in quotes.iter().enumerate() {
        let said = text::wrap(&quote.display_text(), chars);
        let speaker = text::wrap(&format!("— {}", words.term(&quote.speaker)), chars);
        let source = text::wrap(&said_where(quote, words), chars);
        let lines: Vec<(String, Font)> = said
            .into_iter()
            .map(|l| (l, body.italic()))
            .chain(
                speaker
                    .into_iter()
                    .map(|l| (l, body.bold().with(p.heading))),
            )
            .chain(source.into_iter().map(|l| (l, Font::new(10.0, p.muted))))
            .collect();
        flow.keep(lines.len() as f64 * leading + 18.0);
        for (n, (text, font)) in lines.into_iter().enumerate() {
            let y = flow.next(leading);
            if n == 0 {
                let number = format!("{}.", i + 1);
                line(
                    &mut flow.out,
                    MARGIN,
                    y,
                    body.bold().with(p.accent),
                    &number,
                );
            }
            line(&mut flow.out, x, y, font, &text);
        }
        flow.y += 18.0;
    }
    flow.finish()
}

/// A page's body on the page: the paper, the body, and a footer with the frame's left text
/// and the page's number, each bottom-aligned on the footer's last line.
pub fn page(
    body: &str,
    (number, total): (usize, usize),
    frame: &Frame,
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
    let font = Font::new(FOOTER, p.muted);
    let above = |lines: usize, i: usize| FOOTER_Y - (lines - 1 - i) as f64 * FOOTER_LEADING;
    for (i, text) in frame.left.iter().enumerate() {
        line(&mut out, MARGIN, above(frame.left.len(), i), font, text);
    }
    let numbers = text::wrap(
        &words
            .handout
            .page
            .fill(&[("n", &number), ("total", &total)]),
        frame.number_chars,
    );
    for (i, text) in numbers.iter().enumerate() {
        let _ = writeln!(
            out,
            "<text x=\"{:.2}\" y=\"{:.2}\" font-size=\"{FOOTER}\" fill=\"{}\" text-anchor=\"end\">{}</text>",
            PAGE_W - MARGIN,
            above(numbers.len(), i),
            p.muted,
            escape(text)
        );
    }
    out.push_str("</svg>\n");
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use gapdash_data::{Provenance, builtin};

    /// Each `<text>` of a page: its x, its baseline and its words.
    fn texts(page: &str) -> Vec<(f64, f64, String)> {
        sized(page)
            .into_iter()
            .map(|(x, y, _, t)| (x, y, t))
            .collect()
    }

    /// The same with each one's font size.
    fn sized(page: &str) -> Vec<(f64, f64, f64, String)> {
        let attr = |line: &str, name: &str| -> f64 {
            let from = line.find(&format!(" {name}=\"")).expect(name) + name.len() + 3;
            let to = from + line[from..].find('"').expect("the attribute's end");
            line[from..to].parse().expect("a number")
        };
        page.lines()
            .filter(|l| l.starts_with("<text"))
            .map(|l| {
                let from = l.find('>').expect("the tag's end") + 1;
                let to = l.rfind("</text>").expect("the element's end");
                let size = attr(l, "font-size");
                (attr(l, "x"), attr(l, "y"), size, l[from..to].to_string())
            })
            .collect()
    }

    fn words() -> Strings {
        builtin().expect("built-in data").i18n.en.clone()
    }

    fn palette() -> Palette {
        Palette {
            paper: PAPER,
            ink: INK,
            muted: INK,
            heading: INK,
            rule: INK,
            accent: INK,
            warning: INK,
        }
    }

    /// Every line of every page within the page, above the footer: nothing runs off it.
    fn all_within(pages: &[String], frame: &Frame) -> String {
        let mut all = String::new();
        for (i, page) in pages.iter().enumerate() {
            for (x, y, size, text) in sized(page) {
                let right = x + text::width(&text) as f64 * size * ADVANCE;
                assert!(
                    y <= frame.bottom,
                    "page {}: {y} below {}: {text}",
                    i + 1,
                    frame.bottom
                );
                assert!(
                    right <= PAGE_W - MARGIN + 1.0,
                    "page {}: {right} wide: {text}",
                    i + 1
                );
                all.push_str(&text);
                all.push('\n');
            }
        }
        all
    }

    #[test]
    fn a_quote_longer_than_a_page_goes_on_over_the_next_with_its_speaker_and_source() {
        let words = words();
        let frame = Frame::new("gapdash · a report", &words);
        let long: String = (1..=250)
            .map(|i| format!("Sentence {i} of a long quote. "))
            .collect();
        let quotes_in = [
            Quote {
                text: "A short one first.".to_string(),
                speaker: "First Speaker".to_string(),
                source: "First source".to_string(),
                reported: false,
            },
            Quote {
                text: format!("{long}The end."),
                speaker: "Long Speaker".to_string(),
                source: "Long source".to_string(),
                reported: true,
            },
        ];
        let pages = quotes(&quotes_in, &words, &frame, &palette());
        assert!(pages.len() >= 3, "{} pages", pages.len());
        let all = all_within(&pages, &frame);
        let end = all.find("The end.").expect("the quote's end");
        let speaker = all.find("— Long Speaker").expect("its speaker");
        let source = all.find("Long source").expect("its source");
        assert!(end < speaker && speaker < source, "{all}");
        assert!(texts(&pages[1])[0].2.starts_with("Quotes (continued)"));
        // A quote that fits on a page is not split.
        assert!(all.find("— First Speaker") < all.find("Sentence 1 "));
    }

    #[test]
    fn a_source_row_taller_than_a_page_is_split_under_the_header_again() {
        let words = words();
        let frame = Frame::new("gapdash", &words);
        let source: String = (1..=300)
            .map(|i| format!("part {i} of the source; "))
            .collect();
        let row = |figure: &str, source: &str| SourceRow {
            figure: figure.to_string(),
            value: "1.0 %".to_string(),
            provenance: Provenance {
                confidence: Confidence::V,
                derivation: None,
                source: source.to_string(),
            },
        };
        let rows = [
            row("short", "a source"),
            row("long", &format!("{source}the last part")),
        ];
        let pages = sources(&rows, &words, &frame, &palette());
        let room = Font::new(8.0, INK).chars_in(PAGE_W - 2.0 * MARGIN);
        assert_eq!(WIDTHS.iter().sum::<usize>() + 3 * GAP, room);
        assert!(pages.len() >= 2, "{} pages", pages.len());
        let all = all_within(&pages, &frame);
        assert!(all.contains("the last part"), "{all}");
        for page in &pages {
            let header: Vec<String> = texts(page).into_iter().map(|(_, _, t)| t).collect();
            assert!(header.iter().any(|t| t == "Source"), "{header:?}");
        }
    }

    #[test]
    fn long_headings_notes_and_footers_wrap_inside_the_page() {
        let words = words();
        let view = "Overview ".repeat(40);
        let title: String = "A very long report title ".repeat(30);
        let frame = Frame::new(&format!("gapdash · {title}"), &words);
        assert!(frame.left.len() > 1 && frame.bottom < BOTTOM, "{frame:?}");
        let note = "word ".repeat(900);
        let label = "label ".repeat(60);
        let pages = notes(
            (1, 7),
            &view,
            &[(Some(label), note.as_str(), &[])],
            &words,
            &frame,
            &palette(),
        );
        assert!(pages.len() >= 2);
        let shown = all_within(&pages, &frame);
        assert_eq!(shown.matches("word").count(), 900);
        let full = page(&pages[0], (1, 2), &frame, &words, &palette());
        let footer: Vec<(f64, f64, String)> = texts(&full)
            .into_iter()
            .filter(|(_, y, _)| *y > frame.bottom)
            .collect();
        let said: String = footer.iter().map(|(_, _, t)| t.as_str()).collect();
        assert_eq!(said.matches("title").count(), 30, "{footer:?}");
        assert!(footer.iter().all(|(_, y, _)| *y <= FOOTER_Y), "{footer:?}");
    }

    #[test]
    fn a_footer_of_thousands_of_characters_keeps_half_the_page_for_the_body() {
        let words = words();
        let frame = Frame::new(&"long ".repeat(5000), &words);
        assert!(
            frame.bottom >= PAGE_H / 2.0 - FOOTER_LEADING,
            "{}",
            frame.bottom
        );
        assert!(frame.left.last().expect("a line").ends_with('…'));
    }
}
