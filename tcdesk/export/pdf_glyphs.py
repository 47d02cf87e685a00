"""Which characters the PDF export can draw: those its text face (resources/export-style.yaml,
``pdf.fonts.regular``, the font the PDF embeds) has a glyph for. Any other prints as an empty box.

The face's character map is read once per version of the font file (see :mod:`tcdesk.yaml_cache`),
so a check that asks need not load reportlab or parse the font.
"""

from __future__ import annotations

import struct
import unicodedata
from bisect import bisect_right
from functools import cache
from pathlib import Path

from tcdesk.export.style import style
from tcdesk.paths import resource

__all__ = ["can_draw", "undrawable"]


def can_draw(ch: str) -> bool:
    """Whether the PDF's text face has a glyph for the character ``ch``."""
    firsts, lasts = _ranges()
    code = ord(ch)
    i = bisect_right(firsts, code) - 1
    return i >= 0 and code <= lasts[i]


def undrawable(text: str) -> list[str]:
    """The characters of ``text`` the PDF cannot draw, each once, in the order they first appear.

    Control characters (tabs, line ends) are left out: the export lays them out, it never draws them.
    """
    if text.isascii():  # every printable ASCII character has a glyph (a test holds the font to it)
        return []
    unknown = set(text).difference(_FINE)
    if not unknown:
        return []
    missing = set()
    for ch in unknown:
        if can_draw(ch) or unicodedata.category(ch) == "Cc":
            _FINE.add(ch)  # at most the font's few thousand characters and the controls
        else:
            missing.add(ch)
    return [ch for ch in dict.fromkeys(text) if ch in missing] if missing else []


#: Characters known to be drawn (or never drawn, as controls): most texts hold only these, and a set
#: difference finds the others without looking each character up.
_FINE: set[str] = {chr(code) for code in range(128)}  # printable ASCII, and ASCII's controls


@cache
def _ranges() -> tuple[list[int], list[int]]:
    """The face's character map as the first and last code points of its runs, in order."""
    from tcdesk.yaml_cache import cached_parse

    path = resource("fonts", style()["pdf"]["fonts"]["regular"])
    ranges = cached_parse(path, _character_ranges, "tcdesk-pdf-glyphs", decode=_checked_ranges, depends_on=_cmap_table)
    return [first for first, _ in ranges], [last for _, last in ranges]


def _character_ranges(path: Path) -> list[list[int]]:
    """The face's character map as sorted, inclusive ``[first, last]`` code point ranges."""
    from reportlab.pdfbase.ttfonts import TTFontFile

    ranges: list[list[int]] = []
    for code in sorted(TTFontFile(str(path)).charToGlyph):
        if ranges and ranges[-1][1] == code - 1:
            ranges[-1][1] = code
        else:
            ranges.append([code, code])
    return ranges


def _cmap_table(path: Path) -> bytes:
    """The bytes of the face's character map (its ``cmap`` table), found through the TrueType table
    directory: the cache is keyed by them rather than by the whole 0.7 MB file a check would read."""
    with path.open("rb") as fh:
        head = fh.read(12)
        if len(head) < 12:
            raise ValueError("not a TrueType font")
        (tables,) = struct.unpack(">H", head[4:6])
        directory = fh.read(16 * tables)
        for i in range(0, len(directory) - 15, 16):
            tag, _checksum, offset, length = struct.unpack(">4sIII", directory[i : i + 16])
            if tag == b"cmap":
                fh.seek(offset)
                table = fh.read(length)
                if len(table) == length:
                    return head + directory + table  # the directory too: a moved table is another font
    raise ValueError("no character map")


def _checked_ranges(data: object) -> list[list[int]]:
    """Ranges read back from the cache, which is untrusted input like any file."""
    if not isinstance(data, list):
        raise ValueError("not a list of ranges")
    last = -1
    for pair in data:
        if not (isinstance(pair, list) and len(pair) == 2 and all(type(n) is int for n in pair)
                and last < pair[0] <= pair[1] <= 0x10FFFF):
            raise ValueError("not sorted code point ranges")
        last = pair[1]
    return data
