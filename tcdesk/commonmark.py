"""The one reading of an answer's CommonMark, shared by the exporters, the rules and the editor."""

from __future__ import annotations

import threading
from functools import cache
from typing import TYPE_CHECKING

from markdown_it import MarkdownIt

if TYPE_CHECKING:
    from markdown_it.token import Token

__all__ = ["block_tokens", "new_parser", "tokens"]

_lock = threading.Lock()

# The core steps after block parsing: they fill in the children of each "inline" token.
_INLINE_STEPS = ["inline", "linkify", "replacements", "smartquotes", "text_join"]


def new_parser() -> MarkdownIt:
    """A parser for answers: CommonMark plus tables, raw HTML off."""
    # Raw HTML is off: user text is data, so "<b>" in an answer is printed, never interpreted.
    return MarkdownIt("commonmark", {"html": False}).enable("table")


@cache
def _shared() -> MarkdownIt:
    return new_parser()


@cache
def _blocks_only() -> MarkdownIt:
    parser = new_parser()
    parser.core.ruler.disable(_INLINE_STEPS, ignoreInvalid=True)
    return parser


def tokens(text: str) -> list[Token]:
    """The block tokens of ``text``, from one parser object shared by every thread (checks, exports)."""
    with _lock:  # a markdown-it parser object is not safe to share between threads unlocked
        return _shared().parse(text)


def block_tokens(text: str) -> list[Token]:
    """:func:`tokens` without the inline parse: the same blocks (types, levels, line maps), but each
    ``inline`` token has no children. Less than half the work, for readers of the block structure."""
    with _lock:
        return _blocks_only().parse(text)
