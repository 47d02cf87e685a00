"""TC205 unfinished-action-dropped: a red or amber action is neither carried forward nor explained."""

from __future__ import annotations

import re
from collections.abc import Iterator

from tcdesk.model import Rag
from tcdesk.rules.context import CheckContext
from tcdesk.rules.finding import Finding, Location, Section, Severity
from tcdesk.rules.rule import Example, Rule

_SPLIT = re.compile(r"[\s,;/&]+|\band\b", re.IGNORECASE)


def carried_refs(ctx: CheckContext) -> frozenset[str]:
    """Every previous-plan ref some new action says it carries forward (normalised)."""
    def compute() -> frozenset[str]:
        return frozenset(
            part.upper() for a in ctx.submission.new_plan.actions for part in _SPLIT.split(a.carried_from) if part
        )

    return ctx.cached("carried_refs", compute)


def check(ctx: CheckContext, rule: Rule) -> Iterator[Finding]:
    carried = carried_refs(ctx)
    for i, action in ctx.actions("previous"):
        if action.rag not in (Rag.RED, Rag.AMBER):
            continue
        if any(ch.isalnum() for ch in action.explanation):
            continue
        if action.ref and "".join(action.ref.split()).upper() in carried:
            continue
        yield rule.finding(
            Location(Section.PREVIOUS_PLAN, ref=action.ref or None, index=i, field="explanation"),
            ref=action.ref or f"#{i + 1}", rag=action.rag.value,
        )


RULE = Rule(
    code="TC205",
    name="unfinished-action-dropped",
    severity=Severity.WARNING,
    summary="A red or amber previous-plan action is neither carried into the new plan nor explained.",
    message="Unfinished ({rag}) action {ref} is not carried into the new plan and has no explanation",
    checks_what="For each previous-plan action rated red or amber: no new-plan action's carried_from names its "
    "reference, and its explanation field is empty. Reason cues in the progress text explain a delay, not a "
    "dropping, so they do not count here.",
    why="A renewal reflects on the past plan and sets the next one. Unfinished work that silently disappears "
    "looks like a broken commitment; carry it forward or say why it was dropped.",
    example=Example(
        fails="C05 (amber), explanation blank, no new action carried from C05",
        passes="New action C02 has carried_from: C05 (or C05's explanation says why it was closed)",
    ),
    check=check,
)
