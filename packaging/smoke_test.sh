#!/usr/bin/env bash
# Runs a built tcdesk bundle the way a user would and fails on the first thing that does not work:
#   bash packaging/smoke_test.sh [BUNDLE_DIR]        (default: dist/tcdesk)
# Steps: --version; `check` on the clean example (exit 0) and the draft (exit 1, so the rule packs
# are really inside); `export --to pdf` and `--to docx`; `convert` to a .tcdesk project (Alembic
# migrations) and `check` it; `import` of the exported DOCX and PDF (also from its text) and of a CSV plan; the editor started offscreen on the
# example; and the editor on an X display (Xvfb) opening the project and quitting through
# File > Quit (Ctrl+Q), which must exit 0.  Everything runs from an empty folder with a private HOME, so
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
unset PYTHONPATH PYTHONHOME VIRTUAL_ENV QT_QPA_PLATFORM
export HOME="$work/home" XDG_CONFIG_HOME="$work/home/.config" XDG_DATA_HOME="$work/home/.local/share"
export XDG_CACHE_HOME="$work/home/.cache" XDG_RUNTIME_DIR="$work/run"

step() { printf 'smoke: %-48s' "$1"; }
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
codes=$(grep -o '"TC[0-9][0-9][0-9]"' check-draft.json | sort -u | tr -d '"' | paste -sd ' ' -)
[ -n "$codes" ] || fail "no rule codes in the JSON report: $(head -c 400 check-draft.json)"
ok "$codes"

step "export --to pdf"
"$EXE" export northmoor-clean.tcdesk.json --to pdf --out clean.pdf > export-pdf.txt 2>&1 \
    || fail "exit $?: $(cat export-pdf.txt)"
[ "$(head -c 5 clean.pdf)" = "%PDF-" ] || fail "clean.pdf is not a PDF"
if command -v pdftotext >/dev/null 2>&1; then
    pdftotext clean.pdf clean.txt
    grep -q "University of Northmoor" clean.txt || fail "the PDF does not name the University of Northmoor"
fi
ok "$(du -h clean.pdf | cut -f1)"

step "export --to docx"
"$EXE" export northmoor-clean.tcdesk.json --to docx --out clean.docx > export-docx.txt 2>&1 \
    || fail "exit $?: $(cat export-docx.txt)"
[ "$(head -c 2 clean.docx)" = "PK" ] || fail "clean.docx is not a DOCX (zip) file"
ok "$(du -h clean.docx | cut -f1)"

step "convert to a .tcdesk project and check it"
# Creating the project runs the Alembic migrations shipped inside the bundle.
"$EXE" convert northmoor-clean.tcdesk.json clean.tcdesk > convert.txt 2>&1 || fail "exit $?: $(cat convert.txt)"
"$EXE" check clean.tcdesk > check-project.txt 2>&1 || fail "exit $?: $(cat check-project.txt)"
ok "$(du -h clean.tcdesk | cut -f1)"

step "import the exported DOCX"
"$EXE" import clean.docx imported.tcdesk.json > import.txt 2>&1 || fail "exit $?: $(cat import.txt)"
grep -q "University of Northmoor" imported.tcdesk.json || fail "the imported file lost the organisation"
ok

step "import the exported PDF and a CSV plan"
"$EXE" import clean.pdf from-pdf.tcdesk.json > import-pdf.txt 2>&1 || fail "exit $?: $(cat import-pdf.txt)"
grep -q "University of Northmoor" from-pdf.tcdesk.json || fail "the PDF import lost the organisation"
# From its text, as a PDF made elsewhere: PDFium reads in a child process of the bundled program.
"$EXE" import --read-text clean.pdf from-pdf-text.tcdesk.json > import-pdf-text.txt 2>&1 \
    || fail "exit $?: $(cat import-pdf-text.txt)"
grep -q "University of Northmoor" from-pdf-text.tcdesk.json || fail "the PDF read from its text lost the organisation"
printf 'Ref,Action,Owner,Due,Pillar\nN01,Run a technician showcase,Head of Technical Services,2027-06,Visibility\n' > plan.csv
"$EXE" import --plan new plan.csv from-csv.tcdesk.json > import-csv.txt 2>&1 || fail "exit $?: $(cat import-csv.txt)"
grep -q "technician showcase" from-csv.tcdesk.json || fail "the CSV import lost the action"
ok

