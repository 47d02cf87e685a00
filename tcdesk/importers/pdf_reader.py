"""Reads a text-based PDF into blocks: lines regrouped into paragraphs, headings by font size,
and grids of positioned text (tables) into rows of cells by column position."""

from __future__ import annotations

import re
from bisect import bisect_right
from operator import attrgetter
from pathlib import Path

from tcdesk.importers.blocks import Block, Para, Skip, Table, escape_markdown
from tcdesk.importers.pdf_text import Fragment, is_bullet, read_pdf_text
from tcdesk.importers.rows import Cell, is_separator
from tcdesk.importers.safety import Deadline
from tcdesk.importers.talent import looks_like_ref

Y_TOLERANCE = 3.0
COLUMN_TOLERANCE = 4.0
# Runs in another font are separate fragments: no space before punctuation, none after an opening.
_TIGHT_BEFORE = tuple(".,;:!?)]’”%")
_TIGHT_AFTER = ("(", "[", "‘", "“")
_MARKER = re.compile(r"^([•◦▪·–\uf0b7\uf0a7-]|\d{1,3}[.)])\s+(.*)$")
_LEADING_MARKER = re.compile(r"^([•◦▪·–\uf0b7\uf0a7-]|\d{1,3}[.)])\s*(.*)$")
_NUMBERED = re.compile(r"^(?:question\s*)?\d{1,2}\s*[.):]\s+\w", re.I)
_WORD_HYPHEN = re.compile(r"\w-$")
_X = attrgetter("x")


class Line:
    """One line of a page: its fragments in reading order, and what the layout logic asks of it
    again and again, worked out once when the line is complete."""

    __slots__ = ("bold", "columns", "frags", "page", "size", "text", "x", "y")

    def __init__(self, page: int, frags: list[Fragment]) -> None:
        first = frags[0]
        self.page, self.y, self.frags, self.x = page, first.y, frags, first.x
        if len(frags) == 1:  # most lines: one run of text
            self.size, self.bold, self.columns, self.text = first.size, first.bold or not first.text.strip(), frags, first.text
            return
        self.size = max([f.size for f in frags])
        self.bold = all([f.bold for f in frags if f.text.strip()])
        # Fragments that start their own column (a clear gap from the previous one); read only.
        cols: list[Fragment] = []
        column_x = 0.0
        for f in sorted(frags, key=_X):
            if cols and f.x - column_x < 20:
                c = cols[-1]
                cols[-1] = Fragment(c.x, c.y, c.size, c.bold, c.italic, c.text + " " + f.text)
            else:
                cols.append(f)
                column_x = f.x
        self.columns = cols
        if len(cols) > 1:
            self.text = "  ".join([c.text for c in cols])
            return
        out = ""
        for f in frags:
            out += f.text if not out or f.text.startswith(_TIGHT_BEFORE) or out.endswith(_TIGHT_AFTER) else " " + f.text
        self.text = out


def lines_of(pages: list[list[Fragment]]) -> list[Line]:
    out: list[Line] = []
    for n, frags in enumerate(pages, start=1):
        # Top to bottom (a stable sort: fragments of one line keep their reading order).
        bands = [-round(f.y / Y_TOLERANCE) for f in frags]
        line: list[Fragment] = []
        top = 0.0
        for f in map(frags.__getitem__, sorted(range(len(frags)), key=bands.__getitem__)):
            if line and abs(top - f.y) <= Y_TOLERANCE:
                line.append(f)
            else:
                if line:
                    out.append(Line(n, line))
                line, top = [f], f.y
        if line:
            out.append(Line(n, line))
    return out


def read_pdf(path: Path, deadline: Deadline) -> list[Block]:
    """Blocks for :func:`tcdesk.importers.assemble.assemble`."""
    lines = lines_of(read_pdf_text(path, deadline))
    # Body text size: the commonest among lines outside tables (table text is usually smaller),
    # counted by fragment; the first seen wins a tie.
    sizes: dict[float, int] = {}
    for ln in lines:
        if len(ln.columns) == 1:
            sizes[ln.size] = sizes.get(ln.size, 0) + len(ln.frags)
    body = max(sizes.items(), key=_count)[0] if sizes else 10.0
    left = min((ln.x for ln in lines), default=0.0)
    blocks: list[Block] = []
    i = 0
    n_tables = 0
    while i < len(lines):
        ln = lines[i]
        if len(ln.columns) >= 3:
            n_tables += 1
            table, i = _grid(lines, i, f"table {n_tables} (page {ln.page})")
            blocks.append(table)
            continue
        i = _paragraph(lines, i, body, left, blocks)
    return blocks


def _count(item: tuple[float, int]) -> int:
    return item[1]


