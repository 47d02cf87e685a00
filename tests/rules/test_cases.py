"""Every rule, both ways, from its case folder: ``cases/TCxxx/fires-*.yaml`` and ``quiet-*.yaml``.

A case is a small edit of the clean submission (the ``clean`` fixture) and the findings the rule
must report after it; a ``quiet-`` case is a near miss the rule must not report. Paths name model
attributes, list positions and answer numbers; values are written as in a ``.tcdesk.json`` file
(codes for pillars and ratings, ISO dates), but are not validated, so a case can hold what only an
edit in the editor could make (an unknown TALENT code, a due date in words):

.. code-block:: yaml

    why: A red action whose progress gives no reason.
    edit:
      - set: {previous_plan.actions.3.explanation: "", previous_plan.actions.3.progress: Not started.}
    findings:
      - {section: previous-plan, ref: S01, index: 3, field: explanation, says: [S01]}

Edit operations: ``set`` (``*`` in a path means every item), ``prepend`` and ``append`` (text),
``drop`` (``{path: list, where: {key: value}}``). A finding lists the location attributes to
compare, ``severity``, ``says`` (texts the message contains), ``span`` (the answer text the
finding points at) and ``suggestion`` (``text`` and ``automatic``). ``today`` sets the check date (default 2026-11-23).
"""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Any

import pytest
import yaml

from tcdesk.model import Lead, Pillar, Rag, Submission
from tcdesk.rules.engine import build_rule_set
from tcdesk.rules.finding import Finding

CASES = Path(__file__).parent / "cases"
TODAY = date(2026, 11, 23)


def _cases() -> list[Any]:
    return [
        pytest.param(folder.name, case, id=f"{folder.name}/{case.stem}")
        for folder in sorted(CASES.iterdir()) if folder.is_dir()
        for case in sorted(folder.glob("*.yaml"))
    ]


_CONVERT = {
    "pillar": lambda v: Pillar(v) if v else None,
    "rag": lambda v: Rag(v) if v else None,
    "date": lambda v: date.fromisoformat(v) if v else None,
    "leads": lambda v: [Lead(**lead) for lead in v],
}


def _get(node: Any, key: str | int) -> Any:
    return node[key] if isinstance(node, (list, dict)) else getattr(node, key)


def _put(node: Any, key: str | int, value: Any) -> None:
    value = _CONVERT[key](value) if key in _CONVERT else value
    if isinstance(node, (list, dict)):
        node[key] = value
    else:
        setattr(node, key, value)


def _walk(root: Any, path: str) -> list[tuple[Any, Any]]:
    """``(container, key)`` pairs the dotted ``path`` names; ``*`` stands for every item of a list."""
    targets: list[tuple[Any, Any]] = [(None, root)]
    pairs: list[tuple[Any, Any]] = []
    for step in path.split("."):
        pairs = []
        for _, node in targets:
            keys = range(len(node)) if step == "*" else [int(step) if isinstance(node, list) else step]
            pairs += [(node, k) for k in keys]
        targets = [(node, _get(node, k)) for node, k in pairs]
    return pairs


def _apply(submission: Submission, op: dict[str, Any]) -> None:
    [(name, args)] = op.items()
    if name == "drop":
        for parent, key in _walk(submission, args["path"]):
            kept = [item for item in _get(parent, key) if any(_get(item, k) != v for k, v in args["where"].items())]
            _put(parent, key, kept)
        return
    for path, value in args.items():
        for parent, key in _walk(submission, path):
            if name == "set":
                _put(parent, key, value)
            elif name == "prepend":
                _put(parent, key, value + _get(parent, key))
            elif name == "append":
                _put(parent, key, _get(parent, key) + value)
            else:
                raise ValueError(f"unknown edit {name!r}")


def _matches(finding: Finding, expected: dict[str, Any], submission: Submission) -> bool:
    loc = finding.location
    for key, value in expected.items():
        if key == "severity":
            ok = finding.severity.value == value
        elif key == "says":
            ok = all(text in finding.message for text in value)
        elif key == "span":
            ok = submission.answers[loc.question][loc.start:loc.end] == value
        elif key == "suggestion":
            ok = finding.suggestion is not None and (finding.suggestion.text, finding.suggestion.automatic) == (
                value["text"], value["automatic"])
        elif key == "section":
            ok = loc.section.value == value
        else:
            ok = getattr(loc, key) == value
        if not ok:
            return False
    return True


@pytest.mark.parametrize(("code", "case"), _cases())
def test_case(code, case, clean, check):
    doc = yaml.safe_load(case.read_text(encoding="utf-8"))
    submission = clean
    for op in doc.get("edit") or []:
        _apply(submission, op)
    found = check(submission, select=[code], today=date.fromisoformat(str(doc.get("today", TODAY))))
    expected = doc.get("findings") or []
    assert case.stem.startswith(("fires-", "quiet-")), "a case file is named fires-… or quiet-…"
    if case.stem.startswith("quiet-"):
        assert not expected and found == []
        return
    assert expected, "a fires- case lists its findings"
    assert len(found) == len(expected), [f.location.describe() + ": " + f.message for f in found]
    for finding, want in zip(found, expected):
        assert _matches(finding, want, submission), (finding, want)


def test_every_rule_has_a_case_folder_with_both_kinds(pm):
    codes = {r.code for r in build_rule_set(pm, include_user_rules=False).rules} - {"TC000"}
    folders = {p.name for p in CASES.iterdir() if p.is_dir()}
    assert folders == codes
    for code in codes:
        names = [p.stem for p in (CASES / code).glob("*.yaml")]
        assert any(n.startswith("fires-") for n in names), f"{code}: no case where it fires"
        assert any(n.startswith("quiet-") for n in names), f"{code}: no near miss"


def test_clean_submission_has_no_findings(clean, check):
    assert check(clean) == []
