"""Answer blocks and table cells as reportlab flowables; every piece of user text is escaped."""

from __future__ import annotations

import io
from collections.abc import Sequence
from dataclasses import dataclass

from reportlab.lib import colors
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.platypus import Flowable, HRFlowable, Image, Indenter, TableStyle

from tcdesk.errors import ExportError
from tcdesk.export import markdown as md
from tcdesk.export.document import figure_alt
from tcdesk.export.image_limits import check_figure_size
from tcdesk.export.pdf_fonts import FONT
from tcdesk.export.pdf_paragraph import Paragraph, escape, escape_attribute, pieces
from tcdesk.export.pdf_tags import ListParagraph, MarkerLine, Node, TaggedTable, table_nodes, tagged
from tcdesk.model import Submission


@dataclass(slots=True)
class Styles:
    """The paragraph styles of one PDF, built from ``resources/export-style.yaml``."""

    body: ParagraphStyle
    question: ParagraphStyle
    title: ParagraphStyle
    subtitle: ParagraphStyle
    h1: ParagraphStyle
    h2: ParagraphStyle
    h3: ParagraphStyle
    cell: ParagraphStyle
    cell_head: ParagraphStyle
    code: ParagraphStyle
    caption: ParagraphStyle
    link_colour: str
    grid: colors.Color
    header_fill: colors.Color


def make_styles(style: dict) -> Styles:
    sizes, col = style["sizes"], style["colours"]
    text = colors.HexColor(col["text"])
    heading = colors.HexColor(col["heading"])

    def ps(name: str, size: float, **kw: object) -> ParagraphStyle:
        kw.setdefault("textColor", text)
        kw.setdefault("fontName", FONT)
        return ParagraphStyle(name, fontSize=size, leading=size * 1.3, **kw)

    body = ps("body", sizes["body"], spaceAfter=4)
    return Styles(
        body=body,
        question=ps("question", sizes["body"], fontName=FONT + "-Bold", textColor=heading, spaceAfter=6),
        title=ps("title", sizes["title"], fontName=FONT + "-Bold", textColor=heading, spaceAfter=8),
        subtitle=ps("subtitle", sizes["subtitle"], textColor=heading, spaceAfter=14),
        h1=ps("h1", sizes["heading1"], fontName=FONT + "-Bold", textColor=heading, spaceBefore=12, spaceAfter=6,
              keepWithNext=1),
        h2=ps("h2", sizes["heading2"], fontName=FONT + "-Bold", textColor=heading, spaceBefore=8, spaceAfter=4,
              keepWithNext=1),
        h3=ps("h3", sizes["heading3"], fontName=FONT + "-Bold", spaceBefore=6, spaceAfter=3, keepWithNext=1),
        cell=ps("cell", sizes["table"]),
        cell_head=ps("cell_head", sizes["table"], fontName=FONT + "-Bold"),
        code=ps("code", sizes["body"] - 1, backColor=colors.HexColor(col["code_background"]), borderPadding=3,
                spaceBefore=2, spaceAfter=6),
        caption=ps("caption", sizes["body"] - 1, fontName=FONT + "-Oblique", spaceAfter=8),
        link_colour=col["link"],
        grid=colors.HexColor(col["table_grid"]),
        header_fill=colors.HexColor(col["table_header"]),
    )


def text(value: str) -> str:
    """Plain user text as reportlab paragraph markup that shows exactly those characters."""
    return escape(md.clean_text(value)).replace("\n", "<br/>")


def link(href: str, label: str, styles: Styles) -> str:
    target = escape_attribute(md.clean_text(href))
    return f'<a href="{target}" color="{styles.link_colour}"><u>{text(label)}</u></a>'


def inline(runs: list[md.Run], styles: Styles) -> str:
    def linked(href: str, piece: str) -> str:
        target = escape_attribute(href)
        return f'<a href="{target}" color="{styles.link_colour}"><u>{piece}</u></a>'

    return md.markup(runs, md.Markup(text, "<br/>", '<font backColor="#F2F2F2">{}</font>', "<i>{}</i>", "<b>{}</b>",
                                      linked))


