"""The bundled DejaVu faces and the fallback face, each read from its file only when the PDF first
sets text in it, and text encoded for them at C speed once its characters have their codes.

Characters a DejaVu face lacks are set in the regular face when that has them (Arabic in italics),
else in the fallback face when that has them (Chinese, Japanese, Korean): :func:`with_fallback`
cuts a paragraph's fragments into such runs, :func:`draw_string` does it for the running header and
the contents. Which face draws what is
:func:`tcdesk.export.pdf_glyphs.runs`, which TC110 pdf-cannot-draw also asks. The fallback face
(~3.4 MB, ~60 ms to read) is read only for a document holding such characters.

Parsing a TrueType face (its character map and widths) costs ~25 ms; most submissions never use
italics, so the oblique faces are usually never read. The family (which face is bold or italic
``FONT``) is set up at once, since paragraph markup such as ``<b>`` is resolved through it, and
again after each face is registered, since reportlab then maps a family of that face's own name.
"""

from __future__ import annotations

import weakref
from functools import cache
from typing import Any

from reportlab.pdfbase import pdfmetrics, ttfonts
from reportlab.pdfbase.ttfonts import TTFont

from tcdesk.export import pdf_glyphs
from tcdesk.export.document import style
from tcdesk.export.pdf_bidi import logical_of_form, visual_text
from tcdesk.export.pdf_font_tables import init_with_bulk_face
from tcdesk.export.pdf_reportlab import rebound
from tcdesk.paths import resource

FONT = "TcdeskSans"
FALLBACK_FONT = FONT + "-Fallback"

# Each face's name and its key under ``pdf.fonts`` in resources/export-style.yaml.
FACES = {FONT: pdf_glyphs.REGULAR, FONT + "-Bold": pdf_glyphs.BOLD, FONT + "-Oblique": pdf_glyphs.ITALIC,
         FONT + "-BoldOblique": pdf_glyphs.BOLD_ITALIC, FALLBACK_FONT: pdf_glyphs.FALLBACK}
_NAMES = {key: name for name, key in FACES.items()}
NBSP, SPACE = 0xA0, 0x20


def to_unicode_cmap(fontname: str, subset: list[int]) -> str:
    """The ToUnicode CMap of a subset (codes 0 to 255 to the characters they draw), as reportlab
    writes it except that each character is UTF-16, as the PDF reference asks: reportlab writes a
    code point as four hex digits, so a character beyond U+FFFF the font has (an emoji) read back as
    another one (U+1F600 as U+1F60, "ὠ") when copied from the PDF or spoken by a screen reader. A
    joined Arabic form (:mod:`tcdesk.export.pdf_bidi`) maps to the letters it was made of."""
    return "\n".join([
        "/CIDInit /ProcSet findresource begin", "12 dict begin", "begincmap", "/CIDSystemInfo",
        f"<< /Registry ({fontname})", f"/Ordering ({fontname})", "/Supplement 0", ">> def",
        f"/CMapName /{fontname} def", "/CMapType 2 def", "1 begincodespacerange", f"<00> <{len(subset) - 1:02X}>",
        "endcodespacerange", f"{len(subset)} beginbfchar",
        *(f"<{i:02X}> <{logical_of_form(chr(v)).encode('utf-16-be').hex().upper()}>" for i, v in enumerate(subset)),
        "endbfchar", "endcmap", "CMapName currentdict /CMap defineresource pop", "end", "end",
    ])


class SubsetFont(TTFont):
    """A TrueType font whose text, once every character in it has a code in the first subset, is
    encoded with one ``str.translate`` instead of reportlab's loop over its characters.

    reportlab gives each character a one-byte code in a subset of 256 the first time it is drawn
    (:meth:`TTFont.splitString`); text with any character not yet coded, or coded in a later subset,
    still goes through that loop, so codes are given exactly as before. Its face's character tables
    are read in bulk (:mod:`tcdesk.export.pdf_font_tables`).
    """

    __init__ = init_with_bulk_face
    addObjects = rebound(TTFont.addObjects, {**vars(ttfonts), "makeToUnicodeCMap": to_unicode_cmap})  # noqa: N815

    _last: tuple[weakref.ref, Any] | None = None  # the document last asked about, and its state

    def _state(self, doc) -> Any:
        """``self.state.get(doc)``, without building a weak reference for the same document each time."""
        last = self._last
        if last is not None and last[0]() is doc:
            return last[1]
        state = self.state.get(doc)
        if state is not None:  # a document's state, once made, stays until the document goes
            self._last = (weakref.ref(doc), state)
        return state

    def getSubsetInternalName(self, subset, doc):  # noqa: N802 - reportlab's name
        state = self._state(doc)
        if state is None or state.internalName is None or not 0 <= subset < len(state.subsets):
            return super().getSubsetInternalName(subset, doc)  # (which names the font, or refuses)
        return f"/{state.internalName}+{subset}"

    def splitString(self, text, doc, encoding="utf-8"):  # noqa: N802 - reportlab's name
        state = self._state(doc)
        if state is None or not isinstance(text, str):
            return super().splitString(text, doc, encoding)
        fast = getattr(state, "tcdesk_first_subset", None)
        if fast is None or fast[0] != len(state.assignments):
            fast = state.tcdesk_first_subset = self._first_subset(state.assignments)
        _, codes, table = fast
        if not codes.issuperset(text):
            return super().splitString(text, doc, encoding)
        return [(0, text.translate(table).encode("latin-1"))] if text else []

    @staticmethod
    def _first_subset(assignments: dict[int, int]) -> tuple[int, frozenset[str], dict[int, str]]:
        table = {char: chr(n) for char, n in assignments.items() if n < 256}
        if SPACE in table:
            table[NBSP] = table[SPACE]  # reportlab sets a no-break space as a space
        return len(assignments), frozenset(map(chr, table)), table


