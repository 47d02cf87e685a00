"""``must-not-contain``: a text must not contain some phrases or patterns; each occurrence is a finding.

``phrases`` are literal, whole-word and case-insensitive; ``patterns`` are regular expressions, as
case-sensitive as written (add ``(?i)`` to ignore case). Either may be ``"$name"`` of a pack list.
The finding's location carries the character span of the occurrence.
"""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Iterator, Mapping
from typing import Any

from tcdesk.rules.checks import data_value
from tcdesk.rules.checks.must_mention import check_phrase_list
from tcdesk.rules.checks.targets import TARGET_KEYS, resolve, validate_targets
from tcdesk.rules.context import CheckContext
from tcdesk.rules.finding import Finding, Location
from tcdesk.rules.scan import pattern_problem, scanner

_SEPARATOR = "\n\x00\n"


def check_patterns(value: Any, key: str) -> list[tuple[str, str]]:
    if isinstance(value, str) and value.startswith("$"):
        return []
    problems = check_phrase_list(value, key)
    for p in value if not problems else ():
        problem = pattern_problem(p)
        if problem:
            problems.append((key, f"bad regular expression {p[:60]!r}: {problem}"))
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
        patterns = tuple(data_value(ctx, params.get("patterns")) or ())
        phrases = tuple(data_value(ctx, params.get("phrases")) or ())
        if not patterns and not phrases:
            return
        search = scanner(patterns, phrases)
        targets = [t for t in resolve(ctx, params) if isinstance(t.value, str) and t.value]
        # One pass over all the texts joined; the separator keeps matches inside one text.
        starts, pieces, offset = [], [], 0
        for t in targets:
            starts.append(offset)
            pieces.append(t.value)
            offset += len(t.value) + len(_SEPARATOR)
        joined = _SEPARATOR.join(pieces)
        for m in search.finditer(joined):
            i = bisect_right(starts, m.start) - 1
            target, base = targets[i], starts[i]
            if m.end > base + len(target.value):
                continue
            loc = target.location
            located = Location(loc.section, loc.question, loc.ref, loc.index, loc.field, m.start - base, m.end - base)
            yield rule.finding(located, text=m.text, **target.values)
