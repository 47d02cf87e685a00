"""Hostile and malformed input files, built from scratch or by mutating valid ones.

Every generator writes one file into a folder and returns its path. The classes follow the
reliability audit: memory blow-ups, tracebacks, slow paths and files that try to trick a reader.
Nothing here is copied from anyone's corpus; seeds are exported by tcdesk itself.
"""

from __future__ import annotations

import io
import json
import random
import sqlite3
import struct
import zipfile
import zlib
from collections.abc import Callable
from pathlib import Path

Generator = Callable[[Path], Path]

W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"


# --- helpers ------------------------------------------------------------------------------------


def minimal_docx(body_xml: str, extra_parts: dict[str, bytes] | None = None) -> bytes:
    """A Word package whose body is ``body_xml`` (inner XML of w:body), built with python-docx."""
    import docx

    buf = io.BytesIO()
    docx.Document().save(buf)
    return replace_parts(buf.getvalue(), {"word/document.xml": _document(body_xml).encode(), **(extra_parts or {})})


def _document(body_xml: str) -> str:
    return f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<w:document xmlns:w="{W_NS}"><w:body>{body_xml}</w:body></w:document>'


def replace_parts(package: bytes, parts: dict[str, bytes]) -> bytes:
    """``package`` with the named zip members replaced or added."""
    src = zipfile.ZipFile(io.BytesIO(package))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for info in src.infolist():
            if info.filename not in parts:
                dst.writestr(info.filename, src.read(info.filename))
        for name, data in parts.items():
            dst.writestr(name, data)
    return out.getvalue()


def _table(rows_xml: str) -> str:
    return f"<w:tbl>{rows_xml}</w:tbl>"


def _cell(text: str, tcpr: str = "") -> str:
    return f"<w:tc>{tcpr}<w:p><w:r><w:t>{text}</w:t></w:r></w:p></w:tc>"


def write(path: Path, data: bytes) -> Path:
    path.write_bytes(data)
    return path


# --- DOCX ---------------------------------------------------------------------------------------


def docx_gridspan_huge(folder: Path) -> Path:
    row = "<w:tr>" + _cell("Action", '<w:tcPr><w:gridSpan w:val="200000000"/></w:tcPr>') + _cell("Owner") + "</w:tr>"
    return write(folder / "gridspan-huge.docx", minimal_docx(_table(row * 3)))


def docx_gridbefore_huge(folder: Path) -> Path:
    row = '<w:tr><w:trPr><w:gridBefore w:val="200000000"/></w:trPr>' + _cell("Action") + "</w:tr>"
    return write(folder / "gridbefore-huge.docx", minimal_docx(_table(row * 3)))


def docx_gridspan_text(folder: Path) -> Path:
    row = "<w:tr>" + _cell("Action", '<w:tcPr><w:gridSpan w:val="two"/></w:tcPr>') + "</w:tr>"
    row += '<w:tr><w:trPr><w:gridBefore w:val="-3"/></w:trPr>' + _cell("x") + "</w:tr>"
    return write(folder / "gridspan-text.docx", minimal_docx(_table(row)))


def docx_ilvl_text(folder: Path) -> Path:
    para = (
        '<w:p><w:pPr><w:numPr><w:ilvl w:val="one"/><w:numId w:val="1"/></w:numPr></w:pPr>'
        "<w:r><w:t>a list item</w:t></w:r></w:p>"
        '<w:p><w:pPr><w:numPr><w:ilvl w:val="99999999999"/><w:numId w:val="1"/></w:numPr></w:pPr>'
        "<w:r><w:t>a deep list item</w:t></w:r></w:p>"
    )
    numbering = (
        f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:numbering xmlns:w="{W_NS}">'
        '<w:abstractNum w:abstractNumId="0"><w:lvl w:ilvl="x"><w:numFmt w:val="decimal"/></w:lvl></w:abstractNum>'
        '<w:num w:numId="1"><w:abstractNumId w:val="0"/></w:num></w:numbering>'
    ).encode()
    package = minimal_docx(para)
    package = _with_numbering(package, numbering)
    return write(folder / "ilvl-text.docx", package)


