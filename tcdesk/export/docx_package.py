"""The Word file put together from the skeleton (:mod:`tcdesk.export.docx_skeleton`) and the export's own parts.

What python-docx would add for an export (hyperlink and picture relationships, picture parts, list
numbering, the filled-in header, footer and properties) is written here the way python-docx writes
it, as the text lxml serialises for python-docx's parts (see :mod:`tcdesk.export.docx_xml`), so the
file is python-docx's, byte for byte, with neither python-docx nor lxml loaded
(``tests/export/test_docx_package.py`` holds each piece to python-docx's own result).
"""

from __future__ import annotations

import hashlib
import re
import struct
import zipfile
from collections.abc import Callable
from datetime import datetime
from typing import NamedTuple

from tcdesk.export import docx_skeleton as skeleton
from tcdesk.export import docx_xml as wml

RT_HYPERLINK = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/hyperlink"
RT_IMAGE = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/image"
FIXED_ZIP_TIME = (1980, 1, 1, 0, 0, 0)
_RID = re.compile(r'Id="rId(\d+)"')
_PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"
EMU_PER_INCH = 914400


def attribute(value: str) -> str:
    """``value`` as lxml writes an attribute value (in double quotes, tabs and line ends as references).

    :raises ValueError: for a character XML cannot hold, as lxml does.
    """
    wml.check_xml(value)
    return wml.escape(value)


def element_text(value: str) -> str:
    """``value`` as lxml writes an element's text.

    :raises ValueError: for a character XML cannot hold, as lxml does.
    """
    wml.check_xml(value)
    return wml.escape_text(value)


class Relationships:
    """A part's relationships as python-docx keeps them: a link or part already related keeps its rId,
    a new one takes the lowest free ``rIdN``."""

    def __init__(self, xml: bytes) -> None:
        self._xml = xml.decode("utf-8")
        self._used = {int(n) for n in _RID.findall(self._xml)}
        self._found: dict[tuple[str, str, bool], str] = {}
        self._added: list[str] = []

    def relate_to(self, target: str, reltype: str, is_external: bool = False) -> str:
        key = (reltype, target, is_external)
        if key not in self._found:
            n = next(n for n in range(1, len(self._used) + 2) if n not in self._used)
            self._used.add(n)
            rid = f"rId{n}"
            mode = ' TargetMode="External"' if is_external else ""
            self._added.append(f'<Relationship Id="{rid}" Type="{attribute(reltype)}" Target="{attribute(target)}"{mode}/>')
            self._found[key] = rid
        return self._found[key]

    @property
    def xml(self) -> bytes:
        if not self._added:
            return self._xml.encode("utf-8")
        end = self._xml.rindex("</Relationships>")
        return (self._xml[:end] + "".join(self._added) + self._xml[end:]).encode("utf-8")


class ImageInfo(NamedTuple):
    """What python-docx reads from an image's header: its size in pixels and dots per inch, type and extension."""

    px_width: int
    px_height: int
    horz_dpi: int
    vert_dpi: int
    content_type: str
    ext: str
    default: bool = True  # its content type goes by extension ("Default"), not by part name ("Override")

    @property
    def width(self) -> int:
        return int(self.px_width / self.horz_dpi * EMU_PER_INCH)

    @property
    def height(self) -> int:
        return int(self.px_height / self.vert_dpi * EMU_PER_INCH)

    def scaled(self, width: int | None) -> tuple[int, int]:
        """(cx, cy) in EMU, as python-docx's ``Image.scaled_dimensions(width)`` gives them."""
        if width is None:
            return self.width, self.height
        return width, round(self.height * (float(width) / float(self.width)))


def image_info(blob: bytes) -> ImageInfo:
    """The image's :class:`ImageInfo`; a PNG is read here, other kinds by python-docx.

    :raises Exception: python-docx's own error for what it cannot read as an image.
    """
    png = _png_info(blob)
    if png is not None:
        return png
    from docx.image.image import Image
    from docx.opc.spec import default_content_types

    image = Image.from_blob(blob)
    return ImageInfo(image.px_width, image.px_height, image.horz_dpi, image.vert_dpi, image.content_type, image.ext,
                     (image.ext.lower(), image.content_type) in default_content_types)


