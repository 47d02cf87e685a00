"""Hostile rule packs against ``tcdesk check --rules`` and ``tcdesk rules --rules``, each run as a child process.

Every class of the audit is generated here: catastrophic and unsupported regular expressions, pack
data that would replace a core list, YAML alias bombs and deep nesting, message templates that
allocate gigabytes, and random mutations of a valid pack. Each run must end within 10 s and 1 GiB
with exit 0, 1 or 2; an exit 2 is one line naming the file and the line; nothing is written.
"""

from __future__ import annotations

import sys
import textwrap
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

sys.path.insert(0, str(Path(__file__).resolve().parent))

from packs_runner import assert_refused, run_cli

from synthetic import make_synthetic
from tcdesk import interchange

EXAMPLE = 'why: Our panel asks for it.\nexample: {fails: "it fails", passes: "it passes"}\n'
# Long runs of one letter, with no match at the end: what makes a backtracking engine explode.
EVIL_TEXT = "a" * 30_000 + "!"


@pytest.fixture(scope="module")
def submission(tmp_path_factory) -> Path:
    sub = make_synthetic(16, answer_words=250)
    sub.organisation = EVIL_TEXT
    sub.answers["2"] += " " + EVIL_TEXT
    sub.new_plan.actions[0].action = "x" * 5_000 + "y" * 5_000
    folder = tmp_path_factory.mktemp("input")
    path = folder / "draft.tcdesk.json"
    interchange.write(sub, path)
    return path


def make_pack(root: Path, rules: dict[str, str], meta: str = "name: hostile\nprefix: HX\n") -> Path:
    root.mkdir(parents=True, exist_ok=True)
    (root / "pack.yaml").write_text(meta, encoding="utf-8")
    for name, body in rules.items():
        (root / f"{name}.yaml").write_text(body, encoding="utf-8")
    return root


def rule(check: str, params: str, message: str = "Found {where}", name: str = "hostile-rule") -> str:
    return f"code: HX001\nname: {name}\nseverity: warning\ncheck: {check}\nparams: {params}\nmessage: {message!r}\n{EXAMPLE}"


def check_and_list(pack: Path, submission: Path):
    watch = [pack, submission.parent]
    return run_cli("check", "--today", "2026-11-23", "--rules", pack, submission, watch=watch), run_cli("rules", "--rules", pack, watch=watch)


CATASTROPHIC = ["(a+)+$", "(a|a)*$", "(a|aa)+$", "(a*)*b", "(x+x+)+y", "((a+)+)+!x", "(.*a){20}$", "^(([a-z])+.)+[A-Z]([a-z])+$"]


PLACES = ["patterns", "match", "blank_if", "core-data"]


@pytest.mark.parametrize(("pattern", "where"), [(p, PLACES[i % len(PLACES)]) for i, p in enumerate(CATASTROPHIC)])
def test_a_catastrophic_pattern_is_checked_in_linear_time(tmp_path, submission, pattern, where):
    quoted = "'" + pattern.replace("'", "''") + "'"
    if where == "patterns":
        pack = make_pack(tmp_path / "p", {"hostile-rule": rule("must-not-contain", f"{{in: all-text, patterns: [{quoted}]}}")})
    elif where == "match":
        pack = make_pack(tmp_path / "p", {"hostile-rule": rule("pattern", f"{{field: organisation, match: {quoted}}}")})
    elif where == "blank_if":
        pack = make_pack(tmp_path / "p", {"hostile-rule": rule("required-field", f"{{field: organisation, blank_if: {quoted}}}")})
    else:  # added to the core rule TC103's own list through pack data
        pack = make_pack(tmp_path / "p", {}, meta=f"name: hostile\nprefix: HX\ndata:\n  placeholder_patterns: [{quoted}]\n")
    checked, listed = check_and_list(pack, submission)
    assert checked.code in (0, 1) and "TC000" not in checked.stdout, checked.stdout[-1000:]
    assert listed.code == 0


UNSUPPORTED = {
    "5,000 nested groups": "(" * 5000 + "a" + ")" * 5000,
    "a{4294967296}": "a{4294967296}",
    "a{1001}": "a{1001}",
    "nested repeats": "(a{1000}){1000}",
    "look-behind": "(?<=x)y",
    "look-ahead": "x(?!y)",
    "back-reference": "(a)\\1",
    "unbalanced": "([a-z]",
    "possessive": "a++",
    "very long": "ab" * 3000,
}


@pytest.mark.parametrize("pattern", UNSUPPORTED.values(), ids=UNSUPPORTED.keys())
def test_a_pattern_re2_cannot_run_is_one_line_naming_the_file_and_line(tmp_path, submission, pattern):
    quoted = "'" + pattern.replace("'", "''") + "'"
    pack = make_pack(tmp_path / "p", {"hostile-rule": rule("must-not-contain", f"\n  in: all-text\n  patterns: [{quoted}]")})
    checked, listed = check_and_list(pack, submission)
    for run in (checked, listed):
        assert_refused(run, pack / "hostile-rule.yaml", "line 7:")
        assert "regular expression" in run.stderr


