"""Bookmarks and contents links land on their headings; appendices are counted, listed and bookmarked."""

from __future__ import annotations

import subprocess
from pathlib import Path

import pytest
from pypdf import PdfReader

from tcdesk.session import Session

from .helpers import pdf_bytes, squash, tool


def export(sub, tmp_path: Path, pm) -> Path:
    path = tmp_path / "nav.pdf"
    Session(sub, pm=pm).export("pdf", path)
    return path


def page_text(path: Path, number: int) -> str:
    """The text poppler reads on page ``number`` (1-based) alone."""
    out = subprocess.run([tool("pdftotext"), "-enc", "UTF-8", "-f", str(number), "-l", str(number), str(path), "-"],
                         check=True, capture_output=True, text=True).stdout
    return squash(out)


def outline(reader: PdfReader) -> list[tuple[str, int]]:
    found = []

    def walk(items) -> None:
        for item in items:
            if isinstance(item, list):
                walk(item)
            else:
                found.append((item.title, reader.get_destination_page_number(item) + 1))

    walk(reader.outline)
    return found


def contents_links(reader: PdfReader) -> list[tuple[int, int]]:
    """(page of the link, page it goes to) for every internal link annotation."""
    named = {name: dest for name, dest in reader.named_destinations.items()}
    pages = {page.indirect_reference.idnum: n for n, page in enumerate(reader.pages, start=1)}
    links = []
    for n, page in enumerate(reader.pages, start=1):
        for annot in page.get("/Annots", []) or []:
            annot = annot.get_object()
            dest = annot.get("/Dest")
            if dest is None:
                continue
            if not isinstance(dest, list) and not hasattr(dest, "__getitem__"):
                continue
            if isinstance(dest, str) or not hasattr(dest, "__len__") or not len(dest) or isinstance(dest[0], str):
                dest = named[str(dest)]
                links.append((n, reader.get_destination_page_number(dest) + 1))
                continue
            links.append((n, pages[dest[0].idnum]))
    return links


@pytest.fixture
def long_rich(rich):
    """The rich submission with enough actions for the plan tables to run over several pages."""
    from tcdesk.model import NewAction, Pillar

    rich.new_plan.actions += [
        NewAction(ref=f"V{n:02d}", pillar=Pillar.VISIBILITY, action=f"Action number {n} " + "word " * 60,
                  owner="Head of Comms", due="2027-07")
        for n in range(10, 40)
    ]
    return rich


def test_every_bookmark_lands_on_a_page_that_shows_its_heading(long_rich, tmp_path, pm):
    path = export(long_rich, tmp_path, pm)
    reader = PdfReader(path)
    entries = outline(reader)
    assert len(entries) >= 12
    assert len({page for _, page in entries}) > 5, entries  # not all on page 1
    for title, page in entries:
        heading = title.split(": ", 1)[0] if title.startswith("Appendix") else title
        text = page_text(path, page)
        if title.startswith("Appendix"):
            continue  # checked below: appendix pages carry their own content
        assert squash(heading) in text, (title, page)


def test_every_contents_link_goes_to_the_page_its_number_names(long_rich, tmp_path, pm):
    path = export(long_rich, tmp_path, pm)
    reader = PdfReader(path)
    links = contents_links(reader)
    assert len(links) == 8 + 1 + 2  # eight questions, the sign-off, two appendices
    contents = page_text(path, links[0][0])
    targets = [target for _, target in links]
    assert targets == sorted(targets) and len(set(targets)) > 4
    for target in targets:
        assert str(target) in contents
    questions = targets[:8]
    for n, target in enumerate(questions, start=1):
        assert f"Question {n}." in page_text(path, target)
    assert "Sign-off" in page_text(path, targets[8])
    assert "Survey appendix page 1" in page_text(path, targets[9])
    assert "Minutes appendix page 1" in page_text(path, targets[10])


def test_appendices_count_in_page_x_of_y_and_are_named_by_their_title(rich, tmp_path, pm):
    from tcdesk.model import Attachment, AttachmentKind

    titled = pdf_bytes("Titled appendix")
    import io

    import pikepdf

    with pikepdf.open(io.BytesIO(titled)) as pdf:
        pdf.docinfo["/Title"] = "Staff survey 2025"
        out = io.BytesIO()
        pdf.save(out)
    rich.attachments.append(Attachment("scan-0042.pdf", AttachmentKind.APPENDIX, "application/pdf", out.getvalue()))
    path = export(rich, tmp_path, pm)
    reader = PdfReader(path)
    total = len(reader.pages)
    assert f"Page 1 of {total}" in page_text(path, 1)
    titles = [t for t, _ in outline(reader)]
    assert titles[-3:] == ["Appendix 1: survey", "Appendix 2: minutes", "Appendix 3: Staff survey 2025"]
    pages = dict(outline(reader))
    assert pages["Appendix 3: Staff survey 2025"] == total
    assert "Titled appendix page 1" in page_text(path, total)
    contents = page_text(path, 1) + page_text(path, 2)
    assert "Appendix 3: Staff survey 2025" in contents
