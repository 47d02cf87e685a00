"""The Word file is put together without python-docx, from a skeleton python-docx made; each piece
written here is held to what python-docx writes for the same calls.
"""

from __future__ import annotations

import io
import zipfile
from datetime import datetime

import docx
import pytest
from docx.enum.section import WD_ORIENT, WD_SECTION
from docx.image.image import Image
from docx.opc.constants import RELATIONSHIP_TYPE as RT
from docx.opc.packuri import PackURI
from docx.opc.part import Part
from docx.opc.pkgwriter import _ContentTypesItem
from docx.shared import Emu, Mm
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st
from lxml import etree
from PIL import Image as PilImage

from tcdesk.errors import ExportError
from tcdesk.export import docx_package as package
from tcdesk.export import docx_skeleton as skeleton
from tcdesk.export import embed
from tcdesk.export.docx_blocks import text_width
from tcdesk.paths import resource

from .test_docx_xml import TEXT

# python-docx's parser and writer for a part: what it would write for the tree it read.
_PARSER = etree.XMLParser(remove_blank_text=True, resolve_entities=False)


def serialise(xml: str | bytes) -> bytes:
    data = xml.encode("utf-8") if isinstance(xml, str) else xml
    return etree.tostring(etree.fromstring(data, _PARSER), encoding="UTF-8", standalone=True)


SLOW = settings(max_examples=15, deadline=None, suppress_health_check=[HealthCheck.too_slow])
WHEN = st.datetimes(min_value=datetime(1900, 1, 1), max_value=datetime(2200, 12, 31)).map(lambda d: d.replace(microsecond=0))


def _word(organisation: str = "Org", title: str = "T", author: str = "A", subject: str = "S",
          created: datetime = skeleton.CREATED):
    word = docx.Document()
    skeleton.setup(word, organisation, title, author, subject, created)
    return word


def test_the_shipped_skeleton_is_the_one_python_docx_builds_now():
    """After an upgrade of python-docx or an edit of the style file: ``python -m tcdesk.export.docx_skeleton``."""
    assert skeleton.read(resource(*skeleton.SKELETON_FILE).read_bytes()) == skeleton.read(skeleton.build())


def test_an_edited_style_file_builds_the_skeleton_again(monkeypatch):
    monkeypatch.setattr(skeleton, "style_digest", lambda: "another style file")
    built = skeleton.load.__wrapped__()
    assert built.style_digest == "another style file"  # built now: the shipped one names the file it was made from
    assert built == skeleton.read(skeleton.build())


@SLOW
@given(TEXT, TEXT, TEXT, TEXT, WHEN)
@example("  Univ & <Co>\t\"x\"\nline  ", "", "Tìtle", "a\rb", datetime(1901, 2, 3, 4, 5, 6))
def test_header_footer_and_properties_are_python_docx_s(organisation, title, author, subject, created):
    title, author, subject = (v[:255] for v in (title, author, subject))  # the exporter shortens them first
    try:
        word = _word(organisation, title, author, subject, created)
    except ValueError:  # a character XML cannot hold: refused alike
        with pytest.raises(ValueError):
            package.fill_run(_member(skeleton.HEADER), skeleton.ORGANISATION, organisation)
            package.core_xml(_member(skeleton.CORE), {"title": title, "author": author, "subject": subject}, created)
        return
    section = word.sections[0]
    assert package.fill_run(_member(skeleton.HEADER), skeleton.ORGANISATION, organisation) == section.header.part.blob
    assert package.fill_run(_member(skeleton.FOOTER), skeleton.ORGANISATION + skeleton.FOOTER_TEXT,
                            organisation + skeleton.FOOTER_TEXT) == section.footer.part.blob
    core = package.core_xml(_member(skeleton.CORE), {"title": title, "author": author, "subject": subject}, created)
    assert core == _core_blob(word)


def _member(name: str) -> bytes:
    return skeleton.load().members[name]


def _core_blob(word) -> bytes:
    return word.part.package._core_properties_part.blob


URLS = st.lists(st.one_of(st.sampled_from(["https://a.example/", "mailto:x@y.org", "https://a.example/?a=1&b=<2>\"'",
                                           "https://a.example/\ttab\nline\rret"]), TEXT), max_size=8)


