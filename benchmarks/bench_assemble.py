"""The shared back half of reading a DOCX or PDF from its text: paragraphs and tables to a submission.

    python benchmarks/bench_assemble.py [--distinct 6] [--rounds 7]

Builds ``--distinct`` different Kent-size submissions (71 previous and 13 new actions), exports each
as DOCX and PDF, reads every file's blocks once (the readers are timed elsewhere: bench_import.py,
bench_batch.py --read-text), then times ``assemble`` alone: CPU per file, the minimum over
``--rounds`` rounds, each round going through all the files in turn so that no file is assembled
from caches its own previous round warmed. Prints the figure per format and its share of the
~60 ms of CPU a file that 1,000 files on 2 cores in 30 s allow.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from synthetic import make_kent_size
from tcdesk.importers.assemble import assemble
from tcdesk.importers.blocks import Block
from tcdesk.importers.docx_reader import read_docx
from tcdesk.importers.pdf_reader import read_pdf
from tcdesk.importers.safety import Deadline
from tcdesk.session import Session

BUDGET_MS = 60.0  # CPU a file for 1,000 files on 2 cores in 30 s


def cpu_per_file(files: list[tuple[Path, list[Block]]], rounds: int) -> float:
    best = float("inf")
    for _ in range(rounds):
        start = time.process_time()
        for path, blocks in files:
            assemble(blocks, path, None)
        best = min(best, (time.process_time() - start) / len(files))
    return best * 1000


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--distinct", type=int, default=6)
    parser.add_argument("--rounds", type=int, default=7)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        docx: list[tuple[Path, list[Block]]] = []
        pdf: list[tuple[Path, list[Block]]] = []
        for seed in range(args.distinct):
            session = Session(make_kent_size(seed=seed))
            d, p = Path(tmp, f"kent-{seed}.docx"), Path(tmp, f"kent-{seed}.pdf")
            session.export("docx", d)
            session.export("pdf", p)
            docx.append((d, list(read_docx(d))))
            pdf.append((p, list(read_pdf(p, Deadline(p)))))
        for label, files in (("DOCX", docx), ("PDF", pdf)):
            ms = cpu_per_file(files, args.rounds)
            blocks = sum(len(b) for _, b in files) // len(files)
            print(f"assemble, Kent-size {label} ({blocks} blocks): {ms:.1f} ms of CPU a file "
                  f"({ms / BUDGET_MS:.0%} of the {BUDGET_MS:.0f} ms a file of the batch target)")


if __name__ == "__main__":
    main()
