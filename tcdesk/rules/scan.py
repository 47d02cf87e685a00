"""Regular expressions from rule packs, compiled with RE2, so matching takes time linear in the text.

A pack is untrusted input. Python's ``re`` backtracks: ``(a+)+$`` on a long line runs for minutes
while holding the interpreter lock, so no time budget can stop it. RE2 (the ``google-re2`` binding)
never backtracks; it has no look-around or back-references, and a pattern it cannot compile is
refused when the pack loads. Phrases (literal words) become one RE2 alternation whose word
boundaries are Unicode-aware, as Python's ``\\b`` is.
"""

from __future__ import annotations

import contextlib
import re
from collections.abc import Iterable, Iterator, Sequence
from functools import lru_cache
from typing import NamedTuple

import re2

__all__ = [
    "MAX_PATTERN_LENGTH",
    "MAX_REPEAT",
    "Occurrence",
    "PhrasePattern",
    "Scanner",
    "compile_pattern",
    "pattern_problem",
    "phrase_pattern",
    "phrases_problem",
    "scanner",
]

MAX_PATTERN_LENGTH = 1000  # characters; the longest core pattern has 40
MAX_REPEAT = 1000  # RE2's own limit, which it silently ignores for counts it cannot parse (a{4294967296})
_MAX_MEM = 8 << 20  # bytes RE2 may use for one compiled pattern
_REPEAT = re.compile(r"(?<!\\)\{(\d+)(?:,(\d*))?\}")
_SURROGATE = "[\ud800-\udfff]"  # compiled by re only for a text that holds one
# Python's \w for str is Unicode-aware; RE2's \b and \w are ASCII-only, so phrases use this class.
_WORD_CHAR = r"\pL\pN_"


class PatternError(ValueError):
    """A pattern RE2 cannot (or must not) compile; the message says why in one line."""


def _options(ignore_case: bool = False) -> re2.Options:
    options = re2.Options()
    options.log_errors = False  # RE2 would otherwise print its own complaint on stderr
    options.max_mem = _MAX_MEM
    options.case_sensitive = not ignore_case
    return options


def pattern_problem(pattern: object) -> str | None:
    """Why ``pattern`` cannot be used as a pack regular expression, or ``None`` when it can."""
    if not isinstance(pattern, str):
        return f"a regular expression must be text, not {type(pattern).__name__}"
    if len(pattern) > MAX_PATTERN_LENGTH:
        return f"regular expression longer than {MAX_PATTERN_LENGTH} characters ({len(pattern)})"
    if not _encodable(pattern):
        return "regular expression holds a lone surrogate (not valid Unicode)"
    for m in _REPEAT.finditer(pattern):
        counts = [int(n) for n in m.groups() if n]
        if any(n > MAX_REPEAT for n in counts):
            return f"repetition {m.group(0)[:20]} is over {MAX_REPEAT}"
    try:
        _compiled(pattern, False)
    except re2.error as exc:
        reason = exc.args[0] if exc.args else "not valid"
        if isinstance(reason, bytes):
            reason = reason.decode("utf-8", "replace")
        return f"not an RE2 regular expression ({reason[:120]})"
    return None


@lru_cache(maxsize=256)
def compile_pattern(pattern: str, ignore_case: bool = False) -> re2._Regexp:
    """A pack pattern compiled with RE2; raises :class:`PatternError` for one it refuses."""
    problem = pattern_problem(pattern)
    if problem:
        raise PatternError(f"{problem}: {pattern[:60]!r}")
    return _compiled(pattern, ignore_case)


@lru_cache(maxsize=256)
def _compiled(pattern: str, ignore_case: bool) -> re2._Regexp:
    """Compiled once, whether first asked for by the pack's validation or by a check."""
    return re2.compile(pattern, _options(ignore_case))


@lru_cache(maxsize=128)
def phrase_pattern(phrases: tuple[str, ...]) -> PhrasePattern:
    """One case-insensitive search for whole-word phrases; group 1 of a match is the phrase found.

    The boundary before and after a phrase is matched as a character (RE2 has no look-around), so
    a search for the next phrase starts at the end of group 1, never after the boundary.
    """
    alternatives = sorted((re2.escape(p.strip()).replace(r"\ ", r"\s+") for p in phrases if p.strip()), key=len, reverse=True)
    if not alternatives:
        raise PatternError("no phrases")
    return PhrasePattern("|".join(alternatives))


def _bounded(body: str, word: str) -> str:
    return f"(?s)(?:^|[^{word}])({body})(?:[^{word}]|$)"


class PhrasePattern:
    """The phrases between Unicode word boundaries, searched through an ASCII-bounded pattern first.

    RE2 compiles the Unicode classes of the exact pattern (letters, digits) into a large automaton:
    compiling it and its first search cost a check ~10 ms. The quick pattern takes only ASCII
    letters, digits and ``_`` as word characters, so it finds every match the exact one finds, and
    the same first one whenever the characters around its phrase are ASCII or not word characters
    at all (one small class answers that); only a phrase touching a non-ASCII letter or digit, as
    in "surveyé", sends the search to the exact pattern, compiled then.
    """

    def __init__(self, body: str) -> None:
        self._body = body
        self._quick = re2.compile(_bounded(body, _ASCII_WORD_CHAR), _options(ignore_case=True))
        self._exact: re2._Regexp | None = None

    def search(self, text: str | bytes, pos: int = 0) -> re2._Match | None:
        """The first match at or after ``pos``, as the exact pattern's ``search`` gives it, or ``None``."""
        m = self._quick.search(text, pos)
        if m is None or all(_not_word(text[a:b]) for a, b in ((m.start(), m.start(1)), (m.end(1), m.end()))):
            return m
        if self._exact is None:
            try:
                self._exact = re2.compile(_bounded(self._body, _WORD_CHAR), _options(ignore_case=True))
            except re2.error as exc:  # only a phrase list at RE2's memory bound gets here
                raise PatternError(f"too many or too long phrases for one check ({exc.args[0] if exc.args else exc})") from None
        return self._exact.search(text, pos)


