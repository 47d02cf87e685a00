"""The form, the TALENT list and the pillars are data, and the data matches the official form."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from tcdesk.model import Pillar
from tcdesk.template import load_template, pillar_data, talent_codes, talent_recommendations, talent_title

FORM = Path(__file__).resolve().parents[2] / "shared" / "domain" / "renewal-form.md"


def _official_questions() -> dict[str, str]:
    blocks = re.findall(r"```text\n(.*?)```", FORM.read_text(encoding="utf-8"), re.S)
    found = {}
    for block in blocks:
        m = re.match(r"(\d)\. (.*)", block.strip(), re.S)
        if m:
            found[m.group(1)] = m.group(2).strip()
    return found


@pytest.mark.skipif(not FORM.exists(), reason="the domain folder is not beside the checkout")
def test_question_texts_are_the_official_wording_word_for_word():
    official = _official_questions()
    template = load_template()
    assert [q.number for q in template.questions] == list("12345678")
    for q in template.questions:
        assert q.text == official[q.number]


def test_template_carries_guidance_signoff_and_windows():
    t = load_template("tc-renewal")
    assert "RAG" in t.guidance and "end of January and end of July" in t.guidance
    assert t.signoff_leader.label.endswith("Leader of Institution")
    assert t.submission_windows == (1, 7)
    assert t.question(3).kind == "previous-plan" and t.question(6).kind == "new-plan"


def test_unknown_template_is_a_clear_error():
    from tcdesk.errors import InvalidInputError

    with pytest.raises(InvalidInputError, match="no template 'tc-initial'"):
        load_template("tc-initial")


def test_talent_list_has_sixteen_codes_with_titles_and_confidence():
    recs = talent_recommendations()
    assert [r.code for r in recs] == [f"R{i}" for i in range(1, 17)]
    assert talent_codes() == frozenset(f"R{i}" for i in range(1, 17))
    assert "career pathways" in talent_title("R9")
    assert {r.confidence for r in recs} <= {"medium", "low", "unknown"}


def test_pillars_are_data_with_letters_matching_the_enum():
    data = pillar_data()
    assert set(data) == {p.value for p in Pillar}
    assert [p.letter for p in Pillar] == ["V", "R", "C", "S"]
    assert Pillar.from_letter("s") is Pillar.SUSTAINABILITY and Pillar.from_letter("X") is None
