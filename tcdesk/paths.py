"""Where tcdesk finds its bundled data (rules/, resources/) and the user's own folders."""

from __future__ import annotations

import os
import sys
from functools import cache
from pathlib import Path

APP_NAME = "tcdesk"


@cache
def base_dir() -> Path:
    """The folder holding ``rules/`` and ``resources/``: the checkout, or the frozen bundle."""
    frozen = getattr(sys, "_MEIPASS", None)
    if frozen:
        return Path(frozen)
    return Path(__file__).resolve().parent.parent


def example_submission() -> Path | None:
    """The complete Northmoor example (checkout or bundle), if this installation has it."""
    path = base_dir() / "examples" / "northmoor-clean.tcdesk.json"
    return path if path.is_file() else None


def resources_dir() -> Path:
    return base_dir() / "resources"


def rules_dir() -> Path:
    return base_dir() / "rules"


def resource(*parts: str) -> Path:
    return resources_dir().joinpath(*parts)


def user_config_dir() -> Path:
    """Per-user settings folder; ``TCDESK_CONFIG_DIR`` overrides it (tests, portable installs)."""
    override = os.environ.get("TCDESK_CONFIG_DIR")
    if override:
        return Path(override)
    from platformdirs import user_config_path

    return user_config_path(APP_NAME, appauthor=False)


def user_rules_dir() -> Path:
    """Reviewers drop their own rule packs here; they load after the built-in packs."""
    return user_config_dir() / "rules"


def user_data_dir() -> Path:
    override = os.environ.get("TCDESK_DATA_DIR")
    if override:
        return Path(override)
    from platformdirs import user_data_path

    return user_data_path(APP_NAME, appauthor=False)


def user_cache_dir() -> Path:
    """Per-user cache folder (parsed rule packs); ``TCDESK_CACHE_DIR`` overrides it. Safe to delete."""
    override = os.environ.get("TCDESK_CACHE_DIR")
    if override:
        return Path(override)
    from platformdirs import user_cache_path

    return user_cache_path(APP_NAME, appauthor=False)


def module_command(module: str, *args: str) -> list[str]:
    """The command that runs ``module`` as tcdesk's helper process (the checker, the PDF reader).

    ``-P``: a folder called "tcdesk" in the working directory must not stand in for tcdesk. The
    frozen build's launcher (``packaging/launcher.py``) understands the same form.
    """
    return [sys.executable, "-P", "-m", module, *args]
