"""A face's character tables read in bulk are exactly reportlab's: generated fonts, the bundled ones, the PDF."""

from __future__ import annotations

import io
import struct
from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st
from reportlab.pdfbase.ttfonts import TTFont, TTFontFace

from tcdesk.export.pdf_font_tables import BulkFace
from tcdesk.export.pdf_fonts import SubsetFont

ROOT = Path(__file__).resolve().parents[2]


def _table_bytes(tables: dict[str, bytes]) -> bytes:
    """An sfnt file of ``tables`` (no checksums: reportlab checks them only when asked to)."""
    header = struct.pack(">LHHHH", 0x00010000, len(tables), 0, 0, 0)
    offset = len(header) + 16 * len(tables)
    directory, body = b"", b""
    for tag, data in tables.items():
        directory += struct.pack(">4sLLL", tag.encode("latin-1"), 0, offset + len(body), len(data))
        body += data + b"\0" * (-len(data) % 4)
    return header + directory + body


def _name() -> bytes:
    text = b"Generated"
    return struct.pack(">HHH", 0, 1, 18) + struct.pack(">HHHHHH", 1, 0, 0, 6, len(text), 0) + text


def _cmap_4(segments: list[tuple[int, int, int, int]], glyph_ids: list[int]) -> bytes:
    segments = [*segments, (0xFFFF, 0xFFFF, 1, 0)]  # the map's last segment, as fonts end it
    count = len(segments)
    body = struct.pack(f">{count}H", *[min(0xFFFF, s + n) for s, n, _, _ in segments]) + b"\0\0"
    body += struct.pack(f">{count}H", *[s for s, _, _, _ in segments])
    body += struct.pack(f">{count}h", *[d for _, _, d, _ in segments])
    body += struct.pack(f">{count}H", *[r for _, _, _, r in segments])
    body += struct.pack(f">{len(glyph_ids)}H", *glyph_ids)
    return struct.pack(">HHHHHHH", 4, 14 + len(body), 0, 2 * count, 0, 0, 0) + body


def _cmap_12(groups: list[tuple[int, int, int]]) -> bytes:
    body = b"".join(struct.pack(">LLL", start, start + count, glyph) for start, count, glyph in groups)
    return struct.pack(">HHLLL", 12, 0, 16 + len(body), 0, len(groups)) + body


def _cmap_6(first: int, glyph_chars: list[int]) -> bytes:
    body = struct.pack(f">HH{len(glyph_chars)}H", first, len(glyph_chars), *glyph_chars)
    return struct.pack(">HHH", 6, 6 + len(body), 0) + body


chars = st.integers(0, 0xFFFE)
glyph_ids = st.integers(0, 0xFFFF)
cmap_4 = st.builds(_cmap_4, st.lists(st.tuples(chars, st.integers(0, 40), st.integers(-32768, 32767),
                                               st.sampled_from([0, 0, 2, 4, 6, 40, 301, 5000]) | st.integers(0, 0xFFFF)),
                                     max_size=12),
                   st.lists(glyph_ids, max_size=60))
cmap_12 = st.builds(_cmap_12, st.lists(st.tuples(st.integers(0, 0x10FFFF), st.integers(0, 60), st.integers(0, 400)),
                                       max_size=12))
cmap_6 = st.builds(_cmap_6, chars, st.lists(chars, max_size=20))


@st.composite
def fonts(draw) -> bytes:
    glyphs = draw(st.integers(1, 300))
    metrics = draw(st.integers(1, glyphs + 3))
    loc_format = draw(st.sampled_from([0, 1]))
    units = draw(st.sampled_from([1000, 2048, 1024, 2000]))
    head = struct.pack(">LLLLHH16xhhhhHHhhh", 0x00010000, 0, 0, 0x5F0F3CF5, 0, units, -100, -200, 900, 800, 0, 8, 2,
                       loc_format, draw(st.sampled_from([0] * 9 + [1])))
    post = struct.pack(">LhHhhL16x", 0x00030000, draw(st.sampled_from([0, -12])), 0, -100, 50, 0)
    hhea = struct.pack(">L28xHH", 0x00010000, 0, metrics)
    maxp = struct.pack(">LH", 0x00010000, glyphs)
    numbers = st.integers(0, 0xFFFF)
    hmtx = struct.pack(f">{2 * metrics}H", *draw(st.lists(numbers, min_size=2 * metrics, max_size=2 * metrics)))
    hmtx += struct.pack(f">{max(0, glyphs - metrics)}H", *draw(st.lists(numbers, min_size=max(0, glyphs - metrics),
                                                                       max_size=max(0, glyphs - metrics))))
    loca = struct.pack(f">{glyphs + 1}{'HL'[loc_format]}", *draw(st.lists(numbers, min_size=glyphs + 1, max_size=glyphs + 1)))
    subtables = draw(st.lists(st.tuples(st.sampled_from([(3, 1), (3, 10), (3, 1), (3, 10), (0, 3), (0, 5), (1, 0), (1, 1), (2, 0)]),
                                        st.one_of(cmap_4, cmap_4, cmap_12, cmap_12, cmap_6)), min_size=1, max_size=3))
    records, body = b"", b""
    start = 4 + 8 * len(subtables)
    for (platform, encoding), data in subtables:
        records += struct.pack(">HHL", platform, encoding, start + len(body))
        body += data
    cmap = struct.pack(">HH", 0, len(subtables)) + records + body
    tables = {"cmap": cmap, "head": head, "hhea": hhea, "hmtx": hmtx, "maxp": maxp, "name": _name(), "post": post}
    if draw(st.sampled_from([True] * 9 + [False])):  # now and then no glyph locations
        tables["loca"] = loca
    return _table_bytes(tables)


def _read(kind, data: bytes):
    try:
        return kind(io.BytesIO(data))
    except Exception as exc:  # noqa: BLE001 - whatever reportlab raises, the bulk reading must raise too
        return exc


def _state(face) -> dict:
    if isinstance(face, Exception):
        return {"error": (type(face), str(face))}
    out = {}
    for name, value in vars(face).items():
        if name == "_pdfScale":
            value = [value(x) for x in (0, 1, 999, 2048, 65535)]
        elif isinstance(value, dict):
            value = list(value.items())  # the order too
        out[name] = value
    return out


@settings(max_examples=300, deadline=None)
@given(fonts())
def test_generated_fonts_are_read_as_reportlab_reads_them(data):
    assert _state(_read(BulkFace, data)) == _state(_read(TTFontFace, data))


def test_the_bundled_faces_are_read_as_reportlab_reads_them():
    for path in sorted((ROOT / "resources" / "fonts").glob("*.ttf")):
        ours, theirs = SubsetFont("ours", str(path)), TTFont("theirs", str(path))
        assert type(ours.face) is BulkFace
        assert _state(ours.face) == _state(theirs.face), path.name
