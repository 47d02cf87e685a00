"""Loads and validates declarative rule packs: a folder with ``pack.yaml`` and one YAML file per rule.

Every problem is reported with the file and the line of the offending key, so a reviewer can fix a
pack of their own without reading Python. A pack is untrusted input: its files, the values YAML
aliases expand to, its regular expressions (RE2, see :mod:`tcdesk.rules.scan`) and its message
templates are bounded before anything uses them.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, NamedTuple

from tcdesk.errors import TcdeskError
from tcdesk.rules.checks import CheckType
from tcdesk.rules.context import CheckContext
from tcdesk.rules.finding import Finding, Severity
from tcdesk.rules.rule import Example, Rule, Status, message_problem

__all__ = ["MAX_DEPTH", "MAX_FILE_BYTES", "MAX_VALUES", "PackData", "RulePack", "RulePackError", "load_pack"]

PACK_FILE = "pack.yaml"
_NAME = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
_PREFIX = re.compile(r"^[A-Z]{1,6}$")
_RULE_KEYS = {"code", "name", "severity", "severities", "summary", "checks", "check", "params", "message", "why", "example", "since", "status"}
_PACK_KEYS = {"name", "prefix", "description", "data", "replaces", "severities"}
MAX_FILE_BYTES = 1 << 20  # one rule file; the core pack.yaml has 4 KB
MAX_VALUES = 100_000  # scalars, lists and mappings in one file once aliases are expanded
MAX_DEPTH = 50  # nesting of lists and mappings; deeper data would exhaust the constructor's recursion
_SECTIONS = {"cover", "question", "previous-plan", "new-plan", "signoff"}


class RulePackError(TcdeskError):
    """A rule pack that cannot be loaded; names the file and the line."""


class _Map(dict[str, Any]):
    """A mapping that remembers the line of each key (1-based)."""

    line: int = 0
    lines: dict[str, int]

    def line_of(self, key: str) -> int:
        return self.lines.get(key, self.line)


#: Reads one YAML file into line-aware mappings (the pack cache passes its own).
Reader = Callable[[Path], _Map]

LineMap = _Map  # public names for tcdesk.rules.pack_cache


def _read(path: Path) -> _Map:
    # PyYAML is loaded only here: a check whose packs come from the pack cache never imports it.
    from tcdesk.rules.pack_yaml import read_file

    return read_file(path)


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
    replaces: frozenset[str] = frozenset()  # data names of earlier packs this pack means to replace
    lines: dict[str, int] = field(default_factory=dict)  # line of each data name (and of 'replaces') in pack.yaml
    uses: list[_Use] = field(default_factory=list)  # rules whose parameters name pack data ("$name")

    @property
    def meta_path(self) -> Path:
        return self.path / PACK_FILE


class _Use(NamedTuple):
    """A rule's parameters that read pack data, kept to check them against the data once every pack is in."""

    check_type: CheckType
    params: Mapping[str, Any]
    path: Path
    line: int


def _kind(value: Any) -> str:
    if isinstance(value, bool):
        return "true/false"
    if isinstance(value, (int, float)):
        return "number"
    if isinstance(value, str):
        return "text"
    return "list" if isinstance(value, list) else "mapping" if isinstance(value, Mapping) else "empty value"


def _data_names(params: Mapping[str, Any]) -> list[tuple[str, str]]:
    """(parameter, data name) for each ``"$name"`` in ``params``, also one level down (``groups``)."""
    found = []
    for key, value in params.items():
        values = value.values() if isinstance(value, Mapping) else [value]
        found += [(key, v[1:]) for v in values if isinstance(v, str) and v.startswith("$")]
    return found


def _resolved(params: Mapping[str, Any], data: Mapping[str, Any]) -> dict[str, Any]:
    def one(v: Any) -> Any:
        return data.get(v[1:]) if isinstance(v, str) and v.startswith("$") else v

    return {k: {gk: one(gv) for gk, gv in v.items()} if isinstance(v, Mapping) else one(v) for k, v in params.items()}


