"""Plain left-aligned paragraphs drawn with the page code reportlab's ``Paragraph.drawPara`` writes.

Every plan cell is such a paragraph: one font, one colour, no bullet, background, border, link or
underline. For those, drawPara builds a text object and sets each line through three layers of
methods (``_leftDrawParaLine``, ``PDFTextObject._textOut``, ``_formatText``); ~1,600 paragraphs
and ~5,600 lines in a Kent-size PDF, a fifth of its layout. :func:`draw_plain` writes the same
operators for the same lines directly — save state, fill colour, ``BT``, the text origin, each line
as ``(…) Tj T*`` with the subset font selected when it changes, ``ET``, restore state (the state
itself saved and restored only when the colour could change more than the colour) — and says
``False`` for any paragraph it does not cover, which reportlab then draws itself.

tests/export/test_pdf_plain_draw.py compares the page code with reportlab's own for generated paragraphs.
"""

from __future__ import annotations

from typing import Any

from reportlab.lib.colors import Color
from reportlab.lib.enums import TA_LEFT
from reportlab.lib.rl_accel import fp_str
from reportlab.pdfbase.pdfmetrics import getFont
from reportlab.rl_config import paraFontSizeHeightOffset

__all__ = ["draw_plain", "draw_plain_on"]

# "size Tf leading TL" per font size and leading: reportlab's C number formatting takes ~3 µs a call.
_selections: dict[tuple[float, float], str] = {}
# "r g b rg" per colour, for the same reason.
_fills: dict[tuple[float, float, float], str] = {}


def _covered(paragraph: Any, debug: int) -> bool:
    style, lines = paragraph.style, paragraph.blPara
    if debug or lines.kind != 0 or not lines.lines or paragraph.bulletText or "_offsets" in paragraph.__dict__:
        return False
    if (style.alignment != TA_LEFT or style.firstLineIndent or style.backColor or style.shaping
            or (getattr(style, "borderColor", None) and getattr(style, "borderWidth", None))
            or getattr(lines, "us_lines", None) or getattr(lines, "link", None)
            or getattr(paragraph, "autoLeading", getattr(style, "autoLeading", "")) in ("max", "min")
            or "preformatted" in type(paragraph).__name__.lower() or not paragraph.canv.bottomup):
        return False
    # A line fuller than its width (spaces shrunk) is set with word spacing: left to reportlab.
    return all(extra > -1e-8 for extra, _ in lines.lines) and getFont(lines.fontName)._dynamicFont


def draw_plain_on(paragraph: Any, canvas: Any, x: float, y: float, available: float = 0) -> bool:
    """``paragraph.drawOn(canvas, x, y, available)`` for a plain paragraph whose ``draw`` is reportlab's
    Paragraph.draw and whose ``drawPara`` calls :func:`draw_plain`, else ``False``.

    reportlab's Flowable.drawOn saves the whole canvas state, translates, draws and restores it; a
    plain paragraph changes no state while it draws (its own save and restore are written as
    ``q``/``Q``, see :func:`draw_plain`), so only ``q``, the translation and ``Q`` are written.
    """
    if getattr(paragraph, "_showBoundary", False) or paragraph.debug:
        return False
    paragraph.canv = canvas
    try:
        if not _covered(paragraph, 0) or _plain_fill(canvas, paragraph.blPara.textColor) is None:
            return False
    finally:
        del paragraph.canv
    x = paragraph._hAlignAdjust(x, available)
    code = canvas._code
    code.append("q")
    code.append(f"{fp_str(1, 0, 0, 1, x, y)} cm")  # right after "q", never merged with an earlier cm
    # What paragraph.draw() does for a plain paragraph (drawPara, then draw_plain), found plain above.
    paragraph.canv = canvas
    try:
        _write(paragraph)
    finally:
        del paragraph.canv
    code.append("Q")
    return True


def draw_plain(paragraph: Any, debug: int = 0) -> bool:
    """Draw ``paragraph`` (wrapped) as reportlab's drawPara would, if it is a plain one; else ``False``."""
    if not _covered(paragraph, debug):
        return False
    _write(paragraph)
    return True


def _write(paragraph: Any) -> None:
    canvas, style, lines = paragraph.canv, paragraph.style, paragraph.blPara
    font = getFont(lines.fontName)
    doc, escape = canvas._doc, canvas._escape
    top = lines.fontSize if paraFontSizeHeightOffset else getattr(lines, "ascent", lines.fontSize)
    select = _selections.get((lines.fontSize, style.leading))
    if select is None:
        if len(_selections) > 256:
            _selections.clear()
        select = _selections[lines.fontSize, style.leading] = f"{fp_str(lines.fontSize)} Tf {fp_str(style.leading)} TL"
    code = ["BT", f"1 0 0 1 {fp_str(style.leftIndent, paragraph.height - top)} Tm"]
    current = -1
    for _, words in lines.lines:
        parts = []
        for subset, text in font.splitString(" ".join(words), doc):
            if subset != current:
                parts.append(f"{font.getSubsetInternalName(subset, doc)} {select}")
                current = subset
            parts.append(f"({escape(text)}) Tj")
        code.append(" ".join(parts) + " T*")
    code.append("ET")
    fill = _plain_fill(canvas, lines.textColor)
    if fill is None:
        canvas.saveState()
        canvas.setFillColor(lines.textColor)
        canvas._code.append(" ".join(code))
        canvas.restoreState()
    else:
        canvas._code.extend(("q", fill, " ".join(code), "Q"))


def _plain_fill(canvas: Any, colour: Any) -> str | None:
    """What ``setFillColor(colour)`` writes between saveState and restoreState when that is all it
    changes (restoreState undoing the colour): an RGB colour, opaque or of the current opacity,
    whose alpha still marks the document as using transparency, as reportlab's does. Else ``None``."""
    if canvas._enforceColorSpace or type(colour) is not Color:
        return None
    alpha = getattr(colour, "alpha", None)
    if alpha is not None:
        if type(alpha) not in (int, float) or alpha != canvas._extgstate.getValue("ca"):
            return None
        canvas._doc.ensureMinPdfVersion("transparency")
    rgb = (colour.red, colour.green, colour.blue)
    found = _fills.get(rgb)
    if found is None:
        if len(_fills) > 256:
            _fills.clear()
        found = _fills[rgb] = f"{fp_str(rgb)} rg"
    return found
