"""reportlab's Paragraph, but plain text skips the markup parser and lines are broken once per width.

Most paragraphs of a submission (every plan cell) are plain text: reportlab's markup parser makes
of them one fragment in the style's font holding the text, which is all this class makes (from a
copy of the fragment the parser gave the style once), at a tenth of the parser's cost.

A table asks every cell for its size when it sizes the rows, again when it splits across a page
and again when it draws each row; reportlab breaks the lines anew each time (~3,900 line breakings
for ~1,300 paragraphs in a Kent-size PDF). The result depends only on the width, the text and the
style, so the last one is kept and reused while those are unchanged. Plain text is broken into
lines by reportlab's own greedy rule, with each word measured once per font and size; any other
paragraph by reportlab's own code with cheaper helpers (:mod:`tcdesk.export.pdf_markup_lines`).
"""

from __future__ import annotations

import dataclasses
import html
import re
from collections.abc import Sequence
from typing import Any

from reportlab.lib.enums import TA_LEFT, TA_RIGHT
from reportlab.pdfbase.pdfmetrics import getFont
from reportlab.platypus import Paragraph as _Paragraph
from reportlab.platypus.paragraph import (
    _processed_frags,
    _wsc,
    _wsc_re_split,
    cleanBlockQuotedText,
    textTransformFrags,
)

from tcdesk.export.markdown import Run
from tcdesk.export.pdf_bidi import has_rtl, rtl_base, shaped
from tcdesk.export.pdf_fonts import use_face, use_faces, with_fallback
from tcdesk.export.pdf_markup_lines import ascent_descent, break_lines, handle_bullet_width
from tcdesk.export.pdf_plain_draw import draw_plain, draw_plain_on
from tcdesk.export.pdf_visual_lines import visual_lines

__all__ = ["PIECE_CHARS", "PIECE_RUNS", "Paragraph", "clean_block_quoted", "escape", "escape_attribute", "pieces", "words_of"]

# reportlab re-breaks the rest of a paragraph at every page it splits across, and splits a long word
# (or a long run of styled fragments) in time proportional to what is left: one 390 KB paragraph
# took 30 s. Setting very long paragraphs as consecutive pieces of this size keeps the work linear;
# answers as the form asks for them (a few hundred words per paragraph) stay one piece.
PIECE_CHARS = 8_000
PIECE_RUNS = 400
_BREAK = re.compile(r"(?<=[.!?])\s+|\s+")
# What reportlab's parser treats as more than characters: tags and entities.
_MARKUP = re.compile("[<&]")
# The fragment the parser makes of plain text in each font; its size and colour are the style's.
_PLAIN: dict[str, tuple[Any, tuple[str, ...]]] = {}
# Widths of words already measured, per font and size; cleared past _MAX_WIDTHS words or 64 fonts and sizes.
_WIDTHS: dict[tuple[Any, float], dict[str, float]] = {}
_MAX_WIDTHS = 200_000
_measured = [0]  # words in _WIDTHS, counted as they are added


def _word_widths(font: Any, size: float) -> dict[str, float]:
    if len(_WIDTHS) > 64 or _measured[0] > _MAX_WIDTHS:
        _WIDTHS.clear()
        _measured[0] = 0
    return _WIDTHS.setdefault((font, size), {})


def words_of(text: str) -> list[str]:
    """reportlab's ``paragraph.split(text)``: its whitespace splits words only when a no-break space
    (which it does not count as whitespace) is in the text, Python's otherwise."""
    return _wsc_re_split(text) if "\xa0" in text else text.split()


def clean_block_quoted(text: str) -> str:
    """reportlab's ``cleanBlockQuotedText(text)``: each line's words joined by one space, blank lines dropped."""
    lines = []
    for line in text.split("\n"):
        cleaned = " ".join([word for word in words_of(line.strip(_wsc)) if word])
        if cleaned:
            lines.append(cleaned)
    return " ".join(lines)


def escape(value: str) -> str:
    """``value`` as paragraph markup showing exactly those characters (``&``, ``<`` and ``>`` escaped).

    (xml.sax.saxutils.escape does the same but imports urllib.request, http.client and email.)
    """
    return html.escape(value, quote=False)


def escape_attribute(value: str) -> str:
    """``value`` for a double-quoted attribute of paragraph markup."""
    return html.escape(value, quote=False).replace('"', "&quot;")


def _plain_fragment(text: str, style) -> list:
    """The fragments reportlab's parser makes of ``text``, cleaned and free of markup, in ``style``."""
    found = _PLAIN.get(style.fontName)
    if found is None:
        made = _Paragraph("x", style).frags[0]
        found = _PLAIN[style.fontName] = made, tuple(name for name, value in vars(made).items() if isinstance(value, list))
    model, lists = found
    # Underlines and links are lists: each paragraph gets its own, as from the parser.
    own = {name: list(getattr(model, name)) for name in lists}
    frags = [model.clone(fontSize=style.fontSize, textColor=style.textColor, text=text, **own)]
    textTransformFrags(frags, style)
    return frags


