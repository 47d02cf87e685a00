"""``pattern``: a non-empty text must match a regular expression (``match``), e.g. a reference format.

``ignore_case: true`` ignores case. Empty texts are left to ``required-field`` rules. To forbid
text, use ``must-not-contain``.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from typing import Any

from tcdesk.rules.checks.targets import TARGET_KEYS, is_blank, resolve, validate_targets
from tcdesk.rules.context import CheckContext
from tcdesk.rules.finding import Finding
from tcdesk.rules.scan import compile_pattern, pattern_problem


class Pattern:
    name = "pattern"

    def validate(self, params: Mapping[str, Any]) -> list[tuple[str, str]]:
        problems = validate_targets(params)
        problems += [(k, f"unknown parameter {k!r}") for k in params if k not in (*TARGET_KEYS, "match", "ignore_case")]
        if not isinstance(params.get("match"), str):
            problems.append(("match" if "match" in params else "params", "give 'match': a regular expression"))
        elif problem := pattern_problem(params["match"]):
            problems.append(("match", f"bad regular expression: {problem}"))
        return problems

    def run(self, ctx: CheckContext, rule: Any, params: Mapping[str, Any]) -> Iterator[Finding]:
        rx = compile_pattern(params["match"], bool(params.get("ignore_case", False)))
        for target in resolve(ctx, params):
            if is_blank(target.value) or not isinstance(target.value, str):
                continue
            if not rx.search(target.value):
                yield rule.finding(target.location, text=target.value.strip()[:60], **target.values)
