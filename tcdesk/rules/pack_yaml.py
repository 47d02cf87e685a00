"""YAML for rule packs: PyYAML's safe loader, recording the line of every key and bounding what aliases expand to.

Split from :mod:`tcdesk.rules.packs` so that PyYAML is imported only when a rule file is really
parsed (the pack cache usually answers without it).
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any

import yaml

from tcdesk.fileio import refuse_unreadable_input
from tcdesk.rules.packs import MAX_DEPTH, MAX_FILE_BYTES, MAX_VALUES, RulePackError, _Map

__all__ = ["read_file"]


if TYPE_CHECKING:
    _BaseLoader = yaml.SafeLoader
else:  # libyaml's loader when PyYAML was built with it: the same results, faster
    _BaseLoader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


class _LineLoader(_BaseLoader):
    """A private subclass, so the line-recording constructors below do not leak into PyYAML."""

    def construct_object(self, node: yaml.Node, deep: bool = False) -> Any:
        # PyYAML's own constructors raise plain ValueError and the like for "!!float x" or
        # "!!int 1e9999"; give them the value's line like every other YAML problem.
        try:
            return super().construct_object(node, deep)
        except (ValueError, TypeError, KeyError, IndexError, AttributeError, OverflowError) as exc:
            problem = str(exc).splitlines()[0][:80] if str(exc) else type(exc).__name__
            raise yaml.constructor.ConstructorError(None, None, f"cannot read this value ({problem})", node.start_mark) from exc


def _construct_mapping(loader: _LineLoader, node: yaml.MappingNode) -> _Map:
    loader.flatten_mapping(node)
    out = _Map()
    out.line = node.start_mark.line + 1
    out.lines = {}
    for key_node, value_node in node.value:
        key = loader.construct_object(key_node, deep=True)
        try:
            hash(key)
        except TypeError:
            raise yaml.constructor.ConstructorError(None, None, "a key must be plain text or a number", key_node.start_mark) from None
        out[key] = loader.construct_object(value_node, deep=True)
        out.lines[key] = key_node.start_mark.line + 1
    return out


_LineLoader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG, _construct_mapping)


def _bound(node: yaml.Node | None, path: Path) -> None:
    """Refuse a document whose aliases expand past :data:`MAX_VALUES` values, nest past :data:`MAX_DEPTH` or loop.

    Aliases make the composed graph small while the values it stands for are huge (the "billion
    laughs"), so each node's expanded size and height are computed once, children first, without
    recursion.
    """
    if node is None:
        return
    size: dict[int, tuple[int, int]] = {}  # id(node) → (values it expands to, levels of nesting)
    open_nodes: set[int] = set()
    stack: list[tuple[yaml.Node, bool]] = [(node, False)]
    while stack:
        current, children_done = stack.pop()
        key = id(current)
        where = f"line {current.start_mark.line + 1}"
        if children_done:
            open_nodes.discard(key)
            below = [size[id(c)] for c in _children(current)]
            size[key] = (1 + sum(n for n, _ in below), 1 + max((h for _, h in below), default=0))
            if size[key][0] > MAX_VALUES:
                raise RulePackError(f"too much data: aliases expand it past {MAX_VALUES:,} values", path, where)
            if size[key][1] > MAX_DEPTH:
                raise RulePackError(f"lists and mappings nested more than {MAX_DEPTH} deep", path, where)
            continue
        if key in size:
            continue
        if key in open_nodes:
            raise RulePackError("an alias refers to a value that contains it", path, where)
        open_nodes.add(key)
        stack.append((current, True))
        stack.extend((child, False) for child in _children(current) if id(child) not in size)


def _children(node: yaml.Node) -> list[yaml.Node]:
    if isinstance(node, yaml.MappingNode):
        return [n for pair in node.value for n in pair]
    if isinstance(node, yaml.SequenceNode):
        return list(node.value)
    return []


def read_file(path: Path) -> _Map:
    """Parse one rule file into line-aware mappings, bounded (size, aliases, nesting)."""
    refuse_unreadable_input(path, RulePackError)
    try:
        with path.open("rb") as f:
            raw = f.read(MAX_FILE_BYTES + 1)
        if len(raw) > MAX_FILE_BYTES:
            raise RulePackError(f"rule file larger than {MAX_FILE_BYTES // 1024} KiB", path)
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise RulePackError("not UTF-8 text", path, f"byte {exc.start}") from exc
    except OSError as exc:
        raise RulePackError(f"cannot read rule file: {exc.strerror or exc}", path) from exc
    loader = _LineLoader(text)
    try:
        node = loader.get_single_node()
        _bound(node, path)
        data = loader.construct_document(node) if node is not None else None
    except yaml.reader.ReaderError as exc:  # a character YAML does not allow; it has a position, no mark
        line = text.count("\n", 0, exc.position) + 1
        raise RulePackError(f"not valid YAML: character {exc.character!r} is not allowed", path, f"line {line}") from exc
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None) or getattr(exc, "context_mark", None)
        where = f"line {mark.line + 1}" if mark else None
        problem = (getattr(exc, "problem", None) or str(exc)).splitlines()[0]
        raise RulePackError(f"not valid YAML: {problem}", path, where) from exc
    finally:
        loader.dispose()
    if not isinstance(data, _Map):
        raise RulePackError("expected a mapping of keys (code:, name:, …) at the top level", path, "line 1")
    return data
