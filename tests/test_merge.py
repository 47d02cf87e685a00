"""Three-way merge: one-sided edits are always taken, the same thing changed twice always conflicts."""

from __future__ import annotations

import copy
from datetime import date

from hypothesis import given, settings
from hypothesis import strategies as st

from tcdesk import interchange
from tcdesk.merge import merge
from tcdesk.model import Attachment, AttachmentKind, Lead, NewAction, Pillar, PreviousAction, Rag, Submission

TEXT = st.text(alphabet="abc xyz\n", max_size=12)


def base_submission() -> Submission:
    sub = Submission(organisation="University of Kent", leads=[Lead("Ada", "Lead", "ada@kent.ac.uk")])
    sub.answers = {str(n): f"Answer {n}.\n\nSecond paragraph {n}." for n in range(1, 9)}
    sub.previous_plan.period = "2021-2024"
    sub.previous_plan.actions = [
        PreviousAction(ref=f"V0{i}", pillar=Pillar.VISIBILITY, action=f"Action {i}", progress="", rag=Rag.AMBER, id=f"p{i}")
        for i in range(1, 5)
    ]
    sub.new_plan.actions = [NewAction(ref=f"N0{i}", action=f"New {i}", owner="Ben", id=f"n{i}") for i in range(1, 4)]
    sub.signoff.lead.name = "Ada"
    sub.attachments = [Attachment("chart.png", AttachmentKind.FIGURE, "image/png", b"\x89PNG one")]
    return sub


# A "unit" is the smallest thing a merge compares: two sides editing different units never conflict.
PREV_FIELDS = ("ref", "action", "progress", "rag", "pillar")
NEW_FIELDS = ("ref", "action", "owner", "pillar")
UNITS = (
    [("answer", str(n)) for n in range(1, 9)]
    + [("scalar", ("organisation",)), ("scalar", ("webpage_url",)), ("scalar", ("signoff", "lead", "date"))]
    + [("field", "previous", i, f) for i in range(4) for f in PREV_FIELDS]
    + [("field", "new", i, f) for i in range(3) for f in NEW_FIELDS]
    + [("delete", "previous", i) for i in range(4)]
    + [("delete", "new", i) for i in range(3)]
    + [("attachment", "chart.png")]
)


def _plan(sub: Submission, plan: str):
    return sub.previous_plan if plan == "previous" else sub.new_plan


def _touches(unit) -> tuple:
    """What a unit changes: a delete and a field edit of the same action overlap."""
    return ("action", unit[1], unit[2]) if unit[0] in ("field", "delete") else unit


def _new_value(draw, unit, old, tag: str):
    if unit[0] == "field" and unit[3] == "rag":
        return draw(st.sampled_from([r for r in [*Rag, None] if r != old]))
    if unit[0] == "field" and unit[3] == "pillar":
        return draw(st.sampled_from([p for p in [*Pillar, None] if p != old]))
    if unit == ("scalar", ("signoff", "lead", "date")):
        return draw(st.dates(min_value=date(2020, 1, 1), max_value=date(2030, 1, 1)).filter(lambda d: d != old))
    if unit[0] == "attachment":
        return b"\x89PNG " + tag.encode() + draw(st.binary(max_size=8))
    value = draw(TEXT)
    return value if value != old else value + tag


def _current(sub: Submission, unit):
    """The value a unit has before any edit (``None`` for a delete)."""
    kind = unit[0]
    if kind == "answer":
        return sub.answers[unit[1]]
    if kind == "scalar":
        target = sub
        for part in unit[1]:
            target = getattr(target, part)
        return target
    if kind == "field":
        return getattr(_plan(sub, unit[1]).actions[unit[2]], unit[3])
    if kind == "attachment":
        return sub.attachments[0].data
    return None


def _apply(sub: Submission, unit, value) -> None:
    """Make one edit; ``value`` is ignored for deletes."""
    kind = unit[0]
    if kind == "answer":
        sub.answers[unit[1]] = value
    elif kind == "scalar":
        target = sub
        for part in unit[1][:-1]:
            target = getattr(target, part)
        setattr(target, unit[1][-1], value)
    elif kind == "field":
        setattr(_plan(sub, unit[1]).actions[unit[2]], unit[3], value)
    elif kind == "delete":
        _plan(sub, unit[1]).actions[unit[2]] = None  # removed after all edits, so indexes stay valid
    elif kind == "attachment":
        sub.attachments[0].data = value


