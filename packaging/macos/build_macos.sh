#!/usr/bin/env bash
# Builds tcdesk.app with PyInstaller and wraps it in a compressed disk image, on macOS:
#   bash packaging/macos/build_macos.sh [PYTHON]     (default python3; tcdesk installed with [bundle])
# Output: dist/tcdesk.app and dist/tcdesk-<version>-macos-<arch>.dmg
# PyInstaller signs the app ad hoc, which is enough to run it on the build Mac (and required on
# Apple silicon).  To hand it to others, sign it with a Developer ID and notarise it, e.g.
#   codesign --deep --force --options runtime --sign "Developer ID Application: …" dist/tcdesk.app
#   xcrun notarytool submit dist/tcdesk-….dmg --keychain-profile … --wait && xcrun stapler staple dist/tcdesk-….dmg
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/../.." && pwd)
cd "$ROOT"
PY=${1:-python3}

"$PY" -m PyInstaller --noconfirm --clean packaging/tcdesk.spec
VERSION=$("$PY" -c 'import tcdesk; print(tcdesk.__version__)')
APP="dist/tcdesk.app"
EXE="$APP/Contents/MacOS/tcdesk"

# Quick checks of the frozen program before packing it.
[ "$("$EXE" --version)" = "tcdesk $VERSION" ] || { echo "wrong --version" >&2; exit 1; }
"$EXE" check examples/northmoor-clean.tcdesk.json
"$EXE" export examples/northmoor-clean.tcdesk.json --to pdf --out "${TMPDIR:-/tmp}/tcdesk-smoke.pdf"
plutil -lint "$APP/Contents/Info.plist"
/usr/libexec/PlistBuddy -c "Print :CFBundleDocumentTypes:0:LSItemContentTypes:0" "$APP/Contents/Info.plist" \
    | grep -qx "org.tcdesk.submission"

# The image shows the app beside a link to /Applications, the usual drag-to-install layout.
stage=$(mktemp -d)
trap 'rm -rf "$stage"' EXIT
cp -R "$APP" "$stage/"
ln -s /Applications "$stage/Applications"
DMG="dist/tcdesk-$VERSION-macos-$(uname -m).dmg"
hdiutil create -volname "tcdesk $VERSION" -srcfolder "$stage" -fs HFS+ -format UDZO -ov "$DMG"
hdiutil verify "$DMG"
echo "app: $APP ($(du -sh "$APP" | cut -f1))"
echo "dmg: $DMG ($(du -h "$DMG" | cut -f1))"
