"""The form as data: templates (questions, guidance, sign-off); the lists it refers to are in :mod:`tcdesk.form_data`."""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from pathlib import Path

from tcdesk.errors import InvalidInputError
from tcdesk.form_data import (
    Recommendation,
    load_yaml,
    pillar_data,
    talent_codes,
    talent_recommendations,
    talent_title,
)
from tcdesk.paths import resource

__all__ = [  # the form_data names too, for the callers that know them from here
    "DEFAULT_TEMPLATE",
    "Question",
    "Recommendation",
    "SignatureLine",
    "Template",
    "load_template",
    "pillar_data",
    "talent_codes",
    "talent_recommendations",
    "talent_title",
    "template_files",
]

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


def template_files() -> list[Path]:
    return sorted(resource("templates").glob("*.yaml"))


@cache
def load_template(template_id: str = DEFAULT_TEMPLATE, version: int | None = None) -> Template:
    """The newest version of ``template_id`` (or the given version)."""
    candidates = []
    for path in template_files():
        data = load_yaml(path)
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
