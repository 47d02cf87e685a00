"""``tcdesk check``: exit codes, compiler-like text, JSON and SARIF output, bad input."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from synthetic import make_synthetic
from tcdesk import interchange
from tcdesk.cli import main

FIXTURES = Path(__file__).resolve().parent.parent / "fixtures"
TODAY = ["--today", "2026-11-23"]


@pytest.fixture
def clean_file(tmp_path):
    path = tmp_path / "clean.tcdesk.json"
    interchange.write(make_synthetic(16, answer_words=250), path)
    return path


@pytest.fixture
def draft_file(tmp_path):
    sub = make_synthetic(16, answer_words=250)
    sub.organisation = ""
    sub.new_plan.actions[0].owner = ""
    sub.previous_plan.actions[3].explanation = ""
    sub.previous_plan.actions[3].progress = "Not started."
    path = tmp_path / "draft.tcdesk.json"
    interchange.write(sub, path)
    return path


def test_clean_file_exits_0_with_a_summary(clean_file, capsys):
    assert main(["check", str(clean_file), *TODAY]) == 0
    out = capsys.readouterr().out
    assert out == "1 file checked: 0 errors, 0 warnings, 0 info\n"


def test_findings_print_like_a_compiler_and_errors_exit_1(draft_file, capsys):
    assert main(["check", str(draft_file), *TODAY]) == 1
    lines = capsys.readouterr().out.splitlines()
    assert f"{draft_file}: Cover · Organisation: TC001 error: No organisation name on the cover" in lines
    assert f"{draft_file}: Previous plan S01 · Explanation: TC201 error: Red action S01 has no explanation of why it was not carried out" in lines
    assert f"{draft_file}: New plan V01 · Owner: TC502 warning: New-plan action V01 has no owner" in lines
    assert lines[-1] == "1 file checked: 2 errors, 2 warnings, 0 info"
    assert "\033[" not in "\n".join(lines)


def test_warnings_only_exit_0(draft_file, capsys):
    assert main(["check", str(draft_file), *TODAY, "--select", "TC502"]) == 0
    assert main(["check", str(draft_file), *TODAY, "--ignore", "TC001,TC201"]) == 0


def test_json_for_one_file_is_one_object(draft_file, capsys):
    main(["check", str(draft_file), *TODAY, "--format", "json", "--select", "TC201"])
    data = json.loads(capsys.readouterr().out)
    assert data["summary"] == {"errors": 1, "warnings": 0, "info": 0, "total": 1}
    assert data["findings"] == [{
        "code": "TC201", "name": "red-action-unexplained", "severity": "error",
        "message": "Red action S01 has no explanation of why it was not carried out",
        "location": {"section": "previous-plan", "ref": "S01", "index": 3, "field": "explanation"},
    }]


def test_json_for_several_files_is_a_list_with_file_keys(clean_file, draft_file, capsys):
    assert main(["check", str(clean_file), str(draft_file), *TODAY, "--format", "json"]) == 1
    data = json.loads(capsys.readouterr().out)
    assert [d["file"] for d in data] == [str(clean_file), str(draft_file)]
    assert data[0]["findings"] == [] and data[1]["summary"]["errors"] == 2


def test_sarif_validates_against_the_official_schema(draft_file, clean_file, capsys):
    import jsonschema

    main(["check", str(draft_file), str(clean_file), *TODAY, "--format", "sarif"])
    log = json.loads(capsys.readouterr().out)
    schema = json.loads((FIXTURES / "sarif-schema-2.1.0.json").read_text(encoding="utf-8"))
    jsonschema.Draft4Validator(schema).validate(log)
    run = log["runs"][0]
    assert {r["ruleId"] for r in run["results"]} == {"TC001", "TC201", "TC205", "TC502"}
    assert any(rule["id"] == "TC201" for rule in run["tool"]["driver"]["rules"])


def test_unreadable_file_is_named_on_stderr_and_the_others_still_print(clean_file, tmp_path, capsys):
    broken = tmp_path / "broken.tcdesk.json"
    broken.write_text("{ not json", encoding="utf-8")
    missing = tmp_path / "missing.tcdesk.json"
    assert main(["check", str(broken), str(missing), str(clean_file), *TODAY]) == 2
    captured = capsys.readouterr()
    assert str(broken) in captured.err and str(missing) in captured.err
    assert "1 file checked" in captured.out


def test_today_fixes_the_check_date(clean_file, capsys):
    assert main(["check", str(clean_file), "--today", "2026-07-21", "--select", "TC005"]) == 0
    assert "TC005 warning" in capsys.readouterr().out


def test_bad_today_is_a_usage_error(clean_file):
    with pytest.raises(SystemExit) as exit_info:
        main(["check", str(clean_file), "--today", "23/11/2026"])
    assert exit_info.value.code == 2


def test_user_pack_given_with_rules_fires(clean_file, tmp_path, capsys):
    pack = tmp_path / "pack"
    pack.mkdir()
    (pack / "pack.yaml").write_text("name: review\nprefix: RV\n")
    (pack / "athena-swan-missing.yaml").write_text(
        "code: RV001\nname: athena-swan-missing\nseverity: error\ncheck: must-mention\n"
        "params: {question: 2, phrases: [Athena SWAN]}\nmessage: Question 2 does not mention Athena SWAN\n"
        "why: Our review panel asks for it.\nexample: {fails: no mention, passes: Athena SWAN Silver}\n"
    )
    assert main(["check", str(clean_file), *TODAY, "--rules", str(pack)]) == 1
    assert "Question 2: RV001 error: Question 2 does not mention Athena SWAN" in capsys.readouterr().out


def test_bad_pack_exits_2_naming_file_and_line(clean_file, tmp_path, capsys):
    pack = tmp_path / "pack"
    pack.mkdir()
    (pack / "pack.yaml").write_text("name: review\nprefix: RV\nseverities:\n  RV001: loud\n")
    assert main(["check", str(clean_file), "--rules", str(pack)]) == 2
    assert f"{pack / 'pack.yaml'}: line 4: severity must be" in capsys.readouterr().err


def _run_cli(*args, env_extra=None, **kwargs):
    env = {**os.environ, **(env_extra or {})}
    return subprocess.run([sys.executable, "-m", "tcdesk.cli", *args], capture_output=True, text=True, env=env, **kwargs)


def _run_script(code, path):
    """The output of ``python -c code path``, which must exit 0."""
    result = subprocess.run([sys.executable, "-c", code, str(path)], capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    return result.stdout


@pytest.mark.slow
def test_check_loads_no_qt_reportlab_docx_or_markdown_parser(clean_file):
    # Answers with links and headings but no code block are settled without the CommonMark parser;
    # a JSON file is read without the importers' result classes (tcdesk.export.base).
    code = (
        "import sys; from tcdesk.cli import main; rc = main(['check', sys.argv[1], '--today', '2026-11-23']);"
        "heavy = [m for m in ('PySide6', 'reportlab', 'docx', 'lxml', 'openpyxl', 'pypdf', 'pypdfium2', 'markdown_it',"
        " 'tcdesk.export.base') if m in sys.modules];"
        "print('HEAVY', heavy); sys.exit(rc)"
    )
    assert "HEAVY []" in _run_script(code, clean_file)


@pytest.mark.slow
def test_colour_only_on_a_terminal_and_never_with_no_color(draft_file):
    pty = pytest.importorskip("pty")
    script = f"import sys; from tcdesk.cli import main; sys.exit(main(['check', {str(draft_file)!r}, '--today', '2026-11-23']))"
    for no_color, coloured in (("", True), ("1", False)):
        master, slave = pty.openpty()
        env = {**os.environ, "NO_COLOR": no_color}
        proc = subprocess.Popen([sys.executable, "-c", script], stdout=slave, stderr=subprocess.DEVNULL, env=env)
        os.close(slave)
        chunks = []
        while True:
            try:
                chunk = os.read(master, 65536)
            except OSError:
                break
            if not chunk:
                break
            chunks.append(chunk)
        proc.wait()
        os.close(master)
        assert ("\033[1;31m" in b"".join(chunks).decode()) is coloured


def test_project_files_are_checked_too(tmp_path, capsys):
    from tcdesk.storage import save_project

    sub = make_synthetic(16, answer_words=250)
    sub.new_plan.actions[0].owner = ""
    path = tmp_path / "northmoor.tcdesk"
    save_project(sub, path)
    assert main(["check", str(path), *TODAY]) == 0
    assert f"{path}: New plan V01 · Owner: TC502 warning: New-plan action V01 has no owner" in capsys.readouterr().out


def test_unknown_select_code_is_a_usage_error(clean_file, capsys):
    assert main(["check", str(clean_file), "--select", "TC9"]) == 2
    assert "--select TC9" in capsys.readouterr().err


def test_the_garbage_collector_is_on_for_the_files_and_as_it_was_afterwards(clean_file, monkeypatch, capsys):
    import gc

    from tcdesk.rules import engine

    seen = []
    real_check = engine.RuleSet.check
    monkeypatch.setattr(engine.RuleSet, "check", lambda self, *a, **k: seen.append(gc.isenabled()) or real_check(self, *a, **k))
    assert main(["check", str(clean_file), "--format", "json"]) == 0
    assert main(["check", str(clean_file), "--select", "XX9"]) == 2  # stops before any file is read
    assert seen == [True]
    assert gc.isenabled() and gc.get_freeze_count() == 0
    gc.disable()
    try:
        assert main(["check", str(clean_file), "--format", "json"]) == 0
        assert not gc.isenabled()  # a caller's choice is kept
    finally:
        gc.enable()


@pytest.mark.slow
def test_a_check_process_ends_without_walking_its_objects_again(clean_file):
    # At exit everything the check loaded is frozen out of the collector's sight; in-process (here,
    # in the parent) the collector is left as it was. The probe is registered first, so it runs last.
    code = (
        "import atexit, gc, sys; from tcdesk.cli import main;"
        "atexit.register(lambda: print('FROZEN AT EXIT', gc.get_freeze_count() > 0, flush=True));"
        "rc = main(['check', sys.argv[1], '--format', 'json']);"
        "print('FROZEN BEFORE EXIT', gc.get_freeze_count() > 0); sys.exit(rc)"
    )
    out = _run_script(code, clean_file)
    assert "FROZEN BEFORE EXIT False" in out
    assert "FROZEN AT EXIT True" in out


@pytest.mark.slow
def test_a_check_builds_dataclasses_only_for_the_model_and_the_rule_engine(clean_file):
    # Each dataclass compiles its generated methods from source at import (~0.7 ms a frozen one);
    # records a check only builds and reads (findings, targets, spans, results, formats) are NamedTuples.
    code = (
        "import dataclasses, sys; from tcdesk.cli import main; rc = main(['check', sys.argv[1], '--format', 'json']);"
        "built = sorted(f'{m.__name__}.{n}' for m in list(sys.modules.values()) if m and m.__name__.startswith('tcdesk')"
        " for n, v in vars(m).items() if isinstance(v, type) and dataclasses.is_dataclass(v) and v.__module__ == m.__name__);"
        "print('BUILT', built); sys.exit(rc)"
    )
    built = _run_script(code, clean_file).split("BUILT ", 1)[1].strip()
    assert built == str(sorted([
        *(f"tcdesk.model.plan.{n}" for n in ("NewAction", "NewPlan", "PreviousAction", "PreviousPlan")),
        *(f"tcdesk.model.submission.{n}" for n in ("Attachment", "Lead", "SignOff", "Signatory", "Submission")),
        "tcdesk.model.derived.RagCounts",
        "tcdesk.rules.finding.Location", "tcdesk.rules.rule.Rule",
        "tcdesk.rules.packs.RulePack", "tcdesk.rules.engine.RuleSet",
    ]))
