"""TC403 talent-not-addressed: question 5 ignores TALENT, or no new action maps to a recommendation."""

from __future__ import annotations

from collections.abc import Iterator

from tcdesk.rules.context import CheckContext
from tcdesk.rules.finding import Finding, Location, Section, Severity
from tcdesk.rules.rule import Example, Rule
from tcdesk.rules.scan import scanner

_DEFAULT_MENTIONS = (r"\bTALENT\b", r"(?i)\btalent commission\b")


def check(ctx: CheckContext, rule: Rule) -> Iterator[Finding]:
    answer = ctx.answer("5")
    mentions = scanner(tuple(ctx.data.get("talent_mentions") or _DEFAULT_MENTIONS))
    if answer.strip() and not mentions.search(answer):
        yield rule.finding(
            Location(Section.QUESTION, question="5"),
            problem="Question 5 mentions neither the TALENT Commission nor its recommendations",
        )
    if not any(code.strip() for a in ctx.submission.new_plan.actions for code in a.talent):
        yield rule.finding(
            Location(Section.NEW_PLAN, field="talent"),
            problem="No new-plan action maps to a TALENT recommendation",
        )


RULE = Rule(
    code="TC403",
    name="talent-not-addressed",
    severity=Severity.WARNING,
    summary="Question 5 does not mention the TALENT Commission, or no new action maps to a recommendation.",
    message="{problem}",
    checks_what="Question 5's answer must name the TALENT Commission or its recommendations (talent_mentions in "
    "the pack: \"TALENT\" in capitals, \"TALENT Commission\", codes R1–R16), and at least one new-plan action "
    "must map to a recommendation (an empty new plan counts as none).",
    why="The Steering Board is particularly keen to see plans to enact the TALENT Commission's recommendations "
    "embedded in renewed self-assessments; question 5 asks for exactly that.",
    example=Example(
        fails="Question 5 talks about 'developing technical talent' only; no new action has a TALENT code",
        passes="Question 5 explains how actions C01–C04 enact recommendations R9 and R10 of the TALENT Commission",
    ),
    check=check,
)
