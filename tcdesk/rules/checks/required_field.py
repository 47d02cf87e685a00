"""``required-field``: the named fields must hold something (text with a letter or digit, a date, a list item)."""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from typing import Any

from tcdesk.rules.checks.targets import TARGET_KEYS, is_blank, resolve, validate_targets
from tcdesk.rules.context import CheckContext
from tcdesk.rules.finding import Finding


class RequiredField:
    name = "required-field"

    def validate(self, params: Mapping[str, Any]) -> list[tuple[str, str]]:
        problems = validate_targets(params)
        problems += [(k, f"unknown parameter {k!r}") for k in params if k not in TARGET_KEYS]
        return problems

    def run(self, ctx: CheckContext, rule: Any, params: Mapping[str, Any]) -> Iterator[Finding]:
        for target in resolve(ctx, params):
            if is_blank(target.value):
                yield rule.finding(target.location, **target.values)