class BlockRenderer:
    """Turns answer blocks into flowables, one method per block kind (as rst2pdf's handlers).

    Each flowable is tied to a structure element created under ``parent``, in reading order.
    """

    def __init__(self, styles: Styles, submission: Submission, width: float, max_image_height: float) -> None:
        self.styles = styles
        self.submission = submission
        self.width = width
        self.max_image_height = max_image_height
        self.heading_level = 1  # the question's own heading (H1); answer headings nest below it

    def render(self, blocks: list[md.Block], parent: Node, indent: float = 0) -> list[Flowable]:
        out: list[Flowable] = []
        for block in blocks:
            out.extend(getattr(self, "_" + type(block).__name__.lower())(block, parent, indent))
        return out

    def _paragraph(self, block: md.Paragraph, parent: Node, indent: float) -> list[Flowable]:
        parts = pieces(block.runs)
        if len(parts) == 1:
            return [tagged(Paragraph(inline(block.runs, self.styles), self.styles.body), Node("P", parent))]
        # Pieces of one very long paragraph follow each other without the space between paragraphs.
        joined = ParagraphStyle("piece", parent=self.styles.body, spaceBefore=0, spaceAfter=0)
        last = ParagraphStyle("last piece", parent=self.styles.body, spaceBefore=0)
        return [
            tagged(Paragraph(inline(part, self.styles), last if i == len(parts) - 1 else joined), Node("P", parent))
            for i, part in enumerate(parts)
        ]

    def _heading(self, block: md.Heading, parent: Node, indent: float) -> list[Flowable]:
        # The question is the page's heading; an answer's own headings sit below it, never skipping a level.
        # The look follows the author's level; the tag is clamped so the outline never skips one.
        level = min(block.level + 1, 3, self.heading_level + 1)
        self.heading_level = level
        style = self.styles.h2 if block.level == 1 else self.styles.h3
        return [tagged(Paragraph(inline(block.runs, self.styles), style), Node(f"H{level}", parent))]

    def _listblock(self, block: md.ListBlock, parent: Node, indent: float) -> list[Flowable]:
        out: list[Flowable] = []
        step = 5 * mm
        lst = Node("L", parent, attributes={"ListNumbering": "Decimal" if block.ordered else "Disc"})
        for n, item in enumerate(block.items, start=block.start):
            bullet = f"{n}." if block.ordered else ("•", "◦", "▪")[int(indent // step) % 3]
            li = Node("LI", lst)
            label, body = Node("Lbl", li), Node("LBody", li)
            style = ParagraphStyle(
                "li", parent=self.styles.body, leftIndent=indent + step, bulletIndent=indent,
                bulletFontName=FONT, bulletFontSize=self.styles.body.fontSize, spaceAfter=2,
            )
            first = True
            if not item or not isinstance(item[0], md.Paragraph):
                # An item that is empty or starts with a list, code or a table ("0. 1986." is an
                # item 0 holding a list from 1986) still shows its number, on a line of its own.
                para = MarkerLine("", style, bulletText=bullet)
                para.list_nodes = (label, Node("P", body))
                out.append(para)
                first = False
            for child in item:
                if isinstance(child, md.Paragraph):
                    para = ListParagraph(inline(child.runs, self.styles), style, bulletText=bullet if first else None)
                    para.list_nodes = (label, Node("P", body))
                    out.append(para)
                elif isinstance(child, md.ListBlock):
                    out.extend(self._listblock(child, body, indent + step))
                else:
                    out.extend([Indenter(left=indent + step), *self.render([child], body),
                                Indenter(left=-(indent + step))])
                first = False
        return out

    def _table(self, block: md.Table, parent: Node, indent: float) -> list[Flowable]:
        ncols = max([len(block.header)] + [len(r) for r in block.rows]) or 1
        rows: list[list[object]] = [[Paragraph(inline(c, self.styles), self.styles.cell_head) for c in block.header]]
        rows += [[Paragraph(inline(c, self.styles), self.styles.cell) for c in r] for r in block.rows]
        rows = [r + [""] * (ncols - len(r)) for r in rows]
        return [grid_table(rows, [self.width / ncols] * ncols, self.styles, parent)]

    def _codeblock(self, block: md.CodeBlock, parent: Node, indent: float) -> list[Flowable]:
        return [tagged(Paragraph(text(block.text).replace("  ", "&nbsp; "), self.styles.code), Node("Code", parent))]

    def _quote(self, block: md.Quote, parent: Node, indent: float) -> list[Flowable]:
        return [Indenter(left=8 * mm), *self.render(block.blocks, Node("BlockQuote", parent)), Indenter(left=-8 * mm)]

    def _rule(self, block: md.Rule, parent: Node, indent: float) -> list[Flowable]:
        # A thematic break is decoration: drawn as an artifact (no element).
        return [HRFlowable(width="100%", color=self.styles.grid, spaceBefore=4, spaceAfter=6)]

    def _figure(self, block: md.Figure, parent: Node, indent: float) -> list[Flowable]:
        name = block.attachment_name
        attachment = self.submission.attachment(name) if name else None
        if attachment is None:
            # Images are only ever taken from the submission itself: nothing is fetched.
            missing = f"[image not attached: {block.source}]"
            out = [tagged(Paragraph(text(missing), self.styles.caption), Node("P", parent))]
        else:
            check_figure_size(attachment.name, attachment.data)
            try:
                image = Image(io.BytesIO(attachment.data))
            except Exception as exc:
                raise ExportError(f"attachment {attachment.name!r} is not a readable image: {exc}") from exc
            scale = min(1.0, self.width / image.imageWidth, self.max_image_height / image.imageHeight)
            image.drawWidth, image.drawHeight = image.imageWidth * scale, image.imageHeight * scale
            image.hAlign = "LEFT"
            out = [tagged(image, Node("Figure", parent, alt=figure_alt(block.caption, attachment.name)))]
        if block.caption:
            out.append(tagged(Paragraph(text(block.caption), self.styles.caption), Node("Caption", parent)))
        return out


def grid_table(rows: Sequence[Sequence[object]], widths: list[float], styles: Styles, parent: Node,
               extra: list[tuple] | None = None, header_rows: int = 1, row_headers: bool = False) -> TaggedTable:
    """A bordered table whose header row repeats on every page and whose rows may split.

    Its cells are TH/TD elements of a Table element under ``parent``.
    """
    table = TaggedTable(rows, colWidths=widths, repeatRows=header_rows, splitInRow=1, hAlign="LEFT")
    table.setStyle(TableStyle([
        ("FONTNAME", (0, 0), (-1, -1), FONT),  # else cells set (unembedded) Helvetica
        ("GRID", (0, 0), (-1, -1), 0.5, styles.grid),
        *([("BACKGROUND", (0, 0), (-1, header_rows - 1), styles.header_fill)] if header_rows else []),
        ("VALIGN", (0, 0), (-1, -1), "TOP"),
        ("LEFTPADDING", (0, 0), (-1, -1), 3),
        ("RIGHTPADDING", (0, 0), (-1, -1), 3),
        *(extra or []),
    ]))
    columns = len(widths)
    return table.tag(table_nodes(parent, len(rows), columns, header_rows, row_headers))
