"""reportlab's paragraph module imported without compiling two patterns it rarely needs.

``reportlab.platypus.paragraph`` compiles, when imported, a case-insensitive URL pattern spanning
most of Unicode: ~50 ms, a twentieth of a whole PDF export. It is used only when a paragraph style
asks for long URLs to be broken across lines (``uriWasteReduce``, which tcdesk's styles leave
off). ``reportlab.lib.textsplit``, which it imports, compiles a pattern of CJK characters (~5 ms)
for a recipe function (``cjkwrap``) that reportlab never calls. While that module is imported,
these two patterns are compiled on first use instead; every other pattern is compiled as usual,
and afterwards ``re.compile`` is reportlab's own again.

``reportlab.lib.utils`` also imports Pillow's ``PIL.Image`` (~15 ms with its plugins) for bitmap
images, which most submissions do not have: it is set up here with the standard library's
:class:`importlib.util.LazyLoader`, so it is executed when something first uses it.

Import this module before anything imports reportlab.platypus.

:func:`rebound` runs one of reportlab's functions with some of the names it looks up swapped.
"""

from __future__ import annotations

import importlib.util
import re
import sys
from types import FunctionType
from typing import Any

# How reportlab's URL pattern (reportlab/platypus/paragraph.py, ``uri_pat``) begins.
URL_PATTERN_START = "(^(?:[a-z0-9\\.\\-\\+]*)://)"
# reportlab/lib/textsplit.py's ``rx``.
CJK_PATTERN = "([\u2e80-\uffff])"


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

    def compile_rare_patterns_later(pattern, flags=0):
        if isinstance(pattern, str) and (pattern.startswith(URL_PATTERN_START) or pattern == CJK_PATTERN):
            return CompiledOnFirstUse(pattern, flags)
        return compile_now(pattern, flags)

    re.compile = compile_rare_patterns_later  # only while the module runs
    try:
        import reportlab.platypus.paragraph  # noqa: F401 - imported for its side effect on sys.modules
    finally:
        re.compile = compile_now


def _defer_pillow() -> None:
    if "PIL.Image" in sys.modules:
        return
    spec = importlib.util.find_spec("PIL.Image")
    if spec is None or spec.loader is None:
        return
    spec.loader = importlib.util.LazyLoader(spec.loader)
    module = importlib.util.module_from_spec(spec)
    sys.modules["PIL.Image"] = module
    spec.loader.exec_module(module)
    # ``from PIL import Image`` takes the package's attribute; were it missing, the import system
    # would look at the module's __spec__, which runs it.
    sys.modules["PIL"].Image = module  # type: ignore[attr-defined]


_defer_pillow()
_import_paragraph_module()


def rebound(function: FunctionType, namespace: dict[str, Any]) -> FunctionType:
    """``function``'s own code, looking its globals up in ``namespace`` (its module's names, some swapped)."""
    copy = FunctionType(function.__code__, namespace, function.__name__, function.__defaults__, function.__closure__)
    copy.__kwdefaults__ = function.__kwdefaults__
    return copy
