#!/usr/bin/env bash
# Builds the Linux bundle and its tarball from a checkout, in one command:
#   bash packaging/build_linux.sh            -> dist/tcdesk/ and dist/tcdesk-<version>-linux-<arch>.tar.gz
# Options (environment):
#   TCDESK_DIST=DIR      where dist/ goes (default: <checkout>/dist)
#   TCDESK_BUILD=DIR     PyInstaller's work folder (default: <checkout>/build/pyinstaller)
#   TCDESK_SKIP_SETUP=1  do not run scripts/setup.sh even if .venv lacks PyInstaller
#   SOURCE_DATE_EPOCH    timestamp stored in the tarball (default: the last commit's)
# Build on the oldest distribution you support: the bundle carries the build machine's libraries
# except glibc and the graphics/X stack, so it runs on that glibc and newer.
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/.." && pwd)
cd "$ROOT"
DIST=${TCDESK_DIST:-$ROOT/dist}
WORK=${TCDESK_BUILD:-$ROOT/build/pyinstaller}
PY="$ROOT/.venv/bin/python"

if ! "$PY" -m PyInstaller --version >/dev/null 2>&1; then
    if [ "${TCDESK_SKIP_SETUP:-0}" != 1 ]; then
        bash scripts/setup.sh
    fi
    "$PY" -m PyInstaller --version >/dev/null 2>&1 || "$PY" -m pip install -q -e ".[bundle]"
fi

VERSION=$("$PY" -c 'import tcdesk; print(tcdesk.__version__)')
ARCH=$(uname -m)
NAME="tcdesk-$VERSION-linux-$ARCH"
echo "building tcdesk $VERSION for linux-$ARCH"

"$PY" -m PyInstaller --noconfirm --clean --log-level WARN \
    --distpath "$DIST" --workpath "$WORK" packaging/tcdesk.spec

stage_root=$(mktemp -d)
trap 'rm -rf "$stage_root"' EXIT
stage="$stage_root/$NAME"
mkdir -p "$stage/share/applications" "$stage/share/mime/packages" \
         "$stage/share/icons/hicolor/scalable/apps"
cp -a "$DIST/tcdesk" "$stage/tcdesk"
cp packaging/linux/install.sh "$stage/install.sh"
chmod 755 "$stage/install.sh"
cp packaging/linux/tcdesk.desktop "$stage/share/applications/tcdesk.desktop"
cp packaging/linux/tcdesk-mime.xml "$stage/share/mime/packages/tcdesk.xml"
cp resources/icons/tcdesk.svg "$stage/share/icons/hicolor/scalable/apps/tcdesk.svg"
for png in resources/icons/png/tcdesk-*.png; do
    size=${png##*-}; size=${size%.png}
    mkdir -p "$stage/share/icons/hicolor/${size}x${size}/apps"
    cp "$png" "$stage/share/icons/hicolor/${size}x${size}/apps/tcdesk.png"
done
cat > "$stage/README.txt" <<EOF
tcdesk $VERSION for Linux ($ARCH)

Install for your user (no administrator rights needed):   ./install.sh
Remove it again:                                          ./install.sh --uninstall
Or run it in place without installing:                    ./tcdesk/tcdesk

The program needs the usual desktop libraries (OpenGL/EGL, X11 or Wayland, fontconfig), which
every desktop distribution has.
EOF

# A reproducible archive: fixed order, owner and timestamps.
epoch=${SOURCE_DATE_EPOCH:-$(git log -1 --format=%ct 2>/dev/null || date +%s)}
tarball="$DIST/$NAME.tar.gz"
tar --sort=name --owner=0 --group=0 --numeric-owner --mtime="@$epoch" \
    -C "$stage_root" -cf - "$NAME" | gzip -n -6 > "$tarball.part"
mv "$tarball.part" "$tarball"

echo "bundle:  $DIST/tcdesk ($(du -sh "$DIST/tcdesk" | cut -f1))"
echo "tarball: $tarball ($(du -h "$tarball" | cut -f1))"
