"""Rule hooks are called through pluggy one plugin at a time: traced, wrapped, and a failure stays its own."""

from __future__ import annotations

import logging
import os
import subprocess
import sys
from pathlib import Path

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
