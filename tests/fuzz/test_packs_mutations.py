"""Many mutations of a valid rule pack, loaded in-process: only ever a one-line RulePackError naming the place.

The child-process suite (test_packs_hostile.py) proves the limits with a few dozen runs; this one
runs hundreds of generated packs quickly, so an odd value that slips past validation shows up as
any other exception.
"""

from __future__ import annotations

import sys
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

sys.path.insert(0, str(Path(__file__).resolve().parent))

from test_packs_hostile import YAML_BITS, mutated_pack

from tcdesk.rules.engine import build_rule_set
from tcdesk.rules.packs import RulePackError

VALUES = ["{", "}", "[", "]", ": ", "- ", "$x", "$charters", "groups: {a: [b]}", "null", "~", "1e400", "-1", "true",
          "[1, 2]", "{a: 1}", "!!float nan", "!!int x", "!!timestamp x", "? [a]\n: b", "params: [1]\n", "message: 3\n",
          "example: 7\n", "severities: [1]\n", "replaces: [charters]\n", "plan: [a]", "field: [a, [b]]", "question: {a: 1}",
          "min: {1: x}", "require: [x]", "in: [a]", "match: 5", "blank_if: [x]", "ignore_case: [1]", "check: pattern\n"]


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])
@given(
    which=st.sampled_from(["rule", "meta"]),
    cuts=st.lists(st.tuples(st.integers(0, 400), st.integers(0, 12), st.sampled_from(YAML_BITS + VALUES)), min_size=1, max_size=4),
)
def test_a_mutated_pack_loads_or_is_refused_with_its_place(tmp_path_factory, pm, which, cuts):
    pack = mutated_pack(tmp_path_factory.mktemp("mutated"), which, cuts)
    try:
        build_rule_set(pm, [pack], include_user_rules=False)
    except RulePackError as exc:
        assert "\n" not in str(exc) and exc.path is not None and str(pack) in str(exc.path)
        assert exc.where, str(exc)  # every problem inside a file names its line (or byte)
