"""TC201 red-action-unexplained: a red action has no explanation and no reason in its progress text."""

from __future__ import annotations

from collections.abc import Iterator

from tcdesk.model import Rag
from tcdesk.rules.context import CheckContext
from tcdesk.rules.finding import Finding, Location, Section, Severity
from tcdesk.rules.rule import Example, Rule
from tcdesk.rules.scan import phrase_pattern


def check(ctx: CheckContext, rule: Rule) -> Iterator[Finding]:
    cues = phrase_pattern(tuple(ctx.data.get("reason_cues") or ("because",)))
    for i, action in ctx.actions("previous"):
        if action.rag is not Rag.RED or any(ch.isalnum() for ch in action.explanation):
            continue
        if cues.search(action.progress):
            continue
        yield rule.finding(
            Location(Section.PREVIOUS_PLAN, ref=action.ref or None, index=i, field="explanation"),
            ref=action.ref or f"#{i + 1}",
        )


RULE = Rule(
    code="TC201",
    name="red-action-unexplained",
    severity=Severity.ERROR,
    summary="A previous-plan action rated red has no explanation.",
    message="Red action {ref} has no explanation of why it was not carried out",
    checks_what="For each previous-plan action rated red: the explanation field is empty and the progress text "
    "holds none of the pack's reason_cues (\"due to\", \"because\", \"paused\", \"unable\", \"not been able\", "
    "\"awaiting\", \"dependent on\", \"lack of\", \"delayed\" …).",
    why="Question 3 says it plainly: please provide an explanation for those categorised as red. Assessors read "
    "an unexplained red as an abandoned commitment.",
    example=Example(
        fails="S04 (red), progress: 'Not started.', explanation: (blank)",
        passes="S04 (red), progress: 'Paused because the technician survey was postponed to 2026.'",
    ),
    check=check,
)
