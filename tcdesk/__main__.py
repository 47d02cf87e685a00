"""``python -m tcdesk`` runs the command line (the editor when no command is given)."""

import sys

from tcdesk.cli import main

if __name__ == "__main__":
    sys.exit(main())
