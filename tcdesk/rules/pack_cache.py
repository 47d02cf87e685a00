"""Rule packs loaded through the parsed-YAML cache: each file's keys, values and key lines as JSON.

Every pack is still validated in full on each load (check types can change between runs when a
plugin is installed); only reading the YAML is skipped when a file's bytes are unchanged. The key
lines come back too, so a problem found later still names the file and the line.
"""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path
from typing import Any

from tcdesk.parse_cache import StaleEntryError, cached_parse
from tcdesk.rules import packs
from tcdesk.rules.checks import CheckType

__all__ = ["load_pack", "read_rule_file"]

KIND = "tcdesk-rule-file"
MAX_DEPTH = 60  # deeper than the pack loader ever accepts (packs.MAX_DEPTH where it exists)
_SCALARS = (str, int, float, bool, type(None))


def load_pack(directory: Path, check_types: Mapping[str, CheckType], source: str | None = None) -> packs.RulePack:
    """:func:`tcdesk.rules.packs.load_pack`, reading each file through the cache."""
    return packs.load_pack(directory, check_types, source=source, read=read_rule_file)


def read_rule_file(path: Path) -> Any:
    """The parsed rule file (mappings remember their key lines), from the cache when unchanged."""
    return cached_parse(path, packs.read_rule_file, KIND, _encode, _decode)


def _encode(value: Any, depth: int = 0) -> Any:
    """Plain JSON: a mapping becomes ``{"l": line, "m": [[key, value, key line], …]}``, a list ``{"s": […]}``.

    Keys keep their YAML type (``1`` and ``"1"`` differ), so they cannot be JSON object keys.
    Raises ``TypeError`` for anything else YAML may produce (dates, binary, sets): such a file is
    simply not cached.
    """
    if depth > MAX_DEPTH:
        raise ValueError("too deep to cache")
    if isinstance(value, packs.LineMap):
        items = []
        for key, item in value.items():
            if not isinstance(key, _SCALARS):
                raise TypeError(f"key of type {type(key).__name__}")
            items.append([key, _encode(item, depth + 1), value.lines.get(key, value.line)])
        return {"l": value.line, "m": items}
    if isinstance(value, list):
        return {"s": [_encode(v, depth + 1) for v in value]}
    if isinstance(value, _SCALARS):
        return value
    raise TypeError(f"value of type {type(value).__name__}")


def _decode(data: Any, depth: int = 0) -> Any:
    if depth > MAX_DEPTH:
        raise StaleEntryError("too deep")
    if isinstance(data, _SCALARS):
        return data
    if not isinstance(data, dict):
        raise StaleEntryError(f"unexpected {type(data).__name__}")
    if data.keys() == {"s"} and isinstance(data["s"], list):
        return [_decode(v, depth + 1) for v in data["s"]]
    if data.keys() != {"l", "m"} or not _is_line(data["l"]) or not isinstance(data["m"], list):
        raise StaleEntryError("not a mapping entry")
    out = packs.LineMap()
    out.line, out.lines = data["l"], {}
    for triple in data["m"]:
        if not (isinstance(triple, list) and len(triple) == 3 and isinstance(triple[0], _SCALARS) and _is_line(triple[2])):
            raise StaleEntryError("not a key entry")
        key, value, line = triple
        out[key] = _decode(value, depth + 1)
        out.lines[key] = line
    return out


def _is_line(value: Any) -> bool:
    return isinstance(value, int) and not isinstance(value, bool) and value >= 0