def test_a_lone_surrogate_in_a_pattern_is_refused(tmp_path, submission):
    pack = make_pack(tmp_path / "p", {"hostile-rule": rule("pattern", '{field: organisation, match: "\\ud800"}')})
    for run in check_and_list(pack, submission):
        assert_refused(run, pack / "hostile-rule.yaml", "line 5:")


def test_a_bad_pattern_added_to_core_data_names_the_pack_that_added_it(tmp_path, submission):
    pack = make_pack(tmp_path / "p", {}, meta="name: hostile\nprefix: HX\ndata:\n  placeholder_patterns: ['(?<=x)y']\n")
    for run in check_and_list(pack, submission):
        assert_refused(run, pack / "pack.yaml", "line 4:")
        assert "placeholder_patterns" in run.stderr


@pytest.mark.parametrize(("data", "line"), [
    ("  word_minimums: {'1': 0}\n", 4),  # a mapping of the core pack
    ("  signoff_max_days_apart: 100000\n", 4),  # a number
    ("  placeholder_patterns: 'x'\n", 4),  # a list replaced by text
    ("  reason_cues: {a: b}\n", 4),  # a list replaced by a mapping
])
def test_pack_data_never_silently_replaces_core_data(tmp_path, submission, data, line):
    pack = make_pack(tmp_path / "p", {}, meta="name: hostile\nprefix: HX\ndata:\n" + data)
    name = data.split(":")[0].strip()
    for run in check_and_list(pack, submission):
        assert_refused(run, pack / "pack.yaml", f"line {line}:")
        assert repr(name) in run.stderr


def test_a_declared_replacement_is_allowed(tmp_path, submission):
    meta = "name: hostile\nprefix: HX\nreplaces: [word_minimums]\ndata:\n  word_minimums: {'1': 1, '2': 1, '3': 1, '4': 1, '5': 1, '6': 1, '7': 1, '8': 1}\n"
    pack = make_pack(tmp_path / "p", {}, meta=meta)
    checked, listed = check_and_list(pack, submission)
    assert checked.code in (0, 1) and "TC102" not in checked.stdout and listed.code == 0


@pytest.mark.parametrize("meta", [
    "name: hostile\nprefix: HX\nreplaces: [nothing_by_this_name]\ndata:\n  nothing_by_this_name: [x]\n",
    "name: hostile\nprefix: HX\nreplaces: [word_minimums]\n",
    "name: hostile\nprefix: HX\nreplaces: [word_minimums]\ndata:\n  word_minimums: [1, 2]\n",
])
def test_a_bad_replacement_is_refused(tmp_path, submission, meta):
    pack = make_pack(tmp_path / "p", {}, meta=meta)
    for run in check_and_list(pack, submission):
        assert_refused(run, pack / "pack.yaml")


def laughs(levels: int, width: int, indent: str = "  ") -> str:
    """The "billion laughs": each level an anchored list of ``width`` aliases of the level below."""
    lines = [f"{indent}l0: &l0 [" + ", ".join(["lol"] * width) + "]"]
    for i in range(1, levels):
        lines.append(f"{indent}l{i}: &l{i} [" + ", ".join([f"*l{i - 1}"] * width) + "]")
    return "\n".join(lines) + "\n"


@pytest.mark.parametrize("target", ["pack.yaml", "rule"])
@pytest.mark.parametrize(("levels", "width"), [(9, 9), (30, 2), (6, 40)])
def test_a_yaml_alias_bomb_is_refused_before_it_expands(tmp_path, submission, target, levels, width):
    if target == "pack.yaml":
        pack = make_pack(tmp_path / "p", {}, meta="name: hostile\nprefix: HX\ndata:\n" + laughs(levels, width))
        refused = pack / "pack.yaml"
    else:
        body = rule("must-mention", f"{{question: 1, phrases: *l{levels - 1}}}") + "since:\n" + laughs(levels, width)
        pack = make_pack(tmp_path / "p", {"hostile-rule": body})
        refused = pack / "hostile-rule.yaml"
    for run in check_and_list(pack, submission):
        assert_refused(run, refused)


@pytest.mark.parametrize(("name", "data"), [
    ("recursive alias", "  x: &x [1, *x]\n"),
    ("recursive mapping", "  x: &x {a: *x}\n"),
    ("nested 60 deep", "  x: " + "[" * 60 + "]" * 60 + "\n"),
    ("nested 5,000 deep", "  x: " + "[" * 5000 + "]" * 5000 + "\n"),
    ("a list as a key", "  ? [a, b]\n  : 1\n"),
    ("a mapping as a key", "  ? {a: b}\n  : 1\n"),
    ("a number as a data name", "  1: [x]\n"),
    ("a tab-indented value", "  x:\n\t- y\n"),
    ("a python tag", "  x: !!python/object/apply:os.system ['true']\n"),
])
def test_odd_yaml_structures_are_one_line_errors(tmp_path, submission, name, data):
    pack = make_pack(tmp_path / "p", {}, meta="name: hostile\nprefix: HX\ndata:\n" + data)
    for run in check_and_list(pack, submission):
        assert_refused(run, pack / "pack.yaml")


