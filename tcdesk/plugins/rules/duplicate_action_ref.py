"""TC204 duplicate-action-ref: two actions in the same plan share a reference."""

from __future__ import annotations

from collections.abc import Iterator

from tcdesk.rules.context import CheckContext
from tcdesk.rules.finding import Finding, Location, Section, Severity
from tcdesk.rules.rule import Example, Rule


def check(ctx: CheckContext, rule: Rule) -> Iterator[Finding]:
    for plan, section, label in (("previous", Section.PREVIOUS_PLAN, "previous"), ("new", Section.NEW_PLAN, "new")):
        first: dict[str, int] = {}
        for i, action in ctx.actions(plan):
            key = "".join(action.ref.split()).upper()
            if not key:
                continue
            if key in first:
                yield rule.finding(
                    Location(section, ref=action.ref, index=i, field="ref"),
                    plan=label, first=first[key] + 1, this=i + 1,
                )
            else:
                first[key] = i


RULE = Rule(
    code="TC204",
    name="duplicate-action-ref",
    severity=Severity.ERROR,
    summary="Two actions in the same plan share a reference.",
    message="Action {ref} appears twice in the {plan} plan (actions #{first} and #{this})",
    checks_what="Within each plan, references are compared ignoring case and spaces (\"V 03\" = \"v03\").",
    why="References tie the RAG analysis, the new plan's carried-over actions and the next renewal together; "
    "a reference used twice makes every cross-reference ambiguous.",
    example=Example(fails="Two previous-plan actions both numbered V03", passes="The second one renumbered V04"),
    check=check,
)
