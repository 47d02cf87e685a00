"""Default export file names: "<Organisation> <Month> <Year>", safe on Windows, macOS and Linux."""

from __future__ import annotations

import calendar
import re
from datetime import date

from tcdesk.model import Submission
from tcdesk.template import DEFAULT_TEMPLATE, load_template

# Characters no file name may hold on at least one of the three systems, plus control characters.
_FORBIDDEN = re.compile(r'[/\\:*?"<>|\x00-\x1f\x7f]')
# Invisible characters that reorder or hide text (bidi controls, zero-width spaces and joiners, BOM):
# "gpj.exe" shown as "exe.jpg", or two names that look alike. They are dropped from file names.
_INVISIBLE = re.compile("[\u00ad\u061c\u180e\u200b-\u200f\u202a-\u202e\u2060-\u2064\u2066-\u206f\ufeff]")
_RESERVED = frozenset(
    ["CON", "PRN", "AUX", "NUL"] + [f"COM{i}" for i in range(1, 10)] + [f"LPT{i}" for i in range(1, 10)]
)
# Most file systems cap a name at 255 bytes; leave room for a ".part" temporary suffix and a counter.
MAX_NAME_BYTES = 200


def signoff_date(submission: Submission) -> date | None:
    """The latest of the two sign-off dates: the form is complete once both have signed."""
    dates = [d for d in (submission.signoff.lead.date, submission.signoff.leader.date) if d is not None]
    return max(dates) if dates else None


def submission_window(when: date, windows: tuple[int, ...] | None = None) -> tuple[int, int]:
    """The (year, month) of the first submission window whose end is on or after ``when``.

    Windows close at the end of their month (January and July for the renewal form), so a form
    signed on 3 August goes in the next January's window.
    """
    months = sorted(windows or load_template(DEFAULT_TEMPLATE).submission_windows)
    for month in months:
        if when <= date(when.year, month, calendar.monthrange(when.year, month)[1]):
            return when.year, month
    return when.year + 1, months[0]


def sanitise_filename(name: str, max_bytes: int = MAX_NAME_BYTES) -> str:
    """``name`` made valid as a file name on Windows, macOS and Linux (the suffix, if any, is kept)."""
    cleaned = re.sub(r"\s+", " ", _FORBIDDEN.sub("-", _INVISIBLE.sub("", name))).strip()
    stem, suffix = _split_suffix(cleaned)
    # A leading dot hides the file (and ".." is the parent folder); Windows strips trailing ones.
    stem = _shorten(stem.strip(". "), max_bytes - len(suffix.encode("utf-8"))) or "Submission"
    # Windows reserves these device names whatever follows the first dot ("CON.pdf", "nul.tar.gz").
    if stem.split(".")[0].strip().upper() in _RESERVED:
        stem = "_" + stem
    return stem + suffix


def _split_suffix(name: str) -> tuple[str, str]:
    dot = name.rfind(".")
    if dot <= 0 or not re.fullmatch(r"\.[A-Za-z0-9]{1,10}", name[dot:]):
        return name, ""
    return name[:dot], name[dot:]


def _shorten(text: str, max_bytes: int) -> str:
    encoded = text.encode("utf-8")
    if len(encoded) <= max_bytes:
        return text
    # Cut on a character boundary, then drop what Windows would strip anyway.
    return encoded[:max_bytes].decode("utf-8", errors="ignore").rstrip(". ")


def _window_label(submission: Submission, today: date | None) -> str:
    when = signoff_date(submission) or today or date.today()
    template = load_template(submission.template or DEFAULT_TEMPLATE)
    year, month = submission_window(when, template.submission_windows)
    return f"{calendar.month_name[month]} {year}"


def document_title(submission: Submission, today: date | None = None) -> str:
    """``"University of Example January 2026"``: the default file name's words, unaltered, as a title."""
    organisation = re.sub(r"\s+", " ", submission.organisation).strip() or "Submission"
    return f"{organisation} {_window_label(submission, today)}"


def default_filename(submission: Submission, suffix: str, today: date | None = None) -> str:
    """``"University of Example January 2026.pdf"``: the organisation and the submission window.

    :param suffix: the file suffix with its dot, e.g. ``".pdf"``.
    :param today: used only when nobody has signed yet (the next window after it); defaults to today.
    """
    tail = " " + _window_label(submission, today)
    organisation = _FORBIDDEN.sub("-", _INVISIBLE.sub("", submission.organisation)).strip(". ")
    organisation = re.sub(r"\s+", " ", organisation).strip() or "Submission"
    room = MAX_NAME_BYTES - len((tail + suffix).encode("utf-8"))
    return sanitise_filename(_shorten(organisation, room) + tail + suffix)
