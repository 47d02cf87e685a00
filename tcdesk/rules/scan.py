"""Fast search of many regular expressions over much text, for the placeholder and wording checks.

Python's ``re`` only searches quickly when a pattern begins with a literal; ``\\bTBC\\b`` or
``(?i)lorem ipsum`` make it try every position. So each pattern's leading literal is found with
``find`` (on lower-cased ASCII bytes when the pattern ignores case), and the pattern is only tried
where that literal occurs. Patterns without a usable literal fall back to a plain scan.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence
from functools import lru_cache

try:  # the parser is internal to ``re``; without it every pattern takes the plain scan
    from re import _constants as _sre_constants
    from re import _parser as _sre_parser
except ImportError:  # pragma: no cover - other Python implementations
    _sre_parser = _sre_constants = None

__all__ = ["Scanner", "scanner"]

_GLOBAL_FLAGS = re.compile(r"^\(\?([aiLmsux]+)\)")


def _literal_prefix(pattern: str) -> tuple[str, bool] | None:
    """The literal text every match starts with (after zero-width assertions), and whether case is ignored."""
    if _sre_parser is None:
        return None
    try:
        parsed = _sre_parser.parse(pattern)
    except Exception:  # noqa: BLE001 - internal API; any surprise means "no prefix"
        return None
    ignore_case = bool(parsed.state.flags & re.IGNORECASE)
    items = list(parsed)
    chars: list[str] = []
    while items:
        op, av = items.pop(0)
        if op is _sre_constants.AT and not chars:
            continue
        if op is _sre_constants.LITERAL:
            chars.append(chr(av))
            continue
        if op is _sre_constants.SUBPATTERN and not chars:
            _group, add_flags, _del_flags, sub = av
            ignore_case = ignore_case or bool(add_flags & re.IGNORECASE)
            items = list(sub) + items
            continue
        break
    if not chars:
        return None
    literal = "".join(chars)
    return (literal.lower(), True) if ignore_case else (literal, False)


@lru_cache(maxsize=8)
def _lowered(text: str) -> bytes:
    # One byte per character (non-ASCII becomes "?"), so offsets line up with the text; lowering
    # ASCII bytes is much faster than lowering a str that holds any non-ASCII character.
    return text.encode("ascii", "replace").lower()


class Scanner:
    """A compiled set of patterns that reports every match in a text, in order of position."""

    def __init__(self, patterns: Sequence[str]) -> None:
        self.patterns = tuple(patterns)
        self._fast: list[tuple[re.Pattern[str], str | bytes, bool]] = []
        slow: list[str] = []
        for p in self.patterns:
            prefix = _literal_prefix(p)
            if prefix is None or not prefix[0].isascii():
                slow.append(p)
            else:
                literal, ignore_case = prefix
                self._fast.append((re.compile(p), literal.encode("ascii") if ignore_case else literal, ignore_case))
        self._slow = re.compile("|".join(_scoped(p) for p in slow)) if slow else None

    def search(self, text: str) -> re.Match[str] | None:
        """The first match in ``text``, or ``None``."""
        return next(self.finditer(text), None)

    def finditer(self, text: str) -> Iterator[re.Match[str]]:
        found: list[re.Match[str]] = []
        low: bytes | None = None
        for rx, literal, ignore_case in self._fast:
            if ignore_case:
                if low is None:
                    low = _lowered(text)
                hay = low
            else:
                hay = text
            i = hay.find(literal)
            while i >= 0:
                m = rx.match(text, i)
                if m and m.end() > m.start():
                    found.append(m)
                    i = hay.find(literal, m.end())
                else:
                    i = hay.find(literal, i + 1)
        if self._slow is not None:
            found.extend(self._slow.finditer(text))
        found.sort(key=lambda m: (m.start(), -m.end()))
        # Overlapping matches of different patterns are one occurrence.
        last_end = -1
        for m in found:
            if m.start() >= last_end:
                last_end = m.end()
                yield m


def _scoped(pattern: str) -> str:
    # "(?i)x" must become "(?i:x)" to sit inside an alternation with other patterns.
    m = _GLOBAL_FLAGS.match(pattern)
    return f"(?{m.group(1)}:{pattern[m.end():]})" if m else f"(?:{pattern})"


@lru_cache(maxsize=64)
def scanner(patterns: tuple[str, ...]) -> Scanner:
    """A cached scanner for a tuple of patterns."""
    return Scanner(patterns)
