"""Write back only what the user changed in an answer, keeping every other byte as stored.

An editor reads an answer into its own document and writes the whole document out again in its
own spelling (``*`` bullets become ``-``, a wrapped paragraph becomes one line). Writing that back
would change text nobody touched. Instead the editor's spelling of the answer as loaded and as
edited are compared block by block, and every block whose spelling did not change keeps the user's
original text. Inside a changed block the edit itself is carried over into the stored spelling (the
other items of a ``*`` list keep their ``*``, a wrapped paragraph keeps its line ends), as long as
the result reads exactly as the editor shows it.
"""

from __future__ import annotations

import difflib
import functools
import html
import itertools
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from tcdesk import commonmark

if TYPE_CHECKING:
    from markdown_it.token import Token

__all__ = ["Block", "carry_edit", "edit_opcodes", "keep_unchanged_blocks", "reading", "splice", "top_level_blocks"]


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
    :returns: ``stored`` with only the blocks that differ between ``before`` and ``after`` changed,
        each by carrying the edit into its stored spelling (:func:`carry_edit`); what stands between
        blocks that keep their place stays as stored. Where the editor shows one stored block as
        several (a table in a quote), see :func:`_splice_groups`.
    """
    if before == after:
        return stored, original
    if not original:
        return _joined(after)
    if len(original) != len(before):
        return _splice_groups(stored, original, before, after)
    lines = stored.split("\n")
    pieces: list[tuple[str, int | None, bool]] = []  # (text, its place in ``original``, changed)
    for op, i1, i2, j1, j2 in edit_opcodes(before, after):
        if op == "equal":
            pieces += [(b.text, i1 + n, False) for n, b in enumerate(original[i1:i2])]
        elif op == "replace" and i2 - i1 == j2 - j1:
            pieces += [
                (carry_edit(original[i1 + n].text, before[i1 + n], text), i1 + n, True)
                for n, text in enumerate(after[j1:j2])
            ]
        else:
            pieces += [(text, None, True) for text in after[j1:j2]]
    if not pieces:
        return "", []
    prefix = "".join(text + "\n" for text in lines[: original[0].first_line])
    suffix = "".join("\n" + text for text in lines[original[-1].end_line :])
    out = [prefix]
    blocks: list[Block] = []
    line = original[0].first_line
    for n, (text, place, changed) in enumerate(pieces):
        if n:
            last = pieces[n - 1]
            if last[1] is not None and place == last[1] + 1:  # neighbours as stored: what is between them stays
                between = "\n" + "".join(
                    text + "\n" for text in lines[original[last[1]].end_line : original[place].first_line]
                )
            else:
                between = "\n\n"
            # A changed block beside another must stay a block of its own: two lists in a row would
            # merge, and an indented block after a list would join its last item. Only those pairs are parsed.
            if (
                (changed or last[2])
                and _may_join(last[0], text)
                and len(top_level_blocks(last[0] + between + text))
                != len(top_level_blocks(last[0])) + len(top_level_blocks(text))  # a group may hold several
            ):
                return _joined(after)
            out.append(between)
            line += between.count("\n")
        height = text.count("\n") + 1
        out.append(text)
        blocks.append(Block(text, line, line + height))
        line += height - 1
    out.append(suffix)
    return "".join(out), blocks


def _splice_groups(stored: str, original: list[Block], before: list[str], after: list[str]) -> tuple[str, list[Block]]:
    """:func:`splice` when the editor shows some stored blocks as several, or as none.

    The stored blocks and the editor's are lined up by what they read; a stored block that reads
    differently forms one group with the editor's blocks in its place. A group the edit left alone
    keeps its stored bytes; an edited group is written as the editor shows it.
    """
    groups = _line_up(original, before)
    if groups is None:
        return _joined(after)
    lines = stored.split("\n")
    merged = [
        Block(
            "\n".join(lines[original[i1].first_line : original[i2 - 1].end_line]),
            original[i1].first_line,
            original[i2 - 1].end_line,
        )
        for i1, i2, _, _ in groups
    ]
    went: dict[int, int] = {}  # where each of the editor's blocks is after the edit, if it is unchanged
    for op, b1, b2, a1, a2 in edit_opcodes(before, after):
        if op == "equal":
            went.update(zip(range(b1, b2), range(a1, a2), strict=True))
    untouched = {  # first block after the edit -> end, for each group left whole and in one piece
        went[j1]: went[j1] + j2 - j1
        for _, _, j1, j2 in groups
        if all(j in went for j in range(j1, j2)) and went[j2 - 1] - went[j1] == j2 - 1 - j1
    }
    edited: list[str] = []
    k = 0
    while k < len(after):
        end = untouched.get(k, k + 1)
        edited.append("\n\n".join(after[k:end]))
        k = end
    text, _ = splice(stored, merged, ["\n\n".join(before[j1:j2]) for _, _, j1, j2 in groups], edited)
    return text, top_level_blocks(text)


def _line_up(original: list[Block], before: list[str]) -> list[tuple[int, int, int, int]] | None:
    """Groups ``(i1, i2, j1, j2)``: stored blocks ``i1:i2`` are shown as the editor's ``j1:j2``."""
    groups: list[list[int]] = []
    keys = [repr(reading(b.text)) for b in original], [repr(reading(text)) for text in before]
    for op, i1, i2, j1, j2 in edit_opcodes(*keys):
        if op == "equal":
            groups += [[i, i + 1, j, j + 1] for i, j in zip(range(i1, i2), range(j1, j2), strict=True)]
        elif groups and (i1 == i2 or j1 == j2 or groups[-1][1] == groups[-1][0] or groups[-1][3] == groups[-1][2]):
            groups[-1][1], groups[-1][3] = i2, j2  # a side with no block joins the group before it
        else:
            groups.append([i1, i2, j1, j2])
    if groups and (groups[0][0] == groups[0][1] or groups[0][2] == groups[0][3]) and len(groups) > 1:
        first = groups.pop(0)
        groups[0][0], groups[0][2] = first[0], first[2]
    if any(i1 == i2 or j1 == j2 for i1, i2, j1, j2 in groups):
        return None
    return [(i1, i2, j1, j2) for i1, i2, j1, j2 in groups]


