"""Write PNGs of the editor's main views for each example submission (run by scripts/screenshots.sh).

Usage: ``python scripts/screenshots.py --out docs/screenshots [--views cover,q7,...] FILE...``
Each FILE opens as a draft in a throw-away data folder, so the user's own files are never touched.
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
from pathlib import Path

VIEWS = ("cover", "answer", "previous", "new", "signoff", "findings", "rule-help")


def _settle(app, ms: int = 150) -> None:
    from PySide6.QtCore import QElapsedTimer

    timer = QElapsedTimer()
    timer.start()
    while timer.elapsed() < ms:
        app.processEvents()


def shoot(path: Path, out: Path, views: list[str], size: tuple[int, int]) -> list[Path]:
    from PySide6.QtCore import Qt
    from PySide6.QtWidgets import QApplication

    from tcdesk.pluginmanager import get_plugin_manager
    from tcdesk.session import Session
    from tcdesk.ui.main_window import MainWindow

    app = QApplication.instance() or QApplication([])
    window = MainWindow(Session(pm=get_plugin_manager(load_entry_points=False)))
    window.resize(*size)
    window.show()
    if not window.open_file(path):
        raise SystemExit(f"cannot open {path}")
    window.checker.wait(10_000)
    _settle(app, 400)
    name = path.name.split(".")[0]
    written: list[Path] = []

    def save(widget, view: str) -> None:
        _settle(app)
        target = out / f"{name}-{view}.png"
        widget.grab().save(str(target))
        written.append(target)

    for view in views:
        if view == "cover":
            window.show_part("cover")
            save(window, view)
        elif view == "answer":
            window.show_part("q4")
            save(window, view)
        elif view in ("previous", "new"):
            window.show_part(view)
            page = window.page(view)
            page.table.focus_cell(0, "action", edit=False)
            save(window, view)
        elif view == "signoff":
            window.show_part("signoff")
            save(window, view)
        elif view == "findings":
            # The findings dock made large, the first error selected: what a lead sees when fixing.
            window.show_part("previous")
            window.resizeDocks([window.findings_dock], [size[1] // 2], Qt.Orientation.Vertical)
            panel = window.findings_panel
            if panel.shown():
                panel.view.selectRow(0)
            panel.view.setFocus()
            save(window, view)
        elif view == "rule-help":
            code = window.findings[0].code if window.findings else "TC201"
            window.show_rule_help(code)
            save(window.rule_help, view)
            window.rule_help.close()
        else:
            raise SystemExit(f"unknown view {view!r} (known: {', '.join(VIEWS)})")
    window.close()
    return written


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, required=True)
    parser.add_argument("--views", default=",".join(VIEWS))
    parser.add_argument("--size", default="1280x860", help="window size in device-independent pixels")
    parser.add_argument("files", nargs="+", type=Path)
    args = parser.parse_args(argv)
    width, height = (int(v) for v in args.size.split("x"))
    args.out.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory() as tmp:
        # Drafts, settings and recent files go to a throw-away folder.
        os.environ["TCDESK_CONFIG_DIR"] = str(Path(tmp) / "config")
        os.environ["TCDESK_DATA_DIR"] = str(Path(tmp) / "data")
        for path in args.files:
            for target in shoot(path, args.out, args.views.split(","), (width, height)):
                print(target)
    return 0


if __name__ == "__main__":
    sys.exit(main())
