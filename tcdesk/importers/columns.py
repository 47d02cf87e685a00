"""Header recognition: which column of an action table holds which field, whatever its wording or order."""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from functools import lru_cache

from tcdesk.model import ACTION_FIELDS, NEW_FIELDS, PREVIOUS_FIELDS

# Field names are those of PreviousAction / NewAction; ``pillar`` is a pillar or theme column.
# Several columns may map to the same field (Objective + Actions, Aim + Tactics): their texts are
# joined in column order, separated by a blank line.  Documented in docs/import.md.
SYNONYMS: dict[str, tuple[str, ...]] = {name: f.synonyms for name, f in ACTION_FIELDS.items()}

_PREVIOUS, _NEW = {f.name for f in PREVIOUS_FIELDS}, {f.name for f in NEW_FIELDS}
PREVIOUS_ONLY = frozenset(_PREVIOUS - _NEW)
NEW_ONLY = frozenset(_NEW - _PREVIOUS)
ACTION_LIKE = frozenset({"action"})


_PLURAL = re.compile(r"\((?:s|es)\)")
_BRACKETED = re.compile(r"\([^)]*\)")
_MARKS = re.compile(r"[:*?]+")


@lru_cache(maxsize=4096)  # the same headers and synonyms are compared for every line of a long PDF
def normalise(text: str) -> str:
    """Lower-case, without brackets' content, trailing colons, ``(s)`` plurals or extra space."""
    text = text.lower().replace("\u00a0", " ").replace("’", "'")
    if "(" in text:
        text = _BRACKETED.sub(" ", _PLURAL.sub("s", text))
    return " ".join(_MARKS.sub(" ", text).split()).strip(" .-")


def may_normalise_within(text: str, limit: int) -> bool:
    """Whether :func:`normalise` can make ``text`` ``limit`` characters or shorter. It keeps every
    character but space and ``:*?.-`` unless brackets are involved, so a paragraph of prose cannot
    become a short label; this is cheaper to find out than normalising it."""
    return "(" in text or _within(limit).fullmatch(text) is not None


@lru_cache(maxsize=8)
def _within(limit: int) -> re.Pattern[str]:
    return re.compile(rf"[\s:*?.\-]*(?:[^\s:*?.\-(][\s:*?.\-]*){{0,{limit}}}")


def _build_lookup() -> dict[str, str]:
    lookup: dict[str, str] = {}
    for name, words in SYNONYMS.items():
        for word in words:
            lookup.setdefault(normalise(word), name)
    return lookup


_LOOKUP = _build_lookup()
_PREFIXES = [(word, name, re.compile(re.escape(word) + r"\b")) for word, name in _LOOKUP.items() if len(word) >= 4]


def field_for_header(text: str, extra: Mapping[str, str] | None = None) -> str | None:
    """The field a header cell names, or ``None``.

    :param extra: user mappings (header text → field), checked first, compared normalised.
    """
    key = normalise(text)
    if not key:
        return None
    if extra:
        for header, name in extra.items():
            if normalise(header) == key:
                return name or None
    if key in _LOOKUP:
        return _LOOKUP[key]
    # Longer wordings that start with a known synonym: "How impact will be evidenced (projected
    # dates)", "RAG rating (Dec 2024)", "Success measures / KPIs".
    best = None
    for word, name, starts in _PREFIXES:
        if key.startswith(word) and starts.match(key) and (best is None or len(word) > len(best[0])):
            best = (word, name)
    return best[1] if best else None


@dataclass
class HeaderMap:
    """The recognised header of one table: field per column index, and the columns left unmapped."""

    columns: dict[int, str]
    headers: list[str]
    unmapped: list[str] = field(default_factory=list)

    @property
    def fields(self) -> set[str]:
        return set(self.columns.values())

    def kind(self) -> str | None:
        """``"previous"``, ``"new"`` or ``None`` when the columns do not say."""
        has_prev, has_new = bool(self.fields & PREVIOUS_ONLY), bool(self.fields & NEW_ONLY - {"owner"})
        if has_prev and not has_new:
            return "previous"
        if has_new and not has_prev:
            return "new"
        return None

    def first_column(self) -> int:
        return min(self.columns)


def recognise_header(cells: Sequence[str], extra: Mapping[str, str] | None = None) -> HeaderMap | None:
    """A :class:`HeaderMap` when the row looks like an action table's header, else ``None``.

    A header names an action column (Action, Aim, Objective, Tactics …) and at least one more
    known field; the rest of its non-empty cells are reported as unmapped.
    """
    columns: dict[int, str] = {}
    unmapped: list[str] = []
    seen_text: set[str] = set()
    for i, cell in enumerate(cells):
        text = cell.strip()
        if not text:
            continue
        name = field_for_header(text, extra)
        if name is None:
            if text not in seen_text:
                unmapped.append(text)
        elif name == "ref" and "ref" in columns.values():
            unmapped.append(text)
        else:
            columns[i] = name
        seen_text.add(text)
    names = set(columns.values())
    if not names & ACTION_LIKE or len(names) < 2 or len(unmapped) > len(columns):
        return None
    return HeaderMap(columns=columns, headers=[c.strip() for c in cells], unmapped=unmapped)


def near_header(cells: Sequence[str]) -> list[str]:
    """The unknown headers of a row that names two or more known fields but no action column —
    almost an action table, waiting for the user to say which column holds the actions."""
    names = {field_for_header(c) for c in cells if c.strip()} - {None}
    if len(names) < 2 or names & ACTION_LIKE:
        return []
    return [c.strip() for c in cells if c.strip() and field_for_header(c) is None]


def is_repeated_header(cells: Sequence[str], header: HeaderMap) -> bool:
    """A header row repeated after a page break (same texts in the same columns)."""
    need = max(2, len(header.columns) - 1)
    named = [(cells[i], h) for i, h in enumerate(header.headers[: len(cells)]) if h]
    same = 0
    for n, (text, head) in enumerate(named):
        if same + len(named) - n < need:
            return False  # an action's row: too few cells left to make a header of it
        same += normalise(text) == normalise(head)
    return same >= need
