"""The action fields table: each field's name, label, type and the header words importers recognise.

Declared once and read by every layer: the interchange file and the project file store these
fields, the editor's plan tables and the exports show them under these labels, and importers
map table headers to them through the synonyms. Which plan holds a field, and in what order,
comes from the dataclasses in :mod:`tcdesk.model.plan` (the form's column order).
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable, Mapping
from enum import StrEnum
from typing import Any, NamedTuple, TypeVar

from tcdesk.model.plan import NewAction, Pillar, PreviousAction, Rag

_A = TypeVar("_A", PreviousAction, NewAction)

__all__ = [
    "ACTION_FIELDS",
    "NEW_FIELDS",
    "NEW_TEXT_FIELDS",
    "PREVIOUS_FIELDS",
    "PREVIOUS_TEXT_FIELDS",
    "ActionField",
    "FieldType",
    "action_from_plain",
    "action_to_plain",
    "fields_of",
]


class FieldType(StrEnum):
    """How a field's value is held, stored and edited."""

    REF = "ref"  # a short reference such as V03
    PILLAR = "pillar"  # a Pillar, stored as its code
    TEXT = "multiline"  # free text, possibly several paragraphs
    DUE = "due"  # YYYY-MM, YYYY-MM-DD or the user's own wording
    TALENT = "talent"  # a list of TALENT recommendation codes
    RAG = "rag"  # a Rag, stored as its code


class ActionField(NamedTuple):
    """One column of an action table, as the form names it."""

    name: str  # the attribute of PreviousAction / NewAction, and the key in files
    label: str  # the column heading in the editor and the exports
    type: FieldType
    synonyms: tuple[str, ...] = ()  # header wordings importers read as this field (lower case)

    def to_plain(self, value: Any) -> Any:
        """The value as files hold it: a pillar's or rating's code, a list of codes, or text."""
        if self.type in (FieldType.PILLAR, FieldType.RAG):
            return value.value if value is not None else None
        if self.type is FieldType.TALENT:
            return list(value)
        return value

    def from_plain(self, raw: Any) -> Any:
        """The model value of what a file holds; ``None`` or a missing text reads as empty.

        :raises ValueError: for a code that names no pillar or rating, or TALENT codes that are not a list.
        """
        if self.type in (FieldType.PILLAR, FieldType.RAG):
            if not raw:
                return None
            kind = Pillar if self.type is FieldType.PILLAR else Rag
            try:
                return kind(raw)
            except ValueError:
                raise ValueError(f"unknown {self.type.value} {raw!r}") from None
        if self.type is FieldType.TALENT:
            if raw is None:
                return []
            if not isinstance(raw, list) or not all(isinstance(code, str) for code in raw):
                raise ValueError("TALENT codes are not a list of codes")
            return list(raw)
        return raw if isinstance(raw, str) else ""


ACTION_FIELDS: dict[str, ActionField] = {
    f.name: f
    for f in (
        ActionField("ref", "Ref", FieldType.REF, (
            "ref", "ref no", "reference", "no", "id", "action ref", "action no", "action number")),
        ActionField("pillar", "Pillar", FieldType.PILLAR, (
            "pillar", "theme", "tc pillar", "tc theme", "principle", "category", "area")),
        ActionField("action", "Action", FieldType.TEXT, (
            "action", "actions", "aim", "aims", "objective", "objectives", "tactics", "tactic",
            "activity", "activities", "action description", "proposed action", "proposed actions")),
        ActionField("owner", "Owner", FieldType.TEXT, (
            "owner", "owners", "lead", "leads", "action owner", "responsibility", "responsible",
            "who", "lead person")),
        ActionField("collaborators", "Collaborators", FieldType.TEXT, (
            "collaborators", "collaborator", "partners", "stakeholders", "who is involved")),
        ActionField("due", "Due", FieldType.DUE, (
            "due", "deadline", "timescale", "timescales", "target date", "due date", "date",
            "timeline", "timeframe", "completion date", "by when", "target")),
        ActionField("success_measures", "Success measures", FieldType.TEXT, (
            "success measures", "success measure", "measures of success", "measure of success",
            "success measures & impact", "success measures and impact", "success criteria",
            "how impact will be evidenced", "impact", "measures", "kpi", "kpis", "evidence of success",
            "outcome", "outcomes", "expected outcome", "expected outcomes")),
        ActionField("progress", "Progress", FieldType.TEXT, (
            "progress", "status", "update", "progress update", "progress to date", "comments",
            "current status", "status update", "progress & status")),
        ActionField("explanation", "Explanation", FieldType.TEXT, (
            "explanation", "reason", "reasons", "explanation for red", "reason for red",
            "why not completed", "explanation (red)")),
        ActionField("resourcing", "Resourcing", FieldType.TEXT, (
            "resourcing", "resources", "resource", "resource required", "resources required",
            "budget", "funding", "cost")),
        ActionField("talent", "TALENT", FieldType.TALENT, (
            "tcr", "talent", "talent recommendation", "talent recommendations", "talent code",
            "talent codes", "talent commission", "talent commission recommendation",
            "talent commission recommendations", "tc recommendation")),
        ActionField("rag", "RAG", FieldType.RAG, (
            "rag", "rag rating", "rag status", "rating", "rag analysis", "r/a/g", "rag score")),
        ActionField("carried_from", "Carried from", FieldType.REF, (
            "carried from", "carried over from", "previous ref", "from previous plan",
            "carried forward from", "previous action")),
    )
}


