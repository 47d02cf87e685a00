"""The ``*.tcdesk.json`` interchange form: dict ⇄ Submission, validated against the shipped schema."""

from __future__ import annotations

import json
import os
import re
from datetime import date
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING, Any

from tcdesk.errors import InvalidInputError
from tcdesk.fileio import MAX_SUBMISSION_BYTES, atomic_write_bytes, refuse_unreadable_input
from tcdesk.model import (
    Attachment,
    AttachmentKind,
    Lead,
    NewAction,
    NewPlan,
    PreviousAction,
    PreviousPlan,
    Signatory,
    SignOff,
    Submission,
    action_from_plain,
    action_to_plain,
    positional_id,
)
from tcdesk.paths import resource

if TYPE_CHECKING:
    from collections.abc import Callable

    from tcdesk.schema_check import Predicate

FORMAT = "tcdesk-submission"
VERSION = 1
SUFFIX = ".tcdesk.json"


@cache
def schema() -> dict[str, Any]:
    with resource("schema", "tcdesk-submission.schema.json").open(encoding="utf-8") as fh:
        loaded: dict[str, Any] = json.load(fh)
        return loaded


def json_path(parts: Any) -> str:
    """``$.previous_plan.actions[3].rag`` from a jsonschema error path."""
    out = "$"
    for part in parts:
        out += f"[{part}]" if isinstance(part, int) else f".{part}"
    return out


@cache
def _is_valid() -> Predicate | None:
    from tcdesk.schema_check import compile_schema

    return compile_schema(schema())


def validate(data: Any, path: str | Path | None = None) -> None:
    """Raise :class:`InvalidInputError` naming the JSON path of the first problem.

    A valid document is recognised by the compiled schema alone; ``jsonschema`` is imported only to
    explain a problem (or when the schema outgrows :mod:`tcdesk.schema_check`).
    """
    quick = _is_valid()
    if quick is not None and quick(data):
        return
    from jsonschema import Draft202012Validator

    validator = Draft202012Validator(schema())
    first = next(iter(sorted(validator.iter_errors(data), key=lambda e: [str(p) for p in e.absolute_path])), None)
    if first is None:
        return
    message, where = first.message, list(first.absolute_path)
    if first.validator == "additionalProperties" and isinstance(first.instance, dict):
        known = (first.schema.get("properties") or {}) if isinstance(first.schema, dict) else {}
        key = next(k for k in first.instance if k not in known)
        message = (f"unknown key {key!r}: tcdesk would not read what it holds, and saving would lose it "
                   "(a misspelt key, or one from a newer tcdesk)")
        where.append(key)
    elif first.validator == "anyOf" and isinstance(first.schema, dict) and "description" in first.schema:
        # anyOf's own message lists every branch; the schema's description says what was meant.
        message = f"{first.instance!r} is not {first.schema['description']}"
    if len(message) > 300:  # the message quotes the value, which may be megabytes long
        message = message[:200] + " … " + message[-80:]
    raise InvalidInputError(message, path, json_path(where))


# --- Submission → dict ---------------------------------------------------------------------------


def to_dict(sub: Submission) -> dict[str, Any]:
    """The interchange dict of ``sub``; every key present, so files diff well under version control."""
    out: dict[str, Any] = {
        "format": FORMAT,
        "version": VERSION,
        "template": sub.template,
        "organisation": sub.organisation,
        "leads": [{"name": lead.name, "role": lead.role, "email": lead.email} for lead in sub.leads],
        "answers": {k: sub.answers[k] for k in sorted(sub.answers, key=int)},
        "webpage_url": sub.webpage_url,
        "previous_plan": {
            "period": sub.previous_plan.period,
            "actions": [{"id": a.id, **action_to_plain(a)} for a in sub.previous_plan.actions],
        },
        "new_plan": {
            "period": sub.new_plan.period,
            "actions": [{"id": a.id, **action_to_plain(a)} for a in sub.new_plan.actions],
        },
        "signoff": {"lead": _signatory_dict(sub.signoff.lead), "leader": _signatory_dict(sub.signoff.leader)},
    }
    # Written only when set, so a file from before renewals existed reads and writes back unchanged.
    if sub.last_time:
        out["last_time"] = {k: sub.last_time[k] for k in sorted(sub.last_time, key=int)}
    if sub.renewed_from:
        out["renewed_from"] = sub.renewed_from
    if sub.attachments:
        import base64  # here: most submissions have no attachment, and a check need not load it

        out["attachments"] = [
            {
                "name": a.name,
                "kind": a.kind.value,
                "media_type": a.media_type,
                "data": base64.b64encode(a.data).decode("ascii"),
            }
            for a in sub.attachments
        ]
    return out


