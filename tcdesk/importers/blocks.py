"""What readers hand to the assembler: paragraphs, tables, figures and skipped parts, in order;
and the text helpers they share (question headings, CommonMark escaping, tables, lists)."""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache

from tcdesk.importers.rows import Cell
from tcdesk.template import Question, Template


@dataclass
class Para:
    """A paragraph: its CommonMark rendering, its plain text, heading level and list marker."""

    markdown: str
    text: str
    heading: int | None = None
    list_item: str = ""  # "", "bullet" or "number"; markdown then starts with its indent and marker


@dataclass
class Table:
    """Rows of cells; ``joiner`` joins continuation lines (a PDF wraps every line into its own row)."""

    rows: list[list[Cell]]
    where: str
    joiner: str | None = None


@dataclass
class Figure:
    """An image in the text: it becomes a figure attachment referenced from the answer."""

    where: str
    data: bytes
    media_type: str
    suffix: str
    caption: str = ""


@dataclass
class Skip:
    """Something the reader saw but cannot bring in (an image, an embedded object)."""

    where: str
    reason: str
    text: str = ""


Block = Para | Table | Figure | Skip

TOC = re.compile(r"(\.{3,}|…+|\s{2,})\s*\d+\s*$")
URL = re.compile(r"https?://[^\s<>)\]]+")
_ESCAPED = re.compile(r"([\\*_\[\]`])")
_LINK = re.compile(r"\(?<?(https?://\S+?)>?\)?")
_PLAIN = re.compile(r"[*_`#>\[\]]")


def contents_page(text: str) -> re.Match[str] | None:
    """The page number, with its dots or spaces, ending a contents line ("Question 3 …… 12")."""
    # Only a line ending in a digit can end in a page number; searching every paragraph costs more.
    return TOC.search(text) if text.rstrip()[-1:].isdigit() else None


def escape_markdown(text: str) -> str:
    """Text that CommonMark reads back literally (no stray emphasis or links)."""
    # Most runs of text have nothing to escape; searching is cheaper than substituting.
    return _ESCAPED.sub(r"\\\1", text) if _ESCAPED.search(text) else text


def _norm(text: str) -> str:
    if "http" in text:
        text = _LINK.sub(r"\1", text)
    return " ".join(_PLAIN.sub("", text).split()).lower()


def after_question(text: str, official: str) -> str:
    m = _question_heading(official).match(text)
    return text[m.end():].strip(" >)") if m else ""


@lru_cache(maxsize=64)
def _question_heading(official: str) -> re.Pattern[str]:
    words = [re.escape(w) for w in re.sub(r"[<>]", " ", official).split()]
    return re.compile(r"^\W*(?:question\s*)?(?:\d{1,2}\s*[.):]?\s*)?" + r"[\s<>()]*".join(words), re.I)


_WORD_NUMBERS = {w: str(n) for n, w in enumerate(("one", "two", "three", "four", "five", "six", "seven", "eight"), 1)}
_LABELS = ("question", "section", "part")  # the words a heading may put before a question's number
_WORD_NUMBER = re.compile(rf"^((?:{'|'.join(_LABELS)})\s+)({'|'.join(_WORD_NUMBERS)})\b")
_NUMBER_FIRST = re.compile(rf"^(?:{'|'.join(_LABELS)})?\s*(\d{{1,2}})\s*[.):–-]?\s*(.*)$")
# A wording is recognised by its first _PROBE characters, or (a title) by at least _LEAST + 1 of them.
_PROBE, _LEAST = 60, 20


@dataclass(frozen=True)
class _Wording:
    """A question's texts as :func:`match_question` compares them, normalised once per template."""

    number: str
    official: str
    probe: str  # the beginning of the wording that names the question whatever follows it
    short: str


@dataclass(frozen=True)
class _Form:
    """The questions of a template as :func:`match_question` compares them, and what every text
    naming one of them starts with once normalised (see _named): a number, a label or a wording."""

    questions: tuple[Question, ...]
    wordings: tuple[_Wording, ...]
    starts: tuple[str, ...]
    initials: tuple[str, ...]  # their first characters, digits aside


_FORMS: dict[int, _Form] = {}


