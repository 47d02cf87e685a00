"""TC402 talent-code-unknown: an action names a TALENT code that is not a recommendation."""

from __future__ import annotations

from collections.abc import Iterator

from tcdesk.form_data import talent_codes
from tcdesk.rules.context import CheckContext
from tcdesk.rules.finding import Finding, Location, Section, Severity
from tcdesk.rules.rule import Example, Rule


def check(ctx: CheckContext, rule: Rule) -> Iterator[Finding]:
    known = talent_codes()
    for plan, section in (("previous", Section.PREVIOUS_PLAN), ("new", Section.NEW_PLAN)):
        for i, action in ctx.actions(plan):
            for code in action.talent:
                if code.strip() and "".join(code.split()).upper() not in known:
                    yield rule.finding(
                        Location(section, ref=action.ref or None, index=i, field="talent"),
                        ref=action.ref or f"#{i + 1}", code=code.strip(),
                    )


RULE = Rule(
    code="TC402",
    name="talent-code-unknown",
    severity=Severity.ERROR,
    summary="An action names a TALENT code that is not in the recommendation list (R1–R16).",
    message="Action {ref} names TALENT code \"{code}\", which is not a TALENT recommendation (R1–R16)",
    checks_what="Each code in an action's TALENT column must be one of the recommendation codes in "
    "resources/talent.yaml (R1 to R16), ignoring case and spaces. Action references such as R05 are not TALENT "
    "codes and are not read here.",
    why="A code that does not exist (R17, a typo such as RR5, an action reference pasted into the wrong "
    "column) maps the action to nothing and misleads readers of the TALENT coverage table.",
    example=Example(fails="Action R05, TALENT: R17", passes="Action R05, TALENT: R5"),
    check=check,
)
