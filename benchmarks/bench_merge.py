"""Three-way merge and diff of a 500-action submission, as File → Merge a contribution… runs them.

Run: ``.venv/bin/python benchmarks/bench_merge.py [--actions 500] [--runs 7]``.
Prints the median of several runs; the target is < 200 ms, so merging feels instant in the editor.
"""

from __future__ import annotations

import argparse
import copy
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from synthetic import make_synthetic
from tcdesk import interchange
from tcdesk.diff import diff
from tcdesk.merge import merge
from tcdesk.model import Rag

TARGET_MS = 200.0


def median_ms(step, runs: int) -> float:
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        step()
        times.append((time.perf_counter() - start) * 1000)
    return statistics.median(times)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--actions", type=int, default=500)
    parser.add_argument("--runs", type=int, default=7)
    args = parser.parse_args(argv)
    base = make_synthetic(args.actions)
    mine, theirs = copy.deepcopy(base), copy.deepcopy(base)
    # A working group's week: one person rewrites two answers and rates the plan, another edits the new plan.
    mine.answers["4"] += "\n\nA new paragraph."
    mine.answers["7"] = mine.answers["7"].upper()
    for action in mine.previous_plan.actions[::3]:
        action.rag = Rag.GREEN
    for action in theirs.new_plan.actions[::2]:
        action.owner = "Head of Technical Services"
    theirs.new_plan.actions.reverse()
    conflicted = copy.deepcopy(theirs)
    conflicted.answers["4"] = "Their answer."
    # The same contributions as .tcdesk.json files edited by hand without action ids (paired by content).
    without_ids = [_without_ids(s) for s in (base, mine, theirs)]
    rows = [
        ("merge, no conflicts", median_ms(lambda: merge(base, mine, theirs), args.runs)),
        ("merge, one conflict", median_ms(lambda: merge(base, mine, conflicted), args.runs)),
        ("merge, files without ids", median_ms(lambda: merge(*without_ids), args.runs)),
        ("diff base → mine", median_ms(lambda: diff(base, mine), args.runs)),
    ]
    print(f"submission: {len(base.previous_plan.actions)} previous + {len(base.new_plan.actions)} new actions")
    for label, ms in rows:
        verdict = "ok" if ms < TARGET_MS else f"SLOWER than {TARGET_MS:.0f} ms"
        print(f"{label:<28}{ms:>9.1f} ms  {verdict}")
    return 0


def _without_ids(sub):
    data = interchange.to_dict(sub)
    for plan in ("previous_plan", "new_plan"):
        for action in data[plan]["actions"]:
            del action["id"]
    return interchange.from_dict(data)


if __name__ == "__main__":
    sys.exit(main())