@SLOW
@given(URLS)
def test_links_take_the_relationships_python_docx_gives(urls):
    word = _word()
    ours = package.Relationships(_member(skeleton.DOCUMENT_RELS))
    for url in urls:
        try:
            theirs = word.part.relate_to(url, RT.HYPERLINK, is_external=True)
            word.part.rels.xml  # noqa: B018 - python-docx checks the text when it writes it
        except ValueError:
            with pytest.raises(ValueError):
                ours.relate_to(url, RT.HYPERLINK, is_external=True)
            return
        assert ours.relate_to(url, RT.HYPERLINK, is_external=True) == theirs
    assert ours.xml == word.part.rels.xml


def _png(size: tuple[int, int], dpi: tuple[int, int] | None, colour: int) -> bytes:
    out = io.BytesIO()
    image = PilImage.new("RGB", size, (colour, 0, 0))
    image.save(out, format="PNG", **({"dpi": dpi} if dpi else {}))
    return out.getvalue()


def _jpeg(size: tuple[int, int]) -> bytes:
    out = io.BytesIO()
    PilImage.new("RGB", size, "white").save(out, format="JPEG")
    return out.getvalue()


PICTURES = st.lists(st.tuples(
    st.one_of(st.builds(_png, st.tuples(st.integers(1, 3000), st.integers(1, 3000)),
                        st.one_of(st.none(), st.tuples(st.integers(1, 1200), st.integers(1, 1200))), st.integers(0, 2)),
              st.builds(_jpeg, st.tuples(st.integers(1, 50), st.integers(1, 50)))),
    st.one_of(st.none(), st.integers(1, 9_000_000)),  # the width asked for
    st.sampled_from(["", "A chart: 3 < 4 & \"so\" on", "line\nbreak"])), min_size=1, max_size=5)


@SLOW
@given(PICTURES, st.integers(1, 9_000_000))
@example([(_png((40, 20), None, 0), None, "first"), (_jpeg((8, 8)), 100_000, ""), (_png((40, 20), None, 0), 5000, "again")],
         300_000)
def test_pictures_are_the_ones_python_docx_adds(pictures, max_width):
    """Size from the header, rId, part name (a picture shown twice is stored once), docPr id, alt text."""
    word = _word()
    ours = package.Package()
    for blob, width, descr in pictures:
        info = package.image_info(blob)
        image = Image.from_blob(blob)
        assert (info.px_width, info.px_height, info.horz_dpi, info.vert_dpi, info.content_type, info.ext) == (
            image.px_width, image.px_height, image.horz_dpi, image.vert_dpi, image.content_type, image.ext)
        assert info.scaled(width) == image.scaled_dimensions(width)
        shape = word.add_paragraph().add_run().add_picture(io.BytesIO(blob), width=None if width is None else Emu(width))
        if width is None and shape.width > max_width:  # the exporter's figures: no wider than the text
            shape.height = Emu(int(shape.height * max_width / shape.width))
            shape.width = max_width
        shape._inline.docPr.set("descr", descr)
        xml = ours.picture(blob, descr, width=width, max_width=None if width is not None else max_width)
        body = serialise(ours.skeleton.body_open + xml + ours.skeleton.body_close)
        expected = word.element.body[-2]
        assert etree.tostring(etree.fromstring(body)[0][0]) == etree.tostring(expected)
    assert ours.rels.xml == word.part.rels.xml
    carried = Part(PackURI(embed.PART_NAME), embed.MEDIA_TYPE, b"", word.part.package)
    word.part.package.relate_to(carried, embed.RELATIONSHIP)
    images = list(ours._images.values())
    assert [name for name, _, _ in images] == [p.partname.membername for p in word.part.package.image_parts]
    assert package._content_types(_member(skeleton.CONTENT_TYPES), images, embed.PART_NAME.lstrip("/")) == (
        _ContentTypesItem.from_parts(word.part.package.parts).blob)


@pytest.mark.parametrize("blob", [b"\x89PNG\r\n\x1a\n", b"\x89PNG\r\n\x1a\n\x00\x00\x00\x0dIHDR\x00", b"GIF89a", b""])
def test_what_is_not_a_plain_png_is_left_to_python_docx(blob):
    with pytest.raises(Exception) as ours:
        package.image_info(blob)
    with pytest.raises(Exception) as theirs:
        Image.from_blob(blob)
    assert type(ours.value) is type(theirs.value)


