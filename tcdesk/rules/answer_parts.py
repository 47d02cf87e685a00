"""Images and links of one answer, with their character spans, and whether it is only headings: for the
accessibility rules.

Read with the CommonMark parser the exporters use, so what a rule reports is what the exports show
(link syntax inside code is not a link). The parser is asked only when a cheap look at the lines
cannot settle the question (most answers have no code block, and body text under their headings),
so a check of usual answers never loads it. Cached by text: while someone types, only the answer
being edited is looked at again.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from functools import lru_cache
from typing import TYPE_CHECKING, NamedTuple

if TYPE_CHECKING:
    from markdown_it.token import Token


class Part(NamedTuple):
    """An image (``text`` is its alt text) or a link (``text`` is what the reader sees), and its span."""

    kind: str  # "image" or "link"
    target: str
    text: str
    start: int
    end: int


_INLINE = re.compile(r"(!?)\[((?:[^\[\]\\]|\\.)*)\]\(\s*<?([^)\s>]*)>?(?:\s+[^)]*)?\)|<((?:https?|mailto):[^>\s]+)>",
                     re.IGNORECASE)
# What every fenced or indented code block needs somewhere in its text; without any of them there
# is none, and the parser need not be asked.
_CODE_BLOCK_MARKS = ("```", "~~~", " " * 4, "\t")
# How a line (see lines_of) can start: as an ATX heading, or possibly as a setext underline or a
# link reference definition, the two constructs that make other lines' roles depend on them.
_ATX = re.compile(r" {0,3}#")
_DEPENDS = re.compile(r"\s*(?:(?:=+|-+)\s*$|\[)")


@lru_cache(maxsize=64)
def answer_parts(text: str) -> tuple[Part, ...]:
    """The images and links of ``text``, leaving out link syntax inside code."""
    parts = []
    if "[" in text or "<" in text:
        code: list[tuple[int, int]] | None = None
        for m in _inline_matches(text):
            if code is None:
                code = _code_spans(text)
            if any(lo <= m.start() < hi for lo, hi in code):
                continue
            if m.group(4):
                parts.append(Part("link", m.group(4), m.group(4), m.start(), m.end()))
            else:
                kind = "image" if m.group(1) else "link"
                parts.append(Part(kind, m.group(3), m.group(2).strip(), m.start(), m.end()))
    return tuple(parts)


def _inline_matches(text: str) -> Iterator[re.Match[str]]:
    """What ``_INLINE.finditer(text)`` gives, the regex tried only where a match can start: at a
    ``[`` (or the ``!`` just before it) or a ``<``.

    Its search would try the whole pattern at every character, and a character class at every one
    is not much cheaper; an answer has a few dozen brackets in thousands of characters, which
    ``str.find`` locates many times faster.
    """
    starts = []
    for mark in "[<":
        at = text.find(mark)
        while at >= 0:
            if mark == "[" and at and text[at - 1] == "!":
                starts.append(at - 1)
            starts.append(at)
            at = text.find(mark, at + 1)
    starts.sort()
    end = 0
    match = _INLINE.match
    for at in starts:
        if at >= end and (m := match(text, at)) is not None:
            end = m.end()
            yield m


@lru_cache(maxsize=64)
def headings_only(text: str) -> bool:
    """Whether ``text`` has top-level blocks and every one of them is a heading.

    A line of text that cannot start an ATX heading is body text, unless a setext underline or
    a link reference definition could change what it is; only then, or when every line looks like
    a heading, does the parser decide.
    """
    lines = [line for line in lines_of(text) if line.strip(" \t")]  # blank: spaces and tabs only
    if not lines:
        return False
    if not any(_DEPENDS.match(line) for line in lines) and not all(_ATX.match(line) for line in lines):
        return False
    kinds = [t.type for t in _block_tokens(text) if t.level == 0 and t.nesting >= 0
             and not t.type.endswith("_close") and t.type != "inline"]
    return bool(kinds) and all(kind == "heading_open" for kind in kinds)


def lines_of(text: str) -> list[str]:
    """The parser's lines of ``text``: ``"\\r\\n"``, ``"\\r"`` and ``"\\n"`` end one, nothing else does
    (``str.splitlines`` would also split at form feeds and U+2028)."""
    return text.replace("\r\n", "\n").replace("\r", "\n").split("\n")


_LINE_END = r"\r\n|\r|\n"  # compiled by re on first use: only a text the parser reads needs it


def line_starts(text: str) -> list[int]:
    """Where each of the parser's lines of ``text`` starts (as :func:`lines_of` splits it), then the
    text's end: turns a token's line ``map`` into positions in ``text`` itself."""
    return [0, *(m.end() for m in re.finditer(_LINE_END, text)), len(text)]


def _block_tokens(text: str) -> list[Token]:
    from tcdesk.commonmark import block_tokens  # markdown-it is imported only when a text needs it

    return block_tokens(text)


def _code_spans(text: str) -> list[tuple[int, int]]:
    """Where code (spans and blocks) sits in ``text``: link syntax there is shown as typed."""
    spans = [(m.start(), m.end()) for m in re.finditer(r"(`+)(?:(?!\1).)+?\1", text, re.DOTALL)] if "`" in text else []
    if not any(mark in text for mark in _CODE_BLOCK_MARKS):
        return spans
    starts = line_starts(text)
    for token in _block_tokens(text):
        if token.type in ("fence", "code_block") and token.map:
            first, last = token.map
            spans.append((starts[first], starts[min(last, len(starts) - 1)]))
    return spans


def shorten(shown: str) -> str:
    """A span as a finding quotes it: at most 60 characters."""
    return shown if len(shown) <= 60 else shown[:57] + "…"
