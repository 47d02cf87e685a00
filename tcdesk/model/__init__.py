"""The submission model: plain dataclasses, no Qt, no SQLAlchemy."""

from tcdesk.model.derived import RagCounts, actions_by_pillar, rag_counts, rag_totals, talent_coverage
from tcdesk.model.fields import (
    ACTION_FIELDS,
    NEW_FIELDS,
    NEW_TEXT_FIELDS,
    PREVIOUS_FIELDS,
    PREVIOUS_TEXT_FIELDS,
    ActionField,
    FieldType,
)
from tcdesk.model.plan import (
    NewAction,
    NewPlan,
    Pillar,
    PreviousAction,
    PreviousPlan,
    Rag,
    new_action_id,
    parse_due,
    parse_period,
    positional_id,
)
from tcdesk.model.snapshot import snapshot
from tcdesk.model.submission import (
    QUESTION_NUMBERS,
    Attachment,
    AttachmentKind,
    Lead,
    Signatory,
    SignOff,
    Submission,
)

__all__ = [
    "ACTION_FIELDS",
    "NEW_FIELDS",
    "PREVIOUS_FIELDS",
    "ActionField",
    "FieldType",
    "NEW_TEXT_FIELDS",
    "PREVIOUS_TEXT_FIELDS",
    "QUESTION_NUMBERS",
    "Attachment",
    "AttachmentKind",
    "Lead",
    "NewAction",
    "NewPlan",
    "Pillar",
    "PreviousAction",
    "PreviousPlan",
    "Rag",
    "RagCounts",
    "SignOff",
    "Signatory",
    "Submission",
    "actions_by_pillar",
    "new_action_id",
    "parse_due",
    "parse_period",
    "positional_id",
    "rag_counts",
    "rag_totals",
    "snapshot",
    "talent_coverage",
]
