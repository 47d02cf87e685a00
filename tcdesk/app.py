"""The desktop editor's composition root: plugin manager → Session → MainWindow."""

from __future__ import annotations

import os
import sys
import time
from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from PySide6.QtWidgets import QApplication

    from tcdesk.session import Session

__all__ = ["main"]

_STARTED = time.perf_counter()
#: The cyclic garbage collector is off while the editor loads and builds its window (everything
#: then made lives as long as the window): back on once the file is painted, or after this long.
COLLECTOR_BACK_AFTER_MS = 2000


def main(argv: Sequence[str] | None = None, *, allow_large: bool = False) -> int:
    """Start the editor; ``argv`` may hold one file to open (a project, interchange JSON or an import).

    :param allow_large: open that file whatever its size (``tcdesk open --allow-large``).
    :returns: the process exit code.
    """
    args = list(sys.argv[1:] if argv is None else argv)
    missing = display_missing()
    if missing is not None:
        print(f"tcdesk: error: {missing}", file=sys.stderr)
        return 2
    from tcdesk.commands import collector_off_while_loading

    with collector_off_while_loading() as loaded:
        return _run(args, loaded, allow_large)


def _run(args: list[str], loaded: Callable[[], None], allow_large: bool = False) -> int:
    """Show the window, open the file, and run the event loop; ``loaded()`` once the file is on screen."""
    session = load_before_qt()
    from PySide6.QtCore import QTimer
    from PySide6.QtWidgets import QApplication

    from tcdesk.paths import APP_NAME
    from tcdesk.ui import startup
    from tcdesk.ui.main_window import MainWindow

    # Background checks and saves run Python in a worker thread; a short switch interval keeps
    # the UI thread from waiting on the interpreter lock for long while they do.
    sys.setswitchinterval(0.001)
    existing = QApplication.instance()
    app = existing if isinstance(existing, QApplication) else QApplication([sys.argv[0] if sys.argv else APP_NAME])
    configure_application(app)
    window = MainWindow(session)
    window.statusBar().showMessage("Opening…")
    window.show()
    report = bool(os.environ.get("TCDESK_REPORT_STARTUP"))

    collector = {"back": False}

    def collector_back() -> None:
        if not collector["back"]:  # once: a second freeze would hide what became garbage meanwhile
            collector["back"] = True
            loaded()

    def first_paint_done(_field: object) -> None:
        collector_back()
        # Not sooner: the imports would take turns with painting the file for the interpreter lock.
        QTimer.singleShot(0, startup.warm_up_parts)

    def open_first_file() -> None:
        # Runs once the window is up, so that the in-use dialog, the welcome or an error about the
        # file appear over the window rather than on their own.
        if report:
            print(f"tcdesk: window shown after {time.perf_counter() - _STARTED:.3f} s", flush=True)
        # A window never painted (minimised, hidden, a dialog open over it) gets its collector back too.
        QTimer.singleShot(COLLECTOR_BACK_AFTER_MS, collector_back)
        window.open_startup(args[0] if args else None, allow_large=allow_large)
        window.statusBar().clearMessage()
        if report:
            # A project's store opens with the file (sqlite3, no SQLAlchemy): edits are saved from now.
            ready = ", saving ready" if window.files.autosaver is not None else ""
            print(f"tcdesk: file open after {time.perf_counter() - _STARTED:.3f} s{ready}", flush=True)
            startup.report_usable(window, _STARTED)
        startup.after_first_paint(window, first_paint_done)
        if os.environ.get("TCDESK_AUTOTYPE"):
            from tcdesk.ui.autotype import AutoTyper

            AutoTyper(window, os.environ["TCDESK_AUTOTYPE"]).start()

    QTimer.singleShot(0, open_first_file)
    return app.exec()


def load_before_qt() -> Session:
    """The plugins, the session and the Qt-free modules every start needs, loaded before Qt is.

    Once imported, PySide6 reads the source of every module imported after it, looking for its
    feature switches (PYSIDE-2029). Not SQLAlchemy: a current project is opened, read and saved
    with sqlite3 (tcdesk.storage.store).
    """
    import tcdesk.editing  # the rest: what the window and opening a project import
    import tcdesk.fileio
    import tcdesk.rules.where
    import tcdesk.storage.store
    import tcdesk.userinfo
    import tcdesk.workspace  # noqa: F401
    from tcdesk.pluginmanager import get_plugin_manager
    from tcdesk.session import Session
    from tcdesk.template import load_template

    load_template()  # the parts list needs it; reading it imports platformdirs and the parse cache
    return Session(pm=get_plugin_manager())


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
