"""A TrueType face whose character tables are read in bulk: reportlab's result at a tenth of its cost.

reportlab's ``TTFontFile.extractInfo`` reads the character map, the horizontal metrics and the glyph
locations two bytes at a time through a method call each (~40,000 calls, ~20 ms per face; a PDF with
bold text reads two faces). :class:`BulkFace` lets reportlab read the names and the metrics of the
face (``extractInfo(charInfo=0)``, a few hundred reads), then reads those three tables with one
``struct.unpack_from`` each and builds the same dictionaries and lists in the same order. It covers
the two character map formats common fonts use (4, the Unicode BMP map, and 12, all of Unicode);
a face with any other, or anything it does not expect, is read by reportlab's own code, which also
reports what is wrong.

tests/export/test_pdf_font_tables.py holds the tables to reportlab's own, for generated fonts.
"""

from __future__ import annotations

import struct
from itertools import chain
from typing import Any

from reportlab.pdfbase.ttfonts import TTFont, TTFontFace

from tcdesk.export.pdf_reportlab import rebound

__all__ = ["BulkFace", "char_tables", "init_with_bulk_face"]

# The byte offsets reportlab reads these fields at (its ``skip`` calls, summed).
_HEAD_INDEX_TO_LOC_FORMAT = 50
_HEAD_GLYPH_DATA_FORMAT = 52
_HHEA_NUMBER_OF_METRICS = 34


def _ushort(data: bytes, offset: int) -> int:
    return struct.unpack_from(">H", data, offset)[0]


def _cmap_offset(face: Any) -> int | None:
    """Where the subtable reportlab chooses starts: its choice among the map's subtables, repeated."""
    data, cmap = face._ttf_data, face.table["cmap"]["offset"]
    version, count = struct.unpack_from(">HH", data, cmap)
    if count == 0 and version != 0:
        count = version
    chosen, enc = None, 0
    for n in range(count):
        platform, encoding, offset = struct.unpack_from(">HHL", data, cmap + 4 + 8 * n)
        if platform == 3:
            enc, chosen = 1, offset
        elif platform == 1 and encoding == 0 and enc != 1:
            enc, chosen = 2, offset
        elif (platform == 1 and encoding == 1) or (platform == 0 and encoding != 5):
            enc, chosen = 1, offset
    return None if chosen is None else chosen + cmap


def _cmap_4(data: bytes, start: int) -> tuple[dict[int, int], dict[int, list[int]]]:
    """The segment map (Unicode BMP): reportlab's loop over each segment's characters."""
    char_to_glyph: dict[int, int] = {}
    glyph_to_char: dict[int, list[int]] = {}
    limit = start + _ushort(data, start + 2)
    segments = _ushort(data, start + 6) // 2
    ends = struct.unpack_from(f">{segments}H", data, start + 14)
    starts = struct.unpack_from(f">{segments}H", data, start + 16 + 2 * segments)
    deltas = struct.unpack_from(f">{segments}h", data, start + 16 + 4 * segments)
    range_start = start + 16 + 6 * segments
    ranges = struct.unpack_from(f">{segments}H", data, range_start)
    for n in range(segments):
        first, delta, offset = starts[n], deltas[n], ranges[n]
        for char in range(first, ends[n] + 1):
            if offset == 0:
                glyph = (char + delta) & 0xFFFF
            else:
                at = range_start + 2 * n + (char - first) * 2 + offset
                if at >= limit:
                    glyph = 0  # reportlab's reading of a broken map
                else:
                    glyph = struct.unpack(">H", data[at : at + 2])[0]
                    if glyph != 0:
                        glyph = (glyph + delta) & 0xFFFF
            char_to_glyph[char] = glyph
            glyph_to_char.setdefault(glyph, []).append(char)
    return char_to_glyph, glyph_to_char


def _cmap_12(data: bytes, start: int) -> tuple[dict[int, int], dict[int, list[int]]] | None:
    """The segmented coverage map (all of Unicode): each group's characters at consecutive glyphs.

    ``None`` for groups that overlap (reportlab would list a character under each glyph it met).
    """
    groups = struct.unpack_from(">L", data, start + 12)[0]
    fields = struct.unpack_from(f">{3 * groups}L", data, start + 16)
    firsts, lasts, glyphs = fields[0::3], fields[1::3], fields[2::3]
    ends = [last + 1 for last in lasts]
    chars = chain.from_iterable(map(range, firsts, ends))
    glyph_runs = chain.from_iterable(map(range, glyphs, [g + end - first for first, end, g in zip(firsts, ends, glyphs, strict=True)]))
    char_to_glyph = dict(zip(chars, glyph_runs, strict=True))
    if len(char_to_glyph) != sum(max(0, end - first) for first, end in zip(firsts, ends, strict=True)):
        return None
    return char_to_glyph, _inverse(char_to_glyph)


