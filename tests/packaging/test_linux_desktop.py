"""Linux desktop integration files: the menu entry, the MIME types and their agreement."""

from __future__ import annotations

import configparser
import shutil
import subprocess
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
LINUX = ROOT / "packaging" / "linux"
MIME_NS = "{http://www.freedesktop.org/standards/shared-mime-info}"


def desktop_entry() -> configparser.SectionProxy:
    parser = configparser.ConfigParser(interpolation=None, strict=True)
    parser.optionxform = str  # keys are case-sensitive in desktop files
    parser.read(LINUX / "tcdesk.desktop", encoding="utf-8")
    return parser["Desktop Entry"]


def mime_types() -> dict[str, list[str]]:
    root = ET.parse(LINUX / "tcdesk-mime.xml").getroot()
    return {
        node.get("type"): [glob.get("pattern") for glob in node.iter(f"{MIME_NS}glob")]
        for node in root.iter(f"{MIME_NS}mime-type")
    }


def test_project_files_are_a_mime_type_of_their_own():
    assert mime_types()["application/x-tcdesk"] == ["*.tcdesk"]
    assert mime_types()["application/x-tcdesk+json"] == ["*.tcdesk.json"]


def test_menu_entry_opens_every_declared_file_type():
    declared = [t for t in desktop_entry()["MimeType"].split(";") if t]
    assert sorted(declared) == sorted(mime_types())


def test_menu_entry_passes_the_file_to_the_open_command():
    # `tcdesk FILE` is not a command; the editor takes a file through `tcdesk open FILE`.
    assert desktop_entry()["Exec"] == "tcdesk open %f"
    assert desktop_entry()["Icon"] == "tcdesk"


@pytest.mark.skipif(shutil.which("desktop-file-validate") is None, reason="desktop-file-utils not installed")
def test_menu_entry_passes_desktop_file_validate():
    result = subprocess.run(["desktop-file-validate", str(LINUX / "tcdesk.desktop")], capture_output=True, text=True)
    assert result.returncode == 0, result.stdout + result.stderr
    assert result.stdout.strip() == ""  # no hints either


def test_installer_and_build_scripts_are_valid_shell():
    for script in (LINUX / "install.sh", ROOT / "packaging" / "build_linux.sh", ROOT / "packaging" / "smoke_test.sh"):
        shell = "sh" if script.name == "install.sh" else "bash"
        result = subprocess.run([shell, "-n", str(script)], capture_output=True, text=True)
        assert result.returncode == 0, f"{script.name}: {result.stderr}"