def _grid(lines: list[Line], start: int, where: str) -> tuple[Table, int]:
    first = lines[start]
    head = first.columns
    xs = [c.x for c in head]
    size = None
    i = start + 1
    # Header cells wrapped onto more lines ("Carried" / "from", "Collabor" / "ators"): lines just
    # below, aligned with the columns, with nothing in the first column.
    parts: list[list[str]] = [[c.text] for c in head]
    while i < len(lines) and lines[i].page == first.page:
        nxt = lines[i]
        gap = lines[i - 1].y - nxt.y
        aligned = all(any(abs(f.x - x) <= COLUMN_TOLERANCE for x in xs[1:]) for f in nxt.frags)
        if not aligned or abs(nxt.size - first.size) > 0.6 or gap > nxt.size * 1.6:
            break
        for f in nxt.frags:
            parts[_nearest(xs, f.x)].append(f.text)
        i += 1
    # Rows of cell texts; Cells are made once the table is complete.
    rows = [[_header_text(p) for p in parts]]
    row_gap = _row_gap(lines, i)
    starts = [x - COLUMN_TOLERANCE for x in xs]
    left, last = starts[0], len(xs) - 1
    # Text wider than its column (about half an em per character) is a paragraph below.
    widths = [(xs[k + 1] - xs[k]) * 1.4 for k in range(last)]
    while i < len(lines):
        ln = lines[i]
        if size is None:
            size = ln.size
        if abs(ln.size - size) > 0.6 and abs(ln.size - first.size) > 0.6:
            break
        if ln.bold and _is_header_part(ln, xs, rows[0]):
            i += 1  # the header repeated after a page break, or a wrapped header cell
            continue
        cells = [""] * len(xs)
        fits = True
        for f in ln.frags:
            # The last column that starts at or before the fragment (the columns run left to right).
            x, text = f.x, f.text
            if not x >= left:
                fits = False
                break
            col = bisect_right(starts, x) - 1
            if col < last and len(text) * f.size * 0.45 > widths[col]:
                fits = False
                break
            cells[col] = _join(cells[col], text) if cells[col] else text
        if not fits:
            break
        prev = lines[i - 1]
        # A row's wrapped lines sit closer together than two rows (cell padding), so a small gap
        # on the same page means the same row -- unless a new ref starts in the first column.
        same_row = len(rows) > 1 and prev.page == ln.page and prev.y - ln.y <= min(ln.size * 1.45, row_gap)
        if (same_row and not (cells[0] and looks_like_ref(cells[0])) and not is_separator(cells)
                and not is_separator(rows[-1])):
            above = rows[-1]
            for k, text in enumerate(cells):
                if text:
                    above[k] = _join(above[k], text)
        else:
            rows.append(cells)
        i += 1
    return Table([[Cell(text=t) for t in row] for row in rows], where, joiner=" "), i


def _nearest(xs: list[float], x: float) -> int:
    """The column whose start is nearest ``x`` (the first of two as near)."""
    return min(range(len(xs)), key=lambda k: abs(xs[k] - x))


def _row_gap(lines: list[Line], start: int) -> float:
    """The line spacing below which two lines of a table are one row.

    Cell padding makes the step between rows a little larger than the step between a cell's wrapped
    lines (13.3 against 12.8 points in a LibreOffice table). When the spacings fall in two such
    groups, the boundary lies between them; otherwise (no padding) nothing is decided here.
    """
    gaps = []
    for k in range(start + 1, min(len(lines), start + 200)):
        if lines[k].page != lines[k - 1].page or abs(lines[k].size - lines[start].size) > 0.6:
            break
        gaps.append(round(lines[k - 1].y - lines[k].y, 1))
    if not gaps:
        return float("inf")
    tight = min(gaps)
    wider = [g for g in gaps if tight + 0.3 <= g <= tight * 1.3]
    return tight + 0.2 if wider else float("inf")


def _header_text(parts: list[str]) -> str:
    """Header words wrapped by the column width, rejoined the way a known header reads."""
    from tcdesk.importers.columns import field_for_header

    spaced = " ".join(parts)
    if field_for_header(spaced) is None and field_for_header("".join(parts)) is not None:
        return "".join(parts)
    return spaced


def _is_header_part(ln: Line, xs: list[float], header: list[str]) -> bool:
    for f in ln.frags:
        k = _nearest(xs, f.x)
        if abs(xs[k] - f.x) > COLUMN_TOLERANCE or f.text not in header[k]:
            return False
    return True


def _join(before: str, after: str) -> str:
    # A compound broken after its hyphen ("Pro-Vice-" / "Chancellor") is one word again.
    if not before:
        return after
    return before + after if before.endswith(("-", "-\n")) and _WORD_HYPHEN.search(before) else before + " " + after


