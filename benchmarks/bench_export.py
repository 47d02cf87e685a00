"""Export timings: the real-size (70-action) and 500-action synthetic submissions to DOCX, PDF and HTML.

Targets: real size < 1 s for each format, 500 actions < 5 s. Prints the best of a few runs, after a
warm-up run that pays for imports and font loading once.

    python benchmarks/bench_export.py [--repeat 3]
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from synthetic import make_real_size, make_synthetic
from tcdesk.pluginmanager import get_plugin_manager
from tcdesk.session import Session

TARGETS = {"real size (70 actions)": 1.0, "synthetic (500 actions)": 5.0}


def best_time(session: Session, fmt: str, folder: Path, repeat: int) -> tuple[float, int]:
    target = folder / f"bench.{fmt}"
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        session.export(fmt, target)
        times.append(time.perf_counter() - start)
    return min(times), target.stat().st_size


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args(argv)
    pm = get_plugin_manager(load_entry_points=False)
    cases = {"real size (70 actions)": make_real_size(), "synthetic (500 actions)": make_synthetic(500)}
    failed = False
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        warm = Session(make_synthetic(8, answer_words=50), pm=pm)
        for fmt in ("docx", "pdf", "html"):
            warm.export(fmt, folder / f"warm.{fmt}")
        for label, sub in cases.items():
            session = Session(sub, pm=pm)
            for fmt in ("docx", "pdf", "html"):
                seconds, size = best_time(session, fmt, folder, args.repeat)
                ok = seconds < TARGETS[label]
                failed |= not ok
                print(f"{label:<24} {fmt:<4} {seconds:6.3f} s  {size / 1024:8.0f} KiB  "
                      f"(target < {TARGETS[label]:.0f} s: {'ok' if ok else 'MISSED'})")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
