"""From the raw rows of a table to one record per action: page-break continuations merged,
separator and repeated header rows dropped, pillar rows followed."""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field

from tcdesk.export.base import SkippedRow
from tcdesk.importers.columns import HeaderMap, is_repeated_header
from tcdesk.importers.talent import REF, looks_like_ref
from tcdesk.model import Pillar


@dataclass
class Cell:
    """One cell as a reader saw it: text, fill colour (hex RGB) and whether it only continues a
    merged cell (vMerge continuation or a gridSpan's covered column)."""

    text: str = ""
    fill: str | None = None
    merged: bool = False
    markdown: str | None = None  # CommonMark of the cell, when it differs from the text


@dataclass
class Record:
    """One action's cells gathered from one or more rows, by field name."""

    where: str
    values: dict[str, str] = field(default_factory=dict)
    fills: dict[str, str] = field(default_factory=dict)
    pillar: Pillar | None = None  # from the table's pillar column, a pillar row or a heading

    # Each field's text per source column: two columns read as one field (Aim and Tactics, both
    # actions) each take their own continuation text, then join in column order.
    columns: dict[str, dict[int, str]] = field(default_factory=dict)

    def add(
        self,
        name: str,
        text: str,
        fill: str | None,
        *,
        continuation: bool = False,
        joiner: str | None = None,
        column: int = 0,
    ) -> None:
        if fill and name not in self.fills:
            self.fills[name] = fill
        if not text:
            return
        parts = self.columns.setdefault(name, {})
        if name in self.values and not parts:
            parts[column] = self.values[name]  # set directly (a joined ref)
        old = parts.get(column, "")
        if not old:
            parts[column] = text
        elif continuation and joiner is not None:
            # A compound broken after its hyphen ("Pro-Vice-" / "Chancellor") is one word again.
            parts[column] = old + ("" if re.search(r"\w-$", old) else joiner) + text
        elif continuation:
            # A sentence broken by the page break continues with a space; a finished one starts anew.
            sep = "\n\n" if old.rstrip().endswith((".", "!", "?", ":", ";")) and text[:1].isupper() else " "
            parts[column] = old + sep + text
        else:
            parts[column] = old + "\n\n" + text
        if len(parts) == 1:  # most fields come from one column
            self.values[name] = next(iter(parts.values()))
        else:
            self.values[name] = "\n\n".join(t for _, t in sorted(parts.items()) if t)


_DASHES = re.compile(r"^[\s\-–—_=.]+$")
_PILLAR_WORDS = {
    Pillar.VISIBILITY: ("visibility",),
    Pillar.RECOGNITION: ("recognition",),
    Pillar.CAREER_DEVELOPMENT: ("career development", "career-development", "career progression", "development"),
    Pillar.SUSTAINABILITY: ("sustainability",),
}


_PILLAR_PATTERNS = [(p, re.compile(r"\b" + re.escape(w) + r"\b")) for p, words in _PILLAR_WORDS.items() for w in words]
_PILLAR_WORDS_LONGEST_FIRST = sorted((w for ws in _PILLAR_WORDS.values() for w in ws), key=len, reverse=True)
_FILLER = re.compile(r"\b(pillar|theme|principle|section|actions?|plan|and|the|tc|[a-z])\b|[\d().:&/–-]")


def may_name_pillar(low: str) -> bool:
    """Whether lower-case text holds one of the pillars' words at all: the patterns below each need
    one, and most cells and lines have none."""
    return any(w in low for w in _PILLAR_WORDS_LONGEST_FIRST)


def pillar_from_text(text: str) -> Pillar | None:
    """The pillar a short heading or cell names ("VISIBILITY", "Pillar 2: Recognition", "Career
    Development actions", "Visibility (V)", "V"); ``None`` when anything else is said."""
    low = " ".join(text.lower().split()).strip(" :.#*")
    if not low or len(low.split()) > 6:
        return None
    if len(low) == 1:
        return Pillar.from_letter(low)
    if not may_name_pillar(low):
        return None
    found = {p for p, pattern in _PILLAR_PATTERNS if pattern.search(low)}
    if len(found) == 2 and Pillar.CAREER_DEVELOPMENT in found:
        found.discard(Pillar.CAREER_DEVELOPMENT)
    if len(found) != 1:
        return None
    rest = low
    for w in _PILLAR_WORDS_LONGEST_FIRST:
        rest = rest.replace(w, " ")
    rest = _FILLER.sub(" ", rest)
    return found.pop() if not rest.strip() else None


