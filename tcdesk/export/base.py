"""What an exporter and an importer look like, and what an import reports back."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from types import MappingProxyType
from typing import Protocol, runtime_checkable

from tcdesk.model import Pillar, Submission


@runtime_checkable
class Exporter(Protocol):
    """Writes a submission to one file format.

    ``name`` is the ``--to`` value, ``label`` the menu text, ``suffix`` the default file suffix.
    ``export`` must write atomically (temporary file, then rename) and raise
    :class:`tcdesk.errors.ExportError` on failure, leaving any existing file untouched.
    """

    name: str
    label: str
    suffix: str

    def export(self, submission: Submission, path: Path) -> None: ...


# The importer option that asks for a file's text even when it carries tcdesk's own data
# (``tcdesk import --read-text``, ``tcdesk check --read-text``).
READ_TEXT: Mapping[str, str] = MappingProxyType({"read": "text"})


@dataclass
class SkippedRow:
    """A row (or block) of the input that did not become part of the submission, and why."""

    where: str
    reason: str
    text: str = ""


@dataclass
class DetectedSection:
    """A section heading an import found, the question its text went to (``None``: none) and how it was matched.

    ``how`` is "wording" (the form's own question text or short title), "number", "title" (similar
    to a question's title and wording), "chosen" (by the user) or "" (unmatched, or dropped by the user).
    """

    heading: str
    question: str | None
    how: str
    paragraphs: int = 0


_HOW = {"wording": "by its wording", "number": "by number", "title": "by title", "chosen": "as chosen", "": ""}


def recognised_in(sub: Submission) -> dict[str, int]:
    """What an import report counts: answered questions and the actions of each plan."""
    return {
        "answers": sum(1 for t in sub.answers.values() if t.strip()),
        "previous actions": len(sub.previous_plan.actions),
        "new actions": len(sub.new_plan.actions),
    }


@dataclass
class ImportReport:
    """What an importer recognised, so the user can judge before anything is written."""

    source: Path
    recognised: dict[str, int] = field(default_factory=dict)  # e.g. {"answers": 8, "previous actions": 71}
    per_pillar: dict[Pillar | None, int] = field(default_factory=dict)
    unmapped_columns: list[str] = field(default_factory=list)
    skipped: list[SkippedRow] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    sections: list[DetectedSection] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)  # how the file was read, when that is worth saying

    @classmethod
    def of_whole(cls, sub: Submission, source: Path, notes: list[str] | None = None) -> ImportReport:
        """The report of a file that held the submission as data, nothing to recognise or skip."""
        return cls(source=Path(source), recognised=recognised_in(sub), notes=list(notes or ()))

    def summary_lines(self) -> list[str]:
        lines = [f"{what}: {n}" for what, n in self.recognised.items()]
        lines += self.notes
        for n, s in enumerate(self.sections, 1):
            to = f"question {s.question} ({_HOW[s.how]})" if s.question else "no question: not imported"
            lines.append(f"section {n} {s.heading[:70]!r} → {to}")

        if self.per_pillar:
            lines.append(
                "actions per pillar: "
                + ", ".join(f"{p.label if p else 'no pillar'} {n}" for p, n in self.per_pillar.items())
            )
        if self.unmapped_columns:
            lines.append("columns not mapped: " + ", ".join(self.unmapped_columns))
        lines += [f"skipped {s.where}: {s.reason}" for s in self.skipped]
        lines += [f"warning: {w}" for w in self.warnings]
        return lines


@dataclass
class ImportResult:
    submission: Submission
    report: ImportReport


@runtime_checkable
class Importer(Protocol):
    """Reads one file format into a submission.

    ``suffixes`` are lower-case, with the dot (``(".docx",)``). ``load`` raises
    :class:`tcdesk.errors.InvalidInputError` naming the file and the place on bad input, in
    bounded time and memory. ``options`` carries importer-specific settings such as a column map.
    """

    name: str
    label: str
    suffixes: tuple[str, ...]

    def load(self, path: Path, options: Mapping[str, str] | None = None) -> ImportResult: ...
