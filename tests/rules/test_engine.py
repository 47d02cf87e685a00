"""The engine: faulty rules are isolated as TC000, findings are sorted, the submission is never changed."""

from __future__ import annotations

import copy
import time
from datetime import date

from tcdesk.hookspecs import hookimpl
from tcdesk.rules.engine import build_rule_set, matches_codes, parse_codes
from tcdesk.rules.finding import Location, Section, Severity
from tcdesk.rules.rule import Example, Rule

TODAY = date(2026, 11, 23)


def _rule(code, check, name="test-rule"):
    return Rule(code=code, name=name, severity=Severity.WARNING, summary="s", message="m {ref}", why="w",
                example=Example("f", "p"), check=check)


class _Plugin:
    def __init__(self, *rules):
        self.rules = rules

    @hookimpl
    def register_rules(self):
        return list(self.rules)


def _boom(ctx, rule):
    raise KeyError("rag")


def _slow(ctx, rule):
    time.sleep(1.0)
    return []


def _fires(ctx, rule):
    yield rule.finding(Location(Section.NEW_PLAN, ref="V01", index=0, field="owner"))


def _spins(ctx, rule):
    ends = time.monotonic() + 1.5  # then it ends, so it does not slow the tests after it
    spun = 0
    while time.monotonic() < ends:  # CPU-bound, as a runaway rule is
        spun += 1
    return []


def _waits_briefly(ctx, rule):
    time.sleep(0.3)  # past a 0.2 s budget on the wall clock, but no CPU: a busy machine looks like this
    yield rule.finding(Location(Section.NEW_PLAN, ref="V01", index=0, field="owner"))


def test_a_rule_that_computes_past_its_budget_is_stopped_by_its_cpu_time(pm, clean):
    pm.register(_Plugin(_rule("XT001", _spins, "spinner"), _rule("XT002", _fires)), name="busy-plugin")
    findings = build_rule_set(pm, budget=0.2).check(clean, TODAY, select=["XT"])
    assert any(f.code == "TC000" and "XT001 spinner" in f.message for f in findings)
    assert any(f.code == "XT002" for f in findings)


def test_a_rule_waiting_less_than_three_budgets_is_not_stopped(pm, clean):
    pm.register(_Plugin(_rule("XT001", _waits_briefly, "patient")), name="patient-plugin")
    findings = build_rule_set(pm, budget=0.2).check(clean, TODAY, select=["XT"])
    assert not [f for f in findings if f.code == "TC000"] and any(f.code == "XT001" for f in findings)


def test_a_rule_that_raises_becomes_one_tc000_and_the_others_still_run(pm, clean):
    pm.register(_Plugin(_rule("XT001", _boom, "explodes"), _rule("XT002", _fires)), name="flaky-plugin")
    findings = build_rule_set(pm).check(clean, TODAY)
    [tc000] = [f for f in findings if f.code == "TC000"]
    assert "XT001" in tc000.message and "flaky-plugin" in tc000.message and "KeyError" in tc000.message
    assert [f.code for f in findings if f.code == "XT002"] == ["XT002"]


def test_a_rule_that_overruns_its_budget_becomes_tc000(pm, clean):
    pm.register(_Plugin(_rule("XT001", _slow, "sleepy"), _rule("XT002", _fires)), name="slow-plugin")
    rule_set = build_rule_set(pm, budget=0.2)
    started = time.perf_counter()
    findings = rule_set.check(clean, TODAY)
    assert time.perf_counter() - started < 0.9
    [tc000] = [f for f in findings if f.code == "TC000"]
    assert "XT001 sleepy" in tc000.message and "longer than 0.2 s" in tc000.message
    assert any(f.code == "XT002" for f in findings)


def test_a_rule_returning_something_else_than_findings_is_isolated(pm, clean):
    pm.register(_Plugin(_rule("XT001", lambda ctx, rule: ["not a finding"])), name="odd-plugin")
    findings = build_rule_set(pm).check(clean, TODAY)
    assert [f.code for f in findings] == ["TC000"] and "not a Finding" in findings[0].message


def test_a_plugin_whose_hook_raises_is_reported_and_the_core_rules_still_run(pm, make_submission):
    class Broken:
        @hookimpl
        def register_rules(self):
            raise RuntimeError("cannot start")

    pm.register(Broken(), name="broken-plugin")
    findings = build_rule_set(pm).check(make_submission(), TODAY)
    assert any(f.code == "TC000" and "broken-plugin" in f.message for f in findings)
    assert any(f.code == "TC001" for f in findings)


def test_checking_never_modifies_the_submission(pm, make_submission, clean):
    rule_set = build_rule_set(pm)
    for sub in (clean, make_submission(prev=[{"ref": "V01", "rag": "red"}], new=[{"ref": "V01"}, {"ref": "V01"}])):
        before = copy.deepcopy(sub)
        rule_set.check(sub, TODAY)
        assert sub == before


def test_findings_are_sorted_by_location_then_code(pm, make_submission):
    findings = build_rule_set(pm).check(make_submission(), TODAY)
    assert findings == sorted(findings, key=lambda f: f.sort_key())
    sections = [f.location.section for f in findings]
    assert sections.index(Section.COVER) < sections.index(Section.QUESTION) < sections.index(Section.SIGNOFF)


def test_an_empty_submission_reports_the_structural_errors(pm, make_submission):
    found = {f.code for f in build_rule_set(pm).check(make_submission(), TODAY)}
    assert {"TC001", "TC002", "TC003", "TC004", "TC006", "TC101", "TC105", "TC403", "TC501"} <= found
    assert "TC000" not in found


def test_select_and_ignore_take_codes_and_prefixes(pm, make_submission):
    rule_set = build_rule_set(pm)
    sub = make_submission()
    assert {f.code for f in rule_set.check(sub, TODAY, select=["TC1"], ignore=["TC105"])} == {"TC101"}
    assert parse_codes(["TC1,TC201", " TC3 "]) == ["TC1", "TC201", "TC3"]
    assert matches_codes("TC201", ["tc2"]) and not matches_codes("TC301", ["TC2"])


def test_every_rule_has_identity_and_documentation(pm):
    rules = build_rule_set(pm).rules
    issue_codes = {"TC000", "TC001", "TC002", "TC003", "TC004", "TC005", "TC006", "TC101", "TC102", "TC103",
                   "TC104", "TC105", "TC106", "TC107", "TC108", "TC109", "TC110", "TC201", "TC202", "TC203", "TC204", "TC205", "TC206", "TC301", "TC401",
                   "TC402", "TC403", "TC501", "TC502", "TC503", "TC504", "TC505", "TC506"}
    assert {r.code for r in rules} == issue_codes
    for rule in rules:
        assert rule.name == rule.name.lower() and " " not in rule.name
        assert rule.summary and rule.why and rule.example.fails and rule.example.passes and rule.source
        doc = rule.documentation()
        assert doc.startswith(f"## {rule.code} {rule.name}") and "**Fails:**" in doc and "**Passes:**" in doc


def test_the_budget_comes_from_the_environment(pm, monkeypatch):
    monkeypatch.setenv("TCDESK_RULE_BUDGET", "0.5")
    assert build_rule_set(pm).budget == 0.5


def test_checks_from_several_threads_at_once_agree(pm, clean):
    import threading

    rule_set = build_rule_set(pm)
    clean.organisation = ""
    expected = rule_set.check(clean, TODAY)
    results = []
    threads = [threading.Thread(target=lambda: results.append(rule_set.check(clean, TODAY))) for _ in range(4)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert results == [expected] * 4
