"""The submitted PDF: reportlab lays out the document, pypdf appends the appendix PDFs."""

from __future__ import annotations

import gc
import io
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import replace
from functools import lru_cache

import tcdesk.export.pdf_reportlab  # noqa: F401 - first: reportlab's paragraph module imported without a pattern it rarely needs

# isort: split
from reportlab.graphics.charts.barcharts import HorizontalBarChart
from reportlab.graphics.charts.legends import Legend
from reportlab.graphics.shapes import Drawing
from reportlab.lib import colors, pagesizes
from reportlab.lib.units import mm
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import (
    BaseDocTemplate,
    CondPageBreak,
    Flowable,
    KeepTogether,
    NextPageTemplate,
    PageBreak,
    PageTemplate,
    Spacer,
)

from tcdesk.export.document import ActionTable, Document, QuestionPart, RagSummary, build, chart_alt, style
from tcdesk.export.markdown import Run, linkable
from tcdesk.export.pdf_blocks import BlockRenderer, Styles, grid_table, link, make_styles, text
from tcdesk.export.pdf_finish import Appendix, finish, read_appendices
from tcdesk.export.pdf_fonts import FONT, draw_string, string_width, use_face
from tcdesk.export.pdf_paragraph import Paragraph, pieces
from tcdesk.export.pdf_reportlab import NOT_PDFDOC
from tcdesk.export.pdf_tags import Node, TaggedFrame, Tagger, tagged, tagging_canvas
from tcdesk.model import Submission


@lru_cache(maxsize=64)  # the running header fits the same two texts on every page
def _fit(value: str, width: float, size: float) -> str:
    """``value`` shortened with an ellipsis to fit ``width`` points."""
    if string_width(value, FONT, size) <= width:
        return value
    while value and string_width(value + "…", FONT, size) > width:
        value = value[: max(0, min(len(value) - 1, int(len(value) * 0.9)))]
    return value.rstrip() + "…"


@lru_cache(maxsize=64)
def _width(value: str, size: float) -> float:
    return string_width(value, FONT, size)


def _cell(value: str, style) -> Paragraph | list[Paragraph]:
    """A plan cell; very long text as consecutive pieces, which reportlab splits across pages in linear time."""
    parts = pieces([Run(value)])
    if len(parts) == 1:
        return Paragraph(text(value), style)
    return [Paragraph(text(part[0].text), style) for part in parts]


