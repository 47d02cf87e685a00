"""Whether checking stays linear: 1,000 to 100,000 actions, the rule set alone and ``tcdesk check`` as a process.

Run: ``python benchmarks/bench_check_scaling.py [MAX_ACTIONS]``. First the CPU time of the rule set
(the submission built in memory), per 1,000 actions, with the slowest rules; then ``tcdesk check``
of an interchange file as a whole process (reading, validating, checking, printing). The growth
ratio from each size to the next is about 10 for ten times the actions when time is linear.
Targets: growth ≤ 12 per tenfold; 100,000 actions checked by the process in under 20 s of CPU.
"""

from __future__ import annotations

import resource
import subprocess
import sys
import tempfile
import time
from datetime import date
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from synthetic import make_synthetic, text_size
from tcdesk import interchange
from tcdesk.pluginmanager import get_plugin_manager
from tcdesk.rules.context import CheckContext
from tcdesk.rules.engine import build_rule_set

TODAY = date(2026, 11, 23)


def per_rule(rule_set, sub) -> list[tuple[float, str]]:
    """CPU seconds of each rule on a fresh context (shared text is derived once, by the first rule that asks)."""
    ctx = CheckContext(sub, TODAY, rule_set.data)
    spent = []
    for rule in rule_set.rules:
        started = time.process_time()
        list(rule.check(ctx, rule) or ())
        spent.append((time.process_time() - started, rule.code))
    return sorted(spent, reverse=True)


def bench_process(sizes: list[int]) -> None:
    """CPU time (user + system) of ``tcdesk check FILE`` as a child process, per size."""
    print(f"\n{'actions':>8} {'file MB':>8} {'process CPU s':>14} {'s per 1,000':>12} {'growth':>7}  (tcdesk check as a process)")
    previous = None
    with tempfile.TemporaryDirectory() as tmp:
        for n in sizes:
            path = Path(tmp) / f"{n}.tcdesk.json"
            interchange.write(make_synthetic(n, answer_words=200), path)
            before = resource.getrusage(resource.RUSAGE_CHILDREN)
            done = subprocess.run([sys.executable, "-m", "tcdesk.cli", "check", "--today", TODAY.isoformat(), str(path)], capture_output=True, text=True)
            after = resource.getrusage(resource.RUSAGE_CHILDREN)
            if done.returncode not in (0, 1):
                raise SystemExit(done.stderr)
            cpu = after.ru_utime - before.ru_utime + after.ru_stime - before.ru_stime
            growth = f"{cpu / previous:.1f}" if previous else "-"
            print(f"{n:>8,} {path.stat().st_size / 1e6:>8.1f} {cpu:>14.2f} {cpu / n * 1000:>12.3f} {growth:>7}")
            previous = cpu


def main(largest: int = 100_000) -> None:
    rule_set = build_rule_set(get_plugin_manager(load_entry_points=False), include_user_rules=False)
    sizes = [n for n in (1_000, 10_000, 100_000) if n <= largest]
    print(f"{'actions':>8} {'text MB':>8} {'check CPU s':>12} {'s per 1,000':>12} {'growth':>7}  slowest rules (CPU s)")
    previous = None
    for n in sizes:
        sub = make_synthetic(n, answer_words=200)
        started = time.process_time()
        rule_set.check(sub, TODAY)
        total = time.process_time() - started
        slowest = ", ".join(f"{code} {s:.2f}" for s, code in per_rule(rule_set, sub)[:3])
        growth = f"{total / previous:.1f}" if previous else "-"
        print(f"{n:>8,} {text_size(sub) / 1e6:>8.1f} {total:>12.2f} {total / n * 1000:>12.3f} {growth:>7}  {slowest}")
        previous = total
    bench_process(sizes)


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 100_000)
