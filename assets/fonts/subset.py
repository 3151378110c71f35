#!/usr/bin/env python3
"""Makes the handouts' Chinese font: Noto Sans Mono CJK SC, regular and bold, cut down to
the characters gapdash's data and words use. DejaVu Sans Mono has no CJK glyphs, and the
whole CJK font is 16 MB a weight; the cut is about 70 kB a weight.

    python3 assets/fonts/subset.py [REGULAR.ttc BOLD.ttc]

Run it after a data file or data/i18n/*.toml gains a character; `cargo test --test export`
fails until then, naming the characters with no glyph. CI does not run it: the .otf files
it writes are committed.

What goes in: every character of data/**/*.toml (the i18n files included) that DejaVu Sans
Mono (assets/fonts/DejaVuSansMono.ttf) has no glyph for, and the CJK punctuation a
translation may use; DejaVu Sans Mono draws everything else. One change to the glyphs: a
wide character advances exactly two of DejaVu Sans Mono's cells (1204 of 1000 units
instead of 1000), its outline left where it was. A screen's text then sits on the cell grid
as DejaVu Sans Mono's does (src/export/svg.rs starts a run 0.102 em in, so each glyph is
centred on its two cells), and a PDF's characters touch, so a reader extracts 城镇 and
not 城 镇. The fonts come from Debian's fonts-noto-cjk (1:20220127+repack1-1:
NotoSansCJK-Regular.ttc and NotoSansCJK-Bold.ttc, Noto Sans CJK version 2.004, SIL Open
Font License 1.1, assets/fonts/LICENSE-NotoSansCJK.txt); face 7 of each is the Mono SC
face. Made with fontTools 4.x (`pip install fonttools`); the same fonts and fontTools give
the same bytes (the fonts' own timestamps are kept).
"""

import sys
import unicodedata
from pathlib import Path

from fontTools import subset
from fontTools.ttLib import TTCollection, TTFont

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent.parent
SYSTEM = Path("/usr/share/fonts/opentype/noto")
FAMILY = "Noto Sans Mono CJK SC"
VERSION = "Version 2.004"
# (face in the collection, source file, what to write)
WEIGHTS = [
    ("Regular", "NotoSansCJK-Regular.ttc", "NotoSansMonoCJKsc-Regular.subset.otf"),
    ("Bold", "NotoSansCJK-Bold.ttc", "NotoSansMonoCJKsc-Bold.subset.otf"),
]
# CJK punctuation, whether or not a file uses it yet, so a new sentence rarely needs a cut.
# (“”‘’…—–· are DejaVu Sans Mono's: one cell each, as a terminal shows them.)
PUNCTUATION = "，。：；、（）《》！？【】「」％"
# DejaVu Sans Mono advances 1233/2048 em: a wide character's two cells, in ems.
TWO_CELLS_EM = 2 * 1233 / 2048


def wanted():
    """The characters to keep, sorted."""
    dejavu = TTFont(HERE / "DejaVuSansMono.ttf").getBestCmap()
    chars = set(PUNCTUATION)
    for path in sorted((ROOT / "data").rglob("*.toml")):
        for c in path.read_text(encoding="utf-8"):
            if not c.isspace() and ord(c) > 0x7F and ord(c) not in dejavu:
                chars.add(c)
    return "".join(sorted(chars))


def face(collection, family):
    """The face of `family` in a .ttc."""
    for font in TTCollection(collection).fonts:
        names = font["name"]
        if names.getDebugName(1) == family or names.getDebugName(16) == family:
            version = names.getDebugName(5) or ""
            if not version.startswith(VERSION):
                sys.exit(f"{collection}: {family} is {version!r}, not {VERSION}")
            return font
    sys.exit(f"{collection} has no {family}")


def widen(font):
    """Every wide character's glyph advances two cells; says which are not wide."""
    two_cells = round(TWO_CELLS_EM * font["head"].unitsPerEm)
    hmtx = font["hmtx"]
    for code, glyph in font.getBestCmap().items():
        if unicodedata.east_asian_width(chr(code)) in ("W", "F"):
            hmtx[glyph] = (two_cells, hmtx[glyph][1])
        else:
            print(f"warning: U+{code:04X} {chr(code)} is not wide: it will not sit on the cells")
    font["hhea"].advanceWidthMax = max(advance for advance, _ in hmtx.metrics.values())
    font["OS/2"].recalcAvgCharWidth(font)


def cut(font, text, out):
    options = subset.Options()
    # Glyphs drawn one to a pair of cells: no shaping features, no vertical metrics.
    options.layout_features = []
    options.drop_tables += ["vhea", "vmtx", "VORG", "BASE", "GSUB", "GPOS"]
    # The copyright, the licence and the names, as the original has them.
    options.name_IDs = ["*"]
    options.notdef_outline = True
    subsetter = subset.Subsetter(options)
    subsetter.populate(text=text)
    subsetter.subset(font)
    widen(font)
    font.recalcTimestamp = False
    font.save(out)


def main():
    sources = sys.argv[1:] or [str(SYSTEM / name) for _, name, _ in WEIGHTS]
    if len(sources) != len(WEIGHTS):
        sys.exit(__doc__)
    text = wanted()
    for (weight, _, name), source in zip(WEIGHTS, sources):
        font = face(source, FAMILY)
        if font["name"].getDebugName(2) != weight:
            sys.exit(f"{source}: {FAMILY} is {font['name'].getDebugName(2)}, not {weight}")
        out = HERE / name
        cut(font, text, out)
        print(f"{out.relative_to(ROOT)}: {len(text)} characters, {out.stat().st_size} bytes")


if __name__ == "__main__":
    main()
