"""Text from files made safe to print: control characters are shown as escapes, never obeyed.

An organisation name holding ``ESC ]0;…BEL`` would retitle the terminal, ``ESC [2J`` clear it, and a
right-to-left override reorder what a reviewer reads. Every human-readable line the command line
prints passes through :func:`printable`.
"""

from __future__ import annotations

import re
from functools import cache

__all__ = ["printable"]

# C0 and C1 controls, DEL, and the invisible format characters that reorder or hide text: bidi
# marks, embeddings, overrides and isolates; zero-width and line/paragraph separators; the BOM.
_UNSAFE = "[\x00-\x1f\x7f-\x9f\u061c\u200b-\u200f\u2028-\u202e\u2060-\u206f\ufeff\ufff9-\ufffb]"
_UNSAFE_BUT_NEWLINE = "[\x00-\x09\x0b-\x1f\x7f-\x9f\u061c\u200b-\u200f\u2028-\u202e\u2060-\u206f\ufeff\ufff9-\ufffb]"


@cache
def _unsafe(keep_newlines: bool) -> re.Pattern[str]:
    # Compiled on first use: a check that prints JSON with no error never needs either.
    return re.compile(_UNSAFE_BUT_NEWLINE if keep_newlines else _UNSAFE)


def _escape(m: re.Match[str]) -> str:
    code = ord(m.group(0))
    return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}"


def printable(text: object, keep_newlines: bool = False) -> str:
    """``text`` with every control and invisible formatting character written as ``\\x1b`` or ``\\u202e``.

    :param keep_newlines: keep line feeds, for multi-line output such as a rule's documentation.
    """
    return _unsafe(keep_newlines).sub(_escape, str(text))