def test_a_pack_file_over_the_size_limit_is_refused_unread(tmp_path, submission):
    pack = make_pack(tmp_path / "p", {}, meta="name: hostile\nprefix: HX\ndata:\n  x: [" + "y, " * 400_000 + "z]\n")
    for run in check_and_list(pack, submission):
        assert run.code == 2 and str(pack / "pack.yaml") in run.stderr and "KiB" in run.stderr
        assert len(run.stderr.strip().splitlines()) == 1


@pytest.mark.parametrize("message", [
    "{where:>2000000000}",
    "{where:>{where}}",
    "{ref!r}",
    "{where.__class__}",
    "{where[0]}",
    "{0}",
    "{}",
    "a { b",
    "a } b",
    "{nothing_known}",
])
def test_a_message_template_beyond_plain_names_is_refused_at_load(tmp_path, submission, message):
    pack = make_pack(tmp_path / "p", {"hostile-rule": rule("required-field", "{field: organisation}", message)})
    for run in check_and_list(pack, submission):
        assert_refused(run, pack / "hostile-rule.yaml", "line 6:")
        assert "placeholder" in run.stderr


VALID_RULE = textwrap.dedent("""\
    code: HX001
    name: hostile-rule
    severity: warning
    check: must-not-contain
    params:
      in: all-text
      phrases: [synergy, "to be confirmed"]
      patterns: ['\\bTBC\\b', '(?i)lorem ipsum']
    message: "Found \\"{text}\\" in {where}"
    why: Our panel asks for it.
    example: {fails: "it fails", passes: "it passes"}
    """)
VALID_META = "name: hostile\nprefix: HX\ndata:\n  charters: [Athena SWAN, &c Race Equality Charter, *c]\nseverities: {HX001: error}\n"
YAML_BITS = ["&a ", "*a ", "!!str ", "!!binary ", "? ", ": ", "- ", "[", "]", "{", "}", "'", '"', "\\", "\n", "\t", "#", "%YAML 1.1\n",
             "{where:>999999999}", "(a+)+$", "\ud800", "\x00", "\x1b]0;x\x07", "~", "<<: *a\n", "---\n", "...\n"]


def mutated_pack(folder: Path, which: str, cuts: list[tuple[int, int, str]]) -> Path:
    """The valid pack with ``cuts`` (position, characters dropped, text inserted) applied to one of its files."""
    text = VALID_RULE if which == "rule" else VALID_META
    for at, drop, insert in cuts:
        at = min(at, len(text))
        text = text[:at] + insert + text[at + drop:]
    (folder / "pack.yaml").write_bytes((text if which == "meta" else VALID_META).encode("utf-8", "surrogatepass"))
    (folder / "hostile-rule.yaml").write_bytes((text if which == "rule" else VALID_RULE).encode("utf-8", "surrogatepass"))
    return folder


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])
@given(
    which=st.sampled_from(["rule", "meta"]),
    cuts=st.lists(st.tuples(st.integers(0, 400), st.integers(0, 12), st.one_of(st.sampled_from(YAML_BITS), st.text(max_size=6))), min_size=1, max_size=4),
)
def test_mutated_packs_never_crash(tmp_path_factory, submission, which, cuts):
    pack = mutated_pack(tmp_path_factory.mktemp("mutated"), which, cuts)
    for run in check_and_list(pack, submission):
        if run.code == 2:
            [line] = run.stderr.strip().splitlines()
            assert str(pack) in line, line


def test_more_phrases_than_one_pattern_can_hold_are_refused_at_the_data_line(tmp_path, submission):
    # Two packs of 30,000 phrases each fit the file limit; together they are over RE2's memory bound.
    phrases = [f"word{i} thing{i}" for i in range(60_000)]
    first = make_pack(tmp_path / "a", {}, meta=f"name: first\nprefix: HA\ndata:\n  technician_people: [{', '.join(phrases[:30_000])}]\n")
    second = make_pack(tmp_path / "b", {}, meta=f"name: second\nprefix: HB\ndata:\n  technician_people: [{', '.join(phrases[30_000:])}]\n")
    watch = [first, second, submission.parent]
    checked = run_cli("check", "--rules", first, "--rules", second, submission, watch=watch)
    listed = run_cli("rules", "--rules", first, "--rules", second, watch=watch)
    for run in (checked, listed):
        assert_refused(run, second / "pack.yaml", "line 4:")  # the pack whose addition is one too many
        assert "too many or too long phrases" in run.stderr
