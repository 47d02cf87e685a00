"""``tcdesk open [FILE]``: start the editor, optionally on a file."""

from __future__ import annotations

import argparse

from tcdesk.commands import add_allow_large


def register(subparsers: argparse._SubParsersAction) -> None:
    p = subparsers.add_parser("open", help="open the editor (on FILE if given)", description=__doc__)
    p.add_argument("file", nargs="?", help="a .tcdesk project or a file to import")
    add_allow_large(p)
    p.set_defaults(func=lambda args: run_editor(args.file, allow_large=args.allow_large))


def run_editor(path: str | None, *, allow_large: bool = False) -> int:
    # Imported here so that check, convert and export never load Qt.
    from tcdesk.app import main as app_main

    return app_main([path] if path else [], allow_large=allow_large)
