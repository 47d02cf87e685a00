"""Project-file speed and size for a 500-action submission: save (new file, re-save, autosave) and open.

Run: ``.venv/bin/python benchmarks/bench_storage.py [--actions 500] [--runs 9] [--figure-mb 2]``.
Prints the median of several runs of each step; the target is < 200 ms for opening and saving. The
last step is a fresh Python process opening the project, typing a word and saving (what a command
that saves, or the editor's start, pays): its CPU time, the minimum over the runs, so a busy machine
inflates it little; a current project needs no SQLAlchemy for it.
"""

from __future__ import annotations

import argparse
import copy
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from synthetic import make_synthetic, text_size
from tcdesk.model import Attachment, AttachmentKind, Submission
from tcdesk.storage import ProjectStore, load_project, save_project

TARGET_MS = 200.0


def median_ms(step: Callable[[int], object], runs: int, prepare: Callable[[int], object] | None = None) -> float:
    """Median wall time of ``step(i)`` over ``runs`` runs; ``prepare(i)`` runs untimed before each."""
    times = []
    for i in range(runs):
        if prepare is not None:
            prepare(i)
        start = time.perf_counter()
        step(i)
        times.append((time.perf_counter() - start) * 1000)
    return statistics.median(times)


def run(n_actions: int, runs: int, figure_mb: float) -> list[tuple[str, float]]:
    sub = make_synthetic(n_actions=n_actions)
    if figure_mb:
        blob = bytes(range(256)) * int(figure_mb * 4096)
        sub.attachments.append(Attachment("figure-1.png", AttachmentKind.FIGURE, "image/png", blob))
    print(f"submission: {len(sub.previous_plan.actions)} previous + {len(sub.new_plan.actions)} new actions, "
          f"{text_size(sub) / 1000:.0f} k characters of text, "
          f"{sum(len(a.data) for a in sub.attachments) / 1e6:.1f} MB of attachments")
    figures: list[tuple[str, float]] = []
    with tempfile.TemporaryDirectory(prefix="tcdesk-bench-") as tmp:
        folder = Path(tmp)
        figures.append(("save to a new file (save_project)", median_ms(
            lambda i: save_project(sub, folder / f"new-{i}.tcdesk"), runs)))
        path = folder / "project.tcdesk"
        save_project(sub, path)
        other = make_synthetic(n_actions=n_actions, seed=1)
        other.attachments = list(sub.attachments)
        states = [other, sub]
        figures.append(("re-save, all content changed (save_project)", median_ms(
            lambda i: save_project(states[i % 2], path), runs)))
        figures.append(("open (load_project)", median_ms(lambda i: load_project(path), runs)))

        store_box: list[ProjectStore] = []
        figures.append(("open for editing (ProjectStore.open + load)", median_ms(
            lambda i: store_box.append(_open_and_load(path)), runs, prepare=lambda i: _close_all(store_box))))
        _close_all(store_box)

        with ProjectStore.open(path) as store:
            draft = store.load()
            figures.append(("autosave, nothing changed", median_ms(lambda i: store.save(draft), runs)))
            edited = copy.deepcopy(draft)

            def type_a_word(i: int) -> None:
                edited.answers["3"] += f" word{i}"
                store.save(edited)

            figures.append(("autosave after typing in one answer", median_ms(type_a_word, runs)))

            def edit_an_action(i: int) -> None:
                edited.previous_plan.actions[i].progress += " Updated."
                store.save(edited)

            figures.append(("autosave after editing one action", median_ms(edit_an_action, runs)))
        figures.append(("fresh process: open, type, save (CPU, min)", fresh_process_cpu_ms(path, runs)))
        size = path.stat().st_size
    figures.append(("file size (KB)", size / 1024))
    return figures


_FRESH = """
import sys
from tcdesk.storage import ProjectStore
with ProjectStore.open(sys.argv[1]) as store:
    sub = store.load()
    sub.answers["1"] += " typed"
    store.save(sub)
"""


def fresh_process_cpu_ms(path: Path, runs: int) -> float:
    """The least CPU time (user + system) a new interpreter spends opening ``path``, editing and saving it."""
    times = []
    for _ in range(runs):
        before = resource.getrusage(resource.RUSAGE_CHILDREN)
        subprocess.run([sys.executable, "-c", _FRESH, str(path)], check=True)
        after = resource.getrusage(resource.RUSAGE_CHILDREN)
        times.append((after.ru_utime - before.ru_utime + after.ru_stime - before.ru_stime) * 1000)
    return min(times)


def _open_and_load(path: Path) -> ProjectStore:
    store = ProjectStore.open(path)
    store.load()
    return store


def _close_all(stores: list[ProjectStore]) -> None:
    while stores:
        stores.pop().close()


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--actions", type=int, default=500)
    parser.add_argument("--runs", type=int, default=9)
    parser.add_argument("--figure-mb", type=float, default=2.0, help="size of one figure attachment (0 for none)")
    args = parser.parse_args(argv)
    Submission()  # warm imports so the first timed run measures storage, not module loading
    failed = False
    for label, value in run(args.actions, args.runs, args.figure_mb):
        if label.startswith("file size"):
            print(f"{label:48} {value:10.0f}")
            continue
        verdict = "ok" if value < TARGET_MS else f"SLOWER than {TARGET_MS:.0f} ms"
        failed |= value >= TARGET_MS
        print(f"{label:48} {value:8.1f} ms  {verdict}")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
