"""Which action of a contribution is which action of the base, when identities cannot say.

A merge pairs actions by identity. Two kinds of side carry identities that cannot be trusted:

- a file written or edited by hand without action ids: each action is named by its position
  (``previous-3``), so one action inserted or deleted near the top shifts every name below it, and
  pairing by name would move one action's edits onto its neighbour;
- a file whose identities share nothing with the base (an import of a Word document or a spreadsheet):
  pairing by name would see every action deleted and another added.

Their actions are paired with the base's by what they say, most certain first: identical content;
the same position *and* the same reference or wording; a reference found once on each side; wording
so close that each is the other's nearest. An action paired nowhere is an addition, its base action
a deletion: the merge then keeps the contribution's words whole, and reports a conflict if the other
side changed the base action meanwhile. Nothing is ever attached to an action it was not certainly
paired with.
"""

from __future__ import annotations

import dataclasses
import hashlib
import re
from collections import Counter
from collections.abc import Callable, Sequence
from difflib import SequenceMatcher
from typing import Any

from tcdesk.model import action_to_plain

__all__ = ["identified"]

_POSITIONAL = re.compile(r"(?:previous|new)-[0-9]+")
#: How alike two actions' wording must be to be paired when nothing else pairs them (difflib's ratio).
SIMILAR = 0.6
#: Beyond this many unpaired actions on each side, wording is not compared (n × m comparisons).
MAX_COMPARED = 400


def identified(base: Sequence[Any], side: Sequence[Any]) -> list[Any]:
    """``side``'s actions, each unsure one given the identity of the base action it certainly is.

    An unsure action paired with none gets an identity made from its content, so the same addition
    made by both contributions is one action, and no addition can take a base action's identity.
    Actions whose identities are sure (not positional, and shared with the base) are left alone.
    """
    base_ids = {a.id for a in base}
    foreign = bool(base) and not any(a.id in base_ids for a in side if not _POSITIONAL.fullmatch(a.id))
    unsure = [i for i, a in enumerate(side) if foreign or _POSITIONAL.fullmatch(a.id)]
    if not unsure:
        return list(side)  # real identities only: an unknown one is an addition
    sure = {a.id for a in side} - {side[i].id for i in unsure}
    free = [j for j, b in enumerate(base) if b.id not in sure]
    pairs = _pair([action_to_plain(side[i]) for i in unsure], [action_to_plain(base[j]) for j in free],
                  [side[i].id for i in unsure], [base[j].id for j in free])
    out = list(side)
    seen: Counter[str] = Counter()
    for k, i in enumerate(unsure):
        if k in pairs:
            ident = base[free[pairs[k]]].id
        else:
            digest = hashlib.sha256(repr(sorted(action_to_plain(side[i]).items())).encode()).hexdigest()[:16]
            seen[digest] += 1
            ident = f"added-{digest}-{seen[digest]}"
        out[i] = dataclasses.replace(side[i], id=ident)
    return out


def _pair(mine: list[dict], base: list[dict], mine_ids: list[str], base_ids: list[str]) -> dict[int, int]:
    """Indexes into ``base`` by index into ``mine``, for the pairs that are certain."""
    pairs: dict[int, int] = {}
    taken: set[int] = set()

    def unique_matches(key: Callable[[dict], Any]) -> None:
        left = {k: key(mine[k]) for k in range(len(mine)) if k not in pairs}
        right = {j: key(base[j]) for j in range(len(base)) if j not in taken}
        left_count = Counter(v for v in left.values() if v is not None)
        right_count = Counter(v for v in right.values() if v is not None)
        by_value = {v: j for j, v in right.items() if v is not None and right_count[v] == 1}
        for k, v in left.items():
            if v is not None and left_count[v] == 1 and v in by_value:
                pairs[k] = by_value[v]
                taken.add(by_value[v])

    unique_matches(lambda a: repr(sorted(a.items())))  # identical
    at = {ident: j for j, ident in enumerate(base_ids)}
    for k, a in enumerate(mine):  # same place, same reference or wording
        if k in pairs or not _POSITIONAL.fullmatch(mine_ids[k]):
            continue
        j = at.get(mine_ids[k])
        if j is not None and j not in taken and any(a[f] and a[f] == base[j][f] for f in ("ref", "action")):
            pairs[k] = j
            taken.add(j)
    unique_matches(lambda a: _norm(a["ref"]) or None)  # one reference, once on each side
    _pair_similar(mine, base, pairs, taken)
    return pairs


def _pair_similar(mine: list[dict], base: list[dict], pairs: dict[int, int], taken: set[int]) -> None:
    """Pair what is left by wording, where each is the other's nearest and alike enough."""
    left = [k for k in range(len(mine)) if k not in pairs and mine[k]["action"].strip()]
    right = [j for j in range(len(base)) if j not in taken and base[j]["action"].strip()]
    if not left or not right or len(left) > MAX_COMPARED or len(right) > MAX_COMPARED:
        return
    score: dict[tuple[int, int], float] = {}
    for k in left:
        matcher = SequenceMatcher(None, autojunk=False)
        matcher.set_seq2(_norm(mine[k]["action"]))
        for j in right:
            matcher.set_seq1(_norm(base[j]["action"]))
            if matcher.real_quick_ratio() >= SIMILAR and matcher.quick_ratio() >= SIMILAR:
                score[k, j] = matcher.ratio()
    best_of_k = {k: max((score.get((k, j), 0.0), j) for j in right) for k in left}
    best_of_j = {j: max((score.get((k, j), 0.0), k) for k in left) for j in right}
    for k, (s, j) in best_of_k.items():
        if s >= SIMILAR and best_of_j[j][1] == k and _alone(score, k, j, s):
            pairs[k] = j
            taken.add(j)


def _alone(score: dict[tuple[int, int], float], k: int, j: int, s: float) -> bool:
    """No other pairing of ``k`` or ``j`` scores as high: a tie is not certain."""
    return not any(v >= s and (a == k) != (b == j) for (a, b), v in score.items() if a == k or b == j)


def _norm(text: str) -> str:
    return " ".join(text.casefold().split())
