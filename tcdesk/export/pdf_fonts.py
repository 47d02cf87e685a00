"""The bundled DejaVu faces, each read from its file only when the PDF first sets text in it, and
text encoded for them at C speed once its characters have their codes.

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

from tcdesk.export.document import style
from tcdesk.export.pdf_font_tables import init_with_bulk_face
from tcdesk.export.pdf_reportlab import rebound
from tcdesk.paths import resource

FONT = "TcdeskSans"

# Each face's name and its key under ``pdf.fonts`` in resources/export-style.yaml.
FACES = {FONT: "regular", FONT + "-Bold": "bold", FONT + "-Oblique": "italic", FONT + "-BoldOblique": "bold_italic"}
NBSP, SPACE = 0xA0, 0x20


def to_unicode_cmap(fontname: str, subset: list[int]) -> str:
    """The ToUnicode CMap of a subset (codes 0 to 255 to the characters they draw), as reportlab
    writes it except that each character is UTF-16, as the PDF reference asks: reportlab writes a
    code point as four hex digits, so a character beyond U+FFFF the font has (an emoji) read back as
    another one (U+1F600 as U+1F60, "ὠ") when copied from the PDF or spoken by a screen reader."""
    return "\n".join([
        "/CIDInit /ProcSet findresource begin", "12 dict begin", "begincmap", "/CIDSystemInfo",
        f"<< /Registry ({fontname})", f"/Ordering ({fontname})", "/Supplement 0", ">> def",
        f"/CMapName /{fontname} def", "/CMapType 2 def", "1 begincodespacerange", f"<00> <{len(subset) - 1:02X}>",
        "endcodespacerange", f"{len(subset)} beginbfchar",
        *(f"<{i:02X}> <{chr(v).encode('utf-16-be').hex().upper()}>" for i, v in enumerate(subset)),
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