def _png_info(blob: bytes) -> ImageInfo | None:
    """A PNG's size and resolution as python-docx's PNG header parser reads them (IHDR, and pHYs when
    present and in metres), or ``None`` for anything else or anything unusual, left to python-docx."""
    if not blob.startswith(_PNG_SIGNATURE):
        return None
    offset, size, dpi = 8, None, None
    while offset + 8 <= len(blob):
        length, kind = struct.unpack_from(">L4s", blob, offset)
        data = offset + 8
        if data + length > len(blob):
            return None
        if kind == b"IHDR" and size is None and length >= 8:
            size = struct.unpack_from(">LL", blob, data)
        elif kind == b"pHYs" and dpi is None and length >= 9:
            horz, vert, units = struct.unpack_from(">LLB", blob, data)
            dpi = (_dpi(units, horz), _dpi(units, vert))
        elif kind == b"IEND":
            break
        offset = data + length + 4
    else:
        return None
    if size is None or not size[0] or not size[1]:
        return None
    horz_dpi, vert_dpi = dpi or (72, 72)
    return ImageInfo(size[0], size[1], horz_dpi, vert_dpi, "image/png", "png")


def _dpi(units: int, px_per_unit: int) -> int:
    if units == 1 and px_per_unit:
        return round(px_per_unit * 0.0254)
    return 72


def picture_xml(shape_id: int, rid: str, filename: str, cx: int, cy: int, descr: str) -> str:
    """A ``w:p`` holding one inline picture, as python-docx's ``add_paragraph().add_run().add_picture()`` writes it."""
    return (f'<w:p><w:r><w:drawing><wp:inline xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main" '
            f'xmlns:pic="http://schemas.openxmlformats.org/drawingml/2006/picture"><wp:extent cx="{cx}" cy="{cy}"/>'
            f'<wp:docPr id="{shape_id}" name="Picture {shape_id}" descr="{attribute(descr)}"/><wp:cNvGraphicFramePr>'
            '<a:graphicFrameLocks noChangeAspect="1"/></wp:cNvGraphicFramePr><a:graphic>'
            '<a:graphicData uri="http://schemas.openxmlformats.org/drawingml/2006/picture"><pic:pic><pic:nvPicPr>'
            f'<pic:cNvPr id="0" name="{attribute(filename)}"/><pic:cNvPicPr/></pic:nvPicPr><pic:blipFill>'
            f'<a:blip r:embed="{rid}"/><a:stretch><a:fillRect/></a:stretch></pic:blipFill><pic:spPr><a:xfrm>'
            f'<a:off x="0" y="0"/><a:ext cx="{cx}" cy="{cy}"/></a:xfrm><a:prstGeom prst="rect"/></pic:spPr></pic:pic>'
            "</a:graphicData></a:graphic></wp:inline></w:drawing></w:r></w:p>")


class ListNumbering:
    """Numbering instances (``w:num``) for lists that count from their own start.

    Each takes the lowest number no ``w:num`` has yet, as python-docx's ``add_num`` does.
    """

    def __init__(self, taken: list[int]) -> None:
        self._taken = set(taken)
        self._nums: list[str] = []

    def add(self, abstract_num: int, start: int) -> int:
        num_id = next(n for n in range(1, len(self._taken) + 2) if n not in self._taken)
        self._taken.add(num_id)
        self._nums.append(f'<w:num w:numId="{num_id}"><w:abstractNumId w:val="{abstract_num}"/>'
                          f'<w:lvlOverride w:ilvl="0"><w:startOverride w:val="{start}"/></w:lvlOverride></w:num>')
        return num_id

    def part(self, xml: bytes) -> bytes:
        """The numbering part ``xml`` with the new instances after the others."""
        if not self._nums:
            return xml
        text = xml.decode("utf-8")
        end = text.rindex("</w:numbering>")
        return (text[:end] + "".join(self._nums) + text[end:]).encode("utf-8")


