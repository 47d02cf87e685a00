"""``tcdesk diff A B``: what changed between two versions of a submission."""

from __future__ import annotations

import argparse
import sys

from tcdesk.commands import add_allow_large


def register(subparsers: argparse._SubParsersAction) -> None:
    p = subparsers.add_parser(
        "diff",
        help="show what changed between two versions",
        description="Print what changed from A to B (any readable submission files): cover and sign-off by "
        "field, answers by paragraph, actions by field, matched by identity even when renumbered or moved. "
        "Exit status 0 when they are the same, 1 when they differ (as diff(1)).",
    )
    p.add_argument("old", metavar="A", help="the earlier version")
    p.add_argument("new", metavar="B", help="the later version")
    add_allow_large(p)
    p.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    from tcdesk.diff import format_changes
    from tcdesk.session import Session

    changes = Session(allow_large=args.allow_large).diff(args.old, args.new)
    sys.stdout.write(format_changes(changes) if changes else "no differences\n")
    return 1 if changes else 0
