"""Helpers for export tests: sample files, reading exports back with real tools."""

from __future__ import annotations

import io
import re
import shutil
import subprocess
from pathlib import Path

import pytest

from tcdesk.export.document import format_date
from tcdesk.export.markdown import Paragraph, parse, plain_text
from tcdesk.model import Submission
from tcdesk.template import load_template

EXAMPLES = Path(__file__).resolve().parents[2] / "examples"
NASTY = "x<y & z </para> <b>unclosed \x07bell"
LONG_WORD = "W" * 20_000


def png_bytes(width: int = 120, height: int = 60) -> bytes:
    from PIL import Image

    out = io.BytesIO()
    Image.new("RGB", (width, height), "#336699").save(out, format="PNG")
    return out.getvalue()


def pdf_bytes(marker: str, pages: int = 1) -> bytes:
    from reportlab.pdfgen.canvas import Canvas

    out = io.BytesIO()
    canvas = Canvas(out, invariant=1)
    for n in range(pages):
        canvas.drawString(72, 720, f"{marker} page {n + 1}")
        canvas.showPage()
    canvas.save()
    return out.getvalue()


def example_files() -> list[Path]:
    return sorted(EXAMPLES.glob("*.tcdesk.json"))


def squash(text: str) -> str:
    """Whitespace folded, so words wrapped onto new lines or cells still compare."""
    return re.sub(r"\s+", " ", text).strip()


def question_texts(sub: Submission) -> list[str]:
    """The official wording of every question as a reader sees it (links shown as their text)."""
    template = load_template(sub.template)
    return [squash(" ".join(plain_text(b.runs) for b in parse(q.text) if isinstance(b, Paragraph)))
            for q in template.questions]


def expected_strings(sub: Submission) -> list[str]:
    """What must be readable in any export: question texts, refs, names and dates."""
    out = question_texts(sub)
    out += [a.ref for a in sub.previous_plan.actions if a.ref] + [a.ref for a in sub.new_plan.actions if a.ref]
    out += [lead.name for lead in sub.leads if lead.name]
    for s in (sub.signoff.lead, sub.signoff.leader):
        out += [x for x in (s.name, format_date(s.date)) if x]
    return [squash(x) for x in out]


def pdftotext(path: Path) -> str:
    return subprocess.run(["pdftotext", "-enc", "UTF-8", str(path), "-"], check=True, capture_output=True,
                          text=True).stdout


def tool(name: str) -> str:
    found = shutil.which(name)
    if found is None:
        pytest.skip(f"{name} is not installed")
    return found
