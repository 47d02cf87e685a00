"""Plan commands: next refs, adding, moving, renumbering and carrying unfinished actions over."""

from __future__ import annotations

from tcdesk import interchange, planning
from tcdesk.model import Pillar


def _refs(actions) -> list[str]:
    return [a.ref for a in actions]


def _undo_restores(sub, edit) -> None:
    before = interchange.to_dict(sub)
    edit.apply(sub)
    after = interchange.to_dict(sub)
    edit.revert(sub)
    assert interchange.to_dict(sub) == before
    edit.apply(sub)
    assert interchange.to_dict(sub) == after


def test_parse_ref_reads_the_shapes_real_plans_use():
    assert planning.parse_ref("V01") == ("V", 1)
    assert planning.parse_ref("c.12") == ("C", 12)
    assert planning.parse_ref("R-3 (2022)") == ("R", 3)
    assert planning.parse_ref("Action 4") is None
    assert planning.parse_ref("") is None


def test_normalise_due_turns_what_people_type_into_iso_months_and_days():
    assert planning.normalise_due(" 2026-03 ") == "2026-03"
    assert planning.normalise_due("2026-03-15") == "2026-03-15"
    assert planning.normalise_due("03/2026") == "2026-03"
    assert planning.normalise_due("2026/3") == "2026-03"
    assert planning.normalise_due("15/03/2026") == "2026-03-15"
    assert planning.normalise_due("March 2026") == "2026-03"
    assert planning.normalise_due("1 Sept 2026") == "2026-09-01"
    assert planning.normalise_due("") == ""
    assert planning.normalise_due("Summer 2026") is None
    assert planning.normalise_due("31/02/2026") is None
    assert planning.normalise_due("2026-13") is None


def test_next_ref_follows_the_highest_ref_of_the_pillar_letter():
    assert planning.next_ref(["V01", "V7", "R02"], Pillar.VISIBILITY) == "V08"
    assert planning.next_ref(["V01"], Pillar.SUSTAINABILITY) == "S01"
    assert planning.next_ref(["V01"], None) == ""


def test_add_action_inserts_at_the_end_of_its_pillar_with_the_next_ref(make_submission):
    sub = make_submission(prev=[
        dict(ref="V01", pillar="visibility"), dict(ref="C01", pillar="career-development"),
    ])
    edit = planning.add_action(sub, "previous", Pillar.RECOGNITION)
    edit.apply(sub)
    assert _refs(sub.previous_plan.actions) == ["V01", "R01", "C01"]
    assert sub.previous_plan.actions[1].pillar is Pillar.RECOGNITION
    planning.add_action(sub, "previous", Pillar.VISIBILITY).apply(sub)
    assert _refs(sub.previous_plan.actions) == ["V01", "V02", "R01", "C01"]


def test_move_within_pillar_skips_actions_of_other_pillars(make_submission):
    sub = make_submission(new=[
        dict(ref="V01", pillar="visibility"), dict(ref="R01", pillar="recognition"), dict(ref="V02", pillar="visibility"),
    ])
    assert planning.move_within_pillar(sub, "new", 0, -1) is None
    assert planning.move_within_pillar(sub, "new", 2, +1) is None
    edit = planning.move_within_pillar(sub, "new", 2, -1)
    _undo_restores(sub, edit)
    assert _refs(sub.new_plan.actions) == ["V02", "V01", "R01"]


def test_move_to_pillar_regroups_and_gives_a_ref_of_the_new_letter(make_submission):
    sub = make_submission(prev=[
        dict(ref="V01", pillar="visibility"), dict(ref="V02", pillar="visibility"),
        dict(ref="S01", pillar="sustainability"),
    ], new=[dict(ref="V01", pillar="visibility", carried_from="V01")])
    edit = planning.move_to_pillar(sub, "previous", 0, Pillar.CAREER_DEVELOPMENT)
    _undo_restores(sub, edit)
    assert [(a.ref, a.pillar) for a in sub.previous_plan.actions] == [
        ("V02", Pillar.VISIBILITY), ("C01", Pillar.CAREER_DEVELOPMENT), ("S01", Pillar.SUSTAINABILITY),
    ]
    assert sub.new_plan.actions[0].carried_from == "C01"
    assert planning.move_to_pillar(sub, "previous", 1, Pillar.CAREER_DEVELOPMENT) is None


def test_move_to_pillar_keeps_a_ref_that_does_not_follow_the_letter_scheme(make_submission):
    sub = make_submission(new=[dict(ref="Action 4", pillar="visibility")])
    planning.move_to_pillar(sub, "new", 0, Pillar.RECOGNITION).apply(sub)
    assert (sub.new_plan.actions[0].ref, sub.new_plan.actions[0].pillar) == ("Action 4", Pillar.RECOGNITION)