class Package:
    """One export's Word file: the skeleton's parts, the body and everything the body refers to."""

    def __init__(self) -> None:
        self.skeleton = skeleton.load()
        self.rels = Relationships(self.skeleton.members[skeleton.DOCUMENT_RELS])
        self.numbering = ListNumbering(self.skeleton.num_ids)
        self._images: dict[str, tuple[str, bytes, ImageInfo]] = {}  # sha1 -> member name, bytes, header
        self._shapes = 0

    def link(self, url: str) -> str:
        """The rId of an external hyperlink to ``url``."""
        return self.rels.relate_to(url, RT_HYPERLINK, is_external=True)

    def picture(self, blob: bytes, descr: str, width: int | None = None, max_width: int | None = None) -> str:
        """A paragraph showing the image ``blob`` ``width`` EMU wide (its own size when ``None``, no wider than
        ``max_width``), its part added once however often it is shown, as python-docx does."""
        info = image_info(blob)
        sha1 = hashlib.sha1(blob).hexdigest()  # python-docx's key for "the same image"
        if sha1 not in self._images:
            name = f"word/media/image{len(self._images) + 1}.{info.ext}"
            self._images[sha1] = (name, blob, info)
        name = self._images[sha1][0]
        rid = self.rels.relate_to("media/" + name.rsplit("/", 1)[1], RT_IMAGE)
        cx, cy = info.scaled(width)
        if max_width is not None and cx > max_width:
            cx, cy = max_width, int(cy * max_width / cx)
        self._shapes += 1
        return picture_xml(self._shapes, rid, f"image.{info.ext}", cx, cy, descr)

    def section(self, landscape: bool, first: bool) -> str:
        """The properties of a section: the first keeps the header and footer references, later ones inherit them."""
        s = self.skeleton
        return (f"<w:sectPr>{s.sect_refs if first else ''}{s.page_landscape if landscape else s.page_portrait}"
                f"{s.sect_rest}</w:sectPr>")

    def final_section(self, landscape: bool, first: bool) -> str:
        s = self.skeleton
        return (f"<w:sectPr{s.sect_attrs}>{s.sect_refs if first else ''}"
                f"{s.page_landscape if landscape else s.page_portrait}{s.sect_rest}</w:sectPr>")

    def save(self, body: str, organisation: str, properties: dict[str, str], created: datetime,
             carried: Callable[[list[tuple[str, bytes]]], bytes], app_xml: bytes) -> bytes:
        """The DOCX file. ``carried`` gives the data part from every other member (name, bytes)."""
        s = self.skeleton
        m = dict(s.members)
        m[skeleton.DOCUMENT] = (s.body_open + body + s.body_close).encode("utf-8")
        m[skeleton.DOCUMENT_RELS] = self.rels.xml
        m[skeleton.NUMBERING] = self.numbering.part(m[skeleton.NUMBERING])
        m[skeleton.HEADER] = fill_run(m[skeleton.HEADER], skeleton.ORGANISATION, organisation)
        m[skeleton.FOOTER] = fill_run(m[skeleton.FOOTER], skeleton.ORGANISATION + skeleton.FOOTER_TEXT,
                                      organisation + skeleton.FOOTER_TEXT)
        m[skeleton.CORE] = core_xml(m[skeleton.CORE], properties, created)
        m[skeleton.APP] = app_xml
        own = _carried_name()
        package_rels = Relationships(m[skeleton.PACKAGE_RELS])
        package_rels.relate_to(own, _carried_relationship())
        m[skeleton.PACKAGE_RELS] = package_rels.xml
        images = list(self._images.values())
        m[skeleton.CONTENT_TYPES] = _content_types(m[skeleton.CONTENT_TYPES], images, own)
        order = list(s.order)
        at = order.index(s.pictures_after) + 1
        order[at:at] = [name for name, _, _ in images]
        m.update((name, blob) for name, blob, _ in images)
        members = [(name, m[name]) for name in order]
        members.append((own, b""))
        members[-1] = (own, carried(members))
        # The skeleton's parts as it holds them deflated (the same streams zipfile would write).
        return zip_file([(name, blob, s.deflated.get(name) if blob is s.members.get(name) else None)
                         for name, blob in members])