def _signatory_dict(s: Signatory) -> dict[str, Any]:
    return {"name": s.name, "role": s.role, "date": s.date.isoformat() if s.date else None}


# --- dict → Submission ---------------------------------------------------------------------------


def _text(d: dict[str, Any], key: str) -> str:
    value = d.get(key)
    return value if isinstance(value, str) else ""


def from_dict(data: Any, path: str | Path | None = None) -> Submission:
    """A Submission from interchange data; validates first, so every problem names its JSON path."""
    validate(data, path)
    prev = data.get("previous_plan") or {}
    new = data.get("new_plan") or {}
    signoff = data.get("signoff") or {}
    answers = {k: (v or "") for k, v in (data.get("answers") or {}).items()}
    attachments = []
    for i, a in enumerate(data.get("attachments") or []):
        import base64  # here: most submissions have no attachment, and a check need not load it

        try:
            payload = base64.b64decode(a["data"], validate=True)
        except ValueError as exc:  # binascii.Error, what b64decode raises, is a ValueError
            raise InvalidInputError(f"attachment data is not base64: {exc}", path, f"$.attachments[{i}].data") from exc
        attachments.append(Attachment(a["name"], AttachmentKind(a["kind"]), a["media_type"], payload))
    ids = {plan: _action_ids(plan, (data.get(f"{plan}_plan") or {}).get("actions") or [], path) for plan in ("previous", "new")}
    return Submission(
        organisation=_text(data, "organisation"),
        leads=[Lead(_text(lead, "name"), _text(lead, "role"), _text(lead, "email")) for lead in data.get("leads") or []],
        answers=answers,
        webpage_url=_text(data, "webpage_url"),
        previous_plan=PreviousPlan(
            period=_text(prev, "period"),
            actions=[
                action_from_plain(PreviousAction, a, id=ids["previous"][i])
                for i, a in enumerate(prev.get("actions") or [])
            ],
        ),
        new_plan=NewPlan(
            period=_text(new, "period"),
            actions=[
                action_from_plain(NewAction, a, id=ids["new"][i])
                for i, a in enumerate(new.get("actions") or [])
            ],
        ),
        signoff=SignOff(
            lead=_signatory(signoff.get("lead") or {}, path, "$.signoff.lead.date"),
            leader=_signatory(signoff.get("leader") or {}, path, "$.signoff.leader.date"),
        ),
        attachments=attachments,
        template=_text(data, "template") or "tc-renewal",
        last_time=dict(data.get("last_time") or {}),
        renewed_from=_text(data, "renewed_from"),
    )


def _action_ids(plan: str, actions: list[dict[str, Any]], path: str | Path | None) -> list[str]:
    """Each action's identity; files from before identities existed get them by position."""
    ids: list[str] = []
    seen: set[str] = set()  # a set, not the list: 100,000 actions must not take 5·10⁹ comparisons
    for i, a in enumerate(actions):
        given = a.get("id")
        ids.append(given if isinstance(given, str) and given else positional_id(plan, i))
        if ids[-1] in seen:
            raise InvalidInputError(f"id {ids[-1]!r} is used by two actions", path, f"$.{plan}_plan.actions[{i}].id")
        seen.add(ids[-1])
    return ids


