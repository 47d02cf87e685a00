"""Plan commands as reversible edits: add, move, renumber and carry unfinished actions over."""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable
from datetime import date

from tcdesk.editing import Compound, Edit, InsertAction, MoveAction, PlanName, SetValue, plan_actions
from tcdesk.model import NewAction, Pillar, PreviousAction, Rag, Submission, parse_due

__all__ = [
    "PLAN_KEYS",
    "add_action",
    "carry_over_unfinished",
    "move_to_pillar",
    "move_within_pillar",
    "next_ref",
    "normalise_due",
    "parse_ref",
    "renumber_refs",
    "unfinished_without_ref",
]

#: The submission attribute holding each plan, the first element of every edit path into it.
PLAN_KEYS: dict[PlanName, str] = {"previous": "previous_plan", "new": "new_plan"}

# Real refs come as V01, V1, V.1, V-01 or "V 3"; the letter and the first number are what matter.
_REF = re.compile(r"^\s*([A-Za-z])\s*[.\-]?\s*(\d+)")
_UNFINISHED = (Rag.AMBER, Rag.RED)


_MONTH_NAMES = {m: i + 1 for i, m in enumerate(
    ("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"))}
_DAY_MONTH_YEAR = re.compile(r"^(\d{1,2})[/.](\d{1,2})[/.](\d{4})$")
_MONTH_YEAR = re.compile(r"^(\d{1,2})[/.\-](\d{4})$")
_YEAR_MONTH = re.compile(r"^(\d{4})[/.](\d{1,2})$")
_NAMED = re.compile(r"^(?:(\d{1,2})\s+)?([A-Za-z]{3,9})\.?,?\s+(\d{4})$")


def normalise_due(text: str) -> str | None:
    """A due value as ``YYYY-MM`` or ``YYYY-MM-DD``, from what people type.

    Accepts the ISO forms, ``03/2026``, ``2026/03``, ``15/03/2026`` (day first, as in the UK),
    ``March 2026``, ``Mar 2026`` and ``15 March 2026``.

    :returns: ``""`` for empty text, ``None`` when the text is not a month or a day.
    """
    text = text.strip()
    if not text:
        return ""
    if parse_due(text) is not None:
        return text
    year, month, day = 0, 0, 0
    if m := _DAY_MONTH_YEAR.match(text):
        day, month, year = int(m.group(1)), int(m.group(2)), int(m.group(3))
    elif m := _MONTH_YEAR.match(text):
        month, year = int(m.group(1)), int(m.group(2))
    elif m := _YEAR_MONTH.match(text):
        year, month = int(m.group(1)), int(m.group(2))
    elif (m := _NAMED.match(text)) and m.group(2)[:3].lower() in _MONTH_NAMES:
        day, month, year = int(m.group(1) or 0), _MONTH_NAMES[m.group(2)[:3].lower()], int(m.group(3))
    else:
        return None
    try:
        date(year, month, day or 1)
    except ValueError:
        return None
    return f"{year:04d}-{month:02d}-{day:02d}" if day else f"{year:04d}-{month:02d}"


def parse_ref(ref: str) -> tuple[str, int] | None:
    """The upper-case letter and number of a reference such as ``V01``; ``None`` for anything else."""
    m = _REF.match(ref)
    return (m.group(1).upper(), int(m.group(2))) if m else None


def _format_ref(letter: str, number: int) -> str:
    return f"{letter}{number:02d}"


def next_ref(refs: Iterable[str], pillar: Pillar | None) -> str:
    """The next free reference of the pillar's letter after the highest in use (``V01`` when none).

    :param refs: the references already used in the plan.
    :returns: an empty string for an action without a pillar (its letter is unknown).
    """
    if pillar is None:
        return ""
    letter = pillar.letter
    return _format_ref(letter, _highest_numbers(refs).get(letter, 0) + 1)


def _highest_numbers(refs: Iterable[str]) -> dict[str, int]:
    highest: dict[str, int] = {}
    for letter, n in filter(None, map(parse_ref, refs)):
        highest[letter] = max(n, highest.get(letter, 0))
    return highest


def _path(plan: PlanName, index: int, name: str) -> tuple[str | int, ...]:
    return (PLAN_KEYS[plan], "actions", index, name)


def _insert_position(actions: list, pillar: Pillar | None) -> int:
    """Where a new action of ``pillar`` goes: after the last one of its pillar, else after earlier pillars."""
    order = list(Pillar)
    rank = order.index(pillar) if pillar is not None else len(order)
    position = 0
    for i, action in enumerate(actions):
        other = order.index(action.pillar) if action.pillar is not None else len(order)
        if other <= rank:
            position = i + 1
    return position


def add_action(sub: Submission, plan: PlanName, pillar: Pillar | None) -> InsertAction:
    """An edit adding an empty action at the end of ``pillar``'s group, with the next free ref."""
    actions = plan_actions(sub, plan)
    cls = PreviousAction if plan == "previous" else NewAction
    action = cls(ref=next_ref((a.ref for a in actions), pillar), pillar=pillar)
    return InsertAction(plan, _insert_position(actions, pillar), action, description=f"Add action {action.ref}".strip())


