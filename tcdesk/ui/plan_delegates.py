"""Cell painting and editors of the plan tables: RAG, TALENT chooser, due picker, multi-line text."""

from __future__ import annotations

from collections import Counter
from typing import Any

from PySide6.QtCore import QDate, QEvent, QModelIndex, QObject, QPersistentModelIndex, QRect, QSize, Qt, QTimer, Signal
from PySide6.QtGui import QColor, QFont, QFontMetrics, QIcon, QKeyEvent, QPainter, QPalette, QPixmap, QWheelEvent
from PySide6.QtWidgets import (
    QAbstractItemDelegate,
    QCalendarWidget,
    QComboBox,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QMenu,
    QPlainTextEdit,
    QStyle,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QToolTip,
    QWidget,
    QWidgetAction,
)

from tcdesk.model import Pillar, Rag, parse_due
from tcdesk.planning import normalise_due
from tcdesk.template import talent_recommendations
from tcdesk.ui.cell_text import keep_unedited
from tcdesk.ui.fields import whole_text
from tcdesk.ui.plan_models import RAG_COLOURS, PlanModel, rag_label
from tcdesk.ui.qt_text import to_qt

__all__ = ["ChoiceEditor", "DueEditor", "PlanDelegate", "TalentChooser", "TextCellEditor"]

_Index = QModelIndex | QPersistentModelIndex
#: The attribute holding the model value an editor last showed, and its value before it showed any.
_LOADED = "_tcdesk_loaded"
_NOTHING = object()
_PAD = 4
MAX_LINES = 6  # taller texts are cut in the cell (the tooltip and the editor show all of it), so rows stay in sight
REQUIRED_PLACEHOLDER = "Required — explain why"


def _shown_part_length(width: int) -> int:
    return 2 * MAX_LINES * (max(width, 40) + 1)


def _shown_part(text: str, width: int) -> str:
    """The start of ``text`` that holds all a cell ``width`` pixels wide can show of it: past
    :data:`MAX_LINES` lines of it even if every character were half a pixel wide."""
    return text[: _shown_part_length(width)]


def _swatch(colour: QColor) -> QIcon:
    pix = QPixmap(12, 12)
    pix.fill(colour)
    return QIcon(pix)


class TextCellEditor(QPlainTextEdit):
    """A multi-line cell editor: Enter commits, Shift+Enter or Alt+Enter starts a new line.

    :meth:`value` is the cell's text as edited, with every stretch the user left alone spelled as
    stored (the editor shows ``\\r\\n`` as a line end and a no-break space as a space).
    """

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setTabChangesFocus(True)
        self.setFrameShape(QPlainTextEdit.Shape.Box)
        self.original = ""  # the text when the editor opened, which Escape puts back
        self._stored = ""
        self._shown: str | None = ""
        # Connected first: the delegate's own handler of textChanged reads the value this settles.
        self._typed = False
        self.textChanged.connect(self._on_typed)

    def load(self, text: str) -> None:
        """Show the cell's stored ``text``."""
        self._stored, self._shown = text, None  # while it loads, the value is what is stored
        self.setPlainText(to_qt(text))
        self._shown = self.toPlainText()

    def _on_typed(self) -> None:
        self._typed = True

    def value(self) -> str:
        if self._shown is None or not self._typed:
            return self._stored
        self._typed = False
        edited = self.toPlainText()
        if edited != self._shown:
            # From the text as of the last call, not as loaded: each keystroke is then one small
            # change, so the text between two places typed in keeps its stored spelling too.
            self._stored, self._shown = keep_unedited(self._stored, self._shown, edited), edited
        return self._stored


