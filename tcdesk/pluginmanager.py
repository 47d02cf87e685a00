"""Builds the plugin manager: hook specs, then the built-in plugins, then installed plugins."""

from __future__ import annotations

import importlib
import logging
import os

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


def plugin_source(pm: pluggy.PluginManager, plugin: object) -> str:
    """A short description of where a plugin comes from: ``built-in`` or its distribution."""
    name = pm.get_name(plugin) or ""
    if name in BUILTIN_PLUGINS:
        return "built-in"
    for dist_plugin, dist in pm.list_plugin_distinfo():
        if dist_plugin is plugin:
            return f"{dist.project_name} {dist.version}"
    return name
