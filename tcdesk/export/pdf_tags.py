"""Tagged PDF with reportlab: marked content around what each flowable draws, and the logical tree.

reportlab has no tagging API. The story is built together with a tree of :class:`Node` objects (the
logical structure, in reading order); each flowable points at its node. While pages are drawn, the
:class:`Tagger` wraps what a flowable draws in ``/Role <</MCID n>> BDC … EMC`` and records the
marked-content reference in that node; whatever has no node (rules, table grid lines, the running
header and footer, a repeated table header) is wrapped as an ``/Artifact``. The finishing step
(:mod:`tcdesk.export.pdf_finish`) writes the tree into the file with pikepdf.
"""

from __future__ import annotations

from reportlab import rl_config
from reportlab.platypus import Frame, Table
from reportlab.platypus.paragraph import _drawBullet

from tcdesk.export.pdf_paragraph import Paragraph, escape


class Node:
    """One structure element: a role (P, H1, TD…), attributes, and kids in reading order.

    Kids are child nodes, marked-content references ``(page, mcid)`` and link annotations ``Link``.
    """

    __slots__ = ("alt", "annotation", "attributes", "kids", "role")

    def __init__(self, role: str, parent: Node | None = None, alt: str | None = None,
                 attributes: dict[str, str] | None = None) -> None:
        self.role = role
        self.kids: list[Node | tuple[int, int]] = []
        self.alt = alt
        self.attributes = attributes or {}
        self.annotation: tuple[int, str] | None = None  # (page, /Contents) of a Link's annotation
        if parent is not None:
            parent.kids.append(self)

    def has_content(self) -> bool:
        return any(not isinstance(k, Node) or k.annotation or k.has_content() for k in self.kids)


def tagged(flowable, node: Node):
    """``flowable`` drawn as marked content of ``node``."""
    flowable.__dict__["struct"] = node  # past reportlab.graphics' attribute validation (the chart)
    return flowable


class Tagger:
    """Writes BDC/EMC into the canvas's page code and records what each MCID belongs to."""

    def __init__(self) -> None:
        self.root = Node("Document")
        self.next_mcid: dict[int, int] = {}
        self.stack: list[Node | None] = []  # None: an artifact is open
        self.links: list[tuple[int, Node]] = []  # in the order annotations are added to pages

    @staticmethod
    def _page(canv) -> int:
        return canv.getPageNumber() - 1

    def begin(self, canv, node: Node) -> None:
        page = self._page(canv)
        mcid = self.next_mcid.get(page, 0)
        self.next_mcid[page] = mcid + 1
        canv._code.append(f"/{node.role} <</MCID {mcid}>> BDC")
        node.kids.append((page, mcid))
        self.stack.append(node)

    def begin_artifact(self, canv, kind: str = "Layout") -> None:
        canv._code.append(f"/Artifact <</Type /{kind}>> BDC")
        self.stack.append(None)

    def end(self, canv) -> None:
        canv._code.append("EMC")
        self.stack.pop()

    def link(self, canv, description: str) -> None:
        """A link annotation just added to the current page, inside the open element."""
        parent = next((n for n in reversed(self.stack) if n is not None), None) or self.root
        node = Node("Link", parent)
        node.annotation = (self._page(canv), description)
        self.links.append((self._page(canv), node))

    def rollback(self, canv, code_length: int, node: Node | None) -> None:
        """Undo :meth:`begin` when the frame did not take the flowable after all."""
        del canv._code[code_length:]
        self.stack.pop()
        if node is not None:
            kid = node.kids.pop()
            assert isinstance(kid, tuple), "begin() appended a marked-content reference"
            page, mcid = kid
            self.next_mcid[page] = mcid