class ChoiceEditor(QComboBox):
    """A dropdown cell editor: arrow keys change the choice, Enter or a pick from the list commits it.

    A pick from the open list is taken from ``activated``, which comes after the choice changed
    (the popup closes before a mouse click sets the new choice, so committing on close kept the old
    one). Arrow keys on the closed dropdown also emit ``activated``; those only change the choice.
    """

    picked = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._from_list = False
        self.activated.connect(self._on_activated)

    def showPopup(self) -> None:  # noqa: N802 - Qt's name
        self._from_list = True
        super().showPopup()

    def hidePopup(self) -> None:  # noqa: N802 - Qt's name
        super().hidePopup()
        # A click's "activated" follows within this same event; afterwards arrow keys are plain keys.
        QTimer.singleShot(0, self._forget_list)

    def _forget_list(self) -> None:
        self._from_list = False

    def wheelEvent(self, event: QWheelEvent) -> None:  # noqa: N802 - Qt's name
        # A wheel turned while the pointer passes over the open dropdown scrolls the table; it changed
        # the rating or pillar, which the next click elsewhere stored.
        event.ignore()

    def _on_activated(self, _row: int) -> None:
        if self._from_list:
            self._from_list = False
            self.picked.emit()


class TalentChooser(QListWidget):
    """Every TALENT recommendation as a checkable item, its title shown.

    A click anywhere on an item or Space ticks or unticks it, and each tick is at once a change
    (``toggled``); Enter closes the chooser, Escape puts the codes back as they were. A code the action lists more than once has an item
    per copy ("R2 (copy 2 of 2) — …"), so unticking one copy removes that one only.
    """

    toggled = Signal()
    _CODE = Qt.ItemDataRole.UserRole
    #: The item's place in the codes as set (None for a code not among them); it returns there if ticked again.
    _PLACE = Qt.ItemDataRole.UserRole + 1
    #: The item's text without "(copy n of k)" after the code.
    _LABEL = Qt.ItemDataRole.UserRole + 2

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.itemClicked.connect(self._toggle)
        self._copies: list[QListWidgetItem] = []  # the items of second and later copies of a code
        self.opened: list[str] | None = None  # the codes when the chooser opened, which Escape puts back
        self.setWordWrap(True)
        self.setUniformItemSizes(False)
        self.setFrameShape(QListWidget.Shape.Box)
        for rec in talent_recommendations():
            self._add(rec.code, f"{rec.code} — {rec.title}")

    def _add(self, code: str, text: str, row: int | None = None) -> QListWidgetItem:
        item = QListWidgetItem(text)
        self.insertItem(self.count() if row is None else row, item)
        item.setData(self._CODE, code)
        item.setData(self._LABEL, text)
        # Not user-checkable: Qt would tick on a click on the box only; every click and Space go to _toggle.
        item.setFlags(Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable)
        item.setCheckState(Qt.CheckState.Unchecked)
        item.setToolTip(text)
        return item

    def set_codes(self, codes: list[str]) -> None:
        if self.opened is None:
            self.opened = list(codes)
        if codes != self.codes():  # not just the echo of this chooser's own tick
            self._show_codes(codes)
        if self.currentRow() < 0:  # reloaded after each tick: the keyboard stays where it was
            self.setCurrentRow(0)

    def _show_codes(self, codes: list[str]) -> None:
        for item in self._copies:
            self.takeItem(self.row(item))
        self._copies = []
        firsts = {self.item(r).data(self._CODE): self.item(r) for r in range(self.count())}
        for item in firsts.values():
            item.setText(item.data(self._LABEL))
            item.setData(self._PLACE, None)
        counts = Counter(codes)
        seen: Counter[str] = Counter()
        for place, code in enumerate(codes):
            if code not in firsts:  # imported codes outside the list are kept, not silently dropped
                firsts[code] = self._add(code, f"{code} — not in the recommendation list")
            first = firsts[code]
            seen[code] += 1
            item = first if seen[code] == 1 else self._add(code, first.data(self._LABEL), self.row(first) + seen[code] - 1)
            if item is not first:
                self._copies.append(item)
            item.setData(self._PLACE, place)
            if counts[code] > 1:
                item.setText(item.data(self._LABEL).replace(f"{code} —", f"{code} (copy {seen[code]} of {counts[code]}) —", 1))
                item.setToolTip(item.text())
        for r in range(self.count()):
            item = self.item(r)
            item.setCheckState(Qt.CheckState.Unchecked if item.data(self._PLACE) is None else Qt.CheckState.Checked)

    def _toggle(self, item: QListWidgetItem) -> None:
        checked = item.checkState() == Qt.CheckState.Checked
        item.setCheckState(Qt.CheckState.Unchecked if checked else Qt.CheckState.Checked)
        self.toggled.emit()

    def keyPressEvent(self, event: QKeyEvent) -> None:  # noqa: N802 - Qt's name
        if event.key() == Qt.Key.Key_Space and self.currentItem() is not None:
            self._toggle(self.currentItem())
            return
        super().keyPressEvent(event)

    def codes(self) -> list[str]:
        """The ticked codes: those set keep their order (each copy its place), a newly ticked one goes
        before the first code that follows it in the recommendation list."""
        items = [self.item(r) for r in range(self.count())]
        ticked = [item for item in items if item.checkState() == Qt.CheckState.Checked]
        kept = sorted((item.data(self._PLACE), item.data(self._CODE)) for item in ticked if item.data(self._PLACE) is not None)
        codes = [code for _, code in kept]
        rows = {item.data(self._CODE): r for r, item in enumerate(items) if item not in self._copies}
        for item in ticked:
            code = item.data(self._CODE)
            if item.data(self._PLACE) is None:
                at = next((n for n, other in enumerate(codes) if rows[other] > rows[code]), len(codes))
                codes.insert(at, code)
        return codes


