"""The lines of a paragraph that holds right-to-left text, in visual order for drawing.

reportlab breaks a paragraph into lines in the order the text was typed, and draws each line's
characters in that order, left to right. Each line holding right-to-left characters is put into
visual order (:func:`tcdesk.export.pdf_bidi.visual`) just for drawing, after the lines are broken:
reordering before would put a right-to-left paragraph's lines in the wrong order.

The lines are not marked with ``/ActualText`` of their typed text: poppler (pdftotext, and the
structure tree's text in ``pdfinfo -struct-text``) lays such a span's text out left to right over
the line and then reorders it as right-to-left text, which reverses the typed words once more.
"""

from __future__ import annotations

from typing import Any

from tcdesk.export.pdf_bidi import has_rtl, visual

__all__ = ["visual_lines"]


def visual_lines(laid: Any, rtl: bool) -> Any:
    """The broken lines ``laid`` (reportlab's ``blPara``) with each line's characters in visual order
    for a paragraph of base direction ``rtl`` (True: right to left)."""
    lines: list = []
    if laid.kind == 0:
        for extra, words in laid.lines:
            if any(has_rtl(word) for word in words):
                words = "".join(piece for _, piece in visual([(0, " ".join(words))], rtl)).split(" ")
            lines.append((extra, words))
        return laid.clone(lines=lines)
    for line in laid.lines:
        words = line.words
        if any(has_rtl(getattr(frag, "text", "")) for frag in words):
            # An image or a callback stands within the line as one neutral object.
            pieces = [(i, "\ufffc" if "cbDefn" in frag.__dict__ else getattr(frag, "text", "")) for i, frag in enumerate(words)]
            shown = visual(pieces, rtl)
            ordered = [words[i] if "cbDefn" in words[i].__dict__ else words[i].clone(text=piece) for i, piece in shown]
            kept = {i for i, _ in shown}
            ordered.extend(frag for i, frag in enumerate(words) if i not in kept)  # (empty ones, such as line breaks)
            line = line.clone(words=ordered)
        lines.append(line)
    return laid.clone(lines=lines)
