"""The frozen Linux build, made with PyInstaller into a temporary folder: smoke test, contents, installer.

About two minutes on two cores (the build dominates), so the whole module is marked slow.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import tarfile
from pathlib import Path

import pytest

from tcdesk import __version__

pytestmark = pytest.mark.slow

ROOT = Path(__file__).resolve().parents[2]
QT_MODULES_USED = {"QtCore", "QtGui", "QtWidgets", "QtSvg", "QtSvgWidgets", "QtPrintSupport", "QtDBus"}

if shutil.which("bash") is None or not (ROOT / ".venv" / "bin" / "python").exists():
    pytest.skip("the bundle is built from the checkout's .venv with bash", allow_module_level=True)
pytest.importorskip("PyInstaller")


@pytest.fixture(scope="module")
def dist(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("dist")
    env = {
        **os.environ,
        "TCDESK_DIST": str(out),
        "TCDESK_BUILD": str(tmp_path_factory.mktemp("pyinstaller")),
        "TCDESK_SKIP_SETUP": "1",
    }
    result = subprocess.run(
        ["bash", str(ROOT / "packaging" / "build_linux.sh")], cwd=ROOT, env=env, capture_output=True, text=True
    )
    assert result.returncode == 0, result.stdout[-3000:] + result.stderr[-3000:]
    return out


def test_built_program_passes_the_smoke_test(dist):
    result = subprocess.run(
        ["bash", str(ROOT / "packaging" / "smoke_test.sh"), str(dist / "tcdesk")], capture_output=True, text=True
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "smoke: all passed" in result.stdout


def test_bundle_carries_resources_rules_metadata_and_only_the_qt_it_uses(dist):
    internal = dist / "tcdesk" / "_internal"
    assert (internal / "resources" / "templates" / "tc-renewal-v1.yaml").is_file()
    assert (internal / "resources" / "icons" / "tcdesk.svg").is_file()
    # The PDF's fonts, the fallback face for Chinese, Japanese and Korean text included, with their licences.
    assert {p.name for p in (internal / "resources" / "fonts").iterdir()} >= {
        "DejaVuSans.ttf", "DejaVu-LICENSE", "DroidSansFallback.ttf", "DroidSansFallback-LICENSE"}
    assert list((internal / "rules" / "core").glob("*.yaml"))
    assert list(internal.glob("tcdesk-*.dist-info")) or list(internal.glob("tcdesk.egg-info"))
    qt_modules = {p.name.split(".")[0] for p in (internal / "PySide6").glob("Qt*.so")}
    assert "QtWidgets" in qt_modules
    assert qt_modules <= QT_MODULES_USED, qt_modules - QT_MODULES_USED
    assert not list(internal.rglob("*.qm")), "Qt translations should be left out"
    assert not list(internal.rglob("libQt6Qml*")) and not list(internal.rglob("libQt6Network*"))


def test_command_line_starts_without_loading_qt(dist):
    # glibc's loader names every shared library it opens; `check` and friends must not pay for Qt.
    env = {**os.environ, "LD_DEBUG": "files"}
    result = subprocess.run([str(dist / "tcdesk" / "tcdesk"), "check", str(ROOT / "examples" / "northmoor-clean.tcdesk.json")],
                            env=env, capture_output=True, text=True)
    assert result.returncode == 0, result.stderr[-2000:]
    assert "libpython3" in result.stderr  # the loader really reported
    assert "libQt6Core" not in result.stderr


def test_tarball_installs_for_one_user_and_uninstalls_cleanly(dist, tmp_path):
    (tarball,) = dist.glob(f"tcdesk-{__version__}-linux-*.tar.gz")
    with tarfile.open(tarball) as tar:
        tar.extractall(tmp_path / "unpacked", filter="data")
    (unpacked,) = (tmp_path / "unpacked").iterdir()
    home, prefix = tmp_path / "home", tmp_path / "prefix"
    home.mkdir()
    env = {**os.environ, "HOME": str(home), "XDG_CONFIG_HOME": str(home / ".config"),
           "XDG_DATA_HOME": str(home / ".local" / "share"), "PATH": os.environ.get("PATH", "")}

    result = subprocess.run(["sh", str(unpacked / "install.sh"), "--prefix", str(prefix)], env=env,
                            capture_output=True, text=True)
    assert result.returncode == 0, result.stdout + result.stderr

    installed = prefix / "lib" / "tcdesk" / "tcdesk"
    version = subprocess.run([str(prefix / "bin" / "tcdesk"), "--version"], capture_output=True, text=True)
    assert version.stdout.strip() == f"tcdesk {__version__}"
    entry = (prefix / "share" / "applications" / "tcdesk.desktop").read_text(encoding="utf-8")
    assert f'Exec="{installed}" open %f' in entry.splitlines()
    for size in (16, 48, 256, 512):
        assert (prefix / "share" / "icons" / "hicolor" / f"{size}x{size}" / "apps" / "tcdesk.png").is_file()
        assert (prefix / "share" / "icons" / "hicolor" / f"{size}x{size}" / "mimetypes" / "application-x-tcdesk.png").is_file()
    if shutil.which("update-mime-database"):
        globs = (prefix / "share" / "mime" / "globs2").read_text(encoding="utf-8")
        assert "application/x-tcdesk:*.tcdesk" in globs
    if shutil.which("xdg-mime"):
        assert "application/x-tcdesk=tcdesk.desktop" in (home / ".config" / "mimeapps.list").read_text(encoding="utf-8")

    result = subprocess.run(["sh", str(unpacked / "install.sh"), "--prefix", str(prefix), "--uninstall"], env=env,
                            capture_output=True, text=True)
    assert result.returncode == 0, result.stdout + result.stderr
    assert not (prefix / "lib" / "tcdesk").exists()
    assert not (prefix / "bin" / "tcdesk").exists()
    assert not (prefix / "share" / "applications" / "tcdesk.desktop").exists()
    assert not list((prefix / "share" / "icons").rglob("*tcdesk*"))
