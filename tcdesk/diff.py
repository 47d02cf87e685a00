"""What changed between two versions of a submission: answers by paragraph, actions by field."""

from __future__ import annotations

import dataclasses
import difflib
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from tcdesk.editing import get_value
from tcdesk.merge import PLANS, SCALAR_PATHS, field_label, place, plan_label
from tcdesk.model import Submission

__all__ = ["Change", "diff", "format_changes", "show_value"]

@dataclass(frozen=True)
class Change:
    """One difference: ``where`` (``question 4``, ``previous plan V06``), ``what`` changed and the
    lines that show it (``- old`` / ``+ new``)."""

    where: str
    what: str
    lines: tuple[str, ...] = ()

    def __str__(self) -> str:
        return "\n".join([f"{self.where}: {self.what}", *(f"  {line}" for line in self.lines)])


def show_value(value: Any) -> str:
    """A value as one line of text: ``(empty)``, ``amber``, ``R1, R4``, ``2026-07-20``."""
    if value is None or value == "" or value == []:
        return "(empty)"
    if isinstance(value, list):
        return ", ".join(show_value(v) if not isinstance(v, str) else v for v in value)
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return ", ".join(str(v) for v in dataclasses.astuple(value) if v)
    return str(getattr(value, "value", value))


def _paragraphs(text: str) -> list[str]:
    return [p.strip() for p in text.replace("\r\n", "\n").split("\n\n") if p.strip()]


def _text_lines(old: str, new: str) -> tuple[str, ...]:
    """Paragraphs removed (``-``) and added (``+``)."""
    a, b = _paragraphs(old), _paragraphs(new)
    out = []
    # Paragraph by paragraph, without ndiff's character-level pass, which is slow on long answers.
    for tag, i1, i2, j1, j2 in difflib.SequenceMatcher(None, a, b, autojunk=False).get_opcodes():
        if tag != "equal":
            out += [f"- {p}" for p in a[i1:i2]] + [f"+ {p}" for p in b[j1:j2]]
    return tuple(line.replace("\n", " ") for line in out)


def _value_lines(old: Any, new: Any) -> tuple[str, ...]:
    if isinstance(old, str) and isinstance(new, str) and ("\n" in old or "\n" in new):
        return _text_lines(old, new)
    return (f"- {show_value(old)}", f"+ {show_value(new)}")


def diff(a: Submission, b: Submission) -> list[Change]:
    """Every change from ``a`` to ``b``, in the order of the form."""
    return list(_changes(a, b))


def _changes(a: Submission, b: Submission) -> Iterator[Change]:
    for path in SCALAR_PATHS:
        old, new = get_value(a, path), get_value(b, path)
        if old != new:
            where, what = place(path)
            yield Change(where, f"{what} changed", _value_lines(old, new))
    for n in sorted({*a.answers, *b.answers}, key=lambda n: (len(n), n)):
        old, new = a.answer(n), b.answer(n)
        if old != new:
            yield Change(f"question {n}", "answer changed", _text_lines(old, new))
    for plan, attr in PLANS.items():
        yield from _action_changes(plan, getattr(a, attr).actions, getattr(b, attr).actions)
    old_files = {x.name: x for x in a.attachments}
    new_files = {x.name: x for x in b.attachments}
    for name in [*old_files, *(n for n in new_files if n not in old_files)]:
        old, new = old_files.get(name), new_files.get(name)
        if old is None:
            yield Change(f"attachment {name}", "added")
        elif new is None:
            yield Change(f"attachment {name}", "removed")
        elif old != new:
            yield Change(f"attachment {name}", "replaced")


def _action_changes(plan: str, old_actions: list, new_actions: list) -> Iterator[Change]:
    label = plan_label(plan)
    old = {x.id: x for x in old_actions}
    new = {x.id: x for x in new_actions}
    for ident in [*old, *(i for i in new if i not in old)]:
        before, after = old.get(ident), new.get(ident)
        if before is None:
            assert after is not None
            yield Change(f"{label} {after.ref or '(no reference)'}", "added", (f"+ {show_value(after.action)}",))
            continue
        if after is None:
            assert before is not None
            yield Change(f"{label} {before.ref or '(no reference)'}", "removed", (f"- {show_value(before.action)}",))
            continue
        for f in dataclasses.fields(before):
            if f.name == "id":
                continue
            was, now = getattr(before, f.name), getattr(after, f.name)
            if was != now:
                yield Change(f"{label} {after.ref or before.ref or '(no reference)'}", f"{field_label(f.name)} changed", _value_lines(was, now))
    common = [i for i in old if i in new]
    if common != [i for i in new if i in old]:
        yield Change(label, "actions reordered")


def format_changes(changes: list[Change]) -> str:
    return "\n".join(str(c) for c in changes) + ("\n" if changes else "")
