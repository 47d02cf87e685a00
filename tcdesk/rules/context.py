"""The per-check context: the submission, the check date, pack data, and derived text computed once.

Rules share one context per check, so each answer is scanned once however many rules read it. It
only reads the submission; nothing here writes to it.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator, Mapping, Sequence
from datetime import date
from functools import lru_cache
from typing import Any, NamedTuple, TypeVar, cast

from tcdesk.model import NEW_TEXT_FIELDS, PREVIOUS_TEXT_FIELDS, NewAction, PreviousAction, Submission
from tcdesk.rules.finding import Location, Section

__all__ = ["CheckContext", "LinkSpan", "Place", "TextField"]

# Where a text lives: the first five fields of a Location (section, question, ref, index, field).
Place = tuple[Section, str | None, str | None, int | None, str | None]

_WORD = re.compile(r"[^\W_](?:[\w'’-]*[^\W_])?")
_INLINE_TARGET = re.compile(r"\]\([^)]*\)")
_NUMERIC_REFERENCE = re.compile(r"&#(?:[0-9]{1,7}|[xX][0-9a-fA-F]{1,6});")
# Cheap pre-filter: only texts with something that could be an empty or "#" link get a full parse:
# an inline link "](…)" or a reference definition "[…]: …", each looked for only where its "](" or
# "]:" occurs (one regex for both would try every character of the text).
_MAYBE_BAD_INLINE = re.compile(r"\]\(\s*(?:<\s*>|#)?\s*\)")
_MAYBE_BAD_DEFINITION = r"(?m)^\s*\[[^\]]+\]:\s*(?:<\s*>|#)\s*$"  # compiled on first use: few answers define links
# Compiled by re on first use (its cache keeps it): only a text the pre-filter lets through needs it.
_BAD_INLINE_LINK = r"!?\[(?:[^\[\]\\]|\\.|\[[^\]]*\])*\]\(\s*(?:<\s*>|#)?\s*\)"
_T = TypeVar("_T")


class TextField(NamedTuple):
    """One piece of free text in the submission and where it lives."""

    location: Location
    text: str


class LinkSpan(NamedTuple):
    """A link in an answer: its target and its character span in the CommonMark source."""

    target: str
    start: int
    end: int


@lru_cache(maxsize=64)
def placeholder_links(text: str) -> tuple[LinkSpan, ...]:
    """Links whose target is empty or ``#``, found by the CommonMark parser (so code spans don't count).

    Cached by text: while someone types, only the answer being edited is parsed again.
    """
    if not _may_hold_bad_link(text):
        return ()
    from tcdesk.commonmark import tokens as parse_tokens
    from tcdesk.rules.answer_parts import line_starts as starts_of

    tokens = parse_tokens(text)
    line_starts = starts_of(text)
    found: list[LinkSpan] = []
    for token in tokens:
        if token.type != "inline" or not token.children or token.map is None:
            continue
        bad = [str(c.attrGet("href") or "") for c in token.children if c.type == "link_open"]
        bad = [href for href in bad if href.strip() in ("", "#")]
        if not bad:
            continue
        first, last = token.map
        lo, hi = line_starts[first], line_starts[min(last, len(line_starts) - 1)]
        hits = list(re.compile(_BAD_INLINE_LINK).finditer(text, lo, hi))
        for i, href in enumerate(bad):
            # Reference-style links have no inline span to point at; point at their paragraph.
            start, end = (hits[i].start(), hits[i].end()) if i < len(hits) else (lo, hi)
            found.append(LinkSpan(href, start, end))
    return tuple(found)


def _may_hold_bad_link(text: str) -> bool:
    return bool(("](" in text and _MAYBE_BAD_INLINE.search(text)) or ("]:" in text and re.search(_MAYBE_BAD_DEFINITION, text)))


@lru_cache(maxsize=256)
def word_count(text: str) -> int:
    """Words as a reader counts them: link targets are not words, punctuation is not either.

    A word (``_WORD``) never spans white space, and a piece between white space made only of letters
    and digits is one word; only the other pieces (about one in seven in usual prose) go through the
    regex, which halves the time of a count.
    """
    if "&#" in text:  # a letter spelt as a character reference (the answer editor writes some) is that letter
        import html  # here: its table of entities is a few million instructions a check rarely needs

        text = _NUMERIC_REFERENCE.sub(lambda m: html.unescape(m.group()), text)
    pieces = _INLINE_TARGET.sub("]", text).split()
    others = [piece for piece in pieces if not piece.isalnum()]
    return len(pieces) - len(others) + (len(_WORD.findall(" ".join(others))) if others else 0)


class CheckContext:
    """Everything a rule reads during one check.

    :param submission: the submission being checked (never modified).
    :param today: the check date, for rules about dates.
    :param data: the merged ``data`` of every loaded rule pack (vocabularies, minimums, patterns).
    """

    def __init__(self, submission: Submission, today: date, data: Mapping[str, Any]) -> None:
        self.submission = submission
        self.today = today
        self.data = data
        self._cache: dict[str, Any] = {}

    def cached(self, key: str, compute: Callable[[], _T]) -> _T:
        """A value derived once per check and shared by every rule that asks for it."""
        try:
            return cast(_T, self._cache[key])
        except KeyError:
            value = self._cache[key] = compute()
            return value

    def answer(self, number: str) -> str:
        return self.submission.answers.get(str(number), "")

    def words(self, number: str) -> int:
        return word_count(self.answer(number))

    def links(self, number: str) -> tuple[LinkSpan, ...]:
        return placeholder_links(self.answer(number))

    def text_fields(self) -> list[TextField]:
        """Every free-text field: the answers, then each action's text fields, in form order."""
        return self.cached("text_fields", lambda: [TextField(Location(*place), text) for text, place in zip(*self.all_text())])

    def all_text(self) -> tuple[list[str], list[Place]]:
        """The texts of :meth:`text_fields` and, for each, its place as ``Location``'s first five fields.

        Plain tuples, because a plan of 100,000 actions has half a million texts.
        """
        return self.cached("all_text", self._collect_all_text)

    def _collect_all_text(self) -> tuple[list[str], list[Place]]:
        sub = self.submission
        texts: list[str] = []
        places: list[Place] = []
        for n, t in sub.answers.items():
            if t:
                texts.append(t)
                places.append((Section.QUESTION, n, None, None, None))
        plans: tuple[tuple[Section, Sequence[PreviousAction | NewAction], tuple[str, ...]], ...] = (
            (Section.PREVIOUS_PLAN, sub.previous_plan.actions, PREVIOUS_TEXT_FIELDS),
            (Section.NEW_PLAN, sub.new_plan.actions, NEW_TEXT_FIELDS),
        )
        for section, actions, all_names in plans:
            names = [name for name in all_names if name != "ref"]
            for i, action in enumerate(actions):
                ref = action.ref or None
                for name in names:
                    value = getattr(action, name)
                    if value:
                        texts.append(value)
                        places.append((section, None, ref, i, name))
        return texts, places

    def actions(self, plan: str) -> Iterator[tuple[int, Any]]:
        plan_obj = self.submission.previous_plan if plan == "previous" else self.submission.new_plan
        return enumerate(plan_obj.actions)
