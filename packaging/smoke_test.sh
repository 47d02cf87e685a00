#!/usr/bin/env bash
# Runs a built tcdesk bundle the way a user would and fails on the first thing that does not work:
#   bash packaging/smoke_test.sh [BUNDLE_DIR]        (default: dist/tcdesk)
# Steps: --version; `check` on the clean example (exit 0) and the draft (exit 1, so the rule packs
# are really inside); `export --to pdf` and `--to docx`; the editor started on an example, shown,
# then closed, which must exit 0.  Everything runs from an empty folder with a private HOME, so
# nothing can come from the checkout or the user's settings.
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/.." && pwd)
BUNDLE=$(cd "${1:-$ROOT/dist/tcdesk}" && pwd)
EXE="$BUNDLE/tcdesk"
[ -x "$EXE" ] || { echo "smoke: no program at $EXE; build it first (packaging/build_linux.sh)" >&2; exit 2; }

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
mkdir -p "$work/home" "$work/run"
chmod 700 "$work/run"
cp "$ROOT/examples/northmoor-clean.tcdesk.json" "$ROOT/examples/northmoor-draft.tcdesk.json" "$work/"
cd "$work"
unset PYTHONPATH PYTHONHOME VIRTUAL_ENV
export HOME="$work/home" XDG_CONFIG_HOME="$work/home/.config" XDG_DATA_HOME="$work/home/.local/share"
export XDG_CACHE_HOME="$work/home/.cache" XDG_RUNTIME_DIR="$work/run"

step() { printf 'smoke: %-40s' "$1"; }
ok() { echo "ok${1:+ ($1)}"; }
fail() { echo "FAILED"; echo "smoke: $*" >&2; exit 1; }

step "--version"
version=$("$EXE" --version) || fail "--version exited $?"
expected="tcdesk $(sed -n 's/^__version__ = "\(.*\)"$/\1/p' "$ROOT/tcdesk/__init__.py")"
[ "$version" = "$expected" ] || fail "--version printed '$version', expected '$expected'"
ok "$version"

step "check on the clean example"
"$EXE" check northmoor-clean.tcdesk.json > check-clean.txt 2>&1 || fail "exit $?: $(cat check-clean.txt)"
ok

step "check on the draft finds problems"
set +e
"$EXE" check --format json northmoor-draft.tcdesk.json > check-draft.json 2> check-draft.err
status=$?
set -e
[ "$status" = 1 ] || fail "expected exit 1 (findings), got $status: $(cat check-draft.err)"
codes=$(grep -o '"TC[0-9][0-9][0-9]"' check-draft.json | sort -u | tr -d '"' | tr '\n' ' ')
[ -n "$codes" ] || fail "no rule codes in the JSON report: $(head -c 400 check-draft.json)"
ok "$codes"

step "export --to pdf"
"$EXE" export northmoor-clean.tcdesk.json --to pdf --out clean.pdf > export-pdf.txt 2>&1 \
    || fail "exit $?: $(cat export-pdf.txt)"
[ "$(head -c 5 clean.pdf)" = "%PDF-" ] || fail "clean.pdf is not a PDF"
if command -v pdftotext >/dev/null 2>&1; then
    pdftotext clean.pdf - | grep -q "Northmoor" || fail "the PDF does not name the University of Northmoor"
fi
ok "$(du -h clean.pdf | cut -f1)"

step "export --to docx"
"$EXE" export northmoor-clean.tcdesk.json --to docx --out clean.docx > export-docx.txt 2>&1 \
    || fail "exit $?: $(cat export-docx.txt)"
[ "$(head -c 2 clean.docx)" = "PK" ] || fail "clean.docx is not a DOCX (zip) file"
ok "$(du -h clean.docx | cut -f1)"

step "editor opens an example and quits"
gui_log="$work/gui.log"
set +e
QT_QPA_PLATFORM=offscreen TCDESK_SMOKE_QUIT=1 timeout 60 "$EXE" open northmoor-clean.tcdesk.json > "$gui_log" 2>&1
status=$?
set -e
[ "$status" = 0 ] || fail "the editor exited $status: $(tail -n 20 "$gui_log")"
ok
echo "smoke: all passed ($BUNDLE)"
