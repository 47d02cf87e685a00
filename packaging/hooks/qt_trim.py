"""Collects a PySide6 module like PyInstaller's own hook, minus the Qt plugins and translations tcdesk never loads.

Trimming here, inside the hooks, rather than after the analysis matters: a plugin left out at this
point never drags its own libraries in (the GTK platform theme alone pulls in cairo, pango and
gdk-pixbuf), whereas one removed afterwards leaves them behind.
"""

from __future__ import annotations

import os
import re

from PyInstaller.utils.hooks.qt import add_qt6_dependencies

# Plugin folders and, where only some files of a folder are wanted, the plugin names kept.
# ``None`` keeps the whole folder.  Folders not named here are dropped.
KEPT_PLUGINS: dict[str, set[str] | None] = {
    # windowing on each desktop, plus offscreen/minimal for headless runs and the smoke test
    "platforms": {"qxcb", "qwayland", "qwayland-egl", "qwayland-generic", "qwindows", "qcocoa",
                  "qoffscreen", "qminimal"},
    # native file dialogs through the desktop portal; the GTK theme would pull in the GTK stack
    "platformthemes": {"qxdgdesktopportal"},
    "platforminputcontexts": None,  # compose key and IBus input methods
    "imageformats": {"qsvg", "qico", "qjpeg", "qgif"},
    "iconengines": None,
    "styles": None,  # the native look on Windows and macOS
    "accessiblebridge": None,
    "xcbglintegrations": None,
    "wayland-decoration-client": None,
    "wayland-graphics-integration-client": None,
    "wayland-shell-integration": None,
    "printsupport": None,
}

_PLUGIN_DIR = re.compile(r"(?:^|/)plugins/([^/]+)$")


def _plugin_name(path: str) -> str:
    stem = os.path.basename(path).split(".", 1)[0]
    return stem[3:] if stem.startswith("lib") else stem


def keep_binary(src: str, dest: str) -> bool:
    """Whether a Qt binary collected into ``dest`` is one tcdesk can load."""
    match = _PLUGIN_DIR.search(dest.replace("\\", "/"))
    if not match:
        return True
    folder = match.group(1)
    if folder not in KEPT_PLUGINS:
        return False
    names = KEPT_PLUGINS[folder]
    return names is None or _plugin_name(src) in names


def keep_data(src: str, dest: str) -> bool:
    # The interface is in English, which Qt has built in: its translation catalogues (~14 MB) stay out.
    return not src.endswith(".qm")


def trimmed_dependencies(hook_file: str) -> tuple[list, list, list]:
    """``(hiddenimports, binaries, datas)`` for the PySide6 module that ``hook_file`` is named after."""
    hiddenimports, binaries, datas = add_qt6_dependencies(hook_file)
    binaries = [(src, dest) for src, dest in binaries if keep_binary(src, dest)]
    datas = [(src, dest) for src, dest in datas if keep_data(src, dest)]
    return hiddenimports, binaries, datas