class PackData:
    """The ``data`` of every loaded pack, merged in load order, remembering where each name was defined.

    A later pack adds new names and adds items to an earlier pack's list; it replaces any other
    value of an earlier pack only when it says so with ``replaces: [name]``, and then with a value
    of the same kind. Nothing a pack does silently changes what a core rule looks for.
    """

    def __init__(self) -> None:
        self.values: dict[str, Any] = {}
        self.origins: dict[str, tuple[Path, int]] = {}
        self.parts: dict[str, list[tuple[Path, int, list[Any]]]] = {}  # each pack's items of a list, to blame the right file
        self.uses: list[_Use] = []

    def add(self, pack: RulePack) -> None:
        where = pack.meta_path
        for name in sorted(pack.replaces):
            if name not in self.values:
                raise RulePackError(f"'replaces' names {name!r}, which no earlier pack defines", where, f"line {pack.lines.get('replaces', 1)}")
            if name not in pack.data:
                raise RulePackError(f"'replaces' names {name!r}, but 'data' gives no new value for it", where, f"line {pack.lines.get('replaces', 1)}")
        for name, value in pack.data.items():
            line = pack.lines.get(name, 1)
            if name in self.values:
                earlier, origin = self.values[name], self.origins[name]
                if _kind(value) != _kind(earlier):
                    raise RulePackError(f"data {name!r} is a {_kind(earlier)} in {origin[0]} (line {origin[1]}), not a {_kind(value)}", where, f"line {line}")
                if name not in pack.replaces:
                    if not isinstance(value, list):
                        raise RulePackError(
                            f"data {name!r} is already defined in {origin[0]} (line {origin[1]}); "
                            f"list it under 'replaces:' to replace it, or choose another name", where, f"line {line}")
                    self.values[name] = [*earlier, *value]
                    self.parts[name].append((where, line, value))
                    continue
            self.values[name] = value
            self.origins[name] = (where, line)
            self.parts[name] = [(where, line, value)]
        self.uses += pack.uses

    def check(self) -> None:
        """Check every rule's ``"$name"`` parameters against the merged data (the names exist, the values fit)."""
        for use in self.uses:
            names = _data_names(use.params)
            for _key, name in names:
                if name not in self.values:
                    raise RulePackError(f"no pack defines data {name!r}", use.path, f"line {use.line}")
            for key, message in use.check_type.validate(_resolved(use.params, self.values)):
                suspects = [name for k, name in names if k == key]
                if suspects:
                    name, path, line = self._blame(use, suspects)
                    raise RulePackError(f"data {name!r}, used by {use.path.name}: {message}", path, f"line {line}")

    def _blame(self, use: _Use, suspects: list[str]) -> tuple[str, Path, int]:
        """The data name and the pack whose addition first makes ``use``'s check fail.

        Every data name starts from its first definition; then each pack's part of each suspect is
        added in load order, so an invalid item, or the item that makes a list too big, is found.
        """
        first = {name: parts[0][2] for name, parts in self.parts.items()}
        for name in suspects:
            items: Any = None
            for path, line, part in self.parts[name]:
                items = [*items, *part] if isinstance(items, list) and isinstance(part, list) else part
                if use.check_type.validate(_resolved(use.params, {**self.values, **first, name: items})):
                    return name, path, line
        origin = self.origins[suspects[0]]
        return suspects[0], origin[0], origin[1]


def _shown(value: Any) -> str:
    text = repr(value) if isinstance(value, (str, int, float)) else f"a {_kind(value)}"
    return text if len(text) <= 60 else text[:57] + "…"


def _severity(value: Any, path: Path, line: int) -> Severity:
    try:
        return Severity(str(value))
    except ValueError:
        raise RulePackError(f"severity must be error, warning or info, not {_shown(value)}", path, f"line {line}") from None


def _text(doc: _Map, key: str, path: Path, required: bool = True) -> str:
    value = doc.get(key)
    if value is None and not required:
        return ""
    if not isinstance(value, str) or not value.strip():
        line = doc.line_of(key)
        raise RulePackError(f"'{key}' must be non-empty text", path, f"line {line}")
    return value.strip()


def load_pack(
    directory: Path, check_types: Mapping[str, CheckType], source: str | None = None, read: Reader | None = None
) -> RulePack:
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
    data = meta.get("data") or _Map()
    if not isinstance(data, _Map):
        raise RulePackError("'data' must be a mapping of named lists and values", meta_path, f"line {meta.line_of('data')}")
    for name in data:
        if not isinstance(name, str) or not name.strip() or name.startswith("$"):
            raise RulePackError(f"data name {name!r} must be text (rules refer to it as \"$name\")", meta_path, f"line {data.line_of(name)}")
    replaces = meta.get("replaces") or []
    if not isinstance(replaces, list) or not all(isinstance(n, str) for n in replaces):
        raise RulePackError("'replaces' must be a list of data names", meta_path, f"line {meta.line_of('replaces')}")
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
        replaces=frozenset(replaces),
        lines={**{name: data.line_of(name) for name in data}, "replaces": meta.line_of("replaces")},
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


def _load_rule(path: Path, pack: RulePack, check_types: Mapping[str, CheckType], read: Reader | None = None) -> Rule:
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
    if _data_names(frozen_params):
        pack.uses.append(_Use(check_type, frozen_params, path, doc.line_of("params")))

    def run(
        ctx: CheckContext, rule: Rule, _type: CheckType = check_type, _params: dict[str, Any] = frozen_params
    ) -> Iterable[Finding]:
        return _type.run(ctx, rule, _params)

    message = _text(doc, "message", path)
    problem = message_problem(message)
    if problem:
        raise fail("message", problem)
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