def zip_file(members: list[tuple[str, bytes, tuple[int, bytes] | None]]) -> bytes:
    """The zip :mod:`zipfile` writes for ``members`` (name, bytes, and their (CRC, deflate stream) when
    already known), each ``ZIP_DEFLATED`` at the default level and dated 1980-01-01, so equal documents
    are equal files."""
    year, month, day, hour, minute, second = FIXED_ZIP_TIME
    dosdate, dostime = (year - 1980) << 9 | month << 5 | day, hour << 11 | minute << 5 | second // 2
    out: list[bytes] = []
    central: list[bytes] = []
    offset = 0
    for name, blob, known in members:
        crc, stream = known or skeleton.deflate(blob)
        info = zipfile.ZipInfo(name, date_time=FIXED_ZIP_TIME)
        info.compress_type = zipfile.ZIP_DEFLATED
        info.CRC, info.compress_size, info.file_size = crc, len(stream), len(blob)
        info.external_attr = 0o600 << 16  # what zipfile gives a member written from bytes
        header = info.FileHeader(False)  # the local header, with the name as zipfile encodes it
        out += (header, stream)
        filename = header[_LOCAL_HEADER.size :]
        flag_bits = _LOCAL_HEADER.unpack_from(header)[3]
        central.append(_CENTRAL_HEADER.pack(b"PK\001\002", info.create_version, info.create_system,
                                            info.extract_version, info.reserved, flag_bits, info.compress_type,
                                            dostime, dosdate, crc, len(stream), len(blob), len(filename), 0, 0, 0,
                                            info.internal_attr, info.external_attr, offset) + filename)
        offset += len(header) + len(stream)
    directory = b"".join(central)
    end = _END_RECORD.pack(b"PK\005\006", 0, 0, len(central), len(central), len(directory), offset, 0)
    return b"".join(out) + directory + end


# The zip format's local header, central directory entry and end record, as zipfile packs them.
_LOCAL_HEADER = struct.Struct("<4s2B4HL2L2H")
_CENTRAL_HEADER = struct.Struct("<4s4B4HL2L5H2L")
_END_RECORD = struct.Struct("<4s4H2LH")


def _carried_name() -> str:
    from tcdesk.export import embed

    return embed.PART_NAME.lstrip("/")


def _carried_relationship() -> str:
    from tcdesk.export import embed

    return embed.RELATIONSHIP


def core_xml(part: bytes, properties: dict[str, str], created: datetime) -> bytes:
    """The skeleton's core properties with the title, author, subject and dates filled in, as python-docx writes them."""
    core = part.decode("utf-8").replace(skeleton.CREATED_TEXT, created.strftime("%Y-%m-%dT%H:%M:%SZ"))
    for placeholder, key in ((skeleton.TITLE, "title"), (skeleton.AUTHOR, "author"), (skeleton.SUBJECT, "subject")):
        core = core.replace(f">{placeholder}<", f">{element_text(properties[key])}<", 1)
    return core.encode("utf-8")


def fill_run(part: bytes, placeholder: str, value: str) -> bytes:
    """``part`` with the ``w:t`` holding ``placeholder`` replaced by ``value`` as python-docx writes run text."""
    text = part.decode("utf-8")
    found = re.search(r"<w:t(?: [^>]*)?>" + re.escape(placeholder) + "</w:t>", text)
    if found is None:
        raise ValueError(f"the DOCX skeleton has no run holding {placeholder!r}")
    return (text[: found.start()] + wml.text(value) + text[found.end():]).encode("utf-8")


def _content_types(xml: bytes, images: list[tuple[str, bytes, ImageInfo]], carried: str) -> bytes:
    """python-docx's content types with each picture's extension a default and the carried part an override."""
    from tcdesk.export import embed

    text = xml.decode("utf-8")
    defaults = dict(re.findall(r'<Default Extension="([^"]*)" ContentType="([^"]*)"/>', text))
    overrides = dict(re.findall(r'<Override PartName="([^"]*)" ContentType="([^"]*)"/>', text))
    for name, _, info in images:
        if info.default:
            defaults[info.ext.lower()] = info.content_type
        else:
            overrides["/" + name] = info.content_type
    overrides["/" + carried] = embed.MEDIA_TYPE
    start = text.index("<Default")
    end = text.rindex("</Types>")
    entries = [f'<Default Extension="{attribute(ext)}" ContentType="{attribute(ct)}"/>' for ext, ct in sorted(defaults.items())]
    entries += [f'<Override PartName="{attribute(name)}" ContentType="{attribute(ct)}"/>' for name, ct in sorted(overrides.items())]
    return (text[:start] + "".join(entries) + text[end:]).encode("utf-8")
