"""Size and start-up time of the frozen Linux bundle (targets: < 200 MB unpacked, window < 2 s).

Usage::

    .venv/bin/python benchmarks/bench_bundle.py [--dist dist] [--build] [--runs 5]

Builds with packaging/build_linux.sh when ``DIST/tcdesk`` is missing (or with ``--build``), then
prints the unpacked size, the tarball size, and the time from starting the program to the editor's
window being shown.  "Cold" runs first evict every file of the bundle from the page cache
(``posix_fadvise(DONTNEED)``, no root needed), as after a reboot; "warm" runs follow at once.
The window-shown moment is the line the editor prints with ``TCDESK_REPORT_STARTUP=1`` (after
``show()``, on the first turn of the event loop); the clock starts before the process is spawned,
so the bootloader and unpacking are included.  Runs offscreen, and on a private Xvfb display when
Xvfb is installed.
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SHOWN = "window shown after"


def tree_size(folder: Path) -> tuple[int, int, int]:
    """``(apparent bytes, bytes on disk, file count)`` of everything under ``folder``."""
    apparent = on_disk = count = 0
    for path in folder.rglob("*"):
        if path.is_file() and not path.is_symlink():
            st = path.stat()
            apparent += st.st_size
            on_disk += st.st_blocks * 512
            count += 1
    return apparent, on_disk, count


def evict(folder: Path) -> None:
    """Drop the bundle's files from the page cache so the next start reads them from disk."""
    for path in folder.rglob("*"):
        if path.is_file() and not path.is_symlink():
            fd = os.open(path, os.O_RDONLY)
            try:
                os.fsync(fd)
                os.posix_fadvise(fd, 0, 0, os.POSIX_FADV_DONTNEED)
            finally:
                os.close(fd)


def time_to_window(exe: Path, env: dict[str, str]) -> float:
    """Seconds from spawning the editor to its window-shown line; the editor is then stopped."""
    start = time.perf_counter()
    proc = subprocess.Popen(
        [str(exe), "open"], stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True, env=env,
    )
    try:
        assert proc.stdout is not None
        for line in proc.stdout:
            if SHOWN in line:
                return time.perf_counter() - start
        raise RuntimeError(f"the editor exited ({proc.wait()}) without showing its window")
    finally:
        proc.terminate()
        try:
            proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()


@contextmanager
def xvfb_display() -> Iterator[str]:
    """A private X server for the duration of the block; yields its DISPLAY value."""
    read_fd, write_fd = os.pipe()
    server = subprocess.Popen(
        ["Xvfb", "-displayfd", str(write_fd), "-screen", "0", "1280x800x24", "-nolisten", "tcp"],
        pass_fds=(write_fd,), stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
    )
    os.close(write_fd)
    try:
        with os.fdopen(read_fd) as pipe:
            number = pipe.readline().strip()
        if not number:
            raise RuntimeError("Xvfb did not start")
        yield f":{number}"
    finally:
        server.terminate()
        server.wait()


def measure(
    exe: Path, runs: int, platform: str, display: str | None = None
) -> tuple[list[float], list[float]]:
    cold, warm = [], []
    with tempfile.TemporaryDirectory() as home:
        env = {k: v for k, v in os.environ.items() if not k.startswith(("PYTHON", "VIRTUAL_ENV"))}
        env.update(HOME=home, XDG_CONFIG_HOME=f"{home}/.config", XDG_DATA_HOME=f"{home}/.local/share",
                   XDG_RUNTIME_DIR=home, TCDESK_REPORT_STARTUP="1")
        env["QT_QPA_PLATFORM"] = platform
        if display:
            env["DISPLAY"] = display
        for _ in range(runs):
            evict(exe.parent)
            cold.append(time_to_window(exe, env))
            warm.append(time_to_window(exe, env))
    return cold, warm


def fmt(values: list[float]) -> str:
    return f"median {statistics.median(values):.3f} s (min {min(values):.3f}, max {max(values):.3f}, n={len(values)})"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--dist", type=Path, default=ROOT / "dist", help="folder holding tcdesk/ and the tarball")
    parser.add_argument("--build", action="store_true", help="rebuild even if a bundle exists")
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args(argv)
    bundle = args.dist / "tcdesk"
    if args.build or not (bundle / "tcdesk").exists():
        why = "--build given" if args.build else f"no bundle in {bundle}"
        print(f"building the bundle first ({why}; about a minute, packaging/build_linux.sh)…", flush=True)
        build_started = time.perf_counter()
        subprocess.run(["bash", str(ROOT / "packaging" / "build_linux.sh")], check=True,
                       env={**os.environ, "TCDESK_DIST": str(args.dist)})
        print(f"build (spec + tarball):       {time.perf_counter() - build_started:.1f} s")
    exe = bundle / "tcdesk"

    apparent, on_disk, count = tree_size(bundle)
    print(f"bundle unpacked:              {apparent / 1e6:.1f} MB ({on_disk / 2**20:.1f} MiB on disk, {count} files)"
          "  target < 200 MB")
    for tarball in sorted(args.dist.glob("tcdesk-*-linux-*.tar.gz")):
        print(f"tarball {tarball.name}: {tarball.stat().st_size / 1e6:.1f} MB")

    started = time.perf_counter()
    subprocess.run([str(exe), "--version"], check=True, capture_output=True)
    print(f"tcdesk --version (warm):      {time.perf_counter() - started:.3f} s")

    cold, warm = measure(exe, args.runs, "offscreen")
    print(f"window shown, offscreen cold: {fmt(cold)}  target < 2 s")
    print(f"window shown, offscreen warm: {fmt(warm)}")
    if shutil.which("Xvfb"):
        with xvfb_display() as display:
            cold, warm = measure(exe, args.runs, "xcb", display)
        print(f"window shown, Xvfb cold:      {fmt(cold)}")
        print(f"window shown, Xvfb warm:      {fmt(warm)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
