"""Reversible edits of a submission: the one path by which the editor changes the model.

Every edit knows how to apply and revert itself, so the UI's undo stack only wraps these and
no widget mutates the model directly. Paths address a value inside the submission, e.g.
``("answers", "3")``, ``("previous_plan", "actions", 4, "rag")``, ``("signoff", "lead", "date")``,
``("leads", 0, "email")``.
"""

from __future__ import annotations

import copy
from abc import ABC, abstractmethod
from dataclasses import dataclass, field
from typing import Any, Literal

from tcdesk.model import NewAction, PreviousAction, Submission

Path = tuple[str | int, ...]
PlanName = Literal["previous", "new"]
#: The submission attribute holding each plan.
PLAN_ATTRS: dict[str, str] = {"previous": "previous_plan", "new": "new_plan"}


def _step(obj: Any, key: str | int) -> Any:
    if isinstance(obj, list):
        return obj[int(key)]
    if isinstance(obj, dict):
        return obj[key]
    return getattr(obj, str(key))


def get_value(sub: Submission, path: Path) -> Any:
    obj: Any = sub
    for key in path:
        obj = _step(obj, key)
    return obj


def set_value(sub: Submission, path: Path, value: Any) -> None:
    parent = get_value(sub, path[:-1])
    key = path[-1]
    if isinstance(parent, list):
        parent[int(key)] = value
    elif isinstance(parent, dict):
        parent[key] = value
    else:
        setattr(parent, str(key), value)


def plan_actions(sub: Submission, plan: PlanName) -> list[Any]:
    """The plan's own list of actions (``PreviousAction`` or ``NewAction`` items), edited in place."""
    return sub.previous_plan.actions if plan == "previous" else sub.new_plan.actions


class Edit(ABC):
    """Base of all edits: ``apply`` then ``revert`` leaves the submission as it was."""

    description = "Edit"
    #: Edits with the same non-empty key, made one after another, merge into one undo step
    #: (typing in one field is one step, not one per keystroke).
    merge_key: tuple | None = None

    @abstractmethod
    def apply(self, sub: Submission) -> None:
        """Make the change."""

    @abstractmethod
    def revert(self, sub: Submission) -> None:
        """Undo exactly what :meth:`apply` did."""

    def merge(self, later: Edit) -> bool:
        """Absorb ``later`` into this edit if both change the same thing; True when merged."""
        return False


@dataclass
class SetValue(Edit):
    """Replace one value (a text, a RAG rating, a TALENT list, a date …)."""

    path: Path
    old: Any
    new: Any
    description: str = "Edit"
    typing: bool = False  # consecutive typing in one field merges into one undo step

    @property
    def merge_key(self) -> tuple | None:  # type: ignore[override]
        return ("set", *self.path) if self.typing else None

    def apply(self, sub: Submission) -> None:
        set_value(sub, self.path, copy.deepcopy(self.new))

    def revert(self, sub: Submission) -> None:
        set_value(sub, self.path, copy.deepcopy(self.old))

    def merge(self, later: Edit) -> bool:
        if isinstance(later, SetValue) and self.typing and later.typing and later.path == self.path:
            self.new = later.new
            return True
        return False


@dataclass
class InsertAction(Edit):
    plan: PlanName
    index: int
    action: PreviousAction | NewAction
    description: str = "Add action"

    def apply(self, sub: Submission) -> None:
        plan_actions(sub, self.plan).insert(self.index, copy.deepcopy(self.action))

    def revert(self, sub: Submission) -> None:
        del plan_actions(sub, self.plan)[self.index]


@dataclass
class RemoveAction(Edit):
    plan: PlanName
    index: int
    action: PreviousAction | NewAction | None = None  # filled on apply, so revert restores it
    description: str = "Delete action"

    def apply(self, sub: Submission) -> None:
        self.action = plan_actions(sub, self.plan).pop(self.index)

    def revert(self, sub: Submission) -> None:
        assert self.action is not None
        plan_actions(sub, self.plan).insert(self.index, self.action)


@dataclass
class MoveAction(Edit):
    """Move an action to another position in its plan (its pillar is changed by a SetValue)."""

    plan: PlanName
    source: int
    target: int
    description: str = "Move action"

    def apply(self, sub: Submission) -> None:
        actions = plan_actions(sub, self.plan)
        actions.insert(self.target, actions.pop(self.source))

    def revert(self, sub: Submission) -> None:
        actions = plan_actions(sub, self.plan)
        actions.insert(self.source, actions.pop(self.target))


@dataclass
class Compound(Edit):
    """Several edits as one undo step (renumbering refs, carrying actions over, an import)."""

    edits: list[Edit] = field(default_factory=list)
    description: str = "Edit"

    def apply(self, sub: Submission) -> None:
        for edit in self.edits:
            edit.apply(sub)

    def revert(self, sub: Submission) -> None:
        for edit in reversed(self.edits):
            edit.revert(sub)


def edit_prefix(edit: Edit) -> tuple:
    """The path below which ``edit`` changes the submission (``()`` when it touches several parts)."""
    if isinstance(edit, SetValue):
        return tuple(edit.path)
    if isinstance(edit, (InsertAction, RemoveAction, MoveAction)):
        return (PLAN_ATTRS[edit.plan], "actions")
    if isinstance(edit, Compound):
        prefixes = [edit_prefix(e) for e in edit.edits]
        if not prefixes:
            return ()
        common = prefixes[0]
        for p in prefixes[1:]:
            n = 0
            while n < min(len(common), len(p)) and common[n] == p[n]:
                n += 1
            common = common[:n]
        return common
    return ()
