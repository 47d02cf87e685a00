"""A figure whose name holds a space or a letter beyond ASCII is shown by every export, not lost.

The editor names an added picture after its file, keeping letters such as "é" or "图"; CommonMark
percent-encodes such characters in a link's target, so the name the exports looked up was
``caf%C3%A9.png`` and the figure printed as "[image not attached: …]".
"""

from __future__ import annotations

import io
import zipfile

import pytest

from tcdesk.export import docx as docx_export
from tcdesk.export import html as html_export
from tcdesk.export import markdown as md
from tcdesk.model import Attachment, AttachmentKind, Submission
from tcdesk.session import Session

from .helpers import pdftotext, png_bytes, tool

NAMES = ["café.png", "图表.png", "chart 1.png"]
REFERENCES = ["attachment:café.png", "attachment:图表.png", "<attachment:chart 1.png>"]


def submission() -> Submission:
    sub = Submission(organisation="University of Example")
    sub.attachments = [Attachment(name, AttachmentKind.FIGURE, "image/png", png_bytes(40 + 10 * i, 20))
                       for i, name in enumerate(NAMES)]
    sub.answers["1"] = "\n\n".join(f"![Figure {i}]({ref})" for i, ref in enumerate(REFERENCES))
    return sub


def test_the_parsed_figure_names_the_attachment_as_it_is_called():
    figures = [b for b in md.parse(submission().answers["1"]) if isinstance(b, md.Figure)]
    assert [f.attachment_name for f in figures] == NAMES


def test_the_pdf_shows_every_figure(tmp_path):
    tool("pdftotext")
    pdf = Session(submission()).export("pdf", tmp_path / "figures.pdf")
    assert "not attached" not in pdftotext(pdf)
    assert pdf.read_bytes().count(b"/Subtype /Image") >= len(NAMES)


def test_the_word_document_and_the_web_page_show_every_figure():
    sub = submission()

    def media(data: bytes) -> list[str]:
        with zipfile.ZipFile(io.BytesIO(data)) as package:
            assert b"not attached" not in package.read("word/document.xml")
            return [n for n in package.namelist() if n.startswith("word/media/")]

    assert len(media(docx_export.render(sub))) == len(media(docx_export.render(Submission()))) + len(NAMES)
    page, bare = (html_export.render(s).decode("utf-8") for s in (sub, Submission()))
    assert "not attached" not in page and page.count("data:image/png") == bare.count("data:image/png") + len(NAMES)


@pytest.mark.parametrize("name", ["100%.png", "a%20b.png"])
def test_a_name_holding_a_percent_sign_is_found_written_as_itself(name):
    # A hand-written interchange file may name a figure with "%"; the reference is written encoded.
    from urllib.parse import quote

    blocks = md.parse(f"![x](attachment:{quote(name)})")
    assert [b.attachment_name for b in blocks if isinstance(b, md.Figure)] == [name]
