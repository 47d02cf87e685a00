"""TC108 heading-only-answer: an answer holds headings and nothing else."""

from __future__ import annotations

from collections.abc import Iterator

from tcdesk.model import QUESTION_NUMBERS
from tcdesk.rules.answer_parts import headings_only
from tcdesk.rules.context import CheckContext
from tcdesk.rules.finding import Finding, Location, Section, Severity
from tcdesk.rules.rule import Example, Rule


def check(ctx: CheckContext, rule: Rule) -> Iterator[Finding]:
    for number in QUESTION_NUMBERS:
        text = ctx.answer(number)
        if headings_only(text):
            yield rule.finding(Location(Section.QUESTION, question=number, start=0, end=len(text.rstrip())))


RULE = Rule(
    code="TC108",
    name="heading-only-answer",
    severity=Severity.WARNING,
    summary='An answer holds headings and nothing else.',
    message='The answer to question {question} has headings but no text under them',
    checks_what='Parses each non-empty answer as CommonMark and reports it when every block in it is a heading.',
    why='Headings are signposts for the text below them: in the PDF, the Word file and the web page they become the outline a screen reader jumps through. An answer made only of headings (often an outline not yet written up) gives the assessor and a screen reader a list of empty sections.',
    example=Example(
        fails='## Staff structures\n\n## Changes since signing',
        passes='## Staff structures\n\nThe University employs 412 technical staff across three faculties.',
    ),
    check=check,
)
