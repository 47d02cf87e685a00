"""Right-to-left text (Hebrew, Arabic) in the PDF: Arabic letters joined, each line in visual order.

reportlab draws a line's characters in the order they are stored, left to right; Word and browsers
apply the Unicode bidirectional algorithm, reportlab does not. So the PDF export

- joins Arabic letters (arabic-reshaper, into the presentation forms DejaVu Sans has) before lines
  are broken, since joined forms differ in width;
- after lines are broken, reorders each line's characters into visual order (python-bidi), with the
  paragraph's base direction taken from its first strong character (rules P2/P3), so the lines of a
  right-to-left paragraph stay in reading order top to bottom and an English sentence holding a
  Hebrew name keeps its left-to-right layout;
- maps each joined form back to its letters in the font's ToUnicode map
  (:func:`tcdesk.export.pdf_fonts.to_unicode_cmap`), so copying or extracting gives the letters typed.

Only text holding a right-to-left character pays: :func:`has_rtl` is one regular-expression search,
and both libraries are imported on first use.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Hashable, Sequence
from functools import cache
from typing import Any

from tcdesk.export.direction import has_rtl, rtl_base

__all__ = ["has_rtl", "logical_of_form", "rtl_base", "shaped", "unjoined", "visual", "visual_text"]

_ARABIC = re.compile("[\u0600-\u06ff\u0750-\u077f\u08a0-\u08ff]")
_FORMS = re.compile("[\ufb50-\ufdff\ufe70-\ufefe]")
# Scripts whose letters join their neighbours: Arabic (and its supplements), Syriac, N'Ko, Mandaic,
# Mongolian, Hanifi Rohingya and Adlam. Only the letters arabic-reshaper knows are joined.
_JOINING = re.compile("[\u0600-\u077f\u07c0-\u07ff\u0840-\u086f\u08a0-\u08ff\u1800-\u18af"
                      "\U00010d00-\U00010d3f\U0001e900-\U0001e95f]")


def shaped(text: str) -> str:
    """``text`` with its Arabic letters in their joined forms, word by word; a word whose joined forms
    the PDF's regular face lacks (a letter of another language written in Arabic) stays as typed."""
    if _ARABIC.search(text) is None:
        return text
    from tcdesk.export.pdf_glyphs import can_draw

    reshape = _reshaper().reshape
    out = []
    for word in re.split(r"(\s+)", text):
        if _ARABIC.search(word) is not None:
            joined = reshape(word)
            if all(can_draw(ch) or not _FORMS.match(ch) for ch in joined):
                word = joined
        out.append(word)
    return "".join(out)


def unjoined(text: str) -> list[str]:
    """The letters of ``text`` the PDF draws but cannot join to their neighbours (letters of a joining
    script that arabic-reshaper does not know: N'Ko, some Arabic-script letters of Pashto, Sindhi,
    Kurdish…), each once, in the order they first appear. A letter no face draws is not here: it
    prints as a box (:func:`tcdesk.export.pdf_glyphs.undrawable`)."""
    if text.isascii() or _JOINING.search(text) is None:
        return []
    from arabic_reshaper.letters import LETTERS_ARABIC

    from tcdesk.export.pdf_glyphs import can_draw

    return [ch for ch in dict.fromkeys(text) if _JOINING.match(ch) and unicodedata.category(ch) == "Lo"
            and ch not in LETTERS_ARABIC and can_draw(ch)]


@cache
def _reshaper() -> Any:
    """arabic-reshaper keeping the vowel marks (the user's text) and using only the ligatures DejaVu Sans draws."""
    import arabic_reshaper
    from arabic_reshaper.ligatures import LIGATURES

    from tcdesk.export.pdf_glyphs import can_draw

    config: dict[str, Any] = {"delete_harakat": False, "support_ligatures": True}
    for name, (_, forms) in LIGATURES:
        config[name] = all(can_draw(form) for form in forms if form)
    return arabic_reshaper.ArabicReshaper(configuration=config)


def logical_of_form(ch: str) -> str:
    """The letters an Arabic joined form (presentation form) stands for, as the font's character map
    gives them; any other character itself.

    A ligature's letters (lam-alef, "لا") are given in drawn order: poppler and PDFium reverse a
    right-to-left run after reading the map, a ligature's letters with it, so this gives them back
    as typed.
    """
    if _FORMS.match(ch) is None:
        return ch
    letters = unicodedata.normalize("NFKC", ch) or ch
    if len(letters) > 1 and all(unicodedata.category(c).startswith("L") for c in letters):
        return letters[::-1]
    return letters


