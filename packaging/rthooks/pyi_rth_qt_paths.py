"""Run-time hook of the frozen tcdesk, used instead of PyInstaller's PySide6 one: the same Qt paths,
without importing QtCore when the program starts.

PyInstaller's hook imports ``PySide6.QtCore`` at every start (to add an embedded ``qt.conf``, which
PySide6 wheels already carry), loading Qt and its 30 MB ICU data even for ``tcdesk check``, whose
whole budget is a few tenths of a second.  Qt reads these variables whenever it does load.
"""

import os
import sys


def _set_qt_paths() -> None:
    qt_dir = os.path.join(sys._MEIPASS, "PySide6")
    if sys.platform.startswith("win"):
        # PySide6 wheels keep Qt's DLLs and plugins directly in PySide6\ on Windows.
        os.environ["PATH"] = sys._MEIPASS + os.pathsep + os.environ.get("PATH", "")
    else:
        qt_dir = os.path.join(qt_dir, "Qt")
    os.environ["QT_PLUGIN_PATH"] = os.path.join(qt_dir, "plugins")


_set_qt_paths()
del _set_qt_paths
