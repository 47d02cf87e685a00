"""tcdesk: draft, check and export Technician Commitment renewal self-assessments and action plans."""

from tcdesk.hookspecs import hookimpl

__version__ = "0.1.0"

__all__ = ["__version__", "hookimpl"]
