"""Three-way merge of submissions: a working group's contributions combined without losing any.

Answers merge per question, cover and sign-off per field, actions per identity and field,
attachments per name. A change made on one side only is taken; the same thing changed differently
on both sides is a :class:`MergeConflict`, settled by a choice per conflict (or one side preferred).
"""

from __future__ import annotations

import copy
import dataclasses
from collections.abc import Callable, Hashable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any, Literal

from tcdesk.editing import get_value, set_value
from tcdesk.errors import InvalidInputError
from tcdesk.merge_pairing import identified
from tcdesk.model import SignOff, Submission

__all__ = ["MergeConflict", "MergeResult", "Side", "field_label", "merge", "place", "plan_label"]

Side = Literal["mine", "theirs"]

# Cover, period and sign-off fields merged one by one; the leads per row and field while both sides
# keep the same number of rows, else as one value (rows have no identity of their own).
SCALAR_PATHS: tuple[tuple[str, ...], ...] = (
    ("organisation",),
    ("webpage_url",),
    ("template",),
    ("leads",),
    ("previous_plan", "period"),
    ("new_plan", "period"),
    *(("signoff", who, f) for who in ("lead", "leader") for f in ("name", "role", "date")),
    ("renewed_from",),
    ("last_time",),
)
# Where each merged value sits on the form, and what it is called there.
_PLACES = {
    ("organisation",): ("cover", "organisation"),
    ("webpage_url",): ("cover", "web page"),
    ("template",): ("form", "template"),
    ("leads",): ("cover", "institutional leads"),
    ("previous_plan", "period"): ("previous plan", "period"),
    ("new_plan", "period"): ("new plan", "period"),
    ("renewed_from",): ("renewal", "file it was started from"),
    ("last_time",): ("renewal", "last cycle's answers"),
}
PLANS = {"previous": "previous_plan", "new": "new_plan"}


def plan_label(plan: str) -> str:
    return "previous plan" if plan == "previous" else "new plan"


def field_label(name: str) -> str:
    """``RAG``, ``TALENT codes``, ``success measures``: how messages name an action's field."""
    return {"rag": "RAG", "talent": "TALENT codes", "ref": "reference"}.get(name, name.replace("_", " "))


def place(path: tuple) -> tuple[str, str]:
    """``("sign-off", "institutional lead's name")``: where a merged value is and what it is called."""
    if path in _PLACES:
        return _PLACES[path]
    if path[0] == "answers":
        return f"question {path[1]}", "answer"
    if path[0] == "signoff":
        who = "institutional lead" if path[1] == "lead" else "leader of the institution"
        return "sign-off", f"{who}'s {path[2]}"
    return "/".join(map(str, path[:-1])), str(path[-1])


def path_label(path: tuple) -> str:
    where, what = place(path)
    return f"{where}: both changed the {what}"


@dataclass(frozen=True)
class MergeConflict:
    """One thing both sides changed differently.

    :param key: identifies the conflict across calls to :func:`merge` (for ``resolutions``).
    :param message: e.g. ``question 4: both changed the answer``.
    :param mine, theirs, base: the three values (``None`` for a deleted action or attachment).
    """

    key: Hashable
    message: str
    base: Any
    mine: Any
    theirs: Any


@dataclass
class MergeResult:
    """The merged submission (each conflict settled as chosen) and every conflict found."""

    submission: Submission
    conflicts: list[MergeConflict]


