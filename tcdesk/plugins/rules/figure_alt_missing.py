"""TC106 figure-alt-missing: an image in an answer has no description (alt text)."""

from __future__ import annotations

from collections.abc import Iterator

from tcdesk.model import QUESTION_NUMBERS
from tcdesk.rules.answer_parts import answer_parts, shorten
from tcdesk.rules.context import CheckContext
from tcdesk.rules.finding import Finding, Location, Section, Severity
from tcdesk.rules.rule import Example, Rule


def check(ctx: CheckContext, rule: Rule) -> Iterator[Finding]:
    for number in QUESTION_NUMBERS:
        text = ctx.answer(number)
        for part in answer_parts(text):
            if part.kind == "image" and not part.text:
                yield rule.finding(Location(Section.QUESTION, question=number, start=part.start, end=part.end),
                                   image=shorten(text[part.start:part.end]))


RULE = Rule(
    code="TC106",
    name="figure-alt-missing",
    severity=Severity.WARNING,
    summary='An image in an answer has no description (alt text).',
    message='Question {question} has a figure with no description: {image}',
    checks_what='Parses each answer as CommonMark and reports every image written with empty brackets, "![](...)", with its character span.',
    why='The text in the brackets is the figure\'s caption and its alternative text in the PDF, the Word file and the web page. Without it a screen reader says only "image", and the published page fails WCAG 2.2 success criterion 1.1.1 (non-text content), which public sector bodies must meet.',
    example=Example(
        fails='![](attachment:structure.png)',
        passes='![Technical Services structure: the Head of Technical Services reports to the Chief Operating Officer](attachment:structure.png)',
    ),
    check=check,
)
