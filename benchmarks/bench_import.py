"""Import timings: 70-action Word documents (target < 2 s), a PDF export, and a 500-action workbook.

Run: ``python benchmarks/bench_import.py`` (prints seconds per import, best of 3).

tcdesk's own DOCX and PDF exports carry the submission they show and are read from that data while
unchanged; each is also timed read from its text (``READ_TEXT``), as a document another program
made would be.
"""

from __future__ import annotations

import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from synthetic import make_synthetic
from tcdesk.export.base import READ_TEXT
from tcdesk.pluginmanager import get_plugin_manager
from tcdesk.session import Session


def best_of(n: int, job) -> float:
    times = []
    for _ in range(n):
        start = time.perf_counter()
        job()
        times.append(time.perf_counter() - start)
    return min(times)


def workbook(path: Path, n: int) -> Path:
    import openpyxl
    from openpyxl.styles import PatternFill

    wb = openpyxl.Workbook()
    ws = wb.active
    ws.append(["Ref", "Action", "Collaborators", "Success measures", "Progress", "TCR", "RAG"])
    fills = [PatternFill("solid", fgColor=c) for c in ("FF0000", "FFC000", "00B050")]
    for i in range(n):
        ws.append([f"{'VRCS'[i % 4]}{i // 4 + 1:02d}", f"Action {i} " * 8, "Head of Technical Services",
                   "Measured by survey " * 5, "Progress so far " * 10, "R2 R11", ""])
        ws.cell(row=i + 2, column=7).fill = fills[i % 3]
    wb.save(path)
    return path


def main() -> None:
    pm = get_plugin_manager(load_entry_points=False)
    session = Session(make_synthetic(n_actions=140, answer_words=2000, seed=0), pm=pm)
    n_prev = len(session.submission.previous_plan.actions)
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        docx = session.export("docx", folder / "plan.docx")
        pdf = session.export("pdf", folder / "plan.pdf")
        xlsx = workbook(folder / "plan.xlsx", 500)
        from tests.importers.kent import KENT, kent_docx

        jobs = [("DOCX of the Kent renewal, 71 actions, page-break rows", kent_docx(folder / "kent.docx"))] if KENT.exists() else []
        importer = Session(pm=pm)
        n_new = len(session.submission.new_plan.actions)
        for label, path, options in (*[(label, path, None) for label, path in jobs],
                                     (f"DOCX, {n_prev} previous + {n_new} new actions, its carried data", docx, None),
                                     ("the same DOCX, its text", docx, READ_TEXT),
                                     ("the same as PDF, its carried data", pdf, None),
                                     ("the same PDF, its text", pdf, READ_TEXT),
                                     ("XLSX, 500 actions", xlsx, None)):
            importer.import_file(path, options)  # warm caches (templates, lazy imports)
            seconds = best_of(3, lambda p=path, o=options: importer.import_file(p, o))
            print(f"import {label}: {seconds:.3f} s ({path.stat().st_size // 1024} KiB)")


if __name__ == "__main__":
    main()
