#!/usr/bin/env python3
"""Looks at what `gapdash export` made, as CI can without OCR or image libraries.

    look.py not-blank IMAGE.png     at least 8 colours, and at least 2 % of the pixels
                                    differ from the most common colour (the background)
    look.py figures DOM.html ID F…  the element with id="ID" in a DOM dump holds every F

Exit status 1, with the reason, when the check fails.
"""

import re
import struct
import sys
import zlib
from collections import Counter


def pixels(path):
    """(width, height, list of pixel tuples) of an 8-bit, non-interlaced PNG."""
    with open(path, "rb") as f:
        data = f.read()
    if data[:8] != b"\x89PNG\r\n\x1a\n":
        sys.exit(f"{path}: not a PNG")
    pos, idat, header = 8, b"", None
    while pos < len(data):
        length, kind = struct.unpack(">I4s", data[pos : pos + 8])
        body = data[pos + 8 : pos + 8 + length]
        if kind == b"IHDR":
            header = struct.unpack(">IIBBBBB", body)
        elif kind == b"IDAT":
            idat += body
        pos += 12 + length
    width, height, depth, colour, _, _, interlace = header
    channels = {0: 1, 2: 3, 4: 2, 6: 4}.get(colour)
    if depth != 8 or channels is None or interlace:
        sys.exit(f"{path}: PNG kind not handled (depth {depth}, colour {colour})")
    raw = zlib.decompress(idat)
    stride = width * channels
    rows, prev, i = [], bytearray(stride), 0
    for _ in range(height):
        kind, line = raw[i], bytearray(raw[i + 1 : i + 1 + stride])
        i += 1 + stride
        for x in range(stride):
            a = line[x - channels] if x >= channels else 0
            b = prev[x]
            c = prev[x - channels] if x >= channels else 0
            if kind == 1:
                line[x] = (line[x] + a) & 255
            elif kind == 2:
                line[x] = (line[x] + b) & 255
            elif kind == 3:
                line[x] = (line[x] + (a + b) // 2) & 255
            elif kind == 4:
                p = a + b - c
                pa, pb, pc = abs(p - a), abs(p - b), abs(p - c)
                pred = a if pa <= pb and pa <= pc else (b if pb <= pc else c)
                line[x] = (line[x] + pred) & 255
        rows.append(line)
        prev = line
    out = []
    for line in rows:
        out.extend(tuple(line[x : x + channels]) for x in range(0, stride, channels))
    return width, height, out


def not_blank(path):
    width, height, px = pixels(path)
    counts = Counter(px)
    _, background = counts.most_common(1)[0]
    other = 1 - background / len(px)
    print(f"{path}: {width}x{height}, {len(counts)} colours, {other:.1%} not background")
    if len(counts) < 8 or other < 0.02:
        sys.exit(f"{path} looks blank")


def figures(path, element_id, wanted):
    with open(path, encoding="utf-8") as f:
        dom = f.read()
    start = dom.find(f'id="{element_id}"')
    if start < 0:
        sys.exit(f"{path}: no element with id {element_id}")
    end = dom.find("</figure>", start)
    # The text as a reader sees it: tags out, entities as characters.
    text = re.sub(r"<[^>]+>", " ", dom[start:end]).replace("&amp;", "&")
    # A screen's line is several <text> runs (wide characters have runs of their own), so
    # "1.7万亿元" is "1.7" then "万亿元": compared without the spaces between runs.
    squeezed = re.sub(r"\s+", "", text)
    missing = [w for w in wanted if w not in text and re.sub(r"\s+", "", w) not in squeezed]
    if missing:
        sys.exit(f"{path}: {element_id} does not show {missing}")
    print(f"{path}: {element_id} shows {', '.join(wanted)}")


if __name__ == "__main__":
    if len(sys.argv) == 3 and sys.argv[1] == "not-blank":
        not_blank(sys.argv[2])
    elif len(sys.argv) >= 5 and sys.argv[1] == "figures":
        figures(sys.argv[2], sys.argv[3], sys.argv[4:])
    else:
        sys.exit(__doc__)
