"""``must-not-contain``: a text must not contain some phrases or patterns; each occurrence is a finding.

``phrases`` are literal, whole-word and case-insensitive; ``patterns`` are regular expressions, as
case-sensitive as written (add ``(?i)`` to ignore case). Either may be ``"$name"`` of a pack list.
The finding's location carries the character span of the occurrence.
"""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Iterator, Mapping
from itertools import accumulate
from typing import Any

from tcdesk.rules.checks import data_value
from tcdesk.rules.checks.must_mention import check_phrase_list
from tcdesk.rules.checks.targets import TARGET_KEYS, resolve, validate_targets
from tcdesk.rules.context import CheckContext, Place
from tcdesk.rules.finding import Finding, Location
from tcdesk.rules.scan import pattern_problem, scanner

_SEPARATOR = "\n\x00\n"


def check_patterns(value: Any, key: str) -> list[tuple[str, str]]:
    if isinstance(value, str) and value.startswith("$"):
        return []
    problems = check_phrase_list(value, key, phrases=False)
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
        if params.get("in") == "all-text":
            # The common case, over every text of a plan of 100,000 actions: no object per text.
            texts, places = ctx.all_text()
            values: list[Mapping[str, Any]] | None = None
        else:
            targets = [t for t in resolve(ctx, params) if isinstance(t.value, str) and t.value]
            texts = [t.value for t in targets]
            places = [_place(t.location) for t in targets]
            values = [t.values for t in targets]
        # One pass over all the texts joined; the separator keeps matches inside one text.
        starts = list(accumulate((len(t) + len(_SEPARATOR) for t in texts[:-1]), initial=0))
        for m in search.finditer(_SEPARATOR.join(texts)):
            i = bisect_right(starts, m.start) - 1
            base = starts[i]
            if m.end > base + len(texts[i]):
                continue
            section, question, ref, index, field = places[i]
            located = Location(section, question, ref, index, field, m.start - base, m.end - base)
            yield rule.finding(located, text=m.text, **(values[i] if values else {}))


def _place(loc: Location) -> Place:
    return (loc.section, loc.question, loc.ref, loc.index, loc.field)