def _signatory(d: dict[str, Any], path: str | Path | None, where: str) -> Signatory:
    raw = d.get("date")
    when = None
    if raw:
        try:
            when = date.fromisoformat(raw)
        except ValueError as exc:
            raise InvalidInputError(f"{raw!r} is not a calendar date", path, where) from exc
    return Signatory(_text(d, "name"), _text(d, "role"), when)


# --- files ---------------------------------------------------------------------------------------


def dumps(sub: Submission) -> str:
    return json.dumps(to_dict(sub), ensure_ascii=False, indent=2) + "\n"


# A submission is four levels deep. Python's parser runs out of stack near 1,000 levels; the error
# then points to where the nesting first passed MAX_DEPTH. Numbers are small (the format version), so long digit runs are refused
# before Python's own integer-conversion limit raises.
MAX_DEPTH = 64
MAX_NUMBER_DIGITS = 100
#: Values in lists and objects: every one but the first of a list or object follows a comma, so
#: counting commas bounds the objects parsing would build. A submission of 100,000 actions (a
#: benchmark, 98 MB) has about 1.6 million; a real one, 10,000.
MAX_ITEMS = 4_000_000


def _number(text: str) -> int | float:
    if len(text) > MAX_NUMBER_DIGITS:
        raise _TooLongError(len(text))
    return float(text) if any(c in text for c in ".eE") else int(text)


class _TooLongError(ValueError):
    def __init__(self, digits: int) -> None:
        super().__init__(digits)
        self.digits = digits


def loads(text: str, path: str | Path | None = None) -> Submission:
    """A Submission from interchange text, or an error naming the file and the place."""
    return from_dict(parse_json(text, path, decoded=False), path)


def parse_json(text: str, path: str | Path | None, decoded: bool) -> Any:
    """JSON ``text`` as Python data, bounded in nesting and number length, lone surrogates refused;
    ``decoded`` says whether ``text`` was decoded from UTF-8 (so holds no surrogates itself)."""
    if text.count(",") > MAX_ITEMS:
        raise InvalidInputError(f"more than {MAX_ITEMS:,} items (values in lists and objects); "
                                "a submission of 100,000 actions has about 1,600,000", path)
    twice: list[_Duplicated] = []
    try:
        data = json.loads(text, parse_int=_number, parse_float=_number, object_pairs_hook=_collector(twice))
    except RecursionError:
        # Only a file nested hundreds deep gets here; find the place for the message.
        where = _too_deep(text) or "line 1, column 1"
        raise InvalidInputError("nested too deeply to be a tcdesk submission", path, where) from None
    except json.JSONDecodeError as exc:
        raise InvalidInputError(f"not valid JSON: {exc.msg}", path, f"line {exc.lineno}, column {exc.colno}") from exc
    except _TooLongError as exc:
        raise InvalidInputError(f"a number of {exc.digits:,} digits (at most {MAX_NUMBER_DIGITS})", path) from exc
    if twice:
        where, key = _first_duplicate(data)
        raise InvalidInputError(f"the key {key!r} is given twice; which one is meant is not known", path, where)
    if _may_hold_surrogates(text, decoded):
        _check_text(data, path, "$")
    return data


class _Duplicated(dict[str, Any]):
    """An object in which ``key`` was given more than once (the parser kept the last value)."""

    key = ""


