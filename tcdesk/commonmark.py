"""The one reading of an answer's CommonMark, shared by the exporters, the rules and the editor."""

from __future__ import annotations

from markdown_it import MarkdownIt

__all__ = ["new_parser"]


def new_parser() -> MarkdownIt:
    """A parser for answers: CommonMark plus tables, raw HTML off."""
    # Raw HTML is off: user text is data, so "<b>" in an answer is printed, never interpreted.
    return MarkdownIt("commonmark", {"html": False}).enable("table")
