"""Word's lists on the clipboard made into HTML lists, so that pasting them gives Markdown lists.

Word does not write ``<ul>`` or ``<ol>``: each item is a paragraph whose style names its list and
level (``mso-list:l0 level2 lfo1``), its bullet or number written out in front of the words inside
a conditional comment that browsers other than Word's own show (``<![if !supportLists]>·&nbsp;…<![endif]>``).
Read as HTML that is a paragraph starting with "·" and blanks. Here the marker is taken out and the
paragraphs are nested into lists by level; the words stay as they are.
"""

from __future__ import annotations

import html
import re
from dataclasses import dataclass

__all__ = ["word_lists_as_html_lists"]

# A paragraph's content never holds another "<p" (so an unclosed one costs one scan, not one per "<p").
_PARAGRAPH = re.compile(r"<p\b([^>]*)>([^<]*(?:<(?!/?p[\s>/])[^<]*)*)</p\s*>", re.IGNORECASE)
_LIST_STYLE = re.compile(r"mso-list:\s*l(\d+)\s+level(\d+)\s+lfo(\d+)", re.IGNORECASE)
_MARKER = re.compile(
    r"<!(?:--)?\[if\s+!supportLists\](?:--)?>(.*?)<!(?:--)?\[endif\](?:--)?>", re.IGNORECASE | re.DOTALL
)
_TAG = re.compile(r"<[^>]*>")
# Word's numbers: 1. 1) (1) a. A) i. IV. — a bullet is any other mark ("·", "o", "§", "Ø", "-").
_NUMBER = re.compile(r"\(?(\d{1,9}|[a-zA-Z]{1,6})[.)]$|\((\d{1,9}|[a-zA-Z]{1,6})\)$")
_ROMAN = re.compile(r"(?i)m{0,3}(cm|cd|d?c{0,3})(xc|xl|l?x{0,3})(ix|iv|v?i{0,3})$")
_BETWEEN = re.compile(r"\s*")


@dataclass(frozen=True, slots=True)
class _Item:
    start: int  # where the paragraph starts in the HTML
    end: int
    level: int
    list_id: str  # Word's list instance ("l0 lfo1")
    number: int | None  # None: a bullet
    body: str  # the paragraph's content without its marker


def word_lists_as_html_lists(text: str) -> str:
    """``text`` (clipboard HTML) with every run of Word list paragraphs as nested ``<ul>``/``<ol>``."""
    if "mso-list" not in text:
        return text
    items = [item for m in _PARAGRAPH.finditer(text) if (item := _item(m)) is not None]
    if not items:
        return text
    out: list[str] = []
    at = 0
    run: list[_Item] = []
    for item in items:
        if run and not _BETWEEN.fullmatch(text, run[-1].end, item.start):
            out += [text[at : run[0].start], _lists(run)]
            at, run = run[-1].end, []
        run.append(item)
    out += [text[at : run[0].start], _lists(run), text[run[-1].end :]]
    return "".join(out)


def _item(m: re.Match[str]) -> _Item | None:
    style = _LIST_STYLE.search(m.group(1))
    if style is None:
        return None
    content = m.group(2)
    marker = _MARKER.search(content)
    mark = ""
    if marker is not None:
        mark = html.unescape(_TAG.sub("", marker.group(1))).replace("\u00a0", " ").strip()
        content = content[: marker.start()] + content[marker.end() :]
    list_id = f"l{style.group(1)} lfo{style.group(3)}"
    return _Item(m.start(), m.end(), int(style.group(2)), list_id, _number(mark), content)


def _number(mark: str) -> int | None:
    """The number a Word list marker shows ("3." → 3, "c)" → 3, "iv." → 4), or None for a bullet."""
    found = _NUMBER.fullmatch(mark)
    if found is None:
        return None
    value = found.group(1) or found.group(2)
    if value.isdigit():
        return int(value)
    # Only a list's first marker counts: "a." or "c)" starts a lettered list, "i." or "iv." a roman one.
    if len(value) == 1 and value.lower() != "i":
        return ord(value.lower()) - ord("a") + 1
    return _roman(value.lower()) if _ROMAN.fullmatch(value) else None


def _roman(value: str) -> int:
    worth = {"i": 1, "v": 5, "x": 10, "l": 50, "c": 100, "d": 500, "m": 1000}
    total = 0
    for n, ch in enumerate(value):
        later = worth[value[n + 1]] if n + 1 < len(value) else 0
        total += -worth[ch] if worth[ch] < later else worth[ch]
    return total


def _lists(items: list[_Item]) -> str:
    """Consecutive list paragraphs as nested HTML lists, an item's deeper items inside it."""
    out: list[str] = []
    open_lists: list[tuple[int, str, bool]] = []  # (level, list id, numbered)
    for item in items:
        numbered = item.number is not None
        while open_lists and open_lists[-1][0] > item.level:
            out.append("</li></ol>" if open_lists.pop()[2] else "</li></ul>")
        if open_lists and open_lists[-1][0] == item.level:
            if open_lists[-1][1:] == (item.list_id, numbered):
                out.append("</li>")
            else:  # another list at the same level: a bulleted one after a numbered one, say
                out.append("</li></ol>" if open_lists.pop()[2] else "</li></ul>")
        if not open_lists or open_lists[-1][0] < item.level:
            out.append(f'<ol start="{item.number}">' if numbered else "<ul>")
            open_lists.append((item.level, item.list_id, numbered))
        out.append("<li>" + item.body)
    while open_lists:
        out.append("</li></ol>" if open_lists.pop()[2] else "</li></ul>")
    return "".join(out)