def _finish(sub: Submission, additions) -> Submission:
    for plan in ("previous", "new"):
        _plan(sub, plan).actions = [a for a in _plan(sub, plan).actions if a is not None]
    for plan, position, action in additions:
        actions = _plan(sub, plan).actions
        actions.insert(min(position, len(actions)), copy.deepcopy(action))
    return sub


@st.composite
def additions(draw, tag: str):
    out = []
    for n in range(draw(st.integers(0, 2))):
        plan = draw(st.sampled_from(["previous", "new"]))
        cls = PreviousAction if plan == "previous" else NewAction
        out.append((plan, draw(st.integers(0, 5)), cls(ref=f"{tag}{n}", action=draw(TEXT), id=f"{tag}-added-{n}")))
    return out


@st.composite
def two_sided_edits(draw):
    """Edits for mine and theirs on disjoint units, plus additions on each side."""
    chosen = draw(st.lists(st.sampled_from(UNITS), unique=True, max_size=8))
    mine, theirs, taken = [], [], {}
    for unit in chosen:
        side = draw(st.sampled_from(["mine", "theirs"]))
        previous = taken.setdefault(_touches(unit), (side, unit))
        if previous != (side, unit) and (previous[0] != side or "delete" in (unit[0], previous[1][0])):
            continue  # the other side already touches this action, or this side deletes it
        (mine if side == "mine" else theirs).append(unit)
    return mine, theirs, draw(additions("m")), draw(additions("t"))


def _edited(base: Submission, units, adds, draw, tag: str) -> tuple[Submission, dict]:
    sub = copy.deepcopy(base)
    values = {}
    for unit in units:
        values[unit] = _new_value(draw, unit, _current(base, unit), tag)
        _apply(sub, unit, values[unit])
    return _finish(sub, adds), values


def _both_sides(edits, data) -> tuple[Submission, tuple[Submission, dict], tuple[Submission, dict]]:
    """The base, and mine and theirs made from it by :func:`two_sided_edits`' edits (with their values)."""
    base = base_submission()
    mine_units, theirs_units, mine_adds, theirs_adds = edits
    return base, _edited(base, mine_units, mine_adds, data.draw, "m"), _edited(base, theirs_units, theirs_adds, data.draw, "t")


def _assert_edit_kept(result: Submission, base: Submission, unit, value) -> None:
    if unit[0] in ("field", "delete"):  # found by identity: the merge may have moved the action
        ident = _plan(base, unit[1]).actions[unit[2]].id
        found = [a for a in _plan(result, unit[1]).actions if a.id == ident]
        assert found == [] if unit[0] == "delete" else getattr(found[0], unit[3]) == value
    else:
        assert _current(result, unit) == value


@settings(max_examples=60, deadline=None)
@given(two_sided_edits(), st.data())
def test_non_overlapping_edits_merge_with_nothing_lost(edits, data):
    base, (mine, mine_values), (theirs, theirs_values) = _both_sides(edits, data)
    mine_adds, theirs_adds = edits[2:]

    inputs = copy.deepcopy((base, mine, theirs))
    result = merge(base, mine, theirs)

    assert result.conflicts == []
    assert (base, mine, theirs) == inputs  # merging never changes its inputs
    for unit, value in [*mine_values.items(), *theirs_values.items()]:
        _assert_edit_kept(result.submission, base, unit, value)
    for plan, _pos, action in [*mine_adds, *theirs_adds]:
        assert [a for a in _plan(result.submission, plan).actions if a.id == action.id] == [action]
    # Nothing the merge had no reason to touch changed, and no action appeared twice.
    for plan in ("previous", "new"):
        ids = [a.id for a in _plan(result.submission, plan).actions]
        assert len(ids) == len(set(ids))
    assert result.submission.leads == base.leads


@settings(max_examples=60, deadline=None)
@given(st.sampled_from([u for u in UNITS if u[0] != "delete"]), st.data())
def test_the_same_thing_changed_differently_on_both_sides_always_conflicts(unit, data):
    base = base_submission()
    mine, mine_values = _edited(base, [unit], [], data.draw, "m")
    differs = lambda strategy: data.draw(strategy.filter(lambda v: v != mine_values[unit]))
    theirs, theirs_values = _edited(base, [unit], [], differs, "t")

    result = merge(base, mine, theirs)

    assert len(result.conflicts) == 1
    _assert_edit_kept(result.submission, base, unit, mine_values[unit])
    _assert_edit_kept(merge(base, mine, theirs, prefer="theirs").submission, base, unit, theirs_values[unit])
    key = result.conflicts[0].key
    _assert_edit_kept(merge(base, mine, theirs, {key: "theirs"}).submission, base, unit, theirs_values[unit])


