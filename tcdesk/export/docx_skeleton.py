"""What python-docx contributes to every Word export, made once and shipped: the skeleton.

python-docx's import, the parse of its default template (a 440 KB style sheet among others), the
style set-up and writing the unchanged parts back out cost an export more than laying out its
body. None of it depends on the submission: it depends on python-docx's template and on
``resources/export-style.yaml`` only. So :func:`build` runs python-docx once, with placeholders
where the submission's words go (organisation, title, dates), and keeps every part as the bytes
python-docx writes; an export fills the placeholders in and adds its body (:mod:`tcdesk.export.docx`).

The skeleton ships as ``resources/templates/docx-skeleton.zip`` (``python -m tcdesk.export.docx_skeleton``
writes it). It records the digest of the style file it was made from; when that file has changed
since, :func:`load` builds the skeleton again in memory, so an export is never out of date, only
slower. A test holds the shipped file to what python-docx builds.
"""

from __future__ import annotations

import functools
import io
import json
import struct
import sys
import zipfile
import zlib
from datetime import datetime
from pathlib import Path
from typing import Any

try:  # CPython's own SHA-256 (3.11): hashlib would load OpenSSL for one digest
    from _sha256 import sha256  # type: ignore[import-not-found]
except ImportError:  # other versions and interpreters: the same digest from hashlib
    from hashlib import sha256

from tcdesk.paths import resource

SKELETON_FILE = ("templates", "docx-skeleton.zip")
META = "skeleton.json"
FORMAT = 1  # bump when the meaning of the metadata changes

# Stand-ins for the submission's words: plain letters, so python-docx writes them as they are.
TITLE, AUTHOR, SUBJECT = "tcdeskSkeletonTitle", "tcdeskSkeletonAuthor", "tcdeskSkeletonSubject"
ORGANISATION = "tcdeskSkeletonOrganisation"
CREATED = datetime(1901, 2, 3, 4, 5, 6)
CREATED_TEXT = "1901-02-03T04:05:06Z"
FOOTER_TEXT = "    Page "  # after the organisation, in the footer's first run

TABLE_TEXT = "Table Text"
CONTENTS_HEADING = "TOC Heading"
LIST_STYLES = ("List Bullet", "List Bullet 2", "List Bullet 3", "List Number", "List Number 2", "List Number 3",
               "List Continue", "List Continue 2", "List Continue 3")

# The parts that come out of python-docx as they are, whatever the submission.
DOCUMENT, DOCUMENT_RELS = "word/document.xml", "word/_rels/document.xml.rels"
HEADER, FOOTER, CORE, NUMBERING = "word/header1.xml", "word/footer1.xml", "docProps/core.xml", "word/numbering.xml"
CONTENT_TYPES, PACKAGE_RELS, APP = "[Content_Types].xml", "_rels/.rels", "docProps/app.xml"


class Skeleton:
    """python-docx's parts with the export's style applied, and what the body writer needs to know of them.

    (A plain class: making a dataclass of this many fields costs an export a few milliseconds.)
    """

    members: dict[str, bytes]  # every member python-docx saves for a document without a body, by name
    order: list[str]  # member names in python-docx's order; pictures go after ``pictures_after``
    pictures_after: str
    style_ids: dict[str, str]  # style name -> id (the first style of a name, as python-docx finds it)
    list_abstract: dict[str, int | None]  # list style -> its abstract numbering
    num_ids: list[int]  # the numbering instances the template has
    body_open: str  # document.xml up to and including ``<w:body>``
    body_close: str  # after the final section properties
    sect_attrs: str  # the final section properties' own attributes
    sect_refs: str  # the header and footer references of the first section
    page_portrait: str  # ``w:pgSz`` of a portrait page, and of a landscape one
    page_landscape: str
    sect_rest: str  # margins, columns and grid
    width_portrait: int  # EMU between the margins
    width_landscape: int
    style_digest: str
    # Members as the skeleton file holds them deflated, (CRC, stream), when this machine's zlib
    # deflates as the one that made the file did: an export copies them instead of compressing again.
    deflated: dict[str, tuple[int, bytes]]

    def __init__(self, members: dict[str, bytes], deflated: dict[str, tuple[int, bytes]], meta: dict[str, Any]) -> None:
        self.members, self.deflated, self._meta = members, deflated, meta
        self.__dict__.update(meta)

    def __eq__(self, other: object) -> bool:
        """The same parts and facts (how they are stored deflated aside)."""
        return isinstance(other, Skeleton) and (self.members, self._meta) == (other.members, other._meta)

    __hash__ = None  # type: ignore[assignment]


