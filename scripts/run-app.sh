#!/usr/bin/env bash
# Set up (first run only) and start the tcdesk editor on the bundled example submission.
# The example is copied once into a project file (SQLite) in ~/Documents/tcdesk/, which the
# editor then autosaves: later runs reopen your edited copy. Pass a file to open that instead.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
if [ $# -gt 0 ]; then
  exec .venv/bin/tcdesk open "$@"
fi
project_dir="${TCDESK_EXAMPLE_DIR:-$HOME/Documents/tcdesk}"
project="$project_dir/University of Northmoor (example).tcdesk"
mkdir -p "$project_dir"
if [ ! -f "$project" ]; then
  .venv/bin/tcdesk convert examples/northmoor-clean.tcdesk.json "$project"
fi
exec .venv/bin/tcdesk open "$project"
