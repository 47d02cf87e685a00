"""Where a declarative rule looks: answers, header fields, sign-off fields or each action's fields.

A rule names its targets with parameters shared by every check type:

- ``question: 7`` or ``questions: [1, 2]`` — answers;
- ``field: organisation`` or ``fields: [signoff.lead.date, signoff.leader.date]`` — submission fields
  (``organisation``, ``webpage_url``, ``leads``, ``leads.name``, ``leads.email``, ``leads.role``,
  ``previous_plan.period``, ``new_plan.period``, ``signoff.lead.name`` / ``.role`` / ``.date``,
  ``signoff.leader.…``);
- ``plan: previous`` or ``plan: new`` with ``field``/``fields`` — that field of every action;
- ``in: all-text`` — every answer and every text field of every action.

For list fields (``leads.name``) ``require: any`` asks for one item only; the default is each item.
Messages can use ``{field}``, ``{question}``, ``{ref}``, ``{where}`` and, on the sign-off,
``{signatory}`` ("institutional lead" or "leader of the institution").
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from typing import Any, NamedTuple

from tcdesk.model import NEW_TEXT_FIELDS, PREVIOUS_TEXT_FIELDS, QUESTION_NUMBERS
from tcdesk.rules.context import CheckContext
from tcdesk.rules.finding import Location, Section

__all__ = ["TARGET_KEYS", "Target", "is_blank", "resolve", "validate_targets"]

TARGET_KEYS = ("question", "questions", "field", "fields", "plan", "in", "require")

_SIGNOFF = {f"signoff.{who}.{what}" for who in ("lead", "leader") for what in ("name", "role", "date")}
_LEADS = {"leads", "leads.name", "leads.email", "leads.role"}
_COVER = {"organisation", "webpage_url"}
_PERIODS = {"previous_plan.period": Section.PREVIOUS_PLAN, "new_plan.period": Section.NEW_PLAN}
_SIGNATORY = {"lead": "institutional lead", "leader": "leader of the institution"}
SUBMISSION_FIELDS = frozenset(_SIGNOFF | _LEADS | _COVER | set(_PERIODS))
ACTION_FIELDS = {
    "previous": frozenset(PREVIOUS_TEXT_FIELDS) | {"pillar", "rag", "talent"},
    "new": frozenset(NEW_TEXT_FIELDS) | {"pillar", "talent"},
}


class Target(NamedTuple):
    """One value a rule looks at, where it is, and values for the rule's message."""

    location: Location
    value: Any
    values: Mapping[str, Any]


def is_blank(value: Any) -> bool:
    """Empty, or text with no letter or digit at all (``"Signed....."`` names nobody)."""
    if value is None:
        return True
    if isinstance(value, str):
        return not any(ch.isalnum() for ch in value)
    if isinstance(value, (list, tuple)):
        return not value
    return False


def _as_list(value: Any) -> list[Any]:
    return list(value) if isinstance(value, (list, tuple)) else [value]


def validate_targets(params: Mapping[str, Any]) -> list[tuple[str, str]]:
    """Problems with a rule's target parameters, each as (key, message)."""
    problems: list[tuple[str, str]] = []
    chosen = [k for k in ("question", "questions", "in") if k in params]
    fields = [f for k in ("field", "fields") if k in params for f in _as_list(params[k])]
    if "plan" in params:
        plan = params["plan"]
        if plan not in ACTION_FIELDS:
            problems.append(("plan", f"plan must be 'previous' or 'new', not {plan!r}"))
        else:
            for f in fields:
                if f not in ACTION_FIELDS[plan]:
                    known = ", ".join(sorted(ACTION_FIELDS[plan]))
                    problems.append(("field" if "field" in params else "fields", f"unknown action field {f!r} (known: {known})"))
        if not fields:
            problems.append(("plan", "a 'plan' target needs 'field' or 'fields'"))
        chosen.append("plan")
    else:
        for f in fields:
            if f not in SUBMISSION_FIELDS:
                known = ", ".join(sorted(SUBMISSION_FIELDS))
                problems.append(("field" if "field" in params else "fields", f"unknown field {f!r} (known: {known})"))
        if fields:
            chosen.append("field")
    for key in ("question", "questions"):
        for q in _as_list(params.get(key, [])):
            if str(q) not in QUESTION_NUMBERS:
                problems.append((key, f"no question {q!r} (questions are 1 to 8)"))
    if "in" in params and params["in"] != "all-text":
        problems.append(("in", f"'in' can only be 'all-text', not {params['in']!r}"))
    if params.get("require", "each") not in ("each", "any"):
        problems.append(("require", "require must be 'each' or 'any'"))
    if not chosen:
        problems.append(("params", "say where to look: question(s), field(s), plan + field(s), or in: all-text"))
    elif len(chosen) > 1:
        problems.append((chosen[1], f"give one kind of target, not both {chosen[0]!r} and {chosen[1]!r}"))
    return problems


def resolve(ctx: CheckContext, params: Mapping[str, Any]) -> Iterator[Target]:
    """Every target the parameters name, in form order."""
    sub = ctx.submission
    if params.get("in") == "all-text":
        for tf in ctx.text_fields():
            yield Target(tf.location, tf.text, {})
        return
    questions = [str(q) for k in ("question", "questions") for q in _as_list(params.get(k, []))]
    for q in questions:
        yield Target(Location(Section.QUESTION, question=q), sub.answer(q), {"question": q})
    fields = [f for k in ("field", "fields") for f in _as_list(params.get(k, []))]
    if "plan" in params:
        section = Section.PREVIOUS_PLAN if params["plan"] == "previous" else Section.NEW_PLAN
        for i, action in ctx.actions(params["plan"]):
            for f in fields:
                loc = Location(section, ref=action.ref or None, index=i, field=f)
                yield Target(loc, getattr(action, f), {"ref": action.ref or f"#{i + 1}", "field": f})
        return
    for f in fields:
        yield from _submission_field(ctx, f, params.get("require", "each"))


def _submission_field(ctx: CheckContext, name: str, require: str) -> Iterator[Target]:
    sub = ctx.submission
    values = {"field": name}
    if name in _COVER:
        yield Target(Location(Section.COVER, field=name), getattr(sub, name), values)
    elif name in _PERIODS:
        plan = sub.previous_plan if name.startswith("previous") else sub.new_plan
        yield Target(Location(_PERIODS[name], field="period"), plan.period, values)
    elif name in _SIGNOFF:
        _, who, what = name.split(".")
        values["signatory"] = _SIGNATORY[who]
        yield Target(Location(Section.SIGNOFF, field=f"{who}.{what}"), getattr(getattr(sub.signoff, who), what), values)
    elif name == "leads":
        yield Target(Location(Section.COVER, field="leads"), sub.leads, values)
    else:
        attr = name.split(".", 1)[1]
        items = [getattr(lead, attr) for lead in sub.leads]
        if require == "any" or not items:
            # One target for the whole list: blank when no lead has a value.
            found = next((v for v in items if not is_blank(v)), "")
            yield Target(Location(Section.COVER, field="leads"), found, values)
            return
        for i, value in enumerate(items):
            yield Target(Location(Section.COVER, field=f"leads[{i}].{attr}"), value, values)
