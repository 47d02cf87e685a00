"""A reviewer's batch: many Kent-size submissions (JSON, DOCX, PDF mixed) checked with ``--jobs``.

    python benchmarks/bench_batch.py [--count 120] [--jobs 2] [--kinds json,docx,pdf] [--serial] [--strict] [--read-text]

Builds ``--distinct`` Kent-size submissions per format (the JSON, DOCX and PDF files are different
submissions), and links ``--count`` paths to them, the formats in turn. Then times ``tcdesk check --jobs N`` over all of them as one
process tree, sampling the memory (RSS) of the whole tree as it runs, and compares with what a
user would do instead: the same files with ``--jobs 1``, and one ``tcdesk check`` per file (timed
on a sample and scaled). Target: 1,000 files on 2 cores ≤ 30 s with flat memory.

The DOCX and PDF files tcdesk exports carry the submission they show, and are checked from it while
unchanged. ``--read-text`` checks their text instead, as for documents another program made (or a
tcdesk export edited afterwards): the figure for a batch of such files. Each batch is then checked a
second time, as a reviewer does after changing a rule pack: what was read from a document's text is
read back from the per-user cache (``tcdesk.import_cache``).
"""

from __future__ import annotations

import argparse
import os
import resource
import shutil
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from process_timing import compile_bytecode, load_note, tcdesk_command

from synthetic import make_kent_size

TARGET_SECONDS, TARGET_COUNT = 30.0, 1000
DISABLE_CACHE = "TCDESK_NO_CACHE"
# Distinct submissions per format; the rest are links to them. The rules keep per-process caches of
# answer texts (word counts: 256 entries); each file's twin comes back only after 3 × 40 other
# submissions (~960 answers), so no file is checked from a cache its twin warmed.
DISTINCT = 40


def tree_rss(pid: int) -> int:
    """Resident memory of ``pid`` and all its descendants, in bytes (Linux /proc)."""
    total, todo = 0, [pid]
    while todo:
        current = todo.pop()
        try:
            status = Path(f"/proc/{current}/status").read_text()
            total += int(next(line.split()[1] for line in status.splitlines() if line.startswith("VmRSS:"))) * 1024
            for task in Path(f"/proc/{current}/task").iterdir():
                todo += [int(c) for c in (task / "children").read_text().split()]
        except (OSError, StopIteration, ValueError):
            continue
    return total


def children_cpu() -> float:
    """CPU seconds (user + system) of every finished child and grandchild so far."""
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def run_sampled(command: list[str]) -> tuple[float, list[tuple[float, int]], int, float]:
    """Wall time, (elapsed, tree RSS) samples every 0.25 s, the exit status of ``command`` and the CPU
    seconds of its whole process tree (pool workers included: the pool waits for them)."""
    samples: list[tuple[float, int]] = []
    cpu_before = children_cpu()
    started = time.perf_counter()
    with subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE) as proc:
        def sample() -> None:
            while proc.poll() is None:
                samples.append((time.perf_counter() - started, tree_rss(proc.pid)))
                time.sleep(0.25)

        sampler = threading.Thread(target=sample, daemon=True)
        sampler.start()
        _, err = proc.communicate()
        sampler.join()
    if proc.returncode not in (0, 1):
        raise SystemExit(f"tcdesk check failed ({proc.returncode}): {err.decode()[-800:]}")
    return time.perf_counter() - started, samples, proc.returncode, children_cpu() - cpu_before


def forget_readings() -> None:
    """Empty the cache of documents read from their text (the rule packs' stays warm, as for a user)."""
    from tcdesk.parse_cache import cache_dir

    shutil.rmtree(cache_dir() / "imports", ignore_errors=True)


