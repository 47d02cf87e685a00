"""TC501 pillar-without-actions: a pillar has no action in the new plan."""

from __future__ import annotations

from collections.abc import Iterator

from tcdesk.model import Pillar
from tcdesk.rules.context import CheckContext
from tcdesk.rules.finding import Finding, Location, Section, Severity
from tcdesk.rules.rule import Example, Rule


def check(ctx: CheckContext, rule: Rule) -> Iterator[Finding]:
    present = {a.pillar for a in ctx.submission.new_plan.actions}
    for pillar in Pillar:
        if pillar not in present:
            yield rule.finding(Location(Section.NEW_PLAN, field="pillar"), pillar=pillar.label)


RULE = Rule(
    code="TC501",
    name="pillar-without-actions",
    severity=Severity.ERROR,
    summary="A pillar of the Technician Commitment has no action in the new plan.",
    message="The new plan has no action for the {pillar} pillar",
    checks_what="The new plan must hold at least one action for each pillar: Visibility, Recognition, Career "
    "Development and Sustainability.",
    why="The plan must show how the organisation continues to address the themes of the Technician Commitment; "
    "a pillar with no action is a theme the institution has stopped working on.",
    example=Example(fails="New plan: Visibility, Recognition and Career Development actions only", passes="At least one Sustainability action added"),
    check=check,
)
