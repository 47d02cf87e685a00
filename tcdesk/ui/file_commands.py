"""The File menu's dialogs: new, open, Save As, import and export."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QDialog, QFileDialog, QMessageBox

from tcdesk.errors import TcdeskError
from tcdesk.formats import INTERCHANGE, PROJECT, Kind
from tcdesk.model import Submission
from tcdesk.rules.finding import Severity

if TYPE_CHECKING:
    from tcdesk.ui.main_window import MainWindow

__all__ = ["export", "import_file", "new_project", "open_project", "save_as"]

PROJECT_FILTER = PROJECT.file_filter()
INTERCHANGE_FILTER = INTERCHANGE.file_filter()


def _documents_dir(window: MainWindow) -> str:
    path = window.files.path
    if path is not None and not window.files.is_draft():
        return str(path.parent)
    return str(Path.home())


def _report(window: MainWindow, title: str, exc: Exception) -> None:
    QMessageBox.warning(window, title, str(exc))


def new_project(window: MainWindow) -> None:
    """A blank submission from the form's template, saved where the user picks or as a draft."""
    box = QMessageBox(window)
    box.setWindowTitle("New submission")
    box.setText("Where should the new submission be kept?")
    box.setInformativeText("It is saved continuously as you type. A draft can be moved later with Save As.")
    choose = box.addButton("Choose a &location…", QMessageBox.ButtonRole.AcceptRole)
    draft = box.addButton("Start a &draft", QMessageBox.ButtonRole.ActionRole)
    box.addButton(QMessageBox.StandardButton.Cancel)
    box.setDefaultButton(draft)
    box.exec()
    clicked = box.clickedButton()
    if clicked is draft:
        target = None
    elif clicked is choose:
        name, _ = QFileDialog.getSaveFileName(window, "New submission", _documents_dir(window), PROJECT_FILTER)
        if not name:
            return
        target = window.session.formats.project_path(name)
    else:
        return
    window.commit_pages()
    try:
        window.files.new(Submission(), target)
    except (TcdeskError, OSError) as exc:
        _report(window, "Cannot create the submission", exc)


def open_project(window: MainWindow) -> None:
    name, _ = QFileDialog.getOpenFileName(
        window,
        "Open",
        _documents_dir(window),
        f"{PROJECT_FILTER};;{INTERCHANGE_FILTER};;All files (*)",
    )
    if name:
        window.commit_pages()
        window.open_file(name)


def save_as(window: MainWindow) -> None:
    """Keep the submission somewhere else: a project file (editing continues there) or interchange JSON."""
    suggested = str(Path(_documents_dir(window)) / (window.files.path.name if window.files.path else f"Untitled{PROJECT.suffix}"))
    name, chosen = QFileDialog.getSaveFileName(window, "Save As", suggested, f"{PROJECT_FILTER};;{INTERCHANGE_FILTER}")
    if not name:
        return
    if chosen == INTERCHANGE_FILTER and window.session.formats.kind_of(name) is not Kind.INTERCHANGE:
        name += INTERCHANGE.suffix
    window.commit_pages()
    try:
        window.files.save_as(name)
    except (TcdeskError, OSError) as exc:
        _report(window, "Cannot save", exc)


def import_file(window: MainWindow, path: str | Path | None = None) -> bool:
    """Bring a Word, Excel, CSV, PDF or interchange file in as a new draft project."""
    if path is None:
        suffixes = window.session.formats.importable_suffixes()
        pattern = " ".join(f"*{s}" for s in suffixes)
        name, _ = QFileDialog.getOpenFileName(window, "Import", str(Path.home()), f"Importable files ({pattern});;All files (*)")
        if not name:
            return False
        path = name
    path = Path(path)
    window.commit_pages()
    try:
        if window.session.formats.kind_of(path) is Kind.INTERCHANGE:
            window.files.open(path)
            return True
        try:
            from tcdesk.ui.import_dialog import ImportDialog
        except ImportError:
            submission = window.session.load(path)
        else:
            dialog = ImportDialog(window.session, path, window)
            if dialog.exec() != QDialog.DialogCode.Accepted:
                return False
            if dialog.result_submission is None:
                return False
            submission = dialog.result_submission
        window.files.adopt(submission, path.stem, source=path)
    except (TcdeskError, OSError) as exc:
        _report(window, "Cannot import", exc)
        return False
    return True


def export(window: MainWindow, name: str, path: str | Path | None = None, confirm: bool = True) -> Path | None:
    """Export with the named exporter; warns (never refuses) while errors remain."""
    window.commit_pages()
    exporter = window.session.exporters()[name]
    errors = [f for f in window.checker.findings if f.severity is Severity.ERROR]
    if errors and confirm:
        answer = QMessageBox.warning(
            window,
            "Errors remain",
            f"The submission still has {len(errors)} error{'s' * (len(errors) != 1)} "
            f"(first: {errors[0].code} {errors[0].message}).\n\nExport anyway?",
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
            QMessageBox.StandardButton.No,
        )
        if answer != QMessageBox.StandardButton.Yes:
            return None
    if path is None:
        default = Path(_documents_dir(window)) / window.session.default_export_name(name, window.controller.submission())
        chosen, _ = QFileDialog.getSaveFileName(window, exporter.label, str(default), f"{exporter.label} (*{exporter.suffix})")
        if not chosen:
            return None
        path = chosen
    QGuiApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)
    try:
        target = window.session.export(name, path)
    except (TcdeskError, OSError) as exc:
        _report(window, "Export failed", exc)
        return None
    finally:
        QGuiApplication.restoreOverrideCursor()
    window.statusBar().showMessage(f"Exported {target.name}", 5000)
    return target