def edit_opcodes(
    before: Sequence[str], after: Sequence[str], limit: int | None = None
) -> list[tuple[str, int, int, int, int]]:
    """difflib's opcodes, except that what kept its place at either end is matched first.

    An edit can make one block (or word, or character) read like another; pairing a stored one with
    its twin elsewhere would give it the wrong bytes. Runs of equal ones are merged.

    :param limit: above this many pairs of items left between the shared ends, they are taken as one
        change instead of being matched (difflib's time grows with their product).
    """
    head, tail = _common_ends(before, after)
    a, b = before[head : len(before) - tail], after[head : len(after) - tail]
    middle: Sequence[tuple[str, int, int, int, int]]
    if limit is not None and len(a) * len(b) > limit:
        middle = [("replace", 0, len(a), 0, len(b))]
    else:
        middle = difflib.SequenceMatcher(None, a, b, autojunk=False).get_opcodes()
    ops = [("equal", 0, head, 0, head)]
    ops += [(op, i1 + head, i2 + head, j1 + head, j2 + head) for op, i1, i2, j1, j2 in middle]
    ops.append(("equal", len(before) - tail, len(before), len(after) - tail, len(after)))
    merged: list[tuple[str, int, int, int, int]] = []
    for op in ops:
        if op[1] == op[2] and op[3] == op[4]:
            continue
        if merged and op[0] == "equal" and merged[-1][0] == "equal":
            merged[-1] = ("equal", merged[-1][1], op[2], merged[-1][3], op[4])
        else:
            merged.append(op)
    return merged


def _common_ends(before: Sequence[object], after: Sequence[object]) -> tuple[int, int]:
    """How many items ``before`` and ``after`` share at the start, then at the end of what is left."""
    limit = min(len(before), len(after))
    if isinstance(before, str) and isinstance(after, str):
        # Halving by comparing slices: a long block is compared at C speed, not a character at a time.
        head = _shared_length(lambda n: before[:n] == after[:n], limit)
        tail = _shared_length(lambda n: before[len(before) - n :] == after[len(after) - n :], limit - head)
        return head, tail
    head = 0
    while head < limit and before[head] == after[head]:
        head += 1
    tail = 0
    while tail < limit - head and before[-1 - tail] == after[-1 - tail]:
        tail += 1
    return head, tail


