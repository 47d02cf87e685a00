"""Invariants of the submission model: plain data, independent defaults, pillar and RAG vocabularies."""

from __future__ import annotations

import copy
import dataclasses
import subprocess
import sys
from datetime import date

import pytest

from tcdesk.model import (
    NEW_TEXT_FIELDS,
    PREVIOUS_TEXT_FIELDS,
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
    actions_by_pillar,
)


def test_a_new_submission_is_empty_and_uses_the_renewal_template():
    sub = Submission()
    assert sub.template == "tc-renewal"
    assert sub.answers == {n: "" for n in QUESTION_NUMBERS}
    assert sub.previous_plan == PreviousPlan() and sub.new_plan == NewPlan() and sub.signoff == SignOff()
    assert (sub.leads, sub.attachments, sub.organisation, sub.webpage_url) == ([], [], "", "")


def test_defaults_are_never_shared_between_instances():
    a, b = Submission(), Submission()
    a.answers["1"] = "mine"
    a.leads.append(object())  # type: ignore[arg-type]
    a.previous_plan.actions.append(PreviousAction(ref="V01"))
    a.signoff.lead.name = "Siân"
    assert b == Submission()
    x, y = PreviousAction(), NewAction()
    x.talent.append("R1")
    assert PreviousAction().talent == [] and y.talent == []


def test_equality_covers_every_field_including_attachment_bytes():
    base = Submission(attachments=[Attachment("f.png", AttachmentKind.FIGURE, "image/png", b"\x89PNG")])
    edits = {
        "organisation": "U",
        "leads": [Lead("A")],
        "answers": {**base.answers, "8": "https://x"},
        "webpage_url": "https://x",
        "previous_plan": PreviousPlan(period="2021-2024"),
        "new_plan": NewPlan(actions=[NewAction()]),
        "signoff": SignOff(lead=Signatory(date=date(2025, 1, 31))),
        "attachments": [],
        "template": "other",
        "last_time": {"1": "last cycle"},
        "renewed_from": "last.tcdesk",
    }
    assert set(edits) == {f.name for f in dataclasses.fields(Submission)}
    for name, value in edits.items():
        assert dataclasses.replace(base, **{name: value}) != base, name
    assert copy.deepcopy(base) == base
    changed = copy.deepcopy(base)
    changed.attachments[0].data = b"\x89PNG!"
    assert changed != base
    assert "data" not in repr(base.attachments[0])  # blobs stay out of logs and test output


def test_unrated_and_unassigned_are_none_not_empty_strings():
    action = PreviousAction()
    assert action.rag is None and action.pillar is None
    assert NewAction().pillar is None


def test_pillar_codes_are_the_interchange_values_with_letters_for_refs():
    assert [p.value for p in Pillar] == ["visibility", "recognition", "career-development", "sustainability"]
    assert [p.letter for p in Pillar] == ["V", "R", "C", "S"]
    for pillar in Pillar:
        assert Pillar.from_letter(pillar.letter.lower()) is pillar
        assert pillar.label
    assert Pillar.from_letter("X") is None


def test_rag_values_and_labels():
    assert [r.value for r in Rag] == ["red", "amber", "green"]
    assert Rag("amber").label == "Amber"
    with pytest.raises(ValueError):
        Rag("purple")


def test_text_field_lists_name_real_fields_of_each_action():
    assert set(PREVIOUS_TEXT_FIELDS) <= {f.name for f in dataclasses.fields(PreviousAction)}
    assert set(NEW_TEXT_FIELDS) <= {f.name for f in dataclasses.fields(NewAction)}


def test_attachment_lookup_by_name():
    sub = Submission(attachments=[Attachment("a.pdf", AttachmentKind.APPENDIX, "application/pdf", b"%PDF")])
    assert sub.attachment("a.pdf") is sub.attachments[0]
    assert sub.attachment("b.pdf") is None


def test_actions_by_pillar_keeps_order_and_lists_every_pillar():
    actions = [
        NewAction(ref="V02", pillar=Pillar.VISIBILITY),
        NewAction(ref="X"),
        NewAction(ref="V01", pillar=Pillar.VISIBILITY),
    ]
    groups = actions_by_pillar(actions)
    assert list(groups)[:4] == list(Pillar)
    assert [a.ref for a in groups[Pillar.VISIBILITY]] == ["V02", "V01"]
    assert [a.ref for a in groups[None]] == ["X"]
    assert groups[Pillar.SUSTAINABILITY] == []


def test_model_imports_neither_qt_nor_sqlalchemy():
    code = (
        "import sys, tcdesk.model, tcdesk.interchange; "
        "bad = [m for m in sys.modules if m.split('.')[0] in ('PySide6', 'sqlalchemy', 'alembic')]; "
        "print(bad)"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert done.stdout.strip() == "[]"
