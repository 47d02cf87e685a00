"""Example tcdesk plugin: a rule written in Python and a folder of declarative rules."""

from __future__ import annotations

import re
from pathlib import Path

from tcdesk import hookimpl
from tcdesk.rules.finding import Location, Section, Severity
from tcdesk.rules.rule import Example, Rule

_NUMBER = re.compile(r"\d")


def _impact_without_figures(ctx, rule):
    answer = ctx.answer("4")
    if answer.strip() and not _NUMBER.search(answer):
        yield rule.finding(Location(Section.QUESTION, question="4"))


IMPACT_WITHOUT_FIGURES = Rule(
    code="XR001",
    name="impact-without-figures",
    severity=Severity.WARNING,
    summary="Question 4 gives no figure as evidence of impact.",
    message="Question 4 gives no figures (how many technicians, how much funding, which survey result)",
    why="Our review panel finds impact claims without any number hard to weigh.",
    example=Example(fails="'Our plan has had a big impact on technicians.'",
                    passes="'42 technicians gained professional registration in 2024-25.'"),
    check=_impact_without_figures,
)


@hookimpl
def register_rules():
    return [IMPACT_WITHOUT_FIGURES]


@hookimpl
def register_rule_packs():
    return [Path(__file__).parent / "pack"]
