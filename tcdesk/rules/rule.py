"""Rule identity and documentation: what a rule is called, how serious it is, and why it matters."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field, replace
from enum import StrEnum
from typing import TYPE_CHECKING, Any, NamedTuple

from tcdesk.rules.finding import Finding, Location, Severity, Suggestion

if TYPE_CHECKING:
    from tcdesk.rules.context import CheckContext

__all__ = ["MESSAGE_FIELDS", "Example", "Rule", "RuleCheck", "Status", "message_problem", "render_message"]

# A rule's check: reads the context and yields findings (made with ``rule.finding``).
RuleCheck = Callable[["CheckContext", "Rule"], Iterable[Finding]]


class Status(StrEnum):
    STABLE = "stable"
    PREVIEW = "preview"
    DEPRECATED = "deprecated"


class Example(NamedTuple):
    """A short failing case and the same case fixed."""

    fails: str
    passes: str


# Values a declarative rule's message may name; check types pass no others.
MESSAGE_FIELDS = frozenset({"where", "ref", "question", "field", "signatory", "text", "missing", "examples", "words", "min", "max", "limit"})
_PLACEHOLDER = re.compile(r"\{\{|\}\}|\{([A-Za-z_][A-Za-z0-9_]*)\}")
_ANY_FIELD = re.compile(r"\{\{|\}\}|\{[^{}]*\}?|\}")


def message_problem(template: str) -> str | None:
    """Why ``template`` is not a safe message: only plain ``{name}`` of :data:`MESSAGE_FIELDS`, ``{{`` and ``}}``.

    Format specs such as ``{where:>2000000000}`` would allocate gigabytes, and ``{x.attr}`` reads
    attributes, so a pack may not use them.
    """
    for m in _ANY_FIELD.finditer(template):
        token = m.group(0)
        if token in ("{{", "}}"):
            continue
        name = _PLACEHOLDER.fullmatch(token)
        if name is None:
            return f"message placeholder {token[:40]!r} must be a plain {{name}} (no format, index or attribute; write {{{{ for a brace)"
        if name.group(1) not in MESSAGE_FIELDS:
            return f"message placeholder {token[:40]!r} is not one of {{{'}, {'.join(sorted(MESSAGE_FIELDS))}}}"
    return None


def render_message(template: str, values: Mapping[str, Any]) -> str:
    """``template`` with each plain ``{name}`` replaced; anything else stays as written, so nothing can raise."""

    def replace(m: re.Match[str]) -> str:
        token = m.group(0)
        if token in ("{{", "}}"):
            return token[0]
        name = m.group(1)
        return str(values[name]) if name in values else token

    return _PLACEHOLDER.sub(replace, template)


@dataclass(frozen=True, slots=True)
class Rule:
    """One rule: public identity, documentation, and the check that produces its findings.

    ``severities`` gives a severity per section (``previous-plan``, ``new-plan`` …) for a rule whose
    seriousness depends on where it fires; ``severity`` is the default.
    """

    code: str
    name: str
    severity: Severity
    summary: str
    message: str
    why: str
    example: Example
    check: RuleCheck = field(repr=False, compare=False)
    checks_what: str = ""
    since: str = "0.1"
    status: Status = Status.STABLE
    source: str = ""
    severities: Mapping[str, Severity] = field(default_factory=dict)

    def severity_for(self, location: Location) -> Severity:
        return self.severities.get(location.section.value, self.severity)

    def finding(
        self,
        location: Location,
        suggestion: Suggestion | None = None,
        severity: Severity | None = None,
        **values: Any,
    ) -> Finding:
        """A finding of this rule at ``location``, its message rendered with ``values``."""
        if location.ref is not None:
            values.setdefault("ref", location.ref)
        if location.question is not None:
            values.setdefault("question", location.question)
        if "where" not in values:
            values["where"] = Location(location.section, location.question, location.ref, location.index, location.field).describe()
        return Finding(
            code=self.code,
            name=self.name,
            severity=severity or self.severity_for(location),
            message=render_message(self.message, values),
            location=location,
            suggestion=suggestion,
        )

    def with_changes(self, **changes: Any) -> Rule:
        return replace(self, **changes)

    def severity_label(self) -> str:
        if not self.severities:
            return self.severity.value
        return " / ".join(f"{sev.value} ({section.replace('-', ' ')})" for section, sev in self.severities.items())

    def documentation(self) -> str:
        """The rule's reference page in Markdown: summary, what it checks, why, failing and passing example."""
        lines = [
            f"## {self.code} {self.name}",
            "",
            f"*{self.severity_label()}* · since {self.since} · {self.status.value} · {self.source or 'built-in'}",
            "",
            self.summary,
            "",
        ]
        if self.checks_what:
            lines += ["**What it checks.** " + " ".join(self.checks_what.split()), ""]
        lines += [
            "**Why it matters.** " + " ".join(self.why.split()),
            "",
            "**Fails:** " + " ".join(self.example.fails.split()),
            "",
            "**Passes:** " + " ".join(self.example.passes.split()),
            "",
        ]
        return "\n".join(lines)
