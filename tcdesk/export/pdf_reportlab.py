"""reportlab's paragraph module imported without compiling a pattern it needs only to break long URLs.

``reportlab.platypus.paragraph`` compiles, when imported, a case-insensitive URL pattern spanning
most of Unicode: ~50 ms, a twentieth of a whole PDF export. It is used only when a paragraph style
asks for long URLs to be broken across lines (``uriWasteReduce``, which tcdesk's styles leave
off). While that module is imported, this one pattern is compiled on first use instead; every
other pattern is compiled as usual, and afterwards ``re.compile`` is reportlab's own again.

Import this module before anything imports reportlab.platypus.
"""

from __future__ import annotations

import re
import sys
from typing import Any

# How reportlab's URL pattern (reportlab/platypus/paragraph.py, ``uri_pat``) begins.
URL_PATTERN_START = "(^(?:[a-z0-9\\.\\-\\+]*)://)"


class CompiledOnFirstUse:
    """Stands in for a compiled pattern; compiles it the first time any of its methods is used."""

    def __init__(self, pattern: str, flags: int) -> None:
        self.pattern, self.flags = pattern, flags
        self._compiled: re.Pattern[str] | None = None

    def __getattr__(self, name: str) -> Any:
        if self._compiled is None:
            self._compiled = re.compile(self.pattern, self.flags)
        return getattr(self._compiled, name)


def _import_paragraph_module() -> None:
    if "reportlab.platypus.paragraph" in sys.modules:
        return
    compile_now = re.compile

    def compile_url_pattern_later(pattern, flags=0):
        if isinstance(pattern, str) and pattern.startswith(URL_PATTERN_START):
            return CompiledOnFirstUse(pattern, flags)
        return compile_now(pattern, flags)

    re.compile = compile_url_pattern_later  # only while the module runs
    try:
        import reportlab.platypus.paragraph  # noqa: F401 - imported for its side effect on sys.modules
    finally:
        re.compile = compile_now


_import_paragraph_module()
