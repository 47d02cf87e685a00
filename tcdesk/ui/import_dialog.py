"""Import preview: what a file yields (sections and the question each went to, actions and RAG
counts per pillar, columns not mapped, rows skipped and why) before anything is written, with a
section map and a column map that re-run the import."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from tcdesk.errors import TcdeskError
from tcdesk.model import ACTION_FIELDS, Submission, rag_counts
from tcdesk.session import ImportResult, Session
from tcdesk.template import load_template
from tcdesk.ui.fields import SteadyComboBox

__all__ = ["ImportDialog"]

IGNORE = "(leave out)"
NOT_IMPORTED = "Not imported"
PLANS = {"Decide from the columns": "", "Previous plan (RAG)": "previous", "New 36-month plan": "new"}


class ImportDialog(QDialog):
    """Runs the import of ``path`` and previews it; after ``exec() == Accepted``,
    :attr:`result_submission` holds the imported submission (nothing is written here)."""

    def __init__(self, session: Session, path: str | Path, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._session = session
        self.path = Path(path)
        self.import_result: ImportResult | None = None
        self.result_submission: Submission | None = None
        self.error = ""
        self._ran_with: dict[str, str] = {}  # the options the preview shows the import of
        self.setWindowTitle(f"Import {self.path.name} — tcdesk")

        self.summary = QLabel(self)
        self.summary.setWordWrap(True)
        self.summary.setAccessibleName("What was recognised")
        self.sections = self._table(["Section found", "Goes to"], "Sections and their questions")
        self._section_choices: dict[int, str] = {}  # section number → question ("" leaves it out)
        self.pillars = self._table(["Pillar", "Actions"], "Actions per pillar")
        self.rag = self._table(["Pillar", "Red", "Amber", "Green", "Unrated"], "RAG per pillar (previous plan)")
        self.skipped = self._table(["Where", "Why", "Text"], "Rows and parts skipped")
        self.mapping = self._table(["Column header", "Read as"], "Column map")
        self.plan = SteadyComboBox(self)
        self.plan.addItems(list(PLANS))
        self.plan.setAccessibleName("Which plan the tables hold")
        self.reimport_button = QPushButton("Import again with this map", self)
        self.reimport_button.clicked.connect(self._on_reimport)

        mapping_box = QGroupBox("Columns not recognised", self)
        box = QVBoxLayout(mapping_box)
        box.addWidget(self.mapping)
        row = QHBoxLayout()
        row.addWidget(QLabel("Tables hold:", self))
        row.addWidget(self.plan, 1)
        row.addWidget(self.reimport_button)
        box.addLayout(row)

        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self
        )
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setText("Import")
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)

        layout = QVBoxLayout(self)
        layout.addWidget(self.summary)
        layout.addWidget(QLabel("Sections found, and the question each goes to:", self))
        layout.addWidget(self.sections, 3)
        counts = QHBoxLayout()
        counts.addWidget(self.pillars, 2)
        counts.addWidget(self.rag, 3)
        for table in (self.pillars, self.rag):
            # Four pillars and "No pillar" without scrolling.
            rows = table.verticalHeader().defaultSectionSize() * 5 + table.horizontalHeader().sizeHint().height()
            table.setFixedHeight(rows + 2 * table.frameWidth())
        self.mapping.setMaximumHeight(140)
        layout.addLayout(counts)
        layout.addWidget(QLabel("Skipped, and why:", self))
        layout.addWidget(self.skipped, 1)
        layout.addWidget(mapping_box)
        layout.addWidget(self.buttons)
        self.resize(860, 760)
        self.run_import()

    def _table(self, headers: list[str], name: str) -> QTableWidget:
        table = QTableWidget(0, len(headers), self)
        table.setHorizontalHeaderLabels(headers)
        table.setAccessibleName(name)
        table.verticalHeader().setVisible(False)
        table.horizontalHeader().setSectionResizeMode(len(headers) - 1, QHeaderView.ResizeMode.Stretch)
        table.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        return table

    # --- running the import ------------------------------------------------------------------------

    def options(self) -> dict[str, str]:
        """The importer options the dialog's controls describe (column map and plan)."""
        out: dict[str, str] = {}
        for row in range(self.mapping.rowCount()):
            header = self._header(row)
            combo = self.mapping.cellWidget(row, 1)
            name = combo.currentData() if isinstance(combo, QComboBox) else None
            if name is not None:
                out[f"map:{header}"] = name
        if plan := PLANS[self.plan.currentText()]:
            out["plan"] = plan
        out.update({f"section:{n}": question for n, question in self._section_choices.items()})
        return out

    def run_import(self) -> None:
        """Import with the current options and redraw the preview."""
        options = self._ran_with = self.options()
        try:
            self.import_result = self._session.import_file(self.path, options)
            self.error = ""
        except TcdeskError as exc:
            self.import_result, self.error = None, str(exc)
        self._show()

    def _header(self, row: int) -> str:
        item = self.mapping.item(row, 0)
        return item.text() if item is not None else ""

    def set_mapping(self, header: str, name: str) -> None:
        """Choose the field a column is read as (``""`` leaves it out)."""
        for row in range(self.mapping.rowCount()):
            combo = self.mapping.cellWidget(row, 1)
            if self._header(row) == header and isinstance(combo, QComboBox):
                combo.setCurrentIndex(combo.findData(name))
                return
        raise KeyError(header)

    def set_section(self, number: int, question: str) -> None:
        """Send detected section ``number`` (1-based) to ``question`` ("" leaves it out) and import again."""
        combo = self.sections.cellWidget(number - 1, 1)
        if not isinstance(combo, QComboBox) or combo.findData(question) < 0:
            raise KeyError(number)
        combo.setCurrentIndex(combo.findData(question))  # the combo's signal re-runs the import

    def _on_section_chosen(self, number: int, combo: QComboBox) -> None:
        self._section_choices[number] = combo.currentData()
        self.run_import()

    def _on_reimport(self) -> None:
        self.run_import()

    # --- drawing -----------------------------------------------------------------------------------

    def _show(self) -> None:
        ok = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        if self.import_result is None:
            self.summary.setText(f"<b>Nothing can be imported.</b><br>{_html(self.error)}")
            ok.setEnabled(False)
            for table in (self.pillars, self.rag, self.skipped, self.sections):
                table.setRowCount(0)
            return
        report = self.import_result.report
        ok.setEnabled(True)
        parts = [f"{n} {what}" for what, n in report.recognised.items()]
        notes = "".join(f"<br>{_html(note)}" for note in report.notes)
        self.summary.setText(f"<b>{_html(self.path.name)}</b>: " + _html(", ".join(parts)) + notes + _warnings(report.warnings))
        self.pillars.setRowCount(0)
        for pillar, n in report.per_pillar.items():
            self._append(self.pillars, [pillar.label if pillar else "No pillar", str(n)])
        self.rag.setRowCount(0)
        if self.import_result.submission.previous_plan.actions:
            for pillar, c in rag_counts(self.import_result.submission.previous_plan).items():
                counts = (c.red, c.amber, c.green, c.unrated)
                self._append(self.rag, [pillar.label if pillar else "No pillar", *map(str, counts)])
        self._fill_sections(report.sections)
        self.skipped.setRowCount(0)
        for s in report.skipped:
            self._append(self.skipped, [s.where, s.reason, s.text[:200]])
        self._fill_mapping(report.unmapped_columns)

    def _fill_sections(self, sections) -> None:
        if self.sections.rowCount() == len(sections):
            # Re-run after a choice: the same sections; update in place (the combo that asked is still running).
            for n, section in enumerate(sections):
                combo = self.sections.cellWidget(n, 1)
                assert isinstance(combo, QComboBox)
                combo.blockSignals(True)
                combo.setCurrentIndex(combo.findData(section.question or ""))
                combo.setToolTip(_MATCHED.get(section.how, _UNMATCHED))
                combo.blockSignals(False)
            return
        self.sections.setRowCount(0)
        questions = load_template().questions
        for n, section in enumerate(sections, 1):
            self._append(self.sections, [section.heading, ""])
            combo = SteadyComboBox(self.sections)
            combo.addItem(NOT_IMPORTED, "")
            for q in questions:
                combo.addItem(f"Question {q.number} – {q.short}", q.number)
            combo.setCurrentIndex(combo.findData(section.question or ""))
            combo.setAccessibleName(f"Question for section {n}, {section.heading[:60]}")
            combo.setToolTip(_MATCHED.get(section.how, _UNMATCHED))
            combo.currentIndexChanged.connect(lambda _i, n=n, combo=combo: self._on_section_chosen(n, combo))
            self.sections.setCellWidget(n - 1, 1, combo)
        self.sections.resizeColumnToContents(0)

    def _fill_mapping(self, unmapped: list[str]) -> None:
        chosen = self.options()
        present = {self._header(r) for r in range(self.mapping.rowCount())}
        for header in unmapped:
            if header in present:
                continue
            row = self.mapping.rowCount()
            self.mapping.insertRow(row)
            self.mapping.setItem(row, 0, QTableWidgetItem(header))
            combo = SteadyComboBox(self.mapping)
            combo.addItem("(not mapped)", None)
            combo.addItem(IGNORE, "")
            for name, action_field in ACTION_FIELDS.items():
                combo.addItem(action_field.label, name)
            combo.setAccessibleName(f"Read column {header} as")
            if f"map:{header}" in chosen:
                combo.setCurrentIndex(combo.findData(chosen[f"map:{header}"]))
            self.mapping.setCellWidget(row, 1, combo)

    @staticmethod
    def _append(table: QTableWidget, cells: list[str]) -> None:
        row = table.rowCount()
        table.insertRow(row)
        for col, text in enumerate(cells):
            table.setItem(row, col, QTableWidgetItem(text))

    def accept(self) -> None:
        if self.options() != self._ran_with:
            self.run_import()  # a map chosen without "Import again": import what the dialog shows
        if self.import_result is None:
            return
        self.result_submission = self.import_result.submission
        super().accept()


_MATCHED = {
    "wording": "Matched by the form's wording",
    "number": "Matched by its number",
    "title": "Matched by its title",
    "chosen": "As you chose",
}


_UNMATCHED = "Matched no question: choose one, or leave it out"


def _html(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def _warnings(warnings: list[str]) -> str:
    return "".join(f"<br>⚠ {_html(w)}" for w in warnings)
