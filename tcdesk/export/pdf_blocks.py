"""Answer blocks and table cells as reportlab flowables; every piece of user text is escaped."""

from __future__ import annotations

import io
from dataclasses import dataclass
from xml.sax.saxutils import escape

from reportlab.lib import colors
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.platypus import Flowable, HRFlowable, Image, Indenter, Paragraph, Table, TableStyle

from tcdesk.errors import ExportError
from tcdesk.export import markdown as md
from tcdesk.model import Submission

FONT = "TcdeskSans"


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
    target = escape(md.clean_text(href), {'"': "&quot;"})
    return f'<a href="{target}" color="{styles.link_colour}"><u>{text(label)}</u></a>'


def inline(runs: list[md.Run], styles: Styles) -> str:
    out = []
    for run in runs:
        if run.line_break:
            out.append("<br/>")
            continue
        piece = text(run.text)
        if run.code:
            piece = f'<font backColor="#F2F2F2">{piece}</font>'
        if run.italic:
            piece = f"<i>{piece}</i>"
        if run.bold:
            piece = f"<b>{piece}</b>"
        if run.href:
            target = escape(run.href, {'"': "&quot;"})
            piece = f'<a href="{target}" color="{styles.link_colour}"><u>{piece}</u></a>'
        out.append(piece)
    return "".join(out)


class BlockRenderer:
    """Turns answer blocks into flowables, one method per block kind (as rst2pdf's handlers)."""

    def __init__(self, styles: Styles, submission: Submission, width: float, max_image_height: float) -> None:
        self.styles = styles
        self.submission = submission
        self.width = width
        self.max_image_height = max_image_height

    def render(self, blocks: list[md.Block], indent: float = 0) -> list[Flowable]:
        out: list[Flowable] = []
        for block in blocks:
            out.extend(getattr(self, "_" + type(block).__name__.lower())(block, indent))
        return out

    def _paragraph(self, block: md.Paragraph, indent: float) -> list[Flowable]:
        return [Paragraph(inline(block.runs, self.styles), self.styles.body)]

    def _heading(self, block: md.Heading, indent: float) -> list[Flowable]:
        # The question is the page's heading; an answer's own headings sit below it.
        style = self.styles.h2 if block.level == 1 else self.styles.h3
        return [Paragraph(inline(block.runs, self.styles), style)]

    def _listblock(self, block: md.ListBlock, indent: float) -> list[Flowable]:
        out: list[Flowable] = []
        step = 5 * mm
        for n, item in enumerate(block.items, start=block.start):
            bullet = f"{n}." if block.ordered else ("•", "◦", "▪")[int(indent // step) % 3]
            first = True
            for child in item:
                if isinstance(child, md.Paragraph):
                    style = ParagraphStyle(
                        "li", parent=self.styles.body, leftIndent=indent + step, bulletIndent=indent,
                        bulletFontName=FONT, spaceAfter=2,
                    )
                    out.append(Paragraph(inline(child.runs, self.styles), style, bulletText=bullet if first else None))
                elif isinstance(child, md.ListBlock):
                    out.extend(self._listblock(child, indent + step))
                else:
                    out.extend([Indenter(left=indent + step), *self.render([child]), Indenter(left=-(indent + step))])
                first = False
        return out

    def _table(self, block: md.Table, indent: float) -> list[Flowable]:
        ncols = max([len(block.header)] + [len(r) for r in block.rows]) or 1
        rows = [[Paragraph(inline(c, self.styles), self.styles.cell_head) for c in block.header]]
        rows += [[Paragraph(inline(c, self.styles), self.styles.cell) for c in r] for r in block.rows]
        rows = [r + [""] * (ncols - len(r)) for r in rows]
        return [grid_table(rows, [self.width / ncols] * ncols, self.styles)]

    def _codeblock(self, block: md.CodeBlock, indent: float) -> list[Flowable]:
        return [Paragraph(text(block.text).replace("  ", "&nbsp; "), self.styles.code)]

    def _quote(self, block: md.Quote, indent: float) -> list[Flowable]:
        return [Indenter(left=8 * mm), *self.render(block.blocks), Indenter(left=-8 * mm)]

    def _rule(self, block: md.Rule, indent: float) -> list[Flowable]:
        return [HRFlowable(width="100%", color=self.styles.grid, spaceBefore=4, spaceAfter=6)]

    def _figure(self, block: md.Figure, indent: float) -> list[Flowable]:
        name = block.attachment_name
        attachment = self.submission.attachment(name) if name else None
        caption = [Paragraph(text(block.caption), self.styles.caption)] if block.caption else []
        if attachment is None:
            # Images are only ever taken from the submission itself: nothing is fetched.
            missing = f"[image not attached: {block.source}]"
            return [Paragraph(text(missing), self.styles.caption), *caption]
        try:
            image = Image(io.BytesIO(attachment.data))
        except Exception as exc:  # noqa: BLE001 - reportlab/Pillow raise many kinds for bad images
            raise ExportError(f"attachment {attachment.name!r} is not a readable image: {exc}") from exc
        scale = min(1.0, self.width / image.imageWidth, self.max_image_height / image.imageHeight)
        image.drawWidth, image.drawHeight = image.imageWidth * scale, image.imageHeight * scale
        image.hAlign = "LEFT"
        return [image, *caption]


def grid_table(rows: list[list[object]], widths: list[float], styles: Styles,
               extra: list[tuple] | None = None) -> Table:
    """A bordered table whose header row repeats on every page and whose rows may split."""
    table = Table(rows, colWidths=widths, repeatRows=1, splitInRow=1, hAlign="LEFT")
    table.setStyle(TableStyle([
        ("FONTNAME", (0, 0), (-1, -1), FONT),  # else cells set (unembedded) Helvetica
        ("GRID", (0, 0), (-1, -1), 0.5, styles.grid),
        ("BACKGROUND", (0, 0), (-1, 0), styles.header_fill),
        ("VALIGN", (0, 0), (-1, -1), "TOP"),
        ("LEFTPADDING", (0, 0), (-1, -1), 3),
        ("RIGHTPADDING", (0, 0), (-1, -1), 3),
        *(extra or []),
    ]))
    return table
