//! `index.html`: one page that needs nothing else. Every view as inline SVG, the Sources as
//! a table and the quotes as text; the font the screens use is carried inside as data, and
//! there are no scripts and no links out. It reflows on a phone (the table becomes one block
//! per figure, the screens scale) and prints one view per page. Its words are in the
//! handout's language, and say so (`lang`), so a browser picks fonts and speech for it.

use std::fmt::Write;

use base64::Engine;

use gapdash_data::{Headline, Lang, Quote, SourceRow, Strings};

use super::fonts;
use super::pages::{Palette, columns, known, legend, said_where};
use super::svg::{Faces, escape};

/// One screen on the page: its anchor (the view's name; the sections after the screens are
/// `all-sources` and `all-quotes`, so no two share one), its caption and its inline SVG.
pub struct Figure<'a> {
    pub id: &'a str,
    pub caption: String,
    pub svg: &'a str,
}

/// What the page holds, in one language.
pub struct Contents<'a> {
    pub headline: &'a Headline,
    pub figures: &'a [Figure<'a>],
    /// The font faces the screens use.
    pub faces: Faces,
    pub rows: &'a [SourceRow],
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
         table{{border-collapse:collapse;width:100%;font-size:.9rem}}\n\
         th,td{{text-align:left;vertical-align:top;padding:.3rem .5rem;border-bottom:1px solid {rule}}}\n\
         th{{border-bottom-width:2px}}\ntd.value{{font-weight:bold}}\n\
         blockquote{{margin:0;font-style:italic}}\nblockquote p{{margin:0}}\n\
         @media (max-width:40rem){{\
         table,thead,tbody,tr,th,td{{display:block}}thead{{display:none}}\
         tr{{border-bottom:1px solid {rule};padding:.5rem 0}}td{{border:0;padding:.1rem 0}}\
         td::before{{content:attr(data-label) \": \";font-weight:normal;color:{muted}}}}}\n\
         @media print{{@page{{size:A4 landscape;margin:12mm}}\
         body{{max-width:none;padding:0;font-size:10pt}}nav{{display:none}}\
         figure.view{{break-after:page;break-inside:avoid;margin:0}}\
         figure.view svg{{width:auto;height:auto;max-width:100%;max-height:150mm}}\
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
    out.push_str("<nav>");
    for figure in c.figures {
        let _ = write!(
            out,
            "<a href=\"#{}\">{}</a> ",
            figure.id,
            escape(&figure.caption)
        );
    }
    let _ = writeln!(
        out,
        "<a href=\"#all-sources\">{}</a> <a href=\"#all-quotes\">{}</a></nav>\n<main>",
        escape(&h.sources),
        escape(&h.quotes)
    );
    for figure in c.figures {
        let _ = writeln!(
            out,
            "<figure class=\"view\" id=\"{}\">\n<figcaption>{}</figcaption>\n{}</figure>",
            figure.id,
            escape(&figure.caption),
            figure.svg
        );
    }
    sources(&mut out, c.rows, words);
    quotes_section(&mut out, c.quotes, words);
    out.push_str("</main>\n</body>\n</html>\n");
    out
}

fn sources(out: &mut String, rows: &[SourceRow], words: &Strings) {
    let h = &words.handout;
    let _ = writeln!(
        out,
        "<section id=\"all-sources\">\n<h2>{} <small>{}</small></h2>\n<ul class=\"legend muted\">",
        escape(&h.sources),
        escape(&h.sources_detail.fill(&[("n", &rows.len())]))
    );
    for meaning in legend(rows, words) {
        let _ = writeln!(out, "<li>{}</li>", escape(&meaning));
    }
    let labels = columns(words).map(escape);
    out.push_str("</ul>\n<table>\n<thead><tr>");
    for label in &labels {
        let _ = write!(out, "<th>{label}</th>");
    }
    out.push_str("</tr></thead>\n<tbody>\n");
    let [figure, value, how, source] = &labels;
    for row in rows {
        let _ = writeln!(
            out,
            "<tr><td data-label=\"{figure}\">{}</td><td class=\"value\" data-label=\"{value}\">{}</td>\
             <td data-label=\"{how}\">{}</td><td data-label=\"{source}\">{}</td></tr>",
            escape(&row.figure),
            escape(&row.value),
            escape(&known(row, words)),
            escape(&row.provenance.source)
        );
    }
    out.push_str("</tbody>\n</table>\n</section>\n");
}

/// The quotes in the words they were said in; who said them and where in the page's
/// language.
fn quotes_section(out: &mut String, quotes: &[Quote], words: &Strings) {
    let h = &words.handout;
    let _ = writeln!(
        out,
        "<section id=\"all-quotes\">\n<h2>{} <small>{}</small></h2>",
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
    out.push_str("</section>\n");
}
