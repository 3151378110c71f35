//! `index.html`: one page that needs nothing else. Every view as inline SVG, the Sources as
//! a table and the quotes as text; the font the screens use is carried inside as data, and
//! there are no scripts and no links out. It reflows on a phone (the table becomes one block
//! per figure, the screens scale) and prints one view per page.

use std::fmt::Write;

use base64::Engine;

use crate::data::{Headline, Quote, SourceRow};

use super::fonts;
use super::pages::{Palette, known, legend};
use super::svg::{Faces, escape};

/// One screen on the page: its anchor, its caption and its inline SVG.
pub struct Figure<'a> {
    pub id: &'a str,
    pub caption: String,
    pub svg: &'a str,
}

pub fn page(
    headline: &Headline,
    figures: &[Figure],
    faces: Faces,
    rows: &[SourceRow],
    quotes: &[Quote],
    p: &Palette,
) -> String {
    let mut out = String::with_capacity(2 * 1024 * 1024);
    let title = escape(&headline.title);
    let _ = write!(
        out,
        "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n\
         <meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n\
         <title>{title} · gapdash handout</title>\n<style>\n"
    );
    for (weight, style, _, bytes) in fonts::used(faces) {
        let _ = writeln!(
            out,
            "@font-face{{font-family:'{}';font-weight:{weight};font-style:{style};\
             src:url(data:font/ttf;base64,{}) format('truetype')}}",
            fonts::FAMILY,
            base64::engine::general_purpose::STANDARD.encode(bytes)
        );
    }
    let _ = write!(
        out,
        "body{{margin:0 auto;max-width:78rem;padding:1rem;background:{paper};color:{ink};\
         font:16px/1.45 system-ui,-apple-system,'Segoe UI',Roboto,'DejaVu Sans',sans-serif}}\n\
         h1{{font-size:1.5rem;margin:.5rem 0;color:{heading}}}\n\
         h2{{font-size:1.25rem;margin:2rem 0 .5rem;color:{heading}}}\n\
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
    );
    let _ = writeln!(
        out,
        "<header>\n<h1>{title}</h1>\n<p class=\"muted\">Released {} · {}. The screens of \
         gapdash as shown, then every figure with its source, and the quotes.</p>\n</header>",
        escape(&headline.released),
        escape(&headline.venue)
    );
    out.push_str("<nav>");
    for figure in figures {
        let _ = write!(
            out,
            "<a href=\"#{}\">{}</a> ",
            figure.id,
            escape(&figure.caption)
        );
    }
    out.push_str("<a href=\"#sources\">Sources</a> <a href=\"#quotes\">Quotes</a></nav>\n<main>\n");
    for figure in figures {
        let _ = writeln!(
            out,
            "<figure class=\"view\" id=\"{}\">\n<figcaption>{}</figcaption>\n{}</figure>",
            figure.id,
            escape(&figure.caption),
            figure.svg
        );
    }
    sources(&mut out, rows);
    quotes_section(&mut out, quotes);
    out.push_str("</main>\n</body>\n</html>\n");
    out
}

fn sources(out: &mut String, rows: &[SourceRow]) {
    let _ = writeln!(
        out,
        "<section id=\"sources\">\n<h2>Sources</h2>\n<p class=\"muted\">Every figure in this \
         handout, {} in all. {}.</p>\n<table>\n<thead><tr>\
         <th>Figure</th><th>Value</th><th>How known</th><th>Source</th></tr></thead>\n<tbody>",
        rows.len(),
        escape(&legend(rows).join(". "))
    );
    for row in rows {
        let _ = writeln!(
            out,
            "<tr><td data-label=\"Figure\">{}</td><td class=\"value\" data-label=\"Value\">{}</td>\
             <td data-label=\"How known\">{}</td><td data-label=\"Source\">{}</td></tr>",
            escape(&row.figure),
            escape(&row.value),
            escape(&known(row)),
            escape(&row.provenance.source)
        );
    }
    out.push_str("</tbody>\n</table>\n</section>\n");
}

fn quotes_section(out: &mut String, quotes: &[Quote]) {
    out.push_str("<section id=\"quotes\">\n<h2>Quotes</h2>\n");
    for quote in quotes {
        let kind = if quote.reported {
            "reported speech"
        } else {
            "direct quote"
        };
        let _ = writeln!(
            out,
            "<figure class=\"quote\"><blockquote><p>{}</p></blockquote>\
             <figcaption><strong>— {}</strong><br><span class=\"muted\">{} · {kind}</span>\
             </figcaption></figure>",
            escape(&quote.display_text()),
            escape(&quote.speaker),
            escape(&quote.source)
        );
    }
    out.push_str("</section>\n");
}
