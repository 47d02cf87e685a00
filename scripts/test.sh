#!/usr/bin/env bash
# The whole test suite, from a fresh Debian machine: set-up (system packages, .venv), then pytest.
# Extra arguments go to pytest, e.g. ./scripts/test.sh tests/rules -x
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
export QT_QPA_PLATFORM=offscreen
exec .venv/bin/python -m pytest -n 2 --dist loadfile "$@"
