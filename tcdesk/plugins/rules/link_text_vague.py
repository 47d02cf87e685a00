"""TC107 link-text-vague: a link's text says nothing about where it goes ("click here", "here", a bare web address on its own)."""

from __future__ import annotations

import re
from collections.abc import Iterator

from tcdesk.model import QUESTION_NUMBERS
from tcdesk.rules.answer_parts import answer_parts, shorten
from tcdesk.rules.context import CheckContext
from tcdesk.rules.finding import Finding, Location, Section, Severity
from tcdesk.rules.rule import Example, Rule

# Link texts that say nothing on their own, compared lower-case with surrounding punctuation removed.
VAGUE = frozenset({
    "click here", "click", "here", "this", "this link", "link", "this page", "read more", "more", "more info",
    "more information", "find out more", "learn more", "see here", "go", "go here", "website", "this website",
})
_ADDRESS = re.compile(r"^(?:(?:https?|mailto):\S+|www\.\S+)$", re.IGNORECASE)


def _alone(text: str, start: int, end: int) -> bool:
    """Whether the link is all its paragraph (or list item) says: an address with no words around it."""
    lo = text.rfind("\n\n", 0, start)
    hi = text.find("\n\n", end)
    around = text[0 if lo < 0 else lo:len(text) if hi < 0 else hi]
    rest = around.replace(text[start:end], "", 1)
    return not re.sub(r"^\s*(?:[-*+]|\d+[.)])\s+", "", rest.strip()).strip(" .,:;!?")


def check(ctx: CheckContext, rule: Rule) -> Iterator[Finding]:
    for number in QUESTION_NUMBERS:
        text = ctx.answer(number)
        for part in answer_parts(text):
            shown = part.text.strip()
            if part.kind == "link" and (shown.strip(" .,:;!?").lower() in VAGUE
                                        or (_ADDRESS.match(shown) and _alone(text, part.start, part.end))):
                yield rule.finding(Location(Section.QUESTION, question=number, start=part.start, end=part.end),
                                   link=shorten(text[part.start:part.end]))


RULE = Rule(
    code="TC107",
    name="link-text-vague",
    severity=Severity.WARNING,
    summary='A link\'s text says nothing about where it goes ("click here", "here", a bare web address on its own).',
    message='Question {question} has a link whose text does not say where it goes: {link}',
    checks_what='Parses each answer as CommonMark and reports every link whose visible text is "click here", "here", "this link", "read more", "more", "link" or similar, or is a bare web address (including a <https://…> autolink) standing alone in its paragraph or list item, with its character span.',
    why='Screen-reader users often move from link to link and hear only the link text; "click here" or a long address tells them nothing (WCAG 2.2 success criterion 2.4.4, link purpose). In print, "here" loses its target altogether. The link text should name what the reader will find.',
    example=Example(
        fails='Our technician profiles are [here](https://www.northmoor.ac.uk/technicians/profiles).',
        passes='Read our [technician profiles](https://www.northmoor.ac.uk/technicians/profiles).',
    ),
    check=check,
)
