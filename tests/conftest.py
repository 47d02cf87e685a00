"""Shared fixtures: a fresh built-ins-only plugin manager and a compact submission builder."""

from __future__ import annotations

import os
import sys
from pathlib import Path

import pytest
from hypothesis import HealthCheck, settings

# Tests share two cores with LibreOffice and Qt runs: generation speed is not what is tested here.
settings.register_profile("tcdesk", deadline=None, suppress_health_check=[HealthCheck.too_slow])
settings.load_profile("tcdesk")

# Qt must never need a display in tests; set before pytest-qt creates the QApplication.
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

ROOT = Path(__file__).resolve().parent.parent
EXAMPLES = ROOT / "examples"
sys.path.insert(0, str(ROOT / "benchmarks"))  # the synthetic-submission generator lives there


@pytest.fixture(autouse=True)
def _isolated_user_dirs(tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch) -> None:
    # Per-user settings, rules and recent files must not leak between tests or from the developer.
    base = tmp_path_factory.mktemp("userdirs")
    monkeypatch.setenv("TCDESK_CONFIG_DIR", str(base / "config"))
    monkeypatch.setenv("TCDESK_DATA_DIR", str(base / "data"))
    monkeypatch.setenv("TCDESK_CACHE_DIR", str(base / "cache"))


@pytest.fixture
def pm():
    """A plugin manager with the built-in plugins only, so installed plugins never change results."""
    from tcdesk.pluginmanager import get_plugin_manager

    return get_plugin_manager(load_entry_points=False)


@pytest.fixture
def make_submission():
    """Build a submission in a line: ``make_submission(organisation="X", prev=[dict(ref="V01", rag="red")])``."""
    from tcdesk import interchange
    from tcdesk.model import Submission

    def build(prev: list[dict] | None = None, new: list[dict] | None = None, **top) -> Submission:
        data = interchange.to_dict(Submission())
        data.update(top)
        if prev is not None:
            data["previous_plan"]["actions"] = prev
        if new is not None:
            data["new_plan"]["actions"] = new
        return interchange.from_dict(data)

    return build