class _Merger:
    def __init__(self, resolutions: Mapping[Hashable, Side], prefer: Side) -> None:
        self.resolutions = resolutions
        self.prefer = prefer
        self.conflicts: list[MergeConflict] = []

    def value(self, key: Hashable, message: str, base: Any, mine: Any, theirs: Any) -> Any:
        """The three-way merge of one value (``message`` names it if it conflicts)."""
        if mine == theirs or theirs == base:
            return mine
        if mine == base:
            return theirs
        self.conflicts.append(MergeConflict(key, message, base, mine, theirs))
        side = self.resolutions.get(key, self.prefer)
        return mine if side == "mine" else theirs

    def record(self, base: Any, mine: Any, theirs: Any, key: Hashable, what: str, fields: Sequence[str]) -> Any:
        """A record present on both sides, merged field by field (``base`` is ``None`` when both added it)."""
        if mine == theirs or theirs == base:
            return _clone(mine)
        if mine == base:
            return _clone(theirs)
        out = _clone(mine)
        for name in fields:
            b, m, t = (getattr(x, name) if x is not None else None for x in (base, mine, theirs))
            merged = self.value((key, name), f"{what}: both changed the {field_label(name)}", b, m, t)
            setattr(out, name, list(merged) if isinstance(merged, list) else merged)
        return out

    def keyed(
        self,
        section: str,
        base: list,
        mine: list,
        theirs: list,
        identity: Callable[[Any], str],
        describe: Callable[[Any], str],
        fields: Sequence[str],
    ) -> list:
        """Merge lists of records matched by ``identity``: additions, deletions, edits and order."""
        b, m, t = ({identity(x): x for x in items} for items in (base, mine, theirs))
        for items, side in ((base, "base"), (mine, "mine"), (theirs, "theirs")):
            if len(items) != len({identity(x) for x in items}):
                raise InvalidInputError(f"{section}: two entries share one identity in {side}")
        merged: dict[str, Any] = {}
        for ident in [*b, *(i for i in m if i not in b), *(i for i in t if i not in b and i not in m)]:
            bo, mo, to = b.get(ident), m.get(ident), t.get(ident)
            what = describe(mo or to or bo)
            key = (section, ident)
            if mo is not None and to is not None:
                merged[ident] = self.record(bo, mo, to, key, what, fields)
            elif mo is None and to is None:
                continue  # deleted on both sides
            elif bo is None:
                merged[ident] = _clone(mo if mo is not None else to)
            else:
                # Deleted on one side: fine unless the other side changed it meanwhile.
                kept = mo if mo is not None else to
                if kept == bo:
                    continue
                gone = "mine" if mo is None else "theirs"
                message = f"{what}: deleted in {gone}, changed in {'theirs' if gone == 'mine' else 'mine'}"
                choice = self.value((key, "exists"), message, bo, mo, to)
                if choice is not None:
                    merged[ident] = _clone(choice)
        return [merged[i] for i in self.order(section, base, mine, theirs, identity, merged)]

    def order(self, section: str, base_records: list, mine_records: list, theirs_records: list,
              identity: Callable[[Any], str], present: Mapping[str, Any]) -> list[str]:
        """Mine's order if only mine reordered (else theirs'), with the other side's additions placed
        after the entry they followed there. An order conflict's values are each side's records in
        its order (those the merge keeps), to show."""
        base, mine, theirs = ([identity(x) for x in items] for items in (base_records, mine_records, theirs_records))

        def common(seq: list[str]) -> list[str]:
            return [i for i in seq if i in present and i in base_set]

        base_set = set(base)
        mine_moved = common(mine) != common(base)
        theirs_moved = common(theirs) != common(base)
        if mine_moved and theirs_moved:
            mine_order = [i for i in common(mine) if i in set(common(theirs))]
            theirs_order = [i for i in common(theirs) if i in set(common(mine))]
            if mine_order != theirs_order:
                kept = [tuple(x for x in items if identity(x) in present) for items in (base_records, mine_records, theirs_records)]
                self.conflicts.append(MergeConflict((section, "order"), f"{section}: both changed the order", *kept))
                side = self.resolutions.get((section, "order"), self.prefer)
                skeleton, other = (mine, theirs) if side == "mine" else (theirs, mine)
            else:
                skeleton, other = mine, theirs
        elif mine_moved or not theirs_moved:
            skeleton, other = mine, theirs
        else:
            skeleton, other = theirs, mine
        out = [i for i in skeleton if i in present]
        placed = set(out)
        for n, ident in enumerate(other):
            if ident in placed or ident not in present:
                continue
            before = next((p for p in reversed(other[:n]) if p in placed), None)
            out.insert(out.index(before) + 1 if before is not None else 0, ident)
            placed.add(ident)
        out += [i for i in present if i not in placed]  # restored from a deleted side
        return out


def _clone(record: Any) -> Any:
    """A copy of an action, lead or attachment that shares only immutable values (str, bytes, enums)."""
    out = copy.copy(record)
    for f in dataclasses.fields(record):
        value = getattr(record, f.name)
        if isinstance(value, list):
            setattr(out, f.name, list(value))
    return out


def _action_fields(action: Any) -> list[str]:
    return [f.name for f in dataclasses.fields(action) if f.name != "id"]


def merge(
    base: Submission,
    mine: Submission,
    theirs: Submission,
    resolutions: Mapping[Hashable, Side] | None = None,
    prefer: Side = "mine",
) -> MergeResult:
    """Combine the changes ``mine`` and ``theirs`` each made to ``base``.

    :param resolutions: the side chosen for a conflict, by :attr:`MergeConflict.key`.
    :param prefer: the side taken for conflicts ``resolutions`` does not settle.
    :returns: the merged submission and every conflict found (settled or not).
    """
    merger = _Merger(resolutions or {}, prefer)
    # Every part of ``out`` is replaced below; only the containers edited in place are fresh here.
    out = copy.copy(mine)
    out.signoff = SignOff(copy.copy(mine.signoff.lead), copy.copy(mine.signoff.leader))
    out.previous_plan, out.new_plan = copy.copy(mine.previous_plan), copy.copy(mine.new_plan)
    leads = [base.leads, mine.leads, theirs.leads]
    same_rows = len({len(x) for x in leads}) == 1
    for path in SCALAR_PATHS:
        if path == ("leads",) and same_rows:
            # Rows have no identity, but while nobody added or removed one, merge them per field.
            out.leads = [
                merger.record(b, m, t, ("leads", i), f"cover: lead {i + 1}", ("name", "role", "email"))
                for i, (b, m, t) in enumerate(zip(*leads, strict=True))
            ]
            continue
        values = [get_value(s, path) for s in (base, mine, theirs)]
        set_value(out, path, copy.deepcopy(merger.value(path, path_label(path), *values)))
    numbers = sorted({*base.answers, *mine.answers, *theirs.answers}, key=lambda n: (len(n), n))
    out.answers = {
        n: merger.value(("answers", n), path_label(("answers", n)), base.answer(n), mine.answer(n), theirs.answer(n))
        for n in numbers
    }
    for plan, attr in PLANS.items():
        b, m, t = (getattr(s, attr).actions for s in (base, mine, theirs))
        m, t = identified(b, m), identified(b, t)  # files without action ids, imports
        sample = next((a for items in (b, m, t) for a in items), None)
        fields = _action_fields(sample) if sample is not None else []

        def describe(action: Any, plan: str = plan) -> str:
            return f"{plan_label(plan)} {action.ref or '(no reference)'}"

        getattr(out, attr).actions = merger.keyed(plan_label(plan), b, m, t, lambda a: a.id, describe, fields)
    out.attachments = merger.keyed(
        "attachments",
        base.attachments,
        mine.attachments,
        theirs.attachments,
        lambda a: a.name,
        lambda a: f"attachment {a.name}",
        ("kind", "media_type", "data"),
    )
    return MergeResult(out, merger.conflicts)
