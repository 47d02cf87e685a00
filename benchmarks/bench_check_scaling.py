"""Whether checking stays linear: the whole rule set on 1,000 to 100,000 actions, per rule and in total.

Run: ``python benchmarks/bench_check_scaling.py [MAX_ACTIONS]``. Prints CPU time of the rule set
(the submission is built in memory, so reading files is not counted), time per 1,000 actions, the
slowest rules, and the growth ratio from each size to the next: about 10 for ten times the actions
is linear. Target: 100,000 actions checked in under 10 s of CPU, growth ≤ 12 per tenfold.
"""

from __future__ import annotations

import sys
import time
from datetime import date
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from synthetic import make_synthetic, text_size
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


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 100_000)
