"""Which way a paragraph of the user's text runs, one answer for every export (PDF, web page, Word).

A paragraph whose first strong character is right-to-left (Hebrew, Arabic) is laid out right to
left, any other left to right: Unicode bidi rules P2/P3, what browsers do for ``dir="auto"``. Only
the standard library is used, so the web page and Word exports can ask without loading the PDF's
shaping libraries.
"""

from __future__ import annotations

import re
import unicodedata

__all__ = ["has_rtl", "rtl_base", "rtl_only"]

# Hebrew, Arabic, Syriac, Thaana, NKo, Samaritan, Mandaic and their presentation forms, the
# right-to-left marks and embeddings, and the right-to-left scripts beyond the first plane.
_RTL = re.compile("[\u0590-\u08ff\ufb1d-\ufdff\ufe70-\ufefe\u200f\u202b\u202e\u2067"
                  "\U00010800-\U00010fff\U0001e800-\U0001efff]")


def has_rtl(text: str) -> bool:
    """Whether ``text`` holds a right-to-left character (the only texts whose direction is asked)."""
    return not text.isascii() and _RTL.search(text) is not None


def rtl_base(text: str) -> bool:
    """Whether the paragraph ``text`` is right-to-left: its first strong character is (P2, P3)."""
    for ch in text:
        kind = unicodedata.bidirectional(ch)
        if kind == "L":
            return False
        if kind in ("R", "AL"):
            return True
    return False


def rtl_only(text: str) -> bool:
    """Whether ``text`` holds right-to-left letters and no left-to-right one (a run Word may mark
    right to left without reordering an English word inside it)."""
    return has_rtl(text) and all(unicodedata.bidirectional(ch) != "L" for ch in text)