def move_within_pillar(sub: Submission, plan: PlanName, index: int, step: int) -> MoveAction | None:
    """An edit swapping an action with its neighbour of the same pillar (``step`` −1 up, +1 down).

    :returns: ``None`` when the action is already first (or last) of its pillar.
    """
    actions = plan_actions(sub, plan)
    pillar = actions[index].pillar
    rng = range(index - 1, -1, -1) if step < 0 else range(index + 1, len(actions))
    for j in rng:
        if actions[j].pillar == pillar:
            return MoveAction(plan, index, j, description="Move action up" if step < 0 else "Move action down")
    return None


def _relink_edits(sub: Submission, renames: dict[str, str]) -> list[Edit]:
    """Carried-from links in the new plan that must follow renamed previous-plan refs."""
    edits: list[Edit] = []
    for i, action in enumerate(sub.new_plan.actions):
        target = renames.get(action.carried_from)
        if target is not None and target != action.carried_from:
            edits.append(SetValue(_path("new", i, "carried_from"), action.carried_from, target))
    return edits


def _unique_renames(plan: PlanName, actions: list, changes: dict[int, str]) -> dict[str, str]:
    # Only a ref naming exactly one previous action identifies it; ambiguous links are left alone.
    if plan != "previous":
        return {}
    counts = Counter(a.ref for a in actions)
    return {actions[i].ref: new for i, new in changes.items() if actions[i].ref and counts[actions[i].ref] == 1}


def move_to_pillar(sub: Submission, plan: PlanName, index: int, pillar: Pillar) -> Compound | None:
    """An edit moving an action to the end of another pillar's group.

    A ref whose letter named the old pillar gets the next free ref of the new one (and carried-from
    links to a renamed previous action follow it); other refs are kept as the user typed them.

    :returns: ``None`` when the action is already in ``pillar``.
    """
    actions = plan_actions(sub, plan)
    action = actions[index]
    if action.pillar == pillar:
        return None
    edits: list[Edit] = []
    parsed = parse_ref(action.ref)
    if not action.ref or (parsed and action.pillar is not None and parsed[0] == action.pillar.letter):
        new_ref = next_ref((a.ref for a in actions), pillar)
        edits.append(SetValue(_path(plan, index, "ref"), action.ref, new_ref))
        edits += _relink_edits(sub, _unique_renames(plan, actions, {index: new_ref}))
    edits.append(SetValue(_path(plan, index, "pillar"), action.pillar, pillar))
    # Position among the other actions, as if this one were already gone.
    rest = actions[:index] + actions[index + 1 :]
    target = _insert_position(rest, pillar)
    if target != index:
        edits.append(MoveAction(plan, index, target))
    return Compound(edits, description=f"Move action to {pillar.label}")


def renumber_refs(sub: Submission, plan: PlanName) -> Compound:
    """An edit renumbering every ref per pillar in the plan's order: V01, V02 … R01 … C01 … S01.

    Actions without a pillar keep their ref. Renumbering the previous plan updates the new plan's
    carried-from links that named a renumbered action, so the links survive.
    """
    actions = plan_actions(sub, plan)
    seen: Counter[Pillar] = Counter()
    changes: dict[int, str] = {}
    for i, action in enumerate(actions):
        if action.pillar is None:
            continue
        seen[action.pillar] += 1
        ref = _format_ref(action.pillar.letter, seen[action.pillar])
        if ref != action.ref:
            changes[i] = ref
    edits: list[Edit] = [SetValue(_path(plan, i, "ref"), actions[i].ref, ref) for i, ref in changes.items()]
    edits += _relink_edits(sub, _unique_renames(plan, actions, changes))
    return Compound(edits, description="Renumber refs")


def _unfinished(sub: Submission) -> list[PreviousAction]:
    return [a for a in sub.previous_plan.actions if a.rag in _UNFINISHED]


def unfinished_without_ref(sub: Submission) -> int:
    """Amber and red previous actions that have no ref, so a carried-from link cannot name them."""
    return sum(1 for a in _unfinished(sub) if not a.ref.strip())


def carry_over_unfinished(sub: Submission) -> Compound:
    """An edit copying every amber and red previous action into the new plan, as one undo step.

    Each copy keeps the pillar, action text, collaborators, success measures and TALENT codes, gets
    a fresh ref in the new plan and ``carried_from`` = the previous ref. Actions already carried
    (some new action's ``carried_from`` names their ref) and actions without a ref are skipped;
    an empty Compound means there was nothing to carry.
    """
    carried = {a.carried_from.strip() for a in sub.new_plan.actions if a.carried_from.strip()}
    new_actions = list(sub.new_plan.actions)
    highest = _highest_numbers(a.ref for a in new_actions)  # kept up to date, so a plan of hundreds stays fast
    edits: list[Edit] = []
    for prev in _unfinished(sub):
        ref = prev.ref.strip()
        if not ref or ref in carried:
            continue
        carried.add(ref)
        new_ref = ""
        if prev.pillar is not None:
            letter = prev.pillar.letter
            highest[letter] = highest.get(letter, 0) + 1
            new_ref = _format_ref(letter, highest[letter])
        copy = NewAction(
            ref=new_ref,
            pillar=prev.pillar,
            action=prev.action,
            collaborators=prev.collaborators,
            success_measures=prev.success_measures,
            talent=list(prev.talent),
            carried_from=ref,
        )
        position = _insert_position(new_actions, prev.pillar)
        new_actions.insert(position, copy)
        edits.append(InsertAction("new", position, copy, description=f"Carry over {ref}"))
    n = len(edits)
    return Compound(edits, description=f"Carry over {n} unfinished action{'s' if n != 1 else ''}")