def _paragraph(lines: list[Line], i: int, body: float, left: float, blocks: list[Block]) -> int:
    ln = lines[i]
    cols = ln.columns
    first = cols[0].text
    if len(cols) == 2 and first.rstrip(":") and len(first.split()) <= 4 and not is_bullet(first):
        # A label and its value side by side (header fields, a signatory's name, role and date).
        blocks.append(Para(markdown=f"{first.rstrip(':')}: {cols[1].text}", text=f"{first.rstrip(':')}: {cols[1].text}"))
        if i + 1 < len(lines) and (rest := _wrapped_label(first, lines[i + 1])):
            # "Name of Institutional" / "Leads:": the label wrapped in its column; the second
            # line's value is a value of the same label.
            blocks[-1] = Para(markdown=f"{first} {rest[0]}", text=f"{first} {rest[0]}")
            blocks.append(Para(markdown=cols[1].text, text=cols[1].text))
            blocks.append(Para(markdown=rest[1], text=rest[1]))
            return i + 2
        return i + 1
    if ln.size < body and all(f.italic for f in ln.frags):
        blocks.append(Skip(f"page {ln.page}", "caption (of a figure or chart) not imported", ln.text))
        return i + 1
    marker = ""
    x = ln.x
    texts = [ln.text]
    m = _MARKER.match(texts[0])
    if m:
        marker = "1. " if m.group(1)[0].isdigit() else "- "
        texts = [m.group(2)]
        x = ln.frags[1].x if len(ln.frags) > 1 else ln.x
    heading = _heading_level(ln, body)
    if heading:
        # "6. Our next action plan" as a heading keeps its number: it names the question.
        marker, x, texts = "", ln.x, [ln.text]
    size, bold = ln.size, ln.bold
    longest = len(texts[0])
    j = i + 1
    while j < len(lines):
        nxt = lines[j]
        above = lines[j - 1]
        gap = above.y - nxt.y if nxt.page == above.page else 0.0
        same = abs(nxt.x - x) < 2 and abs(nxt.size - size) < 0.6 and nxt.bold == bold
        if not same or len(nxt.columns) > 1 or (gap and gap > size * 1.45):
            break
        if _starts_question(nxt.text):
            break
        # A short line that ends a sentence ends its paragraph, even without extra spacing below.
        last = texts[-1]
        if len(texts) > 1 and last.rstrip().endswith((".", ":", "?", "!")) and len(last) < 0.7 * longest:
            break
        texts.append(nxt.text)
        longest = max(longest, len(nxt.text))
        j += 1
    text = " ".join(texts).strip()
    if heading:
        blocks.append(Para(markdown="#" * heading + " " + text, text=text, heading=heading))
    else:
        indent = "   " * max(0, round((ln.x - left) / 14)) if marker else ""
        kind = ("number" if marker.startswith("1") else "bullet") if marker else ""
        blocks.append(Para(markdown=indent + marker + _emphasised(lines[i:j], bool(marker)), text=text, list_item=kind))
    return j


def _wrapped_label(first: str, nxt: Line) -> tuple[str, str] | None:
    """(label end, value) when ``first`` and the next line's first column make one header label."""
    from tcdesk.template import load_template

    cols = nxt.columns
    if len(cols) != 2:
        return None
    whole = f"{first} {cols[0].text}".lower()
    labels = [label.lower() for label in load_template().header_labels.values()]
    return (cols[0].text, cols[1].text) if whole in labels and first.lower() + ":" not in labels else None


def _emphasised(lines: list[Line], list_item: bool) -> str:
    """CommonMark of a paragraph's fragments: runs in a bold or italic font marked as such."""
    frags = [f for ln in lines for f in ln.frags]
    if list_item and frags:
        m = _LEADING_MARKER.match(frags[0].text)
        rest = m.group(2) if m else frags[0].text
        f0 = frags[0]
        frags = ([Fragment(f0.x, f0.y, f0.size, f0.bold, f0.italic, rest)] if rest else []) + frags[1:]
    all_bold = all(f.bold for f in frags)
    all_italic = all(f.italic for f in frags)
    out, last = "", ""
    for f in frags:
        piece = escape_markdown(f.text)
        if f.bold and not all_bold:
            piece = f"**{piece}**"
        if f.italic and not all_italic:
            piece = f"*{piece}*"
        glue = not out or f.text.startswith(_TIGHT_BEFORE) or last.endswith(_TIGHT_AFTER)
        out += piece if glue else " " + piece
        last = f.text
    return out.replace("** **", " ").strip()


def _starts_question(text: str) -> bool:
    from tcdesk.importers.blocks import match_question
    from tcdesk.template import load_template

    return bool(_NUMBERED.match(text)) and match_question(text, load_template()) is not None


def _heading_level(ln: Line, body: float) -> int | None:
    if not ln.bold or ln.size <= body + 0.5:
        return None
    return 1 if ln.size >= body + 3.5 else 2 if ln.size >= body + 1.5 else 3
