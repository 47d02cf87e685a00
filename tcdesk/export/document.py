"""The submission walked in the form's order into the parts both the DOCX and PDF writers render."""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from datetime import UTC, date, datetime

from tcdesk.export.markdown import Block, clean_text, parse
from tcdesk.export.naming import document_title, signoff_date
from tcdesk.export.style import style
from tcdesk.model import (
    NEW_FIELDS,
    PREVIOUS_FIELDS,
    ActionField,
    NewAction,
    Pillar,
    PreviousAction,
    Rag,
    Submission,
    actions_by_pillar,
    parse_due,
    rag_counts,
    rag_totals,
)
from tcdesk.model.derived import RagCounts
from tcdesk.template import DEFAULT_TEMPLATE, Template, load_template

# Reproducible output: documents carry this date when nobody has signed yet.
FIXED_DATE = date(2000, 1, 1)
NOT_RATED = "Not rated"
NO_PILLAR = "No pillar"


def format_date(when: date | None) -> str:
    """Dates as the form shows them: ``31 January 2026`` (empty when not given)."""
    return f"{when.day} {when:%B %Y}" if when else ""


def format_due(value: str) -> str:
    """A due value as a reader says it: ``2026-07`` is "July 2026", ``2026-07-31`` "31 July 2026".

    Anything that is not an ISO date or year-month is the user's own wording and stays as written.
    """
    span = parse_due(value)
    if span is None:
        return clean_text(value)
    first, last = span
    return format_date(first) if first == last else f"{first:%B %Y}"


def export_time() -> datetime:
    """When this export is made: now, or ``SOURCE_DATE_EPOCH`` (UTC) for reproducible builds."""
    epoch = os.environ.get("SOURCE_DATE_EPOCH", "").strip()
    if epoch.isdigit():
        return datetime.fromtimestamp(int(epoch), UTC)
    return datetime.now(UTC).replace(microsecond=0)


@dataclass(slots=True)
class ActionTable:
    """One pillar's actions: cell texts row by row and, for the previous plan, each row's rating."""

    pillar: str
    columns: list[ActionField]
    widths: list[float]  # relative, one per column
    rows: list[list[str]]
    rags: list[Rag | None] = field(default_factory=list)

    @property
    def rag_column(self) -> int | None:
        return next((i for i, c in enumerate(self.columns) if c.name == "rag"), None)


@dataclass(slots=True)
class RagSummary:
    """Counts by rating per pillar (from :func:`tcdesk.model.rag_counts`) and the plan's totals."""

    rows: list[tuple[str, RagCounts]]
    total: RagCounts

    @property
    def show_unrated(self) -> bool:
        return self.total.unrated > 0


@dataclass(slots=True)
class QuestionPart:
    number: str
    short: str
    kind: str
    text: list[Block]  # the official wording, word for word (it holds a link in question 5)
    answer: list[Block]
    summary: RagSummary | None = None
    tables: list[ActionTable] = field(default_factory=list)
    period: str = ""
    webpage_url: str = ""

    @property
    def title(self) -> str:
        return f"{self.number}. {self.short}"


@dataclass(slots=True)
class Signature:
    label: str
    signed_label: str
    date_label: str
    name: str
    role: str
    date: str


@dataclass(slots=True)
class Document:
    """Everything an export shows, already in reading order; writers only lay it out."""

    template: Template
    organisation: str
    leads: list[tuple[str, str, str]]  # name, role, e-mail
    questions: list[QuestionPart]
    signatures: list[Signature]
    created: date
    submission: Submission
    exported: datetime = field(default_factory=export_time)

    @property
    def title(self) -> str:
        return self.template.title

    @property
    def file_title(self) -> str:
        """"<Organisation> <Month> <Year>": the name the scheme asks for, as the PDF's and web page's title."""
        return document_title(self.submission, self.exported.date())

    @property
    def author(self) -> str:
        return self.organisation

    @property
    def subject(self) -> str:
        return f"{self.template.title}: {self.organisation}" if self.organisation else self.template.title


def figure_alt(caption: str, name: str) -> str:
    """A figure's alternative text: its caption; without one, at least what the file is called."""
    caption = " ".join(clean_text(caption).split())
    return caption or f"Figure {name} (no description given)"


def chart_alt(summary: RagSummary) -> str:
    """The RAG chart in words, for the PDF's Figure /Alt, the DOCX's descr and the web page's alt."""

    def counts(c: RagCounts) -> str:
        out = f"{c.green} green, {c.amber} amber, {c.red} red"
        return out + (f", {c.unrated} not rated" if summary.show_unrated else "")

    rows = "; ".join(f"{label}: {counts(c)}" for label, c in summary.rows)
    return (f"Bar chart of the previous action plan's RAG ratings by pillar. {rows}. "
            f"All pillars: {counts(summary.total)} ({summary.total.total} actions).")


def columns(plan: str) -> tuple[list[ActionField], list[float]]:
    """The columns of a plan's tables (every action field the style gives a width) and their widths."""
    widths = style()["column_widths"][plan]
    fields = [f for f in (PREVIOUS_FIELDS if plan == "previous" else NEW_FIELDS) if f.name in widths]
    return fields, [float(widths[f.name]) for f in fields]


def _cell(action: PreviousAction | NewAction, key: str) -> str:
    if key == "talent":
        return ", ".join(clean_text(code) for code in action.talent)
    if key == "rag" and isinstance(action, PreviousAction):
        return action.rag.label if action.rag else NOT_RATED
    if key == "due" and isinstance(action, NewAction):
        return format_due(action.due)
    return clean_text(str(getattr(action, key)))


def _pillar_label(pillar: Pillar | None) -> str:
    return f"{pillar.label} ({pillar.letter})" if pillar else NO_PILLAR


def _tables(actions: list, plan: str) -> list[ActionTable]:
    cols, widths = columns(plan)
    out = []
    for pillar, group in actions_by_pillar(actions).items():
        if not group:
            continue
        table = ActionTable(_pillar_label(pillar), cols, widths, [[_cell(a, c.name) for c in cols] for a in group])
        if plan == "previous":
            table.rags = [a.rag for a in group]
        out.append(table)
    return out


def build(submission: Submission) -> Document:
    """Walk ``submission`` in the order of its template's questions."""
    template = load_template(submission.template or DEFAULT_TEMPLATE)
    questions = []
    for q in template.questions:
        part = QuestionPart(q.number, q.short, q.kind, parse(q.text), parse(submission.answer(q.number)))
        if q.kind == "previous-plan":
            plan = submission.previous_plan
            counts = rag_counts(plan)
            part.summary = RagSummary([(_pillar_label(p), c) for p, c in counts.items()], rag_totals(plan))
            part.tables = _tables(plan.actions, "previous")
            part.period = clean_text(plan.period)
        elif q.kind == "new-plan":
            part.tables = _tables(submission.new_plan.actions, "new")
            part.period = clean_text(submission.new_plan.period)
        elif q.kind == "webpage":
            part.webpage_url = clean_text(submission.webpage_url.strip())
        questions.append(part)
    signatures = [
        Signature(line.label, line.signed, line.date, clean_text(s.name), clean_text(s.role), format_date(s.date))
        for line, s in (
            (template.signoff_lead, submission.signoff.lead),
            (template.signoff_leader, submission.signoff.leader),
        )
    ]
    return Document(
        template=template,
        organisation=clean_text(submission.organisation),
        leads=[(clean_text(lead.name), clean_text(lead.role), clean_text(lead.email)) for lead in submission.leads],
        questions=questions,
        signatures=signatures,
        created=signoff_date(submission) or FIXED_DATE,
        submission=submission,
    )
