"""Who and where this tcdesk runs: named in lock files, generation stamps and conflicted copies."""

from __future__ import annotations

import getpass
import os
from functools import cache


@cache
def user_name() -> str:
    try:
        return getpass.getuser()
    except (OSError, KeyError, ImportError):  # no login name (some containers, services)
        return "unknown"


@cache
def host_name() -> str:
    # gethostname() is the uname node name on Linux and macOS; uname spares the editor's start the
    # socket module (~2 ms, its enums). Windows has no uname.
    if hasattr(os, "uname"):
        return os.uname().nodename or "unknown"
    import socket

    return socket.gethostname() or "unknown"


def user_and_host() -> str:
    return f"{user_name()} on {host_name()}"