def _form(questions: tuple[Question, ...]) -> _Form:
    # Kept by identity: hashing a template's questions for every paragraph would cost more than the check.
    form = _FORMS.get(id(questions))
    if form is None or form.questions is not questions:
        if len(_FORMS) >= 8:
            _FORMS.clear()
        wordings = tuple(_Wording(q.number, o := _norm(q.text), o[:_PROBE], _norm(q.short)) for q in questions)
        starts = (*_LABELS, *(w.probe[:_LEAST] for w in wordings))
        form = _FORMS[id(questions)] = _Form(questions, wordings, starts, tuple({s[:1] for s in starts}))
    return form


# A text's first character after what _norm drops before it: space and CommonMark marks.
_FIRST = re.compile(r"[\s*_`#>\[\]]*(.?)", re.S)


def may_start_question(text: str, initials: tuple[str, ...]) -> bool:
    """Whether raw text can name a question, judged by its first character as _norm will leave it
    (``initials``: those of a :class:`_Form`'s starts). Most paragraphs start otherwise, and
    normalising them would cost more than this."""
    m = _FIRST.match(text)
    first = m.group(1) if m else ""
    # A bracket before a link is dropped with it; such texts take the full comparison.
    return first in ("(", "<") or first.lower()[:1].isdigit() or first.lower().startswith(initials)


def may_name_question(t: str, starts: tuple[str, ...]) -> bool:
    """Whether a normalised text can name a question at all: it starts with a number, a label
    ("question 3") or the beginning of a question's wording. Most paragraphs do not."""
    return t[:1].isdigit() or t.startswith(starts)


def match_question(text: str, template: Template) -> str | None:
    """The question number a heading or paragraph names: its official text (with or without the
    number), "3. RAG analysis of the previous action plan" or "Section One: Technical staff structures"
    (number and short title), or "Question 3"."""
    form = _form(template.questions)
    if not may_start_question(text, form.initials):
        return None
    t = _norm(text)
    if not t or not may_name_question(t, form.starts):
        return None
    return _named(t, form.wordings)


def _named(t: str, wordings: tuple[_Wording, ...]) -> str | None:
    t = _WORD_NUMBER.sub(lambda m: m.group(1) + _WORD_NUMBERS[m.group(2)], t)
    m = _NUMBER_FIRST.match(t)
    number, rest = (m.group(1), m.group(2)) if m else (None, t)
    for q in wordings:
        if rest.startswith(q.probe) or (rest and len(rest) > _LEAST and q.official.startswith(rest)):
            return q.number
        if number == q.number and (not rest or rest.startswith(q.short)):
            return q.number
    return None


def markdown_table(rows: list[list[Cell]]) -> str:
    """A GFM pipe table (the answers' CommonMark carries tables this way)."""
    width = max(len(r) for r in rows)
    esc = lambda t: re.sub(r"(?<!\\)\|", r"\\|", t).replace("\n\n", "<br>").replace("\n", "<br>").strip()
    lines = []
    for n, row in enumerate(rows):
        texts = [c.markdown if c.markdown is not None else c.text for c in row]
        if n == 0:  # header cells are bold in Word; in CommonMark the header row says so itself
            texts = [re.sub(r"^\*\*(.*)\*\*$", r"\1", t.strip(), flags=re.S) for t in texts]
        cells = [esc(t) if not c.merged else "" for t, c in zip(texts, row, strict=True)] + [""] * (width - len(row))
        lines.append(re.sub(r"\|  (?=\|)", "| ", "| " + " | ".join(cells) + " |"))
        if n == 0:
            lines.append("|" + "---|" * width)
    return "\n".join(lines)


def join_markdown(parts: Sequence[tuple[str, str]]) -> str:
    """Blocks joined as CommonMark: items of one list on consecutive lines, numbered in order."""
    out: list[str] = []
    counters: dict[int, int] = {}
    prev_kind = ""
    for n, (md, kind) in enumerate(parts):
        indent = len(md) - len(md.lstrip(" "))
        if kind == "number":
            counters = {k: v for k, v in counters.items() if k <= indent}
            counters[indent] = counters.get(indent, 0) + 1 if prev_kind else 1
            item = md.lstrip(" ")
            if m := _ITEM_NUMBER.match(item):
                item = f"{counters[indent]}.{item[m.end():]}"
            md = " " * indent + item
        elif not kind:
            counters = {}
        same_list = kind and prev_kind and (kind == prev_kind or indent > 0)
        out += ("\n" if same_list else "\n\n" if n else "", md)
        prev_kind = kind
    return "".join(out).strip()


_ITEM_NUMBER = re.compile(r"\d+\.")