def test_renumber_refs_numbers_each_pillar_in_order_as_one_edit(make_submission):
    sub = make_submission(prev=[
        dict(ref="V03", pillar="visibility"), dict(ref="R1", pillar="recognition"),
        dict(ref="V07", pillar="visibility"), dict(ref="", pillar="sustainability"),
        dict(ref="X9"),
    ], new=[dict(ref="V01", pillar="visibility", carried_from="V07")])
    edit = planning.renumber_refs(sub, "previous")
    _undo_restores(sub, edit)
    assert _refs(sub.previous_plan.actions) == ["V01", "R01", "V02", "S01", "X9"]
    assert sub.new_plan.actions[0].carried_from == "V02"


def test_renumber_refs_of_a_numbered_plan_changes_nothing(make_submission):
    sub = make_submission(new=[dict(ref="V01", pillar="visibility"), dict(ref="R01", pillar="recognition")])
    assert planning.renumber_refs(sub, "new").edits == []


def test_renumber_leaves_links_to_duplicated_refs_alone(make_submission):
    sub = make_submission(prev=[
        dict(ref="V05", pillar="visibility"), dict(ref="V05", pillar="visibility"),
    ], new=[dict(ref="V01", pillar="visibility", carried_from="V05")])
    planning.renumber_refs(sub, "previous").apply(sub)
    assert _refs(sub.previous_plan.actions) == ["V01", "V02"]
    assert sub.new_plan.actions[0].carried_from == "V05"


def _carry_fixture(make_submission):
    return make_submission(prev=[
        dict(ref="V01", pillar="visibility", rag="green", action="Done already"),
        dict(ref="V02", pillar="visibility", rag="amber", action="Newsletter", collaborators="Comms",
             success_measures="Four issues a year", talent=["R11"], progress="Two issues", explanation=""),
        dict(ref="R01", pillar="recognition", rag="red", action="Awards", talent=["R11", "R12"]),
        dict(ref="C01", pillar="career-development", rag=None, action="Unrated"),
        dict(ref="", pillar="sustainability", rag="red", action="No ref"),
    ], new=[dict(ref="V01", pillar="visibility", action="Existing"), dict(ref="S01", pillar="sustainability")])


def test_carry_over_copies_amber_and_red_actions_linked_by_carried_from(make_submission):
    sub = _carry_fixture(make_submission)
    edit = planning.carry_over_unfinished(sub)
    _undo_restores(sub, edit)
    assert [(a.ref, a.pillar, a.carried_from) for a in sub.new_plan.actions] == [
        ("V01", Pillar.VISIBILITY, ""),
        ("V02", Pillar.VISIBILITY, "V02"),
        ("R01", Pillar.RECOGNITION, "R01"),
        ("S01", Pillar.SUSTAINABILITY, ""),
    ]
    newsletter = sub.new_plan.actions[1]
    assert (newsletter.action, newsletter.collaborators, newsletter.success_measures, newsletter.talent) == (
        "Newsletter", "Comms", "Four issues a year", ["R11"],
    )
    assert (newsletter.owner, newsletter.due, newsletter.resourcing) == ("", "", "")
    assert sub.new_plan.actions[2].talent == ["R11", "R12"]
    assert planning.unfinished_without_ref(sub) == 1


def test_carry_over_skips_actions_already_carried(make_submission):
    sub = _carry_fixture(make_submission)
    planning.carry_over_unfinished(sub).apply(sub)
    again = planning.carry_over_unfinished(sub)
    assert again.edits == []
    sub.new_plan.actions.pop(2)  # the user deletes the carried R01 copy
    assert [e.action.carried_from for e in planning.carry_over_unfinished(sub).edits] == ["R01"]


def test_carry_over_does_not_share_the_talent_list_with_the_previous_action(make_submission):
    sub = _carry_fixture(make_submission)
    planning.carry_over_unfinished(sub).apply(sub)
    carried = next(a for a in sub.new_plan.actions if a.carried_from == "V02")
    carried.talent.append("R1")
    assert sub.previous_plan.actions[1].talent == ["R11"]


def test_carry_over_gives_each_copy_a_ref_unique_in_the_new_plan(make_submission):
    prev = [dict(ref=f"V{i:02d}", pillar="visibility", rag="red") for i in range(1, 4)]
    sub = make_submission(prev=prev, new=[dict(ref="V02", pillar="visibility")])
    planning.carry_over_unfinished(sub).apply(sub)
    assert _refs(sub.new_plan.actions) == ["V02", "V03", "V04", "V05"]
