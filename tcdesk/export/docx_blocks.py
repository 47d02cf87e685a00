"""Answer blocks as WordprocessingML paragraphs and tables, one function per block kind."""

from __future__ import annotations

import io
from typing import Any

from docx.opc.constants import RELATIONSHIP_TYPE as RT
from docx.oxml.ns import qn
from docx.shared import Emu

from tcdesk.errors import ExportError
from tcdesk.export import docx_xml as wml
from tcdesk.export import markdown as md
from tcdesk.export.document import figure_alt, style

MAX_LIST_DEPTH = 3  # Word's built-in list styles go three levels deep
TABLE_STYLE = "Table Grid"


def link_colour() -> str:
    """The hex colour of link text."""
    return style()["colours"]["link"].lstrip("#").upper()


def link(part, url: str, label: str, bold: bool = False, italic: bool = False) -> str:
    """A clickable link to ``url``: a ``w:hyperlink`` and its relationship in ``part``."""
    return wml.hyperlink(part.relate_to(url, RT.HYPERLINK, is_external=True), label, link_colour(), bold, italic)


def runs_xml(part, runs: list[md.Run]) -> str:
    """Styled runs; links become real ``w:hyperlink`` elements."""
    out = []
    for run in runs:
        if run.line_break:
            out.append(wml.LINE_BREAK)
        elif run.href:
            out.append(link(part, run.href, run.text, run.bold, run.italic))
        else:
            font = style()["docx"]["code_font"] if run.code else None
            out.append(wml.run(run.text, bold=run.bold, italic=run.italic, font=font))
    return "".join(out)


class StyleIds:
    """Styles by name, found in one pass: python-docx's lookup by name scans every style each time."""

    def __init__(self, document) -> None:
        self.document = document
        self._styles: dict[str, Any] | None = None
        self._ids: dict[str, str] = {}

    def style(self, name: str) -> Any:
        """python-docx's style called ``name`` (a paragraph, character or table style, as ``styles[name]``)."""
        if self._styles is None:
            self._styles = {}
            for found in self.document.styles:
                self._styles.setdefault(found.name, found)  # the first of a name, as python-docx finds it
        if name not in self._styles:  # added since, or python-docx's own error for a missing one
            self._styles[name] = self.document.styles[name]
        return self._styles[name]

    def __getitem__(self, name: str) -> str:
        """The style id of the style called ``name``."""
        if name not in self._ids:
            self._ids[name] = self.style(name).style_id
        return self._ids[name]

    def paragraph(self, name: str | None = None, text: str = "", properties: str = "") -> str:
        """A paragraph in style ``name`` holding ``text`` in one plain run, as ``add_paragraph`` writes it."""
        return wml.paragraph(wml.run(text, props=False) if text else "", self[name] if name else None, properties)


