"""reportlab's Paragraph, but its lines are broken once per width however often it is measured.

A table asks every cell for its size when it sizes the rows, again when it splits across a page
and again when it draws each row; reportlab breaks the lines anew each time (~3,900 line breakings
for ~1,300 paragraphs in a Kent-size PDF). The result depends only on the width, the text and the
style, so the last one is kept and reused while those are unchanged.
"""

from __future__ import annotations

from reportlab.platypus import Paragraph as _Paragraph

__all__ = ["Paragraph"]


class Paragraph(_Paragraph):
    """A :class:`reportlab.platypus.Paragraph` that remembers its last wrap."""

    _wrapped: tuple | None = None

    def wrap(self, availWidth, availHeight):  # noqa: N803 - reportlab's names
        # availHeight plays no part in breaking lines; frags and style are replaced, never edited.
        # split() drops blPara when it gives up on a split, so that the next wrap breaks again.
        key = (availWidth, id(self.frags), id(self.style))
        if self._wrapped is not None and self._wrapped[0] == key and "blPara" in self.__dict__:
            return self._wrapped[1]
        size = super().wrap(availWidth, availHeight)
        self._wrapped = (key, size)
        return size
