"""The RAG summary: a count table and a stacked bar chart that carries numbers and a legend, not colour alone."""

from __future__ import annotations

from plan_helpers import controller, show_active
from PySide6.QtCore import QPoint

from tcdesk.model import Pillar, Rag
from tcdesk.ui.plan_models import RAG_COLOURS
from tcdesk.ui.rag_summary import RagSummary


def _summary(qtbot, make_submission, prev):
    doc = controller(make_submission, prev=prev)
    return doc, show_active(qtbot, RagSummary(doc), 800, 220)


def test_chart_bars_are_split_by_rating_in_proportion(qtbot, make_submission):
    _, summary = _summary(qtbot, make_submission, [
        dict(ref="V01", pillar="visibility", rag="red"), dict(ref="V02", pillar="visibility", rag="green"),
    ])
    chart = summary.chart
    image = chart.grab().toImage()
    line = chart.fontMetrics().lineSpacing()
    label_width = max(chart.fontMetrics().horizontalAdvance(p.label) for p in Pillar) + 12
    bar_width = chart.width() - label_width - 8
    y = 4 + (line + 4) // 2
    assert image.pixelColor(QPoint(label_width + 3, y)) == RAG_COLOURS[Rag.RED][0]
    assert image.pixelColor(QPoint(label_width + bar_width - 3, y)) == RAG_COLOURS[Rag.GREEN][0]
    assert chart.counts[Pillar.VISIBILITY].red == 1


def test_actions_without_a_pillar_get_their_own_row(qtbot, make_submission):
    _, summary = _summary(qtbot, make_submission, [dict(ref="X1", rag="amber"), dict(ref="V01", pillar="visibility")])
    rows = [summary.table.verticalHeaderItem(r).text() for r in range(summary.table.rowCount())]
    assert rows[-2:] == ["No pillar", "Total"]
    assert [summary.table.item(4, c).text() for c in range(5)] == ["0", "1", "0", "0", "1"]


def test_text_edits_do_not_recount(qtbot, make_submission):
    doc, summary = _summary(qtbot, make_submission, [dict(ref="V01", pillar="visibility", rag="red")])
    calls = []
    summary.chart.set_counts = lambda counts: calls.append(counts)
    doc.set_value(("previous_plan", "actions", 0, "progress"), "Halfway")
    doc.set_value(("answers", "3"), "Text")
    assert calls == []
    doc.set_value(("previous_plan", "actions", 0, "rag"), Rag.GREEN)
    assert calls[-1][Pillar.VISIBILITY].green == 1
