"""The menu bar: every command of the window, each with a shortcut."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QApplication, QMenu

from tcdesk import __version__
from tcdesk.editing import edit_prefix
from tcdesk.ui.parts import part_for_path

if TYPE_CHECKING:
    from tcdesk.ui.main_window import MainWindow

__all__ = ["WindowActions", "build_menus"]

Std = QKeySequence.StandardKey

# Used where the platform defines no binding for a standard key (Windows has no Save As or Quit).
_FALLBACK = {
    Std.New: "Ctrl+N", Std.Open: "Ctrl+O", Std.Save: "Ctrl+S", Std.SaveAs: "Ctrl+Shift+S", Std.Quit: "Ctrl+Q",
    Std.Undo: "Ctrl+Z", Std.Redo: "Ctrl+Shift+Z", Std.Cut: "Ctrl+X", Std.Copy: "Ctrl+C", Std.Paste: "Ctrl+V",
    Std.SelectAll: "Ctrl+A", Std.HelpContents: "F1",
}


def key_bindings(shortcut: QKeySequence.StandardKey | str) -> list[QKeySequence]:
    if isinstance(shortcut, QKeySequence.StandardKey):
        return QKeySequence.keyBindings(shortcut) or [QKeySequence(_FALLBACK[shortcut])]
    return [QKeySequence(shortcut)]


class WindowActions(QObject):
    """The window's actions, grouped by menu; tests trigger them like a user would."""

    about: QAction
    check: QAction
    copy: QAction
    cut: QAction
    findings: QAction
    go_findings: QAction
    go_navigation: QAction
    import_: QAction
    merge: QAction
    new: QAction
    next_part: QAction
    next_region: QAction
    open: QAction
    paste: QAction
    previous_part: QAction
    previous_region: QAction
    quit: QAction
    redo: QAction
    renew: QAction
    rule_help: QAction
    save: QAction
    save_as: QAction
    select_all: QAction
    undo: QAction

    def __init__(self, window: MainWindow) -> None:
        super().__init__(window)
        self.window = window
        self.recent_menu: QMenu | None = None
        self.export_actions: dict[str, QAction] = {}

    def make(self, text: str, shortcut: QKeySequence.StandardKey | str, slot: Callable[[], object], tip: str = "") -> QAction:
        action = QAction(text, self.window)
        action.setShortcuts(key_bindings(shortcut))
        action.setShortcutContext(Qt.ShortcutContext.WindowShortcut)
        action.setToolTip(tip or text.replace("&", "").rstrip("…"))
        action.triggered.connect(lambda _checked=False: slot())
        self.window.addAction(action)  # shortcuts work even while the menu bar is hidden
        return action

    def editing_actions(self) -> list[QAction]:
        """The actions that change the submission, off while it is open read-only."""
        return [self.save, self.merge, self.undo, self.redo, self.cut, self.paste, *self.window.format_actions.actions]

    def refresh_recent(self) -> None:
        menu = self.recent_menu
        if menu is None:
            return
        menu.clear()
        recent = self.window.files.recent()
        for n, path in enumerate(recent, start=1):
            action = menu.addAction(f"&{n % 10} {path.name}" if n <= 10 else path.name)
            action.setToolTip(str(path))
            if n <= 9:
                action.setShortcut(QKeySequence(f"Ctrl+Alt+{n}"))
            action.triggered.connect(lambda _=False, p=path: self.window.open_file(p))
        if not recent:
            empty = menu.addAction("No recent files")
            empty.setEnabled(False)
        menu.addSeparator()
        clear = menu.addAction("&Clear list")
        clear.triggered.connect(self.window.files.clear_recent)
        clear.setEnabled(bool(recent))


def _on_first_use(module: str, name: str, *args: object) -> Callable[[], object]:
    """``module.name(*args)``, the module loaded when the command is first used: the File commands'
    and merging's dialogs are not needed to show the window."""

    def run() -> object:
        from importlib import import_module

        return getattr(import_module(module), name)(*args)

    return run


def _file_command(name: str, *args: object) -> Callable[[], object]:
    return _on_first_use("tcdesk.ui.file_commands", name, *args)


def _focused(method: str):
    def run() -> None:
        widget = QApplication.focusWidget()
        if widget is not None and hasattr(widget, method):
            getattr(widget, method)()

    return run