def _calendar_icon(colour: QColor) -> QIcon:
    pix = QPixmap(16, 16)
    pix.fill(Qt.GlobalColor.transparent)
    painter = QPainter(pix)
    painter.setPen(colour)
    painter.drawRect(1, 2, 13, 12)
    painter.fillRect(1, 2, 14, 4, colour)
    for x in (4, 8, 12):
        for y in (8, 11):
            painter.drawPoint(x, y)
    painter.end()
    return QIcon(pix)


class DueEditor(QLineEdit):
    """A due date typed as ``YYYY-MM`` or ``YYYY-MM-DD`` (or ``March 2026``, ``15/03/2026`` …),
    or picked from a calendar as a day or as the whole month shown.
    """

    chosen = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        whole_text(self)
        self.setPlaceholderText("YYYY-MM")
        self.setToolTip("Due: YYYY-MM for a month, YYYY-MM-DD for a day (Alt+Down opens a calendar)")
        self.menu = QMenu(self)
        self.calendar = QCalendarWidget(self.menu)
        self.calendar.setAccessibleName("Due date calendar")
        holder = QWidgetAction(self.menu)
        holder.setDefaultWidget(self.calendar)
        self.menu.addAction(holder)
        self.month_action = self.menu.addAction("Use the whole month shown")
        self.pick = self.addAction(_calendar_icon(self.palette().color(QPalette.ColorRole.Text)),
                                   QLineEdit.ActionPosition.TrailingPosition)
        self.pick.setToolTip("Pick a date (Alt+Down)")
        self.pick.triggered.connect(self.open_calendar)
        self.calendar.clicked.connect(self._on_day_clicked)
        self.calendar.activated.connect(self._on_day_clicked)
        self.month_action.triggered.connect(self._on_month_chosen)
        self.textChanged.connect(self._on_text_changed)

    def value(self) -> str | None:
        """The typed due date in ISO form; ``None`` when it is not a month or a day."""
        return normalise_due(self.text())

    def set_value(self, text: str) -> None:
        self.setText(to_qt(text))
        span = parse_due(text)
        if span is not None:
            self.calendar.setSelectedDate(QDate(span[0].year, span[0].month, span[0].day))

    def open_calendar(self) -> None:
        self.menu.popup(self.mapToGlobal(self.rect().bottomLeft()))
        self.calendar.setFocus(Qt.FocusReason.PopupFocusReason)

    def keyPressEvent(self, event: QKeyEvent) -> None:  # noqa: N802 - Qt's name
        if event.key() == Qt.Key.Key_Down and event.modifiers() & Qt.KeyboardModifier.AltModifier:
            self.open_calendar()
            return
        super().keyPressEvent(event)

    def _on_day_clicked(self, day: QDate) -> None:
        self.setText(day.toString("yyyy-MM-dd"))
        self.menu.hide()
        self.chosen.emit()

    def _on_month_chosen(self) -> None:
        self.setText(f"{self.calendar.yearShown():04d}-{self.calendar.monthShown():02d}")
        self.chosen.emit()

    def _on_text_changed(self, text: str) -> None:
        valid = normalise_due(text) is not None
        self.setStyleSheet("" if valid else "QLineEdit { border: 2px solid #c62828; }")


