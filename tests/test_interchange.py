"""The ``*.tcdesk.json`` interchange form: lossless both ways, and every problem named by its JSON path."""

from __future__ import annotations

import json
import tempfile
from datetime import date
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tcdesk import interchange
from tcdesk.errors import InvalidInputError
from tcdesk.model import (
    QUESTION_NUMBERS,
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
from tcdesk.storage import load_project, save_project

text = st.text(max_size=40)
talent = st.lists(st.from_regex(r"R[0-9]{1,2}", fullmatch=True), max_size=4)
days = st.dates(min_value=date(1990, 1, 1), max_value=date(2100, 12, 31))
due = st.one_of(st.just(""), days.map(date.isoformat), days.map(lambda d: d.strftime("%Y-%m")))

# Identities as the editor makes them, or as an older file gets them by position.
action_ids = st.uuids().map(lambda u: u.hex) | st.integers(1, 9).map(lambda n: f"previous-{n}")
previous_actions = st.builds(
    PreviousAction,
    ref=text,
    pillar=st.none() | st.sampled_from(Pillar),
    action=text,
    collaborators=text,
    success_measures=text,
    progress=text,
    explanation=text,
    talent=talent,
    rag=st.none() | st.sampled_from(Rag),
    id=action_ids,
)
new_actions = st.builds(
    NewAction,
    ref=text,
    pillar=st.none() | st.sampled_from(Pillar),
    action=text,
    owner=text,
    collaborators=text,
    due=due,
    success_measures=text,
    resourcing=text,
    talent=talent,
    carried_from=text,
    id=action_ids,
)
signatories = st.builds(Signatory, name=text, role=text, date=st.none() | days)
answers = st.fixed_dictionaries({n: text for n in QUESTION_NUMBERS}) | st.builds(
    lambda base, extra: {**extra, **base},
    st.fixed_dictionaries({n: text for n in QUESTION_NUMBERS}),
    st.dictionaries(st.from_regex(r"[1-9][0-9]{0,2}", fullmatch=True), text, max_size=2),
)
submissions = st.builds(
    Submission,
    organisation=text,
    leads=st.lists(st.builds(Lead, name=text, role=text, email=text), max_size=3),
    answers=answers,
    webpage_url=text,
    previous_plan=st.builds(PreviousPlan, period=text, actions=st.lists(previous_actions, max_size=5, unique_by=lambda a: a.id)),
    new_plan=st.builds(NewPlan, period=text, actions=st.lists(new_actions, max_size=5, unique_by=lambda a: a.id)),
    signoff=st.builds(SignOff, lead=signatories, leader=signatories),
    attachments=st.lists(
        st.builds(
            Attachment,
            name=st.text(min_size=1, max_size=20),
            kind=st.sampled_from(AttachmentKind),
            media_type=st.sampled_from(["image/png", "image/jpeg", "application/pdf", ""]),
            data=st.binary(max_size=300),
        ),
        max_size=3,
    ),
    template=st.text(min_size=1, max_size=20),
    last_time=st.dictionaries(st.sampled_from(QUESTION_NUMBERS), text, max_size=8),
    renewed_from=text,
)


@settings(deadline=None)  # the build machines run tests in parallel; timing is for benchmarks/
@given(submissions)
def test_model_to_json_and_back_is_exact(sub):
    assert interchange.loads(interchange.dumps(sub)) == sub


@settings(deadline=None)
@given(submissions)
def test_json_to_model_to_json_gives_the_same_dict(sub):
    data = json.loads(interchange.dumps(sub))
    assert interchange.to_dict(interchange.from_dict(data)) == data


@settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(submissions)
def test_project_to_json_to_project_gives_the_same_submission(sub):
    with tempfile.TemporaryDirectory() as tmp:
        first, json_file, second = Path(tmp, "a.tcdesk"), Path(tmp, "a.tcdesk.json"), Path(tmp, "b.tcdesk")
        save_project(sub, first)
        interchange.write(load_project(first), json_file)
        save_project(interchange.read(json_file), second)
        assert load_project(second) == sub


def test_missing_keys_and_nulls_mean_not_filled_in():
    sub = interchange.from_dict(
        {
            "format": "tcdesk-submission",
            "version": 1,
            "webpage_url": None,
            "previous_plan": {"period": None, "actions": [{"ref": "V01", "rag": None, "explanation": None}]},
            "signoff": {"lead": {"date": ""}},
        }
    )
    assert sub.webpage_url == "" and sub.previous_plan.period == ""
    # A file from before actions had identities: they are given by position.
    assert sub.previous_plan.actions == [PreviousAction(ref="V01", id="previous-1")]
    assert sub.signoff.lead.date is None and sub.answers == {n: "" for n in QUESTION_NUMBERS}


def _with(mutate) -> dict:
    data = interchange.to_dict(Submission())
    data["previous_plan"]["actions"] = [{"ref": f"V0{i}", "rag": "green"} for i in range(3)]
    data["new_plan"]["actions"] = [{"ref": "V01", "due": "2025-07"}]
    mutate(data)
    return data


@pytest.mark.parametrize(
    ("mutate", "where"),
    [
        (lambda d: d["previous_plan"]["actions"][2].update(rag="purple"), "$.previous_plan.actions[2].rag"),
        (lambda d: d["previous_plan"]["actions"][1].update(pillar="teaching"), "$.previous_plan.actions[1].pillar"),
        (
            lambda d: d["previous_plan"]["actions"][0].update(talent=["R1", "T2"]),
            "$.previous_plan.actions[0].talent[1]",
        ),
        (lambda d: d["new_plan"]["actions"][0].update(due="July 2025"), "$.new_plan.actions[0].due"),
        (lambda d: d["signoff"]["leader"].update(date="31/01/2025"), "$.signoff.leader.date"),
        (lambda d: d["leads"].append({"name": 42}), "$.leads[0].name"),
        (lambda d: d["answers"].update({"x": "text"}), "$.answers"),
        (lambda d: d.update(version=2), "$.version"),
        (lambda d: d.update(last_time={"3": 7}), "$.last_time.3"),
        (lambda d: d.update(attachments=[{"name": "a.png", "kind": "figure", "media_type": "image/png"}]),
         "$.attachments[0]"),
    ],
)
def test_invalid_interchange_names_the_json_path_of_the_problem(tmp_path, mutate, where):
    path = tmp_path / "bad.tcdesk.json"
    path.write_text(json.dumps(_with(mutate)), encoding="utf-8")
    with pytest.raises(InvalidInputError) as caught:
        interchange.read(path)
    assert caught.value.where == where
    assert str(caught.value).startswith(f"{path}: {where}: ")


def test_bad_base64_in_an_attachment_names_its_path():
    data = _with(lambda d: d.update(attachments=[{"name": "a", "kind": "figure", "media_type": "", "data": "@@"}]))
    with pytest.raises(InvalidInputError) as caught:
        interchange.from_dict(data)
    assert caught.value.where == "$.attachments[0].data"


def test_json_syntax_error_names_line_and_column(tmp_path):
    path = tmp_path / "bad.tcdesk.json"
    path.write_text('{\n  "format": "tcdesk-submission",\n  "version": 1,,\n}', encoding="utf-8")
    with pytest.raises(InvalidInputError, match=r"line 3, column 16: not valid JSON"):
        interchange.read(path)


def test_file_is_utf8_with_unicode_kept_readable(tmp_path):
    sub = Submission(organisation="Siân Ó Súilleabháin – “Dafydd ap Gwynedd” 🔬")
    path = tmp_path / "a.tcdesk.json"
    interchange.write(sub, path)
    assert "Siân Ó Súilleabháin – “Dafydd ap Gwynedd” 🔬" in path.read_text(encoding="utf-8")
    assert interchange.read(path) == sub


def test_a_key_given_twice_is_refused_naming_its_object_not_read_as_the_last(tmp_path):
    # A text merge of two versions of a file can leave an answer twice; Python's json kept the last
    # and the other answer was lost without a word.
    text = interchange.dumps(Submission(answers={"1": "Mine."}))
    text = text.replace('"1": "Mine."', '"1": "Mine.",\n    "1": "Theirs."')
    path = tmp_path / "merged-by-hand.tcdesk.json"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(InvalidInputError) as caught:
        interchange.read(path)
    assert caught.value.where == "$.answers"
    assert str(caught.value) == f"{path}: $.answers: the key '1' is given twice; which one is meant is not known"


def test_a_key_given_twice_deep_inside_a_list_is_named_by_its_path():
    text = interchange.dumps(Submission(leads=[Lead("A"), Lead("B")])).replace('"name": "B"', '"name": "B", "name": "C"')
    with pytest.raises(InvalidInputError) as caught:
        interchange.loads(text)
    assert caught.value.where == "$.leads[1]"


def test_a_file_larger_than_any_submission_is_refused_before_it_is_read(tmp_path):
    # Sparse: 3 GiB on paper, no disk used; reading it whole would take minutes and 3 GiB of memory.
    huge = tmp_path / "huge.tcdesk.json"
    with huge.open("wb") as fh:
        fh.write(b'{"format": "tcdesk-submission", "answers": {"1": "')
        fh.truncate(3 * 2**30)
    with pytest.raises(InvalidInputError) as err:
        interchange.read(huge)
    assert str(err.value) == f"{huge}: the file is too large to be a tcdesk submission (3,072 MiB; limit 200 MiB)"


def test_the_size_limit_is_far_above_a_real_seven_times_plan(tmp_path):
    sub = Submission(organisation="University of Example")
    sub.previous_plan.actions = [PreviousAction(ref=f"R{i}", action="Career map, skills, pay", progress="Done, " * 20)
                                 for i in range(71 * 7)]
    path = tmp_path / "seven.tcdesk.json"
    interchange.write(sub, path)
    assert path.stat().st_size * 100 < interchange.MAX_SUBMISSION_BYTES
    assert interchange.read(path).previous_plan.actions[-1].ref == f"R{71 * 7 - 1}"


def test_a_file_of_millions_of_tiny_items_is_refused_before_it_is_parsed(tmp_path):
    # 17 MiB of '"a",': parsed, it would be 4.5 million strings (about 250 MB of objects).
    many = tmp_path / "many.tcdesk.json"
    many.write_bytes(b'{"format": "tcdesk-submission", "x": [' + b'"a",' * 4_500_000 + b'"a"]}')
    with pytest.raises(InvalidInputError) as err:
        interchange.read(many)
    assert str(err.value) == (f"{many}: more than 4,000,000 items (values in lists and objects); "
                              "a submission of 100,000 actions has about 1,600,000")


@pytest.mark.parametrize("edit,where", [
    (lambda d: d.update(answrs={"1": "Our answer, under a misspelt key."}), "$.answrs"),
    (lambda d: d["previous_plan"]["actions"][0].update(colour="red"), "$.previous_plan.actions[0].colour"),
    (lambda d: d["signoff"]["lead"].update(signature="Ada"), "$.signoff.lead.signature"),
    (lambda d: d["leads"][0].update(phone="01227"), "$.leads[0].phone"),
])
def test_a_key_tcdesk_does_not_know_is_refused_rather_than_dropped(tmp_path, edit, where):
    # Reading would ignore it and the next save would lose what it holds without a word.
    sub = Submission(organisation="University of Kent", leads=[Lead("Ada", "Lead", "ada@kent.ac.uk")])
    sub.previous_plan.actions = [PreviousAction(ref="V01", action="Awards")]
    data = interchange.to_dict(sub)
    edit(data)
    path = tmp_path / "edited.tcdesk.json"
    path.write_text(json.dumps(data), encoding="utf-8")
    with pytest.raises(InvalidInputError) as err:
        interchange.read(path)
    key = where.rsplit(".", 1)[1]
    assert str(err.value) == (f"{path}: {where}: unknown key {key!r}: tcdesk would not read what it holds, and saving "
                              "would lose it (a misspelt key, or one from a newer tcdesk)")
