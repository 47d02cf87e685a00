"""Figures computed from a submission and never stored: RAG counts per pillar, TALENT coverage."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from typing import TypeVar

from tcdesk.model.plan import NewAction, Pillar, PreviousAction, PreviousPlan, Rag
from tcdesk.model.submission import Submission

A = TypeVar("A", PreviousAction, NewAction)


@dataclass(frozen=True, slots=True)
class RagCounts:
    """How many actions of one pillar (or of the whole plan) carry each rating."""

    red: int = 0
    amber: int = 0
    green: int = 0
    unrated: int = 0

    @property
    def total(self) -> int:
        return self.red + self.amber + self.green + self.unrated

    def count(self, rag: Rag | None) -> int:
        return self.unrated if rag is None else getattr(self, rag.value)


def rag_counts(plan: PreviousPlan) -> dict[Pillar | None, RagCounts]:
    """RAG counts per pillar, the four pillars always present (``None`` only if some action lacks a pillar)."""
    tallies: dict[Pillar | None, Counter[str]] = {p: Counter() for p in Pillar}
    for action in plan.actions:
        tallies.setdefault(action.pillar, Counter())[action.rag.value if action.rag else "unrated"] += 1
    return {p: RagCounts(**dict(c)) for p, c in tallies.items()}


def rag_totals(plan: PreviousPlan) -> RagCounts:
    c = Counter(a.rag.value if a.rag else "unrated" for a in plan.actions)
    return RagCounts(**dict(c))


def actions_by_pillar(actions: list[A]) -> dict[Pillar | None, list[A]]:
    """Actions grouped by pillar in the form's pillar order, keeping their order inside a pillar."""
    groups: dict[Pillar | None, list[A]] = {p: [] for p in Pillar}
    for action in actions:
        groups.setdefault(action.pillar, []).append(action)
    return groups


def talent_coverage(submission: Submission) -> dict[str, tuple[int, int]]:
    """For each TALENT code named anywhere: (previous-plan actions, new-plan actions) mapped to it."""
    prev = Counter(code for a in submission.previous_plan.actions for code in a.talent)
    new = Counter(code for a in submission.new_plan.actions for code in a.talent)
    return {code: (prev[code], new[code]) for code in sorted(set(prev) | set(new), key=_code_key)}


def _code_key(code: str) -> tuple[int, str]:
    digits = "".join(ch for ch in code if ch.isdigit())
    return (int(digits) if digits else 10_000, code)
