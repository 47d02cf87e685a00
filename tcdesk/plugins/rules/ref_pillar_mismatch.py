"""TC206 ref-pillar-mismatch: a reference's letter (V/R/C/S) does not match the action's pillar."""

from __future__ import annotations

import re
from collections.abc import Iterator

from tcdesk.model import Pillar
from tcdesk.rules.context import CheckContext
from tcdesk.rules.finding import Finding, Location, Section, Severity
from tcdesk.rules.rule import Example, Rule

# A pillar ref is one letter and a number ("V03", "R 5", "C1.2"); other shapes are not pillar refs.
_REF = re.compile(r"^\s*([A-Za-z])\s*\d")


def check(ctx: CheckContext, rule: Rule) -> Iterator[Finding]:
    letters = {p.letter: p for p in Pillar}
    for plan, section in (("previous", Section.PREVIOUS_PLAN), ("new", Section.NEW_PLAN)):
        for i, action in ctx.actions(plan):
            m = _REF.match(action.ref)
            if not m or action.pillar is None:
                continue
            named = letters.get(m.group(1).upper())
            if named is not None and named is not action.pillar:
                yield rule.finding(
                    Location(section, ref=action.ref, index=i, field="pillar"),
                    letter=m.group(1).upper(), named=named.label, pillar=action.pillar.label,
                )


RULE = Rule(
    code="TC206",
    name="ref-pillar-mismatch",
    severity=Severity.WARNING,
    summary="An action's reference letter names a different pillar from the one it is filed under.",
    message="Action {ref} is filed under {pillar}, but its letter {letter} means {named}",
    checks_what="A reference of one letter and a number (V03, R5, C1.2) names a pillar: V Visibility, R "
    "Recognition, C Career Development, S Sustainability. TALENT codes (R1–R16) are a separate column and "
    "are not read here.",
    why="Institutions number actions by pillar, and readers find an action by its reference; a Recognition "
    "action numbered V07 is listed in one pillar's table and searched for in another.",
    example=Example(fails="Ref V07, pillar: Recognition", passes="Ref R07, pillar: Recognition"),
    check=check,
)
