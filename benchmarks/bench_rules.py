"""How fast the whole rule set runs: real-size and large submissions, growth with size, whole process.

Run: ``python benchmarks/bench_rules.py``. Targets: real size (70 actions, ~120 KB) < 20 ms,
500 actions < 100 ms, ``tcdesk check`` of one file as a process < 0.3 s.
"""

from __future__ import annotations

import copy
import statistics
import sys
import tempfile
import time
from datetime import date
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from process_timing import compile_bytecode, load_note, tcdesk_command, time_command

from synthetic import make_real_size, make_synthetic, text_size
from tcdesk import interchange
from tcdesk.pluginmanager import get_plugin_manager
from tcdesk.rules.engine import build_rule_set

TODAY = date(2026, 11, 23)


def _time(fn, repeat: int) -> tuple[float, float, float]:
    """(first run, median of the following runs, median CPU time of those runs) in milliseconds.

    CPU time counts every thread of this process (the rules run in a worker thread) and hardly
    moves when other programs share the machine.
    """
    started = time.perf_counter()
    fn()
    first = (time.perf_counter() - started) * 1000
    runs, cpu = [], []
    for _ in range(repeat):
        started, cpu_started = time.perf_counter(), time.process_time()
        fn()
        runs.append((time.perf_counter() - started) * 1000)
        cpu.append((time.process_time() - cpu_started) * 1000)
    return first, statistics.median(runs), statistics.median(cpu)


def _edited(sub, n: int):
    """A copy with one answer changed, as after a pause in typing (so text caches miss once)."""
    other = copy.deepcopy(sub)
    other.answers["4"] += f" Edit {n}."
    return other


def bench_in_process() -> None:
    rule_set = build_rule_set(get_plugin_manager(load_entry_points=False), include_user_rules=False)
    cases = [("real size", make_real_size())] + [(f"{n} actions", make_synthetic(n, answer_words=2000)) for n in (50, 500, 5000)]
    print(f"{'submission':<14} {'text KB':>8} {'first ms':>9} {'median ms':>10} {'after an edit ms':>17} {'(CPU ms)':>9}")
    for label, sub in cases:
        repeat = 5 if len(sub.previous_plan.actions) > 1000 else 20
        first, median, _ = _time(lambda sub=sub: rule_set.check(sub, TODAY), repeat)
        edits = [_edited(sub, i) for i in range(repeat)]
        it = iter(edits)
        _, edit_median, edit_cpu = _time(lambda it=it: rule_set.check(next(it), TODAY), repeat - 1)
        findings = rule_set.check(sub, TODAY)
        print(f"{label:<14} {text_size(sub) / 1000:>8.0f} {first:>9.1f} {median:>10.1f} {edit_median:>17.1f} {edit_cpu:>9.1f}"
              + (f"   ({len(findings)} findings)" if findings else ""))


def bench_process(runs: int = 9) -> None:
    """Wall-clock and CPU time of ``tcdesk check`` as a process, as an installed app runs it (byte code compiled)."""
    compile_bytecode()
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "real.tcdesk.json"
        interchange.write(make_real_size(), path)
        timing = time_command(tcdesk_command("check", str(path), "--today", TODAY.isoformat()), runs)
        print(f"tcdesk check, one real-size file, whole process: {timing}; {load_note()}")


if __name__ == "__main__":
    bench_in_process()
    bench_process()