def tagging_canvas(base):
    """``base`` (a Canvas class) whose link annotations are recorded as Link elements."""

    class TaggingCanvas(base):
        tagger: Tagger

        def linkURL(self, url, rect, relative=0, *args, **kw):  # noqa: N802 - reportlab's name
            super().linkURL(url, rect, relative, *args, **kw)
            target = str(url)
            shown = target.removeprefix("mailto:")
            self.tagger.link(self, f"E-mail {shown}" if target.startswith("mailto:") else f"Link to {shown}")

        def linkRect(self, contents, destinationname, *args, **kw):  # noqa: N802 - reportlab's name
            super().linkRect(contents, destinationname, *args, **kw)
            self.tagger.link(self, contents or "Go to the section")

    return TaggingCanvas


class TaggedFrame(Frame):
    """A frame that wraps each flowable it draws: its node's marked content, or an artifact."""

    def add(self, flowable, canv, trySplit=0):  # noqa: N803 - reportlab's name
        tagger: Tagger = canv.tagger
        if getattr(flowable, "tags_itself", False):
            return Frame.add(self, flowable, canv, trySplit)
        node = getattr(flowable, "struct", None)
        mark = len(canv._code)
        if node is None:
            tagger.begin_artifact(canv)
        else:
            tagger.begin(canv, node)
        if Frame.add(self, flowable, canv, trySplit):
            tagger.end(canv)
            return 1
        tagger.rollback(canv, mark, node)
        return 0

    _add = add

    def split(self, flowable, canv):
        parts = Frame.split(self, flowable, canv)
        # A paragraph or table continued on the next page still belongs to the same element.
        for part in parts:
            for name in ("struct", "list_nodes"):
                if hasattr(flowable, name) and not hasattr(part, name):
                    setattr(part, name, getattr(flowable, name))
        return parts


class ListParagraph(Paragraph):
    """A list item's paragraph: its bullet or number is the Lbl, its text the LBody."""

    tags_itself = True
    starts_right = False
    bulletText: str | None  # noqa: N815 - reportlab's attribute

    def draw(self) -> None:
        canv = self.canv
        tagger: Tagger = canv.tagger
        label, body = self.list_nodes
        bullet = self.bulletText
        if bullet:
            # The baseline reportlab's drawPara gives the first line, so bullet and text line up.
            first = self.blPara if self.blPara.kind == 0 else self.blPara.lines[0]
            drop = first.fontSize if rl_config.paraFontSizeHeightOffset else getattr(first, "ascent", first.fontSize)
            tagger.begin(canv, label)
            canv.saveState()
            _drawBullet(canv, 0, self.height - drop, bullet, self.style, rtl=False)
            canv.restoreState()
            tagger.end(canv)
        self.bulletText = None  # drawn above, inside its own element
        try:
            tagger.begin(canv, body)
            super().draw()
            tagger.end(canv)
        finally:
            self.bulletText = bullet


class MarkerLine(ListParagraph):
    """A list item's number or bullet on a line of its own, for an item that is empty or starts with
    something other than a paragraph (a nested list, code, a table): a line high, so that it never
    overprints what follows."""

    def wrap(self, availWidth: float, availHeight: float) -> tuple[float, float]:  # noqa: N803 - reportlab's names
        width, height = super().wrap(availWidth, availHeight)
        self.height = max(height, self.style.leading)
        return width, self.height


def table_nodes(parent: Node, rows: int, columns: int, header_rows: int = 1, row_headers: bool = False) -> Node:
    """Table > THead/TBody > TR > TH/TD for a grid; cells are reached with :func:`cell_node`."""
    table = Node("Table", parent)
    groups = []
    if header_rows:
        groups.append((Node("THead", table), range(header_rows)))
    groups.append((Node("TBody", table), range(header_rows, rows)))
    for group, indices in groups:
        for r in indices:
            tr = Node("TR", group)
            for c in range(columns):
                if r < header_rows:
                    Node("TH", tr, attributes={"Scope": "Column"})
                elif row_headers and c == 0:
                    Node("TH", tr, attributes={"Scope": "Row"})
                else:
                    Node("TD", tr)
    return table


