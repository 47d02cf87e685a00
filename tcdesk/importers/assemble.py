"""A document read as blocks (paragraphs and tables, in order) becomes a submission and a report."""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from tcdesk.export.base import DetectedSection, ImportReport, ImportResult, SkippedRow, recognised_in
from tcdesk.importers.actions import count_per_pillar, to_new, to_previous
from tcdesk.importers.blocks import (
    URL,
    Block,
    Figure,
    Para,
    Skip,
    Table,
    after_question,
    contents_page,
    join_markdown,
    markdown_table,
)
from tcdesk.importers.columns import HeaderMap, may_normalise_within, near_header, normalise, recognise_header
from tcdesk.importers.form_fields import (
    header_line,
    key_value_table,
    leads_from_text,
    leads_table,
    signoff_line,
    webpage_from_text,
)
from tcdesk.importers.rows import Cell, Record, collect_records, pillar_from_text
from tcdesk.importers.sections import Heading, SectionFinder
from tcdesk.model import Attachment, AttachmentKind, Lead, Pillar, Submission, parse_period
from tcdesk.template import Template, load_template


@dataclass
class _State:
    template: Template
    report: ImportReport
    options: Mapping[str, str]
    sub: Submission = field(default_factory=Submission)
    section: str = "header"  # "header", a question number, or "signoff"
    parts: dict[str, list[tuple[str, str]]] = field(default_factory=dict)
    pillar: Pillar | None = None
    header_label: str | None = None
    emails: list[str] = field(default_factory=list)
    last: tuple[HeaderMap, int, str, list[Record]] | None = None  # the action table still open
    records: dict[str, list[Record]] = field(default_factory=lambda: {"previous": [], "new": []})
    signer: str | None = None
    ignored_before: int = 0
    in_contents: bool = False
    in_summary: bool = False  # inside the export's RAG summary (table and chart), up to the next heading
    heading_level: int = 0  # the Word heading level of the question headings
    finder: SectionFinder | None = None
    free_text: list[str] = field(default_factory=list)  # every paragraph, for leads and webpage in prose

    def add_answer(self, markdown: str, list_item: str = "") -> None:
        self.parts.setdefault(self.section, []).append((markdown, list_item))
        last = self.report.sections[-1] if self.report.sections else None
        if last is not None and (self.section == last.question or self.section == _unmatched(self)):
            last.paragraphs += 1


def _unmatched(st: _State) -> str:
    return f"section {len(st.report.sections)}"


def assemble(blocks: Sequence[Block], source: Path, options: Mapping[str, str] | None = None) -> ImportResult:
    """Walk ``blocks`` in order: header fields, question sections, action tables, sign-off."""
    options = dict(options or {})
    st = _State(load_template(), ImportReport(source=Path(source)), options)
    st.finder = SectionFinder(st.template)
    for i, block in enumerate(blocks):
        nxt = blocks[i + 1] if i + 1 < len(blocks) else None
        if isinstance(block, Skip):
            if not st.in_summary:
                st.report.skipped.append(SkippedRow(block.where, block.reason, block.text))
        elif isinstance(block, Figure):
            _figure(st, block)
        elif isinstance(block, Table):
            _table(st, block)
        else:
            _para(st, block, nxt)
    return _finish(st)


def _para(st: _State, p: Para, nxt: Block | None) -> None:
    text = p.text.strip()
    if not text:
        return
    # Outside headings, the normalised text only matters when it may be one of the short labels.
    low = normalise(text) if p.heading or may_normalise_within(text, _LABEL_LENGTH) else ""
    if low in _CONTENTS_HEADINGS:
        st.in_contents = True
        return
    assert st.finder is not None
    toc = contents_page(text)
    found = st.finder.find(p, text[: toc.start()] if toc else text)
    if st.in_contents:
        # Contents entries: page-numbered lines, or short non-heading lines naming a question.
        if toc or (not p.heading and len(text) < 120 and (found or low in _SIGNOFF_HEADINGS)):
            return
        st.in_contents = False
    if found is not None and not toc:
        _start_section(st, found, p)
        return
    st.free_text.append(text)
    if low in _SIGNOFF_HEADINGS:
        st.section, st.signer, st.last = "signoff", None, None
        return
    if p.heading and _APPENDIX.match(low):
        st.section, st.pillar, st.last = "appendix", None, None
        return
    if signoff_line(st, text):
        return
    if p.heading:
        st.in_summary = False
    if p.heading and st.section.isdigit() and _generated_heading(st, text):
        st.in_summary = normalise(text).startswith("rag summary")
        if st.in_summary:
            st.report.skipped.append(
                SkippedRow(f"question {st.section}", "RAG summary table and chart (recomputed from the actions)", text)
            )
        return
    if st.in_summary:
        return
    if st.section == "header":
        header_line(st, text)
        return
    if len(text) < 60 and (pillar := pillar_from_text(text)) is not None:
        st.pillar = pillar
        if isinstance(nxt, Table) or p.heading:
            return  # a pillar heading over its table, not part of the answer
    if _plan_period(st, text):
        return
    if st.section == "8" and not st.sub.webpage_url:
        m = _WEBPAGE_LINE.fullmatch(text)
        if m:
            st.sub.webpage_url = m.group(1)
            return
    st.last = None
    markdown = p.markdown
    if p.heading:
        level = max(1, p.heading - st.heading_level) if st.heading_level else p.heading
        markdown = "#" * min(level, 6) + " " + text
    st.add_answer(markdown, p.list_item)


