//! `index.html`: one page that needs nothing else to be read. Every view in order: a chart
//! as inline SVG with its figures under it as tables of text, the Sources as a table and
//! the quotes as text (at the end when their views are not asked for);
//! each table links its data, a CSV file written beside the page (the only links: no
//! scripts, nothing outside the folder). The font the screens use is carried inside as
//! data. It reflows on a phone 360 px wide (text wraps, the screens scale to the width, a
//! table wider than the phone scrolls inside itself) and prints one view per page. Its
//! words are in the handout's language, and say so (`lang`), so a browser picks fonts and
//! speech for it.

use std::fmt::Write;

use base64::Engine;

use gapdash_data::{Headline, Lang, Quote, SourceRow, Strings};

use super::fonts;
use super::pages::{Palette, columns, known, legend, said_where};
use super::svg::{Faces, escape};
use super::tables::Table;

/// One view on the page: its anchor (the view's name; the sections of the Sources and the
/// quotes are `all-sources` and `all-quotes`, so no two share one), its caption and what
/// shows it.
pub struct Figure<'a> {
    pub id: &'a str,
    pub caption: String,
    pub body: Body<'a>,
}

/// How a view is on the page.
pub enum Body<'a> {
    /// Its screen as inline SVG, and the tables of its figures under it.
    Screen { svg: &'a str, tables: Vec<Table> },
    /// The Sources' section, in the view's place: a table of text is what a reader and a
    /// phone need of it, not a picture of one.
    Sources,
    /// The quotes' section, in the view's place.
    Quotes,
}

impl Figure<'_> {
    fn anchor(&self) -> &str {
        match self.body {
            Body::Screen { .. } => self.id,
            Body::Sources => SOURCES,
            Body::Quotes => QUOTES,
        }
    }
}

const SOURCES: &str = "all-sources";
const QUOTES: &str = "all-quotes";

/// What the page holds, in one language.
pub struct Contents<'a> {
    pub headline: &'a Headline,
    pub figures: &'a [Figure<'a>],
    /// The font faces the screens use.
    pub faces: Faces,
    pub rows: &'a [SourceRow],
    /// The CSV files of the Sources and the quotes.
    pub sources_csv: String,
    pub quotes_csv: String,
    pub quotes: &'a [Quote],
    pub words: &'a Strings,
    pub lang: Lang,
}

