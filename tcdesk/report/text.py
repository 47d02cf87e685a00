"""Compiler-like text output: ``file: location: CODE severity: message``, coloured on a terminal."""

from __future__ import annotations

import os
from collections.abc import Sequence
from typing import TextIO

from tcdesk.report import FileResult, summary
from tcdesk.rules.where import where
from tcdesk.terminal import printable

_COLOURS = {"error": "\033[1;31m", "warning": "\033[1;33m", "info": "\033[1;36m"}
_BOLD, _RESET = "\033[1m", "\033[0m"


def use_colour(stream: TextIO) -> bool:
    """Colour only on a terminal, and never when NO_COLOR is set (https://no-color.org)."""
    if os.environ.get("NO_COLOR"):
        return False
    isatty = getattr(stream, "isatty", None)
    return bool(isatty and isatty())


def _plural(n: int, word: str) -> str:
    return f"{n} {word}{'' if n == 1 else 's'}"


def render(results: Sequence[FileResult], colour: bool = False) -> str:
    lines = [line for result in results for line in file_lines(result, colour)]
    lines.append(totals_line(len(results), summary([f for r in results for f in r.findings]), colour))
    return "\n".join(lines) + "\n"


def file_lines(result: FileResult, colour: bool = False) -> list[str]:
    """One line per finding of one file (``tcdesk check --jobs`` prints them as each file is done)."""
    lines = []
    for f in result.findings:
        sev = f.severity.value
        file, place, message = printable(result.file), printable(where(f.location, result.submission)), printable(f.message)
        if colour:
            lines.append(f"{_BOLD}{file}:{_RESET} {place}: {_BOLD}{f.code}{_RESET} {_COLOURS[sev]}{sev}:{_RESET} {message}")
        else:
            lines.append(f"{file}: {place}: {f.code} {sev}: {message}")
    return lines


def totals_line(files: int, counts: dict[str, int], colour: bool = False) -> str:
    """The last line: how many files, errors, warnings and info findings."""
    line = f"{_plural(files, 'file')} checked: {_plural(counts['errors'], 'error')}, {_plural(counts['warnings'], 'warning')}, {counts['info']} info"
    return f"{_BOLD}{line}{_RESET}" if colour else line