def build_menus(window: MainWindow) -> WindowActions:
    """Fill the window's menu bar and return its actions."""
    a = WindowActions(window)
    bar = window.menuBar()

    file = bar.addMenu("&File")
    a.new = a.make("&New…", Std.New, _file_command("welcome", window),
                   "Start a renewal from last cycle, a blank draft, the example, or open a file")
    a.open = a.make("&Open…", Std.Open, _file_command("open_project", window))
    a.renew = a.make("Start the next &renewal from…", "Ctrl+Shift+N", _file_command("start_renewal", window),
                     "Last cycle's submission: its new plan becomes the plan to rate")
    file.addActions([a.new, a.open, a.renew])
    a.recent_menu = file.addMenu("Open &Recent")
    window.files.recent_changed.connect(a.refresh_recent)
    a.refresh_recent()
    a.save_as = a.make("Save &As…", Std.SaveAs, _file_command("save_as", window))
    a.save = a.make("&Save", Std.Save, window.flush, "Everything is saved as you type; this writes it out now")
    file.addActions([a.save, a.save_as])
    file.addSeparator()
    a.import_ = a.make("&Import…", "Ctrl+Shift+I", _file_command("import_file", window))
    a.merge = a.make("&Merge a contribution…", "Ctrl+Shift+M", _on_first_use("tcdesk.ui.merging", "merge_contribution", window),
                     "Bring a colleague's version in: changes on one side are taken, conflicts are yours to settle")
    file.addActions([a.import_, a.merge])
    export = file.addMenu("&Export")
    shortcuts = iter(("Ctrl+E", "Ctrl+Shift+E", "Ctrl+Alt+E", "Ctrl+Alt+Shift+E"))
    exporters = window.session.exporters()
    order = sorted(exporters, key=lambda n: ({"pdf": 0, "docx": 1, "html": 2}.get(n, 3), n))
    for name in order:
        exporter = exporters[name]
        action = a.make(f"{exporter.label}…", next(shortcuts, ""), _file_command("export", window, name))
        action.setObjectName(f"export-{name}")
        export.addAction(action)
        a.export_actions[name] = action
    file.addSeparator()
    a.quit = a.make("&Quit", Std.Quit, window.close)
    file.addAction(a.quit)

    edit = bar.addMenu("&Edit")
    stack = window.controller.undo_stack
    a.undo = a.make("&Undo", Std.Undo, lambda: _undo(window, redo=False))
    redo_keys = key_bindings(Std.Redo)
    if QKeySequence("Ctrl+Y") not in redo_keys:
        redo_keys.append(QKeySequence("Ctrl+Y"))
    a.redo = a.make("&Redo", Std.Redo, lambda: _undo(window, redo=True))
    a.redo.setShortcuts(redo_keys)
    a.undo.setEnabled(False)
    a.redo.setEnabled(False)
    stack.canUndoChanged.connect(a.undo.setEnabled)
    stack.canRedoChanged.connect(a.redo.setEnabled)
    stack.undoTextChanged.connect(lambda t: a.undo.setText(f"&Undo {t}".strip()))
    stack.redoTextChanged.connect(lambda t: a.redo.setText(f"&Redo {t}".strip()))
    edit.addActions([a.undo, a.redo])
    edit.addSeparator()
    a.cut = a.make("Cu&t", Std.Cut, _focused("cut"))
    a.copy = a.make("&Copy", Std.Copy, _focused("copy"))
    a.paste = a.make("&Paste", Std.Paste, _focused("paste"))
    a.select_all = a.make("Select &All", Std.SelectAll, _focused("selectAll"))
    edit.addActions([a.cut, a.copy, a.paste, a.select_all])

    fmt = bar.addMenu("F&ormat")
    fmt.addActions(window.format_actions.actions)

    view = bar.addMenu("&View")
    a.findings = window.findings_dock.toggleViewAction()
    a.findings.setText("&Findings")
    a.findings.setShortcut(QKeySequence("F8"))
    view.addAction(a.findings)
    a.next_part = a.make("&Next part", "Ctrl+PgDown", lambda: _step_part(window, 1))
    a.previous_part = a.make("&Previous part", "Ctrl+PgUp", lambda: _step_part(window, -1))
    a.go_navigation = a.make("Go to &parts list", "Alt+1", window.navigation.setFocus)
    a.go_findings = a.make("Go to f&indings", "Alt+2", lambda: _focus_findings(window))
    a.next_region = a.make("Next &region", "F6", lambda: window.move_to_region(1), "Parts list, the shown part, findings")
    a.previous_region = a.make("Previous re&gion", "Shift+F6", lambda: window.move_to_region(-1))
    a.check = a.make("&Check now", "F5", window.checker.check_now)
    view.addActions([a.next_part, a.previous_part, a.go_navigation, a.go_findings, a.next_region, a.previous_region, a.check])

    helpm = bar.addMenu("&Help")
    a.rule_help = a.make("&Rule documentation…", Std.HelpContents, lambda: _rule_help(window))
    a.about = a.make("&About tcdesk", "Ctrl+F1", lambda: _about(window))
    helpm.addActions([a.rule_help, a.about])
    return a


def _undo(window: MainWindow, *, redo: bool) -> None:
    # Typing still waiting in an answer box must become a step of its own before stepping back.
    window.commit_pages()
    window.controller.break_merge()
    stack = window.controller.undo_stack
    command = stack.command(stack.index() if redo else stack.index() - 1)
    if redo:
        stack.redo()
    else:
        stack.undo()
    # The change being undone may be in another part: show it, so the user sees what changed.
    edit = getattr(command, "edit", None)
    part = part_for_path(edit_prefix(edit)) if edit is not None else None
    if part is not None and part != window.current_part():
        window.show_part(part)


def _step_part(window: MainWindow, step: int) -> None:
    nav = window.navigation
    nav.setCurrentRow((nav.currentRow() + step) % nav.count())


def _focus_findings(window: MainWindow) -> None:
    window.findings_dock.show()
    window.findings_dock.raise_()
    window.findings_panel.view.setFocus()


def _rule_help(window: MainWindow) -> None:
    """F1: the rule of the selected finding, or a rule chosen from the list."""
    finding = window.findings_panel.current_finding()
    if finding is not None:
        window.show_rule_help(finding.code)
        return
    rules = window.session.rules()
    items = [f"{r.code} {r.name}" for r in rules]
    from PySide6.QtWidgets import QInputDialog

    choice, ok = QInputDialog.getItem(window, "Rule documentation", "Rule:", items, 0, False)
    if ok and choice:
        window.show_rule_help(choice.split(" ", 1)[0])


def _about(window: MainWindow) -> None:
    from PySide6.QtWidgets import QMessageBox

    QMessageBox.about(
        window,
        "About tcdesk",
        f"<h3>tcdesk {__version__}</h3><p>Draft, check and export Technician Commitment renewal "
        "self-assessments and 36-month action plans.</p><p>Everything stays on this computer.</p>",
    )
