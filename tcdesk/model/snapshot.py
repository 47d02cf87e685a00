"""Cheap independent copies of a submission, for handing to a worker thread or process."""

from __future__ import annotations

import copy
import dataclasses
from typing import Any

__all__ = ["snapshot"]


def snapshot(value: Any) -> Any:
    """A copy of a submission (or part of it) that shares only immutable leaves.

    Much cheaper than :func:`copy.deepcopy` on a large plan, which matters because it runs on
    the UI thread before every background check and autosave.
    """
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        clone = copy.copy(value)
        for f in dataclasses.fields(value):
            inner = getattr(value, f.name)
            if isinstance(inner, (list, dict)) or dataclasses.is_dataclass(inner):
                object.__setattr__(clone, f.name, snapshot(inner))
        return clone
    if isinstance(value, list):
        return [snapshot(v) for v in value]
    if isinstance(value, dict):
        return {k: snapshot(v) for k, v in value.items()}
    return value  # str, bytes, numbers, dates and enums are immutable
