"""The plan table view: keyboard editing, row commands (add, delete, move, re-pillar, renumber), focusing."""

from __future__ import annotations

import time
from collections.abc import Sequence

import shiboken6
from PySide6.QtCore import QModelIndex, QPoint, Qt, QTimer
from PySide6.QtGui import QAction, QContextMenuEvent, QKeyEvent, QKeySequence
from PySide6.QtWidgets import QAbstractItemView, QHeaderView, QMenu, QTableView, QWidget

from tcdesk import planning
from tcdesk.editing import Compound, Edit, RemoveAction
from tcdesk.model import Pillar
from tcdesk.ui.plan_delegates import PlanDelegate
from tcdesk.ui.plan_models import COLUMN_WIDTHS, PlanModel

#: The narrowest a text column is made to keep the whole table in view.
MIN_TEXT_WIDTH = 110

__all__ = ["PlanTable"]


class PlanTable(QTableView):
    """A plan's actions grouped by pillar; every change goes through the model to the controller.

    Commands are ``QAction`` attributes (``add``, ``delete``, ``move_up``, ``move_down``,
    ``renumber`` and ``move_to`` per pillar) so editors can show them in toolbars and menus.
    """

    def __init__(self, model: PlanModel, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._model = model
        self.setModel(model)
        self.delegate = PlanDelegate(model, self)
        self.setItemDelegate(self.delegate)
        self._editor: QWidget | None = None
        self.delegate.editor_opened.connect(self._on_editor_opened)
        plan_name = "previous plan" if model.plan == "previous" else "new plan"
        self.setAccessibleName(f"Actions of the {plan_name}")
        self.setWordWrap(True)
        self.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectItems)
        self.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.setEditTriggers(
            QAbstractItemView.EditTrigger.DoubleClicked
            | QAbstractItemView.EditTrigger.EditKeyPressed
            | QAbstractItemView.EditTrigger.AnyKeyPressed
        )
        self.setVerticalScrollMode(QAbstractItemView.ScrollMode.ScrollPerPixel)
        self.setHorizontalScrollMode(QAbstractItemView.ScrollMode.ScrollPerPixel)
        self.verticalHeader().hide()
        header = self.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setDefaultAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
        for i, column in enumerate(model.columns):
            self.setColumnWidth(i, COLUMN_WIDTHS[column.name])
        self._heights = QTimer(self, singleShot=True, interval=60)
        self._heights.timeout.connect(self.fit_rows)
        # Rows below the view still to be fitted, the last to do first; fitted a few ms at a time.
        self._unfitted: list[int] = []
        self._fit_more = QTimer(self, singleShot=True, interval=0)
        self._fit_more.timeout.connect(self._fit_some)
        self.verticalScrollBar().valueChanged.connect(self._on_scrolled)
        header.sectionResized.connect(self._on_section_resized)
        self._restore: tuple[object, int, int] | None = None
        self._fitting = False
        self._user_sized = False
        model.modelAboutToBeReset.connect(self._on_about_to_reset)
        model.modelReset.connect(self._on_reset)
        model.dataChanged.connect(self._on_data_changed)
        self._make_actions()
        self._on_reset()

    # --- commands ------------------------------------------------------------------------------

    def _action(self, text: str, slot, shortcut: QKeySequence | str | None = None, tip: str = "") -> QAction:
        action = QAction(text, self)
        if shortcut is not None:
            action.setShortcut(QKeySequence(shortcut))
            # Only while the table itself has focus: an open cell editor keeps Delete and Insert.
            action.setShortcutContext(Qt.ShortcutContext.WidgetShortcut)
        action.setToolTip(f"{tip or text} ({QKeySequence(shortcut).toString()})" if shortcut else tip or text)
        action.triggered.connect(slot)
        self.addAction(action)
        return action

    def _make_actions(self) -> None:
        self.add = self._action("Add action", lambda _=False: self.add_action(self.current_pillar(), edit=True),
                                QKeySequence(Qt.Key.Key_Insert), "Add an action to the current pillar")
        self.delete = self._action("Delete action", self.delete_selected, QKeySequence(Qt.Key.Key_Delete),
                                   "Delete the selected actions (undo brings them back)")
        self.move_up = self._action("Move up", lambda _=False: self.move_selected(-1), "Ctrl+Shift+Up", "Move the action up in its pillar")
        self.move_down = self._action("Move down", lambda _=False: self.move_selected(+1), "Ctrl+Shift+Down",
                                      "Move the action down in its pillar")
        self.renumber = self._action("Renumber refs", self.renumber_refs, None,
                                     "Renumber every ref per pillar: V01, V02 … R01 … C01 … S01 …")
        self.add_in: dict[Pillar, QAction] = {}
        self.move_to: dict[Pillar, QAction] = {}
        for pillar in Pillar:
            self.add_in[pillar] = self._action(f"Add action in {pillar.label}", lambda _=False, p=pillar: self.add_action(p, edit=True))
            self.move_to[pillar] = self._action(f"Move to {pillar.label}", lambda _=False, p=pillar: self.move_selected_to(p))

    def add_action(self, pillar: Pillar | None, *, edit: bool = False) -> int:
        """Add an empty action at the end of ``pillar`` with the next free ref; returns its plan index."""
        change = planning.add_action(self._model.controller.submission(), self._model.plan, pillar)
        self._model.controller.push(change)
        self.focus_cell(change.index, "action", edit=edit)
        return change.index

    def delete_selected(self) -> None:
        indices = self.selected_plan_indices()
        if not indices:
            return
        edits: list[Edit] = [RemoveAction(self._model.plan, i) for i in sorted(indices, reverse=True)]
        n = len(edits)
        self._model.controller.push(Compound(edits, description=f"Delete {n} action{'s' if n != 1 else ''}"))
        remaining = len(self._model.actions())
        if remaining:
            self.focus_cell(min(min(indices), remaining - 1), None)

    def move_selected(self, step: int) -> None:
        i = self.current_plan_index()
        if i is None:
            return
        change = planning.move_within_pillar(self._model.controller.submission(), self._model.plan, i, step)
        if change is not None:
            column = self.currentIndex().column()
            self._model.controller.push(change)
            self.focus_cell(change.target, self._model.columns[column].name, edit=False)

    def move_selected_to(self, pillar: Pillar) -> None:
        i = self.current_plan_index()
        if i is None:
            return
        change = planning.move_to_pillar(self._model.controller.submission(), self._model.plan, i, pillar)
        if change is not None:
            self._model.controller.push(change)
            moves = [e for e in change.edits if hasattr(e, "target")]
            self.focus_cell(moves[-1].target if moves else i, None)

    def renumber_refs(self) -> None:
        change = planning.renumber_refs(self._model.controller.submission(), self._model.plan)
        if change.edits:
            self._model.controller.push(change)

    # --- where the user is ---------------------------------------------------------------------

    def current_plan_index(self) -> int | None:
        index = self.currentIndex()
        return self._model.plan_index(index.row()) if index.isValid() else None

    def current_pillar(self) -> Pillar | None:
        index = self.currentIndex()
        pillar = self._model.pillar_of_row(index.row()) if index.isValid() else None
        return pillar or Pillar.VISIBILITY

    def selected_plan_indices(self) -> list[int]:
        rows = {i.row() for i in self.selectionModel().selectedIndexes()} or {self.currentIndex().row()}
        return sorted(i for i in map(self._model.plan_index, rows) if i is not None)

    def focus_cell(self, plan_index: int, field: str | None, *, edit: bool = True) -> bool:
        """Select an action's cell and open its editor (select only the Action cell when ``field`` is None).

        :returns: False when the plan has no action at ``plan_index``.
        """
        row = self._model.row_of(plan_index)
        if row is None:
            return False
        column = self._model.column_of(field) if field else None
        if column is None:
            column, edit = self._model.column_of("action") or 0, False
        index = self._model.index(row, column)
        self.setCurrentIndex(index)
        # An editor opens taller than its cell: a centred row leaves it room below.
        hint = QAbstractItemView.ScrollHint.PositionAtCenter if edit else QAbstractItemView.ScrollHint.EnsureVisible
        self.scrollTo(index, hint)
        self.setFocus(Qt.FocusReason.OtherFocusReason)
        if edit:
            self.edit(index)
        return True

    def active_editor(self) -> QWidget | None:
        """The cell editor open right now, if any."""
        editor = self._editor
        return editor if editor is not None and shiboken6.isValid(editor) and editor.isVisible() else None

    # --- events --------------------------------------------------------------------------------

    def keyPressEvent(self, event: QKeyEvent) -> None:  # noqa: N802 - Qt's name
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter) and self.state() != QAbstractItemView.State.EditingState:
            if self.currentIndex().isValid() and self.edit(self.currentIndex(), QAbstractItemView.EditTrigger.EditKeyPressed, event):
                return
        super().keyPressEvent(event)

    def contextMenuEvent(self, event: QContextMenuEvent) -> None:  # noqa: N802 - Qt's name
        if event.reason() == QContextMenuEvent.Reason.Keyboard:
            self.context_menu().exec(self.popup_position())
            return
        index = self.indexAt(event.pos())
        if index.isValid():
            if self._model.is_section(index.row()):
                self.setCurrentIndex(self._model.index(index.row() + 1, 0) if self._model.plan_index(index.row() + 1) is not None else index)
            elif not self.selectionModel().isSelected(index):
                self.setCurrentIndex(index)
        self.context_menu(index).exec(event.globalPos())

    def context_menu(self, index: QModelIndex | None = None) -> QMenu:
        """The row commands for the cell at ``index`` (the current cell when omitted)."""
        index = index if index is not None else self.currentIndex()
        menu = QMenu(self)
        pillar = self._model.pillar_of_row(index.row()) if index.isValid() else None
        on_action = index.isValid() and not self._model.is_section(index.row())
        menu.addAction(self.add_in[pillar] if pillar is not None else self.add)
        add_menu = menu.addMenu("Add action in")
        add_menu.addActions(list(self.add_in.values()))
        if on_action:
            menu.addSeparator()
            menu.addAction(self.delete)
            menu.addAction(self.move_up)
            menu.addAction(self.move_down)
            move_menu = menu.addMenu("Move to pillar")
            for p, action in self.move_to.items():
                action.setEnabled(p != pillar)
                move_menu.addAction(action)
        menu.addSeparator()
        menu.addAction(self.renumber)
        return menu

    def resizeEvent(self, event) -> None:  # noqa: N802 - Qt's name
        super().resizeEvent(event)
        self._fit_columns()

    def _fit_columns(self) -> None:
        """Fit the columns to the view: text columns share the spare width, or give some up.

        On a laptop screen every column (RAG and TALENT at the end too) stays in sight without
        scrolling sideways; text columns narrow down to :data:`MIN_TEXT_WIDTH` at most. Stops once
        the user has sized a column by hand: their widths win.
        """
        if self._user_sized:
            return
        natural = sum(COLUMN_WIDTHS[c.name] for c in self._model.columns)
        spare = self.viewport().width() - natural
        texts = {i: COLUMN_WIDTHS[c.name] for i, c in enumerate(self._model.columns) if c.type == "multiline"}
        weight = sum(texts.values())
        widths = {i: max(MIN_TEXT_WIDTH, w + spare * w // weight) for i, w in texts.items()}
        # Columns held at the minimum leave their share to the others; rounding leaves a pixel or two.
        over = natural - weight + sum(widths.values()) - self.viewport().width()
        while over > 0 and (wide := [i for i, w in widths.items() if w > MIN_TEXT_WIDTH]):
            for i in wide:
                cut = min(widths[i] - MIN_TEXT_WIDTH, -(-over // len(wide)), over)
                widths[i] -= cut
                over -= cut
        self._fitting = True
        try:
            for i, w in widths.items():
                self.setColumnWidth(i, w)
        finally:
            self._fitting = False

    def _on_editor_opened(self, editor: QWidget) -> None:
        self._editor = editor

    def _on_about_to_reset(self) -> None:
        # The action itself is remembered: an edit that moved it (a new pillar, undo of a move) gave
        # its plan index to another action, and Tab must go on in this one's row.
        index = self.currentIndex()
        i = self._model.plan_index(index.row()) if index.isValid() else None
        self._restore = (self._model.action_shown(index.row()), i, index.column()) if i is not None else None

    def _on_section_resized(self, *_: int) -> None:
        if not self._fitting and self.horizontalHeader().underMouse():
            self._user_sized = True
        # Hidden tables wait for their first show, when the columns have their real widths.
        if self.isVisible():
            self._heights.start()

    def showEvent(self, event) -> None:  # noqa: N802 - Qt's name
        super().showEvent(event)
        self._fit_columns()
        # Before the first paint, so rows never visibly jump to their heights.
        self._heights.stop()
        self.fit_rows()

    def _on_reset(self) -> None:
        self.clearSpans()
        for row in self._model.section_rows():
            self.setSpan(row, 0, 1, self._model.columnCount())
        if self.isVisible():
            self.fit_rows()
        if self._restore is not None:
            action, i, column = self._restore
            self._restore = None
            restored = self._model.row_showing(action)
            restored = self._model.row_of(i) if restored is None else restored
            if restored is not None:
                self.setCurrentIndex(self._model.index(restored, column))

    def _on_data_changed(self, top_left: QModelIndex, bottom_right: QModelIndex, roles: Sequence[int] = ()) -> None:
        self.fit_rows(range(top_left.row(), bottom_right.row() + 1))

    def fit_rows(self, rows: range | None = None) -> None:
        """Give each row the height its wrapped text needs (up to a cap), from cached measurements.

        Without ``rows``, every row: those down to the bottom of the view at once, the ones below
        it from the event loop a few milliseconds at a time (measuring wrapped text is what costs),
        so a plan of hundreds of actions shows at once and typing never waits for it.
        """
        if rows is not None:
            self._fit(rows)
            return
        count = self._model.rowCount()
        shown = self._last_row_in_view(count)
        self._fit(range(shown))
        self._unfitted = list(range(count - 1, shown - 1, -1))
        if self._unfitted:
            self._fit_more.start()

    def _last_row_in_view(self, count: int) -> int:
        """One past the last row that can be in view, however short the rows not yet fitted are."""
        bottom = self.rowAt(self.viewport().height() - 1)
        return count if bottom < 0 else min(count, bottom + 1 + self.viewport().height() // max(1, self.fontMetrics().lineSpacing()))

    def _fit_some(self, budget: float = 0.008) -> None:
        started = time.perf_counter()
        while self._unfitted and time.perf_counter() - started < budget:
            row = self._unfitted.pop()
            if row < self._model.rowCount():
                self._fit(range(row, row + 1))
        if self._unfitted:
            self._fit_more.start()

    def _on_scrolled(self, value: int) -> None:
        # Scrolled ahead of the fitting: every row down to the bottom of the view is fitted before
        # it paints (rows above included, so positions are right); a jump to the end stays there.
        bar = self.verticalScrollBar()
        at_end = value >= bar.maximum()
        while self._unfitted:
            shown = self._last_row_in_view(self._model.rowCount())
            todo = [r for r in self._unfitted if r < shown]
            if not todo:
                break
            self._unfitted = [r for r in self._unfitted if r >= shown]
            for row in reversed(todo):
                self._fit(range(row, row + 1))
            if at_end:
                self.updateGeometries()  # the scroll range, now, not on the next turn of the event loop
                bar.blockSignals(True)
                bar.setValue(bar.maximum())
                bar.blockSignals(False)

    def _fit(self, rows: range) -> None:
        model = self._model
        metrics = self.fontMetrics()
        single = metrics.lineSpacing() + 10
        texts = [(i, c.name) for i, c in enumerate(model.columns) if c.type == "multiline"]
        widths = [self.columnWidth(i) for i, _ in texts]
        actions = model.actions()
        header = self.verticalHeader()
        for row in rows:
            i = model.plan_index(row)
            height = single + 6 if i is None else max(
                [single] + [self.delegate.text_height(getattr(actions[i], f), w, metrics) for (_, f), w in zip(texts, widths, strict=True)]
            )
            if header.sectionSize(row) != height:
                self.setRowHeight(row, height)

    def popup_position(self) -> QPoint:
        """Where a keyboard-opened context menu appears: at the current cell."""
        return self.viewport().mapToGlobal(self.visualRect(self.currentIndex()).bottomLeft())
