"""File → Merge a contribution… and merging after a conflicted copy, with the side-by-side conflict
picker. Loaded when first needed: the window opens without it."""

from __future__ import annotations

import dataclasses
from collections.abc import Hashable
from pathlib import Path
from typing import TYPE_CHECKING, cast

from PySide6.QtWidgets import (
    QButtonGroup,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QGridLayout,
    QGroupBox,
    QLabel,
    QMessageBox,
    QPlainTextEdit,
    QRadioButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from tcdesk.editing import Compound, Edit, SetValue
from tcdesk.errors import ProjectChangedError, TcdeskError
from tcdesk.merge_order import is_order_conflict, order_texts
from tcdesk.model import ACTION_FIELDS, FieldType, Submission

if TYPE_CHECKING:
    from tcdesk.merge import MergeConflict, MergeResult, Side
    from tcdesk.ui.main_window import MainWindow
    from tcdesk.workspace import Conflict

__all__ = [
    "MergeDialog", "apply_merge", "keep_both", "merge_back", "merge_contribution", "quit_after_conflict", "report_conflict",
    "resolve",
]

#: Merges offered in a row while the original keeps changing under them, before the work stays in the copy.
MERGE_ROUNDS = 5


class MergeDialog(QDialog):
    """Each conflict side by side, yours and theirs, with a choice per conflict."""

    def __init__(self, conflicts: list[MergeConflict], theirs_name: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(f"Merge {theirs_name}")
        self.resize(900, 600)
        self.conflicts = conflicts
        self._groups: list[QButtonGroup] = []
        intro = QLabel(f"{len(conflicts)} thing{'s' * (len(conflicts) != 1)} changed differently in both versions. "
                       "Choose which version to keep for each; everything else is merged already.", self)
        intro.setWordWrap(True)
        body = QWidget()
        rows = QVBoxLayout(body)
        for conflict in conflicts:
            rows.addWidget(self._conflict_box(conflict))
        rows.addStretch(1)
        scroll = QScrollArea(self)
        scroll.setWidgetResizable(True)
        scroll.setWidget(body)
        buttons = QDialogButtonBox(self)
        all_mine = buttons.addButton("Keep all &yours", QDialogButtonBox.ButtonRole.ActionRole)
        all_theirs = buttons.addButton("Take all t&heirs", QDialogButtonBox.ButtonRole.ActionRole)
        all_mine.clicked.connect(lambda: self.choose_all("mine"))
        all_theirs.clicked.connect(lambda: self.choose_all("theirs"))
        self.merge_button = buttons.addButton("&Merge", QDialogButtonBox.ButtonRole.AcceptRole)
        buttons.addButton(QDialogButtonBox.StandardButton.Cancel)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addWidget(scroll, 1)
        layout.addWidget(buttons)

    def _conflict_box(self, conflict: MergeConflict) -> QGroupBox:
        box = QGroupBox(conflict.message)
        grid = QGridLayout(box)
        group = QButtonGroup(box)
        if _can_keep_both(conflict):
            both = QRadioButton("Keep &both (yours, then theirs)", box)
            both.setObjectName("both")
            group.addButton(both, SIDES.index("both"))
            grid.addWidget(both, 2, 0, 1, 2)
        order = is_order_conflict(conflict)
        if order:  # each side's order, an action a line, what moved marked: lines unwrapped, to compare
            texts = order_texts(conflict)
            lines = 1 + max(len(text.split("\n")) for text in texts.values())  # and a scroll bar
        else:
            texts = {side: _shown(getattr(conflict, side)) for side in ("mine", "theirs")}
            lines = max(sum(1 + len(line) // 70 for line in text.split("\n")) for text in texts.values())
        # Both sides as tall as the longer one (up to 8 lines, an order 16), so they line up row by row.
        most = 16 if order else 8
        for column, (side, label) in enumerate((("mine", "Keep yours"), ("theirs", "Take theirs"))):
            radio = QRadioButton(label, box)
            radio.setObjectName(side)
            radio.setChecked(side == "mine")
            group.addButton(radio, column)
            value = QPlainTextEdit(texts[side], box)
            value.setReadOnly(True)
            if order:
                value.setLineWrapMode(QPlainTextEdit.LineWrapMode.NoWrap)
            value.setAccessibleName(f"{label}: {conflict.message}")
            value.setFixedHeight(min(most, max(2, lines)) * value.fontMetrics().lineSpacing() + 12)
            grid.addWidget(radio, 0, column)
            grid.addWidget(value, 1, column)
        self._groups.append(group)
        return box

    def choose(self, index: int, side: str) -> None:
        """Pick ``side`` ("mine", "theirs" or, for two texts, "both") for conflict ``index``."""
        self._groups[index].button(SIDES.index(side)).setChecked(True)

    def choose_all(self, side: str) -> None:
        for n in range(len(self._groups)):
            self.choose(n, side)

    def resolutions(self) -> dict:
        return {c.key: SIDES[g.checkedId()] for c, g in zip(self.conflicts, self._groups, strict=True)}


#: The choices per conflict, by button id; "both" only where both sides are texts (see keep_both).
SIDES = ("mine", "theirs", "both")


def _can_keep_both(conflict: MergeConflict) -> bool:
    """An answer or an action's text both sides rewrote: both texts can be kept, one after the other."""
    key, mine, theirs = conflict.key, conflict.mine, conflict.theirs
    if not (isinstance(key, tuple) and len(key) == 2 and type(mine) is str and type(theirs) is str
            and mine.strip() and theirs.strip()):
        return False
    owner, name = key
    text = ACTION_FIELDS.get(name)  # an action's field: keyed by (plan, the action's id)
    return owner == "answers" or (isinstance(owner, tuple) and len(owner) == 2 and isinstance(owner[1], str)
                                  and text is not None and text.type is FieldType.TEXT)


def keep_both(merged: Submission, conflicts: list[MergeConflict], resolutions: dict) -> None:
    """Where "both" was chosen, put theirs after yours (a blank line between), every byte of each kept."""
    from tcdesk.ui.last_time import blank_line_after

    for conflict in conflicts:
        if resolutions.get(conflict.key) != "both" or not _can_keep_both(conflict):
            continue
        text = f"{conflict.mine}{blank_line_after(conflict.mine)}{conflict.theirs}"
        owner, name = cast(tuple[str | tuple[str, str], str], conflict.key)
        if owner == "answers":
            merged.answers[name] = text
            continue
        action_id = owner[1]
        for plan in (merged.previous_plan, merged.new_plan):
            # A fresh action: the merged plan may share its records with the editor's submission.
            plan.actions = [dataclasses.replace(a, **{name: text}) if a.id == action_id else a  # type: ignore[arg-type, assignment]
                            for a in plan.actions]


def _shown(value: object) -> str:
    from tcdesk.diff import show_value  # merging only: the window opens without the diff machinery

    if value is None:
        return "(deleted)"
    if dataclasses.is_dataclass(value) and hasattr(value, "ref"):
        return "\n".join(f"{f.name.replace('_', ' ')}: {show_value(getattr(value, f.name))}"
                         for f in dataclasses.fields(value) if f.name != "id")
    return show_value(value)


def apply_merge(window: MainWindow, merged: Submission) -> int:
    """Make ``merged`` the window's submission as one undoable step; returns the parts changed."""
    current = window.controller.submission()
    edits: list[Edit] = [
        SetValue((f.name,), getattr(current, f.name), getattr(merged, f.name), "Merge")
        for f in dataclasses.fields(Submission)
        if getattr(current, f.name) != getattr(merged, f.name)
    ]
    if edits:
        window.controller.push(Compound(edits, "Merge a contribution"))
    return len(edits)


def resolve(window: MainWindow, base, theirs, theirs_name: str, *, choose=None) -> MergeResult | None:
    """Merge ``theirs`` into the window's submission; the user settles conflicts. ``None`` if cancelled.

    :param choose: ``(conflicts) -> resolutions`` for tests; the merge dialog by default.
    """
    session = window.session
    window.commit_pages()  # words typed a moment ago are the user's side too
    mine = window.controller.snapshot()
    # Read once: a file synced again while the user chooses must not bring conflicts nobody was shown.
    # A version over the size limits is read if the user says so, as opening one is.
    from tcdesk.ui.file_commands import asking_if_large

    allowed = session.allow_large
    try:
        read = asking_if_large(window, session, lambda: [s if isinstance(s, Submission) else session.load(s)
                                                         for s in (base, theirs)])
    finally:
        session.allow_large = allowed
    if read is None:
        return None
    base, theirs = read
    first = session.merge(base, mine, theirs)
    if not first.conflicts:
        return first
    if choose is None:
        dialog = MergeDialog(first.conflicts, theirs_name, window)
        if dialog.exec() != QDialog.DialogCode.Accepted:
            return None
        resolutions = dialog.resolutions()
    else:
        resolutions = choose(first.conflicts)
    sides: dict[Hashable, Side] = {key: "mine" if side == "both" else side for key, side in resolutions.items()}
    result = session.merge(base, mine, theirs, resolutions=sides)
    keep_both(result.submission, first.conflicts, resolutions)
    return result


def merge_contribution(window: MainWindow, theirs: str | Path | None = None, base: str | Path | None = None, *, choose=None) -> bool:
    """File → Merge a contribution…: a colleague's version and the version you both started from."""
    if window.files.is_read_only():
        return False
    from tcdesk.ui.file_commands import SUBMISSION_FILTERS
    folder = str(window.files.path.parent) if window.files.path else str(Path.home())
    if theirs is None:
        theirs, _ = QFileDialog.getOpenFileName(window, "Merge a contribution: their version", folder, SUBMISSION_FILTERS)
        if not theirs:
            return False
    if base is None:
        base, _ = QFileDialog.getOpenFileName(window, "Merge a contribution: the version you both started from", folder,
                                              SUBMISSION_FILTERS)
        if not base:
            return False
    try:
        result = resolve(window, base, theirs, Path(theirs).name, choose=choose)
    except (TcdeskError, OSError) as exc:
        QMessageBox.warning(window, "Cannot merge", str(exc))
        return False
    if result is None:
        return False
    changed = apply_merge(window, result.submission)
    window.statusBar().showMessage(f"Merged {Path(theirs).name}: {changed} part{'s' * (changed != 1)} changed", 8000)
    return True


def report_conflict(window: MainWindow, conflict: Conflict, *, answer=None, choose=None) -> None:
    """The file changed under the editor: say where the work went, offer to merge the other version in.

    :param answer: ``() -> "merge" | "keep"`` for tests; a message box by default.
    """
    if window.files.was_told(conflict):  # quitting told the user already
        return
    window.files.told(conflict)
    box = QMessageBox(window)
    box.setIcon(QMessageBox.Icon.Warning)
    box.setWindowTitle(f"{conflict.original.name} was changed by someone else")
    box.setText(f"{conflict.original.name} {conflict.reason}. Nothing was written to it.")
    # Found by the last save of a project the user has since left: merging opens the copy again
    # first, never pouring the project left into the one now open.
    left = window.files.path != conflict.copy
    box.setInformativeText(f"Your work is saved in “{conflict.copy.name}” beside it"
                           + (". Merging their changes in opens that copy again, then continues in the original file."
                              if left else ", and you are now editing that copy. Merge their changes in to continue in "
                              "the original file."))
    merge_button = box.addButton("&Merge their changes…", QMessageBox.ButtonRole.AcceptRole)
    box.addButton("&Keep editing the copy", QMessageBox.ButtonRole.RejectRole)
    box.setDefaultButton(merge_button)
    if answer is None:
        box.exec()
        wanted = box.clickedButton() is merge_button
    else:
        wanted = answer() == "merge"
    box.deleteLater()
    if not wanted or (left and not window.open_file(conflict.copy)):
        return
    merge_back(window, conflict, choose=choose)


def quit_after_conflict(window: MainWindow, conflict: Conflict) -> bool:
    """Quitting while the work is in a conflicted copy the user has not been told about (the last
    save found the file changed): say where the words are, then merge now or quit leaving the copy.

    :returns: whether to quit.
    """
    window.files.told(conflict)
    box = QMessageBox(window)
    box.setIcon(QMessageBox.Icon.Warning)
    box.setWindowTitle(f"{conflict.original.name} was changed by someone else")
    box.setText(f"{conflict.original.name} {conflict.reason}, so your latest changes were not written to it. "
                f"All your work is saved in a copy:\n\n{conflict.copy}")
    box.setInformativeText("Merge their changes in now to continue in the original file with both, or quit and leave "
                           "your work in the copy: nothing in it is lost, and opening the copy later offers this merge "
                           "again.")
    merge_button = box.addButton("&Merge now…", QMessageBox.ButtonRole.AcceptRole)
    quit_button = box.addButton("&Quit, leaving my work in the copy", QMessageBox.ButtonRole.DestructiveRole)
    cancel = box.addButton(QMessageBox.StandardButton.Cancel)
    box.setDefaultButton(merge_button)
    box.setEscapeButton(cancel)
    box.exec()
    clicked = box.clickedButton()
    box.deleteLater()
    if clicked is quit_button:
        return True
    if clicked is not merge_button:
        window.files.told(conflict, told=False)  # still in the copy: the next quit offers the merge again
        return False
    merge_back(window, conflict)
    where = window.files.path
    merged = where == conflict.original
    again = QMessageBox(QMessageBox.Icon.Question, "Quit tcdesk?",
                        (f"Their changes are merged in, and your work is saved in {where}." if merged
                         else f"Your work is still saved in the copy {where}.") + "\n\nQuit now?", parent=window)
    quit_now = again.addButton("&Quit", QMessageBox.ButtonRole.AcceptRole)
    again.addButton("&Keep editing", QMessageBox.ButtonRole.RejectRole)
    again.setDefaultButton(quit_now)
    again.exec()
    quitting = again.clickedButton() is quit_now
    again.deleteLater()
    return quitting


def merge_back(window: MainWindow, conflict: Conflict, *, choose=None) -> None:
    """Merge the original's current content into the copy being edited, then continue in the original
    (unless it is held by someone, unreadable, or keeps changing: the work then stays in the copy)."""
    base: Submission = conflict.base
    try:
        window.commit_pages()
        window.files.save_all()  # the copy keeps the user's own words, whatever the merge takes
    except (TcdeskError, OSError) as exc:
        QMessageBox.warning(window, "Cannot merge", str(exc))
        return
    returned: bool | None = False
    try:
        returned = _merge_rounds(window, conflict, base, choose)
    finally:
        if not returned:
            window.flush()  # what was merged stays in the copy, saved there now
    if returned is False:
        QMessageBox.information(window, "Still editing the copy",
                                f"{conflict.original.name} is open in someone else's editor, cannot be read or written, or keeps changing, so the "
                                f"merged version stays in {conflict.copy.name}. Merge it in once it is free.")


def _merge_rounds(window: MainWindow, conflict: Conflict, base: Submission, choose) -> bool | None:
    """Merge and return to the original, again while it keeps changing under the merge.

    :returns: whether editing is back in the original; ``None`` when the merge was cancelled or failed.
    """
    for _round in range(MERGE_ROUNDS):
        try:
            theirs = window.session.load(conflict.original)
            result = resolve(window, base, theirs, conflict.original.name, choose=choose)
        except (TcdeskError, OSError) as exc:
            QMessageBox.warning(window, "Cannot merge", str(exc))
            return None
        if result is None:
            return None
        apply_merge(window, result.submission)
        window.commit_pages()
        try:
            return window.files.return_to(conflict.original, theirs)
        except ProjectChangedError:
            base = theirs  # their newer version is merged into what already holds this one
        except (TcdeskError, OSError):
            return False  # broken or gone since it was read: the merged work stays in the copy
    return False
