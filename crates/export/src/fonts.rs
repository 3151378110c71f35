//! The shipped fonts, compiled in: DejaVu Sans Mono (assets/fonts/, Bitstream Vera licence)
//! for Latin text, and Noto Sans Mono CJK SC (SIL OFL 1.1) cut down by
//! assets/fonts/subset.py to the Chinese characters the data and its words use. PNGs and PDFs
//! are drawn with these, so they look the same on every machine; only a character they lack
//! (a presenter's own Chinese, Korean) is drawn in a font of the machine's, and one no font
//! has is named ([`missing`]). The HTML page carries the faces its screens use.

use std::cell::{OnceCell, RefCell};
use std::collections::{BTreeMap, BTreeSet};
use std::sync::Arc;

use anyhow::{Context, Result};
use resvg::usvg::{self, FontResolver, fontdb};

use super::svg::{Faces, escape};

pub const FAMILY: &str = "DejaVu Sans Mono";
pub const CJK_FAMILY: &str = "Noto Sans Mono CJK SC";

/// One font file as the HTML page declares it.
#[derive(Debug)]
pub struct Face {
    pub family: &'static str,
    /// CSS `font-weight` and `font-style`.
    pub weight: &'static str,
    pub style: &'static str,
    pub file: &'static str,
    pub bytes: &'static [u8],
}

impl Face {
    /// The MIME type and the CSS `format()` of the file.
    pub fn format(&self) -> (&'static str, &'static str) {
        if self.file.ends_with(".otf") {
            ("font/otf", "opentype")
        } else {
            ("font/ttf", "truetype")
        }
    }
}

/// Every shipped face, in the order of [`Faces`]' fields.
pub const FACES: [Face; 6] = [
    Face {
        family: FAMILY,
        weight: "normal",
        style: "normal",
        file: "DejaVuSansMono.ttf",
        bytes: include_bytes!("../../../assets/fonts/DejaVuSansMono.ttf"),
    },
    Face {
        family: FAMILY,
        weight: "bold",
        style: "normal",
        file: "DejaVuSansMono-Bold.ttf",
        bytes: include_bytes!("../../../assets/fonts/DejaVuSansMono-Bold.ttf"),
    },
    Face {
        family: FAMILY,
        weight: "normal",
        style: "italic",
        file: "DejaVuSansMono-Oblique.ttf",
        bytes: include_bytes!("../../../assets/fonts/DejaVuSansMono-Oblique.ttf"),
    },
    Face {
        family: FAMILY,
        weight: "bold",
        style: "italic",
        file: "DejaVuSansMono-BoldOblique.ttf",
        bytes: include_bytes!("../../../assets/fonts/DejaVuSansMono-BoldOblique.ttf"),
    },
    Face {
        family: CJK_FAMILY,
        weight: "normal",
        style: "normal",
        file: "NotoSansMonoCJKsc-Regular.subset.otf",
        bytes: include_bytes!("../../../assets/fonts/NotoSansMonoCJKsc-Regular.subset.otf"),
    },
    Face {
        family: CJK_FAMILY,
        weight: "bold",
        style: "normal",
        file: "NotoSansMonoCJKsc-Bold.subset.otf",
        bytes: include_bytes!("../../../assets/fonts/NotoSansMonoCJKsc-Bold.subset.otf"),
    },
];

/// The faces `faces` says are used, in the order of [`FACES`].
pub fn used(faces: Faces) -> impl Iterator<Item = &'static Face> {
    let wanted = [
        faces.regular,
        faces.bold,
        faces.italic,
        faces.bold_italic,
        faces.cjk_regular,
        faces.cjk_bold,
    ];
    FACES
        .iter()
        .zip(wanted)
        .filter_map(|(face, wanted)| wanted.then_some(face))
}

/// A font database holding only the shipped faces, with every generic family mapped to
/// DejaVu Sans Mono.
pub fn shipped() -> fontdb::Database {
    let mut db = fontdb::Database::new();
    for face in &FACES {
        db.load_font_source(fontdb::Source::Binary(Arc::new(face.bytes)));
    }
    db.set_monospace_family(FAMILY);
    db.set_sans_serif_family(FAMILY);
    db.set_serif_family(FAMILY);
    db.set_cursive_family(FAMILY);
    db.set_fantasy_family(FAMILY);
    db
}

/// The shipped faces, then the machine's own for the characters they lack. The machine's
/// faces of the shipped families go, so a name always means the shipped face.
pub fn database() -> fontdb::Database {
    let mut db = shipped();
    let ours: Vec<fontdb::ID> = db.faces().map(|f| f.id).collect();
    db.load_system_fonts();
    let clashing: Vec<fontdb::ID> = db
        .faces()
        .filter(|f| !ours.contains(&f.id))
        .filter(|f| {
            f.families
                .iter()
                .any(|(name, _)| name == FAMILY || name == CJK_FAMILY)
        })
        .map(|f| f.id)
        .collect();
    for id in clashing {
        db.remove_face(id);
    }
    db
}

