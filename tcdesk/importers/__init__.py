"""Importers' shared machinery (Qt-free): header synonyms, row merging, RAG, TALENT, readers, limits."""

from __future__ import annotations

import importlib
from typing import Any

# Loaded when first asked for: the PDF reading child imports only what it needs from this package.
_FROM = {
    "SYNONYMS": "columns",
    "field_for_header": "columns",
    "recognise_header": "columns",
    "rag_from_fill": "rag",
    "rag_from_text": "rag",
    "parse_talent": "talent",
}

__all__ = sorted(_FROM)


def __getattr__(name: str) -> Any:
    if name not in _FROM:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    return getattr(importlib.import_module(f"{__name__}.{_FROM[name]}"), name)