def _shared_length(same: Callable[[int], bool], limit: int) -> int:
    """The largest ``n`` up to ``limit`` for which ``same(n)`` holds (it holds for 0 and for every n below one it holds for)."""
    low, high = 0, limit
    while low < high:
        middle = (low + high + 1) // 2
        if same(middle):
            low = middle
        else:
            high = middle - 1
    return low


def carry_edit(stored: str, before: str, after: str) -> str:
    """``after``'s edit of ``before`` made in ``stored``, the same block in the user's own spelling.

    ``before`` and ``after`` are the editor's spelling of the block as loaded and as edited. The
    changed stretch is found between them and put in the place of the stretch of ``stored`` it came
    from, so everything around it keeps its stored bytes. ``after`` is returned instead when that
    place cannot be told (the edit replaces text the two spellings write differently) or when the
    result would read differently from ``after``.
    """
    if before == after or len(stored) > _CARRY_LIMIT:
        return after
    # Compared by what they say, so an escape the edit made needless or needed ("\#" at a line's
    # start, "#" after a typed word) is no change of its own.
    # Only the stretch around the changed characters is read (a blank always starts a unit).
    head, tail = _common_ends(before, after)
    lo = max(0, before.rfind(" ", 0, max(0, head - _MARGIN)), before.rfind("\n", 0, max(0, head - _MARGIN)))
    ends = [
        n
        for n in (before.find(" ", len(before) - tail + _MARGIN), before.find("\n", len(before) - tail + _MARGIN))
        if n >= 0
    ]
    hi = min(ends, default=len(before))
    new_hi = hi + len(after) - len(before)
    table = _has_table(before)
    units = [(lo + end, text) for end, text in _units(before[lo:hi], literal_stars=True, table=table)]
    new_units = [(lo + end, text) for end, text in _units(after[lo:new_hi], literal_stars=True, table=table)]
    said, new_said = [text for _, text in units], [text for _, text in new_units]
    start, tail = _common_ends(said, new_said)
    stop, new_stop = len(said) - tail, len(new_said) - tail
    # Text typed at the end of a word could as well have been typed before the space after it;
    # the earliest such place keeps it on the word's line (a wrapped paragraph's line end stays after it).
    while (
        start
        and (start == stop) != (new_stop == start)
        and said[start - 1] == (new_said[new_stop - 1] if start == stop else said[stop - 1])
    ):
        start, stop, new_stop = start - 1, stop - 1, new_stop - 1
    at, new_at = [lo] + [end for end, _ in units], [lo] + [end for end, _ in new_units]
    read = _table_reading if table else reading
    shown = read(after)
    # In a table, the row typed in is lined up with its stored row first: lining up the whole
    # table would cost more than all the rest.
    row = _row_places(stored, before, at[start], at[stop]) if table else None
    whole = (_stored_offsets(stored, before, table) for _ in (1,))  # only if needed
    for places in itertools.chain([row] if row else [], whole):
        # What was typed may change how a character beside it reads ("a" typed after a lone "*" can
        # make it open emphasis): then that character is taken in the editor's spelling too ("\*a").
        for left, right in ((0, 0), (1, 0), (0, 1), (1, 1)):
            if start - left < 0 or stop + right > len(said) or new_stop + right > len(new_said):
                continue
            typed = after[new_at[start - left] : new_at[new_stop + right]]
            # A place next to words the spellings write differently may have several candidates in
            # ``stored``; the first that reads exactly as ``after`` is taken.
            for begin in places(at[start - left])[:_CANDIDATES]:
                for end in places(at[stop + right])[:_CANDIDATES]:
                    carried = stored[:begin] + typed + stored[end:]
                    if begin <= end and read(carried) == shown:
                        return carried
    return after