def style_digest() -> str:
    return sha256(resource("export-style.yaml").read_bytes()).hexdigest()


@functools.cache
def load() -> Skeleton:
    """The shipped skeleton, or one built now when the style file or the format changed since it was made."""
    digest = style_digest()
    try:
        found = read(resource(*SKELETON_FILE).read_bytes())
    except (OSError, KeyError, ValueError, zipfile.BadZipFile):
        found = None
    if found is not None and found.style_digest == digest:
        return found
    built = read(build())
    if built is None:
        raise AssertionError("build() writes the current format")
    return built


def read(data: bytes) -> Skeleton | None:
    """The skeleton in ``data`` (:func:`build`'s bytes), or ``None`` when it has another format."""
    with zipfile.ZipFile(io.BytesIO(data)) as z:
        meta = json.loads(z.read(META))
        if meta.pop("format", None) != FORMAT:
            return None
        members = {name: z.read(name) for name in meta["order"] if name in z.namelist()}
        deflated = {info.filename: (info.CRC, _stream(data, info)) for info in z.infolist()
                    if info.filename in members and info.compress_type == zipfile.ZIP_DEFLATED}
    if PROBE not in deflated or deflate(members[PROBE]) != deflated[PROBE]:
        deflated = {}
    return Skeleton(members, deflated, meta)


PROBE = "word/theme/theme1.xml"  # 11 KB of XML: another zlib would very likely deflate it otherwise


def deflate(blob: bytes) -> tuple[int, bytes]:
    """(CRC, deflate stream) of ``blob`` as :mod:`zipfile` writes a ``ZIP_DEFLATED`` member."""
    compressor = zlib.compressobj(zlib.Z_DEFAULT_COMPRESSION, zlib.DEFLATED, -15)
    return zlib.crc32(blob), compressor.compress(blob) + compressor.flush()


def _stream(data: bytes, info: zipfile.ZipInfo) -> bytes:
    """A member's stored (compressed) bytes, read after its local header."""
    name_length, extra_length = struct.unpack_from("<HH", data, info.header_offset + 26)
    start = info.header_offset + 30 + name_length + extra_length
    return data[start : start + info.compress_size]


