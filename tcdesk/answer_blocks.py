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
from functools import cache

from markdown_it import MarkdownIt

from tcdesk.commonmark import new_parser

__all__ = ["Block", "keep_unchanged_blocks", "top_level_blocks"]


@dataclass(frozen=True, slots=True)
class Block:
    """One top-level block (paragraph, heading, whole list, quote, table, code block, rule)."""

    text: str
    first_line: int
    end_line: int  # exclusive


@cache
def _parser() -> MarkdownIt:
    return new_parser()


def top_level_blocks(text: str) -> list[Block]:
    lines = text.split("\n")
    blocks = []
    for token in _parser().parse(text):
        if token.level == 0 and token.map is not None and token.nesting >= 0:
            # The parser also ends lines at a lone "\r"; such a line map can run past the "\n" lines.
            start, end = min(token.map[0], len(lines)), min(token.map[1], len(lines))
            while end > start + 1 and not lines[end - 1].strip():
                end -= 1  # a list's range takes in the blank line after it
            blocks.append(Block("\n".join(lines[start:end]), start, end))
    return blocks


def _same_meaning(a: str, b: str) -> bool:
    # Soft line breaks and blank-line spacing differ between spellings but not in meaning.
    def norm(text: str) -> str:
        return re.sub(r"\s+", " ", _parser().render(text)).strip()

    return norm(a) == norm(b)


def keep_unchanged_blocks(stored: str, loaded: str, edited: str) -> str:
    """The text to store after an edit.

    :param stored: the answer as stored before the edit (the user's bytes).
    :param loaded: the editor's own spelling of ``stored``, block for block.
    :param edited: the editor's spelling of the document after the edit.
    :returns: ``stored`` with only the blocks that differ between ``loaded`` and ``edited``
        replaced by their new spelling; ``edited`` itself when the stored blocks cannot be matched
        up with the editor's (then every block is the editor's spelling, but no word is lost).
    """
    if loaded == edited:
        return stored
    original = top_level_blocks(stored)
    before = top_level_blocks(loaded)
    after = top_level_blocks(edited)
    if len(original) != len(before) or not original:
        return edited
    lines = stored.split("\n")
    pieces: list[str] = []
    prefix = suffix = None
    matcher = difflib.SequenceMatcher(None, [b.text for b in before], [b.text for b in after], autojunk=False)
    for op, i1, i2, j1, j2 in matcher.get_opcodes():
        if op == "equal":
            pieces.append("\n".join(lines[original[i1].first_line : original[i2 - 1].end_line]))
            if i1 == 0 and j1 == 0:
                prefix = "".join(line + "\n" for line in lines[: original[0].first_line])
            if i2 == len(original) and j2 == len(after):
                suffix = "".join("\n" + line for line in lines[original[-1].end_line :])
        elif j2 > j1:
            pieces.append("\n\n".join(b.text for b in after[j1:j2]))
    result = "\n\n".join(p for p in pieces if p)
    result = (prefix or "") + result + (suffix if suffix is not None else "\n")
    if not result.strip():
        return ""
    return result if _same_meaning(result, edited) else edited