class PlanDelegate(QStyledItemDelegate):
    """Paints section rows, RAG cells and required explanations; creates the editor for each column kind.

    Multi-line text is written to the model as it is typed (merged into one undo step), so a crash
    mid-cell loses nothing.
    """

    editor_opened = Signal(QWidget)

    def __init__(self, model: PlanModel, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._model = model
        self._heights: dict[tuple[str, int, int], int] = {}
        # A cell's edits merge into one undo step per visit: the next visit starts a new one.
        self.closeEditor.connect(lambda *_: model.controller.break_merge())

    # --- painting ------------------------------------------------------------------------------

    def paint(self, painter: QPainter, option: QStyleOptionViewItem, index: _Index) -> None:
        kind = index.data(PlanModel.KindRole)
        if kind is None and index.column() == 0 and self._model.is_section(index.row()):
            self._paint_section(painter, option, index)
        elif kind == "rag":
            self._paint_rag(painter, option, index)
        elif kind == "multiline":
            self._paint_text(painter, option, index)
        else:
            super().paint(painter, option, index)

    def _paint_section(self, painter: QPainter, option: QStyleOptionViewItem, index: _Index) -> None:
        painter.save()
        painter.fillRect(option.rect, option.palette.color(QPalette.ColorRole.AlternateBase).darker(108))
        font = QFont(option.font)
        font.setBold(True)
        painter.setFont(font)
        # Section rows are disabled items (so keys skip them) but must not look greyed out.
        painter.setPen(option.palette.color(QPalette.ColorGroup.Active, QPalette.ColorRole.Text))
        painter.drawText(option.rect.adjusted(_PAD * 2, 0, -_PAD, 0), Qt.AlignmentFlag.AlignVCenter, index.data())
        painter.restore()

    def _paint_rag(self, painter: QPainter, option: QStyleOptionViewItem, index: _Index) -> None:
        value = index.data(PlanModel.RagRole)
        rag = Rag(value) if value else None
        fill, ink = RAG_COLOURS[rag]
        painter.save()
        painter.fillRect(option.rect, fill if rag is not None else option.palette.color(QPalette.ColorRole.Base))
        if option.state & QStyle.StateFlag.State_Selected:
            # The selection shows as a frame, so the rating's colour is never hidden.
            pen = painter.pen()
            pen.setColor(option.palette.color(QPalette.ColorRole.Highlight))
            pen.setWidth(3)
            painter.setPen(pen)
            painter.drawRect(option.rect.adjusted(1, 1, -2, -2))
        font = QFont(option.font)
        font.setBold(rag is not None)
        painter.setFont(font)
        painter.setPen(ink if rag is not None else option.palette.color(QPalette.ColorRole.Text))
        painter.drawText(option.rect, Qt.AlignmentFlag.AlignCenter, rag_label(rag))
        painter.restore()

    def _paint_text(self, painter: QPainter, option: QStyleOptionViewItem, index: _Index) -> None:
        metrics = QFontMetrics(option.font)
        line = metrics.lineSpacing()
        text = index.data(Qt.ItemDataRole.DisplayRole) or ""
        rect = option.rect
        painter.save()
        # Only whole lines: a half-drawn last line reads as a rendering fault.
        painter.setClipRect(QRect(rect.left(), rect.top(), rect.width(), 3 + (rect.height() - 4) // line * line))
        super().paint(painter, option, index)
        painter.restore()
        # Rows are sized to their tallest text up to the cap, so only texts past the cap are cut.
        if self._measure(text, self._column_width(option, index), metrics) > line * MAX_LINES:
            painter.save()
            badge = metrics.horizontalAdvance(" … ") + 4
            marker = QRect(rect.right() - badge, rect.bottom() - line, badge, line)
            painter.fillRect(marker, option.palette.color(QPalette.ColorRole.Mid))
            painter.setPen(option.palette.color(QPalette.ColorGroup.Active, QPalette.ColorRole.Text))
            painter.drawText(marker, Qt.AlignmentFlag.AlignCenter, "…")
            painter.restore()
        if index.data(PlanModel.RequiredRole):
            self._paint_required(painter, option, index)

    def _paint_required(self, painter: QPainter, option: QStyleOptionViewItem, index: _Index) -> None:
        painter.save()
        red = RAG_COLOURS[Rag.RED][0]
        painter.fillRect(QRect(option.rect.left(), option.rect.top(), 4, option.rect.height()), red)
        if not index.data(Qt.ItemDataRole.EditRole):
            font = QFont(option.font)
            font.setItalic(True)
            painter.setFont(font)
            painter.setPen(red)
            painter.drawText(option.rect.adjusted(_PAD * 2, _PAD, -_PAD, -_PAD), Qt.AlignmentFlag.AlignTop, f"⚠ {REQUIRED_PLACEHOLDER}")
        painter.restore()

    def _measure(self, text: str, width: int, metrics: QFontMetrics) -> int:
        """Height of ``text`` wrapped in a cell ``width`` pixels wide, uncapped up to just past
        :data:`MAX_LINES` lines (a longer text is measured by the part of it the cell can show).

        Cached by text and width: a plan of hundreds of actions is re-laid out after every row
        insertion and repainted often, and measuring wrapped text is the costly part.
        """
        cut = _shown_part(text, width)
        key = (cut, width, metrics.lineSpacing())
        height = self._heights.get(key)
        if height is None:
            inner = max(width - 2 * _PAD - 6, 40)
            height = metrics.boundingRect(QRect(0, 0, inner, 100_000), Qt.TextFlag.TextWordWrap, cut).height() if cut else 0
            if len(cut) < len(text):
                height = max(height, metrics.lineSpacing() * MAX_LINES + 1)
            if len(self._heights) > 50_000:
                self._heights.clear()
            self._heights[key] = height
        return height

    def initStyleOption(self, option: QStyleOptionViewItem, index: _Index) -> None:  # noqa: N802 - Qt's name
        super().initStyleOption(option, index)
        text = option.text
        if len(text) > _shown_part_length(0):  # laying out a long text to draw its first lines took 100 ms and more
            option.text = _shown_part(text, self._column_width(option, index))

    @staticmethod
    def _column_width(option: QStyleOptionViewItem, index: _Index) -> int:
        # The view's column width, as the table's row sizing uses it (the cell rect lacks the grid line).
        view = option.widget
        return view.columnWidth(index.column()) if hasattr(view, "columnWidth") else option.rect.width()

    def text_height(self, text: str, width: int, metrics: QFontMetrics) -> int:
        """Row height a wrapped text cell needs, capped at :data:`MAX_LINES` lines."""
        line = metrics.lineSpacing()
        return min(max(self._measure(text, width, metrics), line), line * MAX_LINES) + 2 * _PAD + 2

    def sizeHint(self, option: QStyleOptionViewItem, index: _Index) -> QSize:  # noqa: N802 - Qt's name
        metrics = QFontMetrics(option.font)
        if index.data(PlanModel.KindRole) != "multiline":
            return QSize(option.rect.width(), metrics.lineSpacing() + 2 * _PAD + 2)
        text = index.data(Qt.ItemDataRole.DisplayRole) or ""
        return QSize(option.rect.width(), self.text_height(text, self._column_width(option, index), metrics))

    # --- editing -------------------------------------------------------------------------------

    def createEditor(self, parent: QWidget, option: QStyleOptionViewItem, index: _Index) -> QWidget:  # noqa: N802
        column = self._model.columns[index.column()]
        kind = column.type
        editor: QWidget
        if kind == "multiline":
            editor = TextCellEditor(parent)
            editor.original = index.data(Qt.ItemDataRole.EditRole)
            editor.textChanged.connect(lambda e=editor, i=QPersistentModelIndex(index): self._write(i, e.value()))
        elif kind == "rag":
            editor = ChoiceEditor(parent)
            editor.addItem("— (not rated)", "")
            for rag in Rag:
                editor.addItem(_swatch(RAG_COLOURS[rag][0]), rag.label, rag.value)
            editor.picked.connect(lambda e=editor: self._commit_and_close(e))
        elif kind == "pillar":
            editor = ChoiceEditor(parent)
            if not index.data(Qt.ItemDataRole.EditRole):
                # Shown as it is: choosing nothing must not put the action into the first pillar.
                editor.addItem("— (no pillar)", "")
            for pillar in Pillar:
                editor.addItem(f"{pillar.letter} · {pillar.label}", pillar.value)
            editor.picked.connect(lambda e=editor: self._commit_and_close(e))
        elif kind == "talent":
            editor = TalentChooser(parent)
            editor.toggled.connect(lambda e=editor, i=QPersistentModelIndex(index): self._write(i, e.codes()))
        elif kind == "due":
            editor = DueEditor(parent)
            editor.chosen.connect(lambda e=editor: self._commit_and_close(e))
        else:
            editor = whole_text(QLineEdit(parent))
        i = self._model.plan_index(index.row())
        ref = (self._model.actions()[i].ref if i is not None else "") or f"row {index.row()}"
        editor.setAccessibleName(f"{column.label} of {ref}")
        if isinstance(editor, TextCellEditor) and index.data(PlanModel.RequiredRole):
            editor.setToolTip("Required: explain why this action has not been carried out.")
            editor.setPlaceholderText(REQUIRED_PLACEHOLDER)
        self.editor_opened.emit(editor)
        return editor

    def setEditorData(self, editor: QWidget, index: _Index) -> None:  # noqa: N802
        value: Any = index.data(Qt.ItemDataRole.EditRole)
        # Qt reloads open editors whenever a cell's data changes, even for a mark or a tooltip (each
        # recheck); only a change of the value itself may replace what the user has typed or chosen.
        if getattr(editor, _LOADED, _NOTHING) == value:
            return
        setattr(editor, _LOADED, value)
        if isinstance(editor, TextCellEditor):
            if editor.value() != value:
                editor.load(value)
                editor.moveCursor(editor.textCursor().MoveOperation.End)
        elif isinstance(editor, QComboBox):
            editor.setCurrentIndex(max(editor.findData(value), 0))
        elif isinstance(editor, TalentChooser):
            editor.set_codes(value)
        elif isinstance(editor, DueEditor):
            editor.set_value(value)
        else:
            super().setEditorData(editor, index)

    def setModelData(self, editor: QWidget, model: Any, index: _Index) -> None:  # noqa: N802
        if isinstance(editor, TextCellEditor):
            model.setData(index, editor.value())
        elif isinstance(editor, QComboBox):
            model.setData(index, editor.currentData())
        elif isinstance(editor, TalentChooser):
            model.setData(index, editor.codes())
        elif isinstance(editor, DueEditor):
            value = editor.value()
            if value is not None:  # text that is no date never reaches the model
                model.setData(index, value)
        elif not isinstance(editor, QLineEdit) or editor.isModified():
            # A ref the user did not type in stays as stored (setData trims what is typed).
            super().setModelData(editor, model, index)

    def updateEditorGeometry(self, editor: QWidget, option: QStyleOptionViewItem, index: _Index) -> None:  # noqa: N802
        rect = QRect(option.rect)
        line = QFontMetrics(option.font).lineSpacing()
        if isinstance(editor, TextCellEditor):
            rect.setWidth(max(rect.width(), 280))
            rect.setHeight(max(rect.height(), line * 7 + 12))
        elif isinstance(editor, TalentChooser):
            rect.setWidth(max(rect.width(), 460))
            rect.setHeight(line * 20)
        elif isinstance(editor, DueEditor):
            rect.setWidth(max(rect.width(), 140))
        # Keep expanded editors inside the visible area of the table.
        parent = editor.parentWidget()
        area = parent.rect() if parent is not None else rect
        rect.moveLeft(max(0, min(rect.left(), area.right() - rect.width())))
        rect.moveTop(max(0, min(rect.top(), area.bottom() - rect.height())))
        editor.setGeometry(rect)

    def eventFilter(self, editor: QObject, event: QEvent) -> bool:  # noqa: N802
        if isinstance(editor, DueEditor) and event.type() == QEvent.Type.KeyPress:
            key = event.key()  # type: ignore[attr-defined]
            keys = (Qt.Key.Key_Return, Qt.Key.Key_Enter, Qt.Key.Key_Tab, Qt.Key.Key_Backtab)
            if key in keys and editor.value() is None:
                QToolTip.showText(editor.mapToGlobal(editor.rect().bottomLeft()),
                                  "Not a date: type YYYY-MM or YYYY-MM-DD, or pick one (Alt+Down)", editor)
                return True
        if isinstance(editor, TextCellEditor) and event.type() == QEvent.Type.KeyPress:
            key_event: QKeyEvent = event  # type: ignore[assignment]
            if key_event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
                if key_event.modifiers() & (Qt.KeyboardModifier.ShiftModifier | Qt.KeyboardModifier.AltModifier):
                    editor.insertPlainText("\n")
                else:
                    self._commit_and_close(editor)
                return True
            if key_event.key() in (Qt.Key.Key_Tab, Qt.Key.Key_Backtab):
                # Handled here: a text edit would otherwise take Tab as a focus change and close with no hint.
                backwards = key_event.key() == Qt.Key.Key_Backtab or key_event.modifiers() & Qt.KeyboardModifier.ShiftModifier
                hint = QAbstractItemDelegate.EndEditHint
                self.commitData.emit(editor)
                self.closeEditor.emit(editor, hint.EditPreviousItem if backwards else hint.EditNextItem)
                return True
            if key_event.key() == Qt.Key.Key_Escape:
                # Typing already reached the model; cancelling puts the original text back.
                editor.load(editor.original)
                self.closeEditor.emit(editor, QAbstractItemDelegate.EndEditHint.RevertModelCache)
                return True
        if isinstance(editor, TalentChooser) and event.type() == QEvent.Type.KeyPress and event.key() == Qt.Key.Key_Escape:  # type: ignore[attr-defined]
            # The ticks already reached the model, merged into one step: putting the codes back leaves none.
            if editor.opened is not None and editor.codes() != editor.opened:
                editor.set_codes(editor.opened)
                editor.toggled.emit()
            self.closeEditor.emit(editor, QAbstractItemDelegate.EndEditHint.RevertModelCache)
            return True
        return super().eventFilter(editor, event)

    def _commit_and_close(self, editor: QWidget) -> None:
        self.commitData.emit(editor)
        self.closeEditor.emit(editor, QAbstractItemDelegate.EndEditHint.SubmitModelCache)

    def _write(self, index: QPersistentModelIndex, value: Any) -> None:
        """Store what an open editor holds now; one visit to a cell is one undo step."""
        i = self._model.plan_index(index.row()) if index.isValid() else None
        if i is None:
            return
        column = self._model.columns[index.column()]
        path = self._model.path(i, column.name)
        self._model.controller.set_value(path, value, typing=True, description=f"Edit {column.label}")