def fields_of(action_class: type[PreviousAction] | type[NewAction]) -> tuple[ActionField, ...]:
    """The fields of one kind of action, in the form's column order (the dataclass's order)."""
    found = _FIELDS_OF.get(action_class)
    if found is None:  # computed once per class: opening a project asks for every action
        found = _FIELDS_OF[action_class] = tuple(
            ACTION_FIELDS[f.name] for f in dataclasses.fields(action_class) if f.name in ACTION_FIELDS
        )
    return found


_FIELDS_OF: dict[type, tuple[ActionField, ...]] = {}


PREVIOUS_FIELDS = fields_of(PreviousAction)
NEW_FIELDS = fields_of(NewAction)

class _Shape(NamedTuple):
    """One action class's fields grouped by how files hold them, so a whole plan converts quickly."""

    texts: tuple[str, ...]
    codes: tuple[ActionField, ...]  # pillar and rating: a code, or None
    lists: tuple[ActionField, ...]  # TALENT: a list of codes


def _shape(action_class: type[PreviousAction] | type[NewAction]) -> _Shape:
    found = _SHAPES.get(action_class)
    if found is None:
        fields = fields_of(action_class)
        found = _SHAPES[action_class] = _Shape(
            tuple(f.name for f in fields if f.type in _TEXT_TYPES),
            tuple(f for f in fields if f.type in (FieldType.PILLAR, FieldType.RAG)),
            tuple(f for f in fields if f.type is FieldType.TALENT),
        )
    return found


_SHAPES: dict[type, _Shape] = {}
_WRITERS: dict[type, Callable[[Any], dict[str, Any]]] = {}


def _plain_writer(action_class: type[PreviousAction] | type[NewAction]) -> Callable[[Any], dict[str, Any]]:
    """A function building an action's file dict as one literal, generated from the table.

    Autosave converts every action of both plans on each save; a literal is several times faster
    than a loop over the fields (the way :mod:`dataclasses` writes ``__init__``). Generated on the
    first write, so a check, which only reads files, never compiles it.
    """
    items = []
    for f in fields_of(action_class):
        value = f"a.{f.name}"
        if f.type in (FieldType.PILLAR, FieldType.RAG):
            value = f"(None if a.{f.name} is None else a.{f.name}.value)"
        elif f.type is FieldType.TALENT:
            value = f"list(a.{f.name})"
        items.append(f"{f.name!r}: {value}")
    namespace: dict[str, Any] = {}
    exec(f"def to_plain(a):\n    return {{{', '.join(items)}}}\n", namespace)  # names and types come from ACTION_FIELDS only
    writer: Callable[[Any], dict[str, Any]] = namespace["to_plain"]
    _WRITERS[action_class] = writer
    return writer


def action_to_plain(action: PreviousAction | NewAction) -> dict[str, Any]:
    """An action's fields as files hold them, in the form's column order."""
    return (_WRITERS.get(type(action)) or _plain_writer(type(action)))(action)


def action_from_plain(action_class: type[_A], raw: Mapping[str, Any], **extra: Any) -> _A:
    """An action from the fields a file holds (``extra`` gives the attributes that are not columns).

    :raises ValueError: naming the value that is not one the field can hold.
    """
    shape = _shape(action_class)
    values: dict[str, Any] = {name: text if isinstance(text := raw.get(name), str) else "" for name in shape.texts}
    for f in shape.codes + shape.lists:
        values[f.name] = f.from_plain(raw.get(f.name))
    return action_class(**values, **extra)


_TEXT_TYPES = (FieldType.REF, FieldType.TEXT, FieldType.DUE)
#: The fields holding plain text, in the order the form's tables show them.
PREVIOUS_TEXT_FIELDS = tuple(f.name for f in PREVIOUS_FIELDS if f.type in _TEXT_TYPES)
NEW_TEXT_FIELDS = tuple(f.name for f in NEW_FIELDS if f.type in _TEXT_TYPES)
