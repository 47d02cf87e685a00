"""An independent, structural reading of the built-in rule table, for testing the shipped data.

The examples and the synthetic generator promise to be clean (or to carry listed gaps); this module
checks those promises directly from the model, without the rule engine, so the data can be trusted
as a fixture for the engine's own tests. Each gap is reported as ``(code, where)``.
"""

from __future__ import annotations

import re
from datetime import date

from markdown_it import MarkdownIt

from tcdesk.model import Pillar, Rag, Submission, parse_due, parse_period, rag_totals
from tcdesk.template import talent_codes

# The built-in pack's thresholds (rules/core/pack.yaml); the examples' own, higher targets are tested apart.
WORD_MINIMUMS = {"1": 200, "2": 200, "3": 100, "4": 200, "5": 200, "6": 100, "7": 100, "8": 5}
PLACEHOLDER = re.compile(r"\b(TBC|TBD|TODO|XXX)\b|\[insert\b|lorem ipsum", re.IGNORECASE)
EMAIL = re.compile(r"^[^@\s]+@[^@\s]+\.[A-Za-z]{2,}$")
REASON_CUES = ("due to", "because", "paused", "unable", "not been able", "awaiting", "dependent on",
               "lack of", "delayed")
TECHNICIANS = re.compile(r"\btechnician|\btechnical (staff|colleagues|community)", re.IGNORECASE)
MECHANISMS = re.compile(r"survey|working group|focus group|consultation|feedback|representative|network|forum",
                        re.IGNORECASE)
COUNT = re.compile(r"\b(\d+)\s+(red|amber|green)\b", re.IGNORECASE)
TOTAL = re.compile(r"\b(\d+)\s+actions\b", re.IGNORECASE)

_md = MarkdownIt("commonmark")


def link_targets(text: str) -> list[str]:
    """Every link and image target in a CommonMark text."""
    out = []
    for block in _md.parse(text):
        for tok in block.children or []:
            if tok.type == "link_open":
                out.append(str(tok.attrs.get("href", "")))
            elif tok.type == "image":
                out.append(str(tok.attrs.get("src", "")))
    return out


def stated_counts(text: str) -> dict[str, int]:
    """RAG counts (and the total, key ``"total"``) that the question 3 text states, as TC203 reads them."""
    out: dict[str, int] = {}
    for sentence in re.split(r"(?<=[.!?])\s+", text):
        counts = COUNT.findall(sentence)
        for number, colour in counts:
            out[colour.lower()] = int(number)
        if counts:
            for number in TOTAL.findall(sentence):
                out["total"] = int(number)
    return out


def _period_months(period: str) -> tuple[date, date] | None:
    years = parse_period(period)
    return (date(years[0], 8, 1), date(years[1], 7, 31)) if years else None


def gaps(sub: Submission, today: date) -> list[tuple[str, str]]:
    """Everything in ``sub`` that a rule of the built-in table should report."""
    found: list[tuple[str, str]] = []
    add = lambda code, where: found.append((code, where))
    if not sub.organisation.strip():
        add("TC001", "organisation")
    if not any(lead.name.strip() for lead in sub.leads):
        add("TC002", "leads")
    if not sub.leads or any(not EMAIL.match(lead.email) for lead in sub.leads):
        add("TC003", "leads")
    for role in ("lead", "leader"):
        signatory = getattr(sub.signoff, role)
        if signatory.date is None:
            add("TC004", role)
        if not signatory.name.strip():
            add("TC006", role)
    dates = [s.date for s in (sub.signoff.lead, sub.signoff.leader) if s.date]
    first_year = (parse_period(sub.previous_plan.period) or (0, 0))[0]
    if any(d > today or d.year < first_year for d in dates) or (
        len(dates) == 2 and abs((dates[0] - dates[1]).days) > 92
    ):
        add("TC005", "signoff")

    for n in sorted(WORD_MINIMUMS):
        text = sub.answer(n)
        if not text.strip():
            add("TC101", n)
        elif len(text.split()) < WORD_MINIMUMS[n]:
            add("TC102", n)
        if PLACEHOLDER.search(text):
            add("TC103", n)
        if any(target.strip() in ("", "#") for target in link_targets(text)):
            add("TC104", n)
    if not re.match(r"^https?://[^\s/]+\.[^\s]+$", sub.webpage_url.strip()):
        add("TC105", "webpage_url")

    prev, new = sub.previous_plan.actions, sub.new_plan.actions
    carried = {a.carried_from for a in new if a.carried_from}
    known = set(talent_codes())
    for plan, actions in (("previous", prev), ("new", new)):
        refs = [a.ref for a in actions]
        for ref in sorted({r for r in refs if refs.count(r) > 1}):
            add("TC204", f"{plan} {ref}")
        for a in actions:
            where = f"{plan} {a.ref}"
            if a.pillar and Pillar.from_letter(a.ref[:1]) is not a.pillar:
                add("TC206", where)
            if not a.talent:
                add("TC401", where)
            if any(code not in known for code in a.talent):
                add("TC402", where)
            texts = [getattr(a, f) for f in ("action", "collaborators", "success_measures", "progress",
                                              "explanation", "owner", "resourcing") if hasattr(a, f)]
            if any(PLACEHOLDER.search(t) for t in texts):
                add("TC103", where)
            if any(t.strip() in ("", "#") for text in texts for t in link_targets(text)):
                add("TC104", where)
    for a in prev:
        where = f"previous {a.ref}"
        if a.rag is None:
            add("TC202", where)
        explained = bool(a.explanation.strip())
        if a.rag is Rag.RED and not explained and not any(c in a.progress.lower() for c in REASON_CUES):
            add("TC201", where)
        if a.rag in (Rag.RED, Rag.AMBER) and not explained and a.ref not in carried:
            add("TC205", where)
    totals = rag_totals(sub.previous_plan)
    table = {"red": totals.red, "amber": totals.amber, "green": totals.green, "total": totals.total}
    if any(table[k] != v for k, v in stated_counts(sub.answer("3")).items()):
        add("TC203", "3")

    voice = sub.answer("7")
    # An empty answer is TC101's finding alone.
    if voice.strip() and not (TECHNICIANS.search(voice) and MECHANISMS.search(voice)):
        add("TC301", "7")
    if "talent commission" not in sub.answer("5").lower() or not any(a.talent for a in new):
        add("TC403", "5")
    for pillar in Pillar:
        if not any(a.pillar is pillar for a in new):
            add("TC501", pillar.value)
    window = _period_months(sub.new_plan.period)
    for a in new:
        where = f"new {a.ref}"
        for code, value in (("TC502", a.owner), ("TC503", a.due), ("TC504", a.success_measures),
                            ("TC505", a.resourcing)):
            if not value.strip():
                add(code, where)
        due = parse_due(a.due)
        if a.due.strip() and window and (due is None or due[1] < window[0] or due[0] > window[1]):
            add("TC506", where)
    return found
