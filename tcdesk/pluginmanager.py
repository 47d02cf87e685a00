"""Builds the plugin manager: hook specs, then the built-in plugins, then installed plugins."""

from __future__ import annotations

import importlib
import logging
import os
import sys
from functools import cache
from importlib.machinery import PathFinder
from typing import Any, NamedTuple

import pluggy

from tcdesk import hookspecs

logger = logging.getLogger("tcdesk.plugins")

ENTRY_POINT_GROUP = "tcdesk"

# Built-in plugins, registered through the same hooks as third-party ones.
BUILTIN_PLUGINS: tuple[str, ...] = (
    "tcdesk.plugins.interchange_json",
    "tcdesk.plugins.core_rules",
    "tcdesk.plugins.import_docx",
    "tcdesk.plugins.import_pdf",
    "tcdesk.plugins.import_sheet",
    "tcdesk.plugins.export_pdf",
    "tcdesk.plugins.export_docx",
    "tcdesk.plugins.export_html",
)


def get_plugin_manager(*, load_entry_points: bool = True) -> pluggy.PluginManager:
    """A manager with every built-in plugin and, unless disabled, every installed one.

    Set ``TCDESK_TRACE_HOOKS=1`` to log every hook call (handy when a plugin misbehaves).
    """
    pm = pluggy.PluginManager(hookspecs.PROJECT_NAME)
    pm.add_hookspecs(hookspecs)
    for name in BUILTIN_PLUGINS:
        pm.register(importlib.import_module(name), name=name)
    if load_entry_points:
        _load_entry_points(pm)
    pm.check_pending()
    if os.environ.get("TCDESK_TRACE_HOOKS"):
        pm.trace.root.setwriter(lambda msg: logger.warning("%s", msg.rstrip()))
        pm.enable_tracing()
    return pm


def _load_entry_points(pm: pluggy.PluginManager) -> None:
    # A broken third-party plugin must not stop the app: log it and go on without it.
    if not _may_declare_plugins():
        return
    from importlib.metadata import entry_points

    for ep in entry_points(group=ENTRY_POINT_GROUP):
        if pm.get_plugin(ep.name) is not None or pm.is_blocked(ep.name):
            continue
        try:
            plugin = ep.load()
        except Exception as exc:  # noqa: BLE001 - any import failure of foreign code
            logger.warning("plugin %s (%s) failed to load: %s", ep.name, ep.value, exc)
            continue
        pm.register(plugin, name=ep.name)


def _may_declare_plugins() -> bool:
    """False only when no distribution on ``sys.path`` can declare a ``tcdesk`` entry point.

    ``importlib.metadata`` parses every installed distribution's metadata to answer (~40 ms of a
    ~200 ms ``tcdesk check`` with PySide6 installed, mostly for the usual answer "none"). Reading
    the ``entry_points.txt`` files it would read answers that in a millisecond; anything
    unusual (a zip or egg on the path, another metadata finder) gets the full search.
    """
    if any(hasattr(f, "find_distributions") and f is not PathFinder for f in sys.meta_path):
        return True
    for entry in sys.path:
        folder = entry or "."
        if folder.lower().endswith(".egg") or os.path.isfile(folder):
            return True
        try:
            names = os.listdir(folder)
        except OSError:
            continue
        for name in names:
            if name.lower().endswith((".dist-info", ".egg-info")) and _declares_group(os.path.join(folder, name, "entry_points.txt")):
                return True
    return False


def _declares_group(path: str) -> bool:
    try:
        with open(path, "rb") as fh:
            text = fh.read()
    except OSError:
        return False
    # A section header as importlib.metadata reads it: "[name]", spaces allowed inside the brackets.
    return any(
        line.startswith(b"[") and line.endswith(b"]") and line[1:-1].strip() == ENTRY_POINT_GROUP.encode()
        for line in (raw.strip() for raw in text.splitlines())
    )


def plugin_source(pm: pluggy.PluginManager, plugin_name: str) -> str:
    """Where a plugin comes from: a built-in's module name, or an installed plugin's distribution and version."""
    if plugin_name in BUILTIN_PLUGINS:
        return plugin_name
    return _installed_source(plugin_name)


@cache  # every hook call names its plugins; the installed distributions do not change while tcdesk runs
def _installed_source(plugin_name: str) -> str:
    from importlib.metadata import entry_points

    for ep in entry_points(group=ENTRY_POINT_GROUP, name=plugin_name):
        if ep.dist is not None:
            return f"{ep.dist.name} {ep.dist.version}"
    return plugin_name


class Contribution(NamedTuple):
    """What one plugin's implementation of a hook returned, or the error it raised instead."""

    plugin_name: str
    source: str
    result: Any = None
    error: str | None = None


def call_each(pm: pluggy.PluginManager, hook_name: str, **kwargs: Any) -> list[Contribution]:
    """Call a hook once per implementing plugin, in registration order, so that one failure stays its own.

    Each call goes through pluggy (a subset hook caller holding that one implementation), so
    ``TCDESK_TRACE_HOOKS=1`` shows it, hook wrappers wrap it, and arguments a plugin does not
    accept are left out as for any ``pm.hook`` call.
    """
    hook = getattr(pm.hook, hook_name)
    impls = [impl for impl in hook.get_hookimpls() if not (impl.hookwrapper or impl.wrapper)]
    firstresult = bool(hook.spec and hook.spec.opts.get("firstresult"))
    found: list[Contribution] = []
    for impl in reversed(impls):  # pluggy lists the last registered first
        others = [other.plugin for other in impls if other.plugin is not impl.plugin]
        source = plugin_source(pm, impl.plugin_name)
        try:
            results = pm.subset_hook_caller(hook_name, others)(**kwargs)
        except Exception as exc:  # noqa: BLE001 - a faulty plugin must not stop the others
            found.append(Contribution(impl.plugin_name, source, error=f"{type(exc).__name__}: {exc}"))
            continue
        result = results if firstresult else (results[0] if results else None)
        found.append(Contribution(impl.plugin_name, source, result))
    return found
