"""Section headings whatever their wording, and the question each belongs to.

A free-form submission heads its parts "Section One: Technical staff structures", "Section two:",
"SECTION THREE RAG Analysis", "Section 7", "1. Overview", "Question 3" or with numbered Word headings
and no number in the text. A heading goes to a question by its number and, failing that, by how
much its title shares with each question's short title, wording and hint.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from tcdesk.importers.blocks import Para, match_question
from tcdesk.template import Question, Template

_NUMBER_WORDS = {
    w: n
    for n, words in enumerate(
        (
            ("one", "first"), ("two", "second"), ("three", "third"), ("four", "fourth"), ("five", "fifth"),
            ("six", "sixth"), ("seven", "seventh"), ("eight", "eighth"), ("nine", "ninth"), ("ten", "tenth"),
            ("eleven", "eleventh"), ("twelve", "twelfth"),
        ),
        1,
    )
    for w in words
}
_NUMBER = r"\d{1,2}|" + "|".join(sorted(_NUMBER_WORDS, key=len, reverse=True))
_PREFIXED = re.compile(
    rf"^(?:section|question|part)\s+({_NUMBER})\b\s*(?P<sep>[:.)–—-])?\s*(?P<title>.*)$", re.I | re.S
)
_NUMBERED = re.compile(r"^(\d{1,2})\s*[.)]\s+(?P<title>\S.*)$", re.S)
_STOP = frozenset(
    ["a", "an", "and", "are", "as", "at", "be", "by", "details", "do", "for", "from", "has", "have", "how", "in", "is", "it", "its", "of", "on", "or", "our", "please", "provide", "section", "question", "part", "the", "their", "this", "to", "us", "we", "what", "which", "with", "your", "you", "here"]
)
# A title must share this much with a question (see _score) to go there without a number.
TITLE_MATCH = 0.3
NUMBERLESS_HEADING_MATCH = 0.6


@dataclass(frozen=True)
class Heading:
    """A section heading found in the text: the question it goes to (``None``: none) and how."""

    text: str
    question: str | None
    how: str  # "wording" (the form's own), "number", "title", or "" when unmatched


def _number(token: str) -> int:
    return int(token) if token.isdigit() else _NUMBER_WORDS[token.lower()]


_WORD = re.compile(r"[a-z]+")


def _words(text: str) -> set[str]:
    out = set()
    for w in _WORD.findall(text.lower()):
        if w in _STOP or len(w) < 2:
            continue
        if w.endswith("ies") and len(w) > 4:
            w = w[:-3] + "y"
        elif w.endswith("s") and not w.endswith(("ss", "is", "us")) and len(w) > 3:
            w = w[:-1]
        out.add(w)
    return out


@lru_cache(maxsize=64)  # every heading is scored against every question
def _question_words(question: Question) -> tuple[frozenset[str], frozenset[str]]:
    return frozenset(_words(question.short)), frozenset(_words(f"{question.text} {question.help}"))


def _score(title: set[str], question: Question) -> float:
    """1.0 when every word of the title is in the question's short title and wording; short titles count double."""
    if not title:
        return 0.0
    short, body = _question_words(question)
    return (2 * len(title & short) + len(title & body)) / (3 * len(title))


def by_title(title: str, template: Template, threshold: float = TITLE_MATCH) -> str | None:
    """The question whose title and wording ``title`` shares most with, if clearly the best."""
    words = _words(title)
    scored = sorted(((_score(words, q), q.number) for q in template.questions), reverse=True)
    if not scored or scored[0][0] < threshold:
        return None
    if len(scored) > 1 and scored[1][0] == scored[0][0]:
        return None  # as close to two questions: the user decides
    return scored[0][1]


class SectionFinder:
    """Finds section headings paragraph by paragraph; keeps the count of numbered Word headings."""

    def __init__(self, template: Template) -> None:
        self.template = template
        self._numbered_at: dict[int, int] = {}  # heading level → numbered headings seen at it
        self.question_level = 0  # the Word heading level sections use, once known

    def find(self, p: Para, text: str) -> Heading | None:
        """The heading ``p`` is (its plain ``text`` given without contents-page numbers), or ``None``."""
        text = text.strip()
        if not text:
            return None
        if (number := match_question(text, self.template)) is not None:
            return self._found(p, text, number, "wording")
        if len(text) > 160 or "\n" in text:
            return None
        if m := _PREFIXED.match(text):
            title = m.group("title").strip()
            if m.group("sep") or p.heading or not title or _title_like(title):
                return self._by_number(p, text, _number(m.group(1)), title)
        if (m := _NUMBERED.match(text)) and (p.heading or (_title_like(m.group("title")) and not p.list_item)):
            title = m.group("title").strip()
            if p.heading or by_title(title, self.template) == str(int(m.group(1))):
                return self._by_number(p, text, int(m.group(1)), title)
        if p.heading and p.list_item == "number":
            # A numbered Word heading: the number is Word's, not in the text; count them.
            self._numbered_at[p.heading] = n = self._numbered_at.get(p.heading, 0) + 1
            return self._by_number(p, text, n, text)
        at_question_level = p.heading and (not self.question_level or p.heading <= self.question_level)
        if at_question_level and (number := by_title(text, self.template, NUMBERLESS_HEADING_MATCH)) is not None:
            return self._found(p, text, number, "title")
        return None

    def _by_number(self, p: Para, text: str, n: int, title: str) -> Heading:
        if str(n) in {q.number for q in self.template.questions}:
            return self._found(p, text, str(n), "number")
        number = by_title(title, self.template)
        return self._found(p, text, number, "title" if number else "")

    def _found(self, p: Para, text: str, number: str | None, how: str) -> Heading:
        if p.heading and number is not None:
            self.question_level = p.heading
        return Heading(text, number, how)


def _title_like(title: str) -> bool:
    # "Section 3 of our plan describes…" is a sentence; "Section 3 RAG Analysis" is a heading.
    return bool(title) and title[:1].isupper() and not title.rstrip().endswith(".") and len(title.split()) <= 12
