"""Start this cycle's submission from last cycle's: its new plan becomes the plan to rate.

Qt-free; reached through :meth:`tcdesk.session.Session.renew` by the CLI (``tcdesk renew``) and the
editor (File → Start the next renewal from…).
"""

from __future__ import annotations

import dataclasses
import re
from dataclasses import dataclass, field
from pathlib import Path

from tcdesk.errors import InvalidInputError
from tcdesk.model import (
    AttachmentKind,
    NewAction,
    NewPlan,
    PreviousAction,
    PreviousPlan,
    Signatory,
    SignOff,
    Submission,
    parse_period,
)

PLAN_MONTHS = 36

# Fields a new-plan action and a previous-plan action share (ref, pillar, action, collaborators,
# success measures, TALENT codes and any identity field) are copied by name, so a field added to
# both kinds is carried without touching this module. The rating fields start empty.
_RATING_FIELDS = frozenset({"rag", "progress", "explanation"})


class NoNewPlanError(InvalidInputError):
    """Last cycle's file has no new plan to rate, but its previous plan could be used instead."""

    def __init__(self, path: str | Path | None, previous_actions: int, previous_period: str) -> None:
        period = f", {previous_period}" if previous_period else ""
        super().__init__(
            f"has no new action plan to rate; its previous plan ({previous_actions} actions{period}) can be used instead",
            path,
        )
        self.previous_actions = previous_actions
        self.previous_period = previous_period


@dataclass
class Renewal:
    """The renewed submission and what the user should know about how it was made."""

    submission: Submission
    notes: list[str] = field(default_factory=list)


def roll_period(period: str, months: int = PLAN_MONTHS) -> str:
    """The plan period that follows ``period``: ``"2024-2027"`` → ``"2027-2030"``; ``""`` if unreadable."""
    years = parse_period(period)
    if years is None:
        return ""
    end = years[1]
    return f"{end}-{end + months // 12}"


def renew(
    last: Submission,
    source: str | Path = "",
    period: str | None = None,
    from_previous_plan: bool = False,
) -> Renewal:
    """This cycle's submission started from ``last`` (which is left unchanged).

    :param source: where ``last`` was read from, kept as the link back to it.
    :param period: the new plan's period (default: 36 months after the plan being rated).
    :param from_previous_plan: rate ``last``'s previous plan when it has no new plan.
    :raises NoNewPlanError: ``last`` has no new plan but a previous plan, and ``from_previous_plan`` is false.
    :raises InvalidInputError: ``period`` is not a period such as ``2027-2030``.
    """
    notes: list[str] = []
    if last.new_plan.actions:
        rated = PreviousPlan(last.new_plan.period, [_unrated(a) for a in last.new_plan.actions])
        notes.append(f"last cycle's new plan ({_count(rated)}) is the plan to rate")
        if resourced := sum(bool(a.resourcing.strip()) for a in last.new_plan.actions):
            # The previous-plan table has no resourcing column: say so rather than drop it unnoticed.
            notes.append(f"resourcing of {resourced} action(s) is not carried into the plan to rate "
                         "(its table has no such column); it stays in last cycle's file")
    elif last.previous_plan.actions:
        if not from_previous_plan:
            raise NoNewPlanError(source or None, len(last.previous_plan.actions), last.previous_plan.period)
        rated = PreviousPlan(
            last.previous_plan.period,
            [_unrated_again(a) for a in last.previous_plan.actions],
        )
        notes.append(f"last cycle had no new plan: its previous plan ({_count(rated)}) is the plan to rate")
    else:
        rated = PreviousPlan(last.new_plan.period or last.previous_plan.period, [])
        notes.append("last cycle has no action plan: the plan to rate starts empty")
    if period is not None and parse_period(period) is None:
        raise InvalidInputError(f"--period {period!r}: expected a period such as 2027-2030")
    new_period = period if period is not None else roll_period(rated.period)
    if not new_period:
        notes.append("the new plan's period is not set (last cycle's period could not be read): enter it on the cover")
    renewed = Submission(
        organisation=last.organisation,
        leads=[dataclasses.replace(lead) for lead in last.leads],
        webpage_url=last.webpage_url,
        previous_plan=rated,
        new_plan=NewPlan(new_period, []),
        signoff=SignOff(_undated(last.signoff.lead), _undated(last.signoff.leader)),
        attachments=[a for a in last.attachments if _shown_in(a, last.answers)],
        template=last.template,
        last_time={n: text for n, text in last.answers.items() if text.strip()},
        renewed_from=str(source),
    )
    notes.append(
        f"periods: previous plan {rated.period or '(not set)'}, new plan {new_period or '(not set)'}; "
        f"{len(renewed.last_time)} answers kept as last time's"
    )
    return Renewal(renewed, notes)


def _unrated(action: NewAction) -> PreviousAction:
    shared = {f.name for f in dataclasses.fields(PreviousAction)} - _RATING_FIELDS
    values = {name: getattr(action, name) for name in shared if hasattr(action, name)}
    values["talent"] = list(action.talent)
    # The previous-plan table has no owner or due column; the owner leads the collaborators and the
    # due date joins the success measures, so nothing the user wrote last time is lost from view.
    owner = action.owner.strip()
    if owner and not _names(action.collaborators, owner):
        values["collaborators"] = "; ".join(s for s in (owner, action.collaborators) if s.strip())
    if action.due.strip():
        values["success_measures"] = "\n".join(s for s in (action.success_measures, f"Due: {action.due}") if s)
    return PreviousAction(**values)


def _names(text: str, name: str) -> bool:
    """Whether ``text`` names ``name`` as a whole (``HR`` in "HR and faculties", not in "HRM team")."""
    return re.search(rf"(?<!\w){re.escape(name)}(?!\w)", text) is not None


def _unrated_again(action: PreviousAction) -> PreviousAction:
    return dataclasses.replace(action, talent=list(action.talent), rag=None, progress="", explanation="")


def _undated(signatory: Signatory) -> Signatory:
    return Signatory(signatory.name, signatory.role, None)


def _shown_in(attachment, answers: dict[str, str]) -> bool:
    """A figure last time's answers show travels with them; appendices belong to last cycle's PDF."""
    if attachment.kind is not AttachmentKind.FIGURE:
        return False
    from urllib.parse import unquote  # a link may be written percent-encoded, as the parser spells it

    wanted = f"attachment:{attachment.name}"
    return any(wanted in text or ("%" in text and wanted in unquote(text)) for text in answers.values())


def _count(plan: PreviousPlan) -> str:
    n = len(plan.actions)
    period = f", {plan.period}" if plan.period else ""
    return f"{n} action{'s' if n != 1 else ''}{period}"
