"""``tcdesk new FILE [--organisation NAME] [--template ID] [--force]``: start an empty submission."""

from __future__ import annotations

import argparse
from pathlib import Path

from tcdesk.terminal import printable


def register(subparsers: argparse._SubParsersAction) -> None:
    p = subparsers.add_parser(
        "new",
        help="create an empty project from a template",
        description="Create an empty submission from a form template: a .tcdesk project, or a .tcdesk.json "
        "interchange file. An existing file is never replaced unless --force is given.",
    )
    p.add_argument("file", help="the project to create (FILE.tcdesk or FILE.tcdesk.json)")
    p.add_argument("--organisation", default="", metavar="NAME", help="the institution's name")
    p.add_argument("--template", default=None, metavar="ID", help="the form template (default: tc-renewal)")
    p.add_argument("--force", action="store_true", help="replace FILE if it exists")
    p.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    from tcdesk.model import Submission
    from tcdesk.session import Session
    from tcdesk.template import DEFAULT_TEMPLATE, load_template

    template = load_template(args.template or DEFAULT_TEMPLATE)
    submission = Submission(organisation=args.organisation, template=template.id)
    path = Path(args.file)
    Session.new(path, submission, replace=args.force)
    print(printable(f"created {path} ({template.title}, template {template.id} v{template.version})"))
    return 0
