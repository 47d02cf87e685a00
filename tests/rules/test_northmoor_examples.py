"""The Northmoor examples: the clean one passes, the draft reports each gap listed in examples/README.md."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from tcdesk.cli import main
from tcdesk.session import Session

EXAMPLES = Path(__file__).resolve().parents[2] / "examples"
TODAY = "2026-11-23"
_ROW = re.compile(r"^\| (TC\d{3}) \| ([^|]+) \|", re.M)


def _listed_gaps() -> list[tuple[str, str]]:
    return _ROW.findall((EXAMPLES / "README.md").read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def draft_findings():
    from datetime import date

    from tcdesk.pluginmanager import get_plugin_manager

    session = Session.open(EXAMPLES / "northmoor-draft.tcdesk.json", pm=get_plugin_manager(load_entry_points=False))
    return session.check(today=date.fromisoformat(TODAY))


def test_clean_example_exits_0_without_errors_or_warnings(capsys):
    assert main(["check", "--today", TODAY, str(EXAMPLES / "northmoor-clean.tcdesk.json")]) == 0
    assert capsys.readouterr().out.endswith(": 0 errors, 0 warnings, 0 info\n")


def test_draft_example_exits_1(capsys):
    assert main(["check", "--today", TODAY, str(EXAMPLES / "northmoor-draft.tcdesk.json")]) == 1


def test_draft_reports_each_listed_gap_at_its_place(draft_findings):
    gaps = _listed_gaps()
    assert len(gaps) >= 20
    for code, where in gaps:
        words = where.split()
        candidates = [f for f in draft_findings if f.code == code]
        assert candidates, f"{code} ({where}) not reported"
        if words[0] in ("previous", "new") and len(words) == 2:
            section = "previous-plan" if words[0] == "previous" else "new-plan"
            assert any(f.location.section.value == section and f.location.ref == words[1] for f in candidates), (code, where)
        elif words[0] == "question":
            assert any(f.location.question == words[1] for f in candidates), (code, where)
        elif words[0] == "sign-off":
            assert any(f.location.field and f.location.field.startswith(words[1] + ".") for f in candidates), (code, where)


def test_draft_reports_no_codes_beyond_the_listed_gaps(draft_findings):
    listed = {code for code, _ in _listed_gaps()}
    assert {f.code for f in draft_findings} == listed


def test_draft_near_misses_stay_quiet(draft_findings):
    refs = {(f.code, f.location.ref) for f in draft_findings}
    assert ("TC201", "C05") not in refs and ("TC205", "C05") not in refs
    assert not any(f.code == "TC206" for f in draft_findings)
    assert not any(f.code == "TC105" for f in draft_findings)
    [unknown] = [f for f in draft_findings if f.code == "TC402"]
    assert '"R19"' in unknown.message
