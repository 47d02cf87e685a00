"""TC506 due-outside-plan: a new action's due date falls outside the new plan's period."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date

from tcdesk.model import parse_due, parse_period
from tcdesk.rules.context import CheckContext
from tcdesk.rules.finding import Finding, Location, Section, Severity
from tcdesk.rules.rule import Example, Rule


def check(ctx: CheckContext, rule: Rule) -> Iterator[Finding]:
    plan = ctx.submission.new_plan
    years = parse_period(plan.period)
    if years is None:
        return
    first, last = date(years[0], 1, 1), date(years[1], 12, 31)
    for i, action in ctx.actions("new"):
        span = parse_due(action.due)
        if span is None:
            continue
        if span[1] < first or span[0] > last:
            yield rule.finding(
                Location(Section.NEW_PLAN, ref=action.ref or None, index=i, field="due"),
                ref=action.ref or f"#{i + 1}", due=action.due.strip(), period=plan.period,
            )


RULE = Rule(
    code="TC506",
    name="due-outside-plan",
    severity=Severity.WARNING,
    summary="A new-plan action's due date falls outside the new plan's 36-month period.",
    message="New-plan action {ref} is due {due}, outside the plan's period {period}",
    checks_what="Due dates written as YYYY-MM or YYYY-MM-DD must fall within the years of the new plan's period "
    "(e.g. 2026-2029). Free-text timescales (\"Ongoing\", \"Q3 2027\") are not read.",
    why="An action due after the plan ends belongs to the next plan, and one due before it starts was due in the "
    "last one; either way the timescale is probably a typo that assessors will query.",
    example=Example(fails="Plan 2026-2029, action V02 due 2031-03", passes="Plan 2026-2029, action V02 due 2028-03"),
    check=check,
)
