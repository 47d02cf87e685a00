"""``word-count``: an answer (or other text) must have at least ``min`` (and at most ``max``) words.

``min`` may be a number, or a mapping from question number to number such as ``"$word_minimums"``.
Empty texts are left to ``required-field`` rules.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from typing import Any

from tcdesk.rules.checks import data_value
from tcdesk.rules.checks.targets import TARGET_KEYS, resolve, validate_targets
from tcdesk.rules.context import CheckContext, word_count
from tcdesk.rules.finding import Finding


def _limit(value: Any, question: str | None) -> int | None:
    if isinstance(value, Mapping):
        value = value.get(question) if question in value else value.get(int(question)) if question and question.isdigit() else None
    return int(value) if isinstance(value, int) else None


class WordCount:
    name = "word-count"

    def validate(self, params: Mapping[str, Any]) -> list[tuple[str, str]]:
        problems = validate_targets(params)
        problems += [(k, f"unknown parameter {k!r}") for k in params if k not in (*TARGET_KEYS, "min", "max")]
        if "min" not in params and "max" not in params:
            problems.append(("params", "give 'min' or 'max' (a number, or a mapping from question to number)"))
        for key in ("min", "max"):
            value = params.get(key, 0)
            if isinstance(value, str) and value.startswith("$"):
                continue
            numbers = value.values() if isinstance(value, Mapping) else [value]
            if not all(isinstance(n, int) and not isinstance(n, bool) and n >= 0 for n in numbers):
                problems.append((key, f"{key} must be a whole number of words (or a mapping of them)"))
        return problems

    def run(self, ctx: CheckContext, rule: Any, params: Mapping[str, Any]) -> Iterator[Finding]:
        low, high = data_value(ctx, params.get("min")), data_value(ctx, params.get("max"))
        for target in resolve(ctx, params):
            if not isinstance(target.value, str) or not target.value.strip():
                continue
            words = word_count(target.value)
            question = target.location.question
            minimum, maximum = _limit(low, question), _limit(high, question)
            if minimum is not None and words < minimum:
                yield rule.finding(target.location, words=words, min=minimum, limit=minimum, **target.values)
            elif maximum is not None and words > maximum:
                yield rule.finding(target.location, words=words, max=maximum, limit=maximum, **target.values)
