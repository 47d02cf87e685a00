"""Formatters for check results: compiler-like text, JSON for scripts, SARIF 2.1.0 for code-review tools."""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from typing import NamedTuple

from tcdesk.model import Submission
from tcdesk.rules.finding import Finding, Severity

__all__ = ["FileResult", "summary"]


class FileResult(NamedTuple):
    """The findings for one checked file."""

    file: str
    findings: Sequence[Finding]
    submission: Submission | None = None  # lets places quote the answer's words


def summary(findings: Sequence[Finding]) -> dict[str, int]:
    counts = Counter(f.severity.value for f in findings)
    return {"errors": counts[Severity.ERROR.value], "warnings": counts[Severity.WARNING.value], "info": counts[Severity.INFO.value], "total": len(findings)}
