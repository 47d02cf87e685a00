"""``tcdesk convert``: between .tcdesk and .tcdesk.json losslessly, to exporters by suffix, input untouched."""

from __future__ import annotations

import hashlib
import subprocess
import sys
from pathlib import Path

import pytest

from tcdesk import interchange
from tcdesk.storage import load_project, save_project

TCDESK = Path(sys.executable).with_name("tcdesk")


def run(*args: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run([str(TCDESK), *args], capture_output=True, text=True, cwd=cwd, timeout=180)


def sha(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


@pytest.fixture
def sample(make_submission):
    return make_submission(
        organisation="Prifysgol Aberdyfi",
        leads=[{"name": "Siân Ó Súilleabháin", "role": "Head of Technical Services", "email": "s@a.ac.uk"}],
        answers={"1": "Ein technegwyr – “all of them” 🔬"},
        prev=[{"ref": "V01", "pillar": "visibility", "talent": ["R11", "R2"], "rag": None}],
        new=[{"ref": "V01", "pillar": None, "due": "2025-07", "carried_from": "V01"}],
    )


def test_project_to_json_and_back_is_lossless_and_leaves_the_input_alone(tmp_path, sample):
    save_project(sample, tmp_path / "a.tcdesk")
    before = sha(tmp_path / "a.tcdesk")
    done = run("convert", "a.tcdesk", "a.tcdesk.json", cwd=tmp_path)
    assert (done.returncode, done.stdout, done.stderr) == (0, "wrote a.tcdesk.json\n", "")
    assert sha(tmp_path / "a.tcdesk") == before
    assert interchange.read(tmp_path / "a.tcdesk.json") == sample
    done = run("convert", "a.tcdesk.json", "b.tcdesk", cwd=tmp_path)
    assert done.returncode == 0, done.stderr
    assert load_project(tmp_path / "b.tcdesk") == sample


def test_convert_never_overwrites_its_input(tmp_path, sample):
    save_project(sample, tmp_path / "a.tcdesk")
    before = sha(tmp_path / "a.tcdesk")
    for out in ("a.tcdesk", "./a.tcdesk", str(tmp_path / "a.tcdesk")):
        done = run("convert", "a.tcdesk", out, "--force", cwd=tmp_path)
        assert done.returncode == 2
        assert "never writes over its input" in done.stderr
    assert sha(tmp_path / "a.tcdesk") == before


def test_convert_refuses_an_existing_output_without_force(tmp_path, sample):
    interchange.write(sample, tmp_path / "a.tcdesk.json")
    (tmp_path / "b.tcdesk").write_bytes(b"something else")
    done = run("convert", "a.tcdesk.json", "b.tcdesk", cwd=tmp_path)
    assert done.returncode == 2
    assert done.stderr == "tcdesk: error: b.tcdesk: already exists; not replacing it (use --force to replace it)\n"
    assert (tmp_path / "b.tcdesk").read_bytes() == b"something else"
    done = run("convert", "a.tcdesk.json", "b.tcdesk", "--force", cwd=tmp_path)
    assert done.returncode == 0, done.stderr
    assert load_project(tmp_path / "b.tcdesk") == sample


def test_invalid_json_input_names_the_json_path(tmp_path, sample):
    data = interchange.to_dict(sample)
    data["previous_plan"]["actions"][0]["rag"] = "purple"
    (tmp_path / "bad.tcdesk.json").write_text(interchange.json.dumps(data), encoding="utf-8")
    done = run("convert", "bad.tcdesk.json", "out.tcdesk", cwd=tmp_path)
    assert done.returncode == 2
    assert done.stderr.startswith("tcdesk: error: bad.tcdesk.json: $.previous_plan.actions[0].rag: 'purple'")
    assert not (tmp_path / "out.tcdesk").exists()


def test_unknown_output_suffix_lists_what_can_be_written(tmp_path, sample):
    interchange.write(sample, tmp_path / "a.tcdesk.json")
    done = run("convert", "a.tcdesk.json", "a.odt", cwd=tmp_path)
    assert done.returncode == 2
    assert "cannot write this file type (tcdesk writes" in done.stderr and ".tcdesk.json" in done.stderr
    assert not (tmp_path / "a.odt").exists()


@pytest.mark.slow
def test_output_suffix_of_an_exporter_uses_that_exporter(tmp_path, sample):
    save_project(sample, tmp_path / "a.tcdesk")
    done = run("convert", "a.tcdesk", "a.pdf", cwd=tmp_path)
    assert done.returncode == 0, done.stderr
    assert (tmp_path / "a.pdf").read_bytes().startswith(b"%PDF-")


def test_converting_an_older_project_reads_it_without_migrating_or_backing_it_up(tmp_path):
    fixture = Path(__file__).resolve().parent.parent / "fixtures" / "project-schema-0001.tcdesk"
    old = tmp_path / "old.tcdesk"
    old.write_bytes(fixture.read_bytes())
    done = run("convert", "old.tcdesk", "old.tcdesk.json", cwd=tmp_path)
    assert done.returncode == 0, done.stderr
    assert old.read_bytes() == fixture.read_bytes()
    assert sorted(p.name for p in tmp_path.iterdir()) == ["old.tcdesk", "old.tcdesk.json"]
    assert interchange.read(tmp_path / "old.tcdesk.json").previous_plan.actions[0].talent == ["R11", "R3"]
