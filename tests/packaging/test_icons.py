"""The application icon: the committed PNG, ICO and ICNS files and the writers that made them."""

from __future__ import annotations

import importlib.util
import struct
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
ICONS = ROOT / "resources" / "icons"
PNG_MAGIC = b"\x89PNG\r\n\x1a\n"


def _load_make_icons():
    spec = importlib.util.spec_from_file_location("make_icons", ROOT / "packaging" / "make_icons.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


make_icons = _load_make_icons()


def png_size(data: bytes) -> tuple[int, int]:
    """Width and height from a PNG's IHDR chunk."""
    assert data[:8] == PNG_MAGIC, "not a PNG file"
    assert data[12:16] == b"IHDR"
    return struct.unpack(">II", data[16:24])


def read_ico(data: bytes) -> dict[int, bytes]:
    reserved, kind, count = struct.unpack_from("<HHH", data, 0)
    assert (reserved, kind) == (0, 1)
    images = {}
    for i in range(count):
        width, height, _colours, _res, planes, bpp, size, offset = struct.unpack_from("<BBBBHHII", data, 6 + 16 * i)
        assert (planes, bpp) == (1, 32)
        assert width == height
        images[width or 256] = data[offset : offset + size]
    return images


def read_icns(data: bytes) -> dict[bytes, bytes]:
    assert data[:4] == b"icns"
    assert struct.unpack(">I", data[4:8])[0] == len(data)
    blocks, pos = {}, 8
    while pos < len(data):
        kind, length = data[pos : pos + 4], struct.unpack(">I", data[pos + 4 : pos + 8])[0]
        blocks[kind] = data[pos + 8 : pos + length]
        pos += length
    assert pos == len(data), "block lengths do not add up to the file length"
    return blocks


@pytest.mark.parametrize("size", make_icons.PNG_SIZES)
def test_each_hicolor_png_has_its_named_size(size):
    assert png_size((ICONS / "png" / f"tcdesk-{size}.png").read_bytes()) == (size, size)


def test_ico_holds_a_png_for_every_windows_size():
    images = read_ico((ICONS / "tcdesk.ico").read_bytes())
    assert sorted(images) == sorted(make_icons.ICO_SIZES)
    for size, payload in images.items():
        assert png_size(payload) == (size, size)


def test_icns_blocks_hold_pngs_of_the_size_their_type_names():
    blocks = read_icns((ICONS / "tcdesk.icns").read_bytes())
    assert [kind for kind, _ in make_icons.ICNS_TYPES] == list(blocks)
    for kind, size in make_icons.ICNS_TYPES:
        assert png_size(blocks[kind]) == (size, size), kind


def test_ico_writer_stores_256_as_zero_and_offsets_point_at_payloads():
    payloads = {16: PNG_MAGIC + b"sixteen", 256: PNG_MAGIC + b"two-five-six"}
    data = make_icons.ico_bytes(payloads)
    assert data[6 + 16] == 0  # width byte of the second entry: 0 means 256
    assert read_ico(data) == payloads


def test_ico_writer_refuses_images_larger_than_256():
    with pytest.raises(ValueError, match="1 to 256"):
        make_icons.ico_bytes({512: PNG_MAGIC})


# ``qapp`` first: the renderer must reuse pytest-qt's QApplication, not create a bare QGuiApplication.
def test_svg_renders_an_opaque_tile_with_transparent_corners(qapp):
    from PySide6.QtGui import QImage

    png = make_icons.render_pngs(ICONS / "tcdesk.svg", {64})[64]
    image = QImage.fromData(png)
    assert (image.width(), image.height()) == (64, 64)
    assert image.pixelColor(0, 0).alpha() == 0  # outside the rounded corner
    assert image.pixelColor(32, 4).alpha() == 255  # on the tile


def test_render_rejects_a_file_that_is_not_svg(qapp, tmp_path):
    bad = tmp_path / "broken.svg"
    bad.write_text("not svg at all", encoding="utf-8")
    with pytest.raises(ValueError, match=r"broken\.svg"):
        make_icons.render_pngs(bad, {16})


def test_ico_reads_back_in_every_size_with_qts_own_ico_reader(qapp):
    from PySide6.QtGui import QImageReader

    reader = QImageReader(str(ICONS / "tcdesk.ico"))
    assert reader.canRead(), reader.errorString()
    widths = []
    for index in range(reader.imageCount()):
        reader.jumpToImage(index)
        widths.append(reader.read().width())
    assert sorted(widths) == sorted(make_icons.ICO_SIZES)
