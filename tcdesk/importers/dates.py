"""Dates as people type them ("31st January 2025", "Jan 2026", "31/01/2025") to ISO form."""

from __future__ import annotations

import re
from datetime import date

_MONTHS = {m: i for i, m in enumerate(
    ("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"), start=1)}


def _month(word: str) -> int | None:
    return _MONTHS.get(word[:3].lower()) if len(word) >= 3 else None


def parse_date(text: str) -> date | None:
    """A full date in ``text`` (day, month, year) or ``None``."""
    t = re.sub(r"<[^>]+>", "", text)
    if m := re.search(r"\b(\d{4})-(\d{2})-(\d{2})\b", t):
        y, mo, d = int(m[1]), int(m[2]), int(m[3])
    elif m := re.search(r"\b(\d{1,2})(?:st|nd|rd|th)?\s+(?:of\s+)?([A-Za-z]{3,9})\.?,?\s+(\d{4})\b", t):
        mo = _month(m[2]) or 0
        y, d = int(m[3]), int(m[1])
    elif m := re.search(r"\b([A-Za-z]{3,9})\s+(\d{1,2})(?:st|nd|rd|th)?,?\s+(\d{4})\b", t):
        mo = _month(m[1]) or 0
        y, d = int(m[3]), int(m[2])
    elif m := re.search(r"\b(\d{1,2})[/.](\d{1,2})[/.](\d{4})\b", t):
        y, mo, d = int(m[3]), int(m[2]), int(m[1])  # UK order: day/month/year
    else:
        return None
    try:
        return date(y, mo, d)
    except ValueError:
        return None


def normalise_due(text: str) -> str | None:
    """``YYYY-MM-DD`` or ``YYYY-MM`` for a due date, or ``None`` if the text is not one date."""
    t = text.strip()
    if not t:
        return ""
    if re.fullmatch(r"\d{4}-(0[1-9]|1[0-2])(-\d{2})?", t):
        return t if len(t) == 7 or parse_date(t) else None
    if (d := parse_date(t)) is not None:
        return d.isoformat()
    if m := re.fullmatch(r"(?:end of |by )?([A-Za-z]{3,9})\.?,?\s+(\d{4})", t, re.I):
        if (mo := _month(m[1])) is not None:
            return f"{int(m[2]):04d}-{mo:02d}"
    if m := re.fullmatch(r"(\d{1,2})[/.](\d{4})", t):
        if 1 <= int(m[1]) <= 12:
            return f"{m[2]}-{int(m[1]):02d}"
    if (joined := re.sub(r"(?<=[a-z])\s+(?=[a-z])", "", t)) != t:
        return normalise_due(joined)  # a month broken by a narrow PDF column: "Septembe r 2026"
    return None
