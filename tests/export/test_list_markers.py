"""Every list item shows its number or bullet in the PDF and the Word file, whatever it starts with.

An item that is empty or starts with a nested list ("0. 1986." is item 0 holding a list from 1986),
code or a table used to lose its marker: the PDF and the Word file showed neither "0." nor "1986."."""

from __future__ import annotations

import re
import subprocess
from pathlib import Path

from hypothesis import example, given, settings
from hypothesis import strategies as st

from tcdesk.export import markdown as md
from tcdesk.model import Submission
from tcdesk.session import Session

BULLETS = "•◦▪"
TOKEN = re.compile(rf"\d+\.|[{BULLETS}]|w\d+")


def _expected(blocks: list[md.Block]) -> list[str]:
    """Markers and words in reading order, as the parsed answer has them."""
    out: list[str] = []
    for block in blocks:
        if isinstance(block, md.ListBlock):
            for n, item in enumerate(block.items, start=block.start):
                out.append(f"{n}." if block.ordered else "•")
                out += _expected(item)
        elif isinstance(block, md.Paragraph):
            out += TOKEN.findall(" ".join(run.text for run in block.runs))
        elif isinstance(block, md.CodeBlock):
            out += TOKEN.findall(block.text)
    return out


def _shown(text: str) -> list[str]:
    between = text[text.index("STARTX") + 6: text.index("ENDX")]
    return ["•" if t in BULLETS else t for t in TOKEN.findall(between)]


def _exported(answer: str, folder: Path) -> dict[str, str]:
    session = Session(Submission(organisation="University of Northmoor", answers={"1": f"STARTX\n\n{answer}\n\nENDX"}))
    pdf = session.export("pdf", folder / "a.pdf")
    docx = session.export("docx", folder / "a.docx")
    # -layout: line by line, as the page reads (without it, a column of bullets comes out before its words)
    pdf_text = subprocess.run(["pdftotext", "-layout", "-enc", "UTF-8", str(pdf), "-"], capture_output=True, text=True, check=True,
                              timeout=120).stdout
    subprocess.run(["soffice", "--headless", f"-env:UserInstallation=file://{folder}/lo", "--convert-to",
                    "txt:Text (encoded):UTF8", str(docx), "--outdir", str(folder)], capture_output=True, check=True,
                   timeout=180)
    return {"pdf": pdf_text, "docx": (folder / "a.txt").read_text(encoding="utf-8")}


def test_an_item_holding_a_list_shows_both_numbers(tmp_path):
    answer = "0. 1986.\n1. w1\n\n- - w2\n  - w3\n- ```\n  w4\n  ```\n\n1. 2. w5"
    shown = _exported(answer, tmp_path)
    want = ["0.", "1986.", "1.", "w1", "•", "•", "w2", "•", "w3", "•", "w4", "1.", "2.", "w5"]
    assert _expected(md.parse(answer)) == want
    for kind, text in shown.items():
        assert _shown(text) == want, kind


def _lists(depth: int = 0) -> st.SearchStrategy[str]:
    """Markdown lists whose items are empty, words, or start with another list."""
    words = st.integers(1, 99).map(lambda n: f"w{n}")
    child = words if depth >= 2 else st.one_of(words, st.just(""), st.deferred(lambda: _lists(depth + 1)))

    @st.composite
    def build(draw) -> str:
        ordered = draw(st.booleans())
        start = draw(st.integers(0, 2000))
        lines = []
        for i, content in enumerate(draw(st.lists(child, min_size=1, max_size=3))):
            marker = f"{start + i}." if ordered else "-"
            pad = " " * (len(marker) + 1)
            first, *rest = content.split("\n")
            lines.append(f"{marker} {first}".rstrip())
            lines += [pad + line if line else "" for line in rest]
        return "\n".join(lines)

    return build()


@settings(max_examples=8)
@given(answer=_lists())
@example(answer="1544.\n1545. - - w1\n        - w1\n        - w1\n      - - w1")  # markers of three levels in a row
def test_every_marker_of_any_list_is_shown(tmp_path_factory, answer):
    want = _expected(md.parse(answer))
    for kind, text in _exported(answer, tmp_path_factory.mktemp("lists")).items():
        assert _shown(text) == want, (kind, answer)
