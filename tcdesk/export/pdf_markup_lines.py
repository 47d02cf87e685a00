"""reportlab's line breaking of paragraphs with inline markup, run with three of its helpers made cheaper.

A paragraph with a link or a bold word is several fragments; reportlab breaks it into lines in
``Paragraph.breakLines``, which asks, word by word, whether a word continues the previous fragment
(``sameFrag``), how wide a space is in each word already on the line (``stringWidth``), and the
font's ascent and descent (``getAscentDescent``): ~20,000 calls for the answers of a Kent-size
submission, a fifth of the PDF's layout. Here that same code runs with

- ``sameFrag`` as reportlab's own pure-Python version (``reportlab.lib.rl_accel._py_sameFrag``, used
  where its C accelerator is missing), 1.7 µs a call instead of the accelerator's 8–14 µs;
- ``stringWidth`` and ``getAscentDescent`` remembered per argument: both depend only on the text,
  the registered font and the size, and a registered font is never replaced (also for the helpers
  that measure a bullet and split a word too long for a line, character by character).

Nothing else differs: the functions are reportlab's code objects with a copy of their module's
namespace. tests/export/test_pdf_paragraph.py compares the lines with reportlab's own.
"""

from __future__ import annotations

from functools import lru_cache
from typing import Any

from tcdesk.export.pdf_reportlab import rebound

# isort: split
from reportlab.pdfbase import pdfmetrics
from reportlab.platypus import paragraph as _reportlab

__all__ = ["ascent_descent", "break_lines", "handle_bullet_width", "same_frag"]

# What reportlab compares to tell whether two fragments look alike (rl_accel's _py_sameFrag).
_COMPARED = ("fontName", "fontSize", "textColor", "rise", "us_lines", "link", "backColor", "nobr")


def same_frag(f: Any, g: Any) -> bool:
    """Whether fragments ``f`` and ``g`` may share one run of text: reportlab's ``_py_sameFrag``."""
    fdict, gdict = f.__dict__, g.__dict__
    if "cbDefn" in fdict or "lineBreak" in fdict or "cbDefn" in gdict or "lineBreak" in gdict:
        return False
    for key in _COMPARED:  # as comparing the two lists of values would, stopping at the first difference
        mine, theirs = fdict.get(key), gdict.get(key)
        if mine is not theirs and not mine == theirs:  # noqa: SIM201 - what list equality asks, not __ne__
            return False
    return True


ascent_descent = lru_cache(maxsize=256)(pdfmetrics.getAscentDescent)
"""``pdfmetrics.getAscentDescent(font_name, size)``, remembered."""

_namespace = dict(vars(_reportlab))
_namespace.update(
    sameFrag=same_frag,
    stringWidth=lru_cache(maxsize=16_384)(pdfmetrics.stringWidth),
    getAscentDescent=ascent_descent,
)
# breakLines splits the fragments into words, measures a bullet and splits words too long for a
# line with these module-level functions, which measure text with the names above.
for _name in ("_getFragWords", "_handleBulletWidth", "_splitWord", "_fragWordIter", "_splitFragWord"):
    _namespace[_name] = rebound(getattr(_reportlab, _name), _namespace)

handle_bullet_width = _namespace["_handleBulletWidth"]
"""``reportlab.platypus.paragraph._handleBulletWidth``, measuring the bullet with the cheaper helpers."""

break_lines = rebound(_reportlab.Paragraph.breakLines, _namespace)
"""``reportlab.platypus.Paragraph.breakLines(paragraph, width)``, with the cheaper helpers."""