def _start_section(st: _State, found: Heading, p: Para) -> None:
    """Everything up to the next heading goes to ``found``'s question, or where the user chose."""
    last = st.report.sections[-1] if st.report.sections else None
    if last and found.question == last.question == st.section and not last.paragraphs and found.how == "wording":
        # The question's wording under its heading ("Question 1. …" then "Please provide …"): one section.
        if rest := after_question(found.text, st.template.question(found.question).text):
            st.add_answer(rest)
        return
    index = len(st.report.sections) + 1
    number, how = found.question, found.how
    chosen = st.options.get(f"section:{index}")
    if chosen is not None:
        number, how = (chosen, "chosen") if chosen in st.sub.answers else (None, "")
    st.report.sections.append(DetectedSection(found.text, number, how))
    st.section = number if number is not None else _unmatched(st)
    st.pillar, st.last = None, None
    if p.heading and number is not None:
        st.heading_level = p.heading
    if number is not None and found.how == "wording":
        rest = after_question(found.text, st.template.question(number).text)
        if rest:
            st.add_answer(rest)  # a PDF line run that carried on into the answer


_APPENDIX = re.compile(r"^(appendix|annex)\b")
_CONTENTS_HEADINGS = ("contents", "table of contents")
_SIGNOFF_HEADINGS = ("sign-off", "sign off", "signoff", "signatures", "declaration", "sign-off and declaration")
_LABEL_LENGTH = max(len(label) for label in (*_CONTENTS_HEADINGS, *_SIGNOFF_HEADINGS))
_PLAN_HEADING = re.compile(r"^(previous|new)\b.*\baction plan\b.*?\((.+)\)\s*$", re.I)


def _generated_heading(st: _State, text: str) -> bool:
    """Headings tcdesk's own export adds around the plan tables (the plan period, the RAG summary)."""
    if m := _PLAN_HEADING.match(text):
        plan = st.sub.previous_plan if m.group(1).lower() == "previous" else st.sub.new_plan
        if parse_period(m.group(2)):
            plan.period = m.group(2).strip()
        return True
    return normalise(text).startswith("rag summary")


_WEBPAGE_LINE = re.compile(r"(?:[A-Za-z ]{0,20}:\s*)?<?(https?://\S+?)>?")
_PERIOD_LINE = re.compile(r"^(?:previous |new )?(?:action )?plan period:?\s*(.+)$", re.I)


def _figure(st: _State, fig: Figure) -> None:
    if st.in_summary:
        return  # the export's own chart, recomputed from the actions
    if not st.section.isdigit():
        st.report.skipped.append(SkippedRow(fig.where, "image outside the answers not imported", fig.caption))
        return
    name = f"figure-{len(st.sub.attachments) + 1}{fig.suffix}"
    st.sub.attachments.append(Attachment(name, AttachmentKind.FIGURE, fig.media_type, fig.data))
    alt = fig.caption.replace("[", "(").replace("]", ")")
    st.add_answer(f"![{alt}](attachment:{name})")


def _plan_period(st: _State, text: str) -> bool:
    m = _PERIOD_LINE.match(text)
    if not m or parse_period(m.group(1)) is None:
        return False
    plan = st.sub.new_plan if st.section >= "6" and st.section.isdigit() else st.sub.previous_plan
    plan.period = m.group(1).strip()
    return True


def _table(st: _State, table: Table) -> None:
    rows = table.rows
    if st.in_summary:
        return
    if st.options.get(f"section:{len(st.report.sections)}") == "" and st.section == _unmatched(st):
        st.add_answer(markdown_table(rows))  # in a section the user left out: reported with it
        return
    header: HeaderMap | None = None
    start = 0
    extra = _column_map(st.options)
    for n, row in enumerate(rows[:4]):
        header = recognise_header([c.text for c in row], extra)
        if header is not None:
            start = n
            break
    width = max((len(r) for r in rows), default=0)
    if header is not None and start > 0 and st.last is not None and st.last[1] == width:
        if header.columns == st.last[0].columns:
            header = None  # the rest of the last table, its header repeated below the first rows
    if header is None and key_value_table(st, rows):
        return
    if header is None:
        if st.last is not None and st.last[1] == width:
            header, _, _kind, records = st.last
            _collect(st, rows, header, table, records, continuing=True)
            return
        if st.section == "header" and leads_table(st, rows):
            return
        if rows and (candidates := near_header([c.text for c in rows[0]])):
            st.report.unmapped_columns += [c for c in candidates if c not in st.report.unmapped_columns]
            st.report.warnings.append(
                f"{table.where} looks like an action table but no column holds the actions "
                f"(map one of: {', '.join(candidates)}); kept in the answer as a table"
            )
        st.add_answer(markdown_table(rows))
        return
    for n, row in enumerate(rows[:start]):
        texts = {c.text.strip() for c in row if c.text.strip()}
        if len(texts) == 1 and (p := pillar_from_text(next(iter(texts)))) is not None:
            st.pillar = p
        elif texts:
            st.report.skipped.append(SkippedRow(f"{table.where}, row {n + 1}", "row above the header", " | ".join(texts)))
    for col in header.unmapped:
        if col not in st.report.unmapped_columns:
            st.report.unmapped_columns.append(col)
    kind = _plan_kind(st, header)
    records = st.records[kind]
    _collect(st, rows[start + 1 :], header, table, records, continuing=False, first_row=start + 2)
    st.last = (header, max(len(r) for r in rows), kind, records)


