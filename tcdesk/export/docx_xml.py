"""Paragraphs, runs and tables written straight into python-docx's lxml tree.

python-docx builds each of these through proxy objects that find or insert one child per property
set, and appends run text character by character; for a plan of a hundred actions that is most of
an export's time. The functions here write the same elements, in the same order and with the same
attributes, in one pass. python-docx keeps what it does once per document (styles, sections,
pictures, properties).
"""

from __future__ import annotations

import re

from docx.opc.constants import RELATIONSHIP_TYPE as RT
from docx.opc.part import Part
from docx.oxml.ns import qn
from docx.shared import Emu
from lxml.etree import SubElement, _Element

BODY, SECT_PR = qn("w:body"), qn("w:sectPr")
P, P_PR, P_STYLE, KEEP_NEXT = qn("w:p"), qn("w:pPr"), qn("w:pStyle"), qn("w:keepNext")
NUM_PR, ILVL, NUM_ID, OUTLINE_LVL = qn("w:numPr"), qn("w:ilvl"), qn("w:numId"), qn("w:outlineLvl")
P_BDR, BOTTOM = qn("w:pBdr"), qn("w:bottom")
R, R_PR, R_FONTS, BOLD, ITALIC, COLOR, U = qn("w:r"), qn("w:rPr"), qn("w:rFonts"), qn("w:b"), qn("w:i"), qn("w:color"), qn("w:u")
T, TAB, BR, HYPERLINK = qn("w:t"), qn("w:tab"), qn("w:br"), qn("w:hyperlink")
TBL, TBL_PR, TBL_STYLE, TBL_W, TBL_LAYOUT, TBL_LOOK = (
    qn("w:tbl"), qn("w:tblPr"), qn("w:tblStyle"), qn("w:tblW"), qn("w:tblLayout"), qn("w:tblLook"))
TBL_GRID, GRID_COL, TR, TR_PR, TBL_HEADER, TR_HEIGHT = (
    qn("w:tblGrid"), qn("w:gridCol"), qn("w:tr"), qn("w:trPr"), qn("w:tblHeader"), qn("w:trHeight"))
TC, TC_PR, TC_W, SHD = qn("w:tc"), qn("w:tcPr"), qn("w:tcW"), qn("w:shd")
VAL, TYPE, W = qn("w:val"), qn("w:type"), qn("w:w")
ASCII, H_ANSI, R_ID, SPACE = qn("w:ascii"), qn("w:hAnsi"), qn("r:id"), qn("xml:space")
# python-docx's table look: first row and first column emphasised, no banded columns.
TABLE_LOOK = {qn("w:firstColumn"): "1", qn("w:firstRow"): "1", qn("w:lastColumn"): "0", qn("w:lastRow"): "0",
              qn("w:noHBand"): "0", qn("w:noVBand"): "1", VAL: "04A0"}

_SPECIAL = re.compile(r"([\t\r\n])")


def block(parent: _Element, tag: str) -> _Element:
    """A new last block of ``parent``; in the body, before its closing ``w:sectPr`` as python-docx puts it."""
    el = SubElement(parent, tag)
    if parent.tag == BODY:
        before = el.getprevious()
        if before is not None and before.tag == SECT_PR:
            before.addprevious(el)
    return el


def paragraph(parent: _Element, style_id: str | None = None, keep_next: bool = False) -> _Element:
    p = block(parent, P)
    if style_id or keep_next:
        p_pr = SubElement(p, P_PR)
        if style_id:
            SubElement(p_pr, P_STYLE, {VAL: style_id})
        if keep_next:
            SubElement(p_pr, KEEP_NEXT)
    return p


def text(r: _Element, value: str) -> None:
    """``value`` as run content the way python-docx writes it: a tab is ``w:tab``, each CR or LF a ``w:br``."""
    if "\t" not in value and "\n" not in value and "\r" not in value:
        _t(r, value)
        return
    for piece in _SPECIAL.split(value):
        if piece == "\t":
            SubElement(r, TAB)
        elif piece in ("\n", "\r"):
            SubElement(r, BR)
        elif piece:
            _t(r, piece)


def _t(r: _Element, value: str) -> None:
    t = SubElement(r, T)
    t.text = value
    if len(value.strip()) < len(value):  # python-docx's test, so Word keeps the spaces
        t.set(SPACE, "preserve")


def run(parent: _Element, value: str = "", *, props: bool = True, bold: bool = False, italic: bool = False,
        font: str | None = None, link_colour: str | None = None) -> _Element:
    """A ``w:r``; ``props`` gives it a ``w:rPr`` (empty when nothing is set, as python-docx leaves it)."""
    r = SubElement(parent, R)
    if props:
        r_pr = SubElement(r, R_PR)
        if font:
            SubElement(r_pr, R_FONTS, {ASCII: font, H_ANSI: font})
        if bold:
            SubElement(r_pr, BOLD)
        if italic:
            SubElement(r_pr, ITALIC)
        if link_colour:
            SubElement(r_pr, COLOR, {VAL: link_colour})
            SubElement(r_pr, U, {VAL: "single"})
    if value:
        text(r, value)
    return r


def line_break(parent: _Element) -> None:
    SubElement(SubElement(parent, R), BR)


def hyperlink(p: _Element, part: Part, url: str, label: str, colour: str, bold: bool = False,
              italic: bool = False) -> None:
    """A clickable link: a ``w:hyperlink`` whose relationship id points at ``url``."""
    link = SubElement(p, HYPERLINK, {R_ID: part.relate_to(url, RT.HYPERLINK, is_external=True)})
    run(link, label, bold=bold, italic=italic, link_colour=colour)


def twips(emu: int) -> int:
    return Emu(emu).twips


def table(parent: _Element, style_id: str, grid: list[int], fixed: bool = False) -> _Element:
    """A ``w:tbl`` with its properties and grid (column widths in twips), no rows yet."""
    tbl = block(parent, TBL)
    tbl_pr = SubElement(tbl, TBL_PR)
    SubElement(tbl_pr, TBL_STYLE, {VAL: style_id})
    SubElement(tbl_pr, TBL_W, {TYPE: "auto", W: "0"})
    if fixed:
        SubElement(tbl_pr, TBL_LAYOUT, {TYPE: "fixed"})
    SubElement(tbl_pr, TBL_LOOK, TABLE_LOOK)
    tbl_grid = SubElement(tbl, TBL_GRID)
    for width in grid:
        SubElement(tbl_grid, GRID_COL, {W: str(width)})
    return tbl


def row(tbl: _Element, header: bool = False, height: int | None = None) -> _Element:
    """A ``w:tr``; a header row repeats at the top of every page, ``height`` (twips) is its least height."""
    tr = SubElement(tbl, TR)
    if header or height is not None:
        tr_pr = SubElement(tr, TR_PR)
        if height is not None:
            SubElement(tr_pr, TR_HEIGHT, {VAL: str(height)})
        if header:
            SubElement(tr_pr, TBL_HEADER, {VAL: "true"})
    return tr


def cell(tr: _Element, width: int, fill: str | None = None) -> _Element:
    """A ``w:tc`` of ``width`` twips, shaded with ``fill`` (hex) as Word writes it; returns its paragraph."""
    tc = SubElement(tr, TC)
    tc_pr = SubElement(tc, TC_PR)
    SubElement(tc_pr, TC_W, {TYPE: "dxa", W: str(width)})
    if fill:
        SubElement(tc_pr, SHD, {VAL: "clear", qn("w:color"): "auto", qn("w:fill"): fill.lstrip("#").upper()})
    return SubElement(tc, P)
