"""The open document: the one object through which widgets read and change the submission."""

from __future__ import annotations

import copy
from typing import Any

from PySide6.QtCore import QObject, Signal
from PySide6.QtGui import QUndoCommand, QUndoStack

from tcdesk.editing import PLAN_ATTRS, Edit, SetValue, edit_prefix, get_value
from tcdesk.model import Submission, snapshot
from tcdesk.session import Session

__all__ = ["DocumentController"]


class _EditCommand(QUndoCommand):
    """Wraps one :class:`~tcdesk.editing.Edit` for the undo stack; merges typing via ``Edit.merge``."""

    def __init__(self, controller: DocumentController, edit: Edit, merge_id: int, generation: int) -> None:
        super().__init__(edit.description)
        self.edit = edit
        self._controller = controller
        self._merge_id = merge_id
        self._generation = generation

    def id(self) -> int:
        return self._merge_id

    def mergeWith(self, other: QUndoCommand) -> bool:  # noqa: N802 - Qt's name
        if not isinstance(other, _EditCommand) or other._generation != self._generation:
            return False
        if not self.edit.merge(other.edit):
            return False
        if isinstance(self.edit, SetValue) and self.edit.old == self.edit.new:
            # Typing that ends where it began (or an edit cancelled with Escape) leaves no undo step.
            self.setObsolete(True)
        return True

    def redo(self) -> None:
        self.edit.apply(self._controller.submission())
        self._controller._after_change(self.edit)

    def undo(self) -> None:
        self.edit.revert(self._controller.submission())
        self._controller._after_change(self.edit)


class DocumentController(QObject):
    """Owns the open submission, its undo stack and autosave; the only way widgets change the model.

    :param session: the session whose ``submission`` is edited in place.
    """

    #: Emitted with the edit's path prefix after every apply, undo and redo,
    #: e.g. ``("previous_plan", "actions")`` or ``("answers", "4")``.
    changed = Signal(tuple)
    #: The whole submission was replaced (open, import).
    reset = Signal()
    #: A finding asks to show its place; carries a :class:`tcdesk.rules.finding.Location`.
    focus_requested = Signal(object)

    def __init__(self, session: Session, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.session = session
        self.undo_stack = QUndoStack(self)
        self.undo_stack.setUndoLimit(1000)
        self._merge_ids: dict[tuple, int] = {}
        self._generation = 0
        #: Counts every change of the model; the autosaver and the checker compare against it.
        self.revision = 0
        self._snap: Submission | None = None
        self._snap_of: Submission | None = None
        self._dirty: set[tuple] = set()
        #: Opened read-only (someone else is editing the file): edits are refused.
        self.read_only = False

    # --- reading ---------------------------------------------------------------------------------

    def submission(self) -> Submission:
        return self.session.submission

    def value(self, path: tuple) -> Any:
        """The current value at ``path`` (see :mod:`tcdesk.editing` for the path form)."""
        return get_value(self.session.submission, path)

    def snapshot(self) -> Submission:
        """An independent copy of the submission, safe to hand to a worker thread; never modify it.

        Consecutive snapshots share every part no edit has touched since, so after a keystroke
        only that answer is copied, not a 500-action plan. This runs on the UI thread before each
        background check and save, where a full copy would stall typing.
        """
        live = self.session.submission
        if self._snap is None or self._snap_of is not live or () in self._dirty:
            self._snap, self._snap_of = snapshot(live), live
        elif self._dirty:
            snap = copy.copy(self._snap)
            for key in sorted(self._dirty, key=len):
                name = key[0]
                if len(key) == 1:
                    setattr(snap, name, snapshot(getattr(live, name)))
                elif (name,) not in self._dirty:
                    plan = copy.copy(getattr(snap, name))
                    plan.actions = list(plan.actions)
                    plan.actions[key[1]] = snapshot(getattr(live, name).actions[key[1]])
                    setattr(snap, name, plan)
            self._snap = snap
        self._dirty.clear()
        return self._snap

    # --- changing --------------------------------------------------------------------------------

    def push(self, edit: Edit) -> None:
        """Apply ``edit`` as one undoable step (merged with the previous one when both are typing)."""
        if self.read_only:
            return  # a project someone else is editing: the window shows it but changes nothing
        key = edit.merge_key
        merge_id = -1 if key is None else self._merge_ids.setdefault(key, len(self._merge_ids) + 1)
        self.undo_stack.push(_EditCommand(self, edit, merge_id, self._generation))

    def set_value(self, path: tuple, value: Any, *, typing: bool = False, description: str = "Edit") -> None:
        """Push a :class:`SetValue` for ``path`` unless the value is already ``value``."""
        old = self.value(path)
        if old == value:
            return
        self.push(SetValue(tuple(path), copy.deepcopy(old), copy.deepcopy(value), description, typing))

    def break_merge(self) -> None:
        """End the current typing run: the next keystroke starts a new undo step."""
        self._generation += 1

    def replace_submission(self, submission: Submission) -> None:
        """Show a different submission (open, import); the undo history starts afresh."""
        from tcdesk.ui.fallback_font import offer_for_submission

        offer_for_submission(submission)  # before its words are laid out
        self.session.submission = submission
        self._snap = None
        self.undo_stack.clear()
        self._merge_ids.clear()
        self.revision += 1
        self.reset.emit()

    def request_focus(self, location: object) -> None:
        """Ask the window to show and focus the place a finding points at."""
        self.focus_requested.emit(location)

    def _after_change(self, edit: Edit) -> None:
        self.revision += 1
        prefix = edit_prefix(edit)
        if not prefix:
            self._dirty.add(())
        elif prefix[0] in PLAN_ATTRS.values() and len(prefix) >= 3 and prefix[1] == "actions" and isinstance(prefix[2], int):
            self._dirty.add((prefix[0], prefix[2]))  # one action's field: copy just that action
        else:
            self._dirty.add((prefix[0],))
        self.changed.emit(edit_prefix(edit))