def _numbered_canvas(organisation: str, title: str, size: float, appendices: list[Appendix], tagger: Tagger):
    appendix_pages = sum(a.pages for a in appendices)

    class NumberedCanvas(tagging_canvas(Canvas)):  # type: ignore[misc]  # a class made at run time
        """Draws the running header, "Page x of y" and the contents' page numbers once pages are counted.

        Pages are kept until :meth:`save`, so bookmarks are bound then too: a destination made while
        laying out would point at the page reportlab is about to write, which is still the first.
        """

        def __init__(self, *args, **kwargs) -> None:
            # Otherwise every page would reference (not embed) Helvetica as the starting font.
            kwargs["initialFontName"], kwargs["initialFontSize"] = FONT, size
            super().__init__(*args, **kwargs)
            self.tagger = tagger
            self._pages: list[dict] = []
            # Shared by every page state: where each outline key landed, and the contents slots.
            self.key_pages: dict[str, tuple[int, float]] = {}
            self.contents_slots: list[tuple[int, str, float, float, float, Node, str]] = []
            # Each appendix's key and its first page counted from the end of the laid-out pages.
            self.appendix_keys = [(a.key, 1 + sum(b.pages for b in appendices[:n])) for n, a in enumerate(appendices)]
            self.link_slots: list[tuple[int, int, tuple[float, float, float, float], Node]] = []

        def showPage(self) -> None:  # noqa: N802 - reportlab's name
            self._pages.append(dict(self.__dict__))
            self._startPage()

        def save(self) -> None:
            total = len(self._pages)
            for key, first in self.appendix_keys:
                self.key_pages[key] = (total + first, 0.0)
            for state in self._pages:
                self.__dict__.update(state)
                for key, (page, top) in self.key_pages.items():
                    if page == self._pageNumber:
                        self.bookmarkPage(key, fit="XYZ", left=0, top=top)
                self._decorate(total + appendix_pages)
                super().showPage()
            # reportlab encodes a page's code to PDFDocEncoding with a per-character codec when it writes
            # the file; page code is ASCII (text is escaped), which that codec leaves as it is (or refuses,
            # for \x18-\x1f), so it is handed over as those bytes already (~15 ms for a Kent-size PDF).
            for page in self._doc.Pages.pages:
                stream = page.stream
                if isinstance(stream, str) and stream.isascii() and not NOT_PDFDOC.search(stream):
                    page.stream = stream.encode("ascii")
            super().save()

        def _decorate(self, total: int) -> None:
            width, height = self._pagesize
            self.saveState()
            self.tagger.begin_artifact(self, "Pagination")
            self.setFont(FONT, size)
            self.setFillColor(colors.HexColor("#595959"))
            # Organisation left, title right, never overlapping: the organisation may take half.
            line, gap = width - 36 * mm, 8 * mm
            org = _fit(organisation, line / 2 - gap / 2, size)
            rest = line - _width(org, size) - gap
            draw_string(self, 18 * mm, height - 12 * mm, org, FONT, size)
            draw_string(self, width - 18 * mm, height - 12 * mm, _fit(title, rest, size), FONT, size, right=True)
            draw_string(self, 18 * mm, 10 * mm, org, FONT, size)
            self.drawRightString(width - 18 * mm, 10 * mm, f"Page {self._pageNumber} of {total}")
            self.tagger.end(self)
            self.setFillColor(colors.black)
            self.setFont(FONT, ContentsList.size)
            for page, key, left, right, y, entry, heading in self.contents_slots:
                if page == self._pageNumber and key in self.key_pages:
                    target = self.key_pages[key][0]
                    self.tagger.begin(self, entry)
                    self.drawRightString(right, y, str(target))
                    rect = (left, y - 2, right, y + ContentsList.size)
                    label = f"Go to {heading}, page {target}"
                    if target > len(self._pages):
                        # An appendix page: reportlab never sees it, the finishing step links it.
                        link = Node("Link", entry)
                        link.annotation = (page - 1, label)
                        self.link_slots.append((page - 1, target - 1, rect, link))
                    else:
                        self.linkRect(label, key, rect, relative=0, name=f"contents-{key}")
                    self.tagger.end(self)
            self.restoreState()

    return NumberedCanvas


class _Doc(BaseDocTemplate):
    """Adds an outline entry (and a contents line) for every flowable marked with ``outline``."""

    def afterFlowable(self, flowable: Flowable) -> None:  # noqa: N802 - reportlab's name
        mark = getattr(flowable, "outline", None)
        if mark is None:
            return
        key, title, level = mark
        # The frame's cursor is now below the flowable: its top is one height (and space) up.
        top = self.frame._y + flowable.height + flowable.getSpaceBefore()
        self.canv.key_pages[key] = (self.page, top)
        self.canv.addOutlineEntry(title, key, level=level, closed=level > 0)


class ContentsList(Flowable):
    """The contents, laid out in one pass: page numbers are drawn when the canvas saves.

    Every entry is one line, so the list's height never depends on the numbers, and the PDF
    needs no second layout pass (half the export time for a 70-action plan).
    """

    size = 10

    tags_itself = True

    def __init__(self, entries: list[tuple[str, str]], parent: Node) -> None:
        super().__init__()
        self.entries = entries
        self.leading = self.size * 1.6
        toc = Node("TOC", parent)
        self.items = [Node("TOCI", toc) for _ in entries]

    def wrap(self, available_width: float, available_height: float) -> tuple[float, float]:
        self.width = available_width
        return available_width, self.leading * len(self.entries)

    def draw(self) -> None:
        canv = self.canv
        canv.setFont(FONT, self.size)
        x0, y0 = canv.absolutePosition(0, 0)
        for i, (key, title) in enumerate(self.entries):
            y = self.leading * (len(self.entries) - i - 1) + 3
            label = title if len(title) < 110 else title[:107] + "…"
            canv.tagger.begin(canv, self.items[i])
            draw_string(canv, 0, y, label, FONT, self.size)
            canv.tagger.end(canv)
            canv.contents_slots.append((canv.getPageNumber(), key, x0, x0 + self.width, y0 + y, self.items[i], title))


def _marked(flowable: Paragraph, key: str, title: str, level: int) -> Paragraph:
    flowable.outline = (key, title, level)
    return flowable


