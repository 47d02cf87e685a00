"""TALENT Commission recommendation codes ("R2 R9 R10", "R2, R9", "TCR 2") from a table cell."""

from __future__ import annotations

import re

from tcdesk.template import talent_codes

_CODE = re.compile(r"(?<![A-Za-z0-9])(?:R|TCR|TALENT|Rec(?:ommendation)?)\s*\.?\s*0*(\d{1,2})(?!\d)", re.I)
_BARE = re.compile(r"(?<![A-Za-z0-9])0*(\d{1,2})(?![\d])")


def parse_talent(text: str) -> tuple[list[str], list[str]]:
    """Codes in order of first appearance, and the tokens that are not known codes.

    Bare numbers ("2, 9") count only when the cell holds nothing else, as in a column headed TCR.
    Unknown numbers (R40) are returned as problems rather than dropped silently.
    """
    text = text.strip()
    if not text or text.lower() in {"n/a", "na", "-", "–", "none"}:
        return [], []
    known = talent_codes()
    numbers = [m.group(1) for m in _CODE.finditer(text)]
    if not numbers and re.fullmatch(r"[\d\s,;/&and.]+", text):
        numbers = [m.group(1) for m in _BARE.finditer(text)]
    codes: list[str] = []
    unknown: list[str] = []
    for n in numbers:
        code = f"R{int(n)}"
        if code in known:
            if code not in codes:
                codes.append(code)
        else:
            unknown.append(code)
    return codes, unknown


REF = re.compile(r"^\s*([A-Za-z]{1,3})[\s.\-]?(\d{1,3}(?:\.\d{1,2})?[a-z]?)\s*$")


def looks_like_ref(text: str) -> bool:
    """An action reference such as V01, R1, C-12, S3.2 or CD04 (not a sentence)."""
    return bool(REF.match(text))
