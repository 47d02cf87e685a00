"""The bundled DejaVu faces, each read from its file only when the PDF first sets text in it.

Parsing a TrueType face (its character map and widths) costs ~25 ms; most submissions never use
italics, so the oblique faces are usually never read. The family (which face is bold or italic
``FONT``) is set up at once, since paragraph markup such as ``<b>`` is resolved through it, and
again after each face is registered, since reportlab then maps a family of that face's own name.
"""

from __future__ import annotations

from functools import cache

from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont

from tcdesk.export.document import style
from tcdesk.paths import resource

FONT = "TcdeskSans"

# Each face's name and its key under ``pdf.fonts`` in resources/export-style.yaml.
FACES = {FONT: "regular", FONT + "-Bold": "bold", FONT + "-Oblique": "italic", FONT + "-BoldOblique": "bold_italic"}


def _family() -> None:
    pdfmetrics.registerFontFamily(FONT, normal=FONT, bold=FONT + "-Bold", italic=FONT + "-Oblique",
                                  boldItalic=FONT + "-BoldOblique")


_family()


@cache
def use_face(name: str) -> None:
    """Register ``name`` if it is one of the bundled faces and not registered yet (others: nothing)."""
    key = FACES.get(name)
    if key is not None:
        pdfmetrics.registerFont(TTFont(name, str(resource("fonts", style()["pdf"]["fonts"][key]))))
        _family()


def use_faces(frags) -> None:
    """Register every bundled face the paragraph fragments ``frags`` are set in."""
    for frag in frags or ():
        name = getattr(frag, "fontName", None)
        if name is not None:
            use_face(name)
