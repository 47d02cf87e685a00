"""Answer blocks as WordprocessingML paragraphs and tables, one function per block kind."""

from __future__ import annotations

from typing import TYPE_CHECKING

from tcdesk.errors import ExportError
from tcdesk.export import docx_xml as wml
from tcdesk.export import markdown as md
from tcdesk.export.document import figure_alt, style

if TYPE_CHECKING:
    from tcdesk.export.docx_package import Package

MAX_LIST_DEPTH = 3  # Word's built-in list styles go three levels deep
TABLE_STYLE = "Table Grid"


def link_colour() -> str:
    """The hex colour of link text."""
    return style()["colours"]["link"].lstrip("#").upper()


def link(package: Package, url: str, label: str, bold: bool = False, italic: bool = False) -> str:
    """A clickable link to ``url``: a ``w:hyperlink`` and its relationship in the document."""
    return wml.hyperlink(package.link(url), label, link_colour(), bold, italic)


def runs_xml(package: Package, runs: list[md.Run]) -> str:
    """Styled runs; links become real ``w:hyperlink`` elements."""
    out = []
    for run in runs:
        if run.line_break:
            out.append(wml.LINE_BREAK)
        elif run.href:
            out.append(link(package, run.href, run.text, run.bold, run.italic))
        else:
            font = style()["docx"]["code_font"] if run.code else None
            out.append(wml.run(run.text, bold=run.bold, italic=run.italic, font=font))
    return "".join(out)


class StyleIds:
    """Style ids by style name (the skeleton's, :mod:`tcdesk.export.docx_skeleton`)."""

    def __init__(self, ids: dict[str, str], list_abstract: dict[str, int | None]) -> None:
        self._ids = ids
        self.list_abstract = list_abstract  # the abstract numbering of each list style

    def __getitem__(self, name: str) -> str:
        """The style id of the style called ``name``."""
        if name not in self._ids:
            raise KeyError(f"no style with name '{name}'")  # python-docx's words for it
        return self._ids[name]

    def paragraph(self, name: str | None = None, text: str = "", properties: str = "") -> str:
        """A paragraph in style ``name`` holding ``text`` in one plain run, as ``add_paragraph`` writes it."""
        return wml.paragraph(wml.run(text, props=False) if text else "", self[name] if name else None, properties)


class BlockWriter:
    """Writes blocks at the end of the document body."""

    def __init__(self, package: Package, out: wml.Body, submission, max_width: int, styles: StyleIds,
                 heading_offset: int = 1) -> None:
        self.package = package
        self.out = out
        self.submission = submission
        self.max_width = max_width
        self.styles = styles
        self.heading_offset = heading_offset
        self.outline = heading_offset  # the last outline level used; a question resets it
        # What python-docx gives a new table: the width between the current section's margins;
        # whoever adds a section updates this.
        self.table_width = max_width

    def write(self, blocks: list[md.Block], depth: int = 0) -> None:
        for block in blocks:
            getattr(self, "_" + type(block).__name__.lower())(block, depth)

    def _paragraph(self, block: md.Paragraph, depth: int, style_name: str | None = None, properties: str = "") -> None:
        self.out.add(wml.paragraph(runs_xml(self.package, block.runs), self.styles[style_name] if style_name else None,
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
            if not item or not isinstance(item[0], md.Paragraph):
                # An item that is empty or starts with a list, code or a table ("0. 1986." is an
                # item 0 holding a list from 1986) still shows its number, on a line of its own.
                self._paragraph(md.Paragraph([]), depth, style_name, _num_pr(num_id) if num_id is not None else "")
                first = False
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
        self.styles[style_name]  # python-docx's error for a style the template lacks
        abstract = self.styles.list_abstract.get(style_name)
        return None if abstract is None else self.package.numbering.add(abstract, start)

    def _table(self, block: md.Table, depth: int) -> None:
        ncols = max([len(block.header)] + [len(r) for r in block.rows]) or 1
        width = wml.twips(self.table_width // ncols)  # shared equally, as python-docx's add_table does
        fill = style()["colours"]["table_header"]
        xml = [wml.table(self.styles[TABLE_STYLE], [width] * ncols), wml.row(header=True)]
        for j in range(ncols):
            if j < len(block.header):
                xml.append(wml.cell(width, wml.paragraph(runs_xml(self.package, [_bold(r) for r in block.header[j]])), fill))
            else:
                xml.append(wml.cell(width, wml.paragraph()))
        xml.append(wml.ROW_END)
        for cells in block.rows:
            xml.append(wml.row())
            for j in range(ncols):
                xml.append(wml.cell(width, wml.paragraph(runs_xml(self.package, cells[j]) if j < len(cells) else "")))
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
            alt = figure_alt(block.caption, attachment.name)
            try:
                picture = self.package.picture(attachment.data, alt, max_width=self.max_width)
            except Exception as exc:
                raise ExportError(f"attachment {attachment.name!r} is not a readable image: {exc}") from exc
            self.out.add(picture)
        if block.caption:
            self.out.add(self.styles.paragraph("Caption", block.caption))


def text_width(section) -> int:
    """The width between a section's margins (python-docx gives ``None`` for a size a file leaves out)."""
    return (section.page_width or 0) - (section.left_margin or 0) - (section.right_margin or 0)


def _bold(run: md.Run) -> md.Run:
    return md.Run(run.text, True, run.italic, run.code, run.href, run.line_break)


def _num_pr(num_id: int | None) -> str:
    return f'<w:numPr><w:ilvl w:val="0"/><w:numId w:val="{num_id}"/></w:numPr>'
