"""The synthetic generator gives deterministic, clean, realistic submissions of the asked size."""

from __future__ import annotations

import json
import subprocess
import sys
from datetime import date
from pathlib import Path

import pytest
from submission_gaps import gaps, stated_counts

from synthetic import make_real_size, make_synthetic, text_size
from tcdesk import interchange
from tcdesk.model import Pillar, rag_totals

TODAY = date(2026, 11, 23)
SCRIPT = Path(__file__).resolve().parents[2] / "benchmarks" / "synthetic.py"


@pytest.mark.parametrize("n_actions", [8, 70, 501])
def test_synthetic_submission_has_no_gap_of_the_rule_table(n_actions: int) -> None:
    assert gaps(make_synthetic(n_actions, answer_words=320), TODAY) == []


def test_actions_are_split_between_the_plans_over_every_pillar() -> None:
    sub = make_synthetic(501, answer_words=50)
    assert (len(sub.previous_plan.actions), len(sub.new_plan.actions)) == (250, 251)
    for actions in (sub.previous_plan.actions, sub.new_plan.actions):
        assert {a.pillar for a in actions} == set(Pillar)
    assert (sub.previous_plan.period, sub.new_plan.period) == ("2023-2026", "2026-2029")


def test_question_3_states_the_table_counts() -> None:
    sub = make_synthetic(120, answer_words=50)
    totals = rag_totals(sub.previous_plan)
    assert stated_counts(sub.answer(3)) == {"red": totals.red, "amber": totals.amber, "green": totals.green,
                                            "total": 60}
    assert min(totals.red, totals.amber, totals.green) > 0


def test_same_seed_gives_the_same_submission_and_another_seed_does_not() -> None:
    assert interchange.dumps(make_synthetic(40, 200, seed=3)) == interchange.dumps(make_synthetic(40, 200, seed=3))
    assert interchange.dumps(make_synthetic(40, 200, seed=3)) != interchange.dumps(make_synthetic(40, 200, seed=4))


def test_answers_are_markdown_of_about_the_asked_length() -> None:
    sub = make_synthetic(16, answer_words=2000)
    for n in "1234567":
        text = sub.answer(n)
        assert 2000 <= len(text.split()) < 2200
        assert "\n## " in text and "\n- " in text and "\n1. " in text and "](https://" in text


def test_real_size_submission_has_70_actions_and_about_120_kb_of_text() -> None:
    sub = make_real_size()
    assert len(sub.previous_plan.actions) + len(sub.new_plan.actions) == 70
    assert 110_000 <= text_size(sub) <= 130_000
    assert gaps(sub, TODAY) == []


def test_too_few_actions_for_every_pillar_is_refused() -> None:
    with pytest.raises(ValueError, match="at least 8"):
        make_synthetic(7)


def test_command_line_writes_a_valid_interchange_file(tmp_path) -> None:
    out = tmp_path / "big.tcdesk.json"
    run = subprocess.run([sys.executable, str(SCRIPT), "--actions", "60", "--answer-words", "300", str(out)],
                         capture_output=True, text=True, check=True)
    assert str(out) in run.stdout
    sub = interchange.read(out)
    assert len(sub.previous_plan.actions) + len(sub.new_plan.actions) == 60
    assert json.loads(out.read_text(encoding="utf-8"))["format"] == "tcdesk-submission"


def test_layout_for_a_seed_stays_put_when_text_changes() -> None:
    # Other tests break make_synthetic(16) at known places (red S01 at index 3, new V01 ...): pin the layout.
    sub = make_synthetic(16, answer_words=250)
    assert [(a.ref, a.rag.value) for a in sub.previous_plan.actions] == [
        ("V01", "amber"), ("R01", "amber"), ("C01", "amber"), ("S01", "red"),
        ("V02", "amber"), ("C02", "amber"), ("R02", "green"), ("V03", "green")]
    assert [(a.ref, a.carried_from, a.due) for a in sub.new_plan.actions] == [
        ("V01", "V01", "2027-12"), ("R01", "", "2028-07"), ("C01", "C01", "2027-12"), ("S01", "", "2029-04"),
        ("V02", "", "2027-12"), ("C02", "C02", "2026-11"), ("R02", "", "2027-03"), ("V03", "", "2027-03")]


def test_the_hostile_input_benchmark_runs(tmp_path):
    import subprocess
    import sys
    from pathlib import Path

    script = Path(__file__).resolve().parents[2] / "benchmarks" / "bench_hostile.py"
    done = subprocess.run([sys.executable, str(script), "--quick"], capture_output=True, text=True, timeout=600)
    assert done.returncode == 0, done.stderr
    assert done.stdout.count("growth/size") == 5
