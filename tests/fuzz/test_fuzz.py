"""Hostile and mutated files thrown at every entry point: import, check, convert, export and opening.

Each batch runs in a child process limited to 1 GiB of address space, each case to 10 s. For every
case: exit 0, 1 or 2; an exit 2 is one line naming the file; never a traceback; the input is
byte-identical afterwards; nothing new appears beside it (outputs go to a separate folder).
"""

from __future__ import annotations

import hashlib
import json
import random
import resource
import subprocess
import sys
from pathlib import Path

import generators as gen
import pytest

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent.parent
MEMORY_LIMIT = 2**30
CASE_SECONDS = 10
MUTANTS_PER_SEED = 4


def _limits() -> None:
    resource.setrlimit(resource.RLIMIT_AS, (MEMORY_LIMIT, MEMORY_LIMIT))


@pytest.fixture(scope="session")
def seeds(tmp_path_factory) -> dict[str, Path]:
    """Valid files of every format, written by tcdesk itself from the example draft."""
    from tcdesk import interchange
    from tcdesk.session import Session

    folder = tmp_path_factory.mktemp("seeds")
    sub = interchange.read(ROOT / "examples" / "northmoor-draft.tcdesk.json")
    session = Session(sub)
    out = {"json": folder / "seed.tcdesk.json", "project": folder / "seed.tcdesk"}
    session.save(out["json"])
    session.save(out["project"])
    for fmt in ("docx", "pdf"):
        out[fmt] = folder / f"seed.{fmt}"
        session.export(fmt, out[fmt])
    out["xlsx"] = folder / "seed.xlsx"
    out["xlsx"].write_bytes(gen._xlsx_seed())
    return out


def _fingerprint(folder: Path) -> dict[str, str]:
    return {p.name: hashlib.sha256(p.read_bytes()).hexdigest() for p in sorted(folder.iterdir()) if p.is_file()}


def _entry_points(path: Path, out: Path, exports: tuple[str, ...], convert: bool) -> list[list[str]]:
    stem = path.name.replace(".", "_")
    cases = [
        ["check", str(path)],
        ["import", str(path), str(out / f"{stem}.tcdesk")],
        ["load", str(path)],
    ]
    if convert:
        cases.append(["convert", str(path), str(out / f"{stem}.tcdesk.json")])
    cases += [["export", str(path), "--to", fmt, "--out", str(out / f"{stem}.{fmt}")] for fmt in exports]
    return cases


def run_batch(files: list[Path], tmp_path: Path, exports: tuple[str, ...] = ("docx",), convert: bool = True) -> list[dict]:
    """Every entry point on every file, in one limited child process; checks the files are untouched."""
    out = tmp_path / "out"
    out.mkdir()
    before = {f.parent: _fingerprint(f.parent) for f in files}
    cases = [case for f in files for case in _entry_points(f, out, exports, convert)]
    (tmp_path / "cases.json").write_text(json.dumps(cases))
    results_file = tmp_path / "results.jsonl"
    done = subprocess.run(
        [sys.executable, str(HERE / "driver.py"), str(tmp_path / "cases.json"), str(results_file)],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        timeout=CASE_SECONDS * len(cases) + 30,
        preexec_fn=_limits,
        env={**_env(), "QT_QPA_PLATFORM": "offscreen"},
    )
    results = [json.loads(line) for line in results_file.read_text().splitlines()] if results_file.exists() else []
    assert len(results) == len(cases), f"the batch died after {len(results)} of {len(cases)} cases " \
        f"(next: {cases[len(results)]}): {done.stderr[-2000:]}"
    for folder, fingerprint in before.items():
        assert _fingerprint(folder) == fingerprint, f"files in {folder} were changed or added"
    for r in results:
        check_outcome(r)
    return results


def _env() -> dict[str, str]:
    import os

    return {k: v for k, v in os.environ.items() if not k.startswith("PYTEST")}


def check_outcome(r: dict) -> None:
    what = " ".join(r["argv"])
    assert r["rc"] in (0, 1, 2), f"{what}: {r['rc']} {r.get('traceback', '')[-3000:]}"
    assert "Traceback" not in r["stderr"], f"{what}: {r['stderr']}"
    assert r["seconds"] <= CASE_SECONDS, what
    if r["rc"] == 2:
        errors = [line for line in r["stderr"].splitlines() if line.startswith("tcdesk: error:")]
        assert len(errors) == 1, f"{what}: {r['stderr']!r}"
        assert len(r["stderr"].strip().splitlines()) == 1, f"{what}: {r['stderr']!r}"
        named = [a for a in r["argv"][1:] if not a.startswith("-")]
        assert any(a in errors[0] for a in named), f"{what}: the error names no file: {errors[0]}"


