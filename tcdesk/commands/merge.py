"""``tcdesk merge BASE MINE THEIRS --out OUT [--prefer mine|theirs]``: combine two contributions."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from tcdesk.commands import add_allow_large
from tcdesk.errors import ProjectFileError
from tcdesk.fileio import check_output_target


def register(subparsers: argparse._SubParsersAction) -> None:
    p = subparsers.add_parser(
        "merge",
        help="three-way merge of two contributions to one submission",
        description="Combine the changes MINE and THEIRS each made to BASE (their common ancestor) and write "
        "the result to OUT (.tcdesk or .tcdesk.json). Answers merge per question, cover and sign-off per "
        "field, actions per identity and field. When both changed the same thing differently, every "
        "conflict is listed, nothing is written and the exit status is 1, unless --prefer says which side "
        "wins. The inputs are never modified. See docs/working-together.md.",
    )
    p.add_argument("base", metavar="BASE", help="the version both started from")
    p.add_argument("mine", metavar="MINE", help="your version")
    p.add_argument("theirs", metavar="THEIRS", help="their version")
    p.add_argument("--out", required=True, metavar="OUT", help="the merged submission to write")
    p.add_argument("--prefer", choices=("mine", "theirs"), help="settle every conflict in favour of this side")
    p.add_argument("--force", action="store_true", help="replace OUT if it exists")
    add_allow_large(p)
    p.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    from tcdesk.session import Session

    target = Path(args.out)
    check_output_target(target, (args.base, args.mine, args.theirs), keep_drafts=False)
    if target.exists() and not args.force:
        raise ProjectFileError("already exists; not replacing it (use --force to replace it)", target)
    session = Session(allow_large=args.allow_large)
    result = session.merge(args.base, args.mine, args.theirs, prefer=args.prefer)
    from tcdesk.merge_order import is_order_conflict, order_texts

    for conflict in result.conflicts:
        settled = f" (took {args.prefer})" if args.prefer else ""
        print(f"conflict: {conflict.message}{settled}", file=sys.stderr)
        if is_order_conflict(conflict):  # each side's order, as the editor's merge dialog shows it
            for side, text in order_texts(conflict).items():
                print(f"  {side}:", file=sys.stderr)
                print("\n".join(f"    {line}" for line in text.splitlines()), file=sys.stderr)
    if result.conflicts and not args.prefer:
        print(f"tcdesk: {len(result.conflicts)} conflict(s); nothing written (use --prefer mine|theirs)", file=sys.stderr)
        return 1
    session.submission = result.submission
    session.save(target)
    print(f"wrote {target}")
    return 0
