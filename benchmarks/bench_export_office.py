"""PDF and DOCX export of a Kent-size submission as whole processes, against LibreOffice's DOCX→PDF.

What a user would run instead of ``tcdesk export --to pdf`` is their word processor's "save as PDF"
of the Word document: here ``soffice --headless --convert-to pdf`` of the DOCX tcdesk wrote, timed
in the same run so machine load affects both alike.

    python benchmarks/bench_export_office.py [--runs 5] [--scale 1] [--only docx|pdf]

Targets: PDF ≤ 0.3 × LibreOffice (median wall and CPU), DOCX ≤ 0.5 s. Needs LibreOffice
(``apt-get install libreoffice-writer-nogui``), except with ``--only docx``, which times the DOCX
export alone (no PDF, no LibreOffice; the same run as ``bench_docx.py``). ``--only pdf``
times the PDF export alone, for comparing changes to it; it prints no ratio, which only a run
that also times LibreOffice gives.
"""

from __future__ import annotations

import argparse
import shutil
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from bench_docx import DOCX_SECONDS
from bench_docx import main as docx_alone
from process_timing import compile_bytecode, load_note, tcdesk_command, time_command

from synthetic import make_kent_size

PDF_RATIO = 0.3


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--scale", type=int, default=1, help="multiply both plans (default 1: 71 previous, 13 new)")
    parser.add_argument("--strict", action="store_true", help="exit 1 when a target is missed")
    parser.add_argument("--only", choices=("docx", "pdf"), help="time only this export (no LibreOffice, no ratio)")
    args = parser.parse_args(argv)
    if args.only == "docx":
        return docx_alone(["--runs", str(args.runs), "--scale", str(args.scale), *(["--strict"] if args.strict else [])])
    soffice = shutil.which("soffice") or shutil.which("libreoffice")
    if soffice is None and args.only is None:
        raise SystemExit("LibreOffice (soffice) is not installed: apt-get install libreoffice-writer-nogui")
    from tcdesk import interchange

    compile_bytecode()
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        source = folder / "kent.tcdesk.json"
        interchange.write(make_kent_size(scale=args.scale), source)
        docx, pdf, office_out = folder / "kent.docx", folder / "kent.pdf", folder / "office"
        if args.only == "pdf":
            pdf_time = time_command(tcdesk_command("export", str(source), "--to", "pdf", "--out", str(pdf)), args.runs, ok=(0,))
            print(f"Kent-size submission ×{args.scale}; {load_note()}")
            print(f"tcdesk export --to pdf:         {pdf_time}")
            return 0
        docx_time = time_command(tcdesk_command("export", str(source), "--to", "docx", "--out", str(docx)), args.runs, ok=(0,))
        docx_ok = docx_time.wall <= DOCX_SECONDS
        pdf_time = time_command(tcdesk_command("export", str(source), "--to", "pdf", "--out", str(pdf)), args.runs, ok=(0,))
        office = [soffice, f"-env:UserInstallation=file://{folder / 'lo-profile'}", "--headless",
                  "--convert-to", "pdf", "--outdir", str(office_out), str(docx)]
        office_time = time_command(office, args.runs, ok=(0,))  # the untimed first run creates the profile
        if not (office_out / "kent.pdf").is_file():
            raise SystemExit("LibreOffice wrote no PDF")
        from pypdf import PdfReader

        pages, office_pages = len(PdfReader(pdf).pages), len(PdfReader(office_out / "kent.pdf").pages)
        print(f"Kent-size submission ×{args.scale}: tcdesk PDF {pages} pages, LibreOffice PDF {office_pages} pages; {load_note()}")
        print(f"tcdesk export --to docx:        {docx_time}  (target ≤ {DOCX_SECONDS} s: {'ok' if docx_ok else 'MISSED'})")
        print(f"tcdesk export --to pdf:         {pdf_time}")
        print(f"soffice --convert-to pdf DOCX:  {office_time}")
        wall_ratio, cpu_ratio = pdf_time.wall / office_time.wall, pdf_time.cpu / office_time.cpu
        ok = wall_ratio <= PDF_RATIO
        print(f"PDF ratio tcdesk / LibreOffice: wall {wall_ratio:.2f}, CPU {cpu_ratio:.2f} (target ≤ {PDF_RATIO}: {'ok' if ok else 'MISSED'})")
        return 1 if args.strict and not (ok and docx_ok) else 0


if __name__ == "__main__":
    sys.exit(main())
