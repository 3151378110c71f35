//! The PDF handout, with krilla: each page is an SVG from [`super::pages`], drawn by
//! krilla-svg with its text embedded as text (in a subset of the shipped font), so a reader
//! can select, search and extract it. Bookmarks lead to each view, the Sources and the quotes;
//! the document says its title and language, so a reader picks fonts and speech for it.

use std::collections::BTreeSet;

use anyhow::{Context, Result, anyhow};
use krilla::Document;
use krilla::destination::XyzDestination;
use krilla::geom::{Point, Size};
use krilla::metadata::Metadata;
use krilla::outline::{Outline, OutlineNode};
use krilla::page::PageSettings;
use krilla_svg::{SurfaceExt, SvgSettings};

use super::fonts::Fonts;
use super::pages::{PAGE_H, PAGE_W};
use super::svg::plain;
use gapdash_data::Lang;

/// What the document says about itself.
#[derive(Debug, Clone)]
pub struct About {
    pub title: String,
    pub lang: Lang,
}

/// The document made of `pages` (full-page SVGs) in order, bookmarks as (title, page
/// index); and for each page, the characters no font had a glyph for.
pub fn document(
    pages: &[String],
    bookmarks: &[(String, usize)],
    about: &About,
    fonts: &Fonts,
) -> Result<(Vec<u8>, Vec<BTreeSet<String>>)> {
    let mut doc = Document::new();
    let (w, h) = (PAGE_W as f32, PAGE_H as f32);
    let size = Size::from_wh(w, h).ok_or_else(|| anyhow!("page size {w}×{h}"))?;
    let mut missing = Vec::new();
    for (i, svg) in pages.iter().enumerate() {
        let (tree, lacking) = fonts
            .parse(svg)
            .with_context(|| format!("page {}", i + 1))?;
        missing.push(lacking);
        let settings = PageSettings::from_wh(w, h).ok_or_else(|| anyhow!("page size {w}×{h}"))?;
        let mut page = doc.start_page_with(settings);
        let mut surface = page.surface();
        surface
            .draw_svg(&tree, size, SvgSettings::default())
            .ok_or_else(|| anyhow!("drawing page {}", i + 1))?;
        surface.finish();
        page.finish();
    }
    let mut outline = Outline::new();
    for (name, page) in bookmarks {
        outline.push_child(OutlineNode::new(
            name.chars().map(plain).collect(),
            XyzDestination::new(*page, Point::from_xy(0.0, 0.0)),
        ));
    }
    doc.set_outline(outline);
    doc.set_metadata(
        Metadata::new()
            .title(about.title.chars().map(plain).collect())
            .creator("gapdash".to_string())
            .language(about.lang.tag().to_string()),
    );
    let bytes = doc.finish().map_err(|e| anyhow!("making the PDF: {e}"))?;
    Ok((bytes, missing))
}