def _family() -> None:
    pdfmetrics.registerFontFamily(FONT, normal=FONT, bold=FONT + "-Bold", italic=FONT + "-Oblique",
                                  boldItalic=FONT + "-BoldOblique")


_family()


@cache
def use_face(name: str) -> None:
    """Register ``name`` if it is one of the bundled faces and not registered yet (others: nothing)."""
    key = FACES.get(name)
    if key is not None:
        pdfmetrics.registerFont(SubsetFont(name, str(resource("fonts", style()["pdf"]["fonts"][key]))))
        _family()


def use_faces(frags) -> None:
    """Register every bundled face the paragraph fragments ``frags`` are set in."""
    for frag in frags or ():
        name = getattr(frag, "fontName", None)
        if name is not None:
            use_face(name)


def font_runs(text: str, font: str) -> list[tuple[str, str]]:
    """``text`` as consecutive ``(font name, piece)`` runs: in ``font``, and in the regular or the
    fallback face where ``font`` lacks a character that one has (each face used is registered)."""
    key = FACES.get(font)
    parts = None if key is None or key == pdf_glyphs.FALLBACK else pdf_glyphs.runs(text, key)
    if parts is None:
        use_face(font)
        return [(font, text)]
    named = [(_NAMES[face], piece) for face, piece in parts]
    for name in dict.fromkeys(name for name, _ in named):
        use_face(name)
    return named


def with_fallback(frags: list) -> list:
    """Paragraph fragments ``frags`` with each run of characters their face lacks and another face
    has in a fragment of its own, set in that face (:func:`font_runs`); ``frags`` itself when there is none.

    The new fragments are copies of the one they were cut from (size, colour, link, underline), so
    reportlab breaks lines across them as across any change of font within a word.
    """
    out: list | None = None
    for i, frag in enumerate(frags):
        text = getattr(frag, "text", None)
        font = getattr(frag, "fontName", None)
        parts = None
        if (isinstance(text, str) and not text.isascii() and font in FACES and font != FALLBACK_FONT
                and "cbDefn" not in frag.__dict__):
            parts = font_runs(text, font)
        if parts is not None and (len(parts) > 1 or parts[0][0] != font):
            if out is None:
                out = list(frags[:i])
            out.extend(frag.clone(text=piece, fontName=name) for name, piece in parts)
        elif out is not None:
            out.append(frag)
    return frags if out is None else out


def string_width(text: str, font: str, size: float) -> float:
    """How wide :func:`draw_string` draws ``text``."""
    text = visual_text(text)
    return sum(pdfmetrics.stringWidth(piece, name, size) for name, piece in font_runs(text, font))


def draw_string(canvas, x: float, y: float, text: str, font: str, size: float, *, right: bool = False) -> None:
    """``canvas.drawString`` (``drawRightString`` when ``right``) of ``text`` in ``font``, the characters
    it lacks in the faces :func:`font_runs` gives, right-to-left text in visual order; the canvas is
    left in ``font``."""
    text = visual_text(text)
    parts = font_runs(text, font)
    if len(parts) == 1 and parts[0][0] == font:
        (canvas.drawRightString if right else canvas.drawString)(x, y, text)
        return
    if right:
        x -= sum(pdfmetrics.stringWidth(piece, name, size) for name, piece in parts)
    for name, piece in parts:
        canvas.setFont(name, size)
        canvas.drawString(x, y, piece)
        x += pdfmetrics.stringWidth(piece, name, size)
    canvas.setFont(font, size)