@SLOW
@given(st.lists(st.booleans(), max_size=5))
def test_section_breaks_are_python_docx_s(turns):
    """Each break ends the section so far; the next is landscape or portrait, as the plan tables want."""
    word = _word()
    ours = package.Package()
    body, landscape, first = [], False, True
    widths = []
    for turn in turns:
        previous = word.sections[-1]
        section = word.add_section(WD_SECTION.NEW_PAGE)
        long, short = max(previous.page_width, previous.page_height), min(previous.page_width, previous.page_height)
        section.orientation = WD_ORIENT.LANDSCAPE if turn else WD_ORIENT.PORTRAIT
        section.page_width, section.page_height = (long, short) if turn else (short, long)
        widths.append(text_width(section))
        body.append(f"<w:p><w:pPr>{ours.section(landscape, first)}</w:pPr></w:p>")
        landscape, first = turn, False
    body.append(ours.final_section(landscape, first))
    s = ours.skeleton
    assert serialise(s.body_open + "".join(body) + s.body_close) == word.part.blob
    assert widths == [s.width_landscape if turn else s.width_portrait for turn in turns]
    assert s.width_portrait == text_width(_word().sections[0])


def test_list_numbering_is_what_python_docx_s_add_num_writes():
    word = _word()
    numbering = package.ListNumbering(skeleton.load().num_ids)
    starts = ((7, 3), (3, 0), (7, 1))
    ids = [numbering.add(abstract, start) for abstract, start in starts]
    expected = []
    for abstract, start in starts:
        num = word.part.numbering_part.element.add_num(abstract)
        num.add_lvlOverride(ilvl=0).add_startOverride(start)
        expected.append(num.numId)
    assert ids == expected
    assert numbering.part(_member(skeleton.NUMBERING)) == word.part.numbering_part.blob


def test_the_file_has_python_docx_s_members_in_its_order_dated_1980(rich):
    from tcdesk.export import docx as docx_export

    ours = zipfile.ZipFile(io.BytesIO(docx_export.render(rich)))
    names = ours.namelist()
    assert names[: names.index("word/footer1.xml") + 1] == skeleton.load().order[: -1]
    assert names[names.index("word/footer1.xml") + 1 :] == ["word/media/image1.png", "word/media/image2.png",
                                                            "docProps/thumbnail.jpeg", embed.PART_NAME.lstrip("/")]
    assert ours.read("docProps/app.xml") == docx_export.APP_XML
    assert {i.date_time for i in ours.infolist()} == {(1980, 1, 1, 0, 0, 0)}
    assert {i.compress_type for i in ours.infolist()} == {zipfile.ZIP_DEFLATED}


@given(st.integers(-10**12, 10**12), st.floats(0, 10_000, allow_nan=False))
def test_lengths_are_python_docx_s(emu, mm):
    assert package.wml.twips(emu) == Emu(emu).twips
    assert package.wml.mm(mm) == Mm(mm)


# Answers with every block kind and the characters XML and Word treat specially.
PIECES = st.sampled_from([
    "# Heading", "### Deep heading", "Plain *it* **bold** `code` text.", "A [link](https://a.example/?a=1&b=2) here.",
    "- one\n- two\n  - nested", "3. three\n4. four", "> quoted \"words\"", "| a | b |\n|---|---|\n| 1 | 2 |",
    "| only header |\n|---|", "```\ncode <b>\n\n  indented\n```", "---", "line  \nbreak", "![pic](attachment:chart.png)",
    "Tabs\tand   spaces ", "&amp; &lt; < > ' \" ]]>", "Ünïcödé — “quotes” 😀", "   ", "mailto:x@y.org"])
ANSWER = st.lists(st.one_of(PIECES, TEXT), max_size=6).map("\n\n".join)


@settings(max_examples=12, deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture])
@given(answer=ANSWER, organisation=TEXT, name=TEXT)
@example(answer="", organisation="", name="")
def test_every_part_written_is_what_python_docx_would_write_for_it(rich, answer, organisation, name):
    """Each XML part is written as lxml serialises it, so python-docx (parse, serialise) writes the same bytes."""
    from tcdesk.export import docx as docx_export
    from tcdesk.export.markdown import clean_text

    rich.answers["1"] = answer
    rich.organisation = clean_text(organisation)
    rich.leads[0].name = clean_text(name)
    try:
        data = docx_export.render(rich)
    except (ExportError, ValueError):  # text no file can hold (a lone surrogate): the export refuses it
        return
    with zipfile.ZipFile(io.BytesIO(data)) as z:
        # The parts the export writes (the core properties are held to python-docx's output above:
        # python-docx writes their empty description as <x></x>, which a parse would make <x/>).
        for name in (skeleton.DOCUMENT, skeleton.DOCUMENT_RELS, skeleton.HEADER, skeleton.FOOTER, skeleton.NUMBERING,
                     skeleton.CONTENT_TYPES, skeleton.PACKAGE_RELS):
            assert serialise(z.read(name)) == z.read(name), name


