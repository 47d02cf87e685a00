"""``required-field``: the named fields must hold something (text with a letter or digit, a date, a list item).

``blank_if: <regex>`` also counts text that matches it as empty, e.g. ``"Signed....."`` on a sign-off line.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from typing import Any

from tcdesk.rules.checks.targets import TARGET_KEYS, is_blank, resolve, validate_targets
from tcdesk.rules.context import CheckContext
from tcdesk.rules.finding import Finding
from tcdesk.rules.scan import compile_pattern, pattern_problem


class RequiredField:
    name = "required-field"

    def validate(self, params: Mapping[str, Any]) -> list[tuple[str, str]]:
        problems = validate_targets(params)
        problems += [(k, f"unknown parameter {k!r}") for k in params if k not in (*TARGET_KEYS, "blank_if")]
        if "blank_if" in params and (problem := pattern_problem(params["blank_if"])):
            problems.append(("blank_if", f"bad regular expression: {problem}"))
        return problems

    def run(self, ctx: CheckContext, rule: Any, params: Mapping[str, Any]) -> Iterator[Finding]:
        blank_if = compile_pattern(params["blank_if"]) if "blank_if" in params else None
        for target in resolve(ctx, params):
            value = target.value
            if is_blank(value) or (blank_if is not None and isinstance(value, str) and blank_if.fullmatch(value.strip())):
                yield rule.finding(target.location, **target.values)
