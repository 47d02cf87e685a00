"""TC109 image-of-text: a figure's caption says it is a table or a screenshot of text: an image of text."""

from __future__ import annotations

import re
from collections.abc import Iterator

from tcdesk.model import QUESTION_NUMBERS
from tcdesk.rules.answer_parts import answer_parts, shorten
from tcdesk.rules.context import CheckContext
from tcdesk.rules.finding import Finding, Location, Section, Severity
from tcdesk.rules.rule import Example, Rule

# Captions that say the picture is a table or text; compiled by re on first use, since most answers
# hold no image.
_TEXTUAL = r"(?i)\b(?:table|spreadsheet|screenshot\s+of\s+(?:the\s+|a\s+|our\s+)?(?:text|policy|document|page|letter|email|e-mail|minutes))\b"


def check(ctx: CheckContext, rule: Rule) -> Iterator[Finding]:
    for number in QUESTION_NUMBERS:
        text = ctx.answer(number)
        for part in answer_parts(text):
            if part.kind == "image" and re.search(_TEXTUAL, part.text):
                yield rule.finding(Location(Section.QUESTION, question=number, start=part.start, end=part.end),
                                   image=shorten(text[part.start:part.end]))


RULE = Rule(
    code="TC109",
    name="image-of-text",
    severity=Severity.WARNING,
    summary="A figure's caption says it is a table or a screenshot of text: an image of text.",
    message='Question {question} has a figure that looks like an image of text: {image}',
    checks_what='Parses each answer as CommonMark and reports every image whose description names a table, a spreadsheet or a screenshot of text (for example "Table 2: …", "spreadsheet of actions", "screenshot of the policy"), with its character span.',
    why='A table or text pasted as a picture cannot be read by a screen reader, searched, enlarged without blurring or reflowed on a phone (WCAG 2.2 success criterion 1.4.5, images of text). Write the table in the answer as a Markdown table instead: every export turns it into a real table.',
    example=Example(
        fails='![Table 1: technical staff by faculty](attachment:staff-table.png)',
        passes='| Faculty | Technical staff |\n|---|---|\n| Science and Engineering | 176 |',
    ),
    check=check,
)
