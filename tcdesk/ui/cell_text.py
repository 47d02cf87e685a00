"""Write back only what the user changed in a plan cell, keeping every other character as stored.

Qt's plain-text editor spells some characters its own way: ``\\r\\n`` and ``\\r`` become line
ends, a line or paragraph separator becomes ``\\n``, a no-break space becomes a space. Writing
the editor's text back would change a cell the user only opened, or the untouched rest of a cell
they edited. So the editor's text as loaded and as edited are compared, and every stretch the
edit left alone keeps the stored characters.
"""

from __future__ import annotations

from tcdesk.answer_blocks import edit_opcodes

__all__ = ["keep_unedited"]

#: Stored characters the editor shows as another one (``\\r\\n``, two characters, shows as ``\\n``).
_SHOWN_AS = {"\r": "\n", "\u2028": "\n", "\u2029": "\n", "\u00a0": " "}
#: Above this many character pairs, the middle of an edit is taken as one change (difflib is quadratic).
_DIFF_LIMIT = 4_000_000


def keep_unedited(stored: str, shown: str, edited: str) -> str:
    """``edited`` with every stretch it shares with ``shown`` spelled as in ``stored``.

    :param stored: the cell's text as stored.
    :param shown: the editor's spelling of ``stored`` (what it showed before any edit).
    :param edited: the editor's text now.
    """
    if edited == shown:
        return stored
    if stored == shown:
        return edited
    places = _places(stored, shown)
    if places is None:  # a spelling this module does not know: the editor's text is all there is
        return edited
    out: list[str] = []
    for op, i1, i2, j1, j2 in edit_opcodes(shown, edited, _DIFF_LIMIT):
        piece = stored[places[i1] : places[i2]] if op == "equal" else edited[j1:j2]
        if piece.startswith("\n") and out and out[-1].endswith("\r"):
            # A kept "\r" and a "\n" after it would read as one line end ("\r\n").
            if op != "equal":  # a typed line end is written "\r\n", so the stored "\r" stays as it is
                piece = "\r" + piece
            else:  # text between them was deleted: such "\r"s become "\n"s, so both line ends stay
                bare = out[-1].rstrip("\r")
                out[-1] = bare + "\n" * (len(out[-1]) - len(bare))
        if piece:
            out.append(piece)
    return "".join(out)


def _places(stored: str, shown: str) -> list[int] | None:
    """For each offset in ``shown`` (and its end), the offset in ``stored`` of the same place."""
    places = []
    i = 0
    for ch in shown:
        places.append(i)
        if i >= len(stored):
            return None
        if ch == "\n" and stored.startswith("\r\n", i):
            i += 2
        elif stored[i] == ch or _SHOWN_AS.get(stored[i]) == ch:
            i += 1
        else:
            return None
    places.append(i)
    return places if i == len(stored) else None
