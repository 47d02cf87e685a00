"""CommonMark answers parsed once into a small block tree that every writer walks."""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field

from markdown_it.token import Token

from tcdesk import commonmark

# XML 1.0 (DOCX) and reportlab cannot hold C0/C1 control characters; show them as U+FFFD.
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ufffe\uffff]")
ATTACHMENT_SCHEME = "attachment:"


# What clean_text changes: the characters above, carriage returns and tabs.
_UNCLEAN = re.compile(r"[\x00-\x09\x0b-\x1f\x7f-\x9f\ufffe\uffff]")


def clean_text(text: str) -> str:
    """User text with the characters no document format can store made visible instead of lost."""
    if not _UNCLEAN.search(text):
        return text  # nearly all text: one search instead of three replacements and a substitution
    return _CONTROL.sub("\ufffd", text.replace("\r\n", "\n").replace("\r", "\n").replace("\t", " "))


@dataclass(frozen=True, slots=True)
class Run:
    """A stretch of inline text with one set of styles; ``href`` makes it a hyperlink."""

    text: str
    bold: bool = False
    italic: bool = False
    code: bool = False
    href: str = ""
    line_break: bool = False


@dataclass(slots=True)
class Paragraph:
    runs: list[Run]


@dataclass(slots=True)
class Heading:
    """A heading inside an answer; writers demote it below the question heading."""

    level: int
    runs: list[Run]


@dataclass(slots=True)
class ListBlock:
    ordered: bool
    start: int
    items: list[list[Block]] = field(default_factory=list)


@dataclass(slots=True)
class Table:
    header: list[list[Run]]
    rows: list[list[list[Run]]]


@dataclass(slots=True)
class CodeBlock:
    text: str


@dataclass(slots=True)
class Quote:
    blocks: list[Block]


@dataclass(slots=True)
class Rule:
    """A thematic break (``---``) between blocks."""


@dataclass(slots=True)
class Figure:
    """An image: ``![caption](attachment:NAME)`` names one of the submission's attachments."""

    source: str
    caption: str

    @property
    def attachment_name(self) -> str | None:
        # The parser percent-encodes a link target ("café.png" becomes "caf%C3%A9.png", a space "%20"),
        # and attachments are called by their own names.
        if not self.source.startswith(ATTACHMENT_SCHEME):
            return None
        from urllib.parse import unquote

        return unquote(self.source[len(ATTACHMENT_SCHEME) :])


Block = Paragraph | Heading | ListBlock | Table | CodeBlock | Quote | Rule | Figure


def parse(text: str) -> list[Block]:
    """The blocks of a CommonMark answer."""
    blocks, _ = _blocks(commonmark.tokens(clean_text(text)), 0, None)
    return blocks


def _blocks(tokens: list[Token], i: int, close: str | None) -> tuple[list[Block], int]:
    out: list[Block] = []
    while i < len(tokens):
        tok = tokens[i]
        if close is not None and tok.type == close:
            return out, i + 1
        handler = _BLOCK_HANDLERS.get(tok.type)
        if handler is None:
            i += 1  # closing tokens of tight paragraphs and anything unknown
            continue
        made, i = handler(tokens, i)
        out.extend(made)
    return out, i


def _paragraph(tokens: list[Token], i: int) -> tuple[list[Block], int]:
    # Hidden paragraphs are the tight-list ones; they are ordinary text all the same.
    inline = tokens[i + 1]
    return _split_figures(_inline_runs(inline)), i + 3


def _heading(tokens: list[Token], i: int) -> tuple[list[Block], int]:
    level = int(tokens[i].tag[1:])
    return [Heading(level, _inline_runs(tokens[i + 1]).runs)], i + 3


def _list(tokens: list[Token], i: int) -> tuple[list[Block], int]:
    tok = tokens[i]
    ordered = tok.type == "ordered_list_open"
    given = tok.attrGet("start")
    start = (int(given) if given is not None else 1) if ordered else 1  # "0." starts at 0
    block = ListBlock(ordered, start)
    close = "ordered_list_close" if ordered else "bullet_list_close"
    i += 1
    while tokens[i].type != close:
        if tokens[i].type == "list_item_open":
            item, i = _blocks(tokens, i + 1, "list_item_close")
            block.items.append(item)
        else:
            i += 1
    return [block], i + 1


def _table(tokens: list[Token], i: int) -> tuple[list[Block], int]:
    header: list[list[Run]] = []
    rows: list[list[list[Run]]] = []
    in_head = False
    while tokens[i].type != "table_close":
        tok = tokens[i]
        if tok.type == "thead_open":
            in_head = True
        elif tok.type == "thead_close":
            in_head = False
        elif tok.type == "tr_open" and not in_head:
            rows.append([])
        elif tok.type == "inline":
            runs = _inline_runs(tok).runs
            (header if in_head else rows[-1]).append(runs)
        i += 1
    return [Table(header, rows)], i + 1