def _collect(
    st: _State,
    rows: list[list[Cell]],
    header: HeaderMap,
    table: Table,
    records: list[Record],
    *,
    continuing: bool,
    first_row: int = 1,
) -> None:
    found, st.pillar = collect_records(
        rows,
        header,
        where=table.where,
        pillar=st.pillar,
        skipped=st.report.skipped,
        first_row=first_row,
        joiner=table.joiner,
    )
    if continuing and found and records and not found[0].values.get(_key(header)):
        # The table goes on after a page break: its first row finishes the last action.
        head = found.pop(0)
        for name, parts in head.columns.items():
            for column, text in parts.items():
                records[-1].add(name, text, head.fills.get(name), continuation=True, joiner=table.joiner, column=column)
        for name, fill in head.fills.items():
            records[-1].add(name, "", fill)
    records.extend(found)


def _key(header: HeaderMap) -> str:
    return "ref" if "ref" in header.fields else header.columns[header.first_column()]


def _plan_kind(st: _State, header: HeaderMap) -> str:
    wanted = st.options.get("plan")
    if wanted in ("previous", "new"):
        return wanted
    late = st.section in ("signoff", "appendix") or (st.section.isdigit() and int(st.section) >= 6)
    return header.kind() or ("new" if late else "previous")


def _column_map(options: Mapping[str, str]) -> dict[str, str]:
    # Options carry the user's map as "map:<header>" → field (see tcdesk import --map).
    return {k[4:]: v for k, v in options.items() if k.startswith("map:")}


def _finish(st: _State) -> ImportResult:
    sub, report = st.sub, st.report
    if not sub.leads:
        # No header fields: a lead named in the running text ("The Institutional Lead is …").
        sub.leads = next((leads for text in st.free_text if (leads := leads_from_text(text))), [])
    emails = [e for e in st.emails if e not in {lead.email for lead in sub.leads}]
    for lead in sub.leads:
        if not lead.email and emails:
            lead.email = emails.pop(0)
    for email in emails:
        sub.leads.append(Lead(email=email))
    for number, parts in st.parts.items():
        if number.isdigit() and number in sub.answers:
            sub.answers[number] = join_markdown(parts)
        elif number.startswith("section "):
            index = int(number.split()[1])
            dropped = f"section:{index}" in st.options
            heading = report.sections[index - 1].heading
            report.skipped.append(
                SkippedRow(
                    f"section {index} {heading[:70]!r}",
                    f"{len(parts)} paragraph(s) or table(s) not imported: "
                    + ("dropped" if dropped else "matched no question (choose one in the import dialog, "
                       f"or --section {index}=QUESTION)"),
                    parts[0][0][:200],
                )
            )
        elif number != "header":
            # After the sign-off (appendices, notes): no place in the form, so reported, not kept.
            report.skipped.append(
                SkippedRow(f"after the {number}", f"{len(parts)} paragraph(s) or table(s) outside the questions",
                           parts[0][0][:200])
            )
    sub.previous_plan.actions = [to_previous(r, report) for r in st.records["previous"]]
    sub.new_plan.actions = [to_new(r, report) for r in st.records["new"]]
    _periods_from_answers(sub)
    if not sub.webpage_url and (m := URL.search(sub.answers.get("8", ""))):
        sub.webpage_url = m.group(0).rstrip(".,;")
    if not sub.webpage_url:
        sub.webpage_url = next((url for text in st.free_text if (url := webpage_from_text(text))), "")
    report.recognised = recognised_in(sub)
    count_per_pillar(report, [*sub.previous_plan.actions, *sub.new_plan.actions])
    if st.ignored_before:
        report.warnings.append(
            f"{st.ignored_before} paragraph(s) before the first question (title, guidance) not imported"
        )
    if not any(sub.answers.values()) and not sub.previous_plan.actions and not sub.new_plan.actions:
        report.warnings.append("no question headings and no action tables recognised")
    return ImportResult(sub, report)


def _periods_from_answers(sub: Submission) -> None:
    # "71 actions on its 2021-2024 action plan", "Action Plan (2024-2027)": the first period named.
    for plan, number in ((sub.previous_plan, "3"), (sub.new_plan, "6")):
        if not plan.period and (m := re.search(r"\b(\d{4})\s*[-–]\s*(\d{2,4})\b", sub.answers.get(number, ""))):
            if parse_period(m.group(0)):
                plan.period = m.group(0)
