"""``must-mention``: a text must mention one of some phrases, or one phrase from each of several groups.

``phrases: [...]`` (or ``"$name"`` for a pack list) asks for one of them; ``groups: {people: [...],
mechanisms: [...]}`` asks for one from every group. Matching ignores case and whole words only.
Empty texts are left to ``required-field`` rules.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping, Sequence
from typing import Any

from tcdesk.rules.checks import data_value
from tcdesk.rules.checks.targets import TARGET_KEYS, is_blank, resolve, validate_targets
from tcdesk.rules.context import CheckContext
from tcdesk.rules.finding import Finding
from tcdesk.rules.scan import phrase_pattern, phrases_problem


def check_phrase_list(value: Any, key: str, phrases: bool = True) -> list[tuple[str, str]]:
    """Problems with a list of phrases (or, with ``phrases=False``, the shape of a list of patterns)."""
    if isinstance(value, str) and value.startswith("$"):
        return []
    if not isinstance(value, Sequence) or isinstance(value, str) or not value or not all(isinstance(p, str) and p.strip() for p in value):
        return [(key, f"{key} must be a non-empty list of phrases (or \"$name\" of a pack list)")]
    problem = phrases_problem(value) if phrases else None
    return [(key, problem)] if problem else []


class MustMention:
    name = "must-mention"

    def validate(self, params: Mapping[str, Any]) -> list[tuple[str, str]]:
        problems = validate_targets(params)
        problems += [(k, f"unknown parameter {k!r}") for k in params if k not in (*TARGET_KEYS, "phrases", "groups")]
        if ("phrases" in params) == ("groups" in params):
            problems.append(("params", "give either 'phrases' or 'groups'"))
        if "phrases" in params:
            problems += check_phrase_list(params["phrases"], "phrases")
        if "groups" in params:
            groups = params["groups"]
            if not isinstance(groups, Mapping) or not groups:
                problems.append(("groups", "groups must map a group name to a list of phrases"))
            else:
                for phrases in groups.values():
                    problems += check_phrase_list(phrases, "groups")
        return problems

    def run(self, ctx: CheckContext, rule: Any, params: Mapping[str, Any]) -> Iterator[Finding]:
        if "groups" in params:
            groups = {name: tuple(data_value(ctx, p) or ()) for name, p in params["groups"].items()}
        else:
            groups = {"phrases": tuple(data_value(ctx, params["phrases"]) or ())}
        for target in resolve(ctx, params):
            if is_blank(target.value):
                continue
            text = str(target.value)
            missing = [name for name, phrases in groups.items() if phrases and not phrase_pattern(phrases).search(text)]
            if missing:
                examples = "; ".join(", ".join(groups[name][:3]) + " …" for name in missing)
                yield rule.finding(target.location, missing=" and ".join(missing), examples=examples, **target.values)