def _with_numbering(package: bytes, numbering: bytes) -> bytes:
    src = zipfile.ZipFile(io.BytesIO(package))
    rels = src.read("word/_rels/document.xml.rels").decode()
    if "numbering.xml" not in rels:
        rels = rels.replace(
            "</Relationships>",
            '<Relationship Id="rIdNum" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/numbering" '
            'Target="numbering.xml"/></Relationships>',
        )
    types = src.read("[Content_Types].xml").decode()
    if "numbering.xml" not in types:
        types = types.replace(
            "</Types>",
            '<Override PartName="/word/numbering.xml" ContentType="application/vnd.openxmlformats-officedocument.'
            'wordprocessingml.numbering+xml"/></Types>',
        )
    return replace_parts(
        package,
        {"word/numbering.xml": numbering, "word/_rels/document.xml.rels": rels.encode(), "[Content_Types].xml": types.encode()},
    )


def docx_big_header_part(folder: Path, size: int = 70 * 2**20) -> Path:
    """A package whose ``word/header1.xml`` is larger than the XML part limit.

    The bytes are varied enough to pass the compression-ratio check, so only the per-part limit can stop it.
    """
    rng = random.Random(1)
    chunk = "".join(rng.choice("abcdefghijklmnopqrstuvwxyz0123456789") for _ in range(2**16))
    body = (f'<w:hdr xmlns:w="{W_NS}"><w:p><w:r><w:t>' + chunk * (size // len(chunk) + 1) + "</w:t></w:r></w:p></w:hdr>").encode()
    return write(folder / "big-header.docx", minimal_docx("<w:p/>", {"word/header1.xml": body}))


def docx_entity_bomb(folder: Path) -> Path:
    dtd = '<!DOCTYPE w:document [<!ENTITY a "aaaaaaaaaa">' + "".join(
        f'<!ENTITY {chr(98 + i)} "{("&" + chr(97 + i) + ";") * 10}">' for i in range(9)
    ) + "]>"
    xml = f'<?xml version="1.0"?>{dtd}<w:document xmlns:w="{W_NS}"><w:body><w:p><w:r><w:t>&j;</w:t></w:r></w:p></w:body></w:document>'
    return write(folder / "entity-bomb.docx", minimal_docx("", {"word/document.xml": xml.encode()}))


def docx_not_zip(folder: Path) -> Path:
    return write(folder / "renamed-text.docx", b"Action,Owner\nDo things,Me\n")


# --- XLSX ---------------------------------------------------------------------------------------


def _xlsx_seed() -> bytes:
    import openpyxl

    wb = openpyxl.Workbook()
    ws = wb.active
    ws.append(["Ref", "Action", "Owner", "RAG"])
    ws.append(["V01", "Run a technician survey", "HR", "Green"])
    buf = io.BytesIO()
    wb.save(buf)
    return buf.getvalue()


def xlsx_malformed_sheet(folder: Path) -> Path:
    return write(folder / "malformed-sheet.xlsx", replace_parts(_xlsx_seed(), {"xl/worksheets/sheet1.xml": b"<worksheet><sheetData><row>"}))


def xlsx_dtd_sheet(folder: Path) -> Path:
    xml = (
        b'<?xml version="1.0"?><!DOCTYPE worksheet [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;">'
        b'<!ENTITY c "&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;"><!ENTITY d "&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;">'
        b'<!ENTITY e "&d;&d;&d;&d;&d;&d;&d;&d;&d;&d;"><!ENTITY f "&e;&e;&e;&e;&e;&e;&e;&e;&e;&e;">'
        b'<!ENTITY g "&f;&f;&f;&f;&f;&f;&f;&f;&f;&f;"><!ENTITY h "&g;&g;&g;&g;&g;&g;&g;&g;&g;&g;">]>'
        b'<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>'
        b'<row r="1"><c r="A1" t="inlineStr"><is><t>&h;</t></is></c></row></sheetData></worksheet>'
    )
    return write(folder / "dtd-sheet.xlsx", replace_parts(_xlsx_seed(), {"xl/worksheets/sheet1.xml": xml}))


def xlsx_external_entity(folder: Path) -> Path:
    xml = (
        b'<?xml version="1.0"?><!DOCTYPE worksheet [<!ENTITY x SYSTEM "file:///etc/passwd">]>'
        b'<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>'
        b'<row r="1"><c r="A1" t="inlineStr"><is><t>&x;</t></is></c></row></sheetData></worksheet>'
    )
    return write(folder / "xxe-sheet.xlsx", replace_parts(_xlsx_seed(), {"xl/worksheets/sheet1.xml": xml}))


# --- CSV ----------------------------------------------------------------------------------------


def csv_huge_field(folder: Path) -> Path:
    return write(folder / "huge-field.csv", b"Ref,Action,Owner\nV01," + b"x" * 200_000 + b",HR\n")


def csv_cr_only(folder: Path) -> Path:
    return write(folder / "cr-only.csv", b"Ref,Action,Owner\rV01,Survey technicians,HR\rV02,\"Two\rlines\",HR\r")


def csv_broken_utf16(folder: Path) -> Path:
    text = "Ref,Action,Owner\nV01,Survey,HR\n".encode("utf-16-le")
    return write(folder / "broken-utf16.csv", b"\xff\xfe" + text + b"\x00\xd8A\x00" + b"\x41")


def csv_unterminated_quote(folder: Path) -> Path:
    return write(folder / "open-quote.csv", b'Ref,Action,Owner\nV01,"never closed,HR\n' + b"y" * 1000)


def csv_binary(folder: Path) -> Path:
    return write(folder / "binary.csv", bytes(range(256)) * 40)


# --- PDF ----------------------------------------------------------------------------------------


def _simple_pdf(pages: int = 1, text: str = "Hello", mediabox: str = "[0 0 595 842]", matrix: str = "1 0 0 1 72 700",
                lines: int = 1) -> bytes:
    """A hand-written PDF with ``pages`` pages of ``lines`` text lines each (valid xref)."""
    objs: list[bytes] = []
    kids = " ".join(f"{4 + 2 * i} 0 R" for i in range(pages))
    objs.append(b"<< /Type /Catalog /Pages 2 0 R >>")
    objs.append(f"<< /Type /Pages /Kids [{kids}] /Count {pages} >>".encode())
    objs.append(b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>")
    for i in range(pages):
        stream = " ".join(
            f"BT /F1 12 Tf {matrix} cm 0 {-16 * k} Td ({text} {i + 1}.{k + 1}) Tj ET" for k in range(lines)
        ).encode()
        objs.append(
            f"<< /Type /Page /Parent 2 0 R /MediaBox {mediabox} /Resources << /Font << /F1 3 0 R >> >> "
            f"/Contents {5 + 2 * i} 0 R >>".encode()
        )
        objs.append(b"<< /Length %d >>\nstream\n" % len(stream) + stream + b"\nendstream")
    return pdf_of(objs)


def pdf_of(objs: list[bytes]) -> bytes:
    """A PDF file of the objects ``objs`` (numbered from 1, the first the catalog), with a valid xref."""
    out = bytearray(b"%PDF-1.4\n")
    offsets = []
    for n, body in enumerate(objs, start=1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % n + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objs) + 1)
    for off in offsets:
        out += b"%010d 00000 n \n" % off
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objs) + 1, xref)
    return bytes(out)


