"""Answer blocks as python-docx paragraphs and tables, one function per block kind."""

from __future__ import annotations

import io

from docx.enum.text import WD_BREAK
from docx.opc.constants import RELATIONSHIP_TYPE as RT
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import RGBColor
from docx.table import Table
from docx.text.paragraph import Paragraph

from tcdesk.errors import ExportError
from tcdesk.export import markdown as md
from tcdesk.export.document import figure_alt, style

MAX_LIST_DEPTH = 3  # Word's built-in list styles go three levels deep


def add_runs(paragraph: Paragraph, runs: list[md.Run]) -> None:
    """Styled runs into ``paragraph``; links become real ``w:hyperlink`` elements."""
    for run in runs:
        if run.line_break:
            paragraph.add_run().add_break(WD_BREAK.LINE)
        elif run.href:
            add_hyperlink(paragraph, run.href, run.text, bold=run.bold, italic=run.italic)
        else:
            r = paragraph.add_run(run.text)
            r.bold, r.italic = run.bold or None, run.italic or None
            if run.code:
                r.font.name = style()["docx"]["code_font"]


def add_hyperlink(paragraph: Paragraph, url: str, label: str, bold: bool = False, italic: bool = False) -> None:
    """A clickable link: a ``w:hyperlink`` whose relationship id points at ``url``."""
    rid = paragraph.part.relate_to(url, RT.HYPERLINK, is_external=True)
    link = OxmlElement("w:hyperlink")
    link.set(qn("r:id"), rid)
    run = paragraph.add_run(label)
    run.font.underline = True
    run.font.color.rgb = RGBColor.from_string(style()["colours"]["link"].lstrip("#").upper())
    run.bold, run.italic = bold or None, italic or None
    # add_run appended the run to the paragraph; move it inside the hyperlink element.
    link.append(run._r)
    paragraph._p.append(link)


def shade(cell, hex_colour: str) -> None:
    """Cell background as ``w:shd``, the way Word itself writes it."""
    tc_pr = cell._tc.get_or_add_tcPr()
    for old in tc_pr.findall(qn("w:shd")):
        tc_pr.remove(old)
    shd = OxmlElement("w:shd")
    shd.set(qn("w:val"), "clear")
    shd.set(qn("w:color"), "auto")
    shd.set(qn("w:fill"), hex_colour.lstrip("#").upper())
    tc_pr.append(shd)


def repeat_header(table: Table) -> None:
    """Mark the first row as a header row, repeated at the top of every page."""
    tr_pr = table.rows[0]._tr.get_or_add_trPr()
    header = OxmlElement("w:tblHeader")
    header.set(qn("w:val"), "true")
    tr_pr.append(header)


class StyleIds:
    """Style ids by name, looked up once: python-docx's lookup by name scans every style each time."""

    def __init__(self, document) -> None:
        self.document = document
        self._ids: dict[str, str] = {}

    def paragraph(self, container, name: str | None = None, text: str = "") -> Paragraph:
        paragraph = container.add_paragraph(text)
        if name:
            self.apply(paragraph, name)
        return paragraph

    def apply(self, paragraph: Paragraph, name: str) -> None:
        if name not in self._ids:
            self._ids[name] = self.document.styles[name].style_id
        paragraph._p.style = self._ids[name]


