"""The lists the form refers to, as data: the TALENT Commission recommendations and the four pillars.

Rules, importers and the editor look codes up here. It is apart from :mod:`tcdesk.template` so
that a check, which needs these lists but not the form's wording, does not build the template
classes (a few milliseconds of every ``tcdesk check``).
"""

from __future__ import annotations

from functools import cache
from pathlib import Path
from typing import NamedTuple

from tcdesk.errors import InvalidInputError
from tcdesk.paths import resource

__all__ = ["Recommendation", "load_yaml", "pillar_data", "talent_codes", "talent_recommendations", "talent_title"]


class Recommendation(NamedTuple):
    """A TALENT Commission recommendation; ``confidence`` says how sure the title is."""

    code: str
    title: str
    confidence: str


def load_yaml(path: Path) -> dict:
    """The form data in ``path``; parsed once per version of the file (see :mod:`tcdesk.parse_cache`)."""
    from tcdesk.parse_cache import cached_parse

    return cached_parse(path, _parse_yaml, "tcdesk-form-data")


def _parse_yaml(path: Path) -> dict:
    import yaml

    try:
        with path.open(encoding="utf-8") as fh:
            data = yaml.load(fh, Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader))  # noqa: S506 - safe loaders only
    except OSError as exc:
        raise InvalidInputError(f"cannot read: {exc.strerror}", path) from exc
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        where = f"line {mark.line + 1}" if mark else None
        raise InvalidInputError(f"not valid YAML: {getattr(exc, 'problem', exc)}", path, where) from exc
    if not isinstance(data, dict):
        raise InvalidInputError("expected a mapping at the top level", path)
    return data


@cache
def talent_recommendations() -> tuple[Recommendation, ...]:
    """The TALENT Commission recommendations, in code order."""
    path = resource("talent.yaml")
    data = load_yaml(path)
    return tuple(Recommendation(r["code"], r["title"], r.get("confidence", "unknown")) for r in data["recommendations"])


@cache
def talent_codes() -> frozenset[str]:
    return frozenset(r.code for r in talent_recommendations())


def talent_title(code: str) -> str:
    for r in talent_recommendations():
        if r.code == code:
            return r.title
    return ""


@cache
def pillar_data() -> dict[str, dict[str, str]]:
    """Letter, label and aim of each pillar, keyed by its interchange code."""
    data = load_yaml(resource("pillars.yaml"))
    return {p["code"]: p for p in data["pillars"]}
