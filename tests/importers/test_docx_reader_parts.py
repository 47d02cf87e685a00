"""The DOCX reader's text held to python-docx's, and its style and list definitions read per package."""

from __future__ import annotations

import io
import zipfile
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tcdesk.importers.blocks import Para, Table, escape_markdown
from tcdesk.importers.docx_reader import read_docx
from tests.fuzz.generators import replace_parts

# Letters, spaces and every character CommonMark escaping touches.
_TEXT = st.text(alphabet="ab Z*_[]`\\#<>&1.-", min_size=0, max_size=12)
_RUN = st.tuples(_TEXT, st.sampled_from([None, True, False]), st.sampled_from([None, True, False]),
                 st.sampled_from(["", "tab", "break"]))
_PARAGRAPH = st.tuples(st.lists(_RUN, min_size=0, max_size=5), st.sampled_from(["Normal", "List Bullet", "Heading 2"]))


def _add_runs(paragraph, runs) -> None:
    for text, bold, italic, extra in runs:
        run = paragraph.add_run(text)
        run.bold, run.italic = bold, italic
        if extra == "tab":
            run.add_tab()
        elif extra == "break":
            run.add_break()


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(paragraphs=st.lists(_PARAGRAPH, min_size=1, max_size=6), cells=st.lists(st.lists(_RUN, max_size=3), min_size=1, max_size=4))
def test_paragraph_and_cell_text_is_python_docx_text(tmp_path: Path, paragraphs, cells) -> None:
    import docx

    document = docx.Document()
    for runs, style in paragraphs:
        _add_runs(document.add_paragraph(style=style), runs)
    table = document.add_table(rows=1, cols=len(cells))
    for cell, runs in zip(table.rows[0].cells, cells, strict=True):
        _add_runs(cell.paragraphs[0], runs)
    path = tmp_path / "runs.docx"
    document.save(str(path))

    blocks = read_docx(path)
    expected = [p for p in document.paragraphs if p.text.strip()]
    paras = [b for b in blocks if isinstance(b, Para)]
    assert [p.text for p in paras] == [p.text for p in expected]
    for para, source in zip(paras, expected, strict=True):
        plain = source.style.name == "Normal" and not any(r.bold or r.italic for r in source.runs)
        if plain:  # CommonMark of unformatted text is the text, escaped
            assert para.markdown == escape_markdown(para.text).strip("\n")
    (read_table,) = [b for b in blocks if isinstance(b, Table)]
    assert [c.text for c in read_table.rows[0]] == [c.text.strip() for c in table.rows[0].cells]


def _styled(tmp_path: Path, name: str, heading_name: str, list_format: str) -> Path:
    """A document with one "Heading1" paragraph and one numbered list item, whose styles.xml names the
    style ``heading_name`` and whose numbering.xml gives the list ``list_format``."""
    import docx

    document = docx.Document()
    document.add_paragraph("Aims", style="Heading 1")
    item = document.add_paragraph("Grow careers")
    num_pr = item._p.get_or_add_pPr()._add_numPr()
    num_pr._add_ilvl().val = 0
    num_pr._add_numId().val = 1
    buf = io.BytesIO()
    document.save(buf)
    package = buf.getvalue()
    styles = zipfile.ZipFile(io.BytesIO(package)).read("word/styles.xml")
    numbering = (
        '<w:numbering xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">'
        f'<w:abstractNum w:abstractNumId="0"><w:lvl w:ilvl="0"><w:numFmt w:val="{list_format}"/></w:lvl></w:abstractNum>'
        '<w:num w:numId="1"><w:abstractNumId w:val="0"/></w:num></w:numbering>'
    )
    path = tmp_path / name
    path.write_bytes(replace_parts(package, {
        "word/styles.xml": styles.replace(b'w:val="heading 1"', f'w:val="{heading_name}"'.encode()),
        "word/numbering.xml": numbering.encode(),
    }))
    return path


def test_each_document_gets_its_own_style_names_and_list_formats(tmp_path: Path) -> None:
    # Two packages that differ only in styles.xml and numbering.xml, read in turn: what one's parts
    # say never carries over to the other, however often the same parts come back.
    template = _styled(tmp_path, "template.docx", "heading 1", "decimal")
    renamed = _styled(tmp_path, "renamed.docx", "Aims Banner", "bullet")

    def shape(path: Path) -> list[tuple[str, int | None, str]]:
        return [(b.markdown, b.heading, b.list_item) for b in read_docx(path) if isinstance(b, Para)]

    for _ in range(2):
        assert shape(template) == [("# Aims", 1, ""), ("1. Grow careers", None, "number")]
        assert shape(renamed) == [("Aims", None, ""), ("- Grow careers", None, "bullet")]