def _row_places(stored: str, before: str, first: int, last: int) -> Callable[[int], list[int]] | None:
    """:func:`_stored_offsets` of the one line of ``before`` holding ``first`` and ``last``, lined up
    with the same line of ``stored``; None unless both have as many lines (a table's rows)."""
    if stored.count("\n") != before.count("\n") or "\n" in before[first:last]:
        return None
    line = before.count("\n", 0, first)
    start = before.rfind("\n", 0, first) + 1
    stored_start = 0
    for _ in range(line):
        stored_start = stored.index("\n", stored_start) + 1
    end, stored_end = before.find("\n", first), stored.find("\n", stored_start)
    ours, theirs = stored[stored_start : len(stored) if stored_end < 0 else stored_end], before[start : len(before) if end < 0 else end]
    inner = _cell_places(ours, theirs) or _stored_offsets(ours, theirs, True)
    return lambda offset: [stored_start + place for place in inner(offset - start)] if offset >= start else []


def _cell_places(stored: str, before: str) -> Callable[[int], list[int]] | None:
    """:func:`_stored_offsets` of one table row, cell by cell: the n-th cell of ``before`` is lined up
    with the n-th of ``stored``, without the blanks around its text (a row may be stored with or
    without outer pipes, padded or not, which lining up its words alone can pair with the wrong
    cell). None if their cells differ in number."""
    cells, their_cells = _cells(stored), _cells(before)
    if len(cells) != len(their_cells):
        return None
    inner = [_stored_offsets(stored[a:b], before[c:d], True) for (_, a, b, _), (_, c, d, _) in zip(cells, their_cells, strict=True)]

    def places(offset: int) -> list[int]:
        for (_, a, b, _), (left, c, d, right), within in zip(cells, their_cells, inner, strict=True):
            if left <= offset < c:
                return [a]  # in the blanks before the cell's text
            if c <= offset <= d:
                return [a + place for place in within(offset - c)]
            if d < offset <= right:
                return [b]
        return []

    return places


def _cells(row: str) -> list[tuple[int, int, int, int]]:
    """Each cell of a table row as markdown-it splits it (at every "|" not right after a backslash,
    leaving out the blank ends outside outer pipes): where it starts, its text starts and ends, it ends."""
    borders = [n for n, ch in enumerate(row) if ch == "|" and (n == 0 or row[n - 1] != "\\")]
    spans = list(zip([0] + [n + 1 for n in borders], [*borders, len(row)]))
    if len(spans) > 1 and not row[: spans[0][1]].strip():
        spans.pop(0)
    if len(spans) > 1 and not row[spans[-1][0] :].strip():
        spans.pop()
    cells = []
    for start, end in spans:
        text = row[start:end]
        first = start + len(text) - len(text.lstrip())
        cells.append((start, first, max(first, start + len(text.rstrip())), end))
    return cells


#: Blocks longer than this (a huge table) are written in the editor's spelling when edited.
_CARRY_LIMIT = 20_000
#: How far around the changed characters an edit is read unit by unit.
_MARGIN = 64
#: How many places in the stored text are tried for each end of an edit.
_CANDIDATES = 3
_PIECES = re.compile(r"\s+|[^\s]+")
# In a table row a cell border is a piece of its own (stored rows may be written "|a|b|"), an escaped
# pipe is not one.
_TABLE_PIECES = re.compile(r"\s+|\||(?:\\\||[^\s|])+")
_SPACES = re.compile(r"\s+")
# One character of what Markdown says, as spelled: an escape, an entity, a hard break's backslash, a character.
_UNIT = re.compile(
    r"\\[!-/:-@\[-`{-~]|&(?:#[0-9]{1,7}|#[xX][0-9a-fA-F]{1,6}|[A-Za-z][A-Za-z0-9]{1,31});|\\$|.", re.DOTALL
)
# A table takes the "\" before each "|" out of a row before reading its cells, so there "\\|" (an
# escaped backslash as it reads elsewhere) is a "|", escaped by the backslash left.
_TABLE_UNIT = re.compile(r"\\\\\||" + _UNIT.pattern, re.DOTALL)


#: A line the editor writes for a table row (in a quote or list item too); parsing a long table to be
#: sure would cost as much as the rest of the write-back.
_TABLE_ROW = re.compile(r"^[ >]*\|", re.MULTILINE)