def _rows(table: Node) -> list[Node]:
    return [tr for group in table.kids if isinstance(group, Node) for tr in group.kids if isinstance(tr, Node)]


class TaggedTable(Table):
    """A table whose cells are TH/TD marked content and whose grid, shading and repeats are artifacts.

    ``rowmap`` maps each row drawn to a row of the logical table (``None``: a header repeated on
    a later page). When a row splits across pages, its continuation shows the ref again
    ("V04 (continued)") if ``continued`` gives the ref column and the style to print it in.
    """

    tags_itself = True
    struct: Node | None = None
    row_nodes: list[Node] = []  # noqa: RUF012 - replaced per table by tag(), never mutated
    rowmap: list[int | None] | None = None
    continued: tuple[int, list[str], object] | None = None  # column, ref per logical row, style

    def tag(self, node: Node) -> TaggedTable:
        self.struct = node
        self.row_nodes = _rows(node)
        self.rowmap = list(range(len(self._cellvalues)))
        self._renderCB = _render_tags
        return self

    def _splitRows(self, availHeight, doInRowSplit=0):  # noqa: N802, N803 - reportlab's names
        repeats = self.repeatRows if isinstance(self.repeatRows, int) else len(self.repeatRows)
        frame = getattr(self, "_frame", None)
        # Never a header (or a page's last lines) above a mere sliver of a row that goes on
        # overleaf: below other content, the table waits for the next page instead.
        if (doInRowSplit and frame is not None and not frame._atTop
                and self._getFirstPossibleSplitRowPosition(availHeight, ignoreSpans=1) <= repeats):
            return []
        parts = super()._splitRows(availHeight, doInRowSplit)
        if len(parts) != 2 or self.rowmap is None:
            return parts
        first, rest = parts
        in_row = len(first._cellvalues) + len(rest._cellvalues) - repeats == len(self._cellvalues) + 1
        shown = len(first._cellvalues)
        tail = self.rowmap[shown - 1 if in_row else shown:]
        # Rows repeated at the top of a continuation (the header, never a body row) are artifacts.
        first.rowmap = self.rowmap[:shown]
        rest.rowmap = [None] * repeats + tail
        for part in parts:
            part.struct, part.continued, part._renderCB = self.struct, self.continued, _render_tags
            part.row_nodes = self.row_nodes
        if in_row and self.continued is not None:
            self._say_continued(rest, repeats, tail[0])
        return parts

    def _say_continued(self, rest: TaggedTable, row: int, logical: int) -> None:
        assert self.continued is not None
        column, refs, style = self.continued
        ref = refs[logical] if logical < len(refs) else ""
        if not ref or rest._cellvalues[row][column]:
            return  # no ref, or a ref taller than the page: the rest of it goes on overleaf as it is
        cell = Paragraph(escape(f"{ref} (continued)"), style)
        rest._cellvalues[row][column] = [cell]  # a list, as reportlab keeps split cells
        cellstyle = rest._cellStyles[row][column]
        width = rest._colWidths[column] - cellstyle.leftPadding - cellstyle.rightPadding
        needed = cell.wrap(width, 10_000)[1] + cellstyle.topPadding + cellstyle.bottomPadding
        if rest._argH[row] is not None and rest._argH[row] < needed:
            rest._argH[row] = needed


def _render_tags(table: TaggedTable, event: str, *args) -> None:
    canv = table.canv
    tagger: Tagger = canv.tagger
    if event in ("startBG", "startLines"):
        tagger.begin_artifact(canv)
    elif event in ("endBG", "endLines", "endCell"):
        tagger.end(canv)
    elif event == "startCell":
        row, column = args[0], args[1]
        logical = table.rowmap[row] if table.rowmap and row < len(table.rowmap) else None
        if logical is None or table.struct is None:
            tagger.begin_artifact(canv, "Pagination")
        else:
            tagger.begin(canv, table.row_nodes[logical].kids[column])