class PdfWriter:
    """Lays one :class:`Document` out as PDF pages."""

    def __init__(self, document: Document, appendices: list[Appendix] | None = None) -> None:
        self.doc = document
        self.appendices = appendices or []
        self.style = style()
        self.styles: Styles = make_styles(self.style)
        margins = self.style["page"]["margins_mm"]
        self.margins = {k: float(v) * mm for k, v in margins.items()}
        self.portrait = getattr(pagesizes, self.style["page"]["size"])
        self.landscape = pagesizes.landscape(self.portrait)
        self.use_landscape = bool(self.style["page"].get("landscape_plan_tables", True))

    def _frame_width(self, size: tuple[float, float]) -> float:
        return size[0] - self.margins["left"] - self.margins["right"]

    def _template(self, name: str, size: tuple[float, float]) -> PageTemplate:
        m = self.margins
        frame = TaggedFrame(m["left"], m["bottom"], self._frame_width(size), size[1] - m["top"] - m["bottom"],
                      leftPadding=0, rightPadding=0, topPadding=0, bottomPadding=0, id=name)
        return PageTemplate(id=name, frames=[frame], pagesize=size)

    def render(self) -> bytes:
        use_face(FONT)  # the running header and footer, the contents, the chart; other faces as paragraphs use them
        out = io.BytesIO()
        d = self.doc
        # Pages are written uncompressed: the finishing step (qpdf) compresses every stream anyway, and
        # would otherwise first undo reportlab's Flate and ASCII85 (the same bytes, ~70 ms less).
        template = _Doc(
            out, pagesize=self.portrait, title=d.title, author=d.author, subject=d.subject, creator="tcdesk",
            producer="tcdesk", initialFontName=FONT, pageCompression=0, lang=self.style["pdf"].get("language", "en-GB"), invariant=1, displayDocTitle=1,
            leftMargin=self.margins["left"], rightMargin=self.margins["right"],
            topMargin=self.margins["top"], bottomMargin=self.margins["bottom"],
        )
        template.addPageTemplates([self._template("portrait", self.portrait),
                                   self._template("landscape", self.landscape)])
        self.tagger = Tagger()
        maker = _numbered_canvas(d.organisation, d.title, self.style["sizes"]["footer"], self.appendices, self.tagger)
        template.build(self.story(self.tagger.root), canvasmaker=maker)
        self.link_slots = template.canv.link_slots
        return out.getvalue()

    # --- the story, in the form's order ----------------------------------------------------------

    def story(self, root: Node) -> list[Flowable]:
        """The flowables in reading order, each tied to its structure element under ``root``."""
        s, d = self.styles, self.doc
        width = self._frame_width(self.portrait)
        story: list[Flowable] = [
            _marked(tagged(Paragraph(text(d.title), s.title), Node("P", root)), "cover", d.organisation or d.title, 0),
            tagged(Paragraph(text(d.template.subtitle), s.subtitle), Node("P", root)),
            self._header_table(width, root),
            Spacer(1, 8 * mm),
            tagged(Paragraph("Contents", s.h2), Node("H1", root)),
        ]
        entries = [(f"q{q.number}", f"Question {q.title}") for q in d.questions] + [("signoff", "Sign-off")]
        entries += [(a.key, a.label) for a in self.appendices]
        story.append(ContentsList(entries, root))
        for part in d.questions:
            story.extend(self._question(part, root))
        story.extend(self._signoff(width, root))
        return story

    def _header_table(self, width: float, root: Node) -> Flowable:
        s, d = self.styles, self.doc
        labels = d.template.header_labels
        leads = "<br/>".join(text(f"{name}, {role}" if role else name) for name, role, _ in d.leads)
        mails = "<br/>".join(link(f"mailto:{mail}", mail, s) for _, _, mail in d.leads if mail)
        rows = [
            [Paragraph(text(labels.get("organisation", "Organisation:")), s.cell_head), Paragraph(text(d.organisation), s.body)],
            [Paragraph(text(labels.get("leads", "Leads:")), s.cell_head), Paragraph(leads, s.body)],
            [Paragraph(text(labels.get("emails", "E-mails:")), s.cell_head), Paragraph(mails, s.body)],
        ]
        return grid_table(rows, [0.36 * width, 0.64 * width], s, root,
                          [("BACKGROUND", (0, 0), (0, -1), s.header_fill)], header_rows=0, row_headers=True)

    def _question(self, part: QuestionPart, root: Node) -> list[Flowable]:
        s = self.styles
        width = self._frame_width(self.portrait)
        blocks = BlockRenderer(s, self.doc.submission, width, 0.5 * self.portrait[1])
        heading = tagged(Paragraph(text(f"Question {part.title}"), s.h1), Node("H1", root))
        out: list[Flowable] = [CondPageBreak(60 * mm), _marked(heading, f"q{part.number}", part.title, 0)]
        # The official wording, word for word and set apart, then the answer.
        official = BlockRenderer(replace(s, body=s.question), self.doc.submission, width, 0)
        out.extend(official.render(part.text, root))
        out.extend(blocks.render(part.answer, root))
        if part.summary is not None:
            out.extend(self._summary(part, part.summary, width, root))
        if part.kind in ("previous-plan", "new-plan"):
            out.extend(self._plan_tables(part, root))
        if part.kind == "webpage":
            url = part.webpage_url
            shown = link(url, url, s) if linkable(url) else text(url)
            out.append(tagged(Paragraph(f"<b>Webpage:</b> {shown}", s.body), Node("P", root)))
        return out

    def _summary(self, part: QuestionPart, summary: RagSummary, width: float, root: Node) -> list[Flowable]:
        s = self.styles
        head = ["Pillar", "Green", "Amber", "Red"] + (["Not rated"] if summary.show_unrated else []) + ["Total"]

        def row(label: str, c) -> list[Paragraph]:
            values = [c.green, c.amber, c.red] + ([c.unrated] if summary.show_unrated else []) + [c.total]
            return [Paragraph(text(label), s.cell)] + [Paragraph(str(v), s.cell) for v in values]

        rows = [[Paragraph(h, s.cell_head) for h in head]]
        rows += [row(label, c) for label, c in summary.rows]
        rows.append([Paragraph(f"<b>{cell.text}</b>", s.cell) for cell in row("Total", summary.total)])
        first = 0.34 * width
        widths = [first] + [(width - first) / (len(head) - 1)] * (len(head) - 1)
        title = "RAG summary of the previous action plan" + (f" ({part.period})" if part.period else "")
        heading = tagged(Paragraph(text(title), s.h2), Node("H2", root))
        table = grid_table(rows, widths, s, root, row_headers=True)
        chart = tagged(self._chart(summary), Node("Figure", root, alt=chart_alt(summary)))
        return [KeepTogether([heading, table, Spacer(1, 4 * mm), chart])]

    def _chart(self, summary: RagSummary) -> Drawing:
        sz, rag = self.style["sizes"], self.style["colours"]["rag_chart"]
        w, h = sz["chart_width_mm"] * mm, sz["chart_height_mm"] * mm
        series = [("Green", "green"), ("Amber", "amber"), ("Red", "red")]
        if summary.show_unrated:
            series.append(("Not rated", "unrated"))
        drawing = Drawing(w, h, initialFontName=FONT, initialFontSize=7)
        chart = HorizontalBarChart()
        chart.x, chart.y, chart.width, chart.height = 42 * mm, 6 * mm, w - 70 * mm, h - 10 * mm
        chart.data = [[getattr(c, key) for _, c in reversed(summary.rows)] for _, key in series]
        chart.categoryAxis.categoryNames = [label for label, _ in reversed(summary.rows)]
        chart.categoryAxis.style = "stacked"
        chart.categoryAxis.labels.fontName = FONT
        chart.categoryAxis.labels.fontSize = 7
        chart.valueAxis.labels.fontName = FONT
        chart.valueAxis.labels.fontSize = 7
        chart.valueAxis.valueMin = 0
        top = max([c.total for _, c in summary.rows] + [1])
        step = max(1, -(-top // 5))
        chart.valueAxis.valueStep = step
        chart.valueAxis.valueMax = step * -(-top // step)
        for i, (_, key) in enumerate(series):
            chart.bars[i].fillColor = colors.HexColor(rag[key])
            chart.bars[i].strokeColor = None
        legend = Legend()
        legend.x, legend.y = w - 24 * mm, h - 8 * mm
        legend.fontName, legend.fontSize = FONT, 7
        legend.colorNamePairs = [(colors.HexColor(rag[key]), label) for label, key in series]
        drawing.add(chart)
        drawing.add(legend)
        return drawing

    def _plan_tables(self, part: QuestionPart, root: Node) -> list[Flowable]:
        s = self.styles
        size = self.landscape if self.use_landscape else self.portrait
        width = self._frame_width(size)
        plan = "Previous action plan" if part.kind == "previous-plan" else "New 36-month action plan"
        out: list[Flowable] = []
        if self.use_landscape:
            out += [NextPageTemplate("landscape"), PageBreak()]
        out.append(tagged(Paragraph(text(plan + (f" ({part.period})" if part.period else "")), s.h2), Node("H2", root)))
        if not part.tables:
            out.append(tagged(Paragraph("No actions recorded.", s.body), Node("P", root)))
        for table in part.tables:
            key = f"q{part.number}-{len(out)}"
            heading = tagged(Paragraph(text(table.pillar), s.h3), Node("H3", root))
            out.append(_marked(heading, key, table.pillar, 1))
            out.append(self._action_table(table, width, root))
        if self.use_landscape:
            out += [NextPageTemplate("portrait"), PageBreak()]
        return out

    def _action_table(self, table: ActionTable, width: float, root: Node) -> Flowable:
        s = self.styles
        total = sum(table.widths)
        widths = [width * w / total for w in table.widths]
        rows: list[list[object]] = [[Paragraph(text(c.label), s.cell_head) for c in table.columns]]
        rows += [[_cell(v, s.cell) for v in r] for r in table.rows]
        extra = []
        col = table.rag_column
        if col is not None:
            shades = self.style["colours"]["rag_cell"]
            for i, rag in enumerate(table.rags, start=1):
                extra.append(("BACKGROUND", (col, i), (col, i), colors.HexColor(shades[rag.value if rag else "unrated"])))
        flowable = grid_table(rows, widths, s, root, extra)
        ref = next((i for i, c in enumerate(table.columns) if c.name == "ref"), None)
        if ref is not None:
            flowable.continued = (ref, [""] + [r[ref] for r in table.rows], s.cell)
        return flowable

    def _signoff(self, width: float, root: Node) -> list[Flowable]:
        s = self.styles
        heading = tagged(Paragraph("Sign-off", s.h1), Node("H1", root))
        out: list[Flowable] = [CondPageBreak(90 * mm), _marked(heading, "signoff", "Sign-off", 0)]
        for sig in self.doc.signatures:
            rows = [
                [Paragraph("Name", s.cell_head), Paragraph(text(sig.name), s.body)],
                [Paragraph("Role", s.cell_head), Paragraph(text(sig.role), s.body)],
                [Paragraph(text(sig.signed_label), s.cell_head), Spacer(1, 12 * mm)],
                [Paragraph(text(sig.date_label), s.cell_head), Paragraph(text(sig.date), s.body)],
            ]
            label = tagged(Paragraph(text(sig.label), s.h2), Node("H2", root))
            table = grid_table(rows, [0.36 * width, 0.64 * width], s, root,
                               [("BACKGROUND", (0, 0), (0, -1), s.header_fill)], header_rows=0, row_headers=True)
            out += [label, table, Spacer(1, 6 * mm)]
        return out


# Objects allocated between two collections of the youngest generation while a PDF is laid out.
LAYOUT_COLLECTION_THRESHOLD = 50_000


@contextmanager
def _fewer_collections() -> Iterator[None]:
    """The cyclic garbage collector runs every 50,000 allocations instead of every 700 while a PDF
    is laid out and finished.

    Layout allocates hundreds of thousands of short-lived objects (fragments, lines, page code) and
    keeps the document's growing tree of flowables and structure elements alive: at Python's default
    the collector ran ~60 times for a Kent-size PDF and walked that tree again each time (~30 ms of
    ~450; for 500 actions 2.2 s instead of 1.2 s of CPU, the same peak memory). It still runs, so
    cyclic garbage is still freed; a caller's own threshold, if higher, or a disabled collector is
    left as it is, and the threshold is restored afterwards.
    """
    threshold = gc.get_threshold()
    if threshold[0] >= LAYOUT_COLLECTION_THRESHOLD:
        yield
        return
    gc.set_threshold(LAYOUT_COLLECTION_THRESHOLD, *threshold[1:])
    try:
        yield
    finally:
        gc.set_threshold(*threshold)


def render(submission: Submission) -> bytes:
    """The complete PDF, appendices included, as bytes (nothing is written)."""
    with _fewer_collections():
        document = build(submission)
        appendices = read_appendices(submission)
        writer = PdfWriter(document, appendices)
        return finish(writer.render(), document, appendices, writer.link_slots, writer.tagger)
