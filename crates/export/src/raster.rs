//! PNG: an SVG rasterised by resvg with the shipped font only.

use std::sync::Arc;

use anyhow::{Context, Result, anyhow};
use resvg::tiny_skia::{Pixmap, Transform};
use resvg::usvg::{self, fontdb};

use super::fonts;

/// Parses an SVG with the shipped font.
pub fn tree(svg: &str, db: &Arc<fontdb::Database>) -> Result<usvg::Tree> {
    usvg::Tree::from_str(svg, &fonts::options(Arc::clone(db))).context("reading the drawn SVG")
}

/// The SVG as a PNG at one pixel per unit.
pub fn png(svg: &str, db: &Arc<fontdb::Database>) -> Result<Vec<u8>> {
    let tree = tree(svg, db)?;
    let size = tree.size().to_int_size();
    let mut pixmap = Pixmap::new(size.width(), size.height())
        .ok_or_else(|| anyhow!("no room for a {}×{} image", size.width(), size.height()))?;
    resvg::render(&tree, Transform::default(), &mut pixmap.as_mut());
    pixmap.encode_png().context("encoding the PNG")
}
