"""Rule hooks are called through pluggy one plugin at a time, and the quick look for installed plugins misses none."""

from __future__ import annotations

import logging
import os
import subprocess
import sys
from importlib.metadata import entry_points
from pathlib import Path

import pytest

from tcdesk import pluginmanager
from tcdesk.hookspecs import hookimpl
from tcdesk.pluginmanager import call_each
from tcdesk.rules.engine import build_rule_set

EXAMPLES = Path(__file__).resolve().parents[1] / "examples"


class Broken:
    @hookimpl
    def register_rules(self):
        raise KeyError("rag")


class Wrapper:
    def __init__(self) -> None:
        self.seen: list[int] = []

    @hookimpl(wrapper=True)
    def register_rules(self):
        result = yield
        self.seen.append(len(result))
        return result


def test_a_raising_plugin_is_reported_and_the_others_still_contribute(pm):
    pm.register(Broken(), name="broken")
    rules = build_rule_set(pm, include_user_rules=False)
    assert any("plugin broken failed to register rules: KeyError: 'rag'" in e for e in rules.load_errors)
    assert rules.by_code("TC201") is not None and rules.by_code("TC203") is not None


def test_hook_wrappers_wrap_every_plugins_call(pm):
    wrapper = Wrapper()
    pm.register(wrapper, name="wrapper")
    each = call_each(pm, "register_rules")
    assert [c.plugin_name for c in each] == ["tcdesk.plugins.core_rules"]
    assert wrapper.seen == [1]
    assert each[0].source == "tcdesk.plugins.core_rules" and each[0].error is None


def test_tracing_shows_the_rule_hooks(pm, caplog):
    pm.trace.root.setwriter(lambda msg: logging.getLogger("tcdesk.plugins").warning("%s", msg.rstrip()))
    undo = pm.enable_tracing()
    try:
        with caplog.at_level(logging.WARNING, logger="tcdesk.plugins"):
            build_rule_set(pm, include_user_rules=False)
    finally:
        undo()
    text = caplog.text
    for hook in ("register_check_types", "register_rules", "register_rule_packs"):
        assert f"{hook} [hook]" in text


def test_trace_variable_shows_the_rule_hooks_of_tcdesk_check():
    done = subprocess.run(
        [sys.executable, "-m", "tcdesk", "check", str(EXAMPLES / "northmoor-clean.tcdesk.json")],
        capture_output=True, text=True, env={**os.environ, "TCDESK_TRACE_HOOKS": "1"}, timeout=60,
    )
    assert "register_rules [hook]" in done.stderr and "register_rule_packs [hook]" in done.stderr


def _dist(folder, name: str, entry_points_txt: str | None) -> None:
    info = folder / f"{name}-1.0.dist-info"
    info.mkdir(parents=True)
    (info / "METADATA").write_text(f"Metadata-Version: 2.1\nName: {name}\nVersion: 1.0\n", encoding="utf-8")
    if entry_points_txt is not None:
        (info / "entry_points.txt").write_text(entry_points_txt, encoding="utf-8")


@pytest.mark.parametrize("declared, expected", [
    ("[tcdesk]\nextra = extra_rules\n", True),
    ("[ tcdesk ]\nextra = extra_rules\n", True),
    ("  [tcdesk]  \r\nextra = extra_rules\r\n", True),
    ("[console_scripts]\ntcdesk-extra = extra:main\n", False),
    ("[tcdesk.other]\nx = y\n", False),
    (None, False),
])
def test_quick_look_never_misses_what_importlib_metadata_finds(tmp_path, monkeypatch, declared, expected):
    _dist(tmp_path, "extra", declared)
    monkeypatch.setattr(sys, "path", [str(tmp_path)])
    assert pluginmanager._may_declare_plugins() is expected
    # Saying "maybe" too often only costs time; saying "none" when there is one would lose a plugin.
    assert expected or not entry_points(group=pluginmanager.ENTRY_POINT_GROUP)


def test_a_zip_on_the_path_gets_the_full_search(tmp_path, monkeypatch):
    archive = tmp_path / "plugins.zip"
    archive.write_bytes(b"PK\x05\x06" + b"\0" * 18)
    monkeypatch.setattr(sys, "path", [str(archive)])
    assert pluginmanager._may_declare_plugins() is True


def test_installed_plugin_is_registered(tmp_path, monkeypatch):
    (tmp_path / "extra_rules.py").write_text("from tcdesk import hookimpl\n\n@hookimpl\ndef register_rules():\n    return []\n", encoding="utf-8")
    _dist(tmp_path, "extra", "[tcdesk]\nextra = extra_rules\n")
    monkeypatch.syspath_prepend(str(tmp_path))
    pm = pluginmanager.get_plugin_manager()
    assert pm.get_plugin("extra") is not None
