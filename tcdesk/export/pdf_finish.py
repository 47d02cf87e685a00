"""The laid-out PDF finished with pikepdf: appendices merged, their bookmarks and contents links,
metadata (document info and XMP with the PDF/UA claim), catalogue entries and the structure tree."""

from __future__ import annotations

import io
import re
from dataclasses import dataclass
from pathlib import PurePosixPath

import pikepdf
from pikepdf import Array, Dictionary, Name, OutlineItem, String

from tcdesk.errors import ExportError
from tcdesk.export.document import Document, style
from tcdesk.export.embed import attach_to_pdf
from tcdesk.export.markdown import clean_text
from tcdesk.export.pdf_reportlab import XML_ILLEGAL
from tcdesk.export.pdf_structure import write_structure
from tcdesk.export.pdf_tags import Node, Tagger
from tcdesk.model import AttachmentKind, Submission

# Longer appendix titles are shortened in the contents and the bookmarks.
MAX_TITLE = 120
# Titles PDF libraries write when their user gave none (reportlab: "untitled").
NO_TITLE = frozenset({"untitled", "anonymous", "untitled document"})


@dataclass
class Appendix:
    """An appendix PDF opened once: its pages are counted before layout and merged after it."""

    key: str
    label: str  # "Appendix 1: Staff survey 2025"
    pages: int
    pdf: pikepdf.Pdf


def _title(pdf: pikepdf.Pdf, name: str) -> str:
    """The appendix's own title (document info, else XMP), else its file name without ``.pdf``."""
    title = ""
    try:
        title = str(pdf.docinfo.get("/Title", "")).strip()
        if not title:
            with pdf.open_metadata() as meta:
                title = str(meta.get("dc:title", "") or "").strip()
    except (pikepdf.PdfError, ValueError, KeyError, TypeError, AttributeError):
        title = ""  # a damaged info dictionary is no reason to refuse the pages
    title = " ".join(clean_text(title).split())
    if not title or title.lower() in NO_TITLE:
        path = PurePosixPath(name)
        title = path.stem if path.suffix.lower() == ".pdf" else name
    return title if len(title) <= MAX_TITLE else title[: MAX_TITLE - 1].rstrip() + "…"


def read_appendices(submission: Submission) -> list[Appendix]:
    """Every appendix attachment opened, in list order.

    :raises ExportError: naming the appendix that is not a readable PDF or has no pages.
    """
    out = []
    items = [a for a in submission.attachments if a.kind == AttachmentKind.APPENDIX]
    for n, attachment in enumerate(items, start=1):
        try:
            pdf = pikepdf.open(io.BytesIO(attachment.data))
            pages = len(pdf.pages)
        except (pikepdf.PdfError, pikepdf.PasswordError, ValueError, KeyError, TypeError) as exc:
            raise ExportError(f"appendix {attachment.name!r} is not a readable PDF: {exc}") from exc
        if pages == 0:
            raise ExportError(f"appendix {attachment.name!r} is not a readable PDF: it has no pages")
        out.append(Appendix(f"appendix-{n}", f"Appendix {n}: {_title(pdf, attachment.name)}", pages, pdf))
    return out


def _pdf_date(document: Document) -> str:
    return document.exported.strftime("D:%Y%m%d%H%M%SZ")


# The XMP packet pikepdf writes (pikepdf.models.metadata: XPACKET_BEGIN, XMP_EMPTY with one
# rdf:Description, XPACKET_END), and each property as lxml serialises it there.
_XMP_HEAD = ('<?xpacket begin="\ufeff" id="W5M0MpCehiHzreSzNTczkc9d"?>\n'
             '<x:xmpmeta xmlns:x="adobe:ns:meta/" x:xmptk="pikepdf">\n'
             ' <rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#">\n'
             ' <rdf:Description rdf:about="">')
_XMP_TAIL = '</rdf:Description></rdf:RDF>\n</x:xmpmeta>\n\n<?xpacket end="w"?>\n'
_NAMESPACES = {"dc": "http://purl.org/dc/elements/1.1/", "pdf": "http://ns.adobe.com/pdf/1.3/",
               "xmp": "http://ns.adobe.com/xap/1.0/", "pdfuaid": "http://www.aiim.org/pdfua/ns/id/"}
_XML_ILLEGAL = re.compile(XML_ILLEGAL)


def _element(tag: str, text: str, attributes: str = "", text_given: bool = False) -> str:
    """``<tag attributes>text</tag>`` with the text as pikepdf cleans it and lxml escapes it. pikepdf
    gives a property its text even when cleaning left none (``<tag></tag>``), a list item none (``<tag/>``)."""
    text = _XML_ILLEGAL.sub("", text)
    if not text:
        return f"<{tag}{attributes}></{tag}>" if text_given else f"<{tag}{attributes}/>"
    escaped = text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\r", "&#13;")
    return f"<{tag}{attributes}>{escaped}</{tag}>"


def _property(name: str, inner: str) -> str:
    prefix = name.split(":")[0]
    return f'<{name} xmlns:{prefix}="{_NAMESPACES[prefix]}">{inner}</{name}>'