def _inverse(char_to_glyph: dict[int, int]) -> dict[int, list[int]]:
    """Each glyph's characters, glyphs in the order first met (reportlab's ``glyphToChar``)."""
    if len(set(char_to_glyph.values())) == len(char_to_glyph):
        return {glyph: [char] for char, glyph in char_to_glyph.items()}
    glyph_to_char: dict[int, list[int]] = {}
    for char, glyph in char_to_glyph.items():
        glyph_to_char.setdefault(glyph, []).append(char)
    return glyph_to_char


_CMAPS = {4: _cmap_4, 12: _cmap_12}


def char_tables(face: Any) -> tuple[dict, dict, dict, list, list, float] | None:
    """``(charToGlyph, glyphToChar, charWidths, hmetrics, glyphPos, defaultWidth)`` as reportlab's
    ``extractInfo`` sets them, for a face whose names and metrics it has read; ``None`` when the face
    is not one this covers (reportlab's code then reads it)."""
    data, table = face._ttf_data, face.table
    if "loca" not in table or "hmtx" not in table or "hhea" not in table:
        return None
    head = table["head"]["offset"]
    if _ushort(data, head + _HEAD_GLYPH_DATA_FORMAT) != 0:
        return None
    loc_format = _ushort(data, head + _HEAD_INDEX_TO_LOC_FORMAT)
    metrics = _ushort(data, table["hhea"]["offset"] + _HHEA_NUMBER_OF_METRICS)
    glyphs = face.numGlyphs
    start = _cmap_offset(face)
    if start is None or loc_format not in (0, 1):
        return None
    fmt = _ushort(data, start)
    if fmt not in _CMAPS:
        return None
    maps = _CMAPS[fmt](data, start)
    if maps is None:
        return None
    char_to_glyph, glyph_to_char = maps
    scale = face._pdfScale
    hmtx = table["hmtx"]["offset"]
    pairs = struct.unpack_from(f">{2 * metrics}H", data, hmtx)
    # reportlab keeps each advance unscaled in hmetrics, scaled in charWidths, and repeats the last
    # one, already scaled, for the glyphs past the metrics.
    advances, bearings = pairs[0::2], pairs[1::2]
    hmetrics = list(zip(advances, bearings, strict=True))
    widths = list(map(scale, advances))
    if glyphs > metrics:
        rest = struct.unpack_from(f">{glyphs - metrics}H", data, hmtx + 4 * metrics)
        hmetrics.extend((widths[-1], bearing) for bearing in rest)
        widths.extend([widths[-1]] * (glyphs - metrics))
    # In glyph order, each glyph's characters in map order; glyphs past the font's count have no width.
    char_widths = {char: widths[glyph] for glyph in sorted(glyph_to_char) if glyph < len(widths)
                   for char in glyph_to_char[glyph]}
    default_width = widths[0]
    loca = table["loca"]["offset"]
    if loc_format == 0:
        glyph_pos = [value << 1 for value in struct.unpack_from(f">{glyphs + 1}H", data, loca)]
    else:
        glyph_pos = list(struct.unpack_from(f">{glyphs + 1}L", data, loca))
    face._pos = loca + (glyphs + 1) * (2 << loc_format)  # where reportlab's reading stops
    if 0x20 in char_to_glyph:
        char_to_glyph[0xA0] = char_to_glyph[0x20]
        char_widths[0xA0] = char_widths[0x20]
    elif 0xA0 in char_to_glyph:
        char_to_glyph[0x20] = char_to_glyph[0xA0]
        char_widths[0x20] = char_widths[0xA0]
    return char_to_glyph, glyph_to_char, char_widths, hmetrics, glyph_pos, default_width


class BulkFace(TTFontFace):
    """reportlab's TrueType face with the character tables read by :func:`char_tables`."""

    def extractInfo(self, charInfo=1):  # noqa: N802, N803 - reportlab's names
        super().extractInfo(0)
        if not charInfo:
            return
        try:
            tables = char_tables(self)
        except (struct.error, KeyError, IndexError, ValueError):
            tables = None
        if tables is None:
            super().extractInfo(charInfo)
            return
        (self.charToGlyph, self.glyphToChar, self.charWidths, self.hmetrics, self.glyphPos,
         self.defaultWidth) = tables


init_with_bulk_face = rebound(TTFont.__init__, {**vars(__import__("reportlab.pdfbase.ttfonts", fromlist=["x"])),
                                                "TTFontFace": BulkFace})
"""``TTFont.__init__`` making a :class:`BulkFace` where it makes a ``TTFontFace``."""
