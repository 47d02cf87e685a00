"""A third-party plugin, pip-installed from examples/plugin-example, shows in ``tcdesk rules`` and fires in ``tcdesk check``."""

from __future__ import annotations

import importlib.util
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from synthetic import make_synthetic
from tcdesk import interchange

EXAMPLE = Path(__file__).resolve().parent.parent / "examples" / "plugin-example"


@pytest.fixture(scope="module")
def plugin_site(tmp_path_factory):
    """The example plugin installed with pip into a folder of its own (the environment stays untouched)."""
    base = tmp_path_factory.mktemp("plugin")
    source, site = base / "source", base / "site"
    shutil.copytree(EXAMPLE, source, ignore=shutil.ignore_patterns("build", "*.egg-info"))
    command = [sys.executable, "-m", "pip", "install", "--no-deps", "--no-index", "--quiet", "--target", str(site), str(source)]
    if importlib.util.find_spec("wheel") is not None:
        command.insert(4, "--no-build-isolation")  # offline: build with the setuptools and wheel installed here
    else:
        command.remove("--no-index")
    done = subprocess.run(command, capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
    assert (site / "tcdesk_example_rules" / "pack" / "pack.yaml").is_file()
    return site


def _tcdesk(site: Path, *args: str) -> subprocess.CompletedProcess:
    env = {**os.environ, "PYTHONPATH": os.pathsep.join([str(site), os.environ.get("PYTHONPATH", "")]).rstrip(os.pathsep)}
    return subprocess.run([sys.executable, "-m", "tcdesk.cli", *args], capture_output=True, text=True, env=env)


@pytest.mark.slow
def test_installed_plugin_rules_are_listed_with_their_distribution(plugin_site):
    done = _tcdesk(plugin_site, "rules")
    assert done.returncode == 0, done.stderr
    lines = {line.split()[0]: line for line in done.stdout.splitlines()}
    assert "impact-without-figures" in lines["XR001"] and "tcdesk-example-rules 0.1.0" in lines["XR001"]
    assert "equality-charters-not-mentioned" in lines["XR002"]
    assert "TC201" in lines  # the built-in rules are still there
    doc = _tcdesk(plugin_site, "rules", "XR001").stdout
    assert doc.startswith("## XR001 impact-without-figures")


@pytest.mark.slow
def test_installed_plugin_rules_fire_in_check(plugin_site, tmp_path):
    sub = make_synthetic(16, answer_words=250)
    sub.answers["4"] = "Our plan has had a visible impact on technicians across every faculty. " * 30
    path = tmp_path / "draft.tcdesk.json"
    interchange.write(sub, path)
    done = _tcdesk(plugin_site, "check", str(path), "--today", "2026-11-23")
    assert done.returncode == 0, done.stderr  # the plugin's findings are a warning and an info
    assert f"{path}: Question 4: XR001 warning: Question 4 gives no figures" in done.stdout
    assert f"{path}: Question 2: XR002 info:" in done.stdout


def test_without_the_plugin_its_rules_are_absent():
    done = subprocess.run([sys.executable, "-m", "tcdesk.cli", "rules"], capture_output=True, text=True)
    assert done.returncode == 0 and "XR001" not in done.stdout
