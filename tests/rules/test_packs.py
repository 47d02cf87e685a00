"""Reviewers' own rule packs: every declarative check type, and bad packs named by file and line."""

from __future__ import annotations

import textwrap
from datetime import date
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from tcdesk.rules.engine import build_rule_set
from tcdesk.rules.finding import Section
from tcdesk.rules.packs import RulePackError
from tcdesk.rules.rule import MESSAGE_FIELDS

TODAY = date(2026, 11, 23)
EXAMPLE = 'example: {fails: "it fails", passes: "it passes"}\nwhy: Reviewers at our network ask for it.\n'


def write_pack(root: Path, rules: dict[str, str], meta: str = "name: review\nprefix: RV\n") -> Path:
    root.mkdir(parents=True, exist_ok=True)
    (root / "pack.yaml").write_text(meta, encoding="utf-8")
    for name, body in rules.items():
        (root / f"{name}.yaml").write_text(textwrap.dedent(body), encoding="utf-8")
    return root


def rule(code: str, name: str, check: str, params: str, message: str, severity: str = "warning") -> str:
    return f"code: {code}\nname: {name}\nseverity: {severity}\ncheck: {check}\nparams: {params}\nmessage: \"{message}\"\n{EXAMPLE}"


def test_a_user_pack_of_every_check_type_runs_with_its_own_codes(tmp_path, pm, clean):
    pack = write_pack(tmp_path / "review", {
        "collaborators-missing": rule("RV001", "collaborators-missing", "required-field", "{plan: new, field: collaborators}", "Action {ref} names no collaborators"),
        "athena-swan-missing": rule("RV002", "athena-swan-missing", "must-mention", "{question: 2, phrases: [Athena SWAN, Race Equality Charter]}", "Question {question} does not mention {missing}"),
        "jargon": rule("RV003", "jargon", "must-not-contain", "{in: all-text, phrases: [synergy]}", "Jargon \\\"{text}\\\" in {where}", "info"),
        "answer-too-long": rule("RV004", "answer-too-long", "word-count", "{question: 8, max: 3}", "Question 8 has {words} words; keep it to {max}"),
        "ref-format": rule("RV005", "ref-format", "pattern", "{plan: new, field: ref, match: '^[VRCS]\\d{2}$'}", "Ref {ref} is not a letter and two digits"),
    })
    clean.new_plan.actions[1].collaborators = ""
    clean.new_plan.actions[2].ref = "C1"
    clean.previous_plan.actions[0].action = "Create synergy between teams."
    found = [f for f in build_rule_set(pm, [pack]).check(clean, TODAY) if f.code.startswith("RV")]
    by_code = {f.code: f for f in found}
    assert by_code["RV001"].location.ref == "R01" and by_code["RV001"].message == "Action R01 names no collaborators"
    assert by_code["RV002"].location.question == "2"
    assert by_code["RV003"].severity.value == "info" and by_code["RV003"].location.field == "action"
    assert by_code["RV003"].message == 'Jargon "synergy" in previous plan V01 action'
    assert "words; keep it to 3" in by_code["RV004"].message
    assert by_code["RV005"].location.ref == "C1"
    rules = {r.code: r for r in build_rule_set(pm, [pack]).rules}
    assert rules["RV001"].source == str(pack)


def test_a_user_pack_can_extend_the_core_vocabularies(tmp_path, pm, clean):
    pack = write_pack(tmp_path / "vocab", {}, meta="name: vocab\nprefix: VO\ndata:\n  placeholder_patterns: ['\\bFIXLATER\\b']\n")
    clean.answers["1"] += " FIXLATER"
    found = build_rule_set(pm, [pack]).check(clean, TODAY, select=["TC103"])
    assert [f.location.section for f in found] == [Section.QUESTION]


def test_the_per_user_rules_folder_is_loaded(pm, clean):
    from tcdesk import paths

    write_pack(paths.user_rules_dir() / "mine", {"collaborators-missing": rule("MY001", "collaborators-missing", "required-field", "{plan: new, field: collaborators}", "Action {ref} names no collaborators")}, meta="name: mine\nprefix: MY\n")
    assert build_rule_set(pm).by_code("MY001") is not None
    assert build_rule_set(pm, include_user_rules=False).by_code("MY001") is None


@pytest.mark.parametrize(("body", "line", "words"), [
    ("code: RV001\nname: bad-yaml\nseverity: [warning\n", 4, "not valid YAML"),
    ("code: RV001\nname: bad-check\nseverity: warning\ncheck: spellcheck\n", 4, "unknown check type 'spellcheck'"),
    ("code: RV001\nname: bad-check\nseverity: warning\ncheck: required-field\nparams:\n  plan: new\n  field: budget\nmessage: m\n" + EXAMPLE, 7, "unknown action field 'budget'"),
    ("code: RV001\nname: bad-check\nseverity: warning\ncheck: must-mention\nparams:\n  question: 2\n  phrase: [x]\nmessage: m\n" + EXAMPLE, 7, "unknown parameter 'phrase'"),
    ("code: RV001\nname: bad-check\nseverity: fatal\ncheck: required-field\n", 3, "severity must be"),
    ("code: XX001\nname: bad-check\nseverity: warning\n", 1, "pack prefix 'RV'"),
    ("code: RV001\nname: bad-check\nseverity: warning\ncheck: pattern\nparams: {question: 2, match: '(['}\nmessage: m\n" + EXAMPLE, 5, "bad regular expression"),
    ("code: RV001\nname: bad-check\nseverity: warning\ncheck: required-field\nparams: {question: 2}\nmessage: m\nwhy: w\n", 1, "'example' must give"),
    ("code: RV001\nname: bad-check\nseverity: warning\ncolour: red\n", 4, "unknown key 'colour'"),
])
def test_a_bad_pack_names_the_file_and_the_line(tmp_path, pm, body, line, words):
    pack = tmp_path / "bad"
    pack.mkdir()
    (pack / "pack.yaml").write_text("name: review\nprefix: RV\n")
    (pack / "bad-check.yaml").write_text(body)
    if "bad-yaml" in body:
        (pack / "bad-check.yaml").rename(pack / "bad-yaml.yaml")
    with pytest.raises(RulePackError) as err:
        build_rule_set(pm, [pack])
    text = str(err.value)
    assert str(pack) in text and f"line {line}:" in text and words in text


