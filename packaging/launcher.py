"""Entry script of the frozen build: the ``tcdesk`` command line, which opens the editor by default."""

from __future__ import annotations

import sys

from tcdesk.cli import main

if __name__ == "__main__":
    sys.exit(main())
