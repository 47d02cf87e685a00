"""TC203 rag-summary-mismatch: question 3 states RAG counts that differ from the action table."""

from __future__ import annotations

import re
from collections.abc import Iterator

from tcdesk.model import rag_totals
from tcdesk.rules.context import CheckContext
from tcdesk.rules.finding import Finding, Location, Section, Severity
from tcdesk.rules.rule import Example, Rule

# Numerals only: "fourteen red" is not read. Markdown emphasis may sit between ("**14 Red**").
# Up to three digits: "2024 green spaces" is a year, not a count.
_COUNT = re.compile(r"(?<![\w.,])(\d{1,3})[\s*_]+(red|amber|green)\b", re.IGNORECASE)
_TOTAL = re.compile(r"(?<![\w.,])(\d{1,3})[\s*_]+actions\b", re.IGNORECASE)
_SENTENCE_END = re.compile(r"(?<=[.!?])\s+(?=[^a-z\s])|\n\s*\n|\n\s*[-*+]\s|\n\s*\d+[.)]\s")


def _sentences(text: str) -> Iterator[tuple[int, int]]:
    start = 0
    for m in _SENTENCE_END.finditer(text):
        yield start, m.start()
        start = m.end()
    yield start, len(text)


def stated_counts(text: str) -> list[tuple[str, int, int, int]]:
    """Counts stated in ``text`` as (kind, number, start, end); kind is red/amber/green/total."""
    found: list[tuple[str, int, int, int]] = []
    for lo, hi in _sentences(text):
        # A sentence naming no colour has no count: lowering it and three substring tests are far
        # cheaper than the count regex, which tries its look-behind at every character. (Only "r",
        # "R" … match these letters case-insensitively, so no count is missed.)
        lowered = text[lo:hi].lower()
        if "red" not in lowered and "amber" not in lowered and "green" not in lowered:
            continue
        counts = list(_COUNT.finditer(text, lo, hi))
        if not counts:
            continue
        found += [(m.group(2).lower(), int(m.group(1)), m.start(), m.end()) for m in counts]
        total = _TOTAL.search(text, lo, hi)
        if total:
            found.append(("total", int(total.group(1)), total.start(), total.end()))
    return found


def check(ctx: CheckContext, rule: Rule) -> Iterator[Finding]:
    text = ctx.answer("3")
    if not text:
        return
    plan = ctx.submission.previous_plan
    totals = rag_totals(plan)
    actual = {"red": totals.red, "amber": totals.amber, "green": totals.green, "total": len(plan.actions)}
    # With no action rated yet (RAG shown only by colour in an imported file), TC202 says so once
    # per action; comparing colour counts with nothing would only repeat it.
    nothing_rated = bool(plan.actions) and totals.unrated == len(plan.actions)
    for kind, number, start, end in stated_counts(text):
        if nothing_rated and kind != "total":
            continue
        if number != actual[kind]:
            label = "actions in all" if kind == "total" else f"{kind} actions"
            yield rule.finding(
                Location(Section.QUESTION, question="3", start=start, end=end),
                stated=number, kind=label, actual=actual[kind],
            )


RULE = Rule(
    code="TC203",
    name="rag-summary-mismatch",
    severity=Severity.WARNING,
    summary="Question 3 states RAG counts that differ from the previous plan's action table.",
    message="Question 3 states {stated} {kind}, but the action table has {actual}",
    checks_what="Reads counts written as numerals in question 3: a numeral followed by red, amber or green "
    "(\"14 Red\", \"9 amber actions\"), and a numeral followed by \"actions\" in the same sentence as such a "
    "count, read as the total (\"71 actions … (14 Red, 36 Amber & 21 Green)\"). Numbers in words are not read.",
    why="Headline counts that do not match the table are common after late edits to the plan, and they make "
    "assessors doubt the whole RAG analysis.",
    example=Example(
        fails="'Our plan had 71 actions (14 Red, 36 Amber & 21 Green)' with 12 red actions in the table",
        passes="The same sentence with the table holding 71 actions: 14 red, 36 amber and 21 green",
    ),
    check=check,
)