def pdf_bad_mediabox(folder: Path) -> Path:
    return write(folder / "bad-mediabox.pdf", _simple_pdf(mediabox="[0 0 595]"))


def pdf_text_mediabox(folder: Path) -> Path:
    return write(folder / "text-mediabox.pdf", _simple_pdf(mediabox="[/a /b (c) 4]"))


def pdf_nan_matrix(folder: Path) -> Path:
    return write(folder / "nan-matrix.pdf", _simple_pdf(matrix="1 0 0 1 nan 1e400"))


def pdf_content_bomb(folder: Path) -> Path:
    """A 1.2 MB PDF whose one page's content stream inflates to 1.2 GB of text-showing operators.

    The megabyte of operators is deflated once, ending in a full flush so that the same bytes can
    follow themselves; the zlib header and the checksum of the whole are written around them.
    """
    page = b"BT /F1 12 Tf 72 720 Td (Hello world) Tj ET\n" * 25_000  # ~1 MB
    repeats = 1_200
    raw = zlib.compressobj(9, zlib.DEFLATED, -15)
    block = raw.compress(page) + raw.flush(zlib.Z_FULL_FLUSH)
    checksum = 1
    for _ in range(repeats):
        checksum = zlib.adler32(page, checksum)
    stream = b"\x78\xda" + block * repeats + zlib.compressobj(9, zlib.DEFLATED, -15).flush() + struct.pack(">I", checksum)
    data = _simple_pdf()
    start = data.index(b"5 0 obj\n")
    end = data.index(b"endobj", start)
    bomb = b"5 0 obj\n<< /Length %d /Filter /FlateDecode >>\nstream\n" % len(stream) + stream + b"\nendstream\n"
    return write(folder / "content-bomb.pdf", data[:start] + bomb + data[end:])


