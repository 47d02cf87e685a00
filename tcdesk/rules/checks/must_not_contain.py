"""``must-not-contain``: a text must not contain some phrases or patterns; each occurrence is a finding.

``phrases`` are literal, whole-word and case-insensitive; ``patterns`` are regular expressions, as
case-sensitive as written (add ``(?i)`` to ignore case). Either may be ``"$name"`` of a pack list.
The finding's location carries the character span of the occurrence.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Mapping
from functools import lru_cache
from typing import Any

from tcdesk.rules.checks import data_value
from tcdesk.rules.checks.must_mention import check_phrase_list, phrase_pattern
from tcdesk.rules.checks.targets import TARGET_KEYS, resolve, validate_targets
from tcdesk.rules.context import CheckContext
from tcdesk.rules.finding import Finding


_GLOBAL_FLAGS = re.compile(r"^\(\?([aiLmsux]+)\)")


def _scoped(pattern: str) -> str:
    # "(?i)x" must become "(?i:x)" to sit inside an alternation with other patterns.
    m = _GLOBAL_FLAGS.match(pattern)
    return f"(?{m.group(1)}:{pattern[m.end():]})" if m else f"(?:{pattern})"


@lru_cache(maxsize=128)
def combined(patterns: tuple[str, ...]) -> re.Pattern[str]:
    """All patterns as one alternation, so a long text is scanned once."""
    return re.compile("|".join(_scoped(p) for p in patterns))


def check_patterns(value: Any, key: str) -> list[tuple[str, str]]:
    if isinstance(value, str) and value.startswith("$"):
        return []
    problems = check_phrase_list(value, key)
    for p in value if not problems else ():
        try:
            combined((p,))
        except re.error as exc:
            problems.append((key, f"bad regular expression {p!r}: {exc}"))
    return problems


class MustNotContain:
    name = "must-not-contain"

    def validate(self, params: Mapping[str, Any]) -> list[tuple[str, str]]:
        problems = validate_targets(params)
        problems += [(k, f"unknown parameter {k!r}") for k in params if k not in (*TARGET_KEYS, "phrases", "patterns")]
        if "phrases" not in params and "patterns" not in params:
            problems.append(("params", "give 'phrases' or 'patterns'"))
        if "phrases" in params:
            problems += check_phrase_list(params["phrases"], "phrases")
        if "patterns" in params:
            problems += check_patterns(params["patterns"], "patterns")
        return problems

    def run(self, ctx: CheckContext, rule: Any, params: Mapping[str, Any]) -> Iterator[Finding]:
        matchers = []
        if "phrases" in params:
            matchers.append(phrase_pattern(tuple(data_value(ctx, params["phrases"]) or ())))
        if "patterns" in params:
            patterns = tuple(data_value(ctx, params["patterns"]) or ())
            if patterns:
                matchers.append(combined(patterns))
        for target in resolve(ctx, params):
            if not isinstance(target.value, str) or not target.value:
                continue
            hits = sorted((m for rx in matchers for m in rx.finditer(target.value)), key=lambda m: m.start())
            for m in hits:
                loc = target.location
                located = type(loc)(loc.section, loc.question, loc.ref, loc.index, loc.field, m.start(), m.end())
                yield rule.finding(located, text=m.group(0), **target.values)
