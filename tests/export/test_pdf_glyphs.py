"""What the PDF can draw (``tcdesk.export.pdf_glyphs``), held to the font and to a real exported PDF.

TC110 pdf-cannot-draw warns of the characters :func:`undrawable` names; these tests show that those
are exactly the characters an exported PDF loses (poppler reads a blank where each was written).
"""

from __future__ import annotations

import re
import string
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from reportlab.pdfbase.ttfonts import TTFontFile

from tcdesk.export.pdf_glyphs import _checked_ranges, can_draw, undrawable
from tcdesk.export.style import style
from tcdesk.paths import resource
from tcdesk.session import Session

from .helpers import pdftotext, tool

FONT = resource("fonts", style()["pdf"]["fonts"]["regular"])
CMAP = frozenset(TTFontFile(str(FONT)).charToGlyph)

DRAWN = "éŷłΩЖא“—☃→±\U0001F600"  # Welsh, Polish, Greek, Cyrillic, Hebrew, punctuation, symbols, an emoji it has
LOST = "中文技क\u0e01\uf0b7"  # Chinese, Devanagari, Thai, the private-use bullet Word pastes


@settings(max_examples=400, deadline=None)
@given(st.characters())
def test_can_draw_is_the_fonts_own_character_map(ch):
    assert can_draw(ch) == (ord(ch) in CMAP)


def test_every_printable_ascii_character_is_drawn():
    # undrawable() and the rule skip pure-ASCII text without looking at the font.
    assert all(can_draw(ch) for ch in string.printable if not ch.isspace() or ch == " ")


def test_undrawable_names_each_lost_character_once_in_order_and_ignores_controls():
    assert undrawable("a中b\tc中\uf0b7\n👩\u200d🔬 é") == ["中", "\uf0b7", "👩", "🔬"]
    assert undrawable("Plain text.\r\n") == []


@pytest.mark.parametrize("data", [{"a": 1}, [[5, 3]], [[1, 2], [2, 3]], [[0, 0x110000]], [[1, "2"]], [[1, 2, 3]]])
def test_ranges_read_back_from_the_cache_are_checked(data):
    with pytest.raises(ValueError):
        _checked_ranges(data)


def test_the_characters_named_are_exactly_those_the_exported_pdf_loses(tmp_path: Path, make_submission):
    tool("pdftotext")
    chars = DRAWN + LOST
    assert [ch for ch in chars if not can_draw(ch)] == list(LOST)
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


def test_the_character_map_kept_in_the_cache_is_the_fonts_and_a_tampered_entry_is_not_trusted(tmp_path, monkeypatch):
    import json

    from tcdesk.export import pdf_glyphs

    monkeypatch.setenv("TCDESK_CACHE_DIR", str(tmp_path))
    pdf_glyphs._ranges.cache_clear()
    firsts, lasts = pdf_glyphs._ranges()
    assert {code for first, last in zip(firsts, lasts, strict=True) for code in range(first, last + 1)} == CMAP
    [entry] = [e for e in tmp_path.rglob("*.json") if json.loads(e.read_text())["kind"] == "tcdesk-pdf-glyphs"]
    stored = json.loads(entry.read_text())
    for bad in ([[0x4E2D, 0x4E2D], *stored["data"]], [[1, 0]], "everything"):  # out of order, backwards, no list
        entry.write_text(json.dumps({**stored, "data": bad}))
        pdf_glyphs._ranges.cache_clear()
        assert pdf_glyphs._ranges() == (firsts, lasts)
        assert not can_draw("中")
    pdf_glyphs._ranges.cache_clear()
