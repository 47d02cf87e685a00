"""DOCX export of a Kent-size submission as whole processes, without LibreOffice.

The same ``tcdesk export FILE --to docx`` line as ``bench_export_office.py``, on its own: a quick
check of the DOCX target while working on the exporter. On a shared machine compare the least CPU
time (user + system time of the process, which other load hardly changes) before and after a
change, or the instructions executed (``--instructions``, needs valgrind), which load does not
change at all.

    python benchmarks/bench_docx.py [--runs 7] [--scale 1] [--strict] [--instructions]

Target: ≤ 0.5 s wall for the Kent-size submission (71 previous and 13 new actions).
"""

from __future__ import annotations

import argparse
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from process_timing import compile_bytecode, count_instructions, load_note, tcdesk_command, time_command

from synthetic import make_kent_size

DOCX_SECONDS = 0.5


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=7)
    parser.add_argument("--scale", type=int, default=1, help="multiply both plans (default 1: 71 previous, 13 new)")
    parser.add_argument("--strict", action="store_true", help="exit 1 when the target is missed")
    parser.add_argument("--instructions", action="store_true", help="also count instructions executed (needs valgrind; slow)")
    args = parser.parse_args(argv)
    from tcdesk import interchange

    compile_bytecode()
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        source = folder / "kent.tcdesk.json"
        interchange.write(make_kent_size(scale=args.scale), source)
        out = folder / "kent.docx"
        command = tcdesk_command("export", str(source), "--to", "docx", "--out", str(out))
        timing = time_command(command, args.runs, ok=(0,))
        ok = timing.wall <= DOCX_SECONDS
        print(f"Kent-size submission ×{args.scale}, {out.stat().st_size / 1024:.0f} KiB DOCX; {load_note()}")
        print(f"tcdesk export --to docx:  {timing}  (target ≤ {DOCX_SECONDS} s: {'ok' if ok else 'MISSED'})")
        if args.instructions:
            count = count_instructions(command)
            print(f"instructions: {count:,}" if count is not None else "instructions: valgrind is not installed")
        return 1 if args.strict and not ok else 0


if __name__ == "__main__":
    sys.exit(main())
