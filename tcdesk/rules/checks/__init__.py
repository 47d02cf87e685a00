"""Check types: the vocabulary declarative rule files use in their ``check:`` key, one module each."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any, Protocol

from tcdesk.rules.context import CheckContext
from tcdesk.rules.finding import Finding

__all__ = ["CheckType", "builtin_check_types", "data_value"]


class CheckType(Protocol):
    """A kind of check a YAML rule can name, with its parameters checked at load time."""

    name: str

    def validate(self, params: Mapping[str, Any]) -> list[tuple[str, str]]:
        """Problems with ``params``, each as (offending key, message); empty when they are fine."""

    def run(self, ctx: CheckContext, rule: Any, params: Mapping[str, Any]) -> Iterable[Finding]:
        """The findings of ``rule`` on the submission in ``ctx``."""


def data_value(ctx: CheckContext, value: Any) -> Any:
    """A parameter's value, with ``"$name"`` read from the rule packs' shared ``data``."""
    if isinstance(value, str) and value.startswith("$"):
        return ctx.data.get(value[1:])
    return value


def builtin_check_types() -> dict[str, CheckType]:
    from tcdesk.rules.checks import must_mention, must_not_contain, pattern, required_field, word_count

    types = (
        required_field.RequiredField(),
        must_mention.MustMention(),
        must_not_contain.MustNotContain(),
        word_count.WordCount(),
        pattern.Pattern(),
    )
    return {t.name: t for t in types}