def test_a_folder_without_pack_yaml_is_refused(tmp_path, pm):
    with pytest.raises(RulePackError, match=r"pack\.yaml"):
        build_rule_set(pm, [tmp_path])


def test_rule_name_must_match_its_file_name(tmp_path, pm):
    pack = write_pack(tmp_path / "p", {"other-name": rule("RV001", "collaborators-missing", "required-field", "{question: 1}", "m")})
    with pytest.raises(RulePackError, match="must match the file name 'other-name'"):
        build_rule_set(pm, [pack])


def test_a_user_pack_can_change_a_core_severity(tmp_path, pm, clean):
    pack = write_pack(tmp_path / "strict", {}, meta="name: strict\nprefix: ST\nseverities:\n  TC502: error\n")
    clean.new_plan.actions[0].owner = ""
    [f] = build_rule_set(pm, [pack]).check(clean, TODAY, select=["TC502"])
    assert f.severity.value == "error"


def test_a_severity_given_twice_and_differently_is_refused(tmp_path, pm):
    pack = write_pack(
        tmp_path / "p",
        {"collaborators-missing": rule("RV001", "collaborators-missing", "required-field", "{plan: new, field: collaborators}", "m")},
        meta="name: review\nprefix: RV\nseverities:\n  RV001: error\n",
    )
    with pytest.raises(RulePackError, match="severity warning disagrees with error for RV001"):
        build_rule_set(pm, [pack])


def test_a_severity_for_a_code_no_rule_has_is_reported(tmp_path, pm, clean):
    pack = write_pack(tmp_path / "typo", {}, meta="name: typo\nprefix: TY\nseverities:\n  TC999: error\n")
    rules = build_rule_set(pm, [pack], include_user_rules=False)
    assert any("sets the severity of TC999, but no rule has this code" in e for e in rules.load_errors)


def test_the_core_pack_restates_no_rule_severity():
    import yaml

    from tcdesk.paths import base_dir

    meta = yaml.safe_load((base_dir() / "rules" / "core" / "pack.yaml").read_text(encoding="utf-8"))
    assert "severities" not in meta  # each core rule states its default severity once, in its own file


def test_pack_data_adds_to_a_core_list_and_the_core_patterns_still_apply(tmp_path, pm, clean):
    pack = write_pack(tmp_path / "vocab", {}, meta="name: vocab\nprefix: VO\ndata:\n  placeholder_patterns: ['\\bFIXLATER\\b']\n")
    clean.answers["1"] += " FIXLATER"
    clean.answers["2"] += " TBC"
    found = build_rule_set(pm, [pack]).check(clean, TODAY, select=["TC103"])
    assert sorted(f.message for f in found) == ['Placeholder text "FIXLATER" in question 1', 'Placeholder text "TBC" in question 2']


def test_a_pack_replaces_core_data_only_when_it_says_so(tmp_path, pm, clean):
    quiet = "name: quiet\nprefix: QU\ndata:\n  word_minimums: {'1': 1}\n"
    with pytest.raises(RulePackError, match=r"'word_minimums' is already defined in .*core/pack\.yaml") as err:
        build_rule_set(pm, [write_pack(tmp_path / "quiet", {}, meta=quiet)])
    assert err.value.where == "line 4"
    said = write_pack(tmp_path / "said", {}, meta="name: said\nprefix: SA\nreplaces: [word_minimums]\ndata:\n  word_minimums: {'1': 100000}\n")
    clean.answers["2"] = "Short."
    found = build_rule_set(pm, [said]).check(clean, TODAY, select=["TC102"])
    assert [f.location.question for f in found] == ["1"]


def test_a_rule_naming_undefined_data_is_refused(tmp_path, pm):
    pack = write_pack(tmp_path / "p", {"jargon": rule("RV001", "jargon", "must-not-contain", "{in: all-text, phrases: $nowhere}", "m")})
    with pytest.raises(RulePackError, match="no pack defines data 'nowhere'"):
        build_rule_set(pm, [pack])


@given(st.text(max_size=40), st.dictionaries(st.sampled_from(["where", "ref", "text", "x"]), st.text(max_size=5)))
def test_a_message_renders_whatever_its_template_and_values(template, values):
    from tcdesk.rules.rule import message_problem, render_message

    rendered = render_message(template, values)
    assert isinstance(rendered, str) and len(rendered) <= len(template) * 6 + 1
    if message_problem(template) is None:
        assert rendered == template.format_map({**{k: "{" + k + "}" for k in MESSAGE_FIELDS}, **values})