def setup(word, organisation: str, title: str, author: str, subject: str, created: datetime) -> dict[str, Any]:
    """python-docx's document ``word`` set up as every export is: styles, page, header and footer,
    properties; the styles by name (the first of a name, as python-docx finds it)."""
    from docx.enum.style import WD_STYLE_TYPE
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn
    from docx.shared import Mm, Pt, RGBColor

    from tcdesk.export.document import style

    look = style()
    styles_by_name: dict[str, Any] = {}
    for found in word.styles:
        styles_by_name.setdefault(found.name, found)  # the first of a name, as python-docx finds it
    sizes, colours = look["sizes"], look["colours"]
    normal = styles_by_name["Normal"]
    normal.font.name = look["docx"]["font"]
    normal.font.size = Pt(sizes["body"])
    for name, key in (("Title", "title"), ("Subtitle", "subtitle"), ("Heading 1", "heading1"),
                      ("Heading 2", "heading2"), ("Heading 3", "heading3")):
        s = styles_by_name[name]
        s.font.size = Pt(sizes[key])
        s.font.color.rgb = RGBColor.from_string(colours["heading"].lstrip("#").upper())
    for name in LIST_STYLES:
        styles_by_name[name].paragraph_format.space_after = Pt(2)  # lists read as lists, not as prose
    table_text = word.styles.add_style(TABLE_TEXT, WD_STYLE_TYPE.PARAGRAPH)
    styles_by_name[TABLE_TEXT] = table_text
    table_text.base_style = normal
    table_text.font.size = Pt(sizes["table"])
    table_text.paragraph_format.space_after = Pt(0)
    margins = look["page"]["margins_mm"]
    section = word.sections[0]
    section.page_width, section.page_height = Mm(210), Mm(297)
    section.top_margin, section.bottom_margin = Mm(margins["top"]), Mm(margins["bottom"])
    section.left_margin, section.right_margin = Mm(margins["left"]), Mm(margins["right"])
    header = section.header.paragraphs[0]
    header.text = organisation
    footer = section.footer.paragraphs[0]
    footer.add_run(organisation + FOOTER_TEXT)
    _field(footer, "PAGE")
    footer.add_run(" of ")
    _field(footer, "NUMPAGES")
    for p in (header, footer):
        for run in p.runs:
            run.font.size = Pt(sizes["footer"])
    props = word.core_properties
    props.title, props.author, props.subject = title, author, subject
    props.created = props.modified = created
    props.last_modified_by, props.revision = "tcdesk", 1
    props.language = look["pdf"].get("language", "en-GB")
    props.comments = ""
    _proofing_language(word, props.language)
    # Word's own "TOC Heading": looks like Heading 1 but is body text, so the contents do not list it.
    contents = styles_by_name[CONTENTS_HEADING]
    contents.base_style = styles_by_name["Heading 1"]
    ppr = contents.element.get_or_add_pPr()
    if ppr.find(qn("w:outlineLvl")) is None:
        level = OxmlElement("w:outlineLvl")
        level.set(qn("w:val"), "9")
        ppr.append(level)
    # Word refreshes fields (the contents, PAGE, NUMPAGES) when it opens the file.
    settings = word.settings.element
    update = settings.find(qn("w:updateFields"))
    if update is None:
        update = OxmlElement("w:updateFields")
        settings.append(update)
    update.set(qn("w:val"), "true")
    return styles_by_name


