"""SARIF 2.1.0 output, for code-review and CI tools that read static-analysis results.

A submission is not a text file with lines, so each result carries a logical location
(``question/3``, ``previous-plan/V03/explanation``); the full location, with any character span inside
an answer, is in the result's properties.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from tcdesk import __version__
from tcdesk.report import FileResult
from tcdesk.rules.finding import Finding, Section
from tcdesk.rules.rule import Rule

SCHEMA_URI = "https://json.schemastore.org/sarif-2.1.0.json"
_LEVEL = {"error": "error", "warning": "warning", "info": "note"}


def _logical_name(f: Finding) -> str:
    loc = f.location
    parts = [loc.section.value]
    if loc.section is Section.QUESTION and loc.question:
        parts.append(loc.question)
    if loc.ref:
        parts.append(loc.ref)
    elif loc.index is not None:
        parts.append(f"#{loc.index + 1}")
    if loc.field:
        parts.append(loc.field)
    return "/".join(parts)


def _result(f: Finding, rule_index: dict[str, int], file: str) -> dict[str, Any]:
    # Spans are offsets inside one answer, not inside the file, so they stay in the properties
    # rather than in a physical region.
    physical: dict[str, Any] = {"artifactLocation": {"uri": Path(file).as_posix()}}
    out: dict[str, Any] = {
        "ruleId": f.code,
        "level": _LEVEL[f.severity.value],
        "message": {"text": f.message},
        "locations": [{
            "physicalLocation": physical,
            "logicalLocations": [{"name": _logical_name(f), "kind": "member"}],
            "message": {"text": f.location.describe()},
        }],
        "properties": {"location": f.location.to_dict()},
    }
    if f.code in rule_index:
        out["ruleIndex"] = rule_index[f.code]
    return out


def _descriptor(rule: Rule) -> dict[str, Any]:
    return {
        "id": rule.code,
        "name": rule.name,
        "shortDescription": {"text": rule.summary},
        "fullDescription": {"text": " ".join(rule.why.split())},
        "help": {"text": rule.summary, "markdown": rule.documentation()},
        "defaultConfiguration": {"level": _LEVEL[rule.severity.value]},
        "properties": {"source": rule.source, "status": rule.status.value},
    }


def render(results: Sequence[FileResult], rules: Sequence[Rule]) -> str:
    rule_index = {r.code: i for i, r in enumerate(rules)}
    log = {
        "$schema": SCHEMA_URI,
        "version": "2.1.0",
        "runs": [{
            "tool": {"driver": {
                "name": "tcdesk",
                "version": __version__,
                "rules": [_descriptor(r) for r in rules],
            }},
            "artifacts": [{"location": {"uri": Path(r.file).as_posix()}} for r in results],
            "results": [_result(f, rule_index, r.file) for r in results for f in r.findings],
            "columnKind": "unicodeCodePoints",
        }],
    }
    return json.dumps(log, indent=2, ensure_ascii=False) + "\n"
