#!/usr/bin/env bash
# The whole test suite, from a fresh Debian machine: set-up (system packages, .venv), ruff, the
# import-linter contracts and mypy, then pytest.
# Extra arguments go to pytest, e.g. ./scripts/test.sh tests/rules -x
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
export QT_QPA_PLATFORM=offscreen
# Static checks first, so CI fails on a lint error, a type error or a broken layer (CONTRIBUTING.md).
echo "ruff:" && .venv/bin/ruff check .
echo "import-linter:" && .venv/bin/lint-imports --no-cache
echo "mypy:" && .venv/bin/mypy
exec .venv/bin/python -m pytest -n 2 --dist loadfile "$@"