def _build(names: list[str], folder: Path) -> list[Path]:
    out = []
    for name in names:
        sub = folder / name
        sub.mkdir()
        out.append(gen.STANDALONE[name](sub))
    return out


# --- the classes of the audit, one batch per family (so two workers share them) ---------------------

OFFICE = [n for n in gen.STANDALONE if n.startswith(("docx_", "xlsx_"))]
TEXT = [n for n in gen.STANDALONE if n.startswith(("csv_", "json_"))]
PDF = [n for n in gen.STANDALONE if n.startswith("pdf_")]


@pytest.mark.parametrize("family", [OFFICE, TEXT, PDF], ids=["office", "csv-json", "pdf"])
def test_hostile_files_at_every_entry_point(family, tmp_path):
    (tmp_path / "in").mkdir()
    run_batch(_build(family, tmp_path / "in"), tmp_path, exports=("docx",))


def test_tampered_projects_at_every_entry_point(seeds, tmp_path):
    folder = tmp_path / "in"
    folder.mkdir()
    files = []
    for name, make in gen.FROM_PROJECT.items():
        sub = folder / name
        sub.mkdir()
        files.append(make(seeds["project"], sub))
    results = run_batch(files, tmp_path, exports=("pdf",))
    stray = next(f for f in files if f.name == "victim.tcdesk")
    converted = tmp_path / "out" / "victim_tcdesk.tcdesk.json"
    assert "Injected from another file" not in converted.read_text(), "a stray -wal was applied"
    by_file = {r["argv"][1]: r for r in results if r["argv"][0] == "check"}
    assert by_file[str(stray)]["rc"] in (0, 1)


def test_mutated_valid_files(seeds, tmp_path):
    rng = random.Random(20261130)
    folder = tmp_path / "in"
    folder.mkdir()
    files = []
    data = {k: p.read_bytes() for k, p in seeds.items()}
    for n in range(MUTANTS_PER_SEED):
        for kind, suffix in (("docx", ".docx"), ("xlsx", ".xlsx")):
            mutant = gen.mutate_zip_member(data[kind], rng) if n % 2 else gen.mutate_bytes(data[kind], rng)
            files.append(gen.write(folder / f"m{n}{suffix}", mutant))
        files.append(gen.write(folder / f"m{n}.pdf", gen.mutate_bytes(data["pdf"], rng)))
        files.append(gen.write(folder / f"m{n}.tcdesk", gen.flip_bytes(data["project"], rng, 4)))
        files.append(gen.write(folder / f"m{n}.tcdesk.json", gen.mutate_json(json.loads(data["json"]), rng)))
        files.append(gen.write(folder / f"b{n}.tcdesk.json", gen.mutate_bytes(data["json"], rng)))
    # Outputs of one mutant never land beside another: every file shares one folder, which must stay as it was.
    run_batch(files, tmp_path, exports=(), convert=False)


def test_the_real_command_line_under_limits(tmp_path):
    """A representative hostile file per class through the installed ``tcdesk`` script itself."""
    folder = tmp_path / "in"
    folder.mkdir()
    names = ["docx_gridspan_huge", "csv_broken_utf16", "json_deep", "pdf_bad_mediabox", "xlsx_dtd_sheet"]
    tcdesk = Path(sys.executable).with_name("tcdesk")
    for path in _build(names, folder):
        before = path.read_bytes()
        done = subprocess.run([str(tcdesk), "check", str(path)], capture_output=True, text=True,
                              timeout=CASE_SECONDS + 20, preexec_fn=_limits)
        assert done.returncode in (1, 2), done.stderr
        assert "Traceback" not in done.stderr
        if done.returncode == 2:
            assert done.stderr.count("\n") == 1 and str(path) in done.stderr
        assert path.read_bytes() == before
        assert sorted(p.name for p in path.parent.iterdir()) == [path.name]


def test_the_editor_opens_a_tampered_project_with_a_message(qtbot, pm, seeds, tmp_path, monkeypatch):
    from PySide6.QtWidgets import QMessageBox

    from tcdesk.session import Session
    from tcdesk.ui.main_window import MainWindow

    messages = []
    monkeypatch.setattr(QMessageBox, "warning", lambda parent, title, text, *a, **k: messages.append(text))
    bad = gen.project_organisation_blob(seeds["project"], tmp_path)
    before = bad.read_bytes()
    window = MainWindow(Session(pm=pm))
    qtbot.addWidget(window)
    assert window.open_file(bad) is False
    assert len(messages) == 1 and str(bad) in messages[0] and "organisation" in messages[0]
    assert bad.read_bytes() == before
