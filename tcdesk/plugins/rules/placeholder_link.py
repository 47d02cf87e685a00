"""TC104 placeholder-link: a link in an answer has an empty target or a target of ``#``."""

from __future__ import annotations

from collections.abc import Iterator

from tcdesk.model import QUESTION_NUMBERS
from tcdesk.rules.context import CheckContext
from tcdesk.rules.finding import Finding, Location, Section, Severity
from tcdesk.rules.rule import Example, Rule


def check(ctx: CheckContext, rule: Rule) -> Iterator[Finding]:
    for number in QUESTION_NUMBERS:
        text = ctx.answer(number)
        for link in ctx.links(number):
            shown = text[link.start:link.end]
            yield rule.finding(
                Location(Section.QUESTION, question=number, start=link.start, end=link.end),
                link=shown if len(shown) <= 60 else shown[:57] + "…",
                target=link.target or "(empty)",
            )


RULE = Rule(
    code="TC104",
    name="placeholder-link",
    severity=Severity.WARNING,
    summary="A link in an answer points nowhere (an empty target or '#').",
    message="Question {question} has a link with no real target: {link}",
    checks_what="Parses each answer as CommonMark and reports every link whose target is empty or '#', "
    "with its character span; links inside code spans are not links and are not reported.",
    why="Question 4 asks for links to initiatives, websites and articles as evidence of impact. A link that "
    "goes nowhere in the submitted PDF is evidence the assessor cannot see.",
    example=Example(
        fails="See our [technician profiles](#).",
        passes="See our [technician profiles](https://www.northmoor.ac.uk/technicians/profiles).",
    ),
    check=check,
)
