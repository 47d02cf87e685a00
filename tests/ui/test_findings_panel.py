"""The findings panel: severity filter, jumping by Enter, and the rule documentation on F1."""

from __future__ import annotations

from PySide6.QtCore import Qt

from tcdesk.rules.finding import Finding, Location, Section, Severity
from tcdesk.session import Session
from tcdesk.ui.findings_panel import FindingsPanel
from tcdesk.ui.rule_help import RuleHelp

FINDINGS = [
    Finding("TC001", "organisation-missing", Severity.ERROR, "No organisation name", Location(Section.COVER, field="organisation")),
    Finding("TC102", "answer-too-short", Severity.WARNING, "Question 4 is short", Location(Section.QUESTION, question="4")),
    Finding("TC201", "red-action-unexplained", Severity.ERROR, "Red action V02 has no explanation",
            Location(Section.PREVIOUS_PLAN, ref="V02", index=1, field="explanation")),
]


def _panel(qtbot) -> FindingsPanel:
    panel = FindingsPanel()
    qtbot.addWidget(panel)
    panel.set_findings(FINDINGS)
    panel.show()
    return panel


def test_panel_lists_severity_code_message_and_location(qtbot):
    panel = _panel(qtbot)
    model = panel.model
    assert model.rowCount() == 3
    row = [model.index(2, c).data() for c in range(4)]
    assert row == ["error", "TC201", "Red action V02 has no explanation", "Previous plan V02 · Explanation"]
    assert model.index(2, 0).data(Qt.ItemDataRole.DecorationRole) is not None
    assert panel.summary.text() == "2 errors, 1 warning"


def test_severity_filter_shows_only_that_severity(qtbot):
    panel = _panel(qtbot)
    panel.filter.setCurrentIndex(panel.filter.findData(Severity.WARNING))
    assert [f.code for f in panel.shown()] == ["TC102"]
    panel.filter.setCurrentIndex(panel.filter.findData(Severity.ERROR))
    assert [f.code for f in panel.shown()] == ["TC001", "TC201"]
    panel.filter.setCurrentIndex(0)
    assert len(panel.shown()) == 3


def test_enter_on_a_row_asks_to_go_to_its_location(qtbot):
    panel = _panel(qtbot)
    panel.view.setFocus()
    panel.view.selectRow(2)
    with qtbot.waitSignal(panel.activated, timeout=1000) as signal:
        qtbot.keyClick(panel.view, Qt.Key.Key_Return)
    assert signal.args[0].location.index == 1


def test_the_help_link_names_the_selected_rule(qtbot):
    panel = _panel(qtbot)
    panel.view.selectRow(0)
    assert "TC001" in panel.help_link.text()
    with qtbot.waitSignal(panel.help_requested, timeout=1000) as signal:
        panel.help_link.linkActivated.emit("TC001")
    assert signal.args == ["TC001"]


def test_rule_help_shows_the_rule_documentation(qtbot, pm):
    help_ = RuleHelp(Session(pm=pm))
    qtbot.addWidget(help_)
    help_.show_rule("TC201")
    assert "TC201" in help_.windowTitle() and "red-action-unexplained" in help_.windowTitle()
    text = help_.browser.toPlainText()
    assert "red" in text.lower() and len(text) > 100
    help_.show_rule("ZZ999")
    assert "No rule with this code" in help_.browser.toPlainText()
