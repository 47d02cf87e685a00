"""The DOCX body writer writes what python-docx's own calls write, and any text reads back.

The DOCX exporter writes paragraphs, runs and tables as XML text with :mod:`tcdesk.export.docx_xml`
instead of python-docx's proxies; a user's text must come out of Word (here: python-docx reading
the saved file) exactly as it went in, and the XML must be python-docx's, element for element.
"""

from __future__ import annotations

import io

import docx
import pytest
from docx.opc.constants import RELATIONSHIP_TYPE as RT
from docx.oxml.ns import nsdecls, qn
from docx.oxml.parser import parse_xml
from docx.shared import Mm, RGBColor
from hypothesis import example, given
from hypothesis import strategies as st
from lxml import etree

from tcdesk.export import docx_xml as wml
from tcdesk.export.direction import has_rtl, rtl_base, rtl_only
from tcdesk.export.docx_blocks import text_width
from tcdesk.export.markdown import clean_text

# Any text, with the characters the exporter has to take care of made likely: tabs, line ends,
# edge spaces (xml:space), C0/C1 controls, surrogates and non-characters XML forbids, markup,
# right-to-left words and marks (w:bidi, w:rtl).
TRICKY = st.sampled_from(["\t", "\n", "\r", "\r\n", " ", "\u00a0", "\u2028", "\x00", "\x07", "\x1b", "\x7f", "\x85",
                          "\ud800", "\ufffe", "\uffff", "\U0001fffe", "<", "&", "]]>", '"', "'", "é", "😀",
                          "שלום", "مرحبا", "\u200f", "(1)"])
TEXT = st.lists(st.one_of(st.text(), TRICKY), max_size=12).map("".join)


def _xml(el) -> bytes:
    return etree.tostring(el)


def _written(document, *blocks: str):
    """``blocks`` parsed into the end of ``document``'s body (before its section properties, where
    python-docx adds); the elements they became."""
    body = document.element.body
    parsed = list(parse_xml(f"<w:body {nsdecls('w', 'r')}>" + "".join(blocks) + "</w:body>"))
    for el in parsed:
        body[-1].addprevious(el)
    return parsed


@given(TEXT, st.booleans(), st.booleans(), st.sampled_from([None, "Consolas"]))
@example("  lead\ttab\r\nbreak trailing  ", True, False, "Consolas")
@example("", False, True, None)
@example(" ", False, False, None)
@example("שלום, 2026", True, True, "Consolas")
@example("«مرحبا» and English", True, False, None)
def test_a_run_is_the_run_python_docx_writes(text, bold, italic, font):
    document = docx.Document()
    try:
        paragraph = document.add_paragraph()
        r = paragraph.add_run(text)
        r.bold, r.italic = bold or None, italic or None
        if font:
            r.font.name = font
        _right_to_left(paragraph, r, text)
    except ValueError:  # a character XML cannot hold (the exporter cleans text first): refused alike
        with pytest.raises(ValueError):
            wml.run(text, bold=bold, italic=italic, font=font)
        return
    [ours] = _written(document, wml.paragraph(wml.run(text, bold=bold, italic=italic, font=font)))
    assert _xml(ours) == _xml(paragraph._p)


@given(TEXT)
@example("  keep my spaces  \n\tand this tab ")
def test_any_text_the_exporter_writes_reads_back_identical(text):
    """The exporter cleans text first (controls become U+FFFD, tabs spaces, CR LF a line feed)."""
    cleaned = clean_text(text)
    try:
        cleaned.encode("utf-8")
    except UnicodeEncodeError:  # a lone surrogate: no file format can hold it, the export fails
        with pytest.raises(ValueError):
            wml.run(cleaned)
        return
    document = docx.Document()
    _written(document, wml.paragraph(wml.run(cleaned, props=False)),
             wml.paragraph(wml.run(cleaned, bold=True, italic=True, font="Consolas"), "Heading1"))
    out = io.BytesIO()
    document.save(out)
    back = docx.Document(io.BytesIO(out.getvalue())).paragraphs
    assert [p.text for p in back[-2:]] == [cleaned, cleaned]
    assert back[-1].style.name == "Heading 1"


def _right_to_left(paragraph, r, text: str) -> None:
    """What a run and its paragraph of right-to-left text carry, set through python-docx (which
    puts each element where the schema's sequence wants it): bold and italic for complex script,
    w:rtl on a run of right-to-left letters alone, w:bidi on a paragraph starting right to left."""
    if not has_rtl(text):
        return
    r.font.cs_bold, r.font.cs_italic = r.bold, r.italic
    if rtl_only(text):
        r.font.rtl = True
    if rtl_base(text):
        paragraph._p.get_or_add_pPr().append(parse_xml(f"<w:bidi {nsdecls('w')}/>"))


@given(TEXT, st.booleans(), st.booleans())
@example("שלום עולם", True, True)
def test_a_hyperlink_is_the_one_python_docx_writes(label, bold, italic):
    label = clean_text(label).encode("utf-8", "replace").decode("utf-8")
    url = "https://example.org/?a=1&b=<2>"
    document = docx.Document()
    paragraph = document.add_paragraph()
    reference = paragraph.add_run(label)
    reference.font.underline = True
    reference.font.color.rgb = RGBColor.from_string("1155CC")
    reference.bold, reference.italic = bold or None, italic or None
    _right_to_left(paragraph, reference, label)
    rid = document.part.relate_to(url, RT.HYPERLINK, is_external=True)
    [ours] = _written(document, wml.paragraph(wml.hyperlink(rid, label, "1155CC", bold, italic)))
    link = ours.find(qn("w:hyperlink"))
    assert link.tag == "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}hyperlink"
    assert document.part.rels[link.get(qn("r:id"))].target_ref == url
    assert _xml(link[0]) == _xml(reference._r)


def test_tables_and_paragraph_properties_are_python_docx_s():
    document = docx.Document()
    table = document.add_table(rows=1, cols=3)
    table.style = "Table Grid"
    table.autofit = False
    table.add_row()
    table.rows[0].height = Mm(15)
    table.cell(0, 1).width = Mm(50)
    table.cell(1, 2).paragraphs[0].paragraph_format.keep_with_next = True
    table.cell(1, 2).paragraphs[0].style = "Caption"
    grid = [wml.twips(text_width(document.sections[-1]) // 3)] * 3
    xml = [wml.table("TableGrid", grid, fixed=True), wml.row(height=wml.twips(Mm(15)))]
    xml += [wml.cell(wml.twips(Mm(50)) if j == 1 else w, wml.paragraph()) for j, w in enumerate(grid)]
    xml += [wml.ROW_END, wml.row(), wml.cell(grid[0], wml.paragraph()), wml.cell(grid[1], wml.paragraph())]
    xml += [wml.cell(grid[2], wml.paragraph(style_id="Caption", properties=wml.KEEP_NEXT)), wml.ROW_END, wml.TABLE_END]
    [ours] = _written(document, "".join(xml))
    assert _xml(ours) == _xml(table._tbl)
