"""Every hook a tcdesk plugin can implement, and the two pluggy markers.

Built-in rules, importers and exporters (``tcdesk.plugins.*``) implement these exactly as
third-party plugins do; third-party plugins are found through the ``tcdesk`` entry-point group.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import TYPE_CHECKING

import pluggy

if TYPE_CHECKING:
    from tcdesk.export.base import Exporter, Importer
    from tcdesk.rules.checks import CheckType
    from tcdesk.rules.rule import Rule

PROJECT_NAME = "tcdesk"

hookspec = pluggy.HookspecMarker(PROJECT_NAME)
hookimpl = pluggy.HookimplMarker(PROJECT_NAME)


# --- rules ---------------------------------------------------------------------------------------


@hookspec
def register_check_types() -> Mapping[str, CheckType]:
    """Contribute check types that declarative rule files can name in their ``check:`` key.

    :returns: a mapping from check-type name (e.g. ``"required-field"``) to the check type.

    When it is called: once, when the rule engine loads its rule packs, before any pack file is
    read, so that packs from every plugin can use check types from every other plugin.
    """


@hookspec
def register_rule_packs() -> Sequence[Path]:
    """Contribute folders of declarative rule files (YAML) to load.

    :returns: folders, each holding a ``pack.yaml`` and one YAML file per rule.

    When it is called: once, when the rule engine is built; folders given with ``--rules`` and
    the per-user rules folder are loaded after these.
    """


@hookspec
def register_rules() -> Sequence[Rule]:
    """Contribute rules written in Python, for logic too intricate for a rule file.

    :returns: rule objects, each carrying its code, name, severity and documentation.

    When it is called: once, when the rule engine is built, before the rule packs are read.
    """


# --- import and export ---------------------------------------------------------------------------


@hookspec
def register_importers() -> Sequence[Importer]:
    """Contribute importers that read a file into a submission.

    :returns: importer objects with ``name``, ``label``, ``suffixes`` and ``load(path, options)``.

    When it is called: when a session lists the formats it can open or import, for
    ``tcdesk import``, ``tcdesk check`` on a non-native file, and the editor's Import menu.
    """


@hookspec
def register_exporters() -> Sequence[Exporter]:
    """Contribute exporters that write a submission to a file.

    :returns: exporter objects with ``name``, ``label``, ``suffix`` and ``export(submission, path)``.

    When it is called: when a session lists the formats it can write, for ``tcdesk export``,
    ``tcdesk convert`` and the editor's Export menu.
    """