def xmp_packet(title: str, author: str, subject: str, language: str, stamp: str) -> bytes:
    """The XMP metadata pikepdf's ``open_metadata`` writes when these properties are set on a PDF
    without any (tests/export/test_pdf_finish.py holds the two to each other), without loading
    lxml and pikepdf's XMP support for a dozen elements (~10 ms)."""

    def alt(text: str) -> str:
        return "<rdf:Alt>" + _element("rdf:li", text, ' xml:lang="x-default"') + "</rdf:Alt>"

    def listed(kind: str, items: list[str]) -> str:
        inner = "".join(_element("rdf:li", item) for item in items)
        return f"<rdf:{kind}>{inner}</rdf:{kind}>" if inner else f"<rdf:{kind}/>"

    def simple(name: str, text: str) -> str:
        prefix = name.split(":")[0]
        return _element(name, text, f' xmlns:{prefix}="{_NAMESPACES[prefix]}"', text_given=True)

    body = (_property("dc:title", alt(title)) + _property("dc:creator", listed("Seq", [author] if author else []))
            + _property("dc:description", alt(subject)) + _property("dc:language", listed("Bag", [language]))
            + simple("pdf:Producer", "tcdesk") + simple("xmp:CreatorTool", "tcdesk")
            + "".join(simple(name, stamp) for name in ("xmp:CreateDate", "xmp:ModifyDate", "xmp:MetadataDate"))
            + simple("pdfuaid:part", "1"))
    return (_XMP_HEAD + body + _XMP_TAIL).encode("utf-8")


def _metadata(pdf: pikepdf.Pdf, document: Document) -> None:
    language = style()["pdf"].get("language", "en-GB")
    info = {"/Title": document.file_title, "/Author": document.author, "/Subject": document.subject,
            "/Creator": "tcdesk", "/Producer": "tcdesk", "/CreationDate": _pdf_date(document),
            "/ModDate": _pdf_date(document)}
    pdf.trailer.Info = pdf.make_indirect(Dictionary({k: String(v) for k, v in info.items()}))
    stamp = document.exported.isoformat().replace("+00:00", "Z")
    metadata = pikepdf.Stream(pdf, xmp_packet(document.file_title, document.author, document.subject, language, stamp))
    root = pdf.Root
    root.Metadata = metadata
    metadata.Type = Name.Metadata
    metadata.Subtype = Name.XML
    root.Lang = String(language)
    root.ViewerPreferences = Dictionary(DisplayDocTitle=True)
    root.PageMode = Name.UseOutlines


LinkSlot = tuple[int, int, tuple[float, float, float, float], Node]


def _merge(pdf: pikepdf.Pdf, appendices: list[Appendix], link_slots: list[LinkSlot]) -> list[tuple[Node, pikepdf.Object]]:
    """Append the appendices; returns the contents links to them, made here, with their Link elements."""
    first = len(pdf.pages)
    starts = []
    for appendix in appendices:
        starts.append(len(pdf.pages))
        pdf.pages.extend(appendix.pdf.pages)
    if not appendices:
        return []
    with pdf.open_outline() as outline:
        for appendix, start in zip(appendices, starts, strict=True):
            outline.root.append(OutlineItem(appendix.label, start))
    links: list[tuple[Node, pikepdf.Object]] = []
    for page, target, rect, node in link_slots:
        if target < first:
            continue
        assert node.annotation is not None, "a contents link carries its annotation text"
        annot = pdf.make_indirect(Dictionary(
            Type=Name.Annot, Subtype=Name.Link, Rect=Array(rect), Border=Array([0, 0, 0]),
            Dest=Array([pdf.pages[target].obj, Name.XYZ, 0, pdf.pages[target].mediabox[3], 0]),
            Contents=String(node.annotation[1]),
        ))
        page_obj = pdf.pages[page].obj
        if "/Annots" not in page_obj:
            page_obj.Annots = Array()
        page_obj.Annots.append(annot)
        links.append((node, annot))
    return links


def finish(main: bytes, document: Document, appendices: list[Appendix], link_slots: list[LinkSlot],
           tagger: Tagger) -> bytes:
    """The submitted file: ``main`` (reportlab's pages) with the appendices, structure and metadata."""
    pdf = pikepdf.open(io.BytesIO(main))
    first = drawn = len(pdf.pages)
    try:
        links = _merge(pdf, appendices, link_slots)
    except (pikepdf.PdfError, ValueError, KeyError, TypeError) as exc:
        raise ExportError(f"an appendix could not be merged: {exc}") from exc
    spans = []
    for appendix in appendices:
        spans.append((appendix.label, first, appendix.pages))
        first += appendix.pages
    write_structure(pdf, tagger, links, spans)
    _metadata(pdf, document)
    attach_to_pdf(pdf, document, drawn)
    out = io.BytesIO()
    # The file identifier is a hash of the content, so equal exports are equal bytes. The XMP metadata
    # has no pdf:PDFVersion for pikepdf to keep in step with the file's version, so it is not parsed again.
    pdf.save(out, deterministic_id=True, object_stream_mode=pikepdf.ObjectStreamMode.generate,
             fix_metadata_version=False)
    return out.getvalue()
