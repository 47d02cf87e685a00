"""TC005 signoff-date-implausible: a sign-off date in the future, before the previous plan began, or far from the other."""

from __future__ import annotations

from collections.abc import Iterator

from tcdesk.model import parse_period
from tcdesk.rules.context import CheckContext
from tcdesk.rules.finding import Finding, Location, Section, Severity
from tcdesk.rules.rule import Example, Rule


def check(ctx: CheckContext, rule: Rule) -> Iterator[Finding]:
    signoff = ctx.submission.signoff
    period = parse_period(ctx.submission.previous_plan.period)
    dated = [(who, s.date) for who, s in (("lead", signoff.lead), ("leader", signoff.leader)) if s.date is not None]
    label = {"lead": "institutional lead's", "leader": "leader of the institution's"}
    for who, day in dated:
        loc = Location(Section.SIGNOFF, field=f"{who}.date")
        if day > ctx.today:
            yield rule.finding(loc, problem=f"The {label[who]} sign-off date {day.isoformat()} is after the check date {ctx.today.isoformat()}")
        elif period and day.year < period[0]:
            yield rule.finding(loc, problem=f"The {label[who]} sign-off date {day.isoformat()} is before the previous plan's period ({ctx.submission.previous_plan.period}) began")
    if len(dated) == 2:
        limit = int(ctx.data.get("signoff_max_days_apart", 92))
        gap = abs((dated[0][1] - dated[1][1]).days)
        if gap > limit:
            yield rule.finding(Location(Section.SIGNOFF, field="leader.date"), problem=f"The two sign-off dates are {gap} days apart (more than {limit})")


RULE = Rule(
    code="TC005",
    name="signoff-date-implausible",
    severity=Severity.WARNING,
    summary="A sign-off date lies in the future, before the previous plan's period, or far from the other signature.",
    message="{problem}",
    checks_what="Each sign-off date must not be after the check date (--today), nor before the first year of the "
    "previous plan's period; the two dates may be at most signoff_max_days_apart (92) days apart.",
    why="Dates that cannot be right (a typo in the year, a date copied from the last renewal) make assessors doubt "
    "that the plan was really approved for this submission window.",
    example=Example(
        fails="Lead signed 2025-01-31, leader signed 2026-07-24 (539 days apart)",
        passes="Lead signed 2026-07-20, leader signed 2026-07-24",
    ),
    check=check,
)