# The editor prints these lines when TCDESK_REPORT_STARTUP is set; the smoke test waits for them.
wait_for_line() {  # wait_for_line FILE PATTERN PID SECONDS
    local deadline=$((SECONDS + $4))
    until grep -q "$2" "$1"; do
        kill -0 "$3" 2>/dev/null || return 1
        [ $SECONDS -lt $deadline ] || return 1
        sleep 0.1
    done
}

step "editor starts offscreen on an example"
log="$work/gui-offscreen.log"
QT_QPA_PLATFORM=offscreen TCDESK_REPORT_STARTUP=1 "$EXE" open northmoor-clean.tcdesk.json > "$log" 2>&1 &
pid=$!
wait_for_line "$log" "file open after" "$pid" 60 || { kill "$pid" 2>/dev/null; fail "no window/file open: $(tail -n 20 "$log")"; }
# Checks run in a child process: the bundled program started again as `tcdesk -P -m tcdesk.check_process`.
checker_running() {  # checker_running PARENT_PID (reads /proc: procps may not be installed)
    local proc cmd
    for proc in /proc/[0-9]*; do
        [ "$(cut -d' ' -f4 "$proc/stat" 2>/dev/null)" = "$1" ] || continue
        cmd=$(tr '\0' ' ' < "$proc/cmdline" 2>/dev/null) || continue
        [[ $cmd == *tcdesk.check_process* ]] && return 0
    done
    return 1
}
for _ in $(seq 1 100); do checker_running "$pid" && break; sleep 0.1; done
checker_running "$pid" || { kill "$pid" 2>/dev/null; fail "no checking process: $(tail -n 20 "$log")"; }
# Offscreen there is no way to press Quit: stop it and make sure it was still running normally.
kill -TERM "$pid" 2>/dev/null || fail "the editor exited by itself: $(tail -n 20 "$log")"
set +e; wait "$pid"; status=$?; set -e
# 143: ended by the signal; 0: the editor caught it and closed itself.
[ "$status" = 143 ] || [ "$status" = 0 ] || fail "the editor had stopped before SIGTERM, exit $status: $(tail -n 20 "$log")"
! grep -q "Traceback" "$log" || fail "the editor printed a traceback: $(cat "$log")"
ok "$(grep -o 'window shown after [0-9.]* s' "$log")"

step "editor on a display: project, Quit, exit 0"
if ! command -v xvfb-run >/dev/null 2>&1 || ! command -v xdotool >/dev/null 2>&1; then
    [ "${TCDESK_SMOKE_NO_XVFB:-0}" = 1 ] && { echo "skipped (TCDESK_SMOKE_NO_XVFB=1)"; echo "smoke: all passed ($BUNDLE)"; exit 0; }
    fail "needs xvfb-run and xdotool (scripts/setup.sh installs them; TCDESK_SMOKE_NO_XVFB=1 skips this step)"
fi
log="$work/gui-x11.log"
cat > "$work/gui-x11.sh" <<'EOS'
set -u
"$1" open "$2" > "$3" 2>&1 &
pid=$!
deadline=$((SECONDS + 60))
until grep -q "file open after" "$3"; do
    kill -0 "$pid" 2>/dev/null || { wait "$pid"; exit $?; }
    [ $SECONDS -lt $deadline ] || { echo "smoke: no file open line in 60 s" >> "$3"; kill -KILL "$pid"; exit 124; }
    sleep 0.1
done
wid=$(timeout 20 xdotool search --sync --onlyvisible --class tcdesk | head -n 1)
[ -n "$wid" ] || { echo "smoke: no visible tcdesk window" >> "$3"; kill -KILL "$pid"; exit 125; }
# File > Quit through its keyboard shortcut, as a user would: closes the window and saves.
xdotool windowfocus --sync "$wid" key ctrl+q
for _ in $(seq 1 200); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
kill -0 "$pid" 2>/dev/null && { echo "smoke: still running 20 s after Quit" >> "$3"; kill -KILL "$pid"; }
wait "$pid"
EOS
set +e
TCDESK_REPORT_STARTUP=1 xvfb-run -a -s "-screen 0 1280x800x24" \
    bash "$work/gui-x11.sh" "$EXE" clean.tcdesk "$log"
status=$?
set -e
[ "$status" = 0 ] || fail "exit $status: $(tail -n 20 "$log")"
! grep -q "Traceback" "$log" || fail "the editor printed a traceback: $(cat "$log")"
ok "$(grep -o 'window shown after [0-9.]* s' "$log")"
echo "smoke: all passed ($BUNDLE)"
