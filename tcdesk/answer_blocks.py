"""Write back only the blocks of an answer the user changed, keeping every other byte as stored.

An editor reads an answer into its own document and writes the whole document out again in its
own spelling (``*`` bullets become ``-``, a wrapped paragraph becomes one line). Writing that back
would change blocks nobody touched. Instead the editor's spelling of the answer as loaded and as
edited are compared block by block, and every block whose spelling did not change keeps the user's
original text.
"""

from __future__ import annotations

import difflib
import re
from dataclasses import dataclass

from tcdesk import commonmark

__all__ = ["Block", "keep_unchanged_blocks", "splice", "top_level_blocks"]


@dataclass(frozen=True, slots=True)
class Block:
    """One top-level block (paragraph, heading, whole list, quote, table, code block, rule)."""

    text: str
    first_line: int
    end_line: int  # exclusive


def top_level_blocks(text: str) -> list[Block]:
    lines = text.split("\n")
    blocks = []
    for token in commonmark.tokens(text):
        if token.level == 0 and token.map is not None and token.nesting >= 0:
            # The parser also ends lines at a lone "\r"; such a line map can run past the "\n" lines.
            start, end = min(token.map[0], len(lines)), min(token.map[1], len(lines))
            while end > start + 1 and not lines[end - 1].strip():
                end -= 1  # a list's range takes in the blank line after it
            blocks.append(Block("\n".join(lines[start:end]), start, end))
    return blocks


def keep_unchanged_blocks(stored: str, loaded: str, edited: str) -> str:
    """The text to store after an edit (see :func:`splice`; here every text is parsed)."""
    if loaded == edited:
        return stored
    before = [b.text for b in top_level_blocks(loaded)]
    after = [b.text for b in top_level_blocks(edited)]
    return splice(stored, top_level_blocks(stored), before, after)[0]


def splice(stored: str, original: list[Block], before: list[str], after: list[str]) -> tuple[str, list[Block]]:
    """The text to store after an edit, and its blocks.

    :param stored: the answer as stored before the edit (the user's bytes).
    :param original: the blocks of ``stored``.
    :param before: the editor's own spelling of each block of ``stored``, as loaded.
    :param after: the editor's spelling of each block after the edit.
    :returns: ``stored`` with only the blocks that differ between ``before`` and ``after`` replaced
        by their new spelling. When the stored blocks cannot be matched with the editor's, every
        block is the editor's spelling (no word is lost, but the spelling of all may change).
    """
    if before == after:
        return stored, original
    if len(original) != len(before) or not original:
        return _joined(after)
    lines = stored.split("\n")
    out: list[str] = []
    blocks: list[Block] = []
    fresh: list[bool] = []
    line = 0
    prefix = suffix = None
    matcher = difflib.SequenceMatcher(None, before, after, autojunk=False)
    for op, i1, i2, j1, j2 in matcher.get_opcodes():
        if op == "equal":
            if i1 == 0 and j1 == 0:
                prefix = "".join(text + "\n" for text in lines[: original[0].first_line])
                line = original[0].first_line
            if out:
                line += 1  # the blank line before this run
            shift = line - original[i1].first_line
            out.append("\n".join(lines[original[i1].first_line : original[i2 - 1].end_line]))
            for b in original[i1:i2]:
                blocks.append(Block(b.text, b.first_line + shift, b.end_line + shift))
                fresh.append(False)
            line = blocks[-1].end_line
            if i2 == len(original) and j2 == len(after):
                suffix = "".join("\n" + text for text in lines[original[-1].end_line :])
        else:
            for text in after[j1:j2]:
                if out:
                    line += 1
                height = text.count("\n") + 1
                out.append(text)
                blocks.append(Block(text, line, line + height))
                fresh.append(True)
                line += height
    if not blocks:
        return "", []
    # A new block beside a kept one must stay a block of its own: two lists in a row would merge,
    # and an indented block after a list would join its last item. Only those pairs are parsed.
    for n in range(len(blocks) - 1):
        first, second = blocks[n].text, blocks[n + 1].text
        if (fresh[n] or fresh[n + 1]) and _may_join(first, second) and len(top_level_blocks(first + "\n\n" + second)) != 2:
            return _joined(after)
    return (prefix or "") + "\n\n".join(out) + (suffix if suffix is not None else "\n"), blocks


_LIST_START = re.compile(r"[ \t]{0,3}(?:[-*+]|\d{1,9}[.)])(?:[ \t]|$)")


def _may_join(first: str, second: str) -> bool:
    return bool(_LIST_START.match(first)) and (bool(_LIST_START.match(second)) or second[:1] in (" ", "\t"))


def _joined(after: list[str]) -> tuple[str, list[Block]]:
    text = "\n\n".join(after) + "\n" if after else ""
    return text, top_level_blocks(text)
