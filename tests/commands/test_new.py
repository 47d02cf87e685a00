"""``tcdesk new``: an empty project from the template, never replacing a file without --force."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from tcdesk import interchange
from tcdesk.model import Submission
from tcdesk.storage import load_project

TCDESK = Path(sys.executable).with_name("tcdesk")


def run(*args: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run([str(TCDESK), *args], capture_output=True, text=True, cwd=cwd, timeout=120)


def test_new_creates_an_empty_project_for_the_organisation(tmp_path):
    done = run("new", "draft.tcdesk", "--organisation", "Prifysgol Aberdyfi – “Test”", cwd=tmp_path)
    assert done.returncode == 0, done.stderr
    assert done.stdout.startswith("created draft.tcdesk (") and done.stderr == ""
    assert load_project(tmp_path / "draft.tcdesk") == Submission(organisation="Prifysgol Aberdyfi – “Test”")
    assert sorted(p.name for p in tmp_path.iterdir()) == ["draft.tcdesk"]


def test_new_can_write_the_interchange_form(tmp_path):
    done = run("new", "draft.tcdesk.json", "--template", "tc-renewal", cwd=tmp_path)
    assert done.returncode == 0, done.stderr
    assert interchange.read(tmp_path / "draft.tcdesk.json") == Submission()


def test_new_refuses_to_replace_an_existing_file(tmp_path):
    existing = tmp_path / "draft.tcdesk"
    existing.write_bytes(b"weeks of work")
    done = run("new", "draft.tcdesk", cwd=tmp_path)
    assert done.returncode == 2
    assert done.stderr == "tcdesk: error: draft.tcdesk: already exists; not replacing it (use --force to replace it)\n"
    assert existing.read_bytes() == b"weeks of work"


def test_new_with_force_replaces_the_file(tmp_path):
    (tmp_path / "draft.tcdesk").write_bytes(b"old")
    done = run("new", "draft.tcdesk", "--force", "--organisation", "U", cwd=tmp_path)
    assert done.returncode == 0, done.stderr
    assert load_project(tmp_path / "draft.tcdesk").organisation == "U"


def test_new_rejects_an_unknown_template(tmp_path):
    done = run("new", "draft.tcdesk", "--template", "no-such-form", cwd=tmp_path)
    assert done.returncode == 2
    assert "no template 'no-such-form'" in done.stderr and "Traceback" not in done.stderr
    assert list(tmp_path.iterdir()) == []


def test_new_needs_a_project_suffix(tmp_path):
    done = run("new", "draft.docx", cwd=tmp_path)
    assert done.returncode == 2
    assert done.stderr == "tcdesk: error: draft.docx: a new project's name must end in .tcdesk or .tcdesk.json\n"
