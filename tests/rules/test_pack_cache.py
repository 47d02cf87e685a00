"""Rule packs read through the parsed-YAML cache: hits skip YAML, edits miss, bad entries are ignored."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from test_packs import EXAMPLE, TODAY, rule, write_pack

from tcdesk.parse_cache import cache_dir
from tcdesk.rules import pack_cache, packs
from tcdesk.rules.engine import build_rule_set
from tcdesk.rules.packs import RulePackError


def _pack(root: Path, message: str = "Action {ref} names no collaborators") -> Path:
    return write_pack(root, {
        "collaborators-missing": rule("RV001", "collaborators-missing", "required-field", "{plan: new, field: collaborators}", message),
    })


def _no_parsing(monkeypatch) -> None:
    def refuse(path):
        raise AssertionError(f"{path} was parsed although it is cached")

    monkeypatch.setattr(packs, "read_rule_file", refuse)


def _summary(rule_set) -> list[tuple]:
    return [(r.code, r.name, r.severity, r.message, r.why, r.example, r.source, r.severities) for r in rule_set.rules]


def test_a_second_load_reads_no_yaml_and_gives_the_same_rules(tmp_path, pm, clean, monkeypatch):
    pack = _pack(tmp_path / "review")
    clean.new_plan.actions[1].collaborators = ""
    first = build_rule_set(pm, [pack])
    _no_parsing(monkeypatch)
    second = build_rule_set(pm, [pack])
    assert _summary(second) == _summary(first)
    assert [f.message for f in second.check(clean, TODAY) if f.code == "RV001"] == ["Action R01 names no collaborators"]


def test_an_edited_rule_file_is_parsed_again(tmp_path, pm):
    pack = _pack(tmp_path / "review")
    build_rule_set(pm, [pack])
    _pack(tmp_path / "review", message="Action {ref} has no collaborators")
    assert build_rule_set(pm, [pack]).by_code("RV001").message == "Action {ref} has no collaborators"


def test_key_lines_survive_the_cache_so_errors_still_name_the_line(tmp_path, pm):
    pack = write_pack(tmp_path / "review", {"jargon": rule("RV003", "jargon", "must-not-contain", "{in: all-text, phrases: [synergy]}", "x")})
    assert build_rule_set(pm, [pack]).by_code("RV003")
    text = "code: RV003\nname: jargon\nseverity: warning\ncheck: must-not-contain\nparams: {in: all-text, phrases: [synergy]}\nmessage: x\n" + EXAMPLE
    cached = pack_cache.read_rule_file(pack / "jargon.yaml")
    assert cached == packs.read_rule_file(pack / "jargon.yaml")
    assert {k: cached.line_of(k) for k in cached} == {k: i for i, k in enumerate(["code", "name", "severity", "check", "params", "message", "example", "why"], 1)}
    assert cached["params"].line_of("phrases") == 5
    # Now the same file with an unknown check type: the error names line 4 whether cached or not.
    (pack / "jargon.yaml").write_text(text.replace("must-not-contain", "no-such-check"), encoding="utf-8")
    for _ in range(2):
        with pytest.raises(RulePackError) as caught:
            build_rule_set(pm, [pack])
        assert "jargon.yaml" in str(caught.value) and "line 4" in str(caught.value)


@pytest.mark.parametrize("spoil", [
    lambda raw: raw[: len(raw) // 2],                      # truncated
    lambda raw: b"\xff\xfe not json",                       # garbage
    lambda raw: json.dumps({**json.loads(raw), "version": 999}).encode(),
    lambda raw: json.dumps({**json.loads(raw), "data": {"l": 1, "m": [["code", {"__class__": "os.system"}, 1]]}}).encode(),
    lambda raw: json.dumps({**json.loads(raw), "data": [1, 2, 3]}).encode(),
    lambda raw: json.dumps({**json.loads(raw), "data": {"l": -1, "m": []}}).encode(),
    lambda raw: b"[" * 100_000,                             # nesting past the JSON parser's recursion
])
def test_a_corrupt_or_hostile_cache_entry_is_ignored_and_replaced(tmp_path, pm, spoil):
    pack = _pack(tmp_path / "review")
    expected = _summary(build_rule_set(pm, [pack]))
    entries = sorted(cache_dir().glob("*.json"))
    assert entries
    for entry in entries:
        entry.write_bytes(spoil(entry.read_bytes()))
    assert _summary(build_rule_set(pm, [pack])) == expected
    assert all(json.loads(e.read_bytes())["version"] == 1 for e in entries if e.exists())


def test_an_unwritable_cache_folder_only_costs_time(tmp_path, pm, monkeypatch):
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("x", encoding="utf-8")
    monkeypatch.setenv("TCDESK_CACHE_DIR", str(blocker))
    pack = _pack(tmp_path / "review")
    assert build_rule_set(pm, [pack]).by_code("RV001")
    assert blocker.read_text(encoding="utf-8") == "x"


def test_nothing_is_written_beside_the_pack(tmp_path, pm):
    pack = _pack(tmp_path / "review")
    before = sorted(p.name for p in pack.iterdir())
    build_rule_set(pm, [pack])
    build_rule_set(pm, [pack])
    assert sorted(p.name for p in pack.iterdir()) == before


def test_values_json_cannot_hold_are_parsed_every_time(tmp_path, pm):
    pack = write_pack(tmp_path / "review", {
        "collaborators-missing": rule("RV001", "collaborators-missing", "required-field", "{plan: new, field: collaborators}", "x") + "since: 2026-11-30\n",
    })
    assert build_rule_set(pm, [pack]).by_code("RV001").since == "2026-11-30"
    assert build_rule_set(pm, [pack]).by_code("RV001").since == "2026-11-30"


def test_a_check_served_by_the_cache_loads_neither_pyyaml_nor_jsonschema(tmp_path):
    import os
    import subprocess
    import sys

    from synthetic import make_synthetic
    from tcdesk import interchange

    path = tmp_path / "a.tcdesk.json"
    interchange.write(make_synthetic(16, answer_words=250), path)
    code = (
        "import sys, contextlib, io\nfrom tcdesk.cli import main\n"
        f"with contextlib.redirect_stdout(io.StringIO()): main(['check', {str(path)!r}])\n"
        "print(sorted(m for m in ('yaml', 'jsonschema') if m in sys.modules))"
    )
    env = {**os.environ, "TCDESK_CACHE_DIR": str(tmp_path / "cache")}
    first = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, env=env, check=True)
    second = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, env=env, check=True)
    assert first.stdout.strip() == "['yaml']"  # the first run parsed the packs and filled the cache
    assert second.stdout.strip() == "[]"
