"""The direct WordprocessingML writer writes what python-docx's own calls write, and any text reads back.

The DOCX exporter builds paragraphs, runs and tables with :mod:`tcdesk.export.docx_xml` instead of
python-docx's proxies; a user's text must come out of Word (here: python-docx reading the saved
file) exactly as it went in, and the XML must be the same as python-docx's, element for element.
"""

from __future__ import annotations

import io

import docx
import pytest
from docx.shared import Mm, RGBColor
from hypothesis import example, given
from hypothesis import strategies as st
from lxml import etree

from tcdesk.export import docx_xml as wml
from tcdesk.export.docx_blocks import block_width
from tcdesk.export.markdown import clean_text

# Any text, with the characters the exporter has to take care of made likely: tabs, line ends,
# edge spaces (xml:space), C0/C1 controls and non-characters XML forbids, and markup characters.
TRICKY = st.sampled_from(["\t", "\n", "\r", "\r\n", " ", "\u00a0", "\u2028", "\x00", "\x07", "\x1b", "\x85",
                          "\ufffe", "\uffff", "<", "&", "]]>", "\"", "'", "é", "😀"])
TEXT = st.lists(st.one_of(st.text(), TRICKY), max_size=12).map("".join)


def _xml(el) -> bytes:
    return etree.tostring(el)


def _reference_run(paragraph, text: str, bold: bool, italic: bool, font: str | None):
    """The run as the exporter used to write it with python-docx."""
    r = paragraph.add_run(text)
    r.bold, r.italic = bold or None, italic or None
    if font:
        r.font.name = font
    return r._r


@given(TEXT, st.booleans(), st.booleans(), st.sampled_from([None, "Consolas"]))
@example("  lead\ttab\r\nbreak trailing  ", True, False, "Consolas")
@example("", False, True, None)
def test_a_run_is_the_run_python_docx_writes(text, bold, italic, font):
    document = docx.Document()
    ours = wml.paragraph(document.element.body)
    try:
        reference = _reference_run(document.add_paragraph(), text, bold, italic, font)
    except ValueError:  # a character XML cannot hold (the exporter cleans text first): refused alike
        with pytest.raises(ValueError):
            wml.run(ours, text, bold=bold, italic=italic, font=font)
        return
    assert _xml(wml.run(ours, text, bold=bold, italic=italic, font=font)) == _xml(reference)


@given(TEXT)
@example("  keep my spaces  \n\tand this tab ")
def test_any_text_the_exporter_writes_reads_back_identical(text):
    """The exporter cleans text first (controls become U+FFFD, tabs spaces, CR LF a line feed)."""
    cleaned = clean_text(text)
    document = docx.Document()
    body = document.element.body
    wml.run(wml.paragraph(body), cleaned, props=False)
    wml.run(wml.paragraph(body, "Heading1"), cleaned, bold=True, italic=True, font="Consolas")
    out = io.BytesIO()
    document.save(out)
    back = docx.Document(io.BytesIO(out.getvalue())).paragraphs
    assert [p.text for p in back[-2:]] == [cleaned, cleaned]
    assert back[-1].style.name == "Heading 1"


@given(TEXT, st.booleans(), st.booleans())
def test_a_hyperlink_is_the_one_python_docx_writes(label, bold, italic):
    label = clean_text(label)
    document = docx.Document()
    paragraph = document.add_paragraph()
    reference = paragraph.add_run(label)
    reference.font.underline = True
    reference.font.color.rgb = RGBColor.from_string("1155CC")
    reference.bold, reference.italic = bold or None, italic or None
    ours = wml.paragraph(document.element.body)
    wml.hyperlink(ours, document.part, "https://example.org/?a=1&b=2", label, "1155CC", bold, italic)
    link = ours[0]
    assert link.tag == wml.HYPERLINK
    assert document.part.rels[link.get(wml.R_ID)].target_ref == "https://example.org/?a=1&b=2"
    assert _xml(link[0]) == _xml(reference._r)


def test_a_table_is_the_table_python_docx_writes():
    document = docx.Document()
    table = document.add_table(rows=1, cols=3)
    table.style = "Table Grid"
    table.autofit = False
    table.add_row()
    table.rows[0].height = Mm(15)
    table.cell(0, 1).width = Mm(50)
    grid = [wml.twips(block_width(document) // 3)] * 3
    ours = wml.table(document.element.body, "TableGrid", grid, fixed=True)
    first, second = wml.row(ours, height=wml.twips(Mm(15))), wml.row(ours)
    for j, w in enumerate(grid):
        wml.cell(first, wml.twips(Mm(50)) if j == 1 else w)
        wml.cell(second, w)
    assert _xml(ours) == _xml(table._tbl)
    # ours sits before the body's section properties, as python-docx's own blocks do
    assert document.element.body[-1].tag == wml.SECT_PR
