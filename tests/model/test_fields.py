"""The action fields table is the one list of action fields: every layer agrees with it."""

from __future__ import annotations

import dataclasses
import json

from tcdesk.export.document import columns
from tcdesk.importers.columns import SYNONYMS, field_for_header, normalise
from tcdesk.model import ACTION_FIELDS, NEW_FIELDS, PREVIOUS_FIELDS, FieldType, NewAction, PreviousAction
from tcdesk.paths import resource
from tcdesk.storage.schema import NewActionRow, PreviousActionRow

# Attributes of an action that are not columns of the form (identity kept for merging).
NOT_COLUMNS = {"id"}


def test_every_action_attribute_is_a_field_in_the_dataclass_order():
    for cls, fields in ((PreviousAction, PREVIOUS_FIELDS), (NewAction, NEW_FIELDS)):
        names = [f.name for f in dataclasses.fields(cls) if f.name not in NOT_COLUMNS]
        assert [f.name for f in fields] == names


def test_the_project_file_has_a_column_per_field():
    for row, fields in ((PreviousActionRow, PREVIOUS_FIELDS), (NewActionRow, NEW_FIELDS)):
        stored = set(row.__table__.columns.keys()) - {"position"} - NOT_COLUMNS
        assert stored == {f.name for f in fields}


def test_the_interchange_schema_has_a_property_per_field():
    schema = json.loads(resource("schema", "tcdesk-submission.schema.json").read_text(encoding="utf-8"))
    for key, fields in (("previous_action", PREVIOUS_FIELDS), ("new_action", NEW_FIELDS)):
        props = set(schema["$defs"][key]["properties"]) - NOT_COLUMNS
        assert props == {f.name for f in fields}


def test_export_tables_show_every_field_but_the_pillar_under_the_fields_labels():
    for plan, fields in (("previous", PREVIOUS_FIELDS), ("new", NEW_FIELDS)):
        shown, widths = columns(plan)
        assert shown == [f for f in fields if f.type is not FieldType.PILLAR]
        assert len(widths) == len(shown) and all(w > 0 for w in widths)


def test_every_header_word_names_one_field_and_reads_back_as_it():
    owners: dict[str, str] = {}
    for name, words in SYNONYMS.items():
        for word in words:
            assert owners.setdefault(normalise(word), name) == name, word
            assert field_for_header(word) == name
    assert SYNONYMS.keys() == ACTION_FIELDS.keys()


def test_the_generated_file_writer_matches_each_fields_own_conversion(make_submission):
    from tcdesk.model import action_from_plain, action_to_plain

    sub = make_submission(
        prev=[{"ref": "V01", "pillar": "visibility", "rag": "red", "talent": ["R1", "R9"], "action": "a"}, {"ref": ""}],
        new=[{"ref": "C01", "pillar": None, "due": "2027-03", "talent": [], "carried_from": "V01"}],
    )
    for action in sub.previous_plan.actions + sub.new_plan.actions:
        by_field = {f.name: f.to_plain(getattr(action, f.name)) for f in ACTION_FIELDS.values() if hasattr(action, f.name)}
        plain = action_to_plain(action)
        assert plain == by_field and list(plain) == [f.name for f in dataclasses.fields(action) if f.name in ACTION_FIELDS]
        assert action_from_plain(type(action), plain, id=action.id) == action
