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

    Only the stretch between what the two share at either end is compared character by character;
    where it starts and ends in ``stored`` is found by counting ``\\r\\n`` pairs from the nearer end
    at C speed. A keystroke in a cell of hundreds of thousands of characters so costs a millisecond
    or two, not a walk over all of it.

    :param stored: the cell's text as stored.
    :param shown: the editor's spelling of ``stored`` (what it showed before any edit).
    :param edited: the editor's text now.
    """
    if edited == shown:
        return stored
    if stored == shown:
        return edited
    if _spelt(stored) != shown:  # a spelling this module does not know: the editor's text is all there is
        return edited
    ops = edit_opcodes(shown, edited, _DIFF_LIMIT)
    changed = [op for op in ops if op[0] != "equal"]
    first, last = changed[0][1], changed[-1][2]
    start = _place(stored, shown, first)
    # Every place an edit starts or ends, in ``stored``: the shared ends, and within the changed stretch.
    places = {0: 0, len(shown): len(stored)}
    for n, place in enumerate(_places(stored[start : _place(stored, shown, last)], shown[first:last]) or ()):
        places[first + n] = start + place
    out: list[str] = []
    for op, i1, i2, j1, j2 in ops:
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


def _spelt(stored: str) -> str:
    """``stored`` as the editor shows it: a ``\\r\\n`` pair is one line end, then each character of
    :data:`_SHOWN_AS` its own way (``str.replace`` pairs them from the left, as the editor does)."""
    shown = stored.replace("\r\n", "\n")
    for ch, spelt in _SHOWN_AS.items():
        shown = shown.replace(ch, spelt)
    return shown


def _place(stored: str, shown: str, offset: int) -> int:
    """The offset in ``stored`` of the place at ``offset`` in ``shown``, its spelling (see :func:`_spelt`).

    Only a ``\\r\\n`` pair is two stored characters for one shown, so the place is ``offset`` plus
    the pairs before it (counted again until the count stops growing), or, nearer the end, the same
    counted back from there.
    """
    if offset <= len(shown) - offset:
        place = offset
        while (further := offset + stored.count("\r\n", 0, place)) != place:
            place = further
        if place > 0 and stored.startswith("\r\n", place - 1):
            place += 1  # the shown line end before the place is this whole pair
        return place
    back = tail = len(shown) - offset
    while (further := back + stored.count("\r\n", len(stored) - tail)) != tail:
        tail = further
    if tail < len(stored) and stored.startswith("\r\n", len(stored) - tail - 1):
        tail += 1  # the shown line end after the place is this whole pair
    return len(stored) - tail


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
