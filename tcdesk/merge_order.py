"""How a conflict about the order of actions is shown (the editor's merge dialog, ``tcdesk merge``):
each side's order, pillar by pillar where the two differ, each action by its reference and the start
of its wording, with what that side moved marked."""

from __future__ import annotations

from difflib import SequenceMatcher
from typing import Any

from tcdesk.merge import MergeConflict
from tcdesk.model import Pillar

__all__ = ["is_order_conflict", "order_texts"]

#: Characters of an action's wording shown after its reference.
WORDING = 44
MOVED = "(moved) "
ADDED = "(added) "


def is_order_conflict(conflict: MergeConflict) -> bool:
    key = conflict.key
    return isinstance(key, tuple) and len(key) == 2 and key[1] == "order" and isinstance(conflict.mine, tuple)


def _identity(record: Any) -> str:
    return record.id if hasattr(record, "ref") else record.name


def _group(record: Any) -> Pillar | str | None:
    """The pillar an action is listed under (attachments: one list)."""
    return record.pillar if hasattr(record, "ref") else ""


def _group_title(group: Pillar | str | None) -> str:
    if isinstance(group, Pillar):
        return f"{group.letter} · {group.label}"
    return "No pillar" if group is None else ""


def _entry(record: Any) -> str:
    if not hasattr(record, "ref"):
        return record.name
    words = " ".join(record.action.split())
    if len(words) > WORDING:
        words = words[: WORDING - 1].rstrip() + "…"
    return f"{record.ref.strip() or '(no reference)'} — {words or '(no wording)'}"


def _moved(base: list[str], side: list[str]) -> set[str]:
    """The fewest entries that, taken out, leave ``side`` in ``base``'s order: those the side moved."""
    common = [i for i in side if i in set(base)]
    before = [i for i in base if i in set(common)]
    matcher = SequenceMatcher(None, before, common, autojunk=False)
    kept = {i for block in matcher.get_matching_blocks() for i in common[block.b : block.b + block.size]}
    return set(common) - kept


def order_texts(conflict: MergeConflict) -> dict[str, str]:
    """``{"mine": text, "theirs": text}``: each side's order, only the pillars where they differ."""
    sides = {"mine": list(conflict.mine), "theirs": list(conflict.theirs)}
    base = list(conflict.base or ())
    groups: list[Any] = []
    for record in [*sides["mine"], *sides["theirs"]]:
        if _group(record) not in groups:
            groups.append(_group(record))
    order = list(Pillar)
    groups.sort(key=lambda g: order.index(g) if isinstance(g, Pillar) else len(order))

    def ids(records: list, group: Any) -> list[str]:
        return [_identity(r) for r in records if _group(r) == group]

    differ = [g for g in groups if ids(sides["mine"], g) != ids(sides["theirs"], g)]
    texts = {}
    for side, records in sides.items():
        lines: list[str] = []
        # Each pillar in the same order on both sides, only the pillars' turns differ: the whole list.
        for group in differ or [""]:
            title = _group_title(group) if differ else ""
            if title:
                lines.append(f"{title}:")
            in_group = [r for r in records if _group(r) == group or not differ]
            base_ids = [_identity(r) for r in base]
            moved = _moved(base_ids, [_identity(r) for r in in_group])
            for n, record in enumerate(in_group, 1):
                mark = MOVED if _identity(record) in moved else ADDED if _identity(record) not in base_ids else ""
                lines.append(f"{'  ' if title else ''}{n}. {mark}{_entry(record)}")
        texts[side] = "\n".join(lines)
    return texts
