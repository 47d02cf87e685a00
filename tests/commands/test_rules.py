"""``tcdesk rules``: the list, one rule's documentation, and docs/rules.md kept in step."""

from __future__ import annotations

from pathlib import Path

from tcdesk.cli import main
from tcdesk.rules.docs import builtin_markdown

ROOT = Path(__file__).resolve().parents[2]


def test_rules_lists_code_severity_name_and_source(capsys):
    assert main(["rules"]) == 0
    lines = capsys.readouterr().out.splitlines()
    tc201 = next(line for line in lines if line.startswith("TC201"))
    assert tc201.split() == ["TC201", "error", "red-action-unexplained", "tcdesk.plugins.core_rules"]
    tc502 = next(line for line in lines if line.startswith("TC502"))
    assert tc502.split()[-1] == "rules/core"
    assert len([line for line in lines if line.startswith("TC")]) == 33


def test_rules_code_prints_its_documentation(capsys):
    assert main(["rules", "tc201"]) == 0
    doc = capsys.readouterr().out
    assert doc.startswith("## TC201 red-action-unexplained")
    for part in ("**What it checks.**", "**Why it matters.**", "**Fails:**", "**Passes:**"):
        assert part in doc


def test_unknown_rule_code_exits_2(capsys):
    assert main(["rules", "TC999"]) == 2
    assert "TC999" in capsys.readouterr().err


def test_docs_rules_md_is_up_to_date():
    committed = (ROOT / "docs" / "rules.md").read_text(encoding="utf-8")
    assert committed == builtin_markdown(), "docs/rules.md is stale: run python -m tcdesk.rules.docs > docs/rules.md"


def test_rules_markdown_prints_every_rule(capsys):
    assert main(["rules", "--markdown"]) == 0
    out = capsys.readouterr().out
    assert out.startswith("# Rules") and "## TC506 due-outside-plan" in out
