"""A JSON Schema turned once into plain Python predicates: is this document valid, yes or no.

Checking a valid file is the common case and must be cheap; ``jsonschema`` costs ~75 ms to import
and ~25 ms per Kent-size file. This compiles the small subset of draft 2020-12 that tcdesk's own
schemas use into nested closures. It answers only valid or not: when it says "not valid",
``jsonschema`` runs to name the problem and its JSON path, so error messages come from one place.
A schema using any keyword outside the subset compiles to ``None`` and callers fall back to
``jsonschema`` for every document.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any

__all__ = ["compile_schema"]

Predicate = Callable[[Any], bool]

# Keywords that never make a document invalid.
_ANNOTATIONS = {"$schema", "$id", "title", "description", "contentEncoding", "contentMediaType", "$comment", "$defs", "default"}
_TYPES: dict[str, Predicate] = {
    "object": lambda v: isinstance(v, dict),
    "array": lambda v: isinstance(v, list),
    "string": lambda v: isinstance(v, str),
    "null": lambda v: v is None,
    "boolean": lambda v: isinstance(v, bool),
    "integer": lambda v: (isinstance(v, int) and not isinstance(v, bool)) or (isinstance(v, float) and v.is_integer()),
    "number": lambda v: isinstance(v, (int, float)) and not isinstance(v, bool),
}

# Types a plain ``isinstance`` decides (``bool`` is an ``int`` in Python, so numbers are not here).
_PLAIN_TYPES: dict[str, type] = {"object": dict, "array": list, "string": str, "null": type(None)}


class _UnsupportedError(Exception):
    """The schema uses something this compiler does not know; ``jsonschema`` must do all the work."""


def _equal(a: Any, b: Any) -> bool:
    """JSON equality as JSON Schema defines it: ``true`` is not ``1``, ``1.0`` is ``1``."""
    if isinstance(a, bool) or isinstance(b, bool):
        return isinstance(a, bool) and isinstance(b, bool) and a is b
    if isinstance(a, (int, float)) and isinstance(b, (int, float)):
        return a == b
    if isinstance(a, list) and isinstance(b, list):
        return len(a) == len(b) and all(_equal(x, y) for x, y in zip(a, b, strict=True))
    if isinstance(a, dict) and isinstance(b, dict):
        return a.keys() == b.keys() and all(_equal(a[k], b[k]) for k in a)
    return type(a) is type(b) and a == b


def compile_schema(schema: dict[str, Any]) -> Predicate | None:
    """A predicate telling whether a document satisfies ``schema``, or ``None`` if unsupported."""
    compiled: dict[str, Predicate] = {}

    def resolve(ref: str) -> Predicate:
        if not ref.startswith("#/"):
            raise _UnsupportedError(ref)
        if ref not in compiled:
            node: Any = schema
            for part in ref[2:].split("/"):
                part = part.replace("~1", "/").replace("~0", "~")
                if not isinstance(node, dict) or part not in node:
                    raise _UnsupportedError(ref)
                node = node[part]
            compiled[ref] = lambda v: True  # a placeholder breaks cycles while compiling
            target = build(node)
            compiled[ref] = target
        return lambda v: compiled[ref](v)

    def build(node: Any) -> Predicate:
        if node is True or node == {}:
            return lambda v: True
        if node is False:
            return lambda v: False
        if not isinstance(node, dict):
            raise _UnsupportedError(repr(node))
        checks: list[Predicate] = []
        for key, value in node.items():
            if key in _ANNOTATIONS or key in {"properties", "additionalProperties"}:
                continue
            checks.append(_keyword(key, value, node, build, resolve))
        if "properties" in node or "additionalProperties" in node:
            checks.append(_properties(node, build))
        if len(checks) == 1:
            return checks[0]

        def every(v: Any) -> bool:
            for check in checks:  # noqa: SIM110 - a plain loop: all() with a generator is slower here
                if not check(v):
                    return False
            return True

        return every

    try:
        return build(schema)
    except (_UnsupportedError, re.error, TypeError):
        return None


def _keyword(key: str, value: Any, node: dict, build, resolve) -> Predicate:
    if key == "type":
        names = [value] if isinstance(value, str) else list(value)
        if any(n not in _TYPES for n in names):
            raise _UnsupportedError(f"type {value!r}")
        if set(names) <= _PLAIN_TYPES.keys():
            plain = tuple(_PLAIN_TYPES[n] for n in names)
            return lambda v: isinstance(v, plain)
        tests = [_TYPES[n] for n in names]
        return lambda v: any(t(v) for t in tests)
    if key == "const":
        return lambda v: _equal(v, value)
    if key == "enum":
        options = list(value)
        if all(o is None or isinstance(o, str) for o in options):
            allowed = frozenset(options)
            return lambda v: (v is None or type(v) is str) and v in allowed
        return lambda v: any(_equal(v, o) for o in options)
    if key == "required":
        names = list(value)
        return lambda v: not isinstance(v, dict) or all(n in v for n in names)
    if key == "items":
        item = build(value)
        if "prefixItems" in node:
            raise _UnsupportedError("prefixItems")
        return lambda v: not isinstance(v, list) or all(item(x) for x in v)
    if key == "$ref":
        return resolve(value)
    if key in {"anyOf", "oneOf", "allOf"}:
        branches = [build(b) for b in value]
        if key == "anyOf":
            return lambda v: any(b(v) for b in branches)
        if key == "allOf":
            return lambda v: all(b(v) for b in branches)
        return lambda v: sum(1 for b in branches if b(v)) == 1
    if key == "pattern":
        search = re.compile(value).search
        return lambda v: not isinstance(v, str) or search(v) is not None
    if key == "minLength":
        return lambda v: not isinstance(v, str) or len(v) >= value
    if key == "maxLength":
        return lambda v: not isinstance(v, str) or len(v) <= value
    if key == "propertyNames":
        name = build(value)
        return lambda v: not isinstance(v, dict) or all(name(k) for k in v)
    raise _UnsupportedError(key)


def _properties(node: dict, build) -> Predicate:
    named = {name: build(sub) for name, sub in (node.get("properties") or {}).items()}
    extra = build(node["additionalProperties"]) if "additionalProperties" in node else None

    def check(v: Any) -> bool:
        if not isinstance(v, dict):
            return True
        for k, item in v.items():
            test = named.get(k, extra)
            if test is not None and not test(item):
                return False
        return True

    return check
