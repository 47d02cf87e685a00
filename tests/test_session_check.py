"""Session.check and Session.rules: the editor's entry points to the rule engine."""

from __future__ import annotations

import copy
from datetime import date

from synthetic import make_synthetic
from tcdesk.session import Session


def test_rules_are_built_once_per_set_of_rule_folders(pm, tmp_path):
    session = Session(pm=pm)
    assert session.rule_set() is session.rule_set()
    assert [r.code for r in session.rules()][:2] == ["TC000", "TC001"]
    pack = tmp_path / "pack"
    pack.mkdir()
    (pack / "pack.yaml").write_text("name: empty\nprefix: EM\n")
    assert session.rule_set([pack]) is not session.rule_set()


def test_check_reads_the_open_submission_without_changing_it(pm):
    sub = make_synthetic(16, answer_words=250)
    sub.new_plan.actions[0].owner = ""
    before = copy.deepcopy(sub)
    session = Session(sub, pm=pm)
    findings = session.check(today=date(2026, 11, 23), select="TC5", ignore=["TC506"])
    assert [(f.code, f.location.ref) for f in findings] == [("TC502", "V01")]
    assert session.submission == before