_ASCII_WORD_CHAR = "A-Za-z0-9_"


def _not_word(boundary: str | bytes) -> bool:
    """Whether the character the quick pattern took as a boundary (or none, at either end) is one
    the exact pattern takes too: any ASCII one it took, a non-ASCII one only outside ``\\pL\\pN_``."""
    if not boundary or (boundary.isascii() and len(boundary) == 1):
        return True
    return _non_word_class().fullmatch(boundary) is not None


@lru_cache(maxsize=1)
def _non_word_class() -> re2._Regexp:
    # Case-insensitive like the phrase patterns, so case folding shapes the class the same way.
    return re2.compile(f"[^{_WORD_CHAR}]", _options(ignore_case=True))


def phrases_problem(phrases: Sequence[str]) -> str | None:
    """Why ``phrases`` cannot become one pattern (RE2 bounds a compiled pattern's memory), or ``None``."""
    try:
        phrase_pattern(tuple(phrases))
    except (re2.error, PatternError) as exc:
        reason = exc.args[0] if exc.args else ""
        reason = reason.decode("utf-8", "replace") if isinstance(reason, bytes) else str(reason)
        return f"too many or too long phrases for one check ({len(phrases):,} phrases: {reason[:60]})"
    return None


def _encodable(text: str) -> bool:
    """Whether ``text`` holds no lone surrogate: only a surrogate makes strict UTF-8 refuse a string."""
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        return False
    return True


def _utf8(text: str) -> bytes:
    try:
        return text.encode("utf-8")
    except UnicodeEncodeError:  # a lone surrogate (e.g. from "\ud800" in JSON): one character stays one
        return re.sub(_SURROGATE, "\ufffd", text).encode("utf-8")


class Occurrence(NamedTuple):
    """Where a pattern or phrase occurs in a text (character offsets) and what it matched."""

    start: int
    end: int
    text: str


class Scanner:
    """Patterns and phrases compiled once, reporting every occurrence in a text in order of position.

    Overlapping occurrences of different patterns are one occurrence (the earliest, then the longest).
    """

    def __init__(self, patterns: Sequence[str] = (), phrases: Sequence[str] = ()) -> None:
        self.patterns = tuple(patterns)
        self._compiled = [compile_pattern(p) for p in self.patterns]
        # One pass of all patterns together answers "any at all?", which for most texts is no.
        self._any = None
        if len(self.patterns) > 1:
            with contextlib.suppress(re2.error):  # together over RE2's memory bound: each runs on its own
                self._any = re2.compile("|".join(f"(?:{p})" for p in self.patterns), _options())
        self._phrases = phrase_pattern(tuple(phrases)) if any(p.strip() for p in phrases) else None

    def search(self, text: str) -> Occurrence | None:
        """The first occurrence in ``text``, or ``None``."""
        return next(iter(self.finditer(text)), None)

    def finditer(self, text: str) -> list[Occurrence]:
        data = _utf8(text)
        spans: list[tuple[int, int]] = []
        if self._any is not None and self._any.search(data) is None:
            compiled = []
        else:
            compiled = self._compiled
        for rx in compiled:
            spans += [m.span() for m in rx.finditer(data) if m.end() > m.start()]
        if self._phrases is not None:
            pos = 0
            while (m := self._phrases.search(data, pos)) is not None:
                spans.append(m.span(1))
                pos = m.end(1)
        spans.sort(key=lambda s: (s[0], -s[1]))
        kept: list[tuple[int, int]] = []
        for start, end in spans:
            if not kept or start >= kept[-1][1]:
                kept.append((start, end))
        return list(_in_characters(text, data, kept))


def _in_characters(text: str, data: bytes, spans: Iterable[tuple[int, int]]) -> Iterator[Occurrence]:
    """Byte spans of ``data`` (``text`` in UTF-8, in order) as character spans of ``text``, in one pass."""
    if len(data) == len(text):  # all ASCII: bytes are characters
        for start, end in spans:
            yield Occurrence(start, end, text[start:end])
        return
    byte_at, char_at = 0, 0

    def chars(offset: int) -> int:
        nonlocal byte_at, char_at
        char_at += len(data[byte_at:offset].decode("utf-8", "replace"))
        byte_at = offset
        return char_at

    for start, end in spans:
        s = chars(start)
        e = chars(end)
        yield Occurrence(s, e, text[s:e])


@lru_cache(maxsize=64)
def scanner(patterns: tuple[str, ...], phrases: tuple[str, ...] = ()) -> Scanner:
    """A cached scanner for a tuple of patterns and one of phrases."""
    return Scanner(patterns, phrases)
