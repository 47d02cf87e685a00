"""The desktop editor's composition root: plugin manager → Session → MainWindow."""

from __future__ import annotations

import os
import sys
import time
from collections.abc import Sequence
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from PySide6.QtWidgets import QApplication

    from tcdesk.ui.main_window import MainWindow

__all__ = ["main"]

_STARTED = time.perf_counter()


def main(argv: Sequence[str] | None = None) -> int:
    """Start the editor; ``argv`` may hold one file to open (a project, interchange JSON or an import).

    :returns: the process exit code.
    """
    args = list(sys.argv[1:] if argv is None else argv)
    missing = display_missing()
    if missing is not None:
        print(f"tcdesk: error: {missing}", file=sys.stderr)
        return 2
    from PySide6.QtCore import QTimer
    from PySide6.QtWidgets import QApplication

    from tcdesk.paths import APP_NAME
    from tcdesk.pluginmanager import get_plugin_manager
    from tcdesk.session import Session
    from tcdesk.ui.main_window import MainWindow

    # Background checks and saves run Python in a worker thread; a short switch interval keeps
    # the UI thread from waiting on the interpreter lock for long while they do.
    sys.setswitchinterval(0.001)
    existing = QApplication.instance()
    app = existing if isinstance(existing, QApplication) else QApplication([sys.argv[0] if sys.argv else APP_NAME])
    configure_application(app)
    session = Session(pm=get_plugin_manager())
    window = MainWindow(session)
    window.statusBar().showMessage("Opening…")
    window.show()
    report = bool(os.environ.get("TCDESK_REPORT_STARTUP"))

    def open_first_file() -> None:
        # Runs once the window is up: reading a large project (and the storage layer's imports)
        # takes a moment, and a window that appears at once feels faster than one that appears complete.
        if report:
            print(f"tcdesk: window shown after {time.perf_counter() - _STARTED:.3f} s", flush=True)
        window.open_startup(args[0] if args else None)
        window.statusBar().clearMessage()
        if report:
            print(f"tcdesk: file open after {time.perf_counter() - _STARTED:.3f} s", flush=True)
            report_when_usable(window)
        if os.environ.get("TCDESK_AUTOTYPE"):
            from tcdesk.ui.autotype import AutoTyper

            AutoTyper(window, os.environ["TCDESK_AUTOTYPE"]).start()

    QTimer.singleShot(0, open_first_file)
    return app.exec()


def report_when_usable(window: MainWindow) -> None:
    """Print "usable after" when the shown part first paints its first text field after the file
    opened, saying what that field shows and whether it takes typing (benchmarks wait for this line:
    a mapped window that still says "Opening…" is not a usable one)."""
    from PySide6.QtCore import QEvent, QObject
    from PySide6.QtWidgets import QLineEdit, QPlainTextEdit, QTextEdit

    from tcdesk.ui.focus_order import fields_in_reading_order

    page = window.stack.currentWidget()
    text_fields = (QLineEdit, QTextEdit, QPlainTextEdit)
    fields = [f for f in fields_in_reading_order(page) if isinstance(f, text_fields)] if page is not None else []
    if not fields:
        print(f"tcdesk: usable after {time.perf_counter() - _STARTED:.3f} s ({window.current_part()}: no text field)", flush=True)
        return
    field = fields[0]
    painted = field.viewport() if isinstance(field, (QTextEdit, QPlainTextEdit)) else field

    class FirstPaint(QObject):
        def eventFilter(self, obj: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt's name
            if event.type() == QEvent.Type.Paint:
                painted.removeEventFilter(self)
                text = field.text() if isinstance(field, QLineEdit) else field.toPlainText()
                editable = field.isVisible() and field.isEnabled() and not field.isReadOnly()
                print(f"tcdesk: usable after {time.perf_counter() - _STARTED:.3f} s, {time.process_time():.3f} s CPU "
                      f"({window.current_part()}, "
                      f"{field.accessibleName()!r} shows {len(text)} characters, "
                      f"{'editable' if editable else 'not editable'})", flush=True)
            return False

    painted.installEventFilter(FirstPaint(window))


def configure_application(app: QApplication) -> None:
    """Names, version and icon; the desktop file name lets Wayland and docks match the window to
    the installed ``tcdesk.desktop`` entry and show its icon."""
    from PySide6.QtGui import QIcon

    from tcdesk import __version__
    from tcdesk.paths import APP_NAME, resource

    app.setOrganizationName(APP_NAME)
    app.setApplicationName(APP_NAME)
    app.setApplicationVersion(__version__)
    app.setApplicationDisplayName("tcdesk")
    app.setDesktopFileName(APP_NAME)
    app.setWindowIcon(QIcon(str(resource("icons", "tcdesk.svg"))))


def display_missing() -> str | None:
    """Why no window can be shown here, or ``None``: Qt would abort with a misleading xcb hint."""
    if not sys.platform.startswith("linux") or os.environ.get("QT_QPA_PLATFORM"):
        return None
    if os.environ.get("DISPLAY") or os.environ.get("WAYLAND_DISPLAY"):
        return None
    return "no display to show the editor on (DISPLAY and WAYLAND_DISPLAY are unset); the commands work without one: tcdesk --help"


if __name__ == "__main__":
    sys.exit(main())
