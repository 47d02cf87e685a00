"""The main window: navigation beside the selected part, the findings dock, menus and status bar."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QByteArray, Qt, QTimer
from PySide6.QtGui import QCloseEvent
from PySide6.QtWidgets import QDockWidget, QLabel, QMainWindow, QSplitter, QStackedWidget, QWidget

from tcdesk.errors import TcdeskError
from tcdesk.rules.finding import Finding, Location, Severity
from tcdesk.session import Session
from tcdesk.ui import collaboration
from tcdesk.ui.background import Autosaver, Checker
from tcdesk.ui.document import DocumentController
from tcdesk.ui.findings_panel import FindingsPanel
from tcdesk.ui.focus_order import fields_in_reading_order, next_region, set_tab_chain
from tcdesk.ui.format_actions import FormatActions
from tcdesk.ui.menus import build_menus
from tcdesk.ui.navigation import Navigation
from tcdesk.ui.parts import count_by_part, part_for_location
from tcdesk.ui.project_files import ProjectFiles, settings
from tcdesk.ui.undo_router import UndoRouter

if TYPE_CHECKING:
    from tcdesk.ui.rule_help import RuleHelp
    from tcdesk.workspace import Conflict

__all__ = ["MainWindow"]

_STATE_TEXT = {"saved": "All changes saved", "saving": "Saving…", "error": "Not saved", "read-only": "Read-only"}


class MainWindow(QMainWindow):
    """Walks a lead through the whole submission; every change goes through :attr:`controller`.

    :param session: the session (plugins, rules) whose submission is shown.
    """

    def __init__(self, session: Session, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.session = session
        self.controller = DocumentController(session, self)
        self.files = ProjectFiles(self.controller, self)
        self.checker = Checker(self.controller, self)
        self.format_actions = FormatActions(self)
        self.format_actions.controller = self.controller
        self.findings: list[Finding] = []
        self._pages: dict[str, QWidget] = {}
        self._minimums: dict[str, int] | None = None
        self.rule_help: RuleHelp | None = None
        self._region_entry: QWidget | None = None

        self.navigation = Navigation(self)
        self.stack = QStackedWidget(self)
        self.stack.setAccessibleName("Selected part")
        self.splitter = QSplitter(Qt.Orientation.Horizontal, self)
        self.splitter.setObjectName("mainSplitter")
        self.splitter.addWidget(self.navigation)
        self.splitter.addWidget(self.stack)
        self.splitter.setStretchFactor(1, 1)
        self.splitter.setSizes([330, 870])
        self.setCentralWidget(self.splitter)

        self.findings_panel = FindingsPanel(self)
        self.findings_dock = QDockWidget("Findings", self)
        self.findings_dock.setObjectName("findingsDock")
        self.findings_dock.setWidget(self.findings_panel)
        self.addDockWidget(Qt.DockWidgetArea.BottomDockWidgetArea, self.findings_dock)

        self.findings_label = QLabel(self)
        self.findings_label.setAccessibleName("Error and warning counts")
        self.saved_label = QLabel(self)
        self.saved_label.setAccessibleName("Saved state")
        self.statusBar().addWidget(self.findings_label)
        self.statusBar().addPermanentWidget(self.saved_label)

        self.commands = build_menus(self)  # not ``actions``: that would hide QWidget.actions()
        self._undo_router = UndoRouter(self)
        self.navigation.part_selected.connect(self.show_part)
        self.controller.changed.connect(self._on_changed)
        self.controller.reset.connect(self._on_reset)
        self.controller.focus_requested.connect(self.focus_location)
        self.checker.findings_changed.connect(self._on_findings)
        self.findings_panel.activated.connect(lambda f: self.controller.request_focus(f.location))
        self.findings_panel.help_requested.connect(self.show_rule_help)
        self.files.path_changed.connect(self._on_path_changed)
        # Queued: the autosaver that found the conflict finishes before the dialog opens.
        self.files.conflict_detected.connect(lambda c: QTimer.singleShot(0, lambda: self._report_conflict(c)))
        self.files.lock_warning.connect(lambda text: collaboration.lock_warning(self, text))
        self._watched_saver: Autosaver | None = None
        self._layout_restored = False
        self._read_only = False
        # First start: most of the screen, so a plan's RAG and TALENT columns are in sight on a laptop;
        # later starts restore the user's own size.
        screen = self.screen().availableGeometry() if self.screen() is not None else None
        if screen is not None and screen.width() > 0:
            self.resize(min(1600, screen.width() * 9 // 10), min(1000, screen.height() * 9 // 10))
        else:
            self.resize(1200, 800)
        self._restore_settings()
        self.show_part("cover")
        self._on_reset()

    # --- pages -----------------------------------------------------------------------------------

    def page(self, key: str) -> QWidget:
        """The editor of one part, created the first time it is needed (keeps start-up quick)."""
        if key not in self._pages:
            widget = self._make_page(key)
            widget.setObjectName(f"page-{key}")
            self._pages[key] = widget
            self.stack.addWidget(widget)
            if self._read_only:
                collaboration.set_read_only(widget, True)
            # Reading order: parts list, then the part's fields, then the findings.
            QWidget.setTabOrder(self.navigation, widget)
            self._show_required(widget)
        return self._pages[key]

    def _show_required(self, page: QWidget) -> None:
        """Mark the plan cells the current findings say are required (a red action's explanation)."""
        show = getattr(page, "show_required", None)  # a plan page (the plan models load with the first)
        if show is not None:
            show(self.findings)

    def _make_page(self, key: str) -> QWidget:
        c = self.controller
        if key == "cover":
            from tcdesk.ui.cover_editor import CoverEditor

            return CoverEditor(c, self)
        if key == "signoff":
            from tcdesk.ui.signoff_editor import SignoffEditor

            return SignoffEditor(c, self)
        if key == "previous":
            from tcdesk.ui.previous_plan_editor import PreviousPlanEditor

            return PreviousPlanEditor(c, self)
        if key == "new":
            from tcdesk.ui.new_plan_editor import NewPlanEditor

            return NewPlanEditor(c, self)
        from tcdesk.ui.answer_editor import AnswerEditor

        number = key[1:]
        return AnswerEditor(c, number, self.format_actions, self.word_minimums().get(number), self)

    def show_part(self, key: str) -> None:
        self.stack.setCurrentWidget(self.page(key))
        if self.navigation.current_key() != key:
            self.navigation.select(key)
        self.update_tab_order()

    def update_tab_order(self) -> None:
        """Tab: parts list, then the shown part's fields as they read, then the findings."""
        page = self.stack.currentWidget()
        panel = self.findings_panel
        fields = fields_in_reading_order(page) if page is not None else []
        set_tab_chain([self.navigation, *fields, *fields_in_reading_order(panel)])
        self._region_entry = fields[0] if fields else None

    def move_to_region(self, step: int) -> None:
        """F6 / Shift+F6: parts list → shown part → findings, and round."""
        page = self.stack.currentWidget()
        target = next_region([w for w in (self.navigation, page, self.findings_panel) if w is not None], step)
        if target is page:
            entry = page.focusWidget() if page.focusWidget() is not None and page.isAncestorOf(page.focusWidget()) else self._region_entry
            (entry or page).setFocus(Qt.FocusReason.OtherFocusReason)
        elif target is self.findings_panel:
            self.findings_dock.show()
            self.findings_panel.view.setFocus(Qt.FocusReason.OtherFocusReason)
        else:
            target.setFocus(Qt.FocusReason.OtherFocusReason)

    def current_part(self) -> str:
        return self.navigation.current_key()

    def word_minimums(self) -> dict[str, int]:
        """The loaded rule packs' suggested minimum words per question."""
        if self._minimums is None:
            try:
                data = self.checker.rules_session.rule_set().data
            except TcdeskError:
                data = {}
            self._minimums = {str(k): int(v) for k, v in (data.get("word_minimums") or {}).items()}
        return self._minimums

    # --- findings --------------------------------------------------------------------------------

    def focus_location(self, location: Location) -> bool:
        """Show the part a finding points at and put the keyboard focus on its field, row or span."""
        key = part_for_location(location)
        self.show_part(key)
        page = self.page(key)
        focus = getattr(page, "focus_location", None)
        return bool(focus(location)) if focus else False

    def _report_conflict(self, conflict: Conflict) -> None:
        from tcdesk.ui.merging import report_conflict

        report_conflict(self, conflict)

    def show_rule_help(self, code: str) -> None:
        if self.rule_help is None:
            from tcdesk.ui.rule_help import RuleHelp

            self.rule_help = RuleHelp(self.checker.rules_session, self)
        self.rule_help.show_rule(code)

    def show_help_for_current_finding(self) -> None:
        self.findings_panel.show_help_for_current()

    def _on_findings(self, findings: list[Finding]) -> None:
        self.findings = findings
        self.findings_panel.set_findings(findings, self.controller.submission())
        for page in self._pages.values():
            self._show_required(page)
        self.navigation.update_counts(count_by_part(findings))
        errors = sum(f.severity is Severity.ERROR for f in findings)
        warnings = sum(f.severity is Severity.WARNING for f in findings)
        self.findings_label.setText(f"{errors} error{'s' * (errors != 1)}, {warnings} warning{'s' * (warnings != 1)}")

    # --- model notifications ---------------------------------------------------------------------

    def _on_changed(self, prefix: tuple) -> None:
        self.navigation.update_completion(self.controller.submission())
        if prefix[:1] in (("leads",), ()):
            QTimer.singleShot(0, self.update_tab_order)  # lead rows came or went on the cover

    def _on_reset(self) -> None:
        self.navigation.update_completion(self.controller.submission())
        self._update_title()

    def _on_path_changed(self, _path: Path) -> None:
        saver = self.files.autosaver
        if saver is not None and saver is not self._watched_saver:
            saver.state_changed.connect(self._on_save_state)
            self._watched_saver = saver
        self._on_save_state(saver.state if saver is not None else "read-only")
        self._set_read_only(self.files.is_read_only())
        self._update_title()
        self.commands.refresh_recent()

    def _set_read_only(self, read_only: bool) -> None:
        """A project someone else is editing: every edit control off; checking and export stay."""
        if read_only == self._read_only:
            return
        self._read_only = self.controller.read_only = read_only
        if read_only:
            for page in self._pages.values():
                collaboration.set_read_only(page, True)
        else:  # editable again (Save As): fresh pages rather than guessing each control's old state
            current = self.current_part()
            for page in self._pages.values():
                self.stack.removeWidget(page)
                page.deleteLater()
            self._pages.clear()
            self.show_part(current or "cover")
        for action in self.commands.editing_actions():
            action.setEnabled(not read_only)

    def _on_save_state(self, state: str) -> None:
        saver = self.files.autosaver
        text = _STATE_TEXT.get(state, state)
        if state == "error" and saver is not None and saver.error:
            text = saver.error
        where = ""
        if self.files.path is not None:
            where = f" · {self.files.path.name}" + (" (draft)" if self.files.is_draft() else "")
        self.saved_label.setText(text + where)

    def _update_title(self) -> None:
        sub = self.controller.submission()
        name = self.files.path.name if self.files.path else "Untitled"
        org = f" — {sub.organisation}" if sub.organisation else ""
        # Read-only: the title ends so, and the system adds " — tcdesk" after it (Qt appends the
        # application's display name to titles that do not already end with it).
        self.setWindowTitle(f"{name}{org} (read-only)" if self.files.is_read_only() else f"{name}{org} — tcdesk")

    # --- opening files (menus call these; tests call them directly) ------------------------------

    def open_file(self, path: str | Path, *, allow_large: bool = False) -> bool:
        """Open ``path``; a bad file is reported in a message box, the current one stays open.

        A project larger than the limits opens only when the user says so, in a question saying how
        large it is (or with ``allow_large``: ``tcdesk open --allow-large``).
        """
        from tcdesk.errors import ProjectTooLargeError

        try:
            return collaboration.open_project_file(self, path, allow_large=allow_large)
        except (TcdeskError, OSError) as exc:
            if isinstance(exc, ProjectTooLargeError) and exc.overridable:
                from tcdesk.ui import file_commands

                return file_commands.open_large_anyway(self, exc) and self.open_file(path, allow_large=True)
            from PySide6.QtWidgets import QMessageBox

            QMessageBox.warning(self, "Cannot open file", str(exc))
            return False

    def open_startup(self, argv_path: str | None, *, allow_large: bool = False) -> None:
        """The file given on the command line, else the most recent one, else a new draft.

        :param allow_large: open the file given whatever its size (``tcdesk open --allow-large``).
        """
        if argv_path and self.open_file(argv_path, allow_large=allow_large):
            return
        recent = self.files.recent()
        if recent and not argv_path and self.open_file(recent[0]):
            return
        from tcdesk.model import Submission
        from tcdesk.ui import file_commands

        # First run: the welcome says where to begin; closing it leaves a blank draft.
        if argv_path or recent or not file_commands.welcome(self):
            self.files.new(Submission(), None)

    # --- settings and closing --------------------------------------------------------------------

    def showEvent(self, event) -> None:  # noqa: N802 - Qt's name
        super().showEvent(event)
        if not self._layout_restored:
            self._layout_restored = True
            # First run: the editor gets most of the height, the findings about a quarter.
            QTimer.singleShot(0, self._size_findings_dock)

    def _size_findings_dock(self) -> None:
        self.resizeDocks([self.findings_dock], [max(160, self.height() // 4)], Qt.Orientation.Vertical)

    def _restore_settings(self) -> None:
        s = settings()
        geometry = s.value("window/geometry")
        if isinstance(geometry, QByteArray):
            self.restoreGeometry(geometry)
        state = s.value("window/state")
        self._layout_restored = isinstance(state, QByteArray) and self.restoreState(state)
        splitter = s.value("window/splitter")
        if isinstance(splitter, QByteArray):
            self.splitter.restoreState(splitter)

    def save_settings(self) -> None:
        s = settings()
        s.setValue("window/geometry", self.saveGeometry())
        s.setValue("window/state", self.saveState())
        s.setValue("window/splitter", self.splitter.saveState())
        s.sync()

    def commit_pages(self) -> None:
        """Hand typing still waiting in an editor to the model."""
        for page in self._pages.values():
            commit = getattr(page, "commit", None)
            if commit is not None:
                commit()

    def flush(self) -> None:
        """Commit pending typing and write everything to disk now; if the file cannot be written, say
        so and offer Save As (the changes stay in the window until they are written somewhere)."""
        self.commit_pages()
        if self.files.autosaver is None:
            return
        try:
            self.files.autosaver.flush()
        except (TcdeskError, OSError) as exc:
            from PySide6.QtWidgets import QMessageBox

            answer = QMessageBox.critical(
                self, "Cannot save", f"{exc}\n\nYour changes are not saved. Save them in another file?",
                QMessageBox.StandardButton.Save | QMessageBox.StandardButton.Cancel,
            )
            if answer == QMessageBox.StandardButton.Save:
                self.commands.save_as.trigger()

    def closeEvent(self, event: QCloseEvent) -> None:  # noqa: N802 - Qt's name
        try:
            self.commit_pages()
            self.files.save_all()
            # The last save found the file changed on disk and wrote the work to a conflicted copy:
            # the window stays until the user has read where their words are.
            conflict = self.files.untold_conflict()
            if conflict is not None:
                from tcdesk.ui.merging import quit_after_conflict

                if not quit_after_conflict(self, conflict):
                    event.ignore()
                    return
                self.commit_pages()
            self.files.close()
        except (TcdeskError, OSError) as exc:
            # Never close on unsaved work without saying so.
            from PySide6.QtWidgets import QMessageBox

            answer = QMessageBox.critical(
                self,
                "Changes not saved",
                f"{exc}\n\nClose anyway and lose the latest changes?",
                QMessageBox.StandardButton.Close | QMessageBox.StandardButton.Cancel,
            )
            if answer != QMessageBox.StandardButton.Close:
                event.ignore()
                return
        self.save_settings()
        self._undo_router.detach()
        if self.rule_help is not None:
            self.rule_help.close()
        self.checker.close()  # a check still running must not outlive the window
        event.accept()
