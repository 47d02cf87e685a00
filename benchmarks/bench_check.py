"""``tcdesk check`` of one Kent-size submission as a whole process, and what a 7× larger plan adds.

    python benchmarks/bench_check.py [--runs 7] [--instructions]

Kent-size: 71 previous and 13 new actions, ~135 KB of text, as ``.tcdesk.json``. Targets: ≤ 0.20 s,
and the 7× plan (497 previous, 91 new actions) ≤ 0.05 s more. What a user would run instead is a
general prose linter over the same text: proselint (``pip install proselint``; the ratio is left
out when it is not installed). The first, untimed run fills the rule-pack cache, as any earlier
check on that machine would have. ``--instructions`` also counts the instructions each check
executes (needs valgrind): the figure to compare before and after a change on a shared machine.
"""

from __future__ import annotations

import argparse
import os
import shutil
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from process_timing import compile_bytecode, count_instructions, load_note, tcdesk_command, time_command

from synthetic import make_kent_size

TARGET, GROWTH = 0.20, 0.05


def plain_text(sub) -> str:
    """Every answer and action text of ``sub``, what a prose linter would be given."""
    from tcdesk.model import NEW_TEXT_FIELDS, PREVIOUS_TEXT_FIELDS

    parts = list(sub.answers.values())
    parts += [getattr(a, f) for a in sub.previous_plan.actions for f in PREVIOUS_TEXT_FIELDS]
    parts += [getattr(a, f) for a in sub.new_plan.actions for f in NEW_TEXT_FIELDS]
    return "\n\n".join(p for p in parts if p)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=7)
    parser.add_argument("--strict", action="store_true", help="exit 1 when a target is missed")
    parser.add_argument("--instructions", action="store_true", help="also count instructions executed (needs valgrind; slow)")
    args = parser.parse_args(argv)
    from tcdesk import interchange

    compile_bytecode()
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        env = {**os.environ, "XDG_CACHE_HOME": str(folder / "cache")}  # a cache of its own, filled by the warm-up run
        kent, large = make_kent_size(), make_kent_size(scale=7)
        paths = {}
        for name, sub in (("kent", kent), ("kent-x7", large)):
            paths[name] = folder / f"{name}.tcdesk.json"
            interchange.write(sub, paths[name])
        (folder / "kent.txt").write_text(plain_text(kent), encoding="utf-8")
        print(f"{load_note()}")
        small = time_command(tcdesk_command("check", str(paths["kent"]), "--format", "json"), args.runs, env)
        big = time_command(tcdesk_command("check", str(paths["kent-x7"]), "--format", "json"), args.runs, env)
        print(f"tcdesk check Kent-size (84 actions):  {small}  (target ≤ {TARGET} s: {'ok' if small.wall <= TARGET else 'MISSED'})")
        print(f"tcdesk check 7× plan (588 actions):   {big}")
        growth = big.wall - small.wall
        print(f"7× plan adds: wall {growth * 1000:+.0f} ms, CPU {(big.cpu - small.cpu) * 1000:+.0f} ms "
              f"(target ≤ {GROWTH * 1000:.0f} ms: {'ok' if growth <= GROWTH else 'MISSED'})")
        if args.instructions:
            counts = [count_instructions(tcdesk_command("check", str(paths[name]), "--format", "json"), env) for name in paths]
            if None in counts:
                print("instructions: valgrind is not installed (apt-get install valgrind)")
            else:
                print(f"instructions executed: Kent-size {counts[0] / 1e6:.0f} M, 7× plan {counts[1] / 1e6:.0f} M "
                      f"(+{(counts[1] - counts[0]) / 1e6:.0f} M)")
        proselint = shutil.which("proselint", path=str(Path(sys.executable).parent) + os.pathsep + os.environ.get("PATH", ""))
        if proselint:
            other = time_command([proselint, "check", str(folder / "kent.txt")], args.runs, env, ok=(0, 1, 2))
            print(f"proselint check, same text:           {other}")
            print(f"ratio tcdesk / proselint: wall {small.wall / other.wall:.2f}, CPU {small.cpu / other.cpu:.2f}")
        else:
            print("proselint is not installed (pip install proselint): no ratio")
        return 1 if args.strict and not (small.wall <= TARGET and growth <= GROWTH) else 0


if __name__ == "__main__":
    sys.exit(main())
