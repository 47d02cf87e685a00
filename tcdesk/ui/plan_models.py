"""Table models over a plan's actions, grouped by pillar under section rows, edited through the controller."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QObject, QPersistentModelIndex, Qt
from PySide6.QtGui import QColor

from tcdesk import planning
from tcdesk.editing import PlanName, plan_actions
from tcdesk.model import NEW_FIELDS, PREVIOUS_FIELDS, ActionField, Pillar, Rag, parse_due
from tcdesk.rules.finding import Finding, Section
from tcdesk.template import talent_title
from tcdesk.ui.document import DocumentController
from tcdesk.ui.qt_text import to_qt

__all__ = [
    "COLUMN_WIDTHS",
    "RAG_COLOURS",
    "NewPlanModel",
    "PlanModel",
    "PreviousPlanModel",
    "rag_label",
]

_Index = QModelIndex | QPersistentModelIndex

#: Fill and text colour of each rating; a label always accompanies the colour.
RAG_COLOURS: dict[Rag | None, tuple[QColor, QColor]] = {
    Rag.RED: (QColor("#c62828"), QColor("#ffffff")),
    Rag.AMBER: (QColor("#f2a900"), QColor("#1a1a1a")),
    Rag.GREEN: (QColor("#2e7d32"), QColor("#ffffff")),
    None: (QColor("#9e9e9e"), QColor("#1a1a1a")),
}

SECTIONS = {"previous": Section.PREVIOUS_PLAN, "new": Section.NEW_PLAN}
#: Findings that make a cell required: the rule decides, the table only shows it.
REQUIRED_CODES = frozenset({"TC201"})
REQUIRED_TIP = "Required: an action rated Red needs an explanation of why it has not been carried out."


def rag_label(rag: Rag | None) -> str:
    return rag.label if rag is not None else "—"


#: Natural width in pixels of each column of a plan table; text columns share any spare width.
COLUMN_WIDTHS: dict[str, int] = {
    "ref": 56, "pillar": 118, "action": 245, "owner": 130, "collaborators": 130, "due": 92,
    "success_measures": 195, "progress": 220, "explanation": 200, "resourcing": 150, "talent": 84,
    "rag": 84, "carried_from": 100,
}

_MONTHS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")


def due_label(text: str) -> str:
    """``2026-03`` → ``Mar 2026``, ``2026-03-15`` → ``15 Mar 2026``; other text unchanged."""
    span = parse_due(text)
    if span is None:
        return text
    first, last = span
    month = f"{_MONTHS[first.month - 1]} {first.year}"
    return month if first != last else f"{first.day} {month}"


class PlanModel(QAbstractTableModel):
    """Rows are section rows (one per pillar, in the form's order) followed by that pillar's actions.

    Cell edits re-read one row; only adding, removing, moving or re-pillaring rebuilds the rows.
    """

    plan: PlanName = "previous"
    columns: tuple[ActionField, ...] = ()

    SectionRole = Qt.ItemDataRole.UserRole + 1  # the section row's pillar code ("" for "no pillar")
    KindRole = Qt.ItemDataRole.UserRole + 2
    RequiredRole = Qt.ItemDataRole.UserRole + 3  # True where a value must be given (red → explanation)
    RagRole = Qt.ItemDataRole.UserRole + 4

    def __init__(self, controller: DocumentController, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.controller = controller
        self._key = planning.PLAN_KEYS[self.plan]
        self._field_column = {c.name: i for i, c in enumerate(self.columns)}
        self._plan_index: list[int | None] = []
        self._section: list[Pillar | None] = []
        self._row_of: dict[int, int] = {}
        self._shown: list[Any] = []  # the action object in each row as built (None for a section row)
        self._counts: dict[Pillar | None, int] = {}
        self._required: set[tuple[int, str]] = set()
        self._build()
        controller.changed.connect(self._on_changed)
        controller.reset.connect(self.rebuild)

    # --- structure ---------------------------------------------------------------------------

    def actions(self) -> list[Any]:
        """The plan's actions (``PreviousAction`` or ``NewAction``), live."""
        return plan_actions(self.controller.submission(), self.plan)

    def _build(self) -> None:
        groups: dict[Pillar | None, list[int]] = {p: [] for p in Pillar}
        for i, action in enumerate(self.actions()):
            groups.setdefault(action.pillar, []).append(i)
        self._plan_index, self._section, self._row_of = [], [], {}
        self._counts = {pillar: len(indices) for pillar, indices in groups.items()}
        for pillar, indices in groups.items():
            if pillar is None and not indices:
                continue
            self._plan_index.append(None)
            self._section.append(pillar)
            for i in indices:
                self._row_of[i] = len(self._plan_index)
                self._plan_index.append(i)
                self._section.append(pillar)
        actions = self.actions()
        self._shown = [None if i is None else actions[i] for i in self._plan_index]

    def show_required(self, findings: Iterable[Finding]) -> None:
        """Mark the cells the findings say must be filled in (a red action's explanation)."""
        self.set_required({
            (f.location.index, f.location.field or "")
            for f in findings
            if f.code in REQUIRED_CODES and f.location.section == SECTIONS[self.plan] and f.location.index is not None
        })

    def set_required(self, cells: set[tuple[int, str]]) -> None:
        """Mark ``(plan index, field)`` cells as required, as the current findings say."""
        if cells == self._required:
            return
        self._required = set(cells)
        if self.rowCount() and self.columnCount():
            self.dataChanged.emit(self.index(0, 0), self.index(self.rowCount() - 1, self.columnCount() - 1), [self.RequiredRole, Qt.ItemDataRole.ToolTipRole])

    def rebuild(self) -> None:
        self.beginResetModel()
        self._build()
        self.endResetModel()

    def plan_index(self, row: int) -> int | None:
        """The action's position in its plan for a table row; ``None`` for a section row."""
        return self._plan_index[row] if 0 <= row < len(self._plan_index) else None

    def row_of(self, plan_index: int) -> int | None:
        return self._row_of.get(plan_index)

    def action_shown(self, row: int) -> Any:
        """The action shown in ``row`` as the rows were last built, even if an edit has since moved it
        in the plan (rows are rebuilt after the edit, so plan indices may already mean other actions)."""
        return self._shown[row] if 0 <= row < len(self._shown) else None

    def row_showing(self, action: Any) -> int | None:
        """The row of this very action object, if the plan still holds it."""
        return next((r for r, shown in enumerate(self._shown) if shown is action and action is not None), None)

    def pillar_of_row(self, row: int) -> Pillar | None:
        return self._section[row] if 0 <= row < len(self._section) else None

    def is_section(self, row: int) -> bool:
        return 0 <= row < len(self._plan_index) and self._plan_index[row] is None

    def section_rows(self) -> list[int]:
        return [r for r, i in enumerate(self._plan_index) if i is None]

    def path(self, plan_index: int, field: str) -> tuple:
        """The edit path of one attribute of one action of this plan."""
        return (self._key, "actions", plan_index, field)

    def column_of(self, field: str) -> int | None:
        return self._field_column.get(field)

    def _on_changed(self, prefix: tuple) -> None:
        if prefix and prefix[0] != self._key:
            return
        if len(prefix) >= 2 and prefix[1] == "period":
            return
        if len(prefix) >= 4 and prefix[1] == "actions" and isinstance(prefix[2], int) and prefix[3] != "pillar":
            row = self._row_of.get(prefix[2])
            if row is not None:
                # Only that cell: each shows its own field, and repainting the whole row took a
                # frame's worth of the UI thread per keystroke.
                column = self._field_column.get(prefix[3])
                first, last = (column, column) if column is not None else (0, len(self.columns) - 1)
                self.dataChanged.emit(self.index(row, first), self.index(row, last))
                return
        self.rebuild()

    # --- Qt model ------------------------------------------------------------------------------

    def rowCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: N802 - Qt's name
        return 0 if parent.isValid() else len(self._plan_index)

    def columnCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: N802 - Qt's name
        return 0 if parent.isValid() else len(self.columns)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole) -> Any:  # noqa: N802
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return self.columns[section].label
        return None

    def flags(self, index: _Index) -> Qt.ItemFlag:
        if not index.isValid() or self.is_section(index.row()):
            # Disabled so that Tab and the arrow keys pass over section rows.
            return Qt.ItemFlag.NoItemFlags
        if self.controller.read_only:  # no editor to type into: its words would be refused unseen
            return Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
        return Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable | Qt.ItemFlag.ItemIsEditable

    def _section_data(self, row: int, role: int) -> Any:
        pillar = self._section[row]
        if role == self.SectionRole:
            return pillar.value if pillar is not None else ""
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.AccessibleTextRole):
            count = self._counts.get(pillar, 0)
            name = f"{pillar.letter} · {pillar.label}" if pillar is not None else "No pillar"
            return f"{name} — {count} action{'s' if count != 1 else ''}"
        return None

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        # Spelt for Qt (see qt_text): read it through ``index.data()``, which hands back the text as stored.
        value = self._data(index, role)
        return to_qt(value) if isinstance(value, str) else value

    def _data(self, index: _Index, role: int) -> Any:
        if not index.isValid():
            return None
        row = index.row()
        i = self._plan_index[row]
        if i is None:
            return self._section_data(row, role) if index.column() == 0 or role == self.SectionRole else None
        column = self.columns[index.column()]
        action = self.actions()[i]
        value = getattr(action, column.name)
        if role == self.KindRole:
            return column.type
        if role == self.RagRole:  # as text: Qt turns a str enum into a plain str anyway
            rag = getattr(action, "rag", None)
            return rag.value if rag is not None else ""
        if role == self.RequiredRole:
            return (i, column.name) in self._required
        if role == Qt.ItemDataRole.EditRole:
            if column.type == "pillar":
                return value.value if value is not None else ""
            if column.type == "rag":
                return value.value if value is not None else ""
            return list(value) if column.type == "talent" else value
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.AccessibleTextRole):
            return self._display(column, value)
        if role == Qt.ItemDataRole.ToolTipRole:
            if (i, column.name) in self._required:
                return REQUIRED_TIP + (f"\n\n{value}" if value else "")
            return self._tooltip(column, action, value)
        if role == Qt.ItemDataRole.TextAlignmentRole:
            return Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop
        return None

    def _display(self, column: ActionField, value: Any) -> str:
        if column.type == "pillar":
            return value.label if value is not None else "—"
        if column.type == "rag":
            return rag_label(value)
        if column.type == "talent":
            return ", ".join(value)
        if column.type == "due":
            return due_label(value)
        return value

    def _tooltip(self, column: ActionField, action: Any, value: Any) -> str | None:
        if column.type == "talent":
            return "\n".join(f"{c} — {talent_title(c) or 'not in the recommendation list'}" for c in value) or None
        if column.type == "due" and value:
            return f"Due {value}"
        if column.type == "rag":
            return f"RAG rating: {rag_label(value)}"
        return value if isinstance(value, str) and len(value) > 40 else None

    def setData(self, index: _Index, value: Any, role: int = Qt.ItemDataRole.EditRole) -> bool:  # noqa: N802
        i = self.plan_index(index.row()) if index.isValid() else None
        if i is None or role != Qt.ItemDataRole.EditRole:
            return False
        column = self.columns[index.column()]
        sub = self.controller.submission()
        if column.type == "pillar":
            edit = planning.move_to_pillar(sub, self.plan, i, Pillar(value)) if value else None
            if edit is not None:
                self.controller.push(edit)
            return True
        if column.type == "rag":
            value = Rag(value) if value else None
        elif column.type == "talent":
            value = list(value)
        elif isinstance(value, str) and column.type in ("ref", "due"):
            value = value.strip()
        self.controller.set_value(self.path(i, column.name), value, description=f"Edit {column.label}")
        return True


class PreviousPlanModel(PlanModel):
    """The previous plan's actions as rated in question 3."""

    plan = "previous"
    columns = PREVIOUS_FIELDS


class NewPlanModel(PlanModel):
    """The new 36-month plan's actions (question 6)."""

    plan = "new"
    columns = NEW_FIELDS
