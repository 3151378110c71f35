//! PNG: an SVG rasterised by resvg with the export's fonts ([`super::fonts::Fonts`]).

use anyhow::{Context, Result, anyhow};
use resvg::tiny_skia::{Pixmap, Transform};
use resvg::usvg;

/// The parsed SVG as a PNG at one pixel per unit.
pub fn png(tree: &usvg::Tree) -> Result<Vec<u8>> {
    let size = tree.size().to_int_size();
    let mut pixmap = Pixmap::new(size.width(), size.height())
        .ok_or_else(|| anyhow!("no room for a {}×{} image", size.width(), size.height()))?;
    resvg::render(tree, Transform::default(), &mut pixmap.as_mut());
    pixmap.encode_png().context("encoding the PNG")
}