/// SVG parsing options that resolve every font to the shipped ones: a character DejaVu Sans
/// Mono lacks falls back to the CJK face of the text's own weight. (usvg's own fallback
/// takes the first face in the database that has the character, whatever its weight, so
/// bold Chinese would come out regular.)
pub fn options(db: Arc<fontdb::Database>) -> usvg::Options<'static> {
    let others = FontResolver::default_fallback_selector();
    let font_resolver = FontResolver {
        select_font: FontResolver::default_font_selector(),
        select_fallback: Box::new(move |c, used, db| {
            let weight = db.face(*used.first()?)?.weight;
            let cjk = db.query(&fontdb::Query {
                families: &[fontdb::Family::Name(CJK_FAMILY)],
                weight,
                ..fontdb::Query::default()
            });
            // A CJK face that lacks the character is tried once, then usvg asks again.
            match cjk {
                Some(id) if !used.contains(&id) => Some(id),
                _ => others(c, used, db),
            }
        }),
    };
    usvg::Options {
        font_family: FAMILY.to_string(),
        fontdb: db,
        font_resolver,
        ..usvg::Options::default()
    }
}

/// The export's fonts: the shipped ones, and the machine's only once a page needs a
/// character those lack, so a handout of the report's own words is the same on every
/// machine and pays nothing for the machine's fonts; and which characters no font draws.
pub struct Fonts {
    shipped: Arc<fontdb::Database>,
    all: OnceCell<Arc<fontdb::Database>>,
    drawable: RefCell<BTreeMap<String, bool>>,
}

impl Default for Fonts {
    fn default() -> Fonts {
        Fonts {
            shipped: Arc::new(shipped()),
            all: OnceCell::new(),
            drawable: RefCell::default(),
        }
    }
}

impl Fonts {
    /// The shipped fonts and the machine's, loaded the first time they are needed.
    fn all(&self) -> &Arc<fontdb::Database> {
        self.all.get_or_init(|| Arc::new(database()))
    }

    fn parse_with(svg: &str, db: &Arc<fontdb::Database>) -> Result<usvg::Tree> {
        usvg::Tree::from_str(svg, &options(Arc::clone(db))).context("reading the drawn SVG")
    }

    /// Whether some face draws `glyph` (a character, or a cluster of them), found once.
    fn draws(&self, glyph: &str) -> bool {
        if let Some(&known) = self.drawable.borrow().get(glyph) {
            return known;
        }
        let probe = format!(
            "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"40\" height=\"40\">\
             <text y=\"20\">{}</text></svg>",
            escape(glyph)
        );
        let draws = Fonts::parse_with(&probe, self.all()).is_ok_and(|t| missing(&t).is_empty());
        self.drawable.borrow_mut().insert(glyph.to_string(), draws);
        draws
    }

    /// `svg` parsed to be drawn, and the characters of its text no font draws. Those are
    /// drawn as U+FFFD: usvg stops looking for fonts at the first character none has, which
    /// would leave the rest of its line in boxes too.
    pub fn parse(&self, svg: &str) -> Result<(usvg::Tree, BTreeSet<String>)> {
        let tree = Fonts::parse_with(svg, &self.shipped)?;
        if missing(&tree).is_empty() {
            return Ok((tree, BTreeSet::new()));
        }
        let tree = Fonts::parse_with(svg, self.all())?;
        let lacking = missing(&tree);
        let none: Vec<&String> = lacking.iter().filter(|g| !self.draws(g)).collect();
        if none.is_empty() {
            return Ok((tree, lacking));
        }
        let mut marked = svg.to_string();
        for glyph in &none {
            marked = marked.replace(glyph.as_str(), "\u{fffd}");
        }
        let tree = Fonts::parse_with(&marked, self.all())?;
        let mut still = missing(&tree);
        still.remove("\u{fffd}");
        still.extend(none.into_iter().cloned());
        Ok((tree, still))
    }
}

/// The characters of `svg`'s text that no face of `options`' font database has a glyph for,
/// as `options` resolves fonts: what a viewer with those fonts would draw as a box.
pub fn missing_glyphs(svg: &str, options: &usvg::Options) -> Result<BTreeSet<String>, usvg::Error> {
    Ok(missing(&usvg::Tree::from_str(svg, options)?))
}

/// The characters of a parsed SVG's text that were laid out without a glyph.
pub fn missing(tree: &usvg::Tree) -> BTreeSet<String> {
    fn walk(group: &usvg::Group, out: &mut BTreeSet<String>) {
        for node in group.children() {
            match node {
                usvg::Node::Group(g) => walk(g, out),
                usvg::Node::Text(t) => {
                    for span in t.layouted() {
                        for glyph in &span.positioned_glyphs {
                            if glyph.id.0 == 0 && !glyph.text.trim().is_empty() {
                                out.insert(glyph.text.clone());
                            }
                        }
                    }
                }
                _ => {}
            }
        }
    }
    let mut out = BTreeSet::new();
    walk(tree.root(), &mut out);
    out
}

