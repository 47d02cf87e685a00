"""Plain paragraphs drawn directly write exactly the page code reportlab's drawPara writes."""

from __future__ import annotations

import io

from hypothesis import given
from hypothesis import strategies as st
from reportlab.lib import colors
from reportlab.lib.enums import TA_CENTER, TA_JUSTIFY, TA_LEFT
from reportlab.lib.styles import ParagraphStyle
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import Paragraph as Plain

from tcdesk.export.document import style as export_style
from tcdesk.export.pdf_blocks import make_styles
from tcdesk.export.pdf_fonts import FONT, use_face
from tcdesk.export.pdf_paragraph import Paragraph
from tcdesk.export.pdf_plain_draw import draw_plain

STYLES = make_styles(export_style())
# Latin, Welsh, Greek, PDF string delimiters and escapes, a no-break space, and enough letters
# beyond Latin-1 to need a second font subset.
LETTERS = [*"ab AZéŵΩ–“” ()\\\r.,\u00a0", *map(chr, range(0x100, 0x1A0)), "technician ", "W" * 25]
texts = st.lists(st.sampled_from(LETTERS), max_size=80).map("".join)


@st.composite
def paragraph_styles(draw) -> ParagraphStyle:
    base = getattr(STYLES, draw(st.sampled_from(["body", "cell", "cell_head", "h3", "caption"])))
    return ParagraphStyle(
        "t", parent=base,
        alignment=draw(st.sampled_from([TA_LEFT, TA_LEFT, TA_LEFT, TA_CENTER, TA_JUSTIFY])),
        leftIndent=draw(st.sampled_from([0, 0, 3.5, 12])),
        firstLineIndent=draw(st.sampled_from([0, 0, 0, 6])),
        leading=draw(st.sampled_from([base.leading, 9.75, 14])),
        textColor=draw(st.sampled_from([base.textColor, colors.HexColor("#C00000"), colors.black,
                                        colors.Color(0.2, 0.3, 0.4, alpha=0.5), colors.CMYKColor(0.1, 0.2, 0.3, 0.4)])),
        backColor=draw(st.sampled_from([None, None, None, colors.HexColor("#F2F2F2")])),
        spaceShrinkage=draw(st.sampled_from([0.05, 0.05, 0.3])),
    )


def page_code(kind, values, style, width: float, bullet: str | None, opacity: float | None = None) -> list:
    """What drawing each text as a paragraph of ``kind`` writes on a fresh canvas, paragraph by
    paragraph, and the canvas's state and PDF version afterwards."""
    canvas = Canvas(io.BytesIO(), invariant=1, initialFontName=FONT)
    if opacity is not None:
        canvas.setFillAlpha(opacity)
    out: list = []
    for value in values:
        paragraph = kind(value, style, bulletText=bullet)
        paragraph.wrap(width, 1000)
        start = len(canvas._code)
        paragraph.drawOn(canvas, 20, 300)
        out.append(canvas._code[start:])
    state = {name: getattr(canvas, name) for name in canvas.STATE_ATTRIBUTES if name != "_extgstate"}
    out.append((state, canvas._extgstate._d, canvas._extgstate._c, canvas._doc._pdfVersion, len(canvas.state_stack)))
    return out


@given(st.lists(texts, min_size=1, max_size=6), paragraph_styles(), st.sampled_from([30.0, 90.5, 160.0, 480.0]),
       st.sampled_from([None, None, "•"]), st.sampled_from([None, None, 0.5, 1]))
def test_plain_paragraphs_write_reportlabs_page_code(values, style, width, bullet, opacity):
    for face in (FONT, FONT + "-Bold"):
        use_face(face)
    ours = page_code(Paragraph, values, style, width, bullet, opacity)
    assert ours == page_code(Plain, values, style, width, bullet, opacity)


@given(st.lists(st.sampled_from(["<b>bold</b>", "plain", '<a href="https://example.org" color="blue"><u>link</u></a>',
                                 "<i>it</i>", "(x)"]), min_size=1, max_size=20).map(" ".join))
def test_paragraphs_with_markup_are_left_to_reportlab_and_write_the_same(value):
    use_face(FONT + "-Bold")
    use_face(FONT + "-Oblique")
    assert page_code(Paragraph, [value], STYLES.body, 200, None) == page_code(Plain, [value], STYLES.body, 200, None)


def test_a_plan_cell_is_drawn_directly():
    canvas = Canvas(io.BytesIO(), invariant=1, initialFontName=FONT)
    cell = Paragraph("Career pathway for technicians, with (brackets) and Siân's name", STYLES.cell)
    cell.wrap(120, 1000)
    cell.canv = canvas
    assert draw_plain(cell)
    linked = Paragraph('<a href="https://example.org">a link</a>', STYLES.cell)
    linked.wrap(120, 1000)
    linked.canv = canvas
    assert not draw_plain(linked)
