"""What the PDF can draw (``tcdesk.export.pdf_glyphs``), held to the font and to a real exported PDF.

TC110 pdf-cannot-draw warns of the characters :func:`undrawable` names; these tests show that those
are exactly the characters an exported PDF loses (poppler reads a blank where each was written).
"""

from __future__ import annotations

import re
import string
import struct
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from reportlab.pdfbase.ttfonts import TTFontFile

from tcdesk.export.pdf_glyphs import _cmap_table, _format_4, can_draw, character_ranges, runs, undrawable
from tcdesk.export.style import style
from tcdesk.paths import resource
from tcdesk.session import Session

from .helpers import pdftotext, tool

FONT = resource("fonts", style()["pdf"]["fonts"]["regular"])
CMAP = frozenset(code for code, glyph in TTFontFile(str(FONT)).charToGlyph.items() if glyph)

DRAWN = "éŷłΩЖא“—☃→±\U0001F600"  # Welsh, Polish, Greek, Cyrillic, Hebrew, punctuation, symbols, an emoji it has
BORROWED = "中文技ひカ한、"  # Chinese, Japanese, Korean, CJK punctuation: DejaVu lacks them, the fallback face draws them
LOST = "क\u0e01\uf0b7"  # Devanagari, Thai, the private-use bullet Word pastes: neither face has them


@settings(max_examples=400, deadline=None)
@given(st.characters())
def test_can_draw_is_the_fonts_own_character_map(ch):
    assert can_draw(ch) == (ord(ch) in CMAP)


@pytest.mark.parametrize("face", ["regular", "bold", "italic", "bold_italic"])
def test_every_printable_ascii_character_is_drawn_in_every_face(face):
    # undrawable() and the rule skip pure-ASCII text without looking at the font.
    assert all(can_draw(ch, face) for ch in string.printable if not ch.isspace() or ch == " ")


def test_undrawable_names_each_lost_character_once_in_order_and_ignores_controls():
    assert undrawable("a中b\tcक中\uf0b7\n👩\u200d🔬 éक") == ["क", "\uf0b7", "👩", "🔬"]
    assert undrawable("Plain text.\r\n") == []


def drawn_by_reportlab(path: Path, *, bmp_only: bool = False) -> set[int]:
    """reportlab's reading of a font's character map, less what maps to glyph 0 (the empty box).

    reportlab gives a font without a no-break space (the fallback face) the space's glyph for it; the
    export never sets one in that face (every main face has it), so it is left out for such a font.
    """
    font = TTFontFile(str(path))
    aliased = font.charToGlyph.get(0xA0) == font.charToGlyph.get(0x20) and 0xA0 not in {
        c for a, b in character_ranges(path) for c in range(a, b + 1)}
    return {code for code, glyph in font.charToGlyph.items()
            if glyph and (code <= 0xFFFF or not bmp_only) and not (aliased and code == 0xA0)}


@pytest.mark.parametrize("face", sorted(Path(FONT).parent.glob("*.ttf")), ids=lambda p: p.name)
def test_the_character_map_is_read_as_reportlab_reads_it_in_both_formats(face):
    table = _cmap_table(face)
    subtables = {struct.unpack_from(">HH", table, 4 + 8 * i): struct.unpack_from(">I", table, 8 + 8 * i)[0]
                 for i in range(struct.unpack_from(">H", table, 2)[0])}
    assert {c for a, b in character_ranges(face) for c in range(a, b + 1)} == drawn_by_reportlab(face)  # format 12
    assert {c for a, b in _format_4(table, subtables[(3, 1)]) for c in range(a, b + 1)} == drawn_by_reportlab(face, bmp_only=True)


def test_a_damaged_font_is_named(tmp_path):
    cut = tmp_path / "cut.ttf"
    cut.write_bytes(Path(FONT).read_bytes()[:200])
    with pytest.raises(ValueError, match=r"cut\.ttf"):
        character_ranges(cut)


def test_the_characters_named_are_exactly_those_the_exported_pdf_loses(tmp_path: Path, make_submission):
    tool("pdftotext")
    chars = DRAWN + BORROWED + LOST
    assert [ch for ch in chars if not can_draw(ch)] == list(BORROWED + LOST)
    assert undrawable(chars) == list(LOST)
    sub = make_submission(organisation="University of Example")
    sub.answers["1"] = "\n\n".join(f"Q{i}x{ch}xQ" for i, ch in enumerate(chars))
    session = Session(sub)
    pdf = session.export("pdf", tmp_path / "glyphs.pdf")
    text = pdftotext(pdf)
    for i, ch in enumerate(chars):
        found = re.search(rf"Q{i}x(.*?)xQ", text)
        assert found is not None, (i, ch)
        if ch in LOST:
            assert ch not in found.group(1), f"{ch!r} U+{ord(ch):04X} was drawn after all"
        else:
            assert ch in found.group(1), f"{ch!r} U+{ord(ch):04X} was lost"



ARABIC = "سلام"  # the regular face draws it, the oblique faces have no Arabic
SANS_A = "\U0001d5a0"  # MATHEMATICAL SANS-SERIF CAPITAL A: the regular and oblique faces draw it, the bold one not


def test_each_face_draws_its_own_characters_and_borrows_what_it_lacks_from_the_regular_face():
    assert all(can_draw(ch) for ch in ARABIC) and not any(can_draw(ch, "italic") for ch in ARABIC)
    assert can_draw(SANS_A) and not can_draw(SANS_A, "bold")
    assert undrawable(ARABIC, "italic") == undrawable(ARABIC, "bold_italic") == undrawable(SANS_A, "bold") == []
    assert runs(f"a {ARABIC} b", "italic") == [("italic", "a "), ("regular", ARABIC), ("italic", " b")]
    assert runs(f"{SANS_A}-level", "bold") == [("regular", SANS_A), ("bold", "-level")]


def test_bold_and_italic_text_loses_nothing_the_regular_face_draws_and_tc110_is_quiet(tmp_path: Path, make_submission):
    tool("pdftotext")
    # Each marked piece sits in the face the PDF sets it in: body text, emphasis, strong, a heading,
    # a table's header and body cells, a figure caption, a link's target (never drawn).
    pieces = [
        f"Q0x{ARABIC}xQ {SANS_A}",  # body text
        f"*Q1x{ARABIC}xQ*",  # emphasis: the oblique face has no Arabic
        f"**Q2x{SANS_A}xQ**",  # strong: the bold face has no mathematical sans-serif letters
        f"## Q3x{SANS_A}xQ",  # a heading
        f"## Q4x*{ARABIC}*xQ",  # emphasis in a heading: bold italics
        f"| Q5x{SANS_A}xQ |\n|---|\n| Q6x{SANS_A}xQ |",  # a table's header cell (bold) and body cell
        f"![Q7x{ARABIC}xQ](attachment:none.png)",  # a figure caption (italics)
        f"[Q8xlinkxQ](https://example.org/{ARABIC})",  # a link's target: never drawn
    ]
    sub = make_submission(organisation="University of Example")
    sub.answers["1"] = "\n\n".join(pieces)
    session = Session(sub)
    text = pdftotext(session.export("pdf", tmp_path / "faces.pdf"))
    for n in range(8):
        found = re.search(rf"Q{n}x(.*?)xQ", text, re.S)
        assert found is not None, n
        written = re.search(rf"Q{n}x(.*?)xQ", sub.answers["1"], re.S).group(1)
        assert [ch for ch in dict.fromkeys(written) if not ch.isascii() and ch not in found.group(1)] == [], n
    assert [f for f in session.check(select="TC110") if f.location.question == "1"] == []