class BlockWriter:
    """Writes blocks at the end of the document body."""

    def __init__(self, document, out: wml.BodyWriter, submission, max_width, styles: StyleIds,
                 heading_offset: int = 1) -> None:
        self.document = document
        self.out = out
        self.part = document.part
        self.submission = submission
        self.max_width = max_width
        self.styles = styles
        self.heading_offset = heading_offset
        self.outline = heading_offset  # the last outline level used; a question resets it
        self._abstract_num: dict[str, int | None] = {}
        self.numbering: wml.ListNumbering | None = None  # flushed into the numbering part before saving
        # What python-docx gives a new table: the width between the last section's margins. Finding
        # the last section searches the whole body, so whoever adds a section updates this.
        self.table_width = block_width(document)

    def write(self, blocks: list[md.Block], depth: int = 0) -> None:
        for block in blocks:
            getattr(self, "_" + type(block).__name__.lower())(block, depth)

    def _paragraph(self, block: md.Paragraph, depth: int, style_name: str | None = None, properties: str = "") -> None:
        self.out.add(wml.paragraph(runs_xml(self.part, block.runs), self.styles[style_name] if style_name else None,
                                   properties))

    def _heading(self, block: md.Heading, depth: int) -> None:
        # Question headings are Heading 1; an answer's own headings sit below them. The style keeps
        # the author's level (and reads back the same); the outline level, which Word's navigation,
        # its contents field and screen readers follow, never skips one.
        level = min(block.level + self.heading_offset, 9)
        outline = min(level, self.outline + 1)
        self.outline = outline
        properties = f'<w:outlineLvl w:val="{outline - 1}"/>' if outline != level else ""
        self._paragraph(md.Paragraph(block.runs), depth, f"Heading {level}", properties)

    def _listblock(self, block: md.ListBlock, depth: int) -> None:
        level = min(depth + 1, MAX_LIST_DEPTH)
        base = "List Number" if block.ordered else "List Bullet"
        style_name = base if level == 1 else f"{base} {level}"
        num_id = self._restart_numbering(style_name, block.start) if block.ordered else None
        for item in block.items:
            first = True
            for child in item:
                if isinstance(child, md.Paragraph):
                    name = style_name if first else ("List Continue" if level == 1 else f"List Continue {level}")
                    numbered = first and num_id is not None
                    self._paragraph(child, depth, name, _num_pr(num_id) if numbered else "")
                elif isinstance(child, md.ListBlock):
                    self._listblock(child, depth + 1)
                else:
                    self.write([child], depth + 1)
                first = False

    def _restart_numbering(self, style_name: str, start: int) -> int | None:
        """A new ``w:num`` for this list so each numbered list counts from its own start."""
        if style_name not in self._abstract_num:
            self._abstract_num[style_name] = self._abstract_num_of(style_name)
        abstract = self._abstract_num[style_name]
        if abstract is None:
            return None
        if self.numbering is None:
            self.numbering = wml.ListNumbering(self.document.part.numbering_part.element)
        return self.numbering.add(abstract, start)

    def _abstract_num_of(self, style_name: str) -> int | None:
        """The abstract numbering a list style's own ``w:num`` refers to (looked up once per style)."""
        style_el = self.styles.style(style_name).element
        num_pr = style_el.find(qn("w:pPr") + "/" + qn("w:numPr"))
        if num_pr is None or num_pr.find(qn("w:numId")) is None:
            return None
        numbering = self.document.part.numbering_part.element
        base_id = num_pr.find(qn("w:numId")).get(qn("w:val"))
        base = next((n for n in numbering.findall(qn("w:num")) if n.get(qn("w:numId")) == base_id), None)
        return None if base is None else int(base.find(qn("w:abstractNumId")).get(qn("w:val")))

    def _table(self, block: md.Table, depth: int) -> None:
        ncols = max([len(block.header)] + [len(r) for r in block.rows]) or 1
        width = wml.twips(self.table_width // ncols)  # shared equally, as python-docx's add_table does
        fill = style()["colours"]["table_header"]
        xml = [wml.table(self.styles[TABLE_STYLE], [width] * ncols), wml.row(header=True)]
        for j in range(ncols):
            if j < len(block.header):
                xml.append(wml.cell(width, wml.paragraph(runs_xml(self.part, [_bold(r) for r in block.header[j]])), fill))
            else:
                xml.append(wml.cell(width, wml.paragraph()))
        xml.append(wml.ROW_END)
        for cells in block.rows:
            xml.append(wml.row())
            for j in range(ncols):
                xml.append(wml.cell(width, wml.paragraph(runs_xml(self.part, cells[j]) if j < len(cells) else "")))
            xml.append(wml.ROW_END)
        xml.append(wml.TABLE_END)
        self.out.add("".join(xml))
        self.out.add(wml.paragraph())

    def _codeblock(self, block: md.CodeBlock, depth: int) -> None:
        font = style()["docx"]["code_font"]
        self.out.add(wml.paragraph(wml.LINE_BREAK.join(wml.run(line, font=font) for line in block.text.split("\n"))))

    def _quote(self, block: md.Quote, depth: int) -> None:
        for child in block.blocks:
            if isinstance(child, md.Paragraph):
                self._paragraph(child, depth, "Quote")
            else:
                self.write([child], depth)

    def _rule(self, block: md.Rule, depth: int) -> None:
        self.out.add(wml.paragraph(properties='<w:pBdr><w:bottom w:val="single" w:sz="6" w:space="1" '
                                              'w:color="8C8C8C"/></w:pBdr>'))

    def _figure(self, block: md.Figure, depth: int) -> None:
        name = block.attachment_name
        attachment = self.submission.attachment(name) if name else None
        if attachment is None:
            self.out.add(self.styles.paragraph("Caption", f"[image not attached: {block.source}]"))
        else:
            self.out.flush()  # python-docx adds the picture's paragraph to the body itself
            try:
                shape = self.document.add_paragraph().add_run().add_picture(io.BytesIO(attachment.data))
            except Exception as exc:
                raise ExportError(f"attachment {attachment.name!r} is not a readable image: {exc}") from exc
            if shape.width > self.max_width:
                shape.height = Emu(int(shape.height * self.max_width / shape.width))
                shape.width = self.max_width
            describe(shape, figure_alt(block.caption, attachment.name))
        if block.caption:
            self.out.add(self.styles.paragraph("Caption", block.caption))


def block_width(document) -> int:
    """The width between the margins of the document's last section, which python-docx gives new tables."""
    return text_width(document.sections[-1])


def text_width(section) -> int:
    """The width between a section's margins (python-docx gives ``None`` for a size a file leaves out)."""
    return (section.page_width or 0) - (section.left_margin or 0) - (section.right_margin or 0)


def describe(shape, alt: str) -> None:
    """The picture's alternative text (``wp:docPr descr``), which Word and screen readers read."""
    shape._inline.docPr.set("descr", alt)


def _bold(run: md.Run) -> md.Run:
    return md.Run(run.text, True, run.italic, run.code, run.href, run.line_break)


def _num_pr(num_id: int | None) -> str:
    return f'<w:numPr><w:ilvl w:val="0"/><w:numId w:val="{num_id}"/></w:numPr>'
