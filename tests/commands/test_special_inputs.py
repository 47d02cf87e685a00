"""A pipe, a device or a folder given as a file to READ is refused in one line, never waited on.

Opening a named pipe waits for a writer for ever, and ``/dev/zero`` never ends; before the shared
guard (``tcdesk.fileio.refuse_unreadable_input``) a check of either hung. Each case runs in its own
process with a time limit, so that a regression fails the test instead of hanging the suite.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from tcdesk import interchange

pytestmark = pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="named pipes are POSIX")

LIMIT_S = 60
REFUSED = "not a regular file (a pipe, device or socket)"


def run(*args: str, env: dict[str, str] | None = None, code: str | None = None) -> subprocess.CompletedProcess[str]:
    command = [sys.executable, "-c", code] if code else [sys.executable, "-m", "tcdesk", *args]
    try:
        return subprocess.run(command, capture_output=True, text=True, timeout=LIMIT_S, env={**os.environ, **(env or {})})
    except subprocess.TimeoutExpired:
        pytest.fail(f"{' '.join(args) or code} still waiting after {LIMIT_S} s")


def one_line_error(result: subprocess.CompletedProcess[str], path: Path) -> str:
    errors = [line for line in result.stderr.splitlines() if line.startswith("tcdesk: error:")]
    assert "Traceback" not in result.stderr
    assert len(errors) == 1, result.stderr
    assert str(path) in errors[0] or path.name in errors[0]
    return errors[0]


@pytest.mark.parametrize("name", ["pipe.tcdesk", "pipe.tcdesk.json", "pipe.docx", "pipe.pdf"])
def test_check_refuses_a_named_pipe_of_every_format(tmp_path, name):
    pipe = tmp_path / name
    os.mkfifo(pipe)
    result = run("check", str(pipe))
    assert result.returncode == 2
    assert REFUSED in one_line_error(result, pipe)
    assert [p.name for p in tmp_path.iterdir()] == [name]  # nothing written beside it


@pytest.mark.parametrize("name", ["zero.docx", "zero.tcdesk.json", "zero.tcdesk"])
def test_check_refuses_a_device_behind_a_link(tmp_path, name):
    link = tmp_path / name
    link.symlink_to("/dev/zero")
    result = run("check", "--read-text", str(link))
    assert result.returncode == 2
    assert REFUSED in one_line_error(result, link)


def test_a_folder_is_named_as_a_folder(tmp_path):
    folder = tmp_path / "submission.tcdesk.json"
    folder.mkdir()
    result = run("check", str(folder))
    assert result.returncode == 2
    assert "this is a folder, not a file" in one_line_error(result, folder)


def test_convert_diff_and_import_refuse_a_pipe_as_input(tmp_path, make_submission):
    draft = tmp_path / "draft.tcdesk.json"
    interchange.write(make_submission(organisation="University of Example"), draft)
    pipe = tmp_path / "pipe.tcdesk.json"
    os.mkfifo(pipe)
    for args in (("convert", str(pipe), str(tmp_path / "out.tcdesk")), ("diff", str(pipe), str(draft)),
                 ("diff", str(draft), str(pipe)), ("import", str(pipe), str(tmp_path / "in.tcdesk"))):
        result = run(*args)
        assert result.returncode == 2, args
        assert REFUSED in one_line_error(result, pipe)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["draft.tcdesk.json", "pipe.tcdesk.json"]


def test_a_rule_file_that_is_a_pipe_stops_the_pack_with_its_name(tmp_path, make_submission):
    draft = tmp_path / "draft.tcdesk.json"
    interchange.write(make_submission(organisation="University of Example"), draft)
    pack = tmp_path / "config" / "rules" / "house"
    pack.mkdir(parents=True)
    (pack / "pack.yaml").write_text("name: House rules\nprefix: HR\n", encoding="utf-8")
    os.mkfifo(pack / "wording.yaml")
    result = run("check", str(draft), env={"TCDESK_CONFIG_DIR": str(tmp_path / "config")})
    assert result.returncode == 2
    assert REFUSED in one_line_error(result, pack / "wording.yaml")


def test_the_editor_refuses_a_pipe_project_and_leaves_no_lock(tmp_path):
    pipe = tmp_path / "shared.tcdesk"
    os.mkfifo(pipe)
    code = (
        "import sys\n"
        "from tcdesk.errors import ProjectFileError\n"
        "from tcdesk.workspace import OpenProject\n"
        "try:\n"
        f"    OpenProject.open({str(pipe)!r})\n"
        "except ProjectFileError as exc:\n"
        "    print(exc)\n"
    )
    result = run(code=code)
    assert REFUSED in result.stdout and str(pipe) in result.stdout, result.stdout + result.stderr
    assert [p.name for p in tmp_path.iterdir()] == ["shared.tcdesk"]


def test_a_lock_file_that_is_a_pipe_reads_as_a_stale_lock(tmp_path):
    from tcdesk.lockfile import lock_path

    project = tmp_path / "shared.tcdesk"
    os.mkfifo(lock_path(project))
    code = (
        "from pathlib import Path\n"
        "from tcdesk.lockfile import read_lock\n"
        f"print(read_lock(Path({str(project)!r})).host)\n"
    )
    result = run(code=code)
    assert result.stdout.strip() == "an unknown computer", result.stderr