def visual(pieces: Sequence[tuple[Hashable, str]], rtl: bool) -> list[tuple[Hashable, str]]:
    """One line's ``(key, text)`` pieces (in logical order) as ``(key, text)`` pieces in visual order,
    left to right, with ``rtl`` the paragraph's base direction: each right-to-left run reversed, its
    brackets mirrored, and a vowel mark kept after the letter it sits on (reportlab draws a mark
    over the glyph drawn just before it). Consecutive characters of one piece stay one piece."""
    from bidi.mirror import MIRRORED

    keys: list[Hashable] = [key for key, text in pieces for _ in text]
    text = "".join(text for _, text in pieces)
    levels = _levels(text, rtl)
    base = 1 if rtl else 0
    for i in range(len(text) - 1, -1, -1):  # L1: white space at the end of the line takes the base level
        if unicodedata.bidirectional(text[i]) not in ("WS", "BN", "LRI", "RLI", "FSI", "PDI"):
            break
        levels[i] = base
    order = list(range(len(text)))
    top = max(levels, default=0)
    lowest_odd = min((level for level in levels if level % 2), default=top + 1)
    for level in range(top, lowest_odd - 1, -1):  # L2: reverse every run at this level or higher
        i = 0
        while i < len(order):
            if levels[order[i]] >= level:
                j = i
                while j < len(order) and levels[order[j]] >= level:
                    j += 1
                order[i:j] = order[i:j][::-1]
                i = j
            else:
                i += 1
    out: list[tuple[Hashable, str]] = []
    marks: list[int] = []
    for at in order:
        odd = levels[at] % 2
        if odd and unicodedata.combining(text[at]):
            marks.append(at)  # reversed before its letter: drawn after it, in their typed order
            continue
        _add(out, keys[at], MIRRORED.get(text[at], text[at]) if odd else text[at])
        for mark in reversed(marks):
            _add(out, keys[mark], text[mark])
        marks = []
    for mark in reversed(marks):
        _add(out, keys[mark], text[mark])
    return out


_LEVEL = re.compile(r"Level\(\s*(\d+)")


def _levels(text: str, rtl: bool) -> list[int]:
    """Each character's embedding level, resolved by python-bidi (the Rust unicode-bidi crate, with
    the bracket pairs of rule N0) for a paragraph of base direction ``rtl``.

    python-bidi gives the levels only in its debug description, one per UTF-8 byte; should that
    description ever read otherwise, its older algorithm (without rule N0) gives them.
    """
    from bidi import get_display

    described = get_display(text, base_dir="R" if rtl else "L", debug=True)
    start, end = described.find("levels:"), described.find("paragraphs:")
    per_byte = [int(n) for n in _LEVEL.findall(described, start, end)] if 0 <= start < end else []
    if len(per_byte) == len(text.encode("utf-8")):
        levels, at = [], 0
        for ch in text:
            levels.append(per_byte[at])
            at += len(ch.encode("utf-8"))
        return levels
    from bidi import algorithm

    storage = algorithm.get_empty_storage()
    storage["base_level"], storage["base_dir"] = (1, "R") if rtl else (0, "L")
    algorithm.get_embedding_levels(text, storage)
    algorithm.explicit_embed_and_overrides(storage)
    algorithm.resolve_weak_types(storage)
    algorithm.resolve_neutral_types(storage, False)
    algorithm.resolve_implicit_levels(storage, False)
    if len(storage["chars"]) != len(text):  # (explicit embeddings removed): the paragraph's level for all
        return [storage["base_level"]] * len(text)
    return [entry["level"] for entry in storage["chars"]]


def _add(out: list[tuple[Hashable, str]], key: Hashable, ch: str) -> None:
    if out and out[-1][0] == key:
        out[-1] = (key, out[-1][1] + ch)
    else:
        out.append((key, ch))


def visual_text(text: str) -> str:
    """A one-line ``text`` joined and in visual order (the running header, the contents); any
    text without right-to-left characters unchanged."""
    if not has_rtl(text):
        return text
    return "".join(piece for _, piece in visual([(0, shaped(text))], rtl_base(text)))
