"""The compiled schema predicate agrees with jsonschema on every document, valid or not."""

from __future__ import annotations

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from jsonschema import Draft202012Validator

from tcdesk import interchange
from tcdesk.schema_check import compile_schema

SCHEMA = interchange.schema()
REFERENCE = Draft202012Validator(SCHEMA)
QUICK = compile_schema(SCHEMA)

json_values = st.recursive(
    st.none() | st.booleans() | st.integers(-3, 3) | st.floats(allow_nan=False, allow_infinity=False) | st.text(max_size=4),
    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=3), inner, max_size=3),
    max_leaves=6,
)


# Values close to what the schema accepts or rejects at one keyword or another.
PLAUSIBLE = [None, "", "x", "Technicians", "tcdesk-submission", "tcdesk", 1, 1.0, True, False, 2, "1", "01", "a",
             "visibility", "Visibility", "career-development", "red", "RED", "green", "figure", "appendix", "other",
             "R1", "R16", "r3", "R", "R1a", ["R1", "R2"], ["r1"], [], {}, "2026-08", "2026-13", "2026-08-31",
             "2026-08-32", "2026-8", "2026-07-20x", "20/07/2026", "aGk="]
replacements = st.sampled_from(PLAUSIBLE) | json_values


def _base() -> dict:
    from datetime import date

    from tcdesk.model import (
        Attachment,
        AttachmentKind,
        Lead,
        NewAction,
        NewPlan,
        Pillar,
        PreviousAction,
        PreviousPlan,
        Rag,
        Signatory,
        SignOff,
        Submission,
    )

    sub = Submission(
        organisation="Westbridge", leads=[Lead("A", "B", "c@d.e")], answers={"1": "Text", "8": ""},
        webpage_url="https://example.org",
        previous_plan=PreviousPlan("2023-2026", [PreviousAction("V01", Pillar.VISIBILITY, "Do", talent=["R1"], rag=Rag.RED)]),
        new_plan=NewPlan("2026-2029", [NewAction("V01", Pillar.VISIBILITY, "Do", "Me", due="2027-03", talent=["R2"])]),
        signoff=SignOff(Signatory("A", "B", date(2026, 7, 20)), Signatory("C", "D", None)),
        attachments=[Attachment("fig.png", AttachmentKind.FIGURE, "image/png", b"hi")],
    )
    return interchange.to_dict(sub)


def _paths(node, prefix=()):
    """Every place in ``node`` a value could be replaced, and a new key added in each mapping."""
    yield prefix
    if isinstance(node, dict):
        yield (*prefix, "?new")
        for key, value in node.items():
            yield from _paths(value, (*prefix, key))
    elif isinstance(node, list):
        for i, value in enumerate(node):
            yield from _paths(value, (*prefix, i))


BASE = _base()
PATHS = list(_paths(BASE))
NEW_KEYS = ["1", "9", "0", "01", "a", "ref", "talent", "extra"]


@st.composite
def documents(draw) -> object:
    """The valid base document with one to three places replaced, removed or added."""
    import copy

    doc = copy.deepcopy(BASE)
    for _ in range(draw(st.integers(1, 3))):
        path = draw(st.sampled_from(PATHS))
        if not path:
            return draw(replacements)
        parent = doc
        for part in path[:-1]:
            inside = (isinstance(parent, dict) and part in parent) or (
                isinstance(parent, list) and isinstance(part, int) and part < len(parent))
            if not inside:
                break
            parent = parent[part]
        else:
            last = path[-1]
            if last == "?new" and isinstance(parent, dict):
                parent[draw(st.sampled_from(NEW_KEYS))] = draw(replacements)
            elif isinstance(parent, dict) and last in parent and draw(st.booleans()):
                del parent[last]
            elif (isinstance(parent, dict) and last != "?new") or (isinstance(parent, list) and isinstance(last, int) and last < len(parent)):
                parent[last] = draw(replacements)
    return doc


def test_the_interchange_schema_compiles():
    assert QUICK is not None


@settings(max_examples=600, suppress_health_check=[HealthCheck.too_slow])
@given(documents())
def test_compiled_schema_agrees_with_jsonschema(doc):
    assert QUICK(doc) == REFERENCE.is_valid(doc)


def _replaced(path: tuple, value) -> object:
    import copy

    doc = copy.deepcopy(BASE)
    if not path:
        return value
    parent = doc
    for part in path[:-1]:
        parent = parent[part]
    if path[-1] == "?new":
        parent["9" if path[-2:-1] == ("answers",) else "a"] = value
    else:
        parent[path[-1]] = value
    return doc


def test_every_single_replacement_gets_the_same_verdict():
    for path in PATHS:
        for value in PLAUSIBLE:
            doc = _replaced(path, value)
            assert QUICK(doc) == REFERENCE.is_valid(doc), (path, value)


@given(st.sampled_from([1, 1.0, True, False, 0, "1", None]))
def test_const_tells_booleans_from_numbers_as_jsonschema_does(value):
    schema = {"const": 1}
    assert compile_schema(schema)(value) == Draft202012Validator(schema).is_valid(value)


@pytest.mark.parametrize("schema", [
    {"type": "object", "patternProperties": {"^a": {"type": "string"}}},
    {"$ref": "https://example.org/other.json"},
    {"prefixItems": [{"type": "string"}]},
    {"type": "decimal"},
])
def test_a_schema_beyond_the_subset_gives_no_predicate(schema):
    assert compile_schema(schema) is None


def test_valid_file_is_read_without_importing_jsonschema(tmp_path):
    import subprocess
    import sys

    from tcdesk.model import Submission

    path = tmp_path / "a.tcdesk.json"
    interchange.write(Submission(organisation="Westbridge"), path)
    code = f"import sys; from tcdesk import interchange; interchange.read({str(path)!r}); print('jsonschema' in sys.modules)"
    assert subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout.strip() == "False"