pub fn page(c: &Contents, p: &Palette) -> String {
    let (headline, words) = (c.headline, c.words);
    let h = &words.handout;
    let mut out = String::with_capacity(2 * 1024 * 1024);
    let title = escape(words.term(&headline.title));
    let _ = write!(
        out,
        "<!DOCTYPE html>\n<html lang=\"{}\">\n<head>\n<meta charset=\"utf-8\">\n\
         <meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n\
         <title>{}</title>\n<style>\n",
        c.lang.tag(),
        escape(&h.title.fill(&[("title", &words.term(&headline.title))]))
    );
    // The page's own words in Chinese: in the machine's Chinese sans-serif where it has one
    // (the page says it is Chinese), else in the shipped CJK font, so both of its weights.
    let faces = if c.lang.needs_wide_text() {
        c.faces.with_cjk()
    } else {
        c.faces
    };
    for face in fonts::used(faces) {
        let (mime, format) = face.format();
        let _ = writeln!(
            out,
            "@font-face{{font-family:'{}';font-weight:{};font-style:{};\
             src:url(data:{mime};base64,{}) format('{format}')}}",
            face.family,
            face.weight,
            face.style,
            base64::engine::general_purpose::STANDARD.encode(face.bytes)
        );
    }
    let _ = write!(
        out,
        "body{{margin:0 auto;max-width:78rem;padding:1rem;background:{paper};color:{ink};\
         font:16px/1.45 system-ui,-apple-system,'Segoe UI',Roboto,'DejaVu Sans',sans-serif,\
         '{cjk}'}}\n\
         h1{{font-size:1.5rem;margin:.5rem 0;color:{heading}}}\n\
         h2{{font-size:1.25rem;margin:2rem 0 .5rem;color:{heading}}}\n\
         h2 small{{font-size:.8rem;font-weight:normal;margin-left:.75rem;color:{muted}}}\n\
         ul.legend{{margin:0 0 1rem;padding:0;list-style:none;font-size:.9rem}}\n\
         a{{color:{accent}}}\n\
         .muted{{color:{muted}}}\n\
         nav{{margin:0 0 1.5rem}}\nnav a{{margin-right:.75rem;white-space:nowrap}}\n\
         figure{{margin:0 0 2rem}}\n\
         figure.view svg{{display:block;width:100%;height:auto;border:1px solid {rule}}}\n\
         figcaption{{margin:.25rem 0}}\nfigure.view figcaption{{font-weight:bold}}\n\
         .scroll{{overflow-x:auto;max-width:100%;margin:.75rem 0 0}}\n\
         table{{border-collapse:collapse;min-width:100%;font-size:.9rem}}\n\
         caption{{text-align:left;font-weight:bold;padding:.25rem 0}}\n\
         th,td{{text-align:left;vertical-align:top;padding:.3rem .5rem;border-bottom:1px solid {rule}}}\n\
         th{{border-bottom-width:2px}}\ntd.value{{font-weight:bold}}\n\
         td.number{{text-align:right;white-space:nowrap}}\ntd.long{{min-width:14rem}}td.figure{{min-width:10rem}}\n\
         p.data{{margin:.25rem 0 0;font-size:.9rem}}\n\
         blockquote{{margin:0;font-style:italic}}\nblockquote p{{margin:0}}\n\
         @media print{{@page{{size:A4 landscape;margin:12mm}}\
         body{{max-width:none;padding:0;font-size:10pt}}nav,p.data{{display:none}}\
         figure.view{{break-after:page;margin:0}}\
         figure.view svg{{width:auto;height:auto;max-width:100%;max-height:150mm}}\
         .scroll{{overflow:visible}}\
         tr,figure.quote{{break-inside:avoid}}}}\n</style>\n</head>\n<body>\n",
        paper = p.paper,
        ink = p.ink,
        heading = p.heading,
        accent = p.accent,
        muted = p.muted,
        rule = p.rule,
        cjk = fonts::CJK_FAMILY,
    );
    let intro = h.intro.fill(&[
        ("date", &words.date(&headline.released)),
        ("venue", &words.term(&headline.venue)),
    ]);
    let _ = writeln!(
        out,
        "<header>\n<h1>{title}</h1>\n<p class=\"muted\">{}</p>\n</header>",
        escape(&intro)
    );
    let placed = |wanted: fn(&Body) -> bool| c.figures.iter().any(|f| wanted(&f.body));
    let has_sources = placed(|b| matches!(b, Body::Sources));
    let has_quotes = placed(|b| matches!(b, Body::Quotes));
    out.push_str("<nav>");
    for figure in c.figures {
        let _ = write!(
            out,
            "<a href=\"#{}\">{}</a> ",
            figure.anchor(),
            escape(&figure.caption)
        );
    }
    if !has_sources {
        let _ = write!(out, "<a href=\"#{SOURCES}\">{}</a> ", escape(&h.sources));
    }
    if !has_quotes {
        let _ = write!(out, "<a href=\"#{QUOTES}\">{}</a> ", escape(&h.quotes));
    }
    out.push_str("</nav>\n<main>\n");
    for figure in c.figures {
        match &figure.body {
            Body::Screen { svg, tables } => {
                let _ = writeln!(
                    out,
                    "<figure class=\"view\" id=\"{}\">\n<figcaption>{}</figcaption>\n{svg}",
                    figure.id,
                    escape(&figure.caption),
                );
                for table in tables {
                    data_table(&mut out, table);
                }
                out.push_str("</figure>\n");
            }
            Body::Sources => sources(&mut out, c.rows, &c.sources_csv, words),
            Body::Quotes => quotes_section(&mut out, c.quotes, &c.quotes_csv, words),
        }
    }
    if !has_sources {
        sources(&mut out, c.rows, &c.sources_csv, words);
    }
    if !has_quotes {
        quotes_section(&mut out, c.quotes, &c.quotes_csv, words);
    }
    out.push_str("</main>\n</body>\n</html>\n");
    out
}