def _collector(twice: list[_Duplicated]) -> Callable[[list[tuple[str, Any]]], dict[str, Any]]:
    """An ``object_pairs_hook`` refusing to choose silently between two values of one key: a text
    merge can leave an answer twice, and keeping either would lose the other without a word."""

    def build(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
        obj = dict(pairs)
        if len(obj) == len(pairs):
            return obj
        marked = _Duplicated(obj)
        seen: set[str] = set()
        for key, _ in pairs:
            if key in seen:
                marked.key = key
                break
            seen.add(key)
        twice.append(marked)
        return marked

    return build


def _first_duplicate(root: Any) -> tuple[str, str]:
    """The JSON path and key of the first object, in document order, that gives a key twice."""
    stack = [(root, "$")]
    while stack:
        node, where = stack.pop()
        if isinstance(node, _Duplicated):
            return where, node.key
        if isinstance(node, dict):
            stack += reversed([(value, f"{where}.{key}") for key, value in node.items()])
        elif isinstance(node, list):
            stack += reversed([(value, f"{where}[{i}]") for i, value in enumerate(node)])
    raise AssertionError("no object with a key given twice")  # only called when the parser found one


def _too_deep(text: str) -> str | None:
    """``line L, column C`` where brackets first nest deeper than :data:`MAX_DEPTH`, ignoring strings."""
    depth = 0
    for m in re.finditer(r'"(?:[^"\\]|\\.)*"|[\[{]|[\]}]', text):
        token = m.group()
        if token in "[{":
            depth += 1
            if depth > MAX_DEPTH:
                line = text.count("\n", 0, m.start()) + 1
                return f"line {line}, column {m.start() - text.rfind(chr(10), 0, m.start())}"
        elif token in "]}":
            depth -= 1
    return None


def _may_hold_surrogates(text: str, decoded: bool) -> bool:
    """Whether parsing ``text`` can have produced a lone surrogate: only a ``\\uD800``–``\\uDFFF``
    escape can, or a surrogate in ``text`` itself unless it was ``decoded`` from UTF-8. Both are rare,
    and only then is every string of the document looked at."""
    if _SURROGATE_ESCAPE.search(text) is not None:
        return True
    if decoded:
        return False
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        return True
    return False


_SURROGATE_ESCAPE = re.compile(r"\\u[dD][89abcdefABCDEF]")


def _check_text(root: Any, path: str | Path | None, where: str) -> None:
    """Refuse lone surrogates (``"\\ud800"``): valid JSON, but no text file can hold them.

    Iterative, since the parser accepts nesting deeper than a recursive walk could follow.
    """
    stack = [(root, where)]
    while stack:
        node, where = stack.pop()
        if isinstance(node, str):
            try:
                node.encode("utf-8")
            except UnicodeEncodeError as exc:
                raise InvalidInputError(
                    f"the text holds an unpaired surrogate ({node[exc.start]!r}), which is not a character", path, where
                ) from exc
        elif isinstance(node, dict):
            stack += [(key, where) for key in node]
            stack += [(value, f"{where}.{key}") for key, value in node.items()]
        elif isinstance(node, list):
            stack += [(value, f"{where}[{i}]") for i, value in enumerate(node)]


def read(path: str | Path) -> Submission:
    """Read and validate a ``.tcdesk.json`` file."""
    path = Path(path)
    refuse_unreadable_input(path)
    try:
        with path.open("rb") as fh:
            size = os.fstat(fh.fileno()).st_size
            # Never more than the limit, even from a file that grows while it is read.
            raw = fh.read(MAX_SUBMISSION_BYTES + 1) if size <= MAX_SUBMISSION_BYTES else b""
    except OSError as exc:
        raise InvalidInputError(f"cannot read: {exc.strerror}", path) from exc
    if size > MAX_SUBMISSION_BYTES or len(raw) > MAX_SUBMISSION_BYTES:
        raise InvalidInputError(f"the file is too large to be a tcdesk submission ({max(size, len(raw)) // 2**20:,} MiB; "
                                f"limit {MAX_SUBMISSION_BYTES // 2**20} MiB)", path)
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise InvalidInputError(f"not UTF-8 text (byte {exc.start})", path) from exc
    return from_dict(parse_json(text, path, decoded=True), path)


def write(sub: Submission, path: str | Path) -> None:
    """Write atomically: a temporary file beside the target, then a rename.

    :raises InvalidInputError: the file would be larger than :func:`read` reads; nothing is written.
    """
    payload = dumps(sub).encode("utf-8")
    if len(payload) > MAX_SUBMISSION_BYTES:  # a file tcdesk would then refuse to read (figures grow by a third in base64)
        raise InvalidInputError(f"cannot write: the interchange file would be {len(payload) // 2**20:,} MiB; tcdesk reads at "
                                f"most {MAX_SUBMISSION_BYTES // 2**20} MiB: keep this submission as a project (.tcdesk)", path)
    atomic_write_bytes(Path(path), payload)
