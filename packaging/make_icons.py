"""Renders resources/icons/tcdesk.svg to the PNG, ICO and ICNS files the installers ship.

Run from the checkout (no display needed)::

    .venv/bin/python packaging/make_icons.py

The outputs are committed, so a build never needs to run this; run it again after editing the SVG.

Both containers are written by hand because they are simple and no extra tool is then needed:

* ICO (Windows): a 6-byte ``ICONDIR`` header (reserved 0, type 1, count), one 16-byte
  ``ICONDIRENTRY`` per image (width and height as one byte each, 0 meaning 256; colour count,
  reserved, planes 1, bits per pixel 32, payload size, payload offset), then the payloads. Since
  Windows Vista a payload may be a whole PNG file, which is what we store.
* ICNS (macOS): the magic ``icns`` and the total file length (big-endian ``uint32``), then one
  block per image: a four-character type, the block length including its 8-byte header, and the
  PNG file. The types name the pixel size and the scale: ``icp4`` 16, ``icp5`` 32, ``icp6`` 64,
  ``ic07`` 128, ``ic08`` 256, ``ic09`` 512, ``ic10`` 1024 (512@2x), ``ic11`` 32 (16@2x),
  ``ic12`` 64 (32@2x), ``ic13`` 256 (128@2x), ``ic14`` 512 (256@2x) — the set ``iconutil`` writes.
"""

from __future__ import annotations

import os
import struct
import sys
from collections.abc import Mapping
from pathlib import Path

ICONS = Path(__file__).resolve().parent.parent / "resources" / "icons"
SVG = ICONS / "tcdesk.svg"

# Sizes installed into the freedesktop hicolor theme (and used by the window icon).
PNG_SIZES = (16, 24, 32, 48, 64, 128, 256, 512)
ICO_SIZES = (16, 24, 32, 48, 64, 128, 256)
ICNS_TYPES: tuple[tuple[bytes, int], ...] = (
    (b"icp4", 16),
    (b"icp5", 32),
    (b"icp6", 64),
    (b"ic07", 128),
    (b"ic08", 256),
    (b"ic09", 512),
    (b"ic10", 1024),
    (b"ic11", 32),
    (b"ic12", 64),
    (b"ic13", 256),
    (b"ic14", 512),
)


def render_pngs(svg: Path, sizes: set[int]) -> dict[int, bytes]:
    """Render ``svg`` once per size into PNG file contents, with Qt's offscreen platform.

    :param svg: the source drawing.
    :param sizes: square pixel sizes to render.
    :returns: PNG bytes by size.
    """
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtCore import QBuffer, QByteArray, QIODevice
    from PySide6.QtGui import QGuiApplication, QImage, QPainter
    from PySide6.QtSvg import QSvgRenderer

    _app = QGuiApplication.instance() or QGuiApplication([])
    renderer = QSvgRenderer(str(svg))
    if not renderer.isValid():
        raise ValueError(f"{svg}: not a valid SVG drawing")
    out: dict[int, bytes] = {}
    for size in sorted(sizes):
        image = QImage(size, size, QImage.Format.Format_ARGB32)
        image.fill(0)
        painter = QPainter(image)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.setRenderHint(QPainter.RenderHint.SmoothPixmapTransform)
        renderer.render(painter)
        painter.end()
        data = QByteArray()
        buffer = QBuffer(data)
        buffer.open(QIODevice.OpenModeFlag.WriteOnly)
        image.save(buffer, "PNG")
        buffer.close()
        out[size] = bytes(data.data())
    return out


def ico_bytes(pngs: Mapping[int, bytes]) -> bytes:
    """A Windows ICO holding one PNG payload per size (sizes up to 256).

    :param pngs: PNG file contents by square pixel size.
    """
    sizes = sorted(pngs)
    if not sizes or sizes[-1] > 256:
        raise ValueError("an ICO holds images of 1 to 256 pixels")
    header = struct.pack("<HHH", 0, 1, len(sizes))
    offset = len(header) + 16 * len(sizes)
    entries, payloads = [], []
    for size in sizes:
        data = pngs[size]
        edge = 0 if size == 256 else size
        entries.append(struct.pack("<BBBBHHII", edge, edge, 0, 0, 1, 32, len(data), offset))
        payloads.append(data)
        offset += len(data)
    return header + b"".join(entries) + b"".join(payloads)


def icns_bytes(pngs: Mapping[int, bytes], types: tuple[tuple[bytes, int], ...] = ICNS_TYPES) -> bytes:
    """A macOS ICNS holding a PNG block for each ``(type, size)`` pair.

    :param pngs: PNG file contents by square pixel size; must cover every size in ``types``.
    :param types: the block types to write, with the pixel size each one holds.
    """
    blocks = b"".join(
        kind + struct.pack(">I", 8 + len(pngs[size])) + pngs[size] for kind, size in types
    )
    return b"icns" + struct.pack(">I", 8 + len(blocks)) + blocks


def main() -> int:
    wanted = set(PNG_SIZES) | set(ICO_SIZES) | {size for _, size in ICNS_TYPES}
    pngs = render_pngs(SVG, wanted)
    png_dir = ICONS / "png"
    png_dir.mkdir(exist_ok=True)
    for size in PNG_SIZES:
        (png_dir / f"tcdesk-{size}.png").write_bytes(pngs[size])
    (ICONS / "tcdesk.ico").write_bytes(ico_bytes({s: pngs[s] for s in ICO_SIZES}))
    (ICONS / "tcdesk.icns").write_bytes(icns_bytes(pngs))
    print(f"wrote {len(PNG_SIZES)} PNGs, tcdesk.ico and tcdesk.icns into {ICONS}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
