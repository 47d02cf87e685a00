"""Checking many files: the plain per-file function, and --jobs giving exactly the serial results in order."""

from __future__ import annotations

import os
import pickle
import signal
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest

from synthetic import make_synthetic
from tcdesk import batch, interchange
from tcdesk.hookspecs import hookimpl
from tcdesk.report import FileResult
from tcdesk.session import Session

TODAY = ["--today", "2026-11-23"]


def _files(folder: Path) -> list[str]:
    """Clean, warning-only, error and unreadable files, in an order where slow ones come first."""
    paths = []
    for i in range(9):
        sub = make_synthetic(120 if i == 0 else 16, answer_words=250, seed=i)
        if i % 3 == 1:
            sub.new_plan.actions[0].owner = ""  # a warning
            # A placeholder left in the answer: a warning (TC103) that quotes the answer's words.
            sub.answers["2"] += f"\n\nFigures for site {i}: TBC"
        if i % 3 == 2:
            sub.organisation = ""  # an error
        path = folder / f"f{i}.tcdesk.json"
        interchange.write(sub, path)
        paths.append(str(path))
    (folder / "broken.tcdesk.json").write_text("{", encoding="utf-8")
    paths.insert(4, str(folder / "broken.tcdesk.json"))
    paths.insert(6, str(folder / "missing.tcdesk.json"))
    return paths


def _tcdesk(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "tcdesk.cli", "check", *args, *TODAY], capture_output=True, text=True, timeout=300)


@pytest.mark.slow
@pytest.mark.parametrize("fmt", ["text", "json", "sarif"])
def test_jobs_give_the_serial_output_and_exit_code(tmp_path, fmt):
    paths = _files(tmp_path)
    serial = _tcdesk(*paths, "--format", fmt)
    parallel = _tcdesk(*paths, "--format", fmt, "--jobs", "3")
    assert serial.returncode == parallel.returncode == 2  # an unreadable file wins over error findings
    assert parallel.stdout == serial.stdout
    assert parallel.stderr == serial.stderr
    assert "broken.tcdesk.json" in serial.stderr and "missing.tcdesk.json" in serial.stderr


@pytest.mark.slow
@pytest.mark.parametrize("drop, code", [({"broken", "missing", "f2", "f5", "f8"}, 0), ({"broken", "missing"}, 1)])
def test_jobs_keep_the_exit_codes(tmp_path, drop, code):
    paths = [p for p in _files(tmp_path) if Path(p).name.split(".")[0] not in drop]
    assert _tcdesk(*paths, "--jobs", "2").returncode == _tcdesk(*paths).returncode == code


def test_outcomes_come_in_input_order_though_the_first_file_is_slowest(tmp_path):
    paths = _files(tmp_path)
    outcomes = list(batch.check_files(paths, batch.CheckOptions(), jobs=2, session=Session()))
    assert [o.path for o in outcomes] == paths
    assert [o.result is None for o in outcomes] == [p.endswith(("broken.tcdesk.json", "missing.tcdesk.json")) for p in paths]
    serial = list(batch.check_files(paths, batch.CheckOptions(), jobs=1, session=Session()))
    assert [(o.result and o.result.findings, o.error) for o in outcomes] == [(o.result and o.result.findings, o.error) for o in serial]


def _which_process(path, options, session=None):
    time.sleep(0.05)  # long enough that both workers get files
    return FileResult(f"{path} {os.getpid()}", ())


def test_jobs_run_in_that_many_other_processes(tmp_path, monkeypatch):
    monkeypatch.setattr(batch, "check_file", _which_process)
    paths = [str(tmp_path / f"f{i}.tcdesk.json") for i in range(24)]
    outcomes = list(batch.check_files(paths, jobs=2, session=Session()))
    pids = {int(o.result.file.split()[1]) for o in outcomes}
    assert len(pids) == 2 and os.getpid() not in pids
    assert [o.result.file.split()[0] for o in outcomes] == paths


