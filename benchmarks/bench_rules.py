"""How fast the whole rule set runs: real-size and large submissions, growth with size, whole process.

Run: ``python benchmarks/bench_rules.py``. Targets: real size (70 actions, ~120 KB) < 20 ms,
500 actions < 100 ms, ``tcdesk check`` of one file as a process < 0.3 s.
"""

from __future__ import annotations

import copy
import statistics
import subprocess
import sys
import tempfile
import time
from datetime import date
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from synthetic import make_real_size, make_synthetic, text_size  # noqa: E402

from tcdesk import interchange  # noqa: E402
from tcdesk.pluginmanager import get_plugin_manager  # noqa: E402
from tcdesk.rules.engine import build_rule_set  # noqa: E402

TODAY = date(2026, 11, 23)


def _time(fn, repeat: int) -> tuple[float, float]:
    """(first run, median of the following runs) in milliseconds."""
    started = time.perf_counter()
    fn()
    first = (time.perf_counter() - started) * 1000
    runs = []
    for _ in range(repeat):
        started = time.perf_counter()
        fn()
        runs.append((time.perf_counter() - started) * 1000)
    return first, statistics.median(runs)


def _edited(sub, n: int):
    """A copy with one answer changed, as after a pause in typing (so text caches miss once)."""
    other = copy.deepcopy(sub)
    other.answers["4"] += f" Edit {n}."
    return other


def bench_in_process() -> None:
    rule_set = build_rule_set(get_plugin_manager(load_entry_points=False), include_user_rules=False)
    cases = [("real size", make_real_size())] + [(f"{n} actions", make_synthetic(n, answer_words=2000)) for n in (50, 500, 5000)]
    print(f"{'submission':<14} {'text KB':>8} {'first ms':>9} {'median ms':>10} {'after an edit ms':>17}")
    for label, sub in cases:
        repeat = 5 if len(sub.previous_plan.actions) > 1000 else 20
        first, median = _time(lambda: rule_set.check(sub, TODAY), repeat)
        edits = [_edited(sub, i) for i in range(repeat)]
        it = iter(edits)
        _, edit_median = _time(lambda: rule_set.check(next(it), TODAY), repeat - 1)
        findings = rule_set.check(sub, TODAY)
        print(f"{label:<14} {text_size(sub) / 1000:>8.0f} {first:>9.1f} {median:>10.1f} {edit_median:>17.1f}"
              + (f"   ({len(findings)} findings)" if findings else ""))


def bench_process(runs: int = 7) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "real.tcdesk.json"
        interchange.write(make_real_size(), path)
        times = []
        for _ in range(runs):
            started = time.perf_counter()
            done = subprocess.run([sys.executable, "-m", "tcdesk.cli", "check", str(path), "--today", TODAY.isoformat()],
                                  capture_output=True, text=True)
            times.append(time.perf_counter() - started)
            if done.returncode not in (0, 1):
                raise SystemExit(done.stderr)
        print(f"tcdesk check, one real-size file, whole process: median {statistics.median(times):.3f} s "
              f"(min {min(times):.3f} s, {runs} runs)")


if __name__ == "__main__":
    bench_in_process()
    bench_process()
