"""Live RAG summary of the previous plan: counts per pillar and rating, and a stacked bar chart."""

from __future__ import annotations

from PySide6.QtCore import QRectF, QSize, Qt
from PySide6.QtGui import QFontMetrics, QPainter, QPaintEvent, QPalette
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QHeaderView,
    QSizePolicy,
    QTableWidget,
    QTableWidgetItem,
    QWidget,
)

from tcdesk.model import Pillar, Rag, RagCounts, rag_counts, rag_totals
from tcdesk.ui.document import DocumentController
from tcdesk.ui.plan_models import RAG_COLOURS, rag_label

__all__ = ["RagBarChart", "RagSummary"]

_ORDER: tuple[Rag | None, ...] = (Rag.RED, Rag.AMBER, Rag.GREEN, None)
_HEADINGS = ("Red", "Amber", "Green", "Not rated", "Total")


def _row_label(pillar: Pillar | None) -> str:
    return pillar.label if pillar is not None else "No pillar"


class RagBarChart(QWidget):
    """One horizontal bar per pillar, split into red, amber, green and unrated segments.

    Each segment carries its count as text and the legend names each colour, so the chart reads
    without colour vision.
    """

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.counts: dict[Pillar | None, RagCounts] = {}
        self.setAccessibleName("RAG chart per pillar")
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Preferred)
        self.setMinimumSize(QSize(260, 150))

    def set_counts(self, counts: dict[Pillar | None, RagCounts]) -> None:
        self.counts = counts
        self.setAccessibleDescription("; ".join(
            f"{_row_label(p)}: " + ", ".join(f"{c.count(r)} {rag_label(r) if r else 'not rated'}" for r in _ORDER)
            for p, c in counts.items()
        ))
        self.update()

    def sizeHint(self) -> QSize:  # noqa: N802 - Qt's name
        line = QFontMetrics(self.font()).lineSpacing()
        return QSize(360, (len(self.counts) or 4) * (line + 10) + 2 * line + 12)

    def paintEvent(self, event: QPaintEvent) -> None:  # noqa: N802 - Qt's name
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        metrics = QFontMetrics(self.font())
        line = metrics.lineSpacing()
        text_colour = self.palette().color(QPalette.ColorRole.WindowText)
        label_width = max((metrics.horizontalAdvance(_row_label(p)) for p in self.counts), default=0) + 12
        longest = max((c.total for c in self.counts.values()), default=0) or 1
        bar_left = label_width
        bar_width = max(self.width() - bar_left - 8, 40)
        bar_height = line + 4
        y = 4.0
        for pillar, counts in self.counts.items():
            painter.setPen(text_colour)
            painter.drawText(QRectF(0, y, label_width - 6, bar_height), Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter,
                             _row_label(pillar))
            x = float(bar_left)
            for rag in _ORDER:
                n = counts.count(rag)
                if not n:
                    continue
                width = bar_width * n / longest
                fill, ink = RAG_COLOURS[rag]
                segment = QRectF(x, y, width, bar_height)
                painter.fillRect(segment, fill)
                if metrics.horizontalAdvance(str(n)) + 4 <= width:
                    painter.setPen(ink)
                    painter.drawText(segment, Qt.AlignmentFlag.AlignCenter, str(n))
                x += width
            if not counts.total:
                painter.setPen(text_colour)
                painter.drawText(QRectF(x + 4, y, 200, bar_height), Qt.AlignmentFlag.AlignVCenter, "no actions")
            y += bar_height + 6
        # Legend: a swatch and the rating's name for each colour.
        x = float(bar_left)
        y += 4
        for rag in _ORDER:
            fill, _ = RAG_COLOURS[rag]
            painter.fillRect(QRectF(x, y + 2, line - 4, line - 4), fill)
            text = rag_label(rag) if rag is not None else "Not rated"
            painter.setPen(text_colour)
            painter.drawText(QRectF(x + line, y, 200, line), Qt.AlignmentFlag.AlignVCenter, text)
            x += line + metrics.horizontalAdvance(text) + 16
        painter.end()


class RagSummary(QWidget):
    """Counts of the previous plan's actions per pillar and RAG rating, updated as ratings change."""

    def __init__(self, controller: DocumentController, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.controller = controller
        self.table = QTableWidget(0, len(_HEADINGS), self)
        self.table.setAccessibleName("RAG counts per pillar")
        self.table.setHorizontalHeaderLabels(list(_HEADINGS))
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.NoSelection)
        self.table.setFocusPolicy(Qt.FocusPolicy.TabFocus)
        self.table.setTabKeyNavigation(False)  # read-only counts: Tab passes through, not cell by cell
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.table.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.table.setSizeAdjustPolicy(QAbstractItemView.SizeAdjustPolicy.AdjustToContents)
        self.table.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.table.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.chart = RagBarChart(self)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.table, 0, Qt.AlignmentFlag.AlignTop)
        layout.addWidget(self.chart, 1)
        controller.changed.connect(self._on_changed)
        controller.reset.connect(self.refresh)
        self.refresh()

    def counts(self) -> dict[Pillar | None, RagCounts]:
        return rag_counts(self.controller.submission().previous_plan)

    def refresh(self) -> None:
        plan = self.controller.submission().previous_plan
        counts = rag_counts(plan)
        rows = [(_row_label(p), c) for p, c in counts.items()] + [("Total", rag_totals(plan))]
        self.table.setRowCount(len(rows))
        self.table.setVerticalHeaderLabels([label for label, _ in rows])
        for r, (_, c) in enumerate(rows):
            for col, value in enumerate([c.count(rag) for rag in _ORDER] + [c.total]):
                item = self.table.item(r, col)
                if item is None:
                    item = QTableWidgetItem()
                    item.setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
                    self.table.setItem(r, col, item)
                item.setText(str(value))
                font = item.font()
                font.setBold(r == len(rows) - 1 or col == len(_ORDER))
                item.setFont(font)
        self.chart.set_counts(counts)

    def _on_changed(self, prefix: tuple) -> None:
        # Only ratings, pillars and the set of actions change the counts; text edits do not.
        if prefix and prefix[0] != "previous_plan":
            return
        if len(prefix) >= 4 and prefix[3] not in ("rag", "pillar"):
            return
        if len(prefix) >= 2 and prefix[1] == "period":
            return
        self.refresh()