def build() -> bytes:
    """The skeleton made with python-docx now, as the bytes of ``docx-skeleton.zip``."""
    import docx
    from docx.enum.section import WD_ORIENT
    from docx.opc.pkgwriter import _ContentTypesItem
    from docx.oxml.ns import qn

    from tcdesk.export.docx_blocks import text_width

    word = docx.Document()
    styles_by_name = setup(word, ORGANISATION, TITLE, AUTHOR, SUBJECT, CREATED)
    section = word.sections[0]
    numbering = word.part.numbering_part.element
    list_abstract: dict[str, int | None] = {}
    for name in LIST_STYLES:
        num_pr = styles_by_name[name].element.find(qn("w:pPr") + "/" + qn("w:numPr"))
        num_id = None if num_pr is None or num_pr.find(qn("w:numId")) is None else num_pr.find(qn("w:numId")).get(qn("w:val"))
        base = next((n for n in numbering.findall(qn("w:num")) if n.get(qn("w:numId")) == num_id), None)
        list_abstract[name] = None if base is None else int(base.find(qn("w:abstractNumId")).get(qn("w:val")))

    package = word.part.package
    parts = list(package.parts)
    for part in parts:
        part.before_marshal()
    members = {CONTENT_TYPES: _ContentTypesItem.from_parts(parts).blob, PACKAGE_RELS: package.rels.xml}
    for part in parts:
        members[part.partname.membername] = part.blob
        if len(part.rels):
            members[part.partname.rels_uri.membername] = part.rels.xml

    document = members[DOCUMENT].decode("utf-8")
    opening = document.index("<w:body>") + len("<w:body>")
    sect_start = document.index("<w:sectPr", opening)
    sect_close = document.index("</w:sectPr>", sect_start) + len("</w:sectPr>")
    if document[opening:sect_start]:
        raise ValueError("python-docx's template has a body of its own")
    sect = document[sect_start:sect_close]
    attrs_end = sect.index(">")
    refs_end = sect.index("<w:pgSz")
    page_end = sect.index("/>", refs_end) + 2
    portrait = sect[refs_end:page_end]
    width_portrait = text_width(section)
    # A landscape section as python-docx's orientation and page size setters write it (the
    # exporter's section breaks swap the sides the same way).
    section.orientation = WD_ORIENT.LANDSCAPE
    section.page_width, section.page_height = section.page_height, section.page_width
    width_landscape = text_width(section)
    turned = word.part.blob.decode("utf-8")
    landscape_start = turned.index("<w:pgSz", turned.index("<w:body>"))
    landscape = turned[landscape_start : turned.index("/>", landscape_start) + 2]
    order = list(members)
    meta = {
        "format": FORMAT,
        "order": order,
        "pictures_after": FOOTER,  # pictures are related after the header and footer, so they follow them
        "style_ids": {name: s.style_id for name, s in styles_by_name.items()},
        "list_abstract": list_abstract,
        "num_ids": sorted(int(n) for n in numbering.xpath("./w:num/@w:numId")),
        "body_open": document[:opening],
        "body_close": document[sect_close:],
        "sect_attrs": sect[len("<w:sectPr"):attrs_end],
        "sect_refs": sect[attrs_end + 1 : refs_end],
        "page_portrait": portrait,
        "page_landscape": landscape,
        "sect_rest": sect[page_end : -len("</w:sectPr>")],
        "width_portrait": width_portrait,
        "width_landscape": width_landscape,
        "style_digest": style_digest(),
    }
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as z:
        for name in order:
            z.writestr(zipfile.ZipInfo(name, date_time=(1980, 1, 1, 0, 0, 0)), members[name], zipfile.ZIP_DEFLATED)
        z.writestr(zipfile.ZipInfo(META, date_time=(1980, 1, 1, 0, 0, 0)),
                   json.dumps(meta, ensure_ascii=False, indent=0, sort_keys=True), zipfile.ZIP_DEFLATED)
    return out.getvalue()


def _field(paragraph, instruction: str) -> None:
    """A complex field (PAGE, NUMPAGES) that Word and LibreOffice update when they lay out pages; "1" until then."""
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    def char(kind: str) -> None:
        el = OxmlElement("w:fldChar")
        el.set(qn("w:fldCharType"), kind)
        paragraph.add_run()._r.append(el)

    char("begin")
    instr = OxmlElement("w:instrText")
    instr.set(qn("xml:space"), "preserve")
    instr.text = f" {instruction} "
    paragraph.add_run()._r.append(instr)
    char("separate")
    paragraph.add_run("1")  # shown until the reader updates the field
    char("end")


def _proofing_language(word, language: str) -> None:
    """Every ``w:lang`` of the styles (and the document default) set to ``language`` for spelling and reading."""
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    styles = word.styles.element
    defaults = styles.find(qn("w:docDefaults") + "/" + qn("w:rPrDefault") + "/" + qn("w:rPr"))
    holders = [defaults] if defaults is not None else []
    holders += [s.get_or_add_rPr() for s in styles.findall(qn("w:style")) if s.get(qn("w:type")) in ("paragraph", "character")]
    for rpr in holders:
        lang = rpr.find(qn("w:lang"))
        if lang is None:
            lang = OxmlElement("w:lang")
            rpr.append(lang)
        lang.set(qn("w:val"), language)  # East Asian and right-to-left text keep their own languages


def main(argv: list[str] | None = None) -> int:
    target = Path(argv[0]) if argv else resource(*SKELETON_FILE)
    target.write_bytes(build())
    print(target)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