def rtl_of(frags: list) -> bool | None:
    """The base direction of a paragraph of ``frags`` holding right-to-left text (True: right to
    left), ``None`` when it holds none (told from its first such fragment: most paragraphs are ASCII)."""
    for frag in frags:
        text = getattr(frag, "text", None)
        if type(text) is str and not text.isascii() and has_rtl(text):
            return rtl_base("".join(t for t in (getattr(f, "text", None) for f in frags) if isinstance(t, str)))
    return None


def _shaped(frag: Any) -> Any:
    text = getattr(frag, "text", None)
    if not isinstance(text, str) or "cbDefn" in frag.__dict__:
        return frag
    joined = shaped(text)
    return frag if joined == text else frag.clone(text=joined)


class Paragraph(_Paragraph):
    """A :class:`reportlab.platypus.Paragraph` that parses only markup, remembers its last wrap, loads its
    faces, sets what they lack in the fallback face and draws plain text directly
    (:mod:`tcdesk.export.pdf_plain_draw`)."""

    _wrapped: tuple | None = None
    #: The paragraph's base direction when it holds right-to-left text (True: right to left), else None.
    _rtl: bool | None = None
    #: Whether a right-to-left paragraph its style aligns left is drawn aligned right (a list item's
    #: is not: its bullet stays at the left, next to its text).
    starts_right = True

    def _setup(self, text, style, bulletText, frags, cleaner):  # noqa: N803 - reportlab's names
        if frags is None and style is not None and isinstance(text, str) and not _MARKUP.search(text):
            cleaned = clean_block_quoted(text) if cleaner is cleanBlockQuotedText else cleaner(text)
            if cleaned:  # (what the parser makes of no text at all is left to it)
                text, frags = cleaned, _plain_fragment(cleaned, style)
        super()._setup(text, style, bulletText, frags, cleaner)
        self._rtl = rtl_of(self.frags)
        if self._rtl is not None:  # Arabic letters joined before lines are broken: joined forms differ in width
            self.frags = [_shaped(frag) for frag in self.frags]
        self.frags = with_fallback(self.frags)  # characters DejaVu lacks (Chinese, Japanese, Korean)
        use_faces(self.frags)
        if self.bulletText:
            use_face(self.style.bulletFontName)

    def breakLines(self, width):  # noqa: N802 - reportlab's name
        """reportlab's lines, broken here when it would take its plain path and no word needs splitting.

        That path (one fragment of text, no hyphenation, shaping, bidi or soft hyphens) fills each
        line greedily with words measured in the fragment's font; the loop below is that loop with
        each word measured once per font and size. Anything else is left to reportlab's code.
        """
        style, frags = self.style, self.frags
        if (len(frags) != 1 or style.wordWrap or style.shaping or style.endDots or getattr(style, "hyphenationLang", "")
                or style.uriWasteReduce or style.embeddedHyphenation or _processed_frags(frags)
                or hasattr(frags[0], "cbDefn") or hasattr(frags[0], "backColor")
                or not isinstance(getattr(frags[0], "text", None), str) or "\xad" in frags[0].text):
            return break_lines(self, width)
        f = frags[0]
        font_name, size = f.fontName, f.fontSize
        font = getFont(font_name)
        measured = _word_widths(font, size)
        known = len(measured)
        encoding = self.encoding
        text = f.text.strip(_wsc)
        words = words_of(text) if text else []
        widths = []
        for word in words:
            w = measured.get(word)
            if w is None:
                w = measured[word] = font.stringWidth(word, size, encoding)
            widths.append(w)
        _measured[0] += len(measured) - known
        max_widths = width if isinstance(width, (tuple, list)) else [width]
        bullet_widths = list(max_widths)
        handle_bullet_width(self.bulletText, style, bullet_widths)
        if style.splitLongWords and widths and max(widths) > min(bullet_widths):
            return break_lines(self, width)  # reportlab splits that word across lines
        self._width_max = 0
        self.height = 0
        self._splitLongWordCount = self._hyphenations = 0
        handle_bullet_width(self.bulletText, style, max_widths)  # as reportlab does, on the list it was given
        ascent, descent = ascent_descent(font_name, size)
        if not text:
            return f.clone(kind=0, lines=[], ascent=ascent, descent=descent, fontSize=size)
        space = measured.get(" ")  # (no word is a space: words_of drops them)
        if space is None:
            space = measured[" "] = font.stringWidth(" ", size, encoding)
        shrink = style.spaceShrinkage * space
        last = len(max_widths) - 1
        lines: list[tuple[float, list[str]]] = []
        line: list[str] = []
        number = 0
        max_width = max_widths[0]
        current = -space
        width_max = 0
        for word, word_width in zip(words, widths, strict=True):
            new = current + space + word_width
            if new <= max_width + shrink * len(line) or not line:
                if word:
                    line.append(word)
                current = new
            else:
                width_max = max(width_max, current)
                lines.append((max_width - current, line))
                line, current = [word], word_width
                number += 1
                max_width = max_widths[min(last, number)]
        if line:
            width_max = max(width_max, current)
            lines.append((max_width - current, line))
        self._width_max = width_max
        return f.clone(kind=0, lines=lines, ascent=ascent, descent=descent, fontSize=size)

    def drawPara(self, debug=0):  # noqa: N802 - reportlab's name
        if self._rtl is None:
            if not draw_plain(self, debug):
                super().drawPara(debug)
            return
        laid, style = self.blPara, self.style  # the lines as broken, in typed order: kept for another wrap or split
        self.blPara = visual_lines(laid, self._rtl)
        if self._rtl and self.starts_right and style.alignment == TA_LEFT:  # a right-to-left paragraph starts at the right
            self.style = style.clone(style.name, alignment=TA_RIGHT)
        try:
            super().drawPara(debug)
        finally:
            self.blPara, self.style = laid, style

    def drawOn(self, canvas, x, y, _sW=0):  # noqa: N802, N803 - reportlab's names
        # Only where drawing is reportlab's Paragraph.draw calling this drawPara (a list item tags its bullet itself).
        if (self._rtl is not None or type(self).draw is not _Paragraph.draw
                or type(self).drawPara is not Paragraph.drawPara or not draw_plain_on(self, canvas, x, y, _sW)):
            super().drawOn(canvas, x, y, _sW)

    def split(self, availWidth, availHeight):  # noqa: N803 - reportlab's names
        parts = super().split(availWidth, availHeight)
        if self._rtl is not None:  # the rest keeps the whole paragraph's direction, not its own first letter's
            for part in parts:
                if isinstance(part, Paragraph) and part._rtl is not None:
                    part._rtl = self._rtl
        return parts

    def wrap(self, availWidth, availHeight):  # noqa: N803 - reportlab's names
        # availHeight plays no part in breaking lines; frags and style are replaced, never edited.
        # split() drops blPara when it gives up on a split, so that the next wrap breaks again.
        # Breaking a paragraph with markup replaces its frags by the words it made of them (reportlab's
        # breakLines), so what is remembered is the frags after the wrap: the next wrap at that width
        # would break those words into the same lines again, unless a word too long for a line was
        # split (reportlab then splits the pieces anew): such a wrap of words is not remembered.
        done = self._wrapped
        if (done is not None and done[0] == availWidth and done[1] is self.frags and done[2] is self.style
                and "blPara" in self.__dict__):
            return done[3]
        frags = self.frags
        size = super().wrap(availWidth, availHeight)
        split_words = getattr(self, "_splitLongWordCount", 0) or getattr(self, "_hyphenations", 0)
        self._wrapped = None if split_words and self.frags is not frags else (availWidth, self.frags, self.style, size)
        return size


