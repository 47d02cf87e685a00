"""Which characters the PDF export can draw, and in which face: those the face it sets them in
(resources/export-style.yaml, ``pdf.fonts``: regular, bold, italic, bold_italic, the fonts the PDF
embeds) has a glyph for; else, for a bold or oblique face, those the regular face has (upright Arabic
in italics rather than boxes); else those the fallback face (``pdf.fonts.fallback``: Chinese,
Japanese and Korean, which the main faces lack) has. Any other prints as an empty box. The faces
differ: the oblique ones lack Arabic, the bold one a few symbols.

The PDF export sets text by :func:`runs`, and TC110 pdf-cannot-draw warns of :func:`undrawable`
characters: both answer from these tables, so the check names exactly what the PDF loses.

Each face's character map is read from its font file itself, its ``cmap`` table alone, so that a
check that asks loads neither reportlab nor the whole font; a face's is read only when a text holds
a character the faces before it lack.
"""

from __future__ import annotations

import struct
import unicodedata
from bisect import bisect_right
from collections.abc import Mapping
from collections.abc import Set as AbstractSet
from functools import cache
from pathlib import Path
from types import MappingProxyType

from tcdesk.export.style import style
from tcdesk.paths import resource

__all__ = ["BOLD", "BOLD_ITALIC", "FACES", "FALLBACK", "ITALIC", "REGULAR", "answer_faces", "can_draw", "runs",
           "undrawable"]

#: The faces text is set in, by their keys under ``pdf.fonts`` in resources/export-style.yaml.
REGULAR, BOLD, ITALIC, BOLD_ITALIC = "regular", "bold", "italic", "bold_italic"
FACES = (REGULAR, BOLD, ITALIC, BOLD_ITALIC)
#: The face that draws, in every one of those faces, the characters the main faces lack and this one
#: has (it has no bold or italic of its own). Its character map is read only when a text needs it.
FALLBACK = "fallback"


def can_draw(ch: str, face: str = REGULAR) -> bool:
    """Whether the PDF's ``face`` has a glyph for the character ``ch``."""
    firsts, lasts = _ranges(face)
    code = ord(ch)
    i = bisect_right(firsts, code) - 1
    return i >= 0 and code <= lasts[i]


def undrawable(text: str, face: str = REGULAR) -> list[str]:
    """The characters of ``text`` the PDF cannot draw in ``face`` (neither it, nor the regular face, nor
    the fallback face has them), each once, in the order they first appear.

    Control characters (tabs, line ends) are left out: the export lays them out, it never draws them.
    """
    lost = _sorted(text, face)[1]
    return [ch for ch in dict.fromkeys(text) if ch in lost] if lost else []


def runs(text: str, face: str = REGULAR) -> list[tuple[str, str]] | None:
    """``text`` cut into consecutive ``(face, piece)`` runs, each set in the first of ``face``, the
    regular face and :data:`FALLBACK` that has its characters. ``None`` when all of ``text`` stays in
    ``face`` (a character no face has stays there too: it prints as a box).
    """
    borrowed = _sorted(text, face)[0]
    if not borrowed:
        return None
    out: list[tuple[str, str]] = []
    start, current = 0, face
    for i, ch in enumerate(text):
        wanted = borrowed.get(ch, face)
        if wanted != current:
            if i > start:
                out.append((current, text[start:i]))
            start, current = i, wanted
    out.append((current, text[start:]))
    return out


def _sorted(text: str, face: str) -> tuple[Mapping[str, str], AbstractSet[str]]:
    """The characters of ``text`` that ``face`` lacks: those another face draws (with that face) and those lost."""
    if text.isascii():  # every printable ASCII character has a glyph in every face (a test holds the fonts to it)
        return _NONE
    fine = _FINE.setdefault(face, {chr(code) for code in range(128)})
    unknown = set(text).difference(fine)
    if not unknown:
        return _NONE
    borrowed: dict[str, str] = {}
    lost: set[str] = set()
    others = (FALLBACK,) if face == REGULAR else (REGULAR, FALLBACK)
    for ch in unknown:
        if can_draw(ch, face) or unicodedata.category(ch) == "Cc":
            fine.add(ch)  # at most the font's few thousand characters and the controls
            continue
        other = next((other for other in others if can_draw(ch, other)), None)
        if other is None:
            lost.add(ch)
        else:
            borrowed[ch] = other
    return borrowed, lost


_NONE: tuple[Mapping[str, str], AbstractSet[str]] = (MappingProxyType({}), frozenset())

#: Per face, characters known to be drawn in it (or never drawn, as controls): most texts hold only
#: these, and a set difference finds the others without looking each character up.
_FINE: dict[str, set[str]] = {}


def face_of(bold: bool, italic: bool) -> str:
    return (BOLD_ITALIC if italic else BOLD) if bold else (ITALIC if italic else REGULAR)