@settings(max_examples=60, deadline=None)
@given(st.sampled_from([u for u in UNITS if u[0] == "field"]), st.data())
def test_deleting_an_action_the_other_side_edited_conflicts(unit, data):
    base = base_submission()
    mine, _ = _edited(base, [("delete", unit[1], unit[2])], [], data.draw, "m")
    theirs, values = _edited(base, [unit], [], data.draw, "t")
    result = merge(base, mine, theirs)
    assert len(result.conflicts) == 1 and "deleted in mine, changed in theirs" in result.conflicts[0].message
    kept = merge(base, mine, theirs, prefer="theirs").submission
    _assert_edit_kept(kept, base, unit, values[unit])


@st.composite
def edited_versions(draw):
    base = base_submission()
    units = draw(st.lists(st.sampled_from(UNITS), unique_by=_touches, max_size=8))
    sub, _ = _edited(base, units, draw(additions("x")), draw, "x")
    if draw(st.booleans()):
        draw(st.randoms()).shuffle(sub.previous_plan.actions)
    return base, sub


@settings(max_examples=60, deadline=None)
@given(edited_versions())
def test_merging_a_version_with_itself_or_with_the_base_gives_that_version(versions):
    base, x = versions
    assert merge(base, x, x).submission == x
    assert merge(base, base, x).submission == x
    assert merge(base, x, base).submission == x
    assert merge(base, x, x).conflicts == merge(base, base, x).conflicts == []


def test_renumbering_and_moving_an_action_still_merges_with_an_edit_of_its_rag():
    base = base_submission()
    mine, theirs = copy.deepcopy(base), copy.deepcopy(base)
    moved = mine.previous_plan.actions.pop(0)
    moved.ref, moved.pillar = "S09", Pillar.SUSTAINABILITY
    mine.previous_plan.actions.append(moved)
    theirs.previous_plan.actions[0].rag = Rag.GREEN

    result = merge(base, mine, theirs)

    assert result.conflicts == []
    last = result.submission.previous_plan.actions[-1]
    assert (last.id, last.ref, last.pillar, last.rag) == ("p1", "S09", Pillar.SUSTAINABILITY, Rag.GREEN)


def test_leads_merge_per_field_while_nobody_adds_or_removes_one():
    base = base_submission()
    mine, theirs = copy.deepcopy(base), copy.deepcopy(base)
    mine.leads[0].email, theirs.leads[0].role = "ada@kent.example", "Head of Technical Services"
    result = merge(base, mine, theirs)
    assert result.conflicts == []
    assert result.submission.leads == [Lead("Ada", "Head of Technical Services", "ada@kent.example")]
    theirs.leads[0].email = "a.lovelace@kent.example"
    assert [c.message for c in merge(base, mine, theirs).conflicts] == ["cover: lead 1: both changed the email"]
    theirs.leads.append(Lead("Ben"))  # rows added: the list merges as one value
    assert [c.message for c in merge(base, mine, theirs).conflicts] == ["cover: both changed the institutional leads"]


def test_conflict_messages_name_the_question_and_the_action():
    base = base_submission()
    mine, theirs = copy.deepcopy(base), copy.deepcopy(base)
    mine.answers["4"], theirs.answers["4"] = "Mine.", "Theirs."
    mine.previous_plan.actions[1].rag, theirs.previous_plan.actions[1].rag = Rag.GREEN, Rag.RED
    messages = [c.message for c in merge(base, mine, theirs).conflicts]
    assert messages == ["question 4: both changed the answer", "previous plan V02: both changed the RAG"]


def _content(sub: Submission) -> dict:
    """A submission's content with each plan's actions by identity (where additions land aside)."""
    data = interchange.to_dict(sub)
    for plan in ("previous_plan", "new_plan"):
        data[plan]["actions"] = sorted(data[plan]["actions"], key=lambda a: a["id"])
    return data


@settings(max_examples=60, deadline=None)
@given(two_sided_edits(), st.data())
def test_which_side_is_mine_does_not_change_the_merge_and_merging_again_changes_nothing(edits, data):
    base, (mine, _), (theirs, _) = _both_sides(edits, data)

    merged = merge(base, mine, theirs).submission
    assert _content(merge(base, theirs, mine).submission) == _content(merged)
    # A contribution merged in a second time (tcdesk merge run twice) adds nothing and conflicts with nothing.
    for side in (mine, theirs):
        again = merge(base, merged, side)
        assert again.conflicts == [] and again.submission == merged


# --- files without action ids (written or edited by hand) and imports with ids of their own --------


