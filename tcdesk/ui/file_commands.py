"""The File menu's dialogs: new, open, Save As, import and export."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, TypeVar

from PySide6.QtCore import Qt
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QDialog, QFileDialog, QMessageBox

from tcdesk.errors import TcdeskError
from tcdesk.formats import INTERCHANGE, PROJECT, Kind
from tcdesk.model import Submission
from tcdesk.rules.finding import Severity

_T = TypeVar("_T")

if TYPE_CHECKING:
    from tcdesk.errors import ProjectTooLargeError
    from tcdesk.session import Session
    from tcdesk.ui.main_window import MainWindow

__all__ = ["export", "import_file", "open_large_anyway", "open_project", "save_as", "start_renewal", "welcome"]

PROJECT_FILTER = PROJECT.file_filter()
INTERCHANGE_FILTER = INTERCHANGE.file_filter()
#: Choosing a submission to open or merge: a project, interchange JSON, or anything.
SUBMISSION_FILTERS = f"{PROJECT_FILTER};;{INTERCHANGE_FILTER};;All files (*)"


def _documents_dir(window: MainWindow) -> str:
    path = window.files.path
    if path is not None and not window.files.is_draft():
        return str(path.parent)
    return str(Path.home())


def _report(window: MainWindow, title: str, exc: Exception) -> None:
    QMessageBox.warning(window, title, str(exc))


def welcome(window: MainWindow) -> bool:
    """The welcome (first run, File → New): renew, open, a blank draft, the example or a recent file.

    :returns: whether a submission was opened.
    """
    from tcdesk.paths import example_submission
    from tcdesk.ui.welcome import Welcome

    dialog = Welcome(window.files.recent(), example_submission(), window)
    if dialog.exec() != QDialog.DialogCode.Accepted:
        return False
    window.commit_pages()
    if dialog.choice == Welcome.RENEW:
        return start_renewal(window)
    if dialog.choice == Welcome.OPEN:
        return open_project(window)
    if dialog.choice in (Welcome.RECENT, Welcome.EXAMPLE) and dialog.path is not None:
        if dialog.choice == Welcome.RECENT:
            return window.open_file(dialog.path)
        try:  # a copy: the shipped example itself never changes
            window.files.adopt(window.session.load(dialog.path), "Northmoor example", source=dialog.path)
        except (TcdeskError, OSError) as exc:
            _report(window, "Cannot open the example", exc)
            return False
        return True
    window.files.new(Submission(), None)
    return True


def start_renewal(window: MainWindow, path: str | Path | None = None) -> bool:
    """File → Start the next renewal from…: last cycle's file becomes a new draft to rate and write.

    An imported document shows the import preview first (sections, columns); a file without a new
    plan offers its previous plan instead.
    """
    from tcdesk.renewal import NoNewPlanError
    from tcdesk.session import Session

    if path is None:
        suffixes = [PROJECT.suffix, INTERCHANGE.suffix, *window.session.formats.importable_suffixes()]
        pattern = " ".join(f"*{s}" for s in dict.fromkeys(suffixes))
        name, _ = QFileDialog.getOpenFileName(
            window, "Start the next renewal from last cycle's submission", _documents_dir(window),
            f"Last cycle's submission ({pattern});;All files (*)",
        )
        if not name:
            return False
        path = name
    path = Path(path)
    options: dict[str, str] = {}
    if window.session.formats.kind_of(path) is Kind.IMPORT:
        from tcdesk.ui.import_dialog import ImportDialog

        dialog = ImportDialog(window.session, path, window)
        dialog.buttons.button(dialog.buttons.StandardButton.Ok).setText("Start the renewal")
        if dialog.exec() != QDialog.DialogCode.Accepted:
            return False
        options = dialog.options()
    window.flush()  # renewing from the open project reads its latest words from disk
    # A session of its own: the open project keeps its submission until the renewal replaces it.
    renewing = Session(pm=window.session.pm)
    try:
        try:
            asked = asking_if_large(window, renewing, lambda: renewing.renew(path, options=options))
            if asked is None:
                return False
            renewal = asked
        except NoNewPlanError as exc:
            answer = QMessageBox.question(
                window, "No new plan to rate",
                f"{path.name} {exc.message}.\n\nRate its previous plan again?",
                QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.Cancel,
                QMessageBox.StandardButton.Yes,
            )
            if answer != QMessageBox.StandardButton.Yes:
                return False
            renewal = renewing.renew(path, from_previous_plan=True, options=options)
        window.commit_pages()
        sub = renewal.submission
        name = " ".join(p for p in (sub.organisation or window.session.formats.stem(path), "renewal", sub.new_plan.period) if p)
        window.files.adopt(sub, name, source=path)
    except (TcdeskError, OSError) as exc:
        _report(window, "Cannot start the renewal", exc)
        return False
    window.statusBar().showMessage("; ".join(n for n in renewal.notes if not n.startswith("import: ")), 15000)
    return True


def open_project(window: MainWindow) -> bool:
    name, _ = QFileDialog.getOpenFileName(
        window,
        "Open",
        _documents_dir(window),
        SUBMISSION_FILTERS,
    )
    if not name:
        return False
    window.commit_pages()
    return window.open_file(name)


def open_large_anyway(window: MainWindow, exc: ProjectTooLargeError) -> bool:
    """Ask before opening a project larger than the limits (docs/limits.md#size); Cancel is the default.

    Such a project may be the user's own, written before the limits existed; or a file made to take
    the computer's memory. Only the user can tell, so the question says how large it is.
    """
    name = exc.path.name if exc.path is not None else "The project"
    box = QMessageBox(QMessageBox.Icon.Warning, "Open a large project?",
                      f"{name} is larger than tcdesk opens without asking.", parent=window)
    box.setObjectName("openLargeProject")
    box.setInformativeText(
        f"{exc.reason[:1].upper()}{exc.reason[1:]}.\n\n"
        "A project this large may come from a tcdesk without size limits. Open it only if you know where it "
        "comes from: a file made to be huge can take all of this computer's memory. Once open, it is "
        "saved as usual, whatever its size."
    )
    anyway = box.addButton("Open anyway", QMessageBox.ButtonRole.AcceptRole)
    cancel = box.addButton(QMessageBox.StandardButton.Cancel)
    box.setDefaultButton(cancel)
    box.setEscapeButton(cancel)
    box.exec()
    return box.clickedButton() is anyway


def asking_if_large(window: MainWindow, session: Session, call: Callable[[], _T]) -> _T | None:
    """``call()``, which reads a project through ``session``; when the project is over the size limits,
    ask (:func:`open_large_anyway`) and call again allowing it. ``None``: the user cancelled."""
    from tcdesk.errors import ProjectTooLargeError

    try:
        return call()
    except ProjectTooLargeError as exc:
        if not exc.overridable:
            raise
        if not open_large_anyway(window, exc):
            return None
    session.allow_large = True
    return call()


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
