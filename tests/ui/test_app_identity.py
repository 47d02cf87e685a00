"""The application names itself and carries its icon, so window managers and docks can show it."""

from __future__ import annotations

from PySide6.QtWidgets import QApplication

from tcdesk import __version__
from tcdesk.app import configure_application


def test_application_has_names_desktop_entry_and_icon(qapp):
    configure_application(qapp)
    assert QApplication.applicationName() == "tcdesk"
    assert QApplication.applicationVersion() == __version__
    assert QApplication.desktopFileName() == "tcdesk"
    assert not qapp.windowIcon().isNull()
    assert qapp.windowIcon().pixmap(32, 32).width() == 32
