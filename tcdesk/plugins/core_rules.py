"""Built-in plugin: the core check types, the core rule pack (rules/core) and the rules written in Python."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from tcdesk import paths
from tcdesk.hookspecs import hookimpl

if TYPE_CHECKING:  # the rule machinery loads when rules are asked for, not for an export or import
    from tcdesk.rules.checks import CheckType
    from tcdesk.rules.rule import Rule


@hookimpl
def register_check_types() -> dict[str, CheckType]:
    from tcdesk.rules.checks import builtin_check_types

    return builtin_check_types()


@hookimpl
def register_rule_packs() -> list[Path]:
    return [paths.rules_dir() / "core"]


@hookimpl
def register_rules() -> list[Rule]:
    from tcdesk.plugins.rules import python_rules

    return python_rules()