/// A link to a CSV file beside the page.
fn data_link(out: &mut String, file: &str) {
    let file = escape(file);
    let _ = writeln!(
        out,
        "<p class=\"data\">CSV: <a href=\"{file}\" type=\"text/csv\" download>{file}</a></p>"
    );
}

/// A table of a view's figures, as its CSV file holds them, with a link to the file.
fn data_table(out: &mut String, table: &Table) {
    let _ = write!(
        out,
        "<div class=\"scroll\"><table>\n<caption>{}</caption>\n<thead><tr>",
        escape(table.name)
    );
    for column in &table.columns {
        let _ = write!(out, "<th scope=\"col\">{}</th>", escape(column));
    }
    out.push_str("</tr></thead>\n<tbody>\n");
    for row in &table.rows {
        out.push_str("<tr>");
        for (column, cell) in table.columns.iter().zip(row) {
            // Numbers line up on the right; a long text keeps a readable measure, and the
            // table scrolls sideways rather than stand its words one to a line.
            let number = !cell.is_empty() && cell.parse::<f64>().is_ok() && *column != "year";
            let class = if number {
                " class=\"number\""
            } else if cell.chars().count() > 40 {
                " class=\"long\""
            } else {
                ""
            };
            let _ = write!(out, "<td{class}>{}</td>", escape(cell));
        }
        out.push_str("</tr>\n");
    }
    out.push_str("</tbody>\n</table></div>\n");
    data_link(out, &table.file());
}

fn sources(out: &mut String, rows: &[SourceRow], csv: &str, words: &Strings) {
    let h = &words.handout;
    let _ = writeln!(
        out,
        "<section id=\"{SOURCES}\">\n<h2>{} <small>{}</small></h2>\n<ul class=\"legend muted\">",
        escape(&h.sources),
        escape(&h.sources_detail.fill(&[("n", &rows.len())]))
    );
    for meaning in legend(rows, words) {
        let _ = writeln!(out, "<li>{}</li>", escape(&meaning));
    }
    let labels = columns(words).map(escape);
    out.push_str("</ul>\n<div class=\"scroll\"><table>\n<thead><tr>");
    for label in &labels {
        let _ = write!(out, "<th>{label}</th>");
    }
    out.push_str("</tr></thead>\n<tbody>\n");
    for row in rows {
        let _ = writeln!(
            out,
            "<tr><td class=\"figure\">{}</td><td class=\"value\">{}</td><td>{}</td><td class=\"long\">{}</td></tr>",
            escape(&row.figure),
            escape(&row.value),
            escape(&known(row, words)),
            escape(&row.provenance.source)
        );
    }
    out.push_str("</tbody>\n</table></div>\n");
    data_link(out, csv);
    out.push_str("</section>\n");
}

/// The quotes in the words they were said in; who said them and where in the page's
/// language.
fn quotes_section(out: &mut String, quotes: &[Quote], csv: &str, words: &Strings) {
    let h = &words.handout;
    let _ = writeln!(
        out,
        "<section id=\"{QUOTES}\">\n<h2>{} <small>{}</small></h2>",
        escape(&h.quotes),
        escape(&h.quotes_detail)
    );
    for quote in quotes {
        let _ = writeln!(
            out,
            "<figure class=\"quote\"><blockquote lang=\"en\"><p>{}</p></blockquote>\
             <figcaption><strong>— {}</strong><br><span class=\"muted\">{}</span>\
             </figcaption></figure>",
            escape(&quote.display_text()),
            escape(words.term(&quote.speaker)),
            escape(&said_where(quote, words))
        );
    }
    data_link(out, csv);
    out.push_str("</section>\n");
}
