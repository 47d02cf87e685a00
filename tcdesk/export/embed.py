"""The submission's own data, carried inside the DOCX and PDF files tcdesk exports.

An export shows the submission as laid-out text; reading that text back (``tcdesk import``,
``tcdesk check`` of the file) has to guess headings, tables and formatting, and costs most of the
time of a reviewer's batch. So each export also carries the data it was made from, as the
interchange JSON, together with a fingerprint of what the export drew. A reader uses the data
only while the fingerprint still matches: a file edited in Word or Acrobat afterwards, or
re-saved by another program, is read from its text as before.

Only what the export shows is carried: answers of the template's questions, the plans' shown
columns, the cover and the sign-off, and the figures the answers show. Last cycle's answers, the
file the renewal started from and appendix files (already pages of the PDF) are left out.

The fingerprint guards against accidental change, not against forgery: anyone can compute it.
"""

from __future__ import annotations

import base64
import dataclasses
import hashlib
import json
import zlib
from collections.abc import Callable, Iterable, Iterator
from typing import TYPE_CHECKING, Any

from tcdesk import interchange
from tcdesk.model import AttachmentKind, Submission

if TYPE_CHECKING:
    import pikepdf

    from tcdesk.export.document import Document

FORMAT = "tcdesk-embedded"
VERSION = 1
# The PDF's attachment (a reader's "Attachments" pane lists it under this name) and the DOCX part.
ATTACHMENT_NAME = "tcdesk-submission.json"
DESCRIPTION = "The submission's data, so that tcdesk can read this file back exactly"
PART_NAME = "/tcdesk/submission.json"
RELATIONSHIP = "urn:tcdesk:relationship:submission"
MEDIA_TYPE = "application/json"
# Larger page contents are not something tcdesk wrote: the reader falls back to the text.
MAX_PAGE_CONTENT = 64 * 1024 * 1024


def published(document: Document) -> Submission:
    """The part of ``document.submission`` its export shows, as a submission of its own."""
    from tcdesk.export.document import columns

    sub = document.submission
    shown_questions = {q.number for q in document.questions}
    answers = {n: text for n, text in sub.answers.items() if n in shown_questions}
    referenced = {name for q in document.questions for name in _figures(q.answer)}
    webpage = any(q.kind == "webpage" for q in document.questions)
    return dataclasses.replace(
        sub,
        answers=answers,
        leads=[dataclasses.replace(lead) for lead in sub.leads],
        previous_plan=dataclasses.replace(sub.previous_plan, actions=_shown(sub.previous_plan.actions, columns("previous")[0])),
        new_plan=dataclasses.replace(sub.new_plan, actions=_shown(sub.new_plan.actions, columns("new")[0])),
        attachments=[a for a in sub.attachments if a.kind == AttachmentKind.FIGURE and a.name in referenced],
        webpage_url=sub.webpage_url if webpage else "",
        last_time={},
        renewed_from="",
    )


def _figures(blocks: list[Any]) -> Iterator[str]:
    """The attachment names of the figures among ``blocks``, as the export parsed and shows them."""
    from tcdesk.export.markdown import Figure, ListBlock, Quote

    for block in blocks:
        if isinstance(block, Figure) and block.attachment_name is not None:
            yield block.attachment_name
        elif isinstance(block, Quote):
            yield from _figures(block.blocks)
        elif isinstance(block, ListBlock):
            for item in block.items:
                yield from _figures(item)


# Fields every table shows without a column of their own: the pillar is the table's caption, and
# the id is what ties an action to itself across files (it is not text the user wrote).
_ALWAYS = frozenset({"pillar", "id"})


def _shown(actions: list[Any], shown_fields: Iterable[Any]) -> list[Any]:
    """Copies of ``actions`` with every field the plan's tables do not show set to its default."""
    names = {f.name for f in shown_fields} | _ALWAYS
    return [dataclasses.replace(action, **{
        f.name: f.default_factory() if f.default_factory is not dataclasses.MISSING else f.default
        for f in dataclasses.fields(action) if f.name not in names}) for action in actions]


def payload(document: Document, drawn: str, drawn_pages: int = 0) -> bytes:
    """What is stored in the file: the shown submission as interchange text, and a fingerprint of it
    together with ``drawn`` (the digest of what the export drew, :func:`package_fingerprint` or
    :func:`pdf_fingerprint`), so that a change to either is seen."""
    # Compact: the C encoder writes it (an indented dump takes Python's, ~4× slower).
    text = json.dumps(interchange.to_dict(published(document)), ensure_ascii=False, separators=(",", ":"))
    data: dict[str, Any] = {"format": FORMAT, "version": VERSION}
    if drawn_pages:
        data["pages"] = drawn_pages
    data["fingerprint"] = fingerprint(drawn, text)
    data["submission"] = text
    return json.dumps(data, ensure_ascii=False, separators=(",", ":")).encode("utf-8")


