"""The document body's paragraphs, runs and tables written as WordprocessingML text.

python-docx builds each of these through proxy objects that find or insert one child per property
set, and appends run text character by character; for a plan of a hundred actions that was most of
an export's time. Here each block is written as XML text, element for element and attribute for
attribute what python-docx writes (``tests/export/test_docx_xml.py`` holds it to python-docx), and
the whole body is parsed once when the file is saved (:mod:`tcdesk.export.docx_package`).
"""

from __future__ import annotations

import re
from html import unescape

from tcdesk.export.direction import has_rtl, rtl_base, rtl_only

# What XML 1.0 cannot hold (C0 controls but tab and line ends, surrogates, U+FFFE, U+FFFF): lxml
# refuses it as element text, and so does this writer. (Spelled as what is forbidden: the negated
# class of what is allowed takes milliseconds to compile.)
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")
NOT_XML_MESSAGE = "All strings must be XML compatible: Unicode or ASCII, no NULL bytes or control characters"
_SPECIAL = re.compile(r"([\t\r\n])")
# python-docx's table look: first row and first column emphasised, no banded columns.
_TABLE_LOOK = ('<w:tblLook w:firstColumn="1" w:firstRow="1" w:lastColumn="0" w:lastRow="0" w:noHBand="0" '
               'w:noVBand="1" w:val="04A0"/>')
LINE_BREAK = "<w:r><w:br/></w:r>"
KEEP_NEXT = "<w:keepNext/>"
# A right-to-left paragraph's w:bidi goes before these w:pPr children (CT_PPr's sequence).
_AFTER_BIDI = re.compile(r"<w:(?:adjustRightInd|snapToGrid|spacing|ind|contextualSpacing|mirrorIndents|suppressOverlap"
                         r"|jc|textDirection|textAlignment|textboxTightWrap|outlineLvl|divId|cnfStyle|rPr|sectPr|pPrChange)[ />]")
_RUN_TEXT = re.compile(r"<w:t(?: [^>]*)?>([^<]*)</w:t>")
ROW_END, TABLE_END = "</w:tr>", "</w:tbl>"


# Everything here is written as lxml serialises it (python-docx's parts are lxml's output): a part
# made of these pieces is the same text after a parse and a serialisation, so it is python-docx's
# file byte for byte without being parsed (tests/export/test_docx_package.py checks whole documents).


def escape(value: str) -> str:
    """``value`` as an attribute value in double quotes, as lxml writes it (tabs and line ends as references)."""
    return (value.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace('"', "&quot;")
            .replace("\t", "&#9;").replace("\n", "&#10;").replace("\r", "&#13;"))


def escape_text(value: str) -> str:
    """``value`` as an element's text, as lxml writes it."""
    return value.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\r", "&#13;")


def text(value: str) -> str:
    """``value`` as run content the way python-docx writes it: a tab is ``w:tab``, each CR or LF a ``w:br``.

    :raises ValueError: for a character XML cannot hold, as lxml (and so python-docx) does.
    """
    check_xml(value)
    if not value:
        return ""
    if "\t" not in value and "\n" not in value and "\r" not in value:
        return _t(value)
    out = []
    for piece in _SPECIAL.split(value):
        if piece == "\t":
            out.append("<w:tab/>")
        elif piece in ("\n", "\r"):
            out.append("<w:br/>")
        elif piece:
            out.append(_t(piece))
    return "".join(out)


def check_xml(value: str) -> None:
    """:raises ValueError: for a character XML cannot hold, as lxml (and so python-docx) does."""
    if _NOT_XML.search(value):
        raise ValueError(NOT_XML_MESSAGE)


def _t(value: str) -> str:
    if len(value.strip()) < len(value):  # python-docx's test, so Word keeps the spaces
        return f'<w:t xml:space="preserve">{escape_text(value)}</w:t>'
    return f"<w:t>{escape_text(value)}</w:t>"


