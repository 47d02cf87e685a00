"""The submission: header fields, answers to questions 1–8, both plans, sign-off, attachments."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from enum import StrEnum

from tcdesk.model.plan import NewPlan, PreviousPlan

QUESTION_NUMBERS = ("1", "2", "3", "4", "5", "6", "7", "8")


@dataclass
class Lead:
    """A named institutional lead and their contact address."""

    name: str = ""
    role: str = ""
    email: str = ""


@dataclass
class Signatory:
    """One of the two signatures that close the form."""

    name: str = ""
    role: str = ""
    date: date | None = None


@dataclass
class SignOff:
    """The nominated institutional lead's and the leader of the institution's sign-off."""

    lead: Signatory = field(default_factory=Signatory)
    leader: Signatory = field(default_factory=Signatory)


class AttachmentKind(StrEnum):
    FIGURE = "figure"  # an image referenced from an answer as ![caption](attachment:NAME)
    APPENDIX = "appendix"  # a file appended to the submitted PDF, in list order


@dataclass
class Attachment:
    """A file stored inside the project: a figure used in an answer or an appendix."""

    name: str
    kind: AttachmentKind
    media_type: str
    data: bytes = field(repr=False)


def _empty_answers() -> dict[str, str]:
    return {n: "" for n in QUESTION_NUMBERS}


@dataclass
class Submission:
    """One institution's renewal self-assessment and action plan: plain data, no behaviour of the UI."""

    organisation: str = ""
    leads: list[Lead] = field(default_factory=list)
    answers: dict[str, str] = field(default_factory=_empty_answers)
    webpage_url: str = ""
    previous_plan: PreviousPlan = field(default_factory=PreviousPlan)
    new_plan: NewPlan = field(default_factory=NewPlan)
    signoff: SignOff = field(default_factory=SignOff)
    attachments: list[Attachment] = field(default_factory=list)
    template: str = "tc-renewal"
    # A renewal keeps last cycle's answers to show beside this cycle's; never exported.
    last_time: dict[str, str] = field(default_factory=dict)
    # The file this renewal was started from (its name as given), so the user can find it again.
    renewed_from: str = ""

    def __post_init__(self) -> None:
        # Every question of the form always has an entry, so "unanswered" is one test: text == "".
        for n in QUESTION_NUMBERS:
            self.answers.setdefault(n, "")

    def answer(self, number: str | int) -> str:
        return self.answers.get(str(number), "")

    def attachment(self, name: str) -> Attachment | None:
        return next((a for a in self.attachments if a.name == name), None)
