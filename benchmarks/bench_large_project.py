"""Peak memory (RSS) and time of a project holding ~190 MiB of attachments, just under the 200 MiB limit.

    python benchmarks/bench_large_project.py [--mib 190] [--appendices 4] [--keep DIR]

Builds a project with ``--appendices`` appendix PDFs of ``--mib`` MiB in all (each a one-page PDF
carrying incompressible data, so the file really is that large), then runs each step in a fresh
process and prints its peak resident memory (``ru_maxrss`` of that process) and wall time:

- ``open``: ``Session.open`` (what every command reading a project does);
- ``check``: ``tcdesk check FILE``;
- ``export``: ``tcdesk export FILE --to pdf`` (the appendices are merged into the PDF);
- ``editor``: the editor (offscreen) opening the file for editing, until its first check has come
  back from the checking process; the checking child's own peak is printed beside it;
- ``empty``: ``Session.open`` of an empty project, the floor every step stands on.

The ratio ``peak / content`` says how many copies of the attachments a step holds at once.

Measured on the 2-core build machine (December 2026), 190 MiB in 4 appendices, before → after (1) the
editor's copy of what it last saved shares the attachments' bytes instead of pickling them and (2) the
quick read takes each blob through SQLite's incremental I/O instead of as a column value (which SQLite
first gathers into a buffer of its own, so the largest attachment was held twice):

    open     260 MiB (1.37x) → 212 MiB (1.12x)   every attachment is still read into the submission
    check    266 MiB (1.40x) → 219 MiB (1.15x)   the same read; rules never touch the bytes
    export   672 MiB (3.54x)   unchanged: pikepdf holds each appendix and the merged PDF as well
    editor   644 MiB (3.39x) → 268 MiB (1.41x); its checking process 210 MiB, unchanged (every
             check is sent the whole submission, attachments included)

With one 190 MiB appendix (``--appendices 1``) opening took 402 MiB, now 204 MiB; through the
SQLAlchemy reader (``tcdesk.storage.store.load_project``, which projects migrated in a copy or
recovered after a crash take) 428 MiB, now 238 MiB.
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PYTHON = sys.executable
TCDESK = str(Path(sys.executable).with_name("tcdesk"))

_EDITOR = r"""
import sys, time
from PySide6.QtWidgets import QApplication
from tcdesk.session import Session
from tcdesk.ui.main_window import MainWindow
app = QApplication([])
window = MainWindow(Session())
window.show()
assert window.open_file(sys.argv[1]), "not opened"
started = time.monotonic()
while window.checker.findings == [] and time.monotonic() - started < 120:
    app.processEvents()
    time.sleep(0.01)
deadline = time.monotonic() + 1
while time.monotonic() < deadline:
    app.processEvents()
    time.sleep(0.01)
child = window.checker._process
if child is not None:  # its peak so far, from the kernel: the child is still running
    for line in open(f"/proc/{child._process.pid}/status"):
        if line.startswith("VmHWM:"):
            print("child-rss", line.split()[1], flush=True)
window.files.close()
"""


def appendix_pdf(size: int, seed: int) -> bytes:
    """A one-page PDF of about ``size`` bytes: its page carries that much random data in a stream."""
    import io

    import pikepdf

    pdf = pikepdf.new()
    pdf.add_blank_page(page_size=(595, 842))
    rng = __import__("random").Random(seed)
    pdf.pages[0].obj["/TcdeskBenchData"] = pikepdf.Stream(pdf, rng.randbytes(size))
    out = io.BytesIO()
    pdf.save(out, compress_streams=False)
    return out.getvalue()


def build(path: Path, mib: int, appendices: int) -> int:
    from tcdesk.model import Attachment, AttachmentKind, Submission
    from tcdesk.storage import ProjectStore

    each = mib * 2**20 // appendices
    sub = Submission(organisation="University of Westbridge", answers={"1": "Our technicians."})
    sub.attachments = [Attachment(f"appendix-{n}.pdf", AttachmentKind.APPENDIX, "application/pdf", appendix_pdf(each, n))
                       for n in range(appendices)]
    ProjectStore.create(path, sub).close()
    return sum(len(a.data) for a in sub.attachments)


def measure(argv: list[str], env: dict[str, str] | None = None) -> tuple[float, float, str]:
    """Peak RSS (MiB) and wall time (s) of a fresh process running ``argv``, and its output."""
    started = time.perf_counter()
    proc = subprocess.Popen(argv, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, env=env, text=True)
    out = proc.stdout.read() if proc.stdout else ""
    _, status, usage = os.wait4(proc.pid, 0)
    proc.returncode = os.waitstatus_to_exitcode(status)
    elapsed = time.perf_counter() - started
    if proc.returncode not in (0, 1):
        raise SystemExit(f"{' '.join(argv)} failed ({proc.returncode}):\n{out}")
    return usage.ru_maxrss / 1024, elapsed, out


def main() -> None:
    if sys.argv[1:2] == ["--build"]:
        print(build(Path(sys.argv[2]), int(sys.argv[3]), int(sys.argv[4])))
        return
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--mib", type=int, default=190)
    parser.add_argument("--appendices", type=int, default=4)
    parser.add_argument("--keep", type=Path, help="build the project in DIR and keep it")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="tcdesk-bench-") as tmp:
        folder = args.keep or Path(tmp)
        folder.mkdir(parents=True, exist_ok=True)
        path, empty = folder / "large.tcdesk", folder / "empty.tcdesk"
        for each in (path, empty):
            each.unlink(missing_ok=True)
        # Built in a process of its own: a child forked from a process holding the attachments
        # would start with that process's resident memory counted as its own.
        content = int(subprocess.run([PYTHON, __file__, "--build", str(path), str(args.mib), str(args.appendices)],
                                     check=True, capture_output=True, text=True).stdout)
        subprocess.run([PYTHON, __file__, "--build", str(empty), "1", "1"], check=True, capture_output=True)
        print(f"project: {content / 2**20:.0f} MiB of attachments in {args.appendices} appendices; "
              f"file {path.stat().st_size / 2**20:.0f} MiB")
        env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "TCDESK_CONFIG_DIR": str(Path(tmp) / "config"),
               "TCDESK_DATA_DIR": str(Path(tmp) / "data"), "TCDESK_CACHE_DIR": str(Path(tmp) / "cache")}
        opening = [PYTHON, "-c", "import sys; from tcdesk.session import Session; Session.open(sys.argv[1])"]
        steps = [
            ("empty", [*opening, str(empty)]),
            ("open", [*opening, str(path)]),
            ("check", [TCDESK, "check", str(path)]),
            ("export", [TCDESK, "export", str(path), "--to", "pdf", "--out", str(folder / "large.pdf")]),
            ("editor", [PYTHON, "-c", _EDITOR, str(path)]),
        ]
        print(f"{'step':<8} {'peak RSS':>10} {'x content':>10} {'time':>8}")
        for name, argv in steps:
            rss, elapsed, out = measure(argv, env)
            extra = ""
            for line in out.splitlines():
                if line.startswith("child-rss "):
                    extra = f"   (checking process: {int(line.split()[1]) / 1024:,.0f} MiB)"
            print(f"{name:<8} {rss:>7,.0f} MiB {rss * 2**20 / content:>9.2f}x {elapsed:>7.1f}s{extra}", flush=True)
        (folder / "large.pdf").unlink(missing_ok=True)


if __name__ == "__main__":
    main()
