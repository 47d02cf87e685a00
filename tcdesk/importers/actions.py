"""Records to plan actions: field texts, pillar, RAG and TALENT codes, with what was doubtful reported."""

from __future__ import annotations

from collections.abc import Iterable

from tcdesk.export.base import ImportReport
from tcdesk.importers.dates import normalise_due
from tcdesk.importers.rag import is_unrated, rag_from_fill, rag_from_text
from tcdesk.importers.rows import Record, pillar_from_ref
from tcdesk.importers.talent import parse_talent
from tcdesk.model import NewAction, Pillar, PreviousAction, Rag


def _rag(record: Record) -> Rag | None:
    text = record.values.get("rag", "")
    rag = rag_from_text(text)
    if rag is None:
        rag = rag_from_fill(record.fills.get("rag"))
    if rag is None and "rag" not in record.values and "rag" not in record.fills:
        # No RAG column value: a one- or two-word status ("Complete", "In progress") says it.
        status = record.values.get("progress", "")
        if status and len(status.split()) <= 3:
            rag = rag_from_text(status)
    return rag


def _pillar(record: Record) -> Pillar | None:
    return record.pillar or pillar_from_ref(record.values.get("ref", ""))


def _talent(record: Record, report: ImportReport) -> list[str]:
    codes, unknown = parse_talent(record.values.get("talent", ""))
    if unknown:
        report.warnings.append(f"{record.where}: unknown TALENT code(s) {', '.join(unknown)} not kept")
    return codes


def to_previous(record: Record, report: ImportReport) -> PreviousAction:
    v = record.values
    collaborators = "\n\n".join(t for t in (v.get("owner", ""), v.get("collaborators", "")) if t)
    rag = _rag(record)
    if rag is None and not is_unrated(v.get("rag", "")) and (v.get("rag") or record.fills.get("rag")):
        report.warnings.append(f"{record.where}: RAG {v.get('rag') or '#' + record.fills['rag']!r} not recognised")
    extra = [t for t in (v.get("due", ""), v.get("resourcing", "")) if t]
    progress = "\n\n".join([v.get("progress", ""), *extra]).strip()
    return PreviousAction(
        ref=v.get("ref", ""),
        pillar=_pillar(record),
        action=v.get("action", ""),
        collaborators=collaborators,
        success_measures=v.get("success_measures", ""),
        progress=progress,
        explanation=v.get("explanation", ""),
        talent=_talent(record, report),
        rag=rag,
    )


_NEW_PLAN_RAG = "RAG ratings are not part of a new plan: the RAG column was not imported (use --plan previous?)"


def to_new(record: Record, report: ImportReport) -> NewAction:
    v = record.values
    if (v.get("rag") or record.fills.get("rag")) and _NEW_PLAN_RAG not in report.warnings:
        report.warnings.append(_NEW_PLAN_RAG)
    owner = v.get("owner", "")
    collaborators = v.get("collaborators", "")
    if not owner and collaborators and "collaborators" not in v:
        owner = collaborators
    notes = "\n\n".join(t for t in (v.get("progress", ""), v.get("explanation", "")) if t)
    if notes:
        report.warnings.append(f"{record.where}: status text kept in resourcing of a new-plan action")
    due = normalise_due(v.get("due", ""))
    if due is None:
        # "Ongoing", "Year 2": not a date, but the user's words are kept where a person will see them.
        notes = "\n\n".join(t for t in (notes, f"Timescale: {v['due']}") if t)
        report.warnings.append(f"{record.where}: due {v['due']!r} is not a date; kept in resourcing")
        due = ""
    return NewAction(
        ref=v.get("ref", ""),
        pillar=_pillar(record),
        action=v.get("action", ""),
        owner=owner,
        collaborators=collaborators,
        due=due,
        success_measures=v.get("success_measures", ""),
        resourcing="\n\n".join(t for t in (v.get("resourcing", ""), notes) if t),
        talent=_talent(record, report),
        carried_from=v.get("carried_from", ""),
    )


def count_per_pillar(report: ImportReport, actions: Iterable[PreviousAction | NewAction]) -> None:
    """Add the actions to the report's per-pillar counts (in pillar order, "no pillar" last)."""
    counts = dict(report.per_pillar)
    for a in actions:
        counts[a.pillar] = counts.get(a.pillar, 0) + 1
    order = [*Pillar, None]
    report.per_pillar = {p: counts[p] for p in order if p in counts}