def _has_table(text: str) -> bool:
    return _TABLE_ROW.search(text) is not None


def _key(piece: str, table: bool = False) -> str:
    """What a word or blank says (see :func:`_units`), quickly for the many that need no reading."""
    if piece.isspace():
        return " "
    if "\\" not in piece and "&" not in piece:
        return piece.replace("_", "*")
    return "".join(said for _, said in _units(piece, table=table))


def _said(piece: str, table: bool = False) -> list[tuple[int, str]]:
    """:func:`_units` of one word or blank (blanks are alike)."""
    return [(len(piece), " ")] if piece.isspace() else _units(piece, table=table)


def _units(text: str, literal_stars: bool = False, table: bool = False) -> list[tuple[int, str]]:
    """What Markdown says, whatever its spelling (escapes and entities read, a hard break's
    backslash at the end is nothing, as its other spelling is blanks): the end of each unit in
    ``text`` and what it says.

    :param literal_stars: an escaped ``*`` or ``_`` says itself with its backslash, so that it differs
        from an emphasis delimiter and from the other character (comparing two texts in the editor's
        spelling, where a literal star or underscore is always escaped).
    :param table: ``text`` is (part of) a table's rows (see :data:`_TABLE_UNIT`).
    """
    units = []
    for m in (_TABLE_UNIT if table else _UNIT).finditer(text):
        unit = m.group()
        if unit[0] == "&" and len(unit) > 1:
            said = html.unescape(unit)
            if said == unit:  # not an entity: each character says itself
                units += [(m.start() + n + 1, ch) for n, ch in enumerate(unit)]
                continue
        elif literal_stars and unit in ("\\*", "\\_"):
            said = unit
        else:
            said = "" if unit == "\\" else unit[-1]
            if said == "_":  # "_" and "*" spell the same emphasis; the reading check tells them apart
                said = "*"
        if table and said == "|" and unit != "|":  # a pipe in a cell, which differs from a cell border
            said = "\\|"
        units.append((m.end(), said))
    return units


def _boundaries(units: list[tuple[int, str]]) -> dict[int, list[int]]:
    """Offsets in the spelled piece by offset in what it says."""
    found: dict[int, list[int]] = {0: [0]}
    said = 0
    for end, text in units:
        said += len(text)
        found.setdefault(said, []).append(end)
    return found


def _stored_offsets(stored: str, before: str, table: bool = False) -> Callable[[int], list[int]]:
    """A function from an offset in ``before`` to the places in ``stored`` it may be, likeliest first."""
    pieces = _TABLE_PIECES if table else _PIECES
    ours, theirs = pieces.findall(stored), pieces.findall(before)
    ours_keys, theirs_keys = [_key(p, table) for p in ours], [_key(p, table) for p in theirs]
    # (start in before, start in stored, length) of equal runs: of identical words and blanks, then
    # of places inside words written differently, then of the edges of stretches that differ.
    same: list[tuple[int, int, int]] = []
    spelled: list[tuple[int, int, int]] = []
    edges: list[tuple[int, int, int]] = []
    at_stored = [0]
    for piece in ours:
        at_stored.append(at_stored[-1] + len(piece))
    at_before = [0]
    for piece in theirs:
        at_before.append(at_before[-1] + len(piece))
    # Words are matched by what they say, so "snake_case" lines up with "snake\_case", "&amp;" with
    # "&" and a two-space hard break with a backslash one.
    for op, a1, a2, b1, b2 in edit_opcodes(ours_keys, theirs_keys):
        if op != "equal":
            edges += [(at_before[b1], at_stored[a1], 0), (at_before[b2], at_stored[a2], 0)]
            # Words the other spelling cannot read alike ("(caf%C3%A9)" for "(café)"), one for one
            # (blanks left out where only the padding differs, "|[x](a\|b)|" for "| [x](a%7Cb) |"):
            # the characters they start and end with alike still line up.
            pairs = list(zip(range(a1, a2), range(b1, b2))) if a2 - a1 == b2 - b1 else _word_pairs(ours, theirs, a1, a2, b1, b2, table)
            for a, b in pairs:
                head, tail = _common_ends(ours[a], theirs[b])
                edges += [(at_before[b], at_stored[a], head), (at_before[b + 1] - tail, at_stored[a + 1] - tail, tail)]
            continue
        for a, b in zip(range(a1, a2), range(b1, b2), strict=True):
            if ours[a] == theirs[b]:
                same.append((at_before[b], at_stored[a], len(theirs[b])))
                continue
            mine = _boundaries(_said(ours[a], table))
            for said, offsets in _boundaries(_said(theirs[b], table)).items():
                spelled += [(at_before[b] + o, at_stored[a] + m, 0) for o in offsets for m in mine.get(said, [])]
    runs = same + spelled + edges

    def places(offset: int) -> list[int]:
        found = [other + offset - first for first, other, length in runs if first <= offset <= first + length]
        return list(dict.fromkeys(found))

    return places


