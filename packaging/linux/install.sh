#!/bin/sh
# Installs (or removes) tcdesk for the current user, without root, in the XDG locations:
#   the program      ~/.local/lib/tcdesk/          (and a link ~/.local/bin/tcdesk)
#   menu entry       ~/.local/share/applications/tcdesk.desktop
#   icons            ~/.local/share/icons/hicolor/<size>/{apps,mimetypes}/
#   file types       ~/.local/share/mime/packages/tcdesk.xml (*.tcdesk, *.tcdesk.json)
# and makes tcdesk the default application for those files.
#
# Usage: ./install.sh [--prefix DIR] [--no-default] [--uninstall]
#   --prefix DIR   install under DIR instead of ~/.local (DIR/bin, DIR/lib, DIR/share)
#   --no-default   register the file types but do not make tcdesk their default application
#   --uninstall    remove everything this script installed
set -eu

HERE=$(cd "$(dirname "$0")" && pwd)
PREFIX="$HOME/.local"
SHARE="${XDG_DATA_HOME:-$HOME/.local/share}"
SET_DEFAULT=1
ACTION=install

while [ $# -gt 0 ]; do
    case "$1" in
        --prefix) [ $# -ge 2 ] || { echo "install.sh: --prefix needs a folder" >&2; exit 2; }
                  PREFIX=$(mkdir -p "$2" && cd "$2" && pwd); SHARE="$PREFIX/share"; shift ;;
        --no-default) SET_DEFAULT=0 ;;
        --uninstall) ACTION=uninstall ;;
        -h|--help) sed -n '2,14p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
        *) echo "install.sh: unknown option $1 (see --help)" >&2; exit 2 ;;
    esac
    shift
done

BIN="$PREFIX/bin"
LIB="$PREFIX/lib/tcdesk"
ICON_SIZES="16 24 32 48 64 128 256 512"

refresh_caches() {
    # Each tool is optional: desktops without it pick the files up at next login.
    if command -v update-mime-database >/dev/null 2>&1; then
        update-mime-database "$SHARE/mime" >/dev/null 2>&1 || true
    fi
    if command -v update-desktop-database >/dev/null 2>&1; then
        update-desktop-database -q "$SHARE/applications" 2>/dev/null || true
    fi
    if command -v gtk-update-icon-cache >/dev/null 2>&1; then
        gtk-update-icon-cache -q -t -f "$SHARE/icons/hicolor" 2>/dev/null || true
    fi
}

remove_files() {
    rm -f "$BIN/tcdesk" "$SHARE/applications/tcdesk.desktop" "$SHARE/mime/packages/tcdesk.xml"
    rm -f "$SHARE/icons/hicolor/scalable/apps/tcdesk.svg"
    for size in $ICON_SIZES; do
        rm -f "$SHARE/icons/hicolor/${size}x${size}/apps/tcdesk.png" \
              "$SHARE/icons/hicolor/${size}x${size}/mimetypes/application-x-tcdesk.png"
    done
    # Only ever delete a folder that holds a tcdesk program, never a folder a user pointed us at.
    if [ -d "$LIB" ] && [ -x "$LIB/tcdesk" ]; then
        rm -rf "$LIB"
    fi
}

if [ "$ACTION" = uninstall ]; then
    remove_files
    refresh_caches
    echo "tcdesk removed from $PREFIX"
    exit 0
fi

[ -x "$HERE/tcdesk/tcdesk" ] || { echo "install.sh: $HERE/tcdesk/tcdesk not found; run me from the unpacked archive" >&2; exit 1; }

# Copy the program beside its final place, then swap it in, so a failed copy leaves the old one.
mkdir -p "$BIN" "$PREFIX/lib"
staging="$PREFIX/lib/.tcdesk.new.$$"
trap 'rm -rf "$staging"' EXIT
cp -R "$HERE/tcdesk" "$staging"
if [ -d "$LIB" ]; then
    [ -x "$LIB/tcdesk" ] || { echo "install.sh: $LIB exists and is not a tcdesk install; not replacing it" >&2; exit 1; }
    rm -rf "$LIB"
fi
mv "$staging" "$LIB"
trap - EXIT
ln -sf "$LIB/tcdesk" "$BIN/tcdesk"

mkdir -p "$SHARE/applications" "$SHARE/mime/packages" "$SHARE/icons/hicolor/scalable/apps"
# The menu entry starts the installed program by its full path: ~/.local/bin is not always on PATH.
sed -e "s|^Exec=tcdesk |Exec=\"$LIB/tcdesk\" |" -e "s|^TryExec=tcdesk\$|TryExec=$LIB/tcdesk|" \
    "$HERE/share/applications/tcdesk.desktop" > "$SHARE/applications/tcdesk.desktop"
cp "$HERE/share/mime/packages/tcdesk.xml" "$SHARE/mime/packages/tcdesk.xml"
cp "$HERE/share/icons/hicolor/scalable/apps/tcdesk.svg" "$SHARE/icons/hicolor/scalable/apps/tcdesk.svg"
for size in $ICON_SIZES; do
    for kind in apps mimetypes; do
        mkdir -p "$SHARE/icons/hicolor/${size}x${size}/$kind"
    done
    cp "$HERE/share/icons/hicolor/${size}x${size}/apps/tcdesk.png" "$SHARE/icons/hicolor/${size}x${size}/apps/tcdesk.png"
    cp "$HERE/share/icons/hicolor/${size}x${size}/apps/tcdesk.png" \
       "$SHARE/icons/hicolor/${size}x${size}/mimetypes/application-x-tcdesk.png"
done
refresh_caches

if [ "$SET_DEFAULT" = 1 ] && command -v xdg-mime >/dev/null 2>&1; then
    xdg-mime default tcdesk.desktop application/x-tcdesk application/x-tcdesk+json || true
fi

echo "tcdesk installed in $LIB"
case ":$PATH:" in
    *":$BIN:"*) echo "Run it from the applications menu or with: tcdesk" ;;
    *) echo "Run it from the applications menu or with: $BIN/tcdesk ($BIN is not on your PATH)" ;;
esac
