"""Importers' shared machinery (Qt-free): header synonyms, row merging, RAG, TALENT, readers, limits."""

from tcdesk.importers.columns import SYNONYMS, field_for_header, recognise_header
from tcdesk.importers.rag import rag_from_fill, rag_from_text
from tcdesk.importers.talent import parse_talent

__all__ = ["SYNONYMS", "field_for_header", "parse_talent", "rag_from_fill", "rag_from_text", "recognise_header"]