def test_check_file_is_a_plain_function_with_a_small_picklable_result(tmp_path):
    sub = make_synthetic(16, answer_words=250)
    sub.answers["2"] += "\n\nStaff numbers: TBC"  # a placeholder left in the answer, which TC103 reports
    sub.new_plan.actions[0].owner = ""
    path = tmp_path / "a.tcdesk.json"
    interchange.write(sub, path)
    options = batch.CheckOptions(select=("TC1", "TC5"))
    result = batch.check_file(path, options)
    session = Session(sub)
    assert list(result.findings) == session.check(select=["TC1", "TC5"])
    assert {q for q, t in result.submission.answers.items() if t} == {"2"}  # only the answer the findings quote
    assert pickle.loads(pickle.dumps(result)) == result


def test_unreadable_file_is_an_outcome_not_an_exception(tmp_path):
    (tmp_path / "bad.tcdesk.json").write_text("[]", encoding="utf-8")
    [outcome] = batch.check_files([tmp_path / "bad.tcdesk.json"], session=Session())
    assert outcome.result is None and "bad.tcdesk.json" in outcome.error and "$" in outcome.error


@pytest.mark.parametrize("value", ["-1", "two"])
def test_bad_jobs_is_a_usage_error(tmp_path, value):
    done = _tcdesk(str(tmp_path / "a.tcdesk.json"), "--jobs", value)
    assert done.returncode == 2 and "--jobs" in done.stderr


def test_the_concurrent_futures_example_in_the_docs_runs(tmp_path):
    """docs/checking.md's review.py, as printed there, over a clean, an erroneous and an unreadable file."""
    import re

    docs = Path(__file__).resolve().parents[1] / "docs" / "checking.md"
    script = re.search(r"```python\n(# review\.py.*?)```", docs.read_text(encoding="utf-8"), re.S).group(1)
    (tmp_path / "review.py").write_text(script, encoding="utf-8")
    paths = _files(tmp_path)
    chosen = [paths[0], paths[2], paths[4]]  # clean, one with errors, broken
    done = subprocess.run([sys.executable, "review.py", *chosen], cwd=tmp_path, capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, done.stderr
    serial = {o.path: o for o in batch.check_files(chosen, session=Session())}
    expected = []
    for path in chosen:
        outcome = serial[path]
        if outcome.result is None:
            expected.append(f"{path}: not read: {outcome.error}")
        else:
            expected.append(f"{path}: {sum(f.severity == 'error' for f in outcome.result.findings)} errors")
    assert done.stdout.splitlines() == expected
    assert "not read" in expected[2] and expected[1] != f"{chosen[1]}: 0 errors"


class _Crashing:
    """An importer that kills its process, as a C library crashing on a hostile file would."""

    name, label, suffixes = "crash", "Crashing files", (".crash",)

    def load(self, path, options=None):
        os.kill(os.getpid(), signal.SIGKILL)


class _CrashPlugin:
    @hookimpl
    def register_importers(self):
        return [_Crashing()]


def test_a_file_that_kills_its_worker_is_one_error_and_every_other_file_is_checked(tmp_path, pm):
    pm.register(_CrashPlugin(), name="crashing")
    paths = _files(tmp_path)
    crash = tmp_path / "hostile.crash"
    crash.write_text("anything")
    paths[3:3] = [str(crash)]
    outcomes: list[batch.Outcome] = []
    worker = threading.Thread(target=lambda: outcomes.extend(batch.check_files(paths, jobs=2, session=Session(pm=pm))), daemon=True)
    worker.start()
    worker.join(120)
    assert not worker.is_alive(), "the batch waited for ever on the file whose worker died"
    assert [o.path for o in outcomes] == paths
    crashed = outcomes[3]
    assert crashed.result is None and crashed.error == f"{crash}: {batch.CRASHED}"
    others = [o for o in outcomes if o is not crashed]
    serial = list(batch.check_files([o.path for o in others], jobs=1, session=Session()))
    assert [(o.result and o.result.findings, o.error) for o in others] == [(o.result and o.result.findings, o.error) for o in serial]
