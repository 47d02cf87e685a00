"""``tcdesk renew LAST NEXT``: start this cycle's renewal from last cycle's submission."""

from __future__ import annotations

import argparse
from pathlib import Path

from tcdesk.commands import add_allow_large
from tcdesk.errors import InvalidInputError
from tcdesk.fileio import check_output_target
from tcdesk.terminal import printable


def register(subparsers: argparse._SubParsersAction) -> None:
    p = subparsers.add_parser(
        "renew",
        help="start the next renewal from last cycle's submission",
        description="Read last cycle's submission (.tcdesk, .tcdesk.json, DOCX, XLSX, CSV or PDF) and write "
        "this cycle's project: last cycle's new plan becomes the previous plan to rate (every action "
        "unrated), the new plan starts empty with its period 36 months on, header and signatories are kept "
        "(dates cleared), answers start empty with last cycle's kept as 'last time'. LAST is never changed.",
    )
    p.add_argument("last", metavar="LAST", help="last cycle's submission")
    p.add_argument("next", metavar="NEXT", help="the project to write (.tcdesk or .tcdesk.json)")
    p.add_argument("--period", metavar="YYYY-YYYY", help="the new plan's period (default: 36 months after the "
                   "plan being rated, e.g. 2024-2027 → 2027-2030)")
    p.add_argument("--from-previous-plan", action="store_true", help="when LAST has no new plan (a document "
                   "holding only its RAG table), rate its previous plan again instead")
    p.add_argument("--force", action="store_true", help="overwrite NEXT if it exists")
    add_allow_large(p)
    p.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    from tcdesk.formats import INTERCHANGE, PROJECT
    from tcdesk.renewal import NoNewPlanError
    from tcdesk.session import Session

    last, target = Path(args.last), Path(args.next)
    session = Session(allow_large=args.allow_large)
    if not session.formats.is_native(target):
        raise InvalidInputError(f"NEXT must be a {PROJECT.suffix} project or a {INTERCHANGE.suffix} file", target)
    check_output_target(target, (last,), keep_drafts=False)
    if target.exists() and not args.force:
        raise InvalidInputError("already exists: choose another name or add --force to overwrite it", target)
    try:
        renewal = session.renew(last, args.period, args.from_previous_plan)
    except NoNewPlanError as exc:
        raise InvalidInputError(f"{exc.message}: add --from-previous-plan to rate it again", exc.path) from exc
    print(printable(f"{last}:"))
    for line in renewal.notes:
        print(printable(f"  {line}"))
    session.save(target)
    print(printable(f"wrote {target}"))
    return 0
