"""Slow paths found with hostile input, timed at growing sizes so the growth is visible.

    python benchmarks/bench_hostile.py [--quick]

Prints, for each path, the time at two sizes and the ratio of times to the ratio of sizes (linear
when about 1; quadratic when about the size ratio):

- PDF export of one long paragraph (plain words) and of ``*a`` repeated (one fragment per letter);
- PDF export of one long plan cell;
- PDF import of a many-page text PDF (40 lines a page; 500 pages is the import limit);
- reading Word's lists out of pasted HTML whose paragraphs are never closed (each unclosed
  paragraph was matched up to the end of the text: 20,000 of them took 30 s; now 0.01 s).

Measured on the 2-core build machine (November 2026), before → after the fixes: one 400,000-character
paragraph 45.1 s → 1.1 s; ``*a`` × 50,000 27.6 s → 4.9 s; an 80,000-character plan cell 5.3 s → 1.3 s;
500 full PDF pages imported 12.9 s → 5.0 s.
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tests" / "fuzz"))


def _paragraph(chars: int):
    from tcdesk.model import Submission

    words = ["lorem", "ipsum", "dolor", "sit", "amet,", "consectetur", "adipiscing", "elit.", ""]
    text = " ".join(words[i % len(words)] for i in range(chars // 6))
    return Submission(organisation="Bench", answers={"1": text})


def _stars(pairs: int):
    from tcdesk.model import Submission

    return Submission(organisation="Bench", answers={"1": "*a" * pairs})


def _cell(chars: int):
    from tcdesk.model import NewAction, Submission

    sub = Submission(organisation="Bench")
    sub.new_plan.actions.append(NewAction(ref="N1", action="word " * (chars // 5)))
    return sub


def _export(sub) -> float:
    from tcdesk.export import pdf

    started = time.perf_counter()
    pdf.render(sub)
    return time.perf_counter() - started


def _pdf_import(pages: int) -> float:
    import tempfile

    import generators

    from tcdesk.plugins.import_pdf import PdfImporter

    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "many.pdf"
        path.write_bytes(generators._simple_pdf(pages=pages, text="A line of body text with several words on it", lines=40))
        started = time.perf_counter()
        PdfImporter().load(path)
        return time.perf_counter() - started


def _word_paste(paragraphs: int) -> float:
    """Reading Word's lists out of clipboard HTML whose paragraphs are never closed."""
    from tcdesk.ui.word_lists import word_lists_as_html_lists

    html = "<p style='mso-list:l0 level1 lfo1'>item " * paragraphs
    started = time.perf_counter()
    word_lists_as_html_lists(html)
    return time.perf_counter() - started


def row(name: str, small: int, large: int, timer) -> None:
    a, b = timer(small), timer(large)
    ratio = (b / a) / (large / small)
    print(f"{name:38} {small:>8,} {a:7.2f} s {large:>9,} {b:7.2f} s   growth/size {ratio:4.2f}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="smaller sizes (a smoke run)")
    args = parser.parse_args()
    scale = 4 if args.quick else 1
    from tcdesk.export import pdf
    from tcdesk.model import Submission

    pdf.render(Submission(organisation="warm-up"))  # fonts and imports are not what is timed
    print(f"{'path':38} {'size':>8} {'time':>9} {'size':>9} {'time':>9}")
    row("PDF export, one paragraph (chars)", 100_000 // scale, 400_000 // scale, lambda n: _export(_paragraph(n)))
    row("PDF export, '*a' repeated (pairs)", 12_500 // scale, 50_000 // scale, lambda n: _export(_stars(n)))
    row("PDF export, one plan cell (chars)", 20_000 // scale, 80_000 // scale, lambda n: _export(_cell(n)))
    row("PDF import (pages)", 125 // scale, 500 // scale, _pdf_import)
    row("Word list paste, unclosed <p>", 50_000 // scale, 200_000 // scale, _word_paste)


if __name__ == "__main__":
    main()
