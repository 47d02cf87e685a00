"""Findings: plain, ordered records of what a rule found, with a location the editor can jump to."""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum
from typing import Any, NamedTuple


class Severity(StrEnum):
    ERROR = "error"
    WARNING = "warning"
    INFO = "info"

    @property
    def rank(self) -> int:
        """0 for the most serious, so sorting puts errors first."""
        return ("error", "warning", "info").index(self.value)


class Section(StrEnum):
    """The part of the form a finding is about; the order is the form's order."""

    COVER = "cover"
    QUESTION = "question"
    PREVIOUS_PLAN = "previous-plan"
    NEW_PLAN = "new-plan"
    SIGNOFF = "signoff"

    @property
    def rank(self) -> int:
        return list(Section).index(self)


@dataclass(frozen=True, slots=True)
class Location:
    """Where a finding points.

    ``field`` names a model attribute: on the cover ``organisation``, ``webpage_url`` or
    ``leads[i].email``; on an action ``action``, ``explanation``, ``rag`` …; on the sign-off
    ``lead.date`` or ``leader.name``. ``index`` is the action's position in its plan (refs can be
    empty or duplicated). ``start``/``end`` are a character span in an answer's CommonMark text.
    """

    section: Section
    question: str | None = None
    ref: str | None = None
    index: int | None = None
    field: str | None = None
    start: int | None = None
    end: int | None = None

    def sort_key(self) -> tuple[int, int, int, str, int]:
        return (
            self.section.rank,
            int(self.question) if self.question and self.question.isdigit() else 0,
            self.index if self.index is not None else -1,
            self.field or "",
            self.start if self.start is not None else -1,
        )

    def describe(self) -> str:
        """A short human form, as used in compiler-style output: ``previous plan V01 explanation``."""
        parts: list[str] = []
        if self.section is Section.QUESTION:
            parts.append(f"question {self.question}")
        else:
            parts.append({"previous-plan": "previous plan", "new-plan": "new plan"}.get(self.section.value, self.section.value))
        if self.ref:
            parts.append(self.ref)
        elif self.index is not None:
            parts.append(f"action #{self.index + 1}")
        if self.field:
            parts.append(self.field)
        if self.start is not None and self.end is not None:
            parts.append(f"chars {self.start}-{self.end}")
        return " ".join(parts)

    def to_dict(self) -> dict[str, Any]:
        return {k: getattr(self, k).value if k == "section" else getattr(self, k) for k in self.__slots__ if getattr(self, k) is not None}


class Suggestion(NamedTuple):
    """A proposed change: replacement text for the location, applied automatically or advice only."""

    text: str
    automatic: bool = False


class Finding(NamedTuple):
    """One problem found in a submission by one rule."""

    code: str
    name: str
    severity: Severity
    message: str
    location: Location
    suggestion: Suggestion | None = None

    def sort_key(self) -> tuple[int, int, int, str, int, str, str]:
        return (*self.location.sort_key(), self.code, self.message)

    def to_dict(self) -> dict[str, Any]:
        out: dict[str, Any] = {
            "code": self.code,
            "name": self.name,
            "severity": self.severity.value,
            "message": self.message,
            "location": self.location.to_dict(),
        }
        if self.suggestion is not None:
            out["suggestion"] = {"text": self.suggestion.text, "automatic": self.suggestion.automatic}
        return out