def fingerprint(drawn: str, text: str) -> str:
    return hashlib.sha256(drawn.encode("ascii") + b"\0" + text.encode("utf-8")).hexdigest()


def package_fingerprint(names: Iterable[str], read: Callable[[str], bytes]) -> str:
    """SHA-256 over a DOCX package's members (name and bytes, by name), the carried part left out;
    ``read`` gives a member's bytes, one at a time, so a reader holds one member in memory."""
    digest = hashlib.sha256()
    own = PART_NAME.lstrip("/")
    for name in sorted(n for n in names if n != own):
        blob = read(name)
        digest.update(b"%d:%s\0%d:" % (len(name), name.encode("utf-8"), len(blob)))
        digest.update(blob)
    return digest.hexdigest()


class NotDrawnByTcdeskError(Exception):
    """A page's content that tcdesk would not have written (an unknown filter, too large)."""


def pdf_fingerprint(pdf: pikepdf.Pdf, drawn_pages: int, *, ours: bool = False) -> str:
    """SHA-256 over the content of the first ``drawn_pages`` pages (those tcdesk laid out, before
    any appendix) and the document's page count, the content decoded so that re-compressing it
    does not count as a change. ``ours``: the PDF is the one being exported, so qpdf's own
    decoders may be used (they have no size bound, and reportlab's ASCII85 is slow in Python).

    :raises NotDrawnByTcdeskError: a page's content is not one tcdesk writes, or decodes too large.
    """
    import pikepdf

    digest = hashlib.sha256(b"pages:%d/%d\0" % (drawn_pages, len(pdf.pages)))
    budget = MAX_PAGE_CONTENT
    for page in pdf.pages[:drawn_pages]:
        contents = page.obj.get("/Contents")
        streams = list(contents) if isinstance(contents, pikepdf.Array) else [contents]
        for stream in streams:
            if not isinstance(stream, pikepdf.Stream):
                raise NotDrawnByTcdeskError("a page without a content stream")
            data = stream.read_bytes() if ours else decoded(stream, budget)
            budget -= len(data)
            digest.update(b"%d:" % len(data))
            digest.update(data)
    return digest.hexdigest()


def decoded(stream: pikepdf.Stream, limit: int) -> bytes:
    """The stream's bytes through its ASCII85 and Flate filters (the ones tcdesk's writers use),
    refused beyond ``limit`` bytes."""
    import pikepdf

    filters = stream.get("/Filter")
    chain = [] if filters is None else list(filters) if isinstance(filters, pikepdf.Array) else [filters]
    if stream.get("/DecodeParms") is not None:
        raise NotDrawnByTcdeskError("a content stream with decoding parameters")
    data = stream.read_raw_bytes()
    for name in chain:
        if name == pikepdf.Name.ASCII85Decode:
            try:
                data = base64.a85decode(data.rstrip().removesuffix(b"~>"), ignorechars=b" \t\n\r\x0b\x0c")
            except ValueError as exc:
                raise NotDrawnByTcdeskError(f"a damaged content stream ({exc})") from exc
        elif name == pikepdf.Name.FlateDecode:
            try:
                data = zlib.decompressobj().decompress(data, limit + 1)
            except zlib.error as exc:
                raise NotDrawnByTcdeskError(f"a damaged content stream ({exc})") from exc
        else:
            raise NotDrawnByTcdeskError(f"a content stream filtered with {name}")
        if len(data) > limit:
            break
    if len(data) > limit:
        raise NotDrawnByTcdeskError("a stream larger than tcdesk writes")
    return data


def attach_to_pdf(pdf: pikepdf.Pdf, document: Document, drawn_pages: int) -> None:
    """Attach the carried data to ``pdf``, whose first ``drawn_pages`` pages tcdesk laid out."""
    import pikepdf

    data = payload(document, pdf_fingerprint(pdf, drawn_pages, ours=True), drawn_pages)
    spec = pikepdf.AttachedFileSpec(pdf, data, description=DESCRIPTION, filename=ATTACHMENT_NAME,
                                    mime_type=MEDIA_TYPE, relationship=pikepdf.Name.Data)
    pdf.attachments[ATTACHMENT_NAME] = spec
