"""The XMP metadata the finishing step writes is the packet pikepdf's own metadata support writes."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pikepdf
from hypothesis import given, settings
from hypothesis import strategies as st

from tcdesk.export.pdf_finish import xmp_packet

ROOT = Path(__file__).resolve().parents[2]
# Any character, surrogates and controls too, and the ones XML escapes.
texts = st.text(st.characters(min_codepoint=0, max_codepoint=0x10FFFF, blacklist_categories=()) | st.sampled_from("&<>\"'\r\n\t "))


def pikepdfs(title: str, author: str, subject: str, language: str, stamp: str) -> bytes:
    """What tcdesk wrote through pikepdf.Pdf.open_metadata before it wrote the packet itself."""
    pdf = pikepdf.new()
    with pdf.open_metadata(set_pikepdf_as_editor=False, update_docinfo=False) as meta:
        meta["dc:title"] = title
        meta["dc:creator"] = [author] if author else []
        meta["dc:description"] = subject
        meta["dc:language"] = [language]
        meta["pdf:Producer"] = "tcdesk"
        meta["xmp:CreatorTool"] = "tcdesk"
        meta["xmp:CreateDate"] = meta["xmp:ModifyDate"] = meta["xmp:MetadataDate"] = stamp
        meta["pdfuaid:part"] = "1"
    return pdf.Root.Metadata.read_bytes()


@settings(max_examples=300, deadline=None)
@given(texts, texts, texts, st.sampled_from(["en-GB", "cy", "en-US"]) | texts,
       st.sampled_from(["2026-05-28T20:26:40Z"]) | texts.filter(bool))
def test_the_xmp_packet_is_the_one_pikepdf_writes(title, author, subject, language, stamp):
    assert xmp_packet(title, author, subject, language, stamp) == pikepdfs(title, author, subject, language, stamp)


def test_a_pdf_export_does_not_load_lxml(tmp_path):
    code = (
        "import sys\n"
        "from tcdesk.model import Submission\n"
        "from tcdesk.session import Session\n"
        "sub = Submission(organisation='Plain & <Simple> University')\n"
        "sub.answers['1'] = 'Words.'\n"
        f"Session(sub).export('pdf', {str(tmp_path / 'plain.pdf')!r})\n"
        "print('lxml.etree' in sys.modules)\n"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT, check=True)
    assert done.stdout.split() == ["False"]
    with pikepdf.open(tmp_path / "plain.pdf") as pdf, pdf.open_metadata() as meta:
        assert meta["dc:title"].startswith("Plain & <Simple> University")
        assert meta["pdfuaid:part"] == "1"
