"""The PDF export loads little: faces when text is first set in them, reportlab without its URL pattern
compiled, no network modules; text is encoded for the fonts as reportlab encodes it."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.pdfdoc import PDFDocument
from reportlab.pdfbase.ttfonts import TTFont

from tcdesk.export.pdf_blocks import make_styles
from tcdesk.export.pdf_fonts import FONT, SubsetFont, use_face
from tcdesk.export.pdf_paragraph import Paragraph
from tcdesk.session import Session

from .helpers import png_bytes, tool

ROOT = Path(__file__).resolve().parents[2]
REGULAR = str(ROOT / "resources" / "fonts" / "DejaVuSans.ttf")
# Latin, Welsh, Polish, Greek, CJK (not in DejaVu Sans), no-break space, many letters (a second subset).
CHARACTERS = [*"ab AZéŵŷŁńΩ–“” .,\u00a0\u4e2d\t", *map(chr, range(0x100, 0x260))]


def test_markup_keeps_its_faces_after_each_face_is_registered():
    # reportlab maps a family named after every face it registers: the bundled family must survive that.
    from tcdesk.export.document import style

    body = make_styles(style()).body
    for face in (FONT, FONT + "-Bold", FONT, FONT + "-Oblique"):
        use_face(face)
        paragraph = Paragraph("<b>bold</b> <i>italic</i> <b><i>both</i></b> plain", body)
        assert [f.fontName for f in paragraph.frags] == [
            FONT + "-Bold", FONT, FONT + "-Oblique", FONT, FONT + "-BoldOblique", FONT,
        ]
    assert {FONT, FONT + "-Bold", FONT + "-Oblique", FONT + "-BoldOblique"} <= set(pdfmetrics.getRegisteredFontNames())


def test_a_pdf_with_bold_and_italic_text_embeds_those_faces(rich, tmp_path, pm):
    path = tmp_path / "rich.pdf"
    Session(rich, pm=pm).export("pdf", path)
    fonts = subprocess.run([tool("pdffonts"), str(path)], capture_output=True, text=True, check=True).stdout
    names = {line.split()[0].split("+")[-1] for line in fonts.splitlines()[2:]}
    assert {"DejaVuSans", "DejaVuSans-Bold", "DejaVuSans-Oblique"} <= names


def test_a_face_no_text_is_set_in_is_never_read(tmp_path):
    code = (
        "import sys\n"
        "from reportlab.pdfbase import pdfmetrics\n"
        "from tcdesk.model import Submission\n"
        "from tcdesk.session import Session\n"
        "sub = Submission(organisation='Plain University')\n"
        "sub.answers['1'] = 'Only plain words, and **one bold** one.'\n"
        f"Session(sub).export('pdf', {str(tmp_path / 'plain.pdf')!r})\n"
        "print(' '.join(sorted(pdfmetrics.getRegisteredFontNames())))\n"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT, check=True)
    assert done.stdout.split() == [FONT, FONT + "-Bold"]


def test_reportlab_compiles_its_url_pattern_on_first_use_and_it_matches_as_compiled(tmp_path):
    code = (
        "import re\n"
        "import tcdesk.export.pdf\n"
        "from reportlab.platypus import paragraph\n"
        "from tcdesk.export.pdf_reportlab import CompiledOnFirstUse\n"
        "assert isinstance(paragraph.uri_pat, CompiledOnFirstUse), type(paragraph.uri_pat)\n"
        "from reportlab.lib import textsplit\n"
        "assert isinstance(textsplit.rx, CompiledOnFirstUse), type(textsplit.rx)\n"
        "assert textsplit.rx.sub(r'<\\1>', 'ab 中文 cd') == 'ab <中><文> cd'\n"  # as compiled; its only user, cjkwrap, is never called
        "from reportlab.lib import PyFontify, rl_safe_eval\n"
        "assert isinstance(PyFontify.matchRE, CompiledOnFirstUse) and isinstance(rl_safe_eval.__rl_unsafe_re__, CompiledOnFirstUse)\n"
        "assert PyFontify.fontify('def f(x):  # note\\n    return x\\n') == [('keyword', 0, 3, None), ('identifier', 3, 5, None), ('comment', 11, 17, None), ('keyword', 22, 28, None)]\n"
        "assert rl_safe_eval.rl_safe_eval('1 + 2') == 3\n"
        "from pikepdf.models.metadata import _constants\n"
        "from tcdesk.export.pdf_reportlab import XML_ILLEGAL\n"
        "assert _constants.re_xml_illegal_chars.pattern == XML_ILLEGAL\n"
        "assert re.compile.__module__ == 're', 're.compile is re own again'\n"
        "print(paragraph.uri_pat.pattern)\n"
        "print(int(paragraph.uri_pat.flags))\n"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT, check=True)
    pattern, flags = done.stdout.rstrip("\n").rsplit("\n", 1)
    from tcdesk.export.pdf_reportlab import CompiledOnFirstUse

    lazy, compiled = CompiledOnFirstUse(pattern, int(flags)), re.compile(pattern, int(flags))
    for url in ("https://www.northmoor.ac.uk/technicians/a/b", "HTTP://Example.ORG", "ftp://[::1]/x", "not a url"):
        ours, theirs = lazy.match(url), compiled.match(url)
        assert (ours and ours.groups()) == (theirs and theirs.groups())


@given(st.text(st.characters(min_codepoint=0, max_codepoint=0x10FFFF, blacklist_categories=())))
def test_pikepdf_removes_the_characters_xml_cannot_hold_as_its_own_pattern_does(value):
    from tcdesk.export.pdf_reportlab import PIKEPDF_XML_ILLEGAL, XML_ILLEGAL

    edges = "\x00\x08\x09\x0a\x0b\x0d\x0e\x1f\x20\ud7ff\ud800\udfff\ue000\ufffd\ufffe\uffff\U00010000\U0010ffff"
    for text in (value, edges + value):
        assert re.compile(XML_ILLEGAL).sub("", text) == re.compile(PIKEPDF_XML_ILLEGAL).sub("", text)


@given(st.text() | st.text(st.characters(max_codepoint=0x7F)) | st.binary())
def test_pdf_values_are_encoded_as_reportlab_encodes_them(value):
    from reportlab.pdfbase import rl_codecs  # noqa: F401 - registers the codec reportlab's pdfdocEnc uses

    from tcdesk.export.pdf_reportlab import pdfdoc_encode

    def reportlabs(x):  # reportlab/pdfbase/pdfdoc.py's pdfdocEnc
        return x.encode("extpdfdoc") if isinstance(x, str) else x

    def outcome(encode):
        try:
            return encode(value)
        except UnicodeEncodeError as exc:
            return (exc.start, exc.end)

    assert outcome(pdfdoc_encode) == outcome(reportlabs)


@given(st.lists(st.text(st.sampled_from(CHARACTERS), max_size=40), max_size=30))
def test_text_is_encoded_as_reportlab_encodes_it(texts):
    ours, theirs = SubsetFont("ours", REGULAR), TTFont("theirs", REGULAR)
    ours_doc, theirs_doc = PDFDocument(), PDFDocument()
    for text in ["", *texts]:
        assert ours.splitString(text, ours_doc) == theirs.splitString(text, theirs_doc)
        subsets = len(theirs.state[theirs_doc].subsets)
        for subset in (subsets - 1, 0, subsets - 1):  # (the first ask names the font in the document)
            assert ours.getSubsetInternalName(subset, ours_doc) == theirs.getSubsetInternalName(subset, theirs_doc)
        assert list(ours_doc.fontMapping.values()) == list(theirs_doc.fontMapping.values())
    assert ours.state[ours_doc].subsets == theirs.state[theirs_doc].subsets
    with pytest.raises(IndexError):
        ours.getSubsetInternalName(len(ours.state[ours_doc].subsets), ours_doc)


def test_a_pdf_export_loads_no_network_modules(tmp_path):
    code = (
        "import sys\n"
        "from tcdesk.model import Submission\n"
        "from tcdesk.session import Session\n"
        "sub = Submission(organisation='Plain & <Simple> University')\n"
        "sub.answers['1'] = 'See [our page](https://example.org/a?b=1&c=2).'\n"
        f"Session(sub).export('pdf', {str(tmp_path / 'plain.pdf')!r})\n"
        "print(' '.join(m for m in ('urllib.request', 'http.client', 'email.parser') if m in sys.modules))\n"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT, check=True)
    assert done.stdout.split() == []


def test_pillow_runs_only_for_a_pdf_with_an_image(tmp_path):
    # The first export has no image, so PIL.Image is never executed; the second has one and gets it whole.
    code = (
        "import sys\n"
        "import importlib.util\n"
        "from tcdesk.model import Attachment, AttachmentKind, Submission\n"
        "from tcdesk.session import Session\n"
        "sub = Submission(organisation='Plain University')\n"
        "sub.answers['1'] = 'Only words.'\n"
        f"Session(sub).export('pdf', {str(tmp_path / 'plain.pdf')!r})\n"
        "print(type(sys.modules['PIL.Image']).__name__)\n"
        f"sub.attachments.append(Attachment('chart.png', AttachmentKind.FIGURE, 'image/png', open({str(tmp_path / 'chart.png')!r}, 'rb').read()))\n"
        "sub.answers['1'] = 'Words and ![the chart](attachment:chart.png)'\n"
        f"Session(sub).export('pdf', {str(tmp_path / 'image.pdf')!r})\n"
        "print(type(sys.modules['PIL.Image']).__name__, sys.modules['PIL'].Image is sys.modules['PIL.Image'])\n"
    )
    (tmp_path / "chart.png").write_bytes(png_bytes())
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT, check=True)
    assert done.stdout.split() == ["_LazyModule", "module", "True"]
    images = subprocess.run([tool("pdfimages"), "-list", str(tmp_path / "image.pdf")], capture_output=True, text=True, check=True)
    assert len(images.stdout.splitlines()) == 3  # two header lines, one image
