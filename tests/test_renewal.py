"""Renewal: last cycle's new plan becomes the plan to rate, everything else carried or emptied as the form needs."""

from __future__ import annotations

import copy
from datetime import date

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from tcdesk.errors import InvalidInputError
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
from tcdesk.renewal import NoNewPlanError, renew, roll_period


def last_cycle() -> Submission:
    return Submission(
        organisation="University of Northmoor",
        leads=[Lead("Siân Ó Súilleabháin", "Head of Technical Services", "s.o@northmoor.ac.uk")],
        answers={"1": "We have 240 technicians.", "3": "", "8": "https://northmoor.ac.uk/tc"},
        webpage_url="https://northmoor.ac.uk/tc",
        previous_plan=PreviousPlan("2021-2024", [PreviousAction("V01", Pillar.VISIBILITY, "Old", rag=Rag.GREEN)]),
        new_plan=NewPlan(
            "2024-2027",
            [
                NewAction("V01", Pillar.VISIBILITY, "Showcase", "Siân", "Faculties", "2025-07", "Held yearly",
                          "£5,000", ["R2", "R11"], "V01"),
                NewAction("C02", Pillar.CAREER_DEVELOPMENT, "Mentoring", "", "HR", "", "", "", [], ""),
                NewAction("S01", None, "No pillar yet", "HR", "HR and faculties", "", "Map done", "", ["R9"], ""),
            ],
        ),
        signoff=SignOff(Signatory("Siân", "Lead", date(2024, 1, 31)), Signatory("Dafydd", "VC", date(2024, 1, 31))),
        attachments=[
            Attachment("staff.png", AttachmentKind.FIGURE, "image/png", b"png"),
            Attachment("unused.png", AttachmentKind.FIGURE, "image/png", b"png2"),
            Attachment("appendix.pdf", AttachmentKind.APPENDIX, "application/pdf", b"%PDF"),
        ],
        last_time={"1": "two cycles ago"},
        renewed_from="northmoor-2021.tcdesk",
    )


@pytest.mark.parametrize("reference", ["attachment:café 1.png", "<attachment:café 1.png>", "attachment:caf%C3%A9%201.png"])
def test_a_figure_named_beyond_ascii_travels_with_last_times_answer_however_it_is_written(reference):
    last = last_cycle()
    last.attachments.append(Attachment("café 1.png", AttachmentKind.FIGURE, "image/png", b"png3"))
    last.answers["2"] = f"![Café]({reference})"
    assert [a.name for a in renew(last, "last.tcdesk").submission.attachments] == ["café 1.png"]


def test_the_new_plan_becomes_the_previous_plan_unrated_with_everything_the_user_wrote():
    last = last_cycle()
    last.answers["1"] += "\n\n![Staff](attachment:staff.png)"
    before = copy.deepcopy(last)
    sub = renew(last, "northmoor-2024.docx").submission
    assert last == before  # last cycle is never changed
    assert sub.previous_plan.period == "2024-2027" and sub.new_plan == NewPlan("2027-2030", [])
    assert [a.ref for a in sub.previous_plan.actions] == ["V01", "C02", "S01"]
    assert all(a.rag is None and a.progress == "" and a.explanation == "" for a in sub.previous_plan.actions)
    first, second, third = sub.previous_plan.actions
    assert (first.pillar, first.action, first.talent) == (Pillar.VISIBILITY, "Showcase", ["R2", "R11"])
    assert first.collaborators == "Siân; Faculties"  # the owner leads the collaborators
    assert first.success_measures == "Held yearly\nDue: 2025-07"
    # Each action keeps its identity into the next cycle, so contributions to either still merge.
    assert second == PreviousAction("C02", Pillar.CAREER_DEVELOPMENT, "Mentoring", "HR", id=last.new_plan.actions[1].id)
    assert third.collaborators == "HR and faculties" and third.pillar is None  # owner already named
    assert first.talent is not last.new_plan.actions[0].talent
    # Each action keeps its identity, so next cycle's plan can say which action it carries on.
    assert [a.id for a in sub.previous_plan.actions] == [a.id for a in last.new_plan.actions]
    assert sub.organisation == last.organisation and sub.leads == last.leads and sub.webpage_url == last.webpage_url
    assert sub.answers == {n: "" for n in "12345678"}
    assert sub.last_time == {"1": last.answers["1"], "8": "https://northmoor.ac.uk/tc"}
    assert sub.signoff == SignOff(Signatory("Siân", "Lead", None), Signatory("Dafydd", "VC", None))
    assert [a.name for a in sub.attachments] == ["staff.png"]  # the figure last time's answer shows
    assert sub.renewed_from == "northmoor-2024.docx" and sub.template == last.template