def pillar_from_ref(ref: str) -> Pillar | None:
    m = REF.match(ref)
    if not m:
        return None
    letters = m.group(1).upper()
    if letters in ("CD", "CAR"):
        return Pillar.CAREER_DEVELOPMENT
    return Pillar.from_letter(letters[0]) if len(letters) == 1 else None


def is_separator(texts: Sequence[str]) -> bool:
    filled = [t for t in texts if t]
    return bool(filled) and all(_DASHES.match(t) for t in filled)


def _first_column(header: HeaderMap) -> int:
    for i, name in header.columns.items():
        if name == "ref":
            return i
    return header.first_column()


def collect_records(
    rows: Sequence[Sequence[Cell]],
    header: HeaderMap,
    *,
    where: str,
    pillar: Pillar | None = None,
    skipped: list[SkippedRow],
    first_row: int = 2,
    joiner: str | None = None,
) -> tuple[list[Record], Pillar | None]:
    """Records for the rows after a header row, and the pillar in force after the last row.

    :param rows: the rows below the header, cells in grid-column order.
    :param where: "table 3" — row numbers are added, counting from ``first_row``.
    :param pillar: the pillar in force when the table starts (from a section heading).
    :param skipped: receives rows that did not become part of an action, with the reason.
    :param joiner: joins a continuation row's text to its action's (default: a space inside a
        sentence, a blank line after one).
    """
    records: list[Record] = []
    above: dict[int, str] = {}  # the text of each column's last real cell, for vertical merges
    key_col = _first_column(header)
    has_ref = "ref" in header.fields
    for n, row in enumerate(rows, start=first_row):
        texts = [c.text.strip() for c in row]
        here = f"{where}, row {n}"
        if not any(texts):
            continue
        if is_separator(texts):
            skipped.append(SkippedRow(here, "separator row (page break)", " ".join(t for t in texts if t)))
            continue
        if is_repeated_header(texts, header):
            skipped.append(SkippedRow(here, "repeated header row", " | ".join(t for t in texts if t)))
            continue
        distinct = {t for t, c in zip(texts, row, strict=False) if t and not c.merged}
        first_text = next((t for t in texts if t), "")
        if len(distinct) == 1 and texts[0] == first_text and (p := pillar_from_text(first_text)) is not None:
            pillar = p
            continue
        key = row[key_col] if key_col < len(row) else Cell()
        key_text = key.text.strip()
        prev = records[-1] if records else None
        # A key cell merged down over several actions (one objective, several actions below it):
        # fresh text in another action column starts a new action that shares the merged cells.
        shares_merged = key.merged and any(
            name == "action" and i != key_col and i < len(row) and not row[i].merged and row[i].text.strip()
            for i, name in header.columns.items()
        )
        continuation = not shares_merged and prev is not None and (
            not key_text
            or key.merged
            or (has_ref and not looks_like_ref(key_text))
            or (not has_ref and _continues(prev.values.get(header.columns[key_col], ""), key_text))
        )
        if continuation and prev is not None:
            record = prev
            if has_ref and key_text and not key.merged:
                joined = (record.values.get("ref", "") + key_text).strip()
                if looks_like_ref(joined):
                    record.values["ref"] = joined
                else:
                    skipped.append(SkippedRow(here, "text in the ref column of a continuation row", key_text))
        else:
            record = Record(where=here, pillar=pillar)
            records.append(record)
        for i, name in header.columns.items():
            if i >= len(row):
                continue
            cell = row[i]
            text = "" if cell.merged else cell.text.strip()
            if cell.merged and shares_merged:
                text = above.get(i, "")
            elif not cell.merged:
                above[i] = text
            if continuation and i == key_col and has_ref:
                continue
            if name == "pillar" and text:
                p = pillar_from_text(text) or pillar_from_ref(text)
                if p is not None:
                    pillar = p
                    record.pillar = p
            record.add(name, text, cell.fill, continuation=continuation, joiner=joiner, column=i)
    return records, pillar


def _continues(previous: str, text: str) -> bool:
    # Without a ref column, a first cell that starts in lower case after an unfinished sentence is
    # the rest of the previous row's first cell, cut by a page break.
    return bool(previous) and text[:1].islower() and not previous.rstrip().endswith((".", "!", "?"))