#[cfg(test)]
mod tests {
    use super::super::color::{INK, PAPER};
    use super::super::svg;
    use super::*;
    use ratatui::buffer::Buffer;
    use ratatui::layout::Rect;

    #[test]
    fn the_shipped_database_holds_the_six_shipped_faces_only() {
        let db = shipped();
        assert_eq!(db.len(), 6);
        for family in [FAMILY, CJK_FAMILY] {
            assert_eq!(
                db.faces()
                    .filter(|f| f.families.iter().any(|(name, _)| name == family))
                    .count(),
                if family == FAMILY { 4 } else { 2 },
                "{family}"
            );
        }
        let bold = fontdb::Query {
            families: &[fontdb::Family::Monospace],
            weight: fontdb::Weight::BOLD,
            ..fontdb::Query::default()
        };
        assert!(db.query(&bold).is_some());
    }

    /// Each glyph of an SVG as the export draws it: its text, where it starts (in units),
    /// and the family and weight of the face it is drawn with.
    fn glyphs(svg: &str) -> Vec<(String, f32, String, u16)> {
        let db = Arc::new(shipped());
        let tree = usvg::Tree::from_str(svg, &options(Arc::clone(&db))).expect("parses");
        let mut out = Vec::new();
        for node in tree.root().children() {
            if let usvg::Node::Text(t) = node {
                for span in t.layouted() {
                    for g in &span.positioned_glyphs {
                        let face = db.face(g.font).expect("a shipped face");
                        let family = face.families[0].0.clone();
                        out.push((g.text.clone(), g.transform().tx, family, face.weight.0));
                    }
                }
            }
        }
        out
    }

    /// The family and weight of each glyph of `text` in the screens' font stack.
    fn drawn_with(text: &str, bold: bool) -> Vec<(String, u16)> {
        let svg = format!(
            "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"400\" height=\"30\">\
             <text x=\"0\" y=\"20\" font-family=\"{}\"{}>{text}</text></svg>",
            svg::FONT_STACK,
            if bold { " font-weight=\"bold\"" } else { "" }
        );
        glyphs(&svg)
            .into_iter()
            .map(|(_, _, family, weight)| (family, weight))
            .collect()
    }

    #[test]
    fn chinese_falls_back_to_the_cjk_face_of_the_same_weight() {
        let dejavu = |w| (FAMILY.to_string(), w);
        let cjk = |w| (CJK_FAMILY.to_string(), w);
        assert_eq!(
            drawn_with("L 中文", false),
            [dejavu(400), dejavu(400), cjk(400), cjk(400)]
        );
        assert_eq!(
            drawn_with("5 个百分点", true),
            [
                dejavu(700),
                dejavu(700),
                cjk(700),
                cjk(700),
                cjk(700),
                cjk(700)
            ]
        );
    }

    #[test]
    fn a_wide_glyph_is_drawn_centred_on_its_two_cells() {
        // The CJK font advances two cells a character at the screens' size.
        let pair = glyphs(&format!(
            "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"99\" height=\"30\">\
             <text x=\"0\" y=\"20\" font-family=\"{}\" font-size=\"{}\">中文</text></svg>",
            svg::CJK_STACK,
            svg::FONT_SIZE
        ));
        assert!((pair[1].1 - pair[0].1 - 24.0).abs() < 0.01, "{pair:?}");

        let mut buf = Buffer::empty(Rect::new(0, 0, 16, 1));
        buf.set_string(0, 0, "L 中文 5个百分点", ratatui::style::Style::new());
        let style = svg::Style {
            id: "t",
            title: "t",
            ink: INK,
            paper: PAPER,
            embed: svg::Embed::File,
        };
        let placed = glyphs(&svg::render(&buf, style).text);
        let at = |c: &str| {
            let (_, x, family, _) = placed.iter().find(|(t, ..)| t == c).expect(c);
            (*x, family == CJK_FAMILY)
        };
        let near = |(x, cjk): (f32, bool), want: f32, want_cjk: bool| {
            assert!(
                (x - want).abs() < 0.01 && cjk == want_cjk,
                "{x} {cjk}, not {want}"
            );
        };
        // Narrow glyphs start on their cell; a wide one's em 2.035 units into its two, so
        // it ends 2.035 units before the next cell.
        near(at("L"), 0.0, false);
        near(at("中"), 26.035, true);
        near(at("文"), 50.035, true);
        near(at("5"), 84.0, false);
        near(at("个"), 98.035, true);
        near(at("点"), 170.035, true);
    }
}
