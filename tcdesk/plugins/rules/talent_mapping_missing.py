"""TC401 talent-mapping-missing: an action maps to no TALENT Commission recommendation."""

from __future__ import annotations

from collections.abc import Iterator

from tcdesk.rules.context import CheckContext
from tcdesk.rules.finding import Finding, Location, Section, Severity
from tcdesk.rules.rule import Example, Rule


def check(ctx: CheckContext, rule: Rule) -> Iterator[Finding]:
    for plan, section, label in (("previous", Section.PREVIOUS_PLAN, "Previous-plan"), ("new", Section.NEW_PLAN, "New-plan")):
        for i, action in ctx.actions(plan):
            if not any(code.strip() for code in action.talent):
                yield rule.finding(
                    Location(section, ref=action.ref or None, index=i, field="talent"),
                    ref=action.ref or f"#{i + 1}", plan=label,
                )


RULE = Rule(
    code="TC401",
    name="talent-mapping-missing",
    severity=Severity.ERROR,
    severities={"previous-plan": Severity.WARNING, "new-plan": Severity.ERROR},
    summary="An action maps to no TALENT Commission recommendation.",
    message="{plan} action {ref} maps to no TALENT recommendation",
    checks_what="Every action's TALENT column must name at least one recommendation code (R1–R16). A warning for "
    "the previous plan, which may predate the Commission; an error for the new plan.",
    why="The Steering Board wants activity that enacts the TALENT Commission's recommendations embedded in "
    "renewed plans; mapping each new action to a recommendation shows where that happens.",
    example=Example(fails="New action C03, TALENT: (blank)", passes="New action C03, TALENT: R9, R10"),
    check=check,
)
