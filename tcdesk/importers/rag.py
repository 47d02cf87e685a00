"""RAG ratings from what a cell says, or — when it only has a colour — from its fill."""

from __future__ import annotations

import re

from tcdesk.model import Rag

# Words institutions write in RAG (and status) cells; checked as whole words, first match wins.
_WORDS: tuple[tuple[Rag, tuple[str, ...]], ...] = (
    # Red first: "not started" / "not complete" must not be read as amber or green.
    (Rag.RED, ("red", "r", "not started", "not yet started", "not complete", "not completed", "not met",
               "not achieved", "not yet", "on hold", "discontinued", "overdue")),
    (Rag.AMBER, ("amber", "a", "in progress", "ongoing", "on-going", "partially complete", "partially met",
                 "partially", "partial", "started", "underway", "under way", "orange", "yellow")),
    (Rag.GREEN, ("green", "g", "complete", "completed", "done", "achieved", "met", "finished")),
)

_NOT_RATED = frozenset({"not rated", "unrated", "n/a", "na", "tbc", "-", "–", "none"})

# Reference colours: Word's and Excel's usual red, amber and green fills plus common pastel tints.
_REFERENCE: tuple[tuple[Rag, tuple[int, int, int]], ...] = (
    (Rag.RED, (0xFF, 0x00, 0x00)),
    (Rag.RED, (0xC0, 0x00, 0x00)),
    (Rag.RED, (0xF4, 0xC7, 0xC3)),
    (Rag.RED, (0xFF, 0xC7, 0xCE)),
    (Rag.AMBER, (0xFF, 0xC0, 0x00)),
    (Rag.AMBER, (0xFF, 0xBF, 0x00)),
    (Rag.AMBER, (0xFF, 0xA5, 0x00)),
    (Rag.AMBER, (0xFF, 0xEB, 0x9C)),
    (Rag.AMBER, (0xFF, 0xE5, 0x99)),
    (Rag.GREEN, (0x00, 0xB0, 0x50)),
    (Rag.GREEN, (0x92, 0xD0, 0x50)),
    (Rag.GREEN, (0x00, 0x80, 0x00)),
    (Rag.GREEN, (0xC6, 0xEF, 0xCE)),
    (Rag.GREEN, (0xD9, 0xEA, 0xD3)),
)

# In the order of _WORDS (first match wins); ``None`` for the single letters, compared whole.
_PATTERNS = [(rag, word, re.compile(r"(?<![a-z])" + re.escape(word) + r"(?![a-z])") if len(word) > 1 else None)
             for rag, words in _WORDS for word in words]

_HEX = re.compile(r"^(?:[0-9a-f]{2})?([0-9a-f]{6})$", re.I)


def rag_from_text(text: str) -> Rag | None:
    """``Rag`` for "Green", "G", "Complete", "In progress", "Red – paused" …; ``None`` if unclear."""
    low = re.sub(r"\s+", " ", text.strip().lower())
    if not low or low in _NOT_RATED:
        return None
    for rag, word, pattern in _PATTERNS:
        # Single letters only count on their own ("G", "A/G" is ambiguous and skipped).
        if pattern is None:
            if low.strip(" .") == word:
                return rag
        elif pattern.search(low):
            return rag
    return None


def is_unrated(text: str) -> bool:
    """Cells that say the action has no rating yet ("Not rated", "n/a", "TBC")."""
    return text.strip().lower() in _NOT_RATED


def parse_colour(value: str | None) -> tuple[int, int, int] | None:
    """``(r, g, b)`` from ``"FF0000"`` or an ARGB ``"FFFF0000"``; ``None`` for auto/none/invalid."""
    if not value:
        return None
    m = _HEX.match(value.strip().lstrip("#"))
    if not m:
        return None
    hex6 = m.group(1)
    return int(hex6[0:2], 16), int(hex6[2:4], 16), int(hex6[4:6], 16)


def rag_from_fill(value: str | None) -> Rag | None:
    """The nearest of red, amber and green to a fill colour, or ``None`` for no fill, white, greys
    and colours far from all three (blue header shading, for example)."""
    rgb = parse_colour(value)
    if rgb is None:
        return None
    r, g, b = rgb
    if max(rgb) - min(rgb) < 40:  # white, black, greys: no hue to go by
        return None
    best, best_d = None, None
    for rag, (rr, rg, rb) in _REFERENCE:
        d = (r - rr) ** 2 + (g - rg) ** 2 + (b - rb) ** 2
        if best_d is None or d < best_d:
            best, best_d = rag, d
    # Blues and purples are nearer to nothing in particular: refuse rather than guess.
    if b > max(r, g) + 20:
        return None
    return best
