"""The PDF's bundled face for Chinese, Japanese and Korean, offered to Qt as well, so that the editor
shows such words where the system has no font for them (many Linux desktops) instead of empty boxes.

Registering the face costs ~20 ms, so it is done only once a text needs it: a project holding such
characters, or such characters typed or pasted.
"""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Iterator

__all__ = ["offer_for", "offer_for_submission"]

# Scripts the bundled face draws and DejaVu does not (tcdesk.export.pdf_glyphs has the exact map).
_WIDE = re.compile("[\u1100-\u11ff\u2e80-\u9fff\ua960-\ua97f\uac00-\ud7ff\uf900-\ufaff\ufe30-\ufe4f\uff00-\uffef]")
_offered = False


def offer_for(text: str) -> None:
    """Register the fallback face with Qt if ``text`` needs it and it is not registered yet."""
    global _offered
    if _offered or text.isascii() or not _WIDE.search(text):
        return
    _offered = True
    from PySide6.QtGui import QFontDatabase

    from tcdesk.session import fallback_face

    QFontDatabase.addApplicationFont(str(fallback_face()))


def offer_for_submission(submission: object) -> None:
    """:func:`offer_for` every text of a submission (attachments' bytes are not text)."""
    if not _offered:
        for text in _texts(submission):
            if not text.isascii() and _WIDE.search(text):
                offer_for(text)
                return


def _texts(value: object) -> Iterator[str]:
    if isinstance(value, str):
        yield value
    elif isinstance(value, dict):
        for item in value.values():
            yield from _texts(item)
    elif isinstance(value, (list, tuple)):
        for item in value:
            yield from _texts(item)
    elif dataclasses.is_dataclass(value) and not isinstance(value, type):
        for field in dataclasses.fields(value):
            yield from _texts(getattr(value, field.name))