def _word_pairs(
    ours: list[str], theirs: list[str], a1: int, a2: int, b1: int, b2: int, table: bool
) -> list[tuple[int, int]]:
    """The words of two stretches paired one for one, or none when their numbers differ.

    Blanks are left out first; in a table the cell borders too, since a row may be stored without
    its outer pipes ("[x](a\\|b) | a" for "| [x](a%7Cb) | a |")."""
    for skip in ((str.isspace,) if not table else (str.isspace, lambda piece: piece.isspace() or piece == "|")):
        mine = [a for a in range(a1, a2) if not skip(ours[a])]
        other = [b for b in range(b1, b2) if not skip(theirs[b])]
        if len(mine) == len(other):
            return list(zip(mine, other))
    return []


def reading(text: str) -> list[tuple[object, ...]]:
    """What ``text`` shows once rendered: its tokens without the spelling (bullet marks, line ends).

    Inline text is read as runs of characters with the marks they are shown with (bold, italic,
    link), so two spellings that show the same (``***a*b*c***`` nests italic in italic; the editor
    writes one italic) read the same.
    """
    return _shape(commonmark.tokens(text))


def _shape(tokens: Sequence[Token]) -> list[tuple[object, ...]]:
    """:func:`reading` of parsed tokens."""
    shape: list[tuple[object, ...]] = []
    for token in tokens:
        if token.type == "inline":
            _read_inline(token.children or [], shape)
        elif token.type in ("fence", "code_block"):
            shape.append((token.type, token.info, token.content))
        else:
            shape.append((token.type, token.tag, sorted(token.attrs.items()), token.hidden))
    return shape


def _read_inline(children: list, shape: list[tuple[object, ...]]) -> None:
    words: list[str] = []
    marks: list[object] = []  # open emphasis and links, innermost last
    shown: tuple = ()  # the marks ``words`` are shown with

    def flush() -> None:
        if words:
            shape.append(("text", _SPACES.sub(" ", "".join(words)), shown))
            words.clear()

    for child in children:
        kind = child.type
        if kind in ("strong_open", "em_open", "link_open"):
            marks.append((child.tag, *sorted(child.attrs.items())))
            continue
        if kind in ("strong_close", "em_close", "link_close"):
            if marks:
                marks.pop()
            continue
        current = tuple(sorted(set(marks), key=repr))
        if kind in ("text", "softbreak"):
            if current != shown:
                flush()
                shown = current
            words.append(child.content if kind == "text" else " ")
            continue
        flush()
        shape.append((kind, child.tag, sorted(child.attrs.items()), child.content if kind == "code_inline" else "", current))
    flush()


_LIST_START = re.compile(r"[ \t]{0,3}(?:[-*+]|\d{1,9}[.)])(?:[ \t\r\n]|$)")  # an empty item ends its line


def _may_join(first: str, second: str) -> bool:
    return bool(_LIST_START.match(first)) and (bool(_LIST_START.match(second)) or second[:1] in (" ", "\t"))


def _joined(after: list[str]) -> tuple[str, list[Block]]:
    text = "\n\n".join(after) + "\n" if after else ""
    return text, top_level_blocks(text)