def answer_faces(answer: str) -> dict[str, str]:
    """The text the PDF draws of a CommonMark ``answer``, by face.

    As :mod:`tcdesk.export.pdf_blocks` sets it: headings and a table's header cells in bold, figure
    captions in italic, code as body text, and emphasis within any of them on top. Link targets
    and markup are not drawn, so they are not here.
    """
    from tcdesk.export import markdown as md

    out: dict[str, list[str]] = {}

    def runs(items: list[md.Run], bold: bool = False) -> None:
        for run in items:
            out.setdefault(face_of(bold or run.bold, run.italic), []).append(run.text)

    def walk(blocks: list[md.Block]) -> None:
        for block in blocks:
            if isinstance(block, (md.Paragraph, md.Heading)):
                runs(block.runs, bold=isinstance(block, md.Heading))
            elif isinstance(block, md.ListBlock):
                for item in block.items:
                    walk(item)
            elif isinstance(block, md.Table):
                for cell in block.header:
                    runs(cell, bold=True)
                for row in block.rows:
                    for cell in row:
                        runs(cell)
            elif isinstance(block, md.CodeBlock):
                out.setdefault(REGULAR, []).append(block.text)
            elif isinstance(block, md.Quote):
                walk(block.blocks)
            elif isinstance(block, md.Figure):
                out.setdefault(ITALIC, []).append(block.caption)

    walk(md.parse(answer))
    return {face: "\n".join(texts) for face, texts in out.items()}


@cache
def _ranges(face: str) -> tuple[list[int], list[int]]:
    """The face's character map as the first and last code points of its runs, in order."""
    ranges = character_ranges(resource("fonts", style()["pdf"]["fonts"][face]))
    return [first for first, _ in ranges], [last for _, last in ranges]


def character_ranges(path: Path) -> list[tuple[int, int]]:
    """The characters a TrueType font maps to a glyph, as sorted inclusive ``(first, last)`` runs.

    Read from its ``cmap`` table (about 7 KB of the 0.7 MB file) with :mod:`struct`, so that a check
    never loads reportlab or parses the whole font: the full-Unicode subtable (format 12) when the
    font has one, else the Basic Multilingual Plane one (format 4).

    :raises ValueError: not a TrueType font with such a character map.
    """
    try:
        table = _cmap_table(path)
        subtables = {}
        for i in range(struct.unpack_from(">H", table, 2)[0]):
            platform, encoding, offset = struct.unpack_from(">HHI", table, 4 + 8 * i)
            subtables[(platform, encoding)] = offset
        for key in ((3, 10), (0, 4), (0, 6)):
            if key in subtables and struct.unpack_from(">H", table, subtables[key])[0] == 12:
                return _merged(_format_12(table, subtables[key]))
        for key in ((3, 1), (0, 3), (0, 1), (0, 0)):
            if key in subtables and struct.unpack_from(">H", table, subtables[key])[0] == 4:
                return _merged(_format_4(table, subtables[key]))
    except struct.error as exc:
        raise ValueError(f"{path.name}: damaged character map ({exc})") from exc
    raise ValueError(f"{path.name}: no Unicode character map of format 4 or 12")


def _format_12(table: bytes, at: int) -> list[tuple[int, int]]:
    (groups,) = struct.unpack_from(">I", table, at + 12)
    runs = []
    for first, last, glyph in struct.iter_unpack(">III", table[at + 16 : at + 16 + 12 * groups]):
        if glyph == 0:  # the first character of the run maps to the missing-glyph box
            first += 1
        if first <= last:
            runs.append((first, last))
    return runs


def _format_4(table: bytes, at: int) -> list[tuple[int, int]]:
    segments = struct.unpack_from(">H", table, at + 6)[0] // 2
    ends = struct.unpack_from(f">{segments}H", table, at + 14)
    starts = struct.unpack_from(f">{segments}H", table, at + 16 + 2 * segments)
    deltas = struct.unpack_from(f">{segments}h", table, at + 16 + 4 * segments)
    offsets_at = at + 16 + 6 * segments
    offsets = struct.unpack_from(f">{segments}H", table, offsets_at)
    runs = []
    for i, (first, last, delta, offset) in enumerate(zip(starts, ends, deltas, offsets, strict=True)):
        for code in range(first, min(last, 0xFFFE) + 1):
            if offset == 0:
                glyph = (code + delta) & 0xFFFF
            else:
                glyph = struct.unpack_from(">H", table, offsets_at + 2 * i + offset + 2 * (code - first))[0]
                glyph = (glyph + delta) & 0xFFFF if glyph else 0
            if glyph:
                runs.append((code, code))
    return runs


def _merged(runs: list[tuple[int, int]]) -> list[tuple[int, int]]:
    out: list[tuple[int, int]] = []
    for first, last in sorted(runs):
        if out and first <= out[-1][1] + 1:
            out[-1] = (out[-1][0], max(out[-1][1], last))
        else:
            out.append((first, last))
    return out


def _cmap_table(path: Path) -> bytes:
    """The bytes of the font's ``cmap`` table, found through its table directory."""
    with path.open("rb") as fh:
        head = fh.read(12)
        if len(head) < 12:
            raise ValueError(f"{path.name}: not a TrueType font")
        (tables,) = struct.unpack(">H", head[4:6])
        directory = fh.read(16 * tables)
        for i in range(0, len(directory) - 15, 16):
            tag, _checksum, offset, length = struct.unpack(">4sIII", directory[i : i + 16])
            if tag == b"cmap":
                fh.seek(offset)
                table = fh.read(length)
                if len(table) == length:
                    return table
    raise ValueError(f"{path.name}: no character map")
