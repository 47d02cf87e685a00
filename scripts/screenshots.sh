#!/bin/sh
# Writes docs/screenshots/*.png: the editor's main views on each example, in a real X server (Xvfb),
# at 100 % and (a few views) at 200 % scaling.
set -eu
cd "$(dirname "$0")/.."
PY=${PYTHON:-.venv/bin/python}
OUT=docs/screenshots
EXAMPLES="examples/northmoor-clean.tcdesk.json examples/northmoor-draft.tcdesk.json"

xvfb-run -a -s "-screen 0 1600x1000x24" env QT_QPA_PLATFORM=xcb \
    "$PY" scripts/screenshots.py --out "$OUT" $EXAMPLES
xvfb-run -a -s "-screen 0 3000x2000x24" env QT_QPA_PLATFORM=xcb QT_SCALE_FACTOR=2 \
    "$PY" scripts/screenshots.py --out "$OUT/scale200" --views cover,previous,findings examples/northmoor-draft.tcdesk.json