def test_resourcing_that_has_no_column_to_go_to_is_named_not_dropped_silently():
    notes = renew(last_cycle(), "northmoor-2024.docx").notes
    assert any("resourcing of 1 action(s) is not carried" in n for n in notes)
    quiet = last_cycle()
    quiet.new_plan.actions[0].resourcing = ""
    assert not any("resourcing" in n for n in renew(quiet, "northmoor-2024.docx").notes)


@pytest.mark.parametrize(
    ("period", "rolled"),
    [("2024-2027", "2027-2030"), ("2024–27", "2027-2030"), ("2021 to 2024", "2024-2027"), ("", ""), ("soon", "")],
)
def test_periods_roll_forward_36_months(period, rolled):
    assert roll_period(period) == rolled


def test_a_given_period_wins_and_a_bad_one_is_refused():
    assert renew(last_cycle(), period="2028-2031").submission.new_plan.period == "2028-2031"
    with pytest.raises(InvalidInputError, match="expected a period"):
        renew(last_cycle(), period="next year")


def test_no_new_plan_says_so_and_can_rate_the_previous_plan_again():
    last = last_cycle()
    last.new_plan = NewPlan()
    last.previous_plan.actions[0].progress = "Done"
    with pytest.raises(NoNewPlanError, match=r"no new action plan.*previous plan \(1 actions, 2021-2024\)") as caught:
        renew(last, "rag-only.docx")
    assert caught.value.previous_actions == 1 and str(caught.value.path) == "rag-only.docx"
    renewal = renew(last, "rag-only.docx", from_previous_plan=True)
    again = PreviousAction("V01", Pillar.VISIBILITY, "Old", id=last.previous_plan.actions[0].id)
    assert renewal.submission.previous_plan == PreviousPlan("2021-2024", [again])
    assert renewal.submission.new_plan.period == "2024-2027"
    assert any("no new plan" in note for note in renewal.notes)


def test_renewing_twice_in_a_row():
    first = renew(last_cycle(), "2024.tcdesk").submission
    first.answers["1"] = "This cycle: 260 technicians."
    first.new_plan.actions.append(NewAction("R01", Pillar.RECOGNITION, "Awards", talent=["R3"]))
    second = renew(first, "2027.tcdesk").submission
    assert second.previous_plan == PreviousPlan("2027-2030", [PreviousAction("R01", Pillar.RECOGNITION, "Awards",
                                                                            talent=["R3"], id=first.new_plan.actions[-1].id)])
    assert second.new_plan.period == "2030-2033" and second.last_time == {"1": "This cycle: 260 technicians."}
    assert second.renewed_from == "2027.tcdesk"


text = st.text(max_size=15)


@settings(deadline=None)
@given(st.lists(st.builds(NewAction, ref=text, pillar=st.none() | st.sampled_from(Pillar), action=text, owner=text,
                          collaborators=text, due=text, success_measures=text, talent=st.lists(text, max_size=3)),
                min_size=1, max_size=5))
def test_every_action_keeps_its_ref_pillar_text_and_codes_and_is_unrated(actions):
    sub = renew(Submission(new_plan=NewPlan("2024-2027", actions))).submission
    assert [(a.ref, a.pillar, a.action, a.talent, a.rag) for a in sub.previous_plan.actions] == [
        (a.ref, a.pillar, a.action, a.talent, None) for a in actions
    ]
    for old, new in zip(actions, sub.previous_plan.actions, strict=True):
        assert old.collaborators.strip() in new.collaborators and old.owner.strip() in new.collaborators
        assert old.success_measures.strip() in new.success_measures and old.due.strip() in new.success_measures


@pytest.mark.parametrize(
    ("owner", "collaborators", "carried"),
    [
        ("Ann", "Annette Lee", "Ann; Annette Lee"),  # a name inside another word is not the owner named
        ("HR", "HRM team", "HR; HRM team"),
        ("HR", "HR and faculties", "HR and faculties"),  # named as a word: not repeated
        ("Dr. Patel", "Dr. Patel, Estates", "Dr. Patel, Estates"),
        (" Head of Labs ", "", "Head of Labs"),
    ],
)
def test_the_owner_is_dropped_only_when_the_collaborators_name_it(owner, collaborators, carried):
    last = Submission(new_plan=NewPlan("2024-2027", [NewAction("V01", Pillar.VISIBILITY, "Act", owner, collaborators)]))
    assert renew(last).submission.previous_plan.actions[0].collaborators == carried
