"""The RAG chart of question 3 as a PNG for the Word document, drawn with Pillow.

Pillow is already installed as a dependency of reportlab; drawing with it keeps Qt out of
``tcdesk export`` and gives the same pixels on every run.
"""

from __future__ import annotations

import io

from PIL import Image, ImageDraw, ImageFont

from tcdesk.export.document import RagSummary, style
from tcdesk.model import Rag
from tcdesk.paths import resource

# The PDF export may have set PIL.Image up to load on first use (tcdesk.export.pdf_reportlab); the
# chart is drawn on a second thread, and Python 3.11's lazy loading is not safe when two threads
# touch the module first at once, so it is loaded here, by the thread importing this module.
Image.preinit()  # what saving a PNG calls first anyway

SCALE = 3  # pixels per point-ish unit: sharp when printed, still a few kilobytes


def _font(size: int) -> ImageFont.FreeTypeFont:
    return ImageFont.truetype(str(resource("fonts", style()["pdf"]["fonts"]["regular"])), size * SCALE)


def rag_chart_png(summary: RagSummary) -> bytes:
    """A stacked horizontal bar per pillar (green, amber, red, then not rated) with axis and legend."""
    colours = style()["colours"]["rag_chart"]
    series = [("Green", "green"), ("Amber", "amber"), ("Red", "red")]
    if summary.show_unrated:
        series.append(("Not rated", "unrated"))
    font = _font(9)
    label_w = max(int(font.getlength(label)) for label, _ in summary.rows) + 12 * SCALE
    bar_h, gap, legend_w, plot_w = 18 * SCALE, 8 * SCALE, 90 * SCALE, 260 * SCALE
    height = len(summary.rows) * (bar_h + gap) + 30 * SCALE
    width = label_w + plot_w + legend_w
    top = max([c.total for _, c in summary.rows] + [1])
    step = max(1, -(-top // 5))
    axis_max = step * -(-top // step)
    image = Image.new("RGB", (width, height), "white")
    draw = ImageDraw.Draw(image)
    x0, ink = label_w, "#1A1A1A"
    for i, (label, counts) in enumerate(summary.rows):
        y = gap // 2 + i * (bar_h + gap)
        draw.text((x0 - 6 * SCALE, y + bar_h // 2), label, fill=ink, font=font, anchor="rm")
        x = x0
        for _, key in series:
            w = round(plot_w * counts.count(None if key == "unrated" else Rag(key)) / axis_max)
            if w:
                draw.rectangle([x, y, x + w - 1, y + bar_h], fill=colours[key])
            x += w
    axis_y = len(summary.rows) * (bar_h + gap)
    draw.line([x0, 0, x0, axis_y], fill=ink, width=SCALE)
    draw.line([x0, axis_y, x0 + plot_w, axis_y], fill=ink, width=SCALE)
    for value in range(0, axis_max + 1, step):
        x = x0 + round(plot_w * value / axis_max)
        draw.line([x, axis_y, x, axis_y + 3 * SCALE], fill=ink, width=SCALE)
        draw.text((x, axis_y + 5 * SCALE), str(value), fill=ink, font=font, anchor="mt")
    lx = x0 + plot_w + 16 * SCALE
    for i, (label, key) in enumerate(series):
        y = gap // 2 + i * 16 * SCALE
        draw.rectangle([lx, y, lx + 10 * SCALE, y + 10 * SCALE], fill=colours[key])
        draw.text((lx + 14 * SCALE, y + 5 * SCALE), label, fill=ink, font=font, anchor="lm")
    out = io.BytesIO()
    image.save(out, format="PNG", optimize=False)
    return out.getvalue()
