//! The shipped font: DejaVu Sans Mono (assets/fonts/, Bitstream Vera licence), compiled in.
//! PNGs and PDFs are drawn with it and nothing else, so they look the same on every machine;
//! the HTML page carries the faces its screens use.

use std::sync::Arc;

use resvg::usvg::{self, fontdb};

use super::svg::Faces;

pub const FAMILY: &str = "DejaVu Sans Mono";

/// (CSS weight, CSS style, file name, bytes) of each face.
pub const FACES: [(&str, &str, &str, &[u8]); 4] = [
    (
        "normal",
        "normal",
        "DejaVuSansMono.ttf",
        include_bytes!("../../assets/fonts/DejaVuSansMono.ttf"),
    ),
    (
        "bold",
        "normal",
        "DejaVuSansMono-Bold.ttf",
        include_bytes!("../../assets/fonts/DejaVuSansMono-Bold.ttf"),
    ),
    (
        "normal",
        "italic",
        "DejaVuSansMono-Oblique.ttf",
        include_bytes!("../../assets/fonts/DejaVuSansMono-Oblique.ttf"),
    ),
    (
        "bold",
        "italic",
        "DejaVuSansMono-BoldOblique.ttf",
        include_bytes!("../../assets/fonts/DejaVuSansMono-BoldOblique.ttf"),
    ),
];

/// The faces `faces` says are used, in the order of [`FACES`].
pub fn used(
    faces: Faces,
) -> impl Iterator<Item = &'static (&'static str, &'static str, &'static str, &'static [u8])> {
    let wanted = [faces.regular, faces.bold, faces.italic, faces.bold_italic];
    FACES
        .iter()
        .zip(wanted)
        .filter_map(|(face, wanted)| wanted.then_some(face))
}

/// A font database holding only the shipped faces, with every generic family mapped to
/// them: no system font is ever looked up.
pub fn database() -> fontdb::Database {
    let mut db = fontdb::Database::new();
    for (_, _, _, bytes) in FACES {
        db.load_font_source(fontdb::Source::Binary(Arc::new(bytes)));
    }
    db.set_monospace_family(FAMILY);
    db.set_sans_serif_family(FAMILY);
    db.set_serif_family(FAMILY);
    db.set_cursive_family(FAMILY);
    db.set_fantasy_family(FAMILY);
    db
}

/// SVG parsing options that resolve every font to the shipped one.
pub fn options(db: Arc<fontdb::Database>) -> usvg::Options<'static> {
    usvg::Options {
        font_family: FAMILY.to_string(),
        fontdb: db,
        ..usvg::Options::default()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_database_holds_the_four_shipped_faces_only() {
        let db = database();
        assert_eq!(db.len(), 4);
        assert!(
            db.faces()
                .all(|f| f.families.iter().any(|(name, _)| name == FAMILY))
        );
        let bold = fontdb::Query {
            families: &[fontdb::Family::Monospace],
            weight: fontdb::Weight::BOLD,
            ..fontdb::Query::default()
        };
        assert!(db.query(&bold).is_some());
    }
}
