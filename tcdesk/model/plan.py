"""Action plans: the previous plan rated Red/Amber/Green and the new 36-month plan."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date
from enum import StrEnum


class Pillar(StrEnum):
    """The four pillars of the Technician Commitment; values are the interchange codes."""

    VISIBILITY = "visibility"
    RECOGNITION = "recognition"
    CAREER_DEVELOPMENT = "career-development"
    SUSTAINABILITY = "sustainability"

    @property
    def letter(self) -> str:
        """The reference prefix institutions use for the pillar (V, R, C, S)."""
        return _pillar_data()[self.value]["letter"]

    @property
    def label(self) -> str:
        return _pillar_data()[self.value]["label"]

    @property
    def aim(self) -> str:
        return _pillar_data()[self.value].get("aim", "")

    @classmethod
    def from_letter(cls, letter: str) -> Pillar | None:
        for pillar in cls:
            if pillar.letter == letter.upper():
                return pillar
        return None


def _pillar_data() -> dict[str, dict[str, str]]:
    # Labels and letters are data (resources/pillars.yaml); only the codes are fixed by the contract.
    from tcdesk.form_data import pillar_data

    return pillar_data()


class Rag(StrEnum):
    """Red (still to be carried out), Amber (in progress), Green (completed)."""

    RED = "red"
    AMBER = "amber"
    GREEN = "green"

    @property
    def label(self) -> str:
        return self.value.capitalize()


def new_action_id() -> str:
    """A fresh identity for an action: it survives renumbering and moving between pillars, so a merge
    can tell "the same action, edited" from "a different action"."""
    import uuid  # here, not at the top: reading and checking files never needs it, and it costs ~3 ms

    return uuid.uuid4().hex


def positional_id(plan: str, position: int) -> str:
    """The identity given to an action from a file written before actions had one (``previous-3``).

    Derived from the position, so two copies of the same old file agree on their actions' identities.
    """
    return f"{plan}-{position + 1}"


@dataclass
class PreviousAction:
    """One action of the previous plan, as reported on in question 3."""

    ref: str = ""
    pillar: Pillar | None = None
    action: str = ""
    collaborators: str = ""
    success_measures: str = ""
    progress: str = ""
    explanation: str = ""
    talent: list[str] = field(default_factory=list)
    rag: Rag | None = None
    id: str = field(default_factory=new_action_id)


@dataclass
class NewAction:
    """One action of the new 36-month plan (question 6)."""

    ref: str = ""
    pillar: Pillar | None = None
    action: str = ""
    owner: str = ""
    collaborators: str = ""
    due: str = ""
    success_measures: str = ""
    resourcing: str = ""
    talent: list[str] = field(default_factory=list)
    carried_from: str = ""
    id: str = field(default_factory=new_action_id)


@dataclass
class PreviousPlan:
    period: str = ""
    actions: list[PreviousAction] = field(default_factory=list)


@dataclass
class NewPlan:
    period: str = ""
    actions: list[NewAction] = field(default_factory=list)


_DUE = re.compile(r"^(\d{4})-(\d{2})(?:-(\d{2}))?$")
_PERIOD = re.compile(r"(\d{4})\s*(?:[-–—/]|to)\s*(\d{2,4})")


def parse_due(text: str) -> tuple[date, date] | None:
    """The first and last day a due value stands for (a whole month for ``YYYY-MM``).

    :returns: ``None`` when the text is empty or not an ISO date / year-month.
    """
    m = _DUE.match(text.strip())
    if not m:
        return None
    year, month = int(m.group(1)), int(m.group(2))
    try:
        if m.group(3):
            day = date(year, month, int(m.group(3)))
            return day, day
        first = date(year, month, 1)
    except ValueError:
        return None
    nxt = date(year + (month == 12), month % 12 + 1, 1)
    return first, date.fromordinal(nxt.toordinal() - 1)


def parse_period(text: str) -> tuple[int, int] | None:
    """The first and last year of a plan period such as ``2024-2027``, ``2024–27`` or ``2024 to 2027``."""
    m = _PERIOD.search(text)
    if not m:
        return None
    start, end = int(m.group(1)), m.group(2)
    end_year = int(end) if len(end) == 4 else (start // 100) * 100 + int(end)
    if end_year < start:
        return None
    return start, end_year