def _table_reading(text: str) -> list[tuple[object, ...]]:
    """:func:`reading` of a block, row by row when it is a table and nothing else.

    A table's rows are read one by one, each against the table's first two lines (its columns and
    their alignment), and nothing else shapes them: markdown-it ends a table at a line that starts
    another block, is blank or is indented as code, all told from that line alone, and reads each row's
    cells by themselves. So a table reads as its head plus the reading of each row, and a row once
    read need not be read again: typing in one cell reads one row, not the whole table. Any other
    block, a table whose rows could reach markdown-it's cap on cells filled in for short rows, and a
    text with a "\r" (which the parser takes for a line end too) are read whole.
    """
    lines = text.split("\n")
    if len(lines) < 3 or "\r" in text or (lines[0].count("|") + 1) * len(lines) > _AUTOCOMPLETED_CELLS:
        return reading(text)
    rows = _known_rows(lines[0], lines[1])
    if sum(line not in rows for line in lines[2:]) > _ROWS_READ_ALONE:
        # Many rows not read yet (the first edit in this table): one parse of the whole costs less,
        # and gives each row's reading too.
        tokens = commonmark.tokens(text)
        if tokens and tokens[0].type == "table_open" and tokens[0].map == [0, len(lines)] and tokens[-1].type == "table_close":
            opened = 0
            for n, token in enumerate(tokens):
                if token.type == "tr_open":
                    opened = n
                elif token.type == "tr_close" and (line := (tokens[opened].map or [0])[0]) >= 2:
                    rows[lines[line]] = tuple(_shape(tokens[opened : n + 1]))
        return _shape(tokens)
    head = _table_head(lines[0], lines[1])
    read = [_table_row(rows, lines[0], lines[1], line) for line in lines[2:]] if head is not None else []
    if head is None or None in read:
        return reading(text)
    return [*head[:-1], _TBODY_OPEN, *(item for row in read for item in row or ()), _TBODY_CLOSE, head[-1]]


#: markdown-it stops a table once it has filled in this many cells for rows shorter than its head
#: (a row has at most as many cells as "|" in it, plus one); below it, rows are read alike in any table.
_AUTOCOMPLETED_CELLS = 0x10000
#: Above this many rows not read yet, the whole table is parsed instead of row by row.
_ROWS_READ_ALONE = 8
_TBODY_OPEN: tuple[object, ...] = ("tbody_open", "tbody", [], False)
_TBODY_CLOSE: tuple[object, ...] = ("tbody_close", "tbody", [], False)


@functools.lru_cache(maxsize=16)
def _table_head(header: str, delimiters: str) -> tuple[tuple[object, ...], ...] | None:
    """The reading of a table with these two first lines and no row, or None if they start none."""
    tokens = commonmark.tokens(header + "\n" + delimiters)
    if not tokens or tokens[0].type != "table_open" or tokens[0].map != [0, 2] or tokens[-1].type != "table_close":
        return None
    return tuple(_shape(tokens))


_Row = tuple[tuple[object, ...], ...] | None


def _known_rows(header: str, delimiters: str) -> dict[str, _Row]:
    """The rows of tables with this head read so far (by their line), a bounded number of them."""
    rows = _ROWS.get((header, delimiters))
    if rows is None or len(rows) > _ROWS_KEPT:
        if rows is not None or len(_ROWS) >= 4:
            _ROWS.clear()  # other tables (or a long run of typing in this one): start over
        rows = _ROWS[(header, delimiters)] = {}
    return rows


def _table_row(rows: dict[str, _Row], header: str, delimiters: str, line: str) -> _Row:
    """The reading of ``line`` as a row of a table with this head (its ``tr`` tokens), or None if
    the table would end there."""
    if line in rows:
        return rows[line]
    tokens = commonmark.tokens(header + "\n" + delimiters + "\n" + line)
    row = None
    if tokens and tokens[0].type == "table_open" and tokens[0].map == [0, 3] and tokens[-1].type == "table_close":
        start = next(n for n, token in enumerate(tokens) if token.type == "tbody_open")
        row = tuple(_shape(tokens[start + 1 : -2]))
    rows[line] = row
    return row


#: The rows read so far by table head: of the table last typed in, as stored and as the editor spells it.
_ROWS: dict[tuple[str, str], dict[str, _Row]] = {}
#: Rows kept per head (a row is at most a block's 20,000 characters).
_ROWS_KEPT = 1_000