def test_a_docx_export_loads_neither_python_docx_nor_lxml(tmp_path):
    """What makes the export quick: python-docx and lxml stay unloaded unless a figure is not a PNG."""
    from tests.fresh_process import packages_loaded

    code = (
        "from tcdesk.model import Submission\n"
        "from tcdesk.session import Session\n"
        "sub = Submission(organisation='Plain University')\n"
        "sub.answers['1'] = 'Words with a [link](https://a.example/) and\\n\\n1. a list'\n"
        f"Session(sub).export('docx', {str(tmp_path / 'plain.docx')!r})\n"
    )
    assert packages_loaded(code, {"docx", "lxml"}) == set()
    assert zipfile.ZipFile(tmp_path / "plain.docx").testzip() is None


def _zipfile_writes(members: list[tuple[str, bytes]]) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for name, blob in members:
            member = zipfile.ZipInfo(name, date_time=package.FIXED_ZIP_TIME)
            member.compress_type = zipfile.ZIP_DEFLATED
            dst.writestr(member, blob)
    return out.getvalue()


NAMES = st.text(st.characters(min_codepoint=0x21, max_codepoint=0x2FF, blacklist_characters="\\"), min_size=1, max_size=30)


@given(st.lists(st.tuples(NAMES, st.one_of(st.binary(max_size=3000), TEXT.map(lambda t: t.encode("utf-8", "replace"))),
                          st.booleans()), max_size=6, unique_by=lambda m: m[0]))
@example([("word/styles.xml", b"<a/>" * 5000, True), ("é/empty", b"", False)])
def test_the_zip_is_the_one_zipfile_writes(members):
    """Names (ASCII or not), empty and incompressible members, streams deflated before or now."""
    ours = package.zip_file([(name, blob, skeleton.deflate(blob) if known else None) for name, blob, known in members])
    assert ours == _zipfile_writes([(name, blob) for name, blob, _ in members])


def test_the_skeleton_s_streams_are_the_ones_this_zlib_writes_or_none_are_used():
    s = skeleton.load()  # none when this machine's zlib deflates otherwise than the one that made the file
    for name, known in s.deflated.items():
        assert known == skeleton.deflate(s.members[name]), name


def test_a_skeleton_deflated_by_another_zlib_is_compressed_again(rich, monkeypatch):
    """Streams another deflater wrote (here: zlib at level 1) are not copied: the file stays the same."""
    from tcdesk.export import docx as docx_export

    expected = docx_export.render(rich)
    shipped = zipfile.ZipFile(io.BytesIO(resource(*skeleton.SKELETON_FILE).read_bytes()))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as other:
        for info in shipped.infolist():
            other.writestr(info, shipped.read(info), compresslevel=1)
    elsewhere = skeleton.read(out.getvalue())
    assert elsewhere is not None and elsewhere.deflated == {} and elsewhere == skeleton.load()
    monkeypatch.setattr(skeleton, "load", lambda: elsewhere)
    assert docx_export.render(rich) == expected


