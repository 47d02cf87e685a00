"""The findings of the latest check: filterable, and a double-click or Enter away from their place."""

from __future__ import annotations

from PySide6.QtCore import QAbstractTableModel, QEvent, QModelIndex, QObject, QPersistentModelIndex, Qt, Signal
from PySide6.QtGui import QIcon, QKeyEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QStyle,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from tcdesk.model import Submission
from tcdesk.rules.finding import Finding, Severity
from tcdesk.rules.where import where

__all__ = ["FindingsModel", "FindingsPanel", "severity_icon"]

_ICONS = {
    Severity.ERROR: QStyle.StandardPixmap.SP_MessageBoxCritical,
    Severity.WARNING: QStyle.StandardPixmap.SP_MessageBoxWarning,
    Severity.INFO: QStyle.StandardPixmap.SP_MessageBoxInformation,
}
_FILTERS = (("All findings", None), ("Errors", Severity.ERROR), ("Warnings", Severity.WARNING), ("Information", Severity.INFO))


def severity_icon(widget: QWidget, severity: Severity) -> QIcon:
    """A shape as well as a colour, so the severity never depends on colour alone."""
    return widget.style().standardIcon(_ICONS[severity])


class FindingsModel(QAbstractTableModel):
    """Findings as rows: severity (icon and word), code, message, location."""

    HEADERS = ("Severity", "Code", "Message", "Location")

    def __init__(self, icon_source: QWidget) -> None:
        super().__init__(icon_source)
        self._icon_source = icon_source
        self.findings: list[Finding] = []
        self._places: dict[Finding, str] = {}

    def set_findings(self, findings: list[Finding], places: dict[Finding, str] | None = None) -> None:
        self.beginResetModel()
        self.findings = list(findings)
        self._places = places or {}
        self.endResetModel()

    def place(self, finding: Finding) -> str:
        """Where the finding is, in the form's words (see :func:`tcdesk.rules.where.where`)."""
        return self._places.get(finding) or where(finding.location)

    def rowCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:  # noqa: N802
        return 0 if parent.isValid() else len(self.findings)

    def columnCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:  # noqa: N802
        return len(self.HEADERS)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole) -> object:  # noqa: N802
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return self.HEADERS[section]
        return None

    def data(self, index: QModelIndex | QPersistentModelIndex, role: int = Qt.ItemDataRole.DisplayRole) -> object:
        f = self.findings[index.row()]
        col = index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            return (f.severity.value, f.code, f.message, self.place(f))[col]
        if role == Qt.ItemDataRole.DecorationRole and col == 0:
            return severity_icon(self._icon_source, f.severity)
        if role == Qt.ItemDataRole.ToolTipRole:
            return f"{f.code} {f.name}: {f.message}\n{self.place(f)}\nDouble-click or Enter to go there; F1 for the rule's help."
        if role == Qt.ItemDataRole.AccessibleTextRole:
            return f"{f.severity.value} {f.code}: {f.message}, at {self.place(f)}"
        return None


class FindingsPanel(QWidget):
    """The list shown in the Findings dock. Emits what the user wants to see; the window acts on it."""

    activated = Signal(object)  # the Finding to jump to
    help_requested = Signal(str)  # a rule code

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.filter = QComboBox(self)
        for text, severity in _FILTERS:
            self.filter.addItem(text, severity.value if severity else "")
        self.filter.setAccessibleName("Show findings of severity")
        self.summary = QLabel(self)
        self.summary.setAccessibleName("Findings summary")
        self.help_link = QLabel(self)
        self.help_link.setAccessibleName("Rule documentation link")
        self.help_link.setTextInteractionFlags(Qt.TextInteractionFlag.LinksAccessibleByMouse | Qt.TextInteractionFlag.LinksAccessibleByKeyboard)
        self.help_link.linkActivated.connect(self.help_requested.emit)
        self._places: dict[Finding, str] = {}
        self.model = FindingsModel(self)
        self.view = QTableView(self)
        self.view.setModel(self.model)
        self.view.setAccessibleName("Findings")
        self.view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.view.setWordWrap(False)
        self.view.verticalHeader().hide()
        self.view.verticalHeader().setDefaultSectionSize(self.fontMetrics().height() + 8)
        header = self.view.horizontalHeader()
        header.setAccessibleName("Findings columns")
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(2, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(3, QHeaderView.ResizeMode.ResizeToContents)
        top = QHBoxLayout()
        show = QLabel("&Show:", self)
        show.setBuddy(self.filter)
        top.addWidget(show)
        top.addWidget(self.filter)
        top.addWidget(self.summary, 1)
        top.addWidget(self.help_link)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        layout.addLayout(top)
        layout.addWidget(self.view, 1)
        self._all: list[Finding] = []
        self.filter.currentIndexChanged.connect(self._apply_filter)
        self.view.doubleClicked.connect(self._on_double_clicked)
        self.view.selectionModel().currentRowChanged.connect(self._on_current_changed)
        self.view.installEventFilter(self)

    # --- content ---------------------------------------------------------------------------------

    def set_findings(self, findings: list[Finding], submission: Submission | None = None) -> None:
        """Show ``findings``; with ``submission``, places quote the answers' words."""
        self._all = list(findings)
        self._places = {f: where(f.location, submission) for f in findings}
        self._apply_filter()

    def shown(self) -> list[Finding]:
        return list(self.model.findings)

    def current_finding(self) -> Finding | None:
        row = self.view.currentIndex().row()
        return self.model.findings[row] if 0 <= row < len(self.model.findings) else None

    def _apply_filter(self) -> None:
        wanted = self.filter.currentData()
        current = self.current_finding()
        shown = [f for f in self._all if not wanted or f.severity.value == wanted]
        self.model.set_findings(shown, self._places)
        errors = sum(f.severity is Severity.ERROR for f in self._all)
        warnings = sum(f.severity is Severity.WARNING for f in self._all)
        self.summary.setText("No findings: nothing left to fix." if not self._all else f"{errors} error{'s' * (errors != 1)}, {warnings} warning{'s' * (warnings != 1)}")
        if current in shown:
            self.view.selectRow(shown.index(current))
        self._on_current_changed()

    # --- user actions ----------------------------------------------------------------------------

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt's name
        # Enter jumps like a double-click (the view's own "activated" also fires on single clicks
        # under some desktop styles, which would jump away while the user is only selecting).
        if watched is self.view and event.type() == QEvent.Type.KeyPress and isinstance(event, QKeyEvent) and event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            self._on_double_clicked(self.view.currentIndex())
            return True
        return super().eventFilter(watched, event)

    def _on_double_clicked(self, index: QModelIndex) -> None:
        if index.isValid():
            self.activated.emit(self.model.findings[index.row()])

    def _on_current_changed(self, *_args: object) -> None:
        f = self.current_finding()
        self.help_link.setText(f'<a href="{f.code}">What is {f.code}?</a>' if f else "")

    def show_help_for_current(self) -> None:
        f = self.current_finding()
        if f is not None:
            self.help_requested.emit(f.code)
