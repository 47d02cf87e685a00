"""A finding's place in the words a user reads on the form: "Question 3, paragraph 2: “14 Red”"."""

from __future__ import annotations

import re

from tcdesk.model import Submission
from tcdesk.model.fields import ACTION_FIELDS
from tcdesk.rules.finding import Location, Section

__all__ = ["where"]

_SECTIONS = {
    Section.COVER: "Cover",
    Section.PREVIOUS_PLAN: "Previous plan",
    Section.NEW_PLAN: "New plan",
    Section.SIGNOFF: "Sign-off",
}
_FIELDS = {
    "organisation": "Organisation",
    "webpage_url": "Web page address",
    "leads": "Leads",
    "period": "Plan period",
    "name": "Name",
    "role": "Role",
    "email": "Email",
    "date": "Date",
    "lead": "Nominated institutional lead",
    "leader": "Leader of the institution",
}
#: How much of an answer a location quotes before it is shortened.
QUOTE_LENGTH = 40


def where(location: Location, submission: Submission | None = None) -> str:
    """``location`` as the user knows the form; quotes the words of an answer when ``submission`` is given."""
    if location.section is Section.QUESTION:
        return _in_answer(location, submission)
    parts = [_SECTIONS.get(location.section, str(location.section))]
    if location.section in (Section.PREVIOUS_PLAN, Section.NEW_PLAN) and (location.ref or location.index is not None):
        parts[0] += f" {location.ref}" if location.ref else f", action {location.index + 1}"  # type: ignore[operator]
    if location.field:
        parts.extend(_field_words(location.field))
    return " · ".join(parts)


def _field_words(field: str) -> list[str]:
    if field in ACTION_FIELDS:
        return [ACTION_FIELDS[field].label]
    words = []
    for piece in field.split("."):
        indexed = re.fullmatch(r"(\w+)\[(\d+)\]", piece)
        if indexed:  # leads[1] → "Lead 2"
            words.append(f"{_FIELDS.get(indexed.group(1), indexed.group(1)).rstrip('s')} {int(indexed.group(2)) + 1}")
        else:
            words.append(_FIELDS.get(piece, ACTION_FIELDS[piece].label if piece in ACTION_FIELDS else piece.replace("_", " ").capitalize()))
    return words


def _in_answer(location: Location, submission: Submission | None) -> str:
    head = f"Question {location.question}"
    if location.start is None:
        return head
    if submission is None:
        return f"{head}, characters {location.start + 1}–{location.end or location.start}"
    from tcdesk.answer_blocks import top_level_blocks

    text = submission.answer(location.question or "")
    line = text.count("\n", 0, location.start)
    blocks = top_level_blocks(text)
    paragraph = next((n for n, b in enumerate(blocks, 1) if b.first_line <= line < b.end_line), None)
    quoted = " ".join(text[location.start : location.end if location.end is not None else location.start].split())
    if len(quoted) > QUOTE_LENGTH:
        quoted = quoted[: QUOTE_LENGTH - 1].rstrip() + "…"
    if paragraph is not None and len(blocks) > 1:
        head += f", paragraph {paragraph}"
    return f"{head}: “{quoted}”" if quoted else head