class BlockWriter:
    """Writes blocks into a python-docx container (the document body, or a table cell)."""

    def __init__(self, document, submission, max_width, styles: StyleIds, heading_offset: int = 1) -> None:
        self.document = document
        self.submission = submission
        self.max_width = max_width
        self.styles = styles
        self.heading_offset = heading_offset
        self.outline = heading_offset  # the last outline level used; a question resets it

    def write(self, blocks: list[md.Block], container=None, depth: int = 0) -> None:
        container = container if container is not None else self.document
        for block in blocks:
            getattr(self, "_" + type(block).__name__.lower())(block, container, depth)

    def _paragraph(self, block: md.Paragraph, container, depth: int, style_name: str | None = None) -> Paragraph:
        paragraph = self.styles.paragraph(container, style_name)
        add_runs(paragraph, block.runs)
        return paragraph

    def _heading(self, block: md.Heading, container, depth: int) -> None:
        # Question headings are Heading 1; an answer's own headings sit below them. The style keeps
        # the author's level (and reads back the same); the outline level, which Word's navigation,
        # its contents field and screen readers follow, never skips one.
        level = min(block.level + self.heading_offset, 9)
        paragraph = self.styles.paragraph(container, f"Heading {level}")
        outline = min(level, self.outline + 1)
        self.outline = outline
        if outline != level:
            el = OxmlElement("w:outlineLvl")
            el.set(qn("w:val"), str(outline - 1))
            paragraph._p.get_or_add_pPr().append(el)
        add_runs(paragraph, block.runs)

    def _listblock(self, block: md.ListBlock, container, depth: int) -> None:
        level = min(depth + 1, MAX_LIST_DEPTH)
        base = "List Number" if block.ordered else "List Bullet"
        style_name = base if level == 1 else f"{base} {level}"
        num_id = self._restart_numbering(style_name, block.start) if block.ordered else None
        for item in block.items:
            first = True
            for child in item:
                if isinstance(child, md.Paragraph):
                    name = style_name if first else ("List Continue" if level == 1 else f"List Continue {level}")
                    paragraph = self._paragraph(child, container, depth, name)
                    if first and num_id is not None:
                        _set_num(paragraph, num_id)
                elif isinstance(child, md.ListBlock):
                    self._listblock(child, container, depth + 1)
                else:
                    self.write([child], container, depth + 1)
                first = False

    def _restart_numbering(self, style_name: str, start: int) -> int | None:
        """A new ``w:num`` for this list so each numbered list counts from its own start."""
        style_el = self.document.styles[style_name].element
        num_pr = style_el.find(qn("w:pPr") + "/" + qn("w:numPr"))
        if num_pr is None or num_pr.find(qn("w:numId")) is None:
            return None
        numbering = self.document.part.numbering_part.element
        base_id = num_pr.find(qn("w:numId")).get(qn("w:val"))
        base = next((n for n in numbering.findall(qn("w:num")) if n.get(qn("w:numId")) == base_id), None)
        if base is None:
            return None
        num = numbering.add_num(int(base.find(qn("w:abstractNumId")).get(qn("w:val"))))
        override = num.add_lvlOverride(ilvl=0)
        override.add_startOverride(start)
        return num.numId

    def _table(self, block: md.Table, container, depth: int) -> None:
        ncols = max([len(block.header)] + [len(r) for r in block.rows]) or 1
        table = container.add_table(rows=1, cols=ncols)
        table.style = "Table Grid"
        for cell, runs in zip(table.rows[0].cells, block.header):
            add_runs(cell.paragraphs[0], [_bold(r) for r in runs])
            shade(cell, style()["colours"]["table_header"])
        for row in block.rows:
            cells = table.add_row().cells
            for cell, runs in zip(cells, row):
                add_runs(cell.paragraphs[0], runs)
        repeat_header(table)
        container.add_paragraph()

    def _codeblock(self, block: md.CodeBlock, container, depth: int) -> None:
        paragraph = container.add_paragraph()
        for i, line in enumerate(block.text.split("\n")):
            if i:
                paragraph.add_run().add_break(WD_BREAK.LINE)
            paragraph.add_run(line).font.name = style()["docx"]["code_font"]

    def _quote(self, block: md.Quote, container, depth: int) -> None:
        for child in block.blocks:
            if isinstance(child, md.Paragraph):
                self._paragraph(child, container, depth, "Quote")
            else:
                self.write([child], container, depth)

    def _rule(self, block: md.Rule, container, depth: int) -> None:
        paragraph = container.add_paragraph()
        p_pr = paragraph._p.get_or_add_pPr()
        borders = OxmlElement("w:pBdr")
        bottom = OxmlElement("w:bottom")
        for key, value in (("w:val", "single"), ("w:sz", "6"), ("w:space", "1"), ("w:color", "8C8C8C")):
            bottom.set(qn(key), value)
        borders.append(bottom)
        p_pr.append(borders)

    def _figure(self, block: md.Figure, container, depth: int) -> None:
        name = block.attachment_name
        attachment = self.submission.attachment(name) if name else None
        if attachment is None:
            self.styles.paragraph(container, "Caption", f"[image not attached: {block.source}]")
        else:
            try:
                shape = container.add_paragraph().add_run().add_picture(io.BytesIO(attachment.data))
            except Exception as exc:
                raise ExportError(f"attachment {attachment.name!r} is not a readable image: {exc}") from exc
            if shape.width > self.max_width:
                shape.height = int(shape.height * self.max_width / shape.width)
                shape.width = self.max_width
            describe(shape, figure_alt(block.caption, attachment.name))
        if block.caption:
            self.styles.paragraph(container, "Caption", block.caption)


def describe(shape, alt: str) -> None:
    """The picture's alternative text (``wp:docPr descr``), which Word and screen readers read."""
    shape._inline.docPr.set("descr", alt)


def _bold(run: md.Run) -> md.Run:
    return md.Run(run.text, True, run.italic, run.code, run.href, run.line_break)


def _set_num(paragraph: Paragraph, num_id: int) -> None:
    num_pr = paragraph._p.get_or_add_pPr().get_or_add_numPr()
    num_pr.get_or_add_ilvl().val = 0
    num_pr.get_or_add_numId().val = num_id