def _python_docx_file(writer) -> bytes:
    """The file python-docx makes of the same document: its own set-up, relationships, pictures,
    numbering, sections, properties and save (as the exporter used it before the skeleton), with the
    body's paragraphs and tables taken from ``writer`` (held to python-docx in test_docx_xml.py)."""
    from docx.oxml.ns import nsdecls, qn
    from docx.oxml.parser import parse_xml

    from tcdesk.export import docx as docx_export
    from tcdesk.export.docx import _property

    d = writer.doc
    word = docx.Document()
    skeleton.setup(word, d.organisation, _property(d.title), _property(d.author), _property(d.subject),
                   datetime.combine(d.created, datetime.min.time().replace(hour=12)))
    ours = writer.package
    targets = {rid: target for rid, target in
               ((el.get("Id"), el.get("Target")) for el in etree.fromstring(ours.rels.xml))}
    images = {f"media/{name.rsplit('/', 1)[1]}": blob for name, blob, _ in ours._images.values()}
    numbering = etree.fromstring(ours.numbering.part(_member(skeleton.NUMBERING)))
    starts = {n.get(qn("w:numId")): (int(n.find(qn("w:abstractNumId")).get(qn("w:val"))),
                                     int(n.find(f"{qn('w:lvlOverride')}/{qn('w:startOverride')}").get(qn("w:val"))))
              for n in numbering.findall(qn("w:num")) if int(n.get(qn("w:numId"))) not in ours.skeleton.num_ids}
    added = set()
    body = list(parse_xml(f"<w:body {nsdecls('w', 'r', 'wp')}>{writer.out.xml()}</w:body>"))
    sections = [el if el.tag == qn("w:sectPr") else el.find(f"{qn('w:pPr')}/{qn('w:sectPr')}") for el in body]
    turns = [s.find(qn("w:pgSz")).get(qn("w:orient")) == "landscape" for s in sections if s is not None]
    breaks = 0
    for el in body[:-1]:  # the last is the final section's properties, which python-docx has already
        if el.tag == qn("w:p") and el.find(f"{qn('w:pPr')}/{qn('w:sectPr')}") is not None:
            breaks += 1
            previous = word.sections[-1]
            section = word.add_section(WD_SECTION.NEW_PAGE)
            long, short = max(previous.page_width, previous.page_height), min(previous.page_width, previous.page_height)
            section.orientation = WD_ORIENT.LANDSCAPE if turns[breaks] else WD_ORIENT.PORTRAIT
            section.page_width, section.page_height = (long, short) if turns[breaks] else (short, long)
            continue
        inline = el.find(f".//{qn('wp:inline')}")
        if inline is not None:
            blip = inline.find(f".//{qn('a:blip')}")
            shape = word.add_paragraph().add_run().add_picture(io.BytesIO(images[targets[blip.get(qn('r:embed'))]]))
            extent = inline.find(qn("wp:extent"))
            shape.width, shape.height = Emu(int(extent.get("cx"))), Emu(int(extent.get("cy")))
            shape._inline.docPr.set("descr", inline.find(qn("wp:docPr")).get("descr"))
            assert blip.get(qn("r:embed")) == shape._inline.graphic.graphicData.pic.blipFill.blip.embed
            continue
        for link in el.iter(qn("w:hyperlink")):
            assert word.part.relate_to(targets[link.get(qn("r:id"))], RT.HYPERLINK, is_external=True) == link.get(qn("r:id"))
        for num in el.iter(qn("w:numId")):
            if num.get(qn("w:val")) in starts and num.get(qn("w:val")) not in added:
                abstract, start = starts[num.get(qn("w:val"))]
                new = word.part.numbering_part.element.add_num(abstract)
                new.add_lvlOverride(ilvl=0).add_startOverride(start)
                assert str(new.numId) == num.get(qn("w:val"))
                added.add(num.get(qn("w:val")))
        word.element.body[-1].addprevious(el)
    package = word.part.package
    carried = Part(PackURI(embed.PART_NAME), embed.MEDIA_TYPE, b"", package)
    package.relate_to(carried, embed.RELATIONSHIP)
    parts = package.parts
    for part in parts:
        part.before_marshal()
    members = [("[Content_Types].xml", _ContentTypesItem.from_parts(parts).blob), ("_rels/.rels", package.rels.xml)]
    for part in parts:
        name = part.partname.membername
        members.append((name, docx_export.APP_XML if name == "docProps/app.xml" else part.blob))
        if len(part.rels):
            members.append((part.partname.rels_uri.membername, part.rels.xml))
    data = embed.payload(d, embed.package_fingerprint([name for name, _ in members], dict(members).__getitem__))
    return _zipfile_writes([(name, data if name == carried.partname.membername else blob) for name, blob in members])


@settings(max_examples=8, deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture])
@given(answer=ANSWER, organisation=TEXT)
@example(answer="1. a\n2. b\n\n5. five\n\n![pic](attachment:chart.png)\n\n![again](attachment:chart.png)", organisation="Org")
def test_the_whole_file_is_the_one_python_docx_makes(rich, answer, organisation):
    """End to end: python-docx, given the same body, writes every member of the file as the exporter does."""
    from tcdesk.export import docx as docx_export
    from tcdesk.export.document import build
    from tcdesk.export.markdown import clean_text

    rich.answers["1"], rich.answers["5"] = answer, "4. four\n5. five"
    rich.organisation = clean_text(organisation)
    writer = docx_export.DocxWriter(build(rich))
    try:
        ours = writer.render()
    except ValueError:  # text no file can hold (a lone surrogate): the export refuses it
        return
    assert ours == _python_docx_file(writer)
