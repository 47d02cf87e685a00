"""The documentation of a rule: what it checks, why it matters, a failing and a fixed example."""

from __future__ import annotations

from PySide6.QtWidgets import QDialog, QDialogButtonBox, QTextBrowser, QVBoxLayout, QWidget

from tcdesk.rules.rule import Rule
from tcdesk.session import Session

__all__ = ["RuleHelp"]


class RuleHelp(QDialog):
    """A non-modal window showing one rule's Markdown documentation; reused for every rule."""

    def __init__(self, session: Session, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._session = session
        self._rules: dict[str, Rule] | None = None
        self.code: str | None = None
        self.browser = QTextBrowser(self)
        self.browser.setOpenExternalLinks(True)
        self.browser.setAccessibleName("Rule documentation")
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        buttons.rejected.connect(self.close)
        buttons.button(QDialogButtonBox.StandardButton.Close).setAccessibleName("Close rule documentation")
        layout = QVBoxLayout(self)
        layout.addWidget(self.browser, 1)
        layout.addWidget(buttons)
        self.resize(600, 380)

    def _rule(self, code: str) -> Rule | None:
        if self._rules is None:
            self._rules = {rule.code: rule for rule in self._session.rules()}
        return self._rules.get(code)

    def show_rule(self, code: str) -> None:
        """Show ``code``'s documentation and raise the window."""
        rule = self._rule(code)
        self.code = code
        if rule is None:
            self.setWindowTitle(f"{code} — tcdesk")
            self.browser.setMarkdown(f"# {code}\n\nNo rule with this code is loaded.")
        else:
            self.setWindowTitle(f"{rule.code} {rule.name} — tcdesk")
            self.browser.setMarkdown(rule.documentation())
        self.show()
        self.raise_()
        self.activateWindow()
