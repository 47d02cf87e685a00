#!/usr/bin/env bash
# One-time (idempotent) set-up of a development checkout on Debian/Ubuntu:
# system libraries Qt needs, the tools the tests drive (LibreOffice, poppler, qpdf, Xvfb),
# then a virtual environment in .venv with tcdesk installed in editable mode.
set -euo pipefail
cd "$(dirname "$0")/.."

SYSTEM_PACKAGES=(
  # Qt offscreen / on a real X display
  libegl1 libgl1 libx11-6 libdbus-1-3 libfontconfig1 libfreetype6 libglib2.0-0 libxkbcommon0
  libxkbcommon-x11-0 libxcb-cursor0 libxcb-icccm4 libxcb-image0 libxcb-keysyms1
  libxcb-render-util0 libxcb-render0 libxcb-shape0 libxcb-util1 libxcb-xkb1
  fonts-dejavu-core
  # tests and screenshots: real tools read what tcdesk writes
  libreoffice-writer-nogui poppler-utils qpdf xvfb xauth xdotool
  # the HTML export is checked with axe-core in real headless Chromium
  chromium chromium-driver
  desktop-file-utils  # desktop-file-validate checks the Linux bundle's .desktop entry
  util-linux  # setpriv: read-only files tested as a user they apply to (tests run as root)
  python3-venv
)

missing=()
for p in "${SYSTEM_PACKAGES[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if [ ${#missing[@]} -gt 0 ]; then
  if [ "$(id -u)" = 0 ]; then
    export DEBIAN_FRONTEND=noninteractive
    apt-get update -qq
    apt-get install -y -qq --no-install-recommends "${missing[@]}"
  else
    echo "Missing system packages (run as root or install them): ${missing[*]}" >&2
    exit 1
  fi
fi

PY=${PYTHON:-python3}
if [ ! -x .venv/bin/python ]; then
  "$PY" -m venv .venv
fi
# pip runs only when pyproject.toml changed since the last successful install (or the venv is new):
# the install is editable, so code changes need no reinstall.
STAMP=.venv/.tcdesk-installed
wanted="$(sha256sum pyproject.toml | cut -d' ' -f1) $(.venv/bin/python -c 'import sys; print(sys.version)' | head -1)"
if [ ! -f "$STAMP" ] || [ "$(cat "$STAMP")" != "$wanted" ] || ! .venv/bin/tcdesk --version >/dev/null 2>&1; then
  .venv/bin/python -m pip install -q --upgrade pip
  .venv/bin/python -m pip install -q -e ".[test]"
  printf '%s\n' "$wanted" > "$STAMP"
fi

# axe-core (npm) for the accessibility test of the HTML export, in a project-local, ignored folder.
if [ ! -f .cache/node/node_modules/axe-core/axe.min.js ]; then
  if ! command -v npm >/dev/null; then
    if [ "$(id -u)" = 0 ]; then
      DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends npm
    else
      echo "npm is missing (needed for axe-core): install it, or run this script as root" >&2
      exit 1
    fi
  fi
  mkdir -p .cache/node
  npm install --prefix .cache/node --no-audit --no-fund --silent axe-core@4.14
fi
