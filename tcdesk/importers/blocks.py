"""What readers hand to the assembler: paragraphs, tables, figures and skipped parts, in order;
and the text helpers they share (question headings, CommonMark escaping, tables, lists)."""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache

from tcdesk.importers.rows import Cell
from tcdesk.template import Template


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
_PLAIN = re.compile(r"[*_`#>\[\]]")


def escape_markdown(text: str) -> str:
    """Text that CommonMark reads back literally (no stray emphasis or links)."""
    return re.sub(r"([\\*_\[\]`])", r"\\\1", text)


@lru_cache(maxsize=4096)  # the template's question texts are normalised for every paragraph read
def _norm(text: str) -> str:
    text = re.sub(r"\(?<?(https?://\S+?)>?\)?", r"\1", text)
    return re.sub(r"\s+", " ", _PLAIN.sub("", text)).strip().lower()


def after_question(text: str, official: str) -> str:
    words = [re.escape(w) for w in re.sub(r"[<>]", " ", official).split()]
    m = re.match(r"^\W*(?:question\s*)?(?:\d{1,2}\s*[.):]?\s*)?" + r"[\s<>()]*".join(words), text, re.I)
    return text[m.end():].strip(" >)") if m else ""


_WORD_NUMBERS = {w: str(n) for n, w in enumerate(("one", "two", "three", "four", "five", "six", "seven", "eight"), 1)}


def match_question(text: str, template: Template) -> str | None:
    """The question number a heading or paragraph names: its official text (with or without the
    number), "3. RAG analysis of the previous action plan" or "Section One: Technical staff structures"
    (number and short title), or "Question 3"."""
    t = _norm(text)
    if not t:
        return None
    words = "|".join(_WORD_NUMBERS)
    t = re.sub(rf"^((?:question|section|part)\s+)({words})\b", lambda m: m.group(1) + _WORD_NUMBERS[m.group(2)], t)
    m = re.match(r"^(?:question|section|part)?\s*(\d{1,2})\s*[.):–-]?\s*(.*)$", t)
    number, rest = (m.group(1), m.group(2)) if m else (None, t)
    for q in template.questions:
        official, short = _template_norm(q.text), _template_norm(q.short)
        probe = official[: min(60, len(official))]
        if rest.startswith(probe) or (rest and len(rest) > 20 and official.startswith(rest)):
            return q.number
        if number == q.number and (not rest or rest.startswith(short)):
            return q.number
    return None


@lru_cache(maxsize=64)
def _template_norm(text: str) -> str:
    """:func:`_norm` of a template text, which every paragraph of an import is compared with."""
    return _norm(text)


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
    out = ""
    counters: dict[int, int] = {}
    prev_kind = ""
    for n, (md, kind) in enumerate(parts):
        indent = len(md) - len(md.lstrip(" "))
        if kind == "number":
            counters = {k: v for k, v in counters.items() if k <= indent}
            counters[indent] = counters.get(indent, 0) + 1 if prev_kind else 1
            md = " " * indent + re.sub(r"^\d+\.", f"{counters[indent]}.", md.lstrip(" "), count=1)
        elif not kind:
            counters = {}
        same_list = kind and prev_kind and (kind == prev_kind or indent > 0)
        out += ("\n" if same_list else "\n\n" if n else "") + md
        prev_kind = kind
    return out.strip()
