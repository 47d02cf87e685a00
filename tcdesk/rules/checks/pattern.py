"""``pattern``: a non-empty text must match a regular expression (``match``), e.g. a reference format.

``ignore_case: true`` ignores case. Empty texts are left to ``required-field`` rules. To forbid
text, use ``must-not-contain``.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Mapping
from functools import lru_cache
from typing import Any

from tcdesk.rules.checks.targets import TARGET_KEYS, is_blank, resolve, validate_targets
from tcdesk.rules.context import CheckContext
from tcdesk.rules.finding import Finding


@lru_cache(maxsize=64)
def _compiled(pattern: str, ignore_case: bool) -> re.Pattern[str]:
    return re.compile(pattern, re.IGNORECASE if ignore_case else 0)


class Pattern:
    name = "pattern"

    def validate(self, params: Mapping[str, Any]) -> list[tuple[str, str]]:
        problems = validate_targets(params)
        problems += [(k, f"unknown parameter {k!r}") for k in params if k not in (*TARGET_KEYS, "match", "ignore_case")]
        if not isinstance(params.get("match"), str):
            problems.append(("match" if "match" in params else "params", "give 'match': a regular expression"))
        else:
            try:
                re.compile(params["match"])
            except re.error as exc:
                problems.append(("match", f"bad regular expression: {exc}"))
        return problems

    def run(self, ctx: CheckContext, rule: Any, params: Mapping[str, Any]) -> Iterator[Finding]:
        rx = _compiled(params["match"], bool(params.get("ignore_case", False)))
        for target in resolve(ctx, params):
            if is_blank(target.value) or not isinstance(target.value, str):
                continue
            if not rx.search(target.value):
                yield rule.finding(target.location, text=target.value.strip()[:60], **target.values)
