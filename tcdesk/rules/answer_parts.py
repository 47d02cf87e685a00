"""Images, links and block kinds of one answer, with their character spans, for the accessibility rules.

Parsed by the CommonMark parser the exporters use, so what a rule reports is what the exports show
(link syntax inside code is not a link). Cached by text: while someone types, only the answer being
edited is parsed again.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from typing import TYPE_CHECKING

from tcdesk.commonmark import tokens as parse_tokens

if TYPE_CHECKING:
    from markdown_it.token import Token


@dataclass(frozen=True, slots=True)
class Part:
    """An image (``text`` is its alt text) or a link (``text`` is what the reader sees), and its span."""

    kind: str  # "image" or "link"
    target: str
    text: str
    start: int
    end: int


@dataclass(frozen=True, slots=True)
class AnswerParts:
    parts: tuple[Part, ...]
    block_kinds: tuple[str, ...]  # the top-level blocks in order: "heading", "paragraph", "bullet_list", …


_INLINE = re.compile(r"(!?)\[((?:[^\[\]\\]|\\.)*)\]\(\s*<?([^)\s>]*)>?(?:\s+[^)]*)?\)|<((?:https?|mailto):[^>\s]+)>",
                     re.IGNORECASE)


@lru_cache(maxsize=64)
def answer_parts(text: str) -> AnswerParts:
    tokens = parse_tokens(text)
    kinds = tuple(t.type.removesuffix("_open") for t in tokens if t.level == 0 and t.nesting >= 0
                  and not t.type.endswith("_close") and t.type != "inline")
    parts = []
    if "[" in text or "<" in text:
        code = _code_spans(tokens, text)
        for m in _INLINE.finditer(text):
            if any(lo <= m.start() < hi for lo, hi in code):
                continue
            if m.group(4):
                parts.append(Part("link", m.group(4), m.group(4), m.start(), m.end()))
            else:
                kind = "image" if m.group(1) else "link"
                parts.append(Part(kind, m.group(3), m.group(2).strip(), m.start(), m.end()))
    return AnswerParts(tuple(parts), kinds)


def _code_spans(tokens: list[Token], text: str) -> list[tuple[int, int]]:
    """Where code (spans and blocks) sits in ``text``: link syntax there is shown as typed."""
    spans = [(m.start(), m.end()) for m in re.finditer(r"(`+)(?:(?!\1).)+?\1", text, re.DOTALL)]
    starts = [0]
    for line in text.splitlines(keepends=True):
        starts.append(starts[-1] + len(line))
    for token in tokens:
        if token.type in ("fence", "code_block") and token.map:
            first, last = token.map
            spans.append((starts[first], starts[min(last, len(starts) - 1)]))
    return spans


def shorten(shown: str) -> str:
    """A span as a finding quotes it: at most 60 characters."""
    return shown if len(shown) <= 60 else shown[:57] + "…"