def build_files(folder: Path, count: int, kinds: list[str], distinct: int = DISTINCT) -> list[str]:
    from tcdesk.pluginmanager import get_plugin_manager
    from tcdesk.session import Session

    pm = get_plugin_manager(load_entry_points=False)
    sources: dict[str, list[Path]] = {kind: [] for kind in kinds}
    for n, kind in enumerate(kinds):
        for k in range(distinct):
            # Each format's files are other submissions than the other formats' (seeds apart).
            seed = n * distinct + k
            session = Session(make_kent_size(seed=seed), pm=pm)
            path = folder / "sources" / f"kent-{seed}.{'tcdesk.json' if kind == 'json' else kind}"
            path.parent.mkdir(exist_ok=True)
            if kind == "json":
                session.save(path)
            else:
                session.export(kind, path)
            sources[kind].append(path)
    paths = []
    for i in range(count):
        kind = kinds[i % len(kinds)]
        source = sources[kind][(i // len(kinds)) % distinct]
        link = folder / "batch" / f"{i:04d}-{source.name}"
        link.parent.mkdir(exist_ok=True)
        os.link(source, link)
        paths.append(str(link))
    return paths


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--count", type=int, default=120, help=f"files (default 120; the target is for {TARGET_COUNT}, scaled)")
    parser.add_argument("--jobs", type=int, default=2)
    parser.add_argument("--kinds", default="json,docx,pdf", help="formats, in turn (default json,docx,pdf)")
    parser.add_argument("--serial", action="store_true", help="also time --jobs 1 over every file (slow)")
    parser.add_argument("--strict", action="store_true", help="exit 1 when a target is missed")
    parser.add_argument("--distinct", type=int, default=DISTINCT,
                        help=f"distinct submissions per format (default {DISTINCT})")
    parser.add_argument("--read-text", action="store_true",
                        help="check the DOCX and PDF files' text, not the data tcdesk's exports carry")
    args = parser.parse_args(argv)
    kinds = args.kinds.split(",")
    check = ("check", "--format", "json", *(["--read-text"] if args.read_text else []))
    compile_bytecode()
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        env_cache = {"XDG_CACHE_HOME": str(folder / "cache")}
        os.environ.update(env_cache)
        paths = build_files(folder, args.count, kinds, args.distinct)
        read = "their text read (--read-text)" if args.read_text else "tcdesk's exports, read from the data they carry"
        print(f"{args.count} Kent-size files ({', '.join(kinds)} in turn; {read}), {os.cpu_count()} CPUs; {load_note()}")
        # The first check reads every file, as it would 1,000 different submissions: the batch repeats
        # its files (links), whose readings the cache would otherwise hand back.
        os.environ[DISABLE_CACHE] = "1"
        wall, samples, _, cpu = run_sampled(tcdesk_command(*check, "--jobs", str(args.jobs), *paths))
        del os.environ[DISABLE_CACHE]
        rss = [r for _, r in samples] or [0]
        quarter = [r for t, r in samples if t <= wall / 4] or rss
        print(f"tcdesk check --jobs {args.jobs}: {wall:.1f} s ({wall / args.count * 1000:.1f} ms a file); "
              f"memory of the process tree: {max(quarter) / 2**20:.0f} MiB peak in the first quarter, "
              f"{max(rss) / 2**20:.0f} MiB peak overall, {rss[-1] / 2**20:.0f} MiB at the end")
        scaled = wall * TARGET_COUNT / args.count
        print(f"  scaled to {TARGET_COUNT} files: {scaled:.1f} s (target ≤ {TARGET_SECONDS:.0f} s: "
              f"{'ok' if scaled <= TARGET_SECONDS else 'MISSED'})")
        # On a machine shared with other work the wall time says little; the CPU time of the process
        # tree hardly depends on the load, and on `jobs` idle cores it would take CPU / jobs.
        idle = cpu / args.jobs * TARGET_COUNT / args.count
        print(f"  CPU of the process tree: {cpu:.1f} s ({cpu / args.count * 1000:.0f} ms a file); on {args.jobs} idle "
              f"cores {TARGET_COUNT} files would take about {idle:.1f} s ({'ok' if idle <= TARGET_SECONDS else 'MISSED'})")
        # A reviewer checks the same files again (another rule pack, --select, one more file): what
        # was read from a document's text the first time is read back from the cache.
        fill, _, _, fill_cpu = run_sampled(tcdesk_command(*check, "--jobs", str(args.jobs), *paths))
        print(f"  the same check keeping its readings: {fill:.1f} s, CPU {fill_cpu:.1f} s "
              f"(each of the {len(kinds) * min(args.distinct, args.count)} distinct files read once at most)")
        again, _, _, again_cpu = run_sampled(tcdesk_command(*check, "--jobs", str(args.jobs), *paths))
        again_idle = again_cpu / args.jobs * TARGET_COUNT / args.count
        print(f"  the same files checked again: {again:.1f} s ({again / args.count * 1000:.1f} ms a file), CPU {again_cpu:.1f} s; "
              f"{TARGET_COUNT} files on {args.jobs} idle cores: about {again_idle:.1f} s "
              f"({'ok' if again_idle <= TARGET_SECONDS else 'MISSED'}); ratio to the first check: {again / wall:.2f}")
        for kind in kinds:
            forget_readings()  # the figures below are of reading each file
            some = [p for p in paths if p.endswith(kind if kind != "json" else ".tcdesk.json")][:6]
            one, _, _, one_cpu = run_sampled(tcdesk_command(*check, "--jobs", "1", *some))
            print(f"  {kind}: {one / len(some) * 1000:.0f} ms a file in one serial process, {one_cpu / len(some) * 1000:.0f} ms "
                  f"of CPU ({len(some)} files, start-up included)")
        if args.serial:
            forget_readings()
            serial, _, _, _ = run_sampled(tcdesk_command(*check, "--jobs", "1", *paths))
            print(f"tcdesk check --jobs 1: {serial:.1f} s; ratio --jobs {args.jobs} / --jobs 1: {wall / serial:.2f}")
        sample = paths[: 3 * len(kinds)]
        forget_readings()
        started = time.perf_counter()
        for path in sample:
            subprocess.run(tcdesk_command(*check, path), capture_output=True)
        per_file = (time.perf_counter() - started) / len(sample)
        print(f"instead, one tcdesk check process per file: {per_file:.2f} s a file (sample of {len(sample)}), "
              f"{per_file * args.count:.0f} s for {args.count}; ratio: {wall / (per_file * args.count):.2f}")
        return 1 if args.strict and scaled > TARGET_SECONDS else 0


if __name__ == "__main__":
    sys.exit(main())
