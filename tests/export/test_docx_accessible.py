"""The Word file is accessible: a real TOC field, headings without skips, en-GB proofing, alt text,
repeating header rows and honest app properties — read back with python-docx and lxml."""

from __future__ import annotations

import itertools
import re
import zipfile
from pathlib import Path

import docx
from docx.oxml.ns import qn

from tcdesk.session import Session

from .helpers import pdftotext, squash
from .test_docx import libreoffice_pdf

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


def export(sub, tmp_path: Path, pm) -> Path:
    path = tmp_path / "accessible.docx"
    Session(sub, pm=pm).export("docx", path)
    return path


def outline_levels(document) -> list[int]:
    """Each heading's outline level (1-based) as Word's navigation and screen readers see it."""
    levels = []
    for p in document.paragraphs:
        own = p._p.find(f"{W}pPr/{W}outlineLvl")
        match = re.fullmatch(r"Heading (\d)", p.style.name)
        if own is not None and int(own.get(qn("w:val"))) < 9:
            levels.append(int(own.get(qn("w:val"))) + 1)
        elif match and own is None:
            levels.append(int(match.group(1)))
    return levels


def test_contents_is_a_toc_field_word_updates_on_opening(rich, tmp_path, pm):
    path = export(rich, tmp_path, pm)
    document = docx.Document(str(path))
    instructions = [t.text for t in document.element.body.iter(f"{W}instrText")]
    assert any(re.search(r'TOC \\o "1-3" \\h \\z \\u', i) for i in instructions), instructions
    update = document.settings.element.find(f"{W}updateFields")
    assert update is not None and update.get(qn("w:val")) == "true"
    heading = next(p for p in document.paragraphs if p.text == "Contents")
    assert heading.style.name == "TOC Heading"  # not itself in the contents, not a heading level


def test_heading_levels_never_skip(rich, tmp_path, pm):
    rich.answers["2"] = "### Deep first\n\nText.\n\n# Top\n\n#### Deeper still\n\nMore."
    levels = outline_levels(docx.Document(str(export(rich, tmp_path, pm))))
    assert levels[0] == 1
    for before, after in itertools.pairwise(levels):
        assert after <= before + 1, levels


def test_proofing_language_is_en_gb_throughout(rich, tmp_path, pm):
    document = docx.Document(str(export(rich, tmp_path, pm)))
    styles = document.styles.element
    default = styles.find(f"{W}docDefaults/{W}rPrDefault/{W}rPr/{W}lang")
    assert default.get(qn("w:val")) == "en-GB"
    langs = {el.get(qn("w:val")) for el in styles.iter(f"{W}lang")}
    langs |= {el.get(qn("w:val")) for el in document.element.body.iter(f"{W}lang")}
    assert langs == {"en-GB"}
    assert document.core_properties.language == "en-GB"


def test_chart_and_every_figure_have_alt_text(rich, tmp_path, pm):
    path = export(rich, tmp_path, pm)
    with zipfile.ZipFile(path) as z:
        body = z.read("word/document.xml").decode("utf-8")
    descriptions = re.findall(r'<wp:docPr [^>]*descr="([^"]*)"', body)
    pictures = re.findall(r"<wp:docPr ", body)
    assert len(descriptions) == len(pictures) == 2
    assert "Organisation chart" in descriptions
    chart = next(d for d in descriptions if d.startswith("Bar chart"))
    assert "Visibility (V): 1 green, 0 amber, 0 red" in chart


def test_header_rows_repeat_and_app_properties_are_not_stale(rich, tmp_path, pm):
    path = export(rich, tmp_path, pm)
    document = docx.Document(str(path))
    headed = [t for t in document.tables if t.rows[0]._tr.find(f"{W}trPr/{W}tblHeader") is not None]
    assert len(headed) >= 1 + 4 + 2 + 1  # answer table, RAG summary, four previous and two new plan tables
    with zipfile.ZipFile(path) as z:
        app = z.read("docProps/app.xml").decode("utf-8")
    assert "<Application>tcdesk</Application>" in app
    for stale in ("<Pages>", "<Words>", "Microsoft", "Normal.dotm", "<Characters>"):
        assert stale not in app


def test_libreoffice_still_converts_it_with_the_contents(rich, tmp_path, pm):
    pdf = libreoffice_pdf(export(rich, tmp_path, pm), tmp_path)
    text = squash(pdftotext(pdf))
    assert "Contents" in text and "Question 1. Technical staff structures" in text