def _code(tokens: list[Token], i: int) -> tuple[list[Block], int]:
    return [CodeBlock(tokens[i].content.rstrip("\n"))], i + 1


def _quote(tokens: list[Token], i: int) -> tuple[list[Block], int]:
    inner, i = _blocks(tokens, i + 1, "blockquote_close")
    return [Quote(inner)], i


def _rule(tokens: list[Token], i: int) -> tuple[list[Block], int]:
    return [Rule()], i + 1


_BLOCK_HANDLERS = {
    "paragraph_open": _paragraph,
    "heading_open": _heading,
    "bullet_list_open": _list,
    "ordered_list_open": _list,
    "table_open": _table,
    "fence": _code,
    "code_block": _code,
    "blockquote_open": _quote,
    "hr": _rule,
}


@dataclass(slots=True)
class _InlineResult:
    runs: list[Run]
    # (index into runs where a figure stands, the figure)
    figures: list[tuple[int, Figure]] = field(default_factory=list)


def _inline_runs(inline: Token) -> _InlineResult:
    result = _InlineResult([])
    bold = italic = 0
    href: list[str] = []
    for child in inline.children or ():
        kind = child.type
        if kind == "text":
            if child.content:
                result.runs.append(Run(child.content, bold > 0, italic > 0, False, href[-1] if href else ""))
        elif kind == "code_inline":
            result.runs.append(Run(child.content, bold > 0, italic > 0, True, href[-1] if href else ""))
        elif kind in ("softbreak",):
            result.runs.append(Run(" ", bold > 0, italic > 0, False, href[-1] if href else ""))
        elif kind == "hardbreak":
            result.runs.append(Run("", line_break=True))
        elif kind == "strong_open":
            bold += 1
        elif kind == "strong_close":
            bold -= 1
        elif kind == "em_open":
            italic += 1
        elif kind == "em_close":
            italic -= 1
        elif kind == "link_open":
            target = str(child.attrGet("href") or "")
            href.append(target if linkable(target) else "")
        elif kind == "link_close":
            href.pop()
        elif kind == "image":
            caption = child.content or "".join(c.content for c in child.children or ())
            result.figures.append((len(result.runs), Figure(str(child.attrGet("src") or ""), caption)))
        elif child.content:
            result.runs.append(Run(child.content, bold > 0, italic > 0))
    return result


def _split_figures(result: _InlineResult) -> list[Block]:
    """A paragraph with images becomes text, figure, text: figures stand on their own in both formats."""
    if not result.figures:
        return [Paragraph(result.runs)] if result.runs else []
    out: list[Block] = []
    start = 0
    for at, figure in result.figures:
        if any(r.text.strip() for r in result.runs[start:at]):
            out.append(Paragraph(result.runs[start:at]))
        out.append(figure)
        start = at
    if any(r.text.strip() for r in result.runs[start:]):
        out.append(Paragraph(result.runs[start:]))
    return out


_SCHEME = re.compile(r"^(https?|mailto|ftp):\S", re.IGNORECASE)


def linkable(href: str) -> bool:
    """Whether ``href`` can be a real hyperlink: an absolute web or mail address.

    Relative, empty or ``attachment:`` targets would be dead links in a file sent away, so their
    text is shown without a link.
    """
    return bool(_SCHEME.match(href.strip()))


@dataclass(frozen=True, slots=True)
class Markup:
    """How one markup language writes inline runs (reportlab's paragraph XML, HTML)."""

    text: Callable[[str], str]  # escapes a piece of user text
    line_break: str
    code: str  # format strings with one {} for the content
    italic: str
    bold: str
    link: Callable[[str, str], str]  # (href, content) -> markup, or the content alone


def markup(runs: list[Run], how: Markup) -> str:
    """``runs`` written with ``how``: code inside italic inside bold inside the link."""
    out = []
    for run in runs:
        if run.line_break:
            out.append(how.line_break)
            continue
        piece = how.text(run.text)
        if run.code:
            piece = how.code.format(piece)
        if run.italic:
            piece = how.italic.format(piece)
        if run.bold:
            piece = how.bold.format(piece)
        if run.href:
            piece = how.link(run.href, piece)
        out.append(piece)
    return "".join(out)


def plain_text(runs: list[Run]) -> str:
    return "".join("\n" if r.line_break else r.text for r in runs)
