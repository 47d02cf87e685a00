"""The size limit for figures an export decodes: read from the image header before any pixel is."""

from __future__ import annotations

import io

from tcdesk.errors import ExportError

# 40 megapixels is a 7,300 × 5,500 photo, far beyond what a page shows; decoding takes 3–4 bytes a
# pixel, so a 12,000 × 12,000 PNG of a few hundred KB would otherwise take over a gigabyte.
MAX_FIGURE_PIXELS = 40_000_000


def check_figure_size(name: str, data: bytes) -> None:
    """Refuse a figure whose pixel count would exhaust memory when decoded.

    :raises ExportError: naming the attachment, its size in pixels and the limit.
    """
    import warnings

    from PIL import Image, UnidentifiedImageError

    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", Image.DecompressionBombWarning)  # this check is the answer to it
            with Image.open(io.BytesIO(data)) as image:  # reads the header only
                width, height = image.size
    except (UnidentifiedImageError, OSError, ValueError, Image.DecompressionBombError):
        return  # the renderer reports an unreadable image itself
    if width * height > MAX_FIGURE_PIXELS:
        raise ExportError(
            f"attachment {name!r} is {width:,} × {height:,} pixels ({width * height / 1e6:.0f} megapixels); "
            f"figures may have at most {MAX_FIGURE_PIXELS // 1_000_000} megapixels: scale it down and attach it again"
        )
