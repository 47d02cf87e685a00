"""The parts of the form the editor walks through, when each counts as complete, and where findings belong.

Qt-free on purpose: the navigation list and the tests read the same answers.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from tcdesk.model import QUESTION_NUMBERS, Submission
from tcdesk.rules.finding import Finding, Location, Section, Severity
from tcdesk.template import load_template

__all__ = ["Part", "PartCounts", "count_by_part", "is_complete", "part_for_location", "parts"]


@dataclass(frozen=True, slots=True)
class Part:
    """One entry of the navigation: ``key`` is ``cover``, ``q1`` … ``q8``, ``previous``, ``new`` or ``signoff``."""

    key: str
    title: str
    question: str | None = None


@dataclass(frozen=True, slots=True)
class PartCounts:
    errors: int = 0
    warnings: int = 0


def parts() -> list[Part]:
    """The parts in the order of the form."""
    template = load_template()
    out = [Part("cover", "Cover")]
    out += [Part(f"q{q.number}", f"{q.number}. {q.short}", q.number) for q in template.questions]
    out += [
        Part("previous", "Previous plan (RAG analysis)"),
        Part("new", "New 36-month plan"),
        Part("signoff", "Sign-off"),
    ]
    return out


def part_for_location(location: Location) -> str:
    """The key of the part that shows ``location``."""
    if location.section is Section.COVER:
        return "cover"
    if location.section is Section.QUESTION:
        if location.field == "webpage_url":
            return "cover"  # the address is edited with the other header fields
        return f"q{location.question}" if location.question in QUESTION_NUMBERS else "cover"
    if location.section is Section.PREVIOUS_PLAN:
        return "previous"
    if location.section is Section.NEW_PLAN:
        return "new"
    return "signoff"


def part_for_path(path: tuple) -> str | None:
    """The key of the part that edits the model value at ``path`` (``None``: no single part)."""
    if not path:
        return None
    head = path[0]
    if head == "answers" and len(path) > 1 and str(path[1]) in QUESTION_NUMBERS:
        return f"q{path[1]}"
    return {"previous_plan": "previous", "new_plan": "new", "signoff": "signoff", "attachments": None}.get(str(head), "cover")


def count_by_part(findings: Iterable[Finding]) -> dict[str, PartCounts]:
    """Errors and warnings per part key (parts without any are absent)."""
    errors: dict[str, int] = {}
    warnings: dict[str, int] = {}
    for f in findings:
        key = part_for_location(f.location)
        if f.severity is Severity.ERROR:
            errors[key] = errors.get(key, 0) + 1
        elif f.severity is Severity.WARNING:
            warnings[key] = warnings.get(key, 0) + 1
    return {k: PartCounts(errors.get(k, 0), warnings.get(k, 0)) for k in set(errors) | set(warnings)}


def is_complete(sub: Submission, key: str) -> bool:
    """Whether a part has everything the form asks for (findings may still raise quality issues)."""
    if key == "cover":
        return bool(sub.organisation.strip() and sub.webpage_url.strip()) and any(
            lead.name.strip() and lead.email.strip() for lead in sub.leads
        )
    if key.startswith("q"):
        return bool(sub.answer(key[1:]).strip())
    if key == "previous":
        actions = sub.previous_plan.actions
        return bool(actions) and all(a.rag is not None for a in actions)
    if key == "new":
        return bool(sub.new_plan.actions)
    if key == "signoff":
        return all(s.name.strip() and s.date is not None for s in (sub.signoff.lead, sub.signoff.leader))
    raise KeyError(key)
