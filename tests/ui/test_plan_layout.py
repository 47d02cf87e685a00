"""The plan tables at 1440×900: every column in sight without scrolling sideways, the summary folds away."""

from __future__ import annotations

from pathlib import Path

from tcdesk import interchange

EXAMPLES = Path(__file__).resolve().parents[2] / "examples"


def _rows_in_view(table) -> int:
    model = table.model()
    height = table.viewport().height()
    return sum(1 for r in range(model.rowCount()) if table.rowViewportPosition(r) >= 0 and table.rowViewportPosition(r) + table.rowHeight(r) <= height)


def test_at_1440_by_900_rag_and_talent_are_in_sight_and_the_summary_folds_away(qtbot, open_window, tmp_path):
    window = open_window(tmp_path / "a.tcdesk", interchange.read(EXAMPLES / "northmoor-draft.tcdesk.json"))
    window.resize(1440, 900)
    for part in ("previous", "new"):
        window.show_part(part)
        table = window.page(part).table
        qtbot.waitUntil(lambda t=table: t.horizontalScrollBar().maximum() == 0, timeout=2000)
        for field in ("rag", "talent") if part == "previous" else ("talent", "due"):
            column = table.model().column_of(field)
            assert table.columnViewportPosition(column) + table.columnWidth(column) <= table.viewport().width()
    window.show_part("previous")
    editor = window.page("previous")
    qtbot.wait(100)
    shown = _rows_in_view(editor.table)
    editor.show_summary.trigger()
    assert not editor.summary.isVisible()
    qtbot.waitUntil(lambda: _rows_in_view(editor.table) > shown, timeout=2000)
    window.grab().save(str(tmp_path / "previous.png"))
    assert _rows_in_view(editor.table) >= 5