def run(value: str = "", *, props: bool = True, bold: bool = False, italic: bool = False,
        font: str | None = None, link_colour: str | None = None) -> str:
    """A ``w:r``; ``props`` gives it a ``w:rPr`` (empty when nothing is set, as python-docx leaves it)."""
    content = text(value) if value else ""
    # Hebrew and Arabic are complex script to Word: bold and italic reach them through w:bCs and
    # w:iCs, and a run of right-to-left letters alone is marked w:rtl (a run holding an English
    # word is not: w:rtl would lay that word out right to left too). Order as CT_RPr's sequence.
    complex_script = has_rtl(value)
    rtl = complex_script and rtl_only(value)
    if not props and not rtl:
        return f"<w:r>{content}</w:r>" if content else "<w:r/>"
    r_pr = []
    if font:
        r_pr.append(f'<w:rFonts w:ascii="{escape(font)}" w:hAnsi="{escape(font)}"/>')
    if bold:
        r_pr.append("<w:b/><w:bCs/>" if complex_script else "<w:b/>")
    if italic:
        r_pr.append("<w:i/><w:iCs/>" if complex_script else "<w:i/>")
    if link_colour:
        r_pr.append(f'<w:color w:val="{escape(link_colour)}"/><w:u w:val="single"/>')
    if rtl:
        r_pr.append("<w:rtl/>")
    return f"<w:r><w:rPr>{''.join(r_pr)}</w:rPr>{content}</w:r>" if r_pr else f"<w:r><w:rPr/>{content}</w:r>"


def hyperlink(rid: str, label: str, colour: str, bold: bool = False, italic: bool = False) -> str:
    """A clickable link: a ``w:hyperlink`` whose relationship ``rid`` points at the address."""
    return f'<w:hyperlink r:id="{escape(rid)}">{run(label, bold=bold, italic=italic, link_colour=colour)}</w:hyperlink>'


def paragraph(content: str = "", style_id: str | None = None, properties: str = "") -> str:
    """A ``w:p`` in style ``style_id``; ``properties`` are further ``w:pPr`` children, in schema order."""
    p_pr = (f'<w:pStyle w:val="{escape(style_id)}"/>' if style_id else "") + properties
    if has_rtl(content) and rtl_base("".join(unescape(t) for t in _RUN_TEXT.findall(content))):
        # Its first strong character is right-to-left: the paragraph reads right to left (w:bidi).
        after = _AFTER_BIDI.search(p_pr)
        at = after.start() if after else len(p_pr)
        p_pr = p_pr[:at] + "<w:bidi/>" + p_pr[at:]
    if p_pr:
        return f"<w:p><w:pPr>{p_pr}</w:pPr>{content}</w:p>"
    return f"<w:p>{content}</w:p>" if content else "<w:p/>"


EMU_PER_MM, EMU_PER_TWIP = 36000, 635


def twips(emu: int) -> int:
    """``emu`` in twips, rounded as python-docx's ``Length.twips``."""
    return round(emu / float(EMU_PER_TWIP))


def mm(value: float) -> int:
    """``value`` millimetres in EMU, as python-docx's ``Mm``."""
    return int(value * EMU_PER_MM)


def table(style_id: str, grid: list[int], fixed: bool = False) -> str:
    """The opening of a ``w:tbl``: its properties and grid (column widths in twips); rows follow."""
    layout = '<w:tblLayout w:type="fixed"/>' if fixed else ""
    cols = "".join(f'<w:gridCol w:w="{width}"/>' for width in grid)
    return (f'<w:tbl><w:tblPr><w:tblStyle w:val="{escape(style_id)}"/><w:tblW w:type="auto" w:w="0"/>{layout}'
            f"{_TABLE_LOOK}</w:tblPr><w:tblGrid>{cols}</w:tblGrid>")


def row(header: bool = False, height: int | None = None) -> str:
    """The opening of a ``w:tr``; a header row repeats on every page, ``height`` (twips) is its least height."""
    tr_pr = (f'<w:trHeight w:val="{height}"/>' if height is not None else "") + (
        '<w:tblHeader w:val="true"/>' if header else "")
    return f"<w:tr><w:trPr>{tr_pr}</w:trPr>" if tr_pr else "<w:tr>"


def cell(width: int, content: str, fill: str | None = None) -> str:
    """A ``w:tc`` of ``width`` twips holding ``content`` (paragraphs), shaded with ``fill`` as Word writes it."""
    shd = f'<w:shd w:val="clear" w:color="auto" w:fill="{escape(fill.lstrip("#").upper())}"/>' if fill else ""
    return f'<w:tc><w:tcPr><w:tcW w:type="dxa" w:w="{width}"/>{shd}</w:tcPr>{content}</w:tc>'


class Body:
    """The document body's blocks, in order, as XML text."""

    def __init__(self) -> None:
        self._blocks: list[str] = []

    def add(self, xml: str) -> None:
        self._blocks.append(xml)

    def xml(self) -> str:
        return "".join(self._blocks)