def pieces(runs: Sequence[Run], max_chars: int = PIECE_CHARS, max_runs: int = PIECE_RUNS) -> list[list[Run]]:
    """``runs`` cut into pieces of at most ``max_chars`` characters and ``max_runs`` runs.

    A run longer than a piece is cut after the last sentence end that fits, else the last space, else
    at the limit (a "word" that long is broken across lines anyway). Nothing is dropped or reordered.
    """
    if len(runs) <= max_runs and sum(len(r.text) for r in runs) <= max_chars:
        return [list(runs)]
    out: list[list[Run]] = []
    current: list[Run] = []
    size = 0
    for run in runs:
        for part in _cut(run, max_chars):
            if current and (size + len(part.text) > max_chars or len(current) >= max_runs):
                out.append(current)
                current, size = [], 0
            current.append(part)
            size += len(part.text)
    if current:
        out.append(current)
    return out


def _cut(run: Run, limit: int) -> list[Run]:
    text, parts = run.text, []
    while len(text) > limit:
        window = text[: limit + 1]
        ends = [m.end() for m in _BREAK.finditer(window) if m.end() <= limit]
        sentence = [m.end() for m in _BREAK.finditer(window) if m.end() <= limit and m.group().strip() == "" and window[m.start() - 1 : m.start()] in ".!?"]
        at = (sentence or ends or [limit])[-1]
        parts.append(dataclasses.replace(run, text=text[:at]))
        text = text[at:]
    parts.append(dataclasses.replace(run, text=text))
    return parts