def _without_ids(sub: Submission) -> Submission:
    """``sub`` as read back from an interchange file whose actions carry no ``id``."""
    data = interchange.to_dict(sub)
    for plan in ("previous_plan", "new_plan"):
        for action in data[plan]["actions"]:
            del action["id"]
    return interchange.from_dict(data)


def _with_fresh_ids(sub: Submission) -> Submission:
    """``sub`` as an import gives it: the same actions, each with an identity of its own."""
    out = copy.deepcopy(sub)
    for plan in ("previous", "new"):
        for n, action in enumerate(_plan(out, plan).actions):
            action.id = f"imported-{plan}-{n}"
    return out


def _actions(sub: Submission) -> dict:
    """Each plan's actions as a sorted list of their content (identities and order left out)."""
    data = interchange.to_dict(sub)
    for plan in ("previous_plan", "new_plan"):
        data[plan]["actions"] = sorted(repr(sorted((k, v) for k, v in a.items() if k != "id")) for a in data[plan]["actions"])
    return data


def test_an_action_inserted_by_hand_in_a_file_without_ids_does_not_shift_the_others_edits():
    base = _without_ids(base_submission())
    mine = copy.deepcopy(base)
    mine.previous_plan.actions.insert(0, PreviousAction(ref="V00", action="Inserted by hand", pillar=Pillar.VISIBILITY))
    theirs = copy.deepcopy(base)
    theirs.previous_plan.actions[1].rag = Rag.GREEN  # V02
    theirs.previous_plan.actions[2].progress = "Third action's progress."  # V03

    result = merge(_without_ids(base), _without_ids(mine), _without_ids(theirs))

    assert result.conflicts == []
    got = {a.ref: a for a in result.submission.previous_plan.actions}
    assert list(got) == ["V00", "V01", "V02", "V03", "V04"]
    assert got["V02"].rag is Rag.GREEN and got["V01"].rag is Rag.AMBER and got["V00"].rag is None
    assert got["V03"].progress == "Third action's progress." and got["V02"].progress == ""
    assert got["V00"].action == "Inserted by hand"


def test_an_action_deleted_by_hand_while_the_other_side_edits_its_neighbour_stays_deleted():
    base = base_submission()
    mine = _without_ids(base)
    del mine.previous_plan.actions[0]  # V01
    theirs = copy.deepcopy(base)
    theirs.previous_plan.actions[1].action = "Action 2, reworded"
    result = merge(base, mine, theirs)
    assert result.conflicts == []
    assert [(a.ref, a.action) for a in result.submission.previous_plan.actions] == [
        ("V02", "Action 2, reworded"), ("V03", "Action 3"), ("V04", "Action 4")]


def test_an_action_that_cannot_be_paired_for_certain_is_never_merged_into_another():
    # Mine rewrote V02 beyond recognition (reference and wording) and moved it; theirs changed its RAG.
    base = base_submission()
    mine = copy.deepcopy(base)
    moved = mine.previous_plan.actions.pop(1)
    moved.ref, moved.action = "Z9", "Something else entirely"
    mine.previous_plan.actions.append(moved)
    theirs = copy.deepcopy(base)
    theirs.previous_plan.actions[1].rag = Rag.RED
    result = merge(base, _without_ids(mine), theirs)
    assert [c.message for c in result.conflicts] == ["previous plan V02: deleted in mine, changed in theirs"]
    kept = merge(base, _without_ids(mine), theirs, prefer="theirs").submission.previous_plan.actions
    assert {(a.ref, a.action, a.rag) for a in kept} >= {("V02", "Action 2", Rag.RED), ("Z9", "Something else entirely", Rag.AMBER)}


@settings(max_examples=80, deadline=None)
@given(two_sided_edits(), st.data(), st.sampled_from(["mine", "theirs", "all"]), st.sampled_from([_without_ids, _with_fresh_ids]))
def test_sides_without_ids_merge_as_if_they_had_them(edits, data, which, strip):
    base, (mine, _), (theirs, _) = _both_sides(edits, data)
    expected = merge(base, mine, theirs)
    assert expected.conflicts == []
    if which in ("mine", "all"):
        mine = strip(mine)
    if which in ("theirs", "all"):
        theirs = strip(theirs)
    if which == "all" and strip is _without_ids:
        base = strip(base)
    inputs = copy.deepcopy((base, mine, theirs))

    result = merge(base, mine, theirs)

    assert result.conflicts == []
    assert _actions(result.submission) == _actions(expected.submission)
    assert (base, mine, theirs) == inputs
    for plan in ("previous", "new"):
        ids = [a.id for a in _plan(result.submission, plan).actions]
        assert len(ids) == len(set(ids))
