"""The form as data: templates (questions, guidance, sign-off) and the TALENT recommendation list."""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from pathlib import Path

from tcdesk.errors import InvalidInputError
from tcdesk.paths import resource

DEFAULT_TEMPLATE = "tc-renewal"


@dataclass(frozen=True, slots=True)
class Question:
    """One question of a form: its number, official wording and the editor's hint."""

    number: str
    short: str
    text: str
    help: str
    kind: str  # "answer", "previous-plan", "new-plan" or "webpage"


@dataclass(frozen=True, slots=True)
class SignatureLine:
    label: str
    signed: str
    date: str


@dataclass(frozen=True, slots=True)
class Template:
    """A version of the renewal (or another) form, loaded from ``resources/templates/``."""

    id: str
    version: int
    title: str
    subtitle: str
    guidance_title: str
    guidance: str
    header_labels: dict[str, str]
    questions: tuple[Question, ...]
    signoff_lead: SignatureLine
    signoff_leader: SignatureLine
    submission_windows: tuple[int, ...]
    contact: str

    def question(self, number: str | int) -> Question:
        for q in self.questions:
            if q.number == str(number):
                return q
        raise KeyError(f"template {self.id} has no question {number}")


@dataclass(frozen=True, slots=True)
class Recommendation:
    """A TALENT Commission recommendation; ``confidence`` says how sure the title is."""

    code: str
    title: str
    confidence: str


def _load_yaml(path: Path) -> dict:
    """The form data in ``path``; parsed once per version of the file (see :mod:`tcdesk.yaml_cache`)."""
    from tcdesk.yaml_cache import cached_parse

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


def template_files() -> list[Path]:
    return sorted(resource("templates").glob("*.yaml"))


@cache
def load_template(template_id: str = DEFAULT_TEMPLATE, version: int | None = None) -> Template:
    """The newest version of ``template_id`` (or the given version)."""
    candidates = []
    for path in template_files():
        data = _load_yaml(path)
        if data.get("id") == template_id and (version is None or data.get("version") == version):
            candidates.append((int(data.get("version", 0)), path, data))
    if not candidates:
        raise InvalidInputError(f"no template {template_id!r} in {resource('templates')}")
    _, path, data = max(candidates, key=lambda c: c[0])
    try:
        lead, leader = data["signoff"]["lead"], data["signoff"]["leader"]
        return Template(
            id=data["id"],
            version=int(data["version"]),
            title=data["title"],
            subtitle=data.get("subtitle", ""),
            guidance_title=data["guidance"]["title"],
            guidance=data["guidance"]["text"],
            header_labels={h["key"]: h["label"] for h in data["header"]},
            questions=tuple(
                Question(str(q["number"]), q["short"], q["text"], q.get("help", ""), q.get("kind", "answer"))
                for q in data["questions"]
            ),
            signoff_lead=SignatureLine(lead["label"], lead["signed"], lead["date"]),
            signoff_leader=SignatureLine(leader["label"], leader["signed"], leader["date"]),
            submission_windows=tuple(int(m) for m in data["submission"]["windows"]),
            contact=data["submission"].get("contact", ""),
        )
    except (KeyError, TypeError) as exc:
        raise InvalidInputError(f"template is missing the key {exc}", path) from exc


@cache
def talent_recommendations() -> tuple[Recommendation, ...]:
    """The TALENT Commission recommendations, in code order."""
    path = resource("talent.yaml")
    data = _load_yaml(path)
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
    data = _load_yaml(resource("pillars.yaml"))
    return {p["code"]: p for p in data["pillars"]}
