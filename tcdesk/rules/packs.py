"""Loads and validates declarative rule packs: a folder with ``pack.yaml`` and one YAML file per rule.

Every problem is reported with the file and the line of the offending key, so a reviewer can fix a
pack of their own without reading Python.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from tcdesk.errors import TcdeskError
from tcdesk.rules.checks import CheckType
from tcdesk.rules.finding import Severity
from tcdesk.rules.rule import Example, Rule, Status

__all__ = ["RulePack", "RulePackError", "load_pack"]

PACK_FILE = "pack.yaml"
_NAME = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
_PREFIX = re.compile(r"^[A-Z]{1,6}$")
_RULE_KEYS = {"code", "name", "severity", "severities", "summary", "checks", "check", "params", "message", "why", "example", "since", "status"}
_PACK_KEYS = {"name", "prefix", "description", "data", "severities"}
_SECTIONS = {"cover", "question", "previous-plan", "new-plan", "signoff"}


class RulePackError(TcdeskError):
    """A rule pack that cannot be loaded; names the file and the line."""


class _Map(dict):
    """A mapping that remembers the line of each key (1-based)."""

    line: int = 0
    lines: dict

    def line_of(self, key: str) -> int:
        return self.lines.get(key, self.line)


class _LineLoader(getattr(yaml, "CSafeLoader", yaml.SafeLoader)):
    """A private subclass, so the line-recording constructors below do not leak into PyYAML."""


def _construct_mapping(loader: _LineLoader, node: yaml.MappingNode) -> _Map:
    loader.flatten_mapping(node)
    out = _Map()
    out.line = node.start_mark.line + 1
    out.lines = {}
    for key_node, value_node in node.value:
        key = loader.construct_object(key_node, deep=True)
        out[key] = loader.construct_object(value_node, deep=True)
        out.lines[key] = key_node.start_mark.line + 1
    return out


_LineLoader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG, _construct_mapping)
LineMap = _Map  # public names for tcdesk.rules.pack_cache


def _read(path: Path) -> _Map:
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise RulePackError(f"cannot read rule file: {exc}", path) from exc
    try:
        data = yaml.load(text, Loader=_LineLoader)  # noqa: S506 - a SafeLoader subclass
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None) or getattr(exc, "context_mark", None)
        where = f"line {mark.line + 1}" if mark else None
        problem = getattr(exc, "problem", None) or str(exc)
        raise RulePackError(f"not valid YAML: {problem}", path, where) from exc
    if not isinstance(data, _Map):
        raise RulePackError("expected a mapping of keys (code:, name:, …) at the top level", path, "line 1")
    return data


@dataclass
class RulePack:
    """A loaded pack: its rules, its shared ``data`` and its severity overrides."""

    path: Path
    name: str
    prefix: str
    source: str
    data: dict[str, Any] = field(default_factory=dict)
    severities: dict[str, Severity] = field(default_factory=dict)
    rules: list[Rule] = field(default_factory=list)


def _severity(value: Any, path: Path, line: int) -> Severity:
    try:
        return Severity(str(value))
    except ValueError:
        raise RulePackError(f"severity must be error, warning or info, not {value!r}", path, f"line {line}") from None


def _text(doc: _Map, key: str, path: Path, required: bool = True) -> str:
    value = doc.get(key)
    if value is None and not required:
        return ""
    if not isinstance(value, str) or not value.strip():
        line = doc.line_of(key)
        raise RulePackError(f"'{key}' must be non-empty text", path, f"line {line}")
    return value.strip()


def load_pack(directory: Path, check_types: Mapping[str, CheckType], source: str | None = None, read=None) -> RulePack:
    """Read a pack folder; raises :class:`RulePackError` naming the file and line of any problem.

    :param read: reads one YAML file as :func:`read_rule_file` does (the pack cache passes its own).
    """
    read = read or _read
    directory = Path(directory)
    meta_path = directory / PACK_FILE
    if not meta_path.is_file():
        raise RulePackError(f"a rule pack needs a {PACK_FILE} (name, prefix, data)", directory)
    meta = read(meta_path)
    for key in meta:
        if key not in _PACK_KEYS:
            raise RulePackError(f"unknown key {key!r} (known: {', '.join(sorted(_PACK_KEYS))})", meta_path, f"line {meta.line_of(key)}")
    prefix = str(meta.get("prefix", ""))
    if not _PREFIX.match(prefix):
        raise RulePackError("'prefix' must be 1 to 6 capital letters, the start of every code in the pack", meta_path, f"line {meta.line_of('prefix')}")
    data = meta.get("data") or {}
    if not isinstance(data, Mapping):
        raise RulePackError("'data' must be a mapping of named lists and values", meta_path, f"line {meta.line_of('data')}")
    severities_doc = meta.get("severities") or _Map()
    if not isinstance(severities_doc, _Map):
        raise RulePackError("'severities' must map rule codes to error, warning or info", meta_path, f"line {meta.line_of('severities')}")
    pack = RulePack(
        path=directory,
        name=_text(meta, "name", meta_path),
        prefix=prefix,
        source=source or str(directory),
        data=dict(data),
        severities={code: _severity(sev, meta_path, severities_doc.line_of(code)) for code, sev in severities_doc.items()},
    )
    seen: dict[str, Path] = {}
    for path in sorted([*directory.glob("*.yaml"), *directory.glob("*.yml")]):
        if path.name == PACK_FILE:
            continue
        rule = _load_rule(path, pack, check_types, read)
        if rule.code in seen:
            raise RulePackError(f"code {rule.code} is already used by {seen[rule.code].name}", path, f"line {read(path).line_of('code')}")
        seen[rule.code] = path
        pack.rules.append(rule)
    return pack


def _load_rule(path: Path, pack: RulePack, check_types: Mapping[str, CheckType], read=None) -> Rule:
    doc = (read or _read)(path)

    def fail(key: str, message: str) -> RulePackError:
        return RulePackError(message, path, f"line {doc.line_of(key)}")

    for key in doc:
        if key not in _RULE_KEYS:
            raise fail(key, f"unknown key {key!r} (known: {', '.join(sorted(_RULE_KEYS))})")
    code = _text(doc, "code", path)
    if not re.fullmatch(re.escape(pack.prefix) + r"\d{3}", code):
        raise fail("code", f"code {code!r} must be the pack prefix {pack.prefix!r} and three digits")
    name = _text(doc, "name", path)
    if not _NAME.match(name):
        raise fail("name", f"name {name!r} must be kebab-case (lower-case words joined by hyphens)")
    if name != path.stem:
        raise fail("name", f"name {name!r} must match the file name {path.stem!r}")
    severities = doc.get("severities") or {}
    if not isinstance(severities, Mapping) or any(k not in _SECTIONS for k in severities):
        raise fail("severities", f"'severities' maps sections ({', '.join(sorted(_SECTIONS))}) to a severity")
    if "severity" not in doc and not severities:
        raise fail("code", "give 'severity' (error, warning or info)")
    default = _severity(doc.get("severity", "error"), path, doc.line_of("severity"))
    if "severity" in doc and pack.severities.get(code, default) is not default:
        raise fail("severity", f"severity {default.value} disagrees with {pack.severities[code].value} for {code} in the "
                   "pack's 'severities'; state it in one place")
    check_name = _text(doc, "check", path)
    if check_name not in check_types:
        raise fail("check", f"unknown check type {check_name!r} (known: {', '.join(sorted(check_types))})")
    params = doc.get("params") or _Map()
    if not isinstance(params, Mapping):
        raise fail("params", "'params' must be a mapping")
    problems = check_types[check_name].validate(params)
    if problems:
        key, message = problems[0]
        line = params.line_of(key) if isinstance(params, _Map) and key in params else doc.line_of("params" if "params" in doc else "check")
        raise RulePackError(message, path, f"line {line}")
    example = doc.get("example")
    if not isinstance(example, Mapping) or not all(isinstance(example.get(k), str) and example[k].strip() for k in ("fails", "passes")):
        raise fail("example", "'example' must give 'fails' and 'passes' as text")
    status = str(doc.get("status", "stable"))
    if status not in {s.value for s in Status}:
        raise fail("status", "status must be stable, preview or deprecated")
    check_type = check_types[check_name]
    frozen_params = dict(params)

    def run(ctx, rule, _type=check_type, _params=frozen_params):
        return _type.run(ctx, rule, _params)

    message = _text(doc, "message", path)
    return Rule(
        code=code,
        name=name,
        severity=pack.severities.get(code, default),
        summary=_text(doc, "summary", path, required=False) or message,
        message=message,
        why=_text(doc, "why", path),
        example=Example(example["fails"].strip(), example["passes"].strip()),
        check=run,
        checks_what=_text(doc, "checks", path, required=False),
        since=str(doc.get("since", "0.1")),
        status=Status(status),
        source=pack.source,
        severities={k: _severity(v, path, severities.line_of(k) if isinstance(severities, _Map) else doc.line) for k, v in severities.items()},
    )


read_rule_file = _read  # for tcdesk.rules.pack_cache