def pdf_too_many_pages(folder: Path) -> Path:
    return write(folder / "pages-501.pdf", _simple_pdf(pages=501))


def pdf_no_eof(folder: Path) -> Path:
    data = _simple_pdf()
    return write(folder / "no-eof.pdf", data[: data.rindex(b"%%EOF")])


def pdf_truncated(folder: Path) -> Path:
    data = _simple_pdf(pages=3)
    return write(folder / "truncated.pdf", data[: len(data) // 2])


def _encrypted(user: str, owner: str, algorithm: str = "AES-256") -> bytes:
    import pypdf

    reader = pypdf.PdfReader(io.BytesIO(_simple_pdf(text="Secret")))
    writer = pypdf.PdfWriter(clone_from=reader)
    writer.encrypt(user_password=user, owner_password=owner, algorithm=algorithm)
    buf = io.BytesIO()
    writer.write(buf)
    return buf.getvalue()


def pdf_aes_owner_only(folder: Path) -> Path:
    return write(folder / "aes-owner-only.pdf", _encrypted("", "owner-secret"))


def pdf_aes_user_password(folder: Path) -> Path:
    return write(folder / "aes-user-password.pdf", _encrypted("user-secret", "owner-secret", "AES-128"))


# --- JSON ---------------------------------------------------------------------------------------


def json_deep(folder: Path) -> Path:
    return write(folder / "deep.tcdesk.json", b"[" * 100_000 + b"]" * 100_000)


def json_deep_object(folder: Path) -> Path:
    return write(folder / "deep-object.tcdesk.json", b'{"a":' * 100_000 + b"1" + b"}" * 100_000)


def json_huge_int(folder: Path) -> Path:
    return write(folder / "huge-int.tcdesk.json", b'{"format": "tcdesk-submission", "version": ' + b"9" * 5000 + b"}")


def json_lone_surrogate(folder: Path, seed: dict | None = None) -> Path:
    data = dict(seed or {"format": "tcdesk-submission", "version": 1})
    data["organisation"] = "PLACEHOLDER"
    text = json.dumps(data).replace("PLACEHOLDER", "Uni \\ud800 of Nowhere")
    return write(folder / "lone-surrogate.tcdesk.json", text.encode())


def json_nan(folder: Path) -> Path:
    return write(folder / "nan.tcdesk.json", b'{"format": "tcdesk-submission", "version": NaN, "organisation": Infinity}')


def json_not_utf8(folder: Path) -> Path:
    return write(folder / "latin1.tcdesk.json", '{"organisation": "Université"}'.encode("latin-1"))


# --- .tcdesk projects ---------------------------------------------------------------------------


def tampered_project(seed: Path, folder: Path, name: str, sql: str, params: tuple = ()) -> Path:
    target = folder / name
    target.write_bytes(seed.read_bytes())
    with sqlite3.connect(target) as conn:
        conn.execute(sql, params)
    conn.close()
    return target


def project_answer_key_text(seed: Path, folder: Path) -> Path:
    return tampered_project(seed, folder, "answer-key-text.tcdesk", "UPDATE answer SET number = 'one' WHERE number = '1'")


def project_answer_key_integer(seed: Path, folder: Path) -> Path:
    return tampered_project(seed, folder, "answer-key-int.tcdesk", "UPDATE answer SET number = 99 WHERE number = '1'")


def project_organisation_blob(seed: Path, folder: Path) -> Path:
    return tampered_project(seed, folder, "org-blob.tcdesk", "UPDATE submission SET organisation = ?", (b"\x00\xffblob",))


def project_text_is_number(seed: Path, folder: Path) -> Path:
    return tampered_project(seed, folder, "text-number.tcdesk", "UPDATE submission SET webpage_url = 12.5, lead_name = X'00ff'")


def project_bad_date(seed: Path, folder: Path) -> Path:
    return tampered_project(seed, folder, "bad-date.tcdesk", "UPDATE submission SET lead_date = 'yesterday'")


def project_talent_not_json(seed: Path, folder: Path) -> Path:
    return tampered_project(seed, folder, "talent-not-json.tcdesk", "UPDATE new_action SET talent = '{not json'")


def project_wal_mode(seed: Path, folder: Path) -> Path:
    target = folder / "wal-mode.tcdesk"
    target.write_bytes(seed.read_bytes())
    conn = sqlite3.connect(target)
    conn.execute("PRAGMA journal_mode=WAL")
    conn.close()
    return target


def project_stray_wal(seed: Path, folder: Path) -> Path:
    """A project with the ``-wal`` of *another* project (whose organisation differs) placed beside it."""
    other = folder / "other.tcdesk"
    other.write_bytes(seed.read_bytes())
    conn = sqlite3.connect(other)
    conn.execute("PRAGMA journal_mode=WAL")
    conn.execute("PRAGMA wal_autocheckpoint=0")
    conn.execute("UPDATE submission SET organisation = 'Injected from another file'")
    conn.commit()
    # Keep the WAL: copy it while the connection is still open (closing would checkpoint it away).
    wal = Path(str(other) + "-wal").read_bytes()
    conn.close()
    target = folder / "victim.tcdesk"
    target.write_bytes(seed.read_bytes())
    Path(str(target) + "-wal").write_bytes(wal)
    other.unlink()
    for suffix in ("-wal", "-shm"):
        Path(str(other) + suffix).unlink(missing_ok=True)
    return target


# --- mutations ----------------------------------------------------------------------------------


def flip_bytes(data: bytes, rng: random.Random, n: int = 8) -> bytes:
    out = bytearray(data)
    for _ in range(n):
        i = rng.randrange(len(out))
        out[i] = rng.randrange(256)
    return bytes(out)


def mutate_bytes(data: bytes, rng: random.Random) -> bytes:
    """One of: flipped bytes, a truncation, a duplicated slice, a deleted slice."""
    kind = rng.randrange(4)
    if kind == 0:
        return flip_bytes(data, rng, rng.randint(1, 32))
    i = rng.randrange(1, len(data))
    if kind == 1:
        return data[:i]
    j = min(len(data), i + rng.randint(1, 4096))
    if kind == 2:
        return data[:j] + data[i:j] * rng.randint(1, 50) + data[j:]
    return data[:i] + data[j:]


def mutate_zip_member(package: bytes, rng: random.Random) -> bytes:
    """A valid zip whose XML member was mutated (so the zip layer passes and the XML parser is hit)."""
    src = zipfile.ZipFile(io.BytesIO(package))
    names = [n for n in src.namelist() if n.endswith((".xml", ".rels"))]
    name = rng.choice(names)
    text = src.read(name)
    return replace_parts(package, {name: mutate_xml(text, rng)})


def mutate_xml(text: bytes, rng: random.Random) -> bytes:
    attr_values = [b"-1", b"99999999999", b"NaN", b"x", b"", b"1e9", b"\xff\xfe"]
    kind = rng.randrange(3)
    if kind == 0 and b'="' in text:
        # Replace an attribute value: where numbers are expected this is the interesting case.
        starts = [i for i in range(len(text) - 1) if text[i : i + 2] == b'="']
        i = rng.choice(starts) + 2
        j = text.find(b'"', i)
        return text[:i] + rng.choice(attr_values) + text[j:]
    return mutate_bytes(text, rng)


def mutate_json(data: dict, rng: random.Random) -> bytes:
    """Valid JSON with one value replaced by something of the wrong type, size or shape."""
    weird = [None, -1, 10**30, 1e308, "", "x" * 10_000, [], {}, [[[[]]]], True, "\u202e\u200b", "2026-02-30"]
    paths: list[tuple] = []

    def walk(node, path):
        paths.append(path)
        if isinstance(node, dict):
            for k, v in node.items():
                walk(v, (*path, k))
        elif isinstance(node, list):
            for i, v in enumerate(node[:3]):
                walk(v, (*path, i))

    walk(data, ())
    target = rng.choice(paths[1:])
    copy = json.loads(json.dumps(data))
    node = copy
    for key in target[:-1]:
        node = node[key]
    node[target[-1]] = rng.choice(weird)
    return json.dumps(copy).encode()


def png_huge(width: int = 12_000, height: int = 12_000) -> bytes:
    """A valid PNG of ``width``×``height`` grey pixels that compresses to a few hundred KB."""
    raw = zlib.compress((b"\x00" + b"\x80" * width) * height, 9)

    def chunk(kind: bytes, body: bytes) -> bytes:
        return struct.pack(">I", len(body)) + kind + body + struct.pack(">I", zlib.crc32(kind + body) & 0xFFFFFFFF)

    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", width, height, 8, 0, 0, 0, 0)) + chunk(b"IDAT", raw) + chunk(b"IEND", b"")


STANDALONE: dict[str, Generator] = {
    f.__name__: f
    for f in (
        docx_gridspan_huge,
        docx_gridbefore_huge,
        docx_gridspan_text,
        docx_ilvl_text,
        docx_entity_bomb,
        docx_not_zip,
        xlsx_malformed_sheet,
        xlsx_dtd_sheet,
        xlsx_external_entity,
        csv_huge_field,
        csv_cr_only,
        csv_broken_utf16,
        csv_unterminated_quote,
        csv_binary,
        pdf_bad_mediabox,
        pdf_text_mediabox,
        pdf_nan_matrix,
        pdf_content_bomb,
        pdf_too_many_pages,
        pdf_no_eof,
        pdf_truncated,
        pdf_aes_owner_only,
        pdf_aes_user_password,
        json_deep,
        json_deep_object,
        json_huge_int,
        json_lone_surrogate,
        json_nan,
        json_not_utf8,
    )
}

FROM_PROJECT: dict[str, Callable[[Path, Path], Path]] = {
    f.__name__: f
    for f in (
        project_answer_key_text,
        project_answer_key_integer,
        project_organisation_blob,
        project_text_is_number,
        project_bad_date,
        project_talent_not_json,
        project_wal_mode,
        project_stray_wal,
    )
}
