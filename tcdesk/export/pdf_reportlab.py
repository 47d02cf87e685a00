"""reportlab's paragraph module imported without compiling two patterns it rarely needs.

``reportlab.platypus.paragraph`` compiles, when imported, a case-insensitive URL pattern spanning
most of Unicode: ~50 ms, a twentieth of a whole PDF export. It is used only when a paragraph style
asks for long URLs to be broken across lines (``uriWasteReduce``, which tcdesk's styles leave
off). ``reportlab.lib.textsplit``, which it imports, compiles a pattern of CJK characters (~5 ms)
for a recipe function (``cjkwrap``) that reportlab never calls; ``reportlab.lib.PyFontify`` its
Python syntax colouring patterns (for ``PythonPreformatted``) and ``reportlab.lib.rl_safe_eval``
its pattern of unsafe names (for expressions in documents): ~3 ms that no tcdesk document needs.
While that module is imported, these patterns are compiled on first use instead; every other
pattern is compiled as usual, and afterwards ``re.compile`` is reportlab's own again.

pikepdf's XMP support removes the characters XML 1.0 cannot hold from every metadata value with
a pattern of every character it can hold; compiling that class of all of Unicode costs ~6 ms, more
than writing the metadata. While pikepdf is imported, that pattern is compiled as the class of the
characters it cannot hold, which matches exactly the same characters.

``reportlab.lib.utils`` also imports Pillow's ``PIL.Image`` (~15 ms with its plugins) for bitmap
images, which most submissions do not have: it is set up here with the standard library's
:class:`importlib.util.LazyLoader`, so it is executed when something first uses it.

Import this module before anything imports reportlab.platypus or pikepdf.

:func:`rebound` runs one of reportlab's functions with some of the names it looks up swapped.

reportlab encodes every name, number and string of the file it writes to PDFDocEncoding with a
codec written in Python, a call per character (~3,400 short strings for a Kent-size PDF). ASCII
text is its own encoding there, except the eight codes PDFDocEncoding gives other characters, which
the codec refuses; :func:`pdfdoc_encode` hands such text over as ASCII and leaves the rest to it.
"""

from __future__ import annotations

import importlib.util
import re
import sys
from collections.abc import Callable
from types import FunctionType
from typing import Any

# How reportlab's URL pattern (reportlab/platypus/paragraph.py, ``uri_pat``) begins.
URL_PATTERN_START = "(^(?:[a-z0-9\\.\\-\\+]*)://)"
# reportlab/lib/textsplit.py's ``rx``.
CJK_PATTERN = "([\u2e80-\uffff])"
# pikepdf/models/metadata/_constants.py's ``re_xml_illegal_chars``, and the same class complemented.
PIKEPDF_XML_ILLEGAL = r"(?u)[^\x09\x0A\x0D\x20-\U0000D7FF\U0000E000-\U0000FFFD\U00010000-\U0010FFFF]"
XML_ILLEGAL = r"[\x00-\x08\x0B\x0C\x0E-\x1F\uD800-\uDFFF\uFFFE\uFFFF]"
# Modules whose every module-level pattern is compiled on first use.
RARE_PATTERN_MODULES = frozenset({"reportlab.lib.PyFontify", "reportlab.lib.rl_safe_eval"})


# The ASCII codes PDFDocEncoding has no ASCII character for (reportlab's codec refuses them).
NOT_PDFDOC = re.compile("[\x18-\x1f]")


def pdfdoc_encode(value):
    """``reportlab.pdfbase.pdfdoc.pdfdocEnc(value)``: strings encoded to PDFDocEncoding, bytes as they are."""
    if isinstance(value, str):
        if value.isascii() and not NOT_PDFDOC.search(value):
            return value.encode("ascii")
        return value.encode("extpdfdoc")
    return value


class CompiledOnFirstUse:
    """Stands in for a compiled pattern; compiles it the first time any of its methods is used."""

    def __init__(self, pattern: str, flags: int) -> None:
        self.pattern, self.flags = pattern, flags
        self._compiled: re.Pattern[str] | None = None

    def __getattr__(self, name: str) -> Any:
        if self._compiled is None:
            self._compiled = re.compile(self.pattern, self.flags)
        return getattr(self._compiled, name)


def import_with_patterns(module: str, instead: Callable[[str, int, str], Any]) -> None:
    """Import ``module`` (if it is not yet) with ``re.compile(pattern, flags)`` called by a module named
    ``caller`` giving ``instead(pattern, flags, caller)`` when that is not ``None``; only while it runs."""
    if module in sys.modules:
        return
    compile_now = re.compile

    def compile_or_not(pattern, flags=0):
        if isinstance(pattern, str):
            replacement = instead(pattern, flags, sys._getframe(1).f_globals.get("__name__", ""))
            if replacement is not None:
                return replacement
        return compile_now(pattern, flags)

    re.compile = compile_or_not  # only while the module runs
    try:
        importlib.import_module(module)
    finally:
        re.compile = compile_now


def _rare(pattern: str, flags: int, caller: str) -> CompiledOnFirstUse | None:
    if pattern.startswith(URL_PATTERN_START) or pattern == CJK_PATTERN or caller in RARE_PATTERN_MODULES:
        return CompiledOnFirstUse(pattern, flags)
    return None


def _smaller_class(pattern: str, flags: int, caller: str) -> re.Pattern[str] | None:
    return re.compile(XML_ILLEGAL, flags) if pattern == PIKEPDF_XML_ILLEGAL else None


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
import_with_patterns("reportlab.platypus.paragraph", _rare)
import_with_patterns("pikepdf", _smaller_class)


def _encode_faster() -> None:
    from reportlab.pdfbase import pdfdoc

    pdfdoc.pdfdocEnc = pdfdoc_encode


_encode_faster()


def rebound(function: FunctionType, namespace: dict[str, Any]) -> FunctionType:
    """``function``'s own code, looking its globals up in ``namespace`` (its module's names, some swapped)."""
    copy = FunctionType(function.__code__, namespace, function.__name__, function.__defaults__, function.__closure__)
    copy.__kwdefaults__ = function.__kwdefaults__
    return copy
