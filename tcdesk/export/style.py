"""``resources/export-style.yaml``, the exports' look as data, read without the exporters' libraries."""

from __future__ import annotations

from functools import cache
from pathlib import Path
from typing import Any

from tcdesk.paths import resource

__all__ = ["style"]


@cache
def style() -> dict[str, Any]:
    """``resources/export-style.yaml``: fonts, sizes, margins, colours and plan-table columns.

    Parsed once per version of the file (see :mod:`tcdesk.parse_cache`), so an export need not load PyYAML.
    """
    from tcdesk.parse_cache import cached_parse

    return cached_parse(resource("export-style.yaml"), _parse_style, "tcdesk-export-style")


def _parse_style(path: Path) -> dict[str, Any]:
    import yaml

    with path.open(encoding="utf-8") as fh:
        return yaml.load(fh, Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader))  # noqa: S506 - safe loaders only
