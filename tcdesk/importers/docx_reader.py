"""Reads a Word document into blocks: paragraphs as CommonMark, tables as cells with their shading."""

from __future__ import annotations

import posixpath
import re
import zipfile
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from types import MappingProxyType
from typing import Any, TypeVar

from tcdesk.errors import InvalidInputError
from tcdesk.importers.blocks import Block, Figure, Para, Skip, Table, escape_markdown
from tcdesk.importers.rows import Cell

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
R_ID = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}id"
R_EMBED = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}embed"
_P, _R, _T, _TAB, _BR, _CR = W + "p", W + "r", W + "t", W + "tab", W + "br", W + "cr"
_PPR, _PSTYLE, _NUMPR, _ILVL, _NUMID = W + "pPr", W + "pStyle", W + "numPr", W + "ilvl", W + "numId"
_RPR, _B, _I, _HYPERLINK = W + "rPr", W + "b", W + "i", W + "hyperlink"
_TBL, _TR, _TC, _TRPR, _TCPR = W + "tbl", W + "tr", W + "tc", W + "trPr", W + "tcPr"
_GRID_BEFORE, _GRID_SPAN, _VMERGE, _SHD = W + "gridBefore", W + "gridSpan", W + "vMerge", W + "shd"
_SDT, _SDT_CONTENT, _CUSTOM_XML = W + "sdt", W + "sdtContent", W + "customXml"
_DRAWING, _VML_IMAGE = W + "drawing", "{urn:schemas-microsoft-com:vml}imagedata"
_VAL, _ANCHOR = W + "val", W + "anchor"
# Children of a paragraph whose runs (at any depth) are its text; a run inside w:del is deleted text.
_RUN_HOLDERS = frozenset({W + "ins", W + "smartTag", W + "fldSimple", _CUSTOM_XML})
_OFF = ("0", "false")
# Children are walked as ``element[:]``, a list lxml builds in C: its child iterator (``for c in element``)
# costs more than the loop's body, and a Kent-size document has 11,000 elements.

# Word allows 63 table columns and list levels 0-8; larger or non-numeric values come only from damaged
# or hostile files, and a span of 200 million cells would exhaust memory.
MAX_GRID_COLUMNS = 63
MAX_LIST_LEVEL = 8
_LAST_DIGIT = re.compile(r"(\d)$")
_HEADING = re.compile(r"^(?:heading|titre|überschrift)\s*(\d)$", re.I)


def read_docx(path: Path) -> list[Block]:
    """Every paragraph and table of the document body, in order.

    :raises InvalidInputError: when the package cannot be opened as a Word document.
    """
    from lxml import etree

    try:
        package = _Package(path)
    except (zipfile.BadZipFile, KeyError, ValueError) as exc:
        raise InvalidInputError(f"not a readable Word document ({exc})", path) from exc
    except (etree.LxmlError, OSError, RecursionError, MemoryError) as exc:
        raise InvalidInputError(f"damaged Word document: {exc}", path) from exc
    return _Reader(package).blocks()


_RELS = "{http://schemas.openxmlformats.org/package/2006/relationships}Relationship"
_TYPES = "{http://schemas.openxmlformats.org/package/2006/content-types}"
_RT = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/"
_MAIN = "application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"
# Word writes "heading 1" in styles.xml and shows "Heading 1" (python-docx's names for them too).
_UI_NAMES = {"caption": "Caption", "footer": "Footer", "header": "Header", **{f"heading {n}": f"Heading {n}" for n in range(1, 10)}}


class _Package:
    """The parts of a .docx that the reader needs, parsed straight from the zip with lxml: the main
    document, its relationships, the style names and the numbering definitions. Other parts
    (headers, comments, settings, fonts) are never parsed."""

    def __init__(self, path: Path) -> None:
        self._parser = _parser()
        self._zip = zipfile.ZipFile(path)
        self._types = self._content_types()
        main_part = next((r.part for r in self._rels("/").values() if r.kind == _RT + "officeDocument" and r.part), None)
        if main_part is None:
            raise KeyError("the package has no main document (officeDocument relationship)")
        if self.content_type(main_part) != _MAIN:
            raise ValueError(f"file '{path}' is not a Word file, content type is '{self.content_type(main_part)}'")
        self.document = self._xml(main_part)
        self.rels = self._rels(main_part)
        styles = self._related(_RT + "styles")
        self.style_names = _shared(_style_names, styles) if styles is not None else {}
        numbering = self._related(_RT + "numbering")
        self.numbering = _shared(_numbering_formats, numbering) if numbering is not None else {}

    def content_type(self, part: str) -> str:
        overrides, defaults = self._types
        kind = overrides.get(part.lower()) or defaults.get(posixpath.splitext(part)[1][1:].lower())
        if kind is None:
            raise KeyError(f"no content type for part {part!r}")
        return kind

    def blob(self, part: str) -> bytes:
        return self._zip.read(part.lstrip("/"))

    def _xml(self, part: str):
        from lxml import etree

        return etree.fromstring(self.blob(part), self._parser)

    def _related(self, rel_type: str) -> bytes | None:
        part = next((r.part for r in self.rels.values() if r.kind == rel_type and r.part), None)
        return self.blob(part) if part is not None else None

    def _content_types(self) -> tuple[dict[str, str], dict[str, str]]:
        root = self._xml("/[Content_Types].xml")
        overrides = {(o.get("PartName") or "").lower(): o.get("ContentType") or "" for o in root.iterchildren(_TYPES + "Override")}
        defaults = {(d.get("Extension") or "").lower(): d.get("ContentType") or "" for d in root.iterchildren(_TYPES + "Default")}
        return overrides, defaults

    def _rels(self, part: str) -> dict[str, _Rel]:
        folder, name = posixpath.split(part)
        rels_name = posixpath.join(folder, "_rels", name + ".rels")
        if rels_name.lstrip("/") not in self._zip.NameToInfo:
            return {}
        out = {}
        for rel in self._xml(rels_name).iterchildren(_RELS):
            target = rel.get("Target") or ""
            external = rel.get("TargetMode") == "External"
            part_name = "" if external else posixpath.normpath(posixpath.join(folder or "/", target))
            out[rel.get("Id") or ""] = _Rel(target, part_name, rel.get("Type") or "")
        return out


def _parser() -> Any:
    from lxml import etree

    # As python-docx parses: ignorable whitespace dropped, entities never expanded.
    return etree.XMLParser(remove_blank_text=True, resolve_entities=False)


# A reviewer's batch holds many documents made from one template, whose style and list definitions
# are the same bytes: what is read from them is kept for a few such parts. Real ones are 10-500 KB;
# larger parts are read every time, so a hostile batch cannot make the cache hold much memory.
_SHARED_PART_BYTES = 2**20
_SharedResult = TypeVar("_SharedResult")


def _shared(read: Callable[[bytes], _SharedResult], xml: bytes) -> _SharedResult:
    return _cached_read(read, xml) if len(xml) <= _SHARED_PART_BYTES else read(xml)


@lru_cache(maxsize=16)
def _cached_read(read: Callable[[bytes], Any], xml: bytes) -> Any:
    return read(xml)


def _style_names(xml: bytes) -> Mapping[str | None, str | None]:
    """Style id to the name Word shows, from styles.xml."""
    from lxml import etree

    names: dict[str | None, str | None] = {}
    for style in etree.fromstring(xml, _parser()).iterchildren(W + "style"):
        name = style.find(W + "name")
        value = name.get(W + "val") if name is not None else None
        names[style.get(W + "styleId")] = _UI_NAMES.get(value, value) if value is not None else None
    return MappingProxyType(names)


def _numbering_formats(xml: bytes) -> Mapping[tuple[str | None, int], str | None]:
    """(numbering id, list level) to its number format ("bullet", "decimal" …), from numbering.xml."""
    from lxml import etree

    numbering = etree.fromstring(xml, _parser())
    abstract: dict[str | None, dict[int, str | None]] = {}
    for a in numbering.iterchildren(W + "abstractNum"):
        levels = abstract.setdefault(a.get(W + "abstractNumId"), {})
        for lvl in a.iterchildren(W + "lvl"):
            fmt = lvl.find(W + "numFmt")
            levels[bounded_int(lvl.get(W + "ilvl"), 0, MAX_LIST_LEVEL)] = fmt.get(_VAL) if fmt is not None else "bullet"
    out = {}
    for n in numbering.iterchildren(W + "num"):
        aid = n.find(W + "abstractNumId")
        if aid is None:
            continue
        for level, fmt in abstract.get(aid.get(_VAL), {}).items():
            out[(n.get(W + "numId"), level)] = fmt
    return MappingProxyType(out)


@dataclass(frozen=True)
class _Rel:
    target: str  # as the file writes it: a hyperlink's URL
    part: str  # the part it points to inside the package ("" when external)
    kind: str



class _Reader:
    def __init__(self, package: _Package) -> None:
        self.package = package
        self.styles = package.style_names
        self.numbering = package.numbering
        self.n_tables = 0
        self.n_paras = 0
        # Most documents hold no picture: one walk of the whole tree spares a search in every paragraph.
        self.has_pictures = next(package.document.iter(_DRAWING, _VML_IMAGE), None) is not None

    def blocks(self) -> list[Block]:
        out = self._blocks()
        for i, block in enumerate(out[:-1]):
            nxt = out[i + 1]
            if isinstance(block, Figure) and isinstance(nxt, Skip) and nxt.reason.startswith("caption"):
                block.caption = nxt.text or block.caption
                out[i + 1] = Skip(nxt.where, "", "")
        return [b for b in out if not (isinstance(b, Skip) and not b.reason)]

    def _blocks(self) -> list[Block]:
        out: list[Block] = []
        body = self.package.document.find(W + "body")
        for child in body[:] if body is not None else ():
            if child.tag == _P:
                self.n_paras += 1
                out.extend(self.paragraph(child))
            elif child.tag == _TBL:
                self.n_tables += 1
                out.append(Table(self.table_rows(child), f"table {self.n_tables}"))
            elif child.tag == _SDT:  # content controls wrap ordinary paragraphs and tables
                for inner in child.iter(_P):
                    self.n_paras += 1
                    out.extend(self.paragraph(inner))
        return out

    # --- paragraphs ------------------------------------------------------------------------------

    def paragraph(self, p: Any) -> list[Block]:
        style, num, text, markdown = self.read_paragraph(p)
        blocks: list[Block] = []
        if self.has_pictures:
            for drawing in p.iter(_DRAWING):
                blocks.append(self.figure(drawing))
            if next(p.iter(_VML_IMAGE), None) is not None:
                blocks.append(Skip(f"paragraph {self.n_paras}", "old-style (VML) image not imported"))
        if not text.strip():
            return blocks
        role = _role(style)
        heading = role.heading
        if role.kind == "toc":
            return blocks
        if role.kind == "caption":
            blocks.append(Skip(f"paragraph {self.n_paras}", "caption (of a figure or chart) not imported", text.strip()))
            return blocks
        if role.kind == "quote":
            blocks.append(Para(markdown="> " + markdown.strip(), text=text))
            return blocks
        list_prefix = self.list_prefix(num, style)
        if heading:
            markdown = "#" * min(heading, 6) + " " + text.strip()
        elif list_prefix:
            markdown = list_prefix + markdown.strip()
        kind = ("number" if list_prefix.strip()[0].isdigit() else "bullet") if list_prefix else ""
        blocks.append(Para(markdown=markdown.strip("\n"), text=text, heading=heading, list_item=kind))
        return blocks

    def read_paragraph(self, p: Any) -> tuple[str, Any, str, str]:
        """The style name, numbering properties (w:numPr), plain text and CommonMark (bold, italic,
        links, line breaks) of one paragraph, from one pass over its children."""
        ppr = None
        plain: list[str] = []
        segments: list[tuple[str, bool, bool, str | None]] = []  # text, bold, italic, link target
        formatted = False
        for child in p[:]:
            tag = child.tag
            if tag == _R:
                t, bold, italic = _run(child)
                plain.append(t)
                segments.append((t, bold, italic, None))
                formatted = formatted or bold or italic
            elif tag == _PPR:
                if ppr is None:
                    ppr = child
            elif tag == _HYPERLINK:
                rid = child.get(R_ID)
                rels = self.package.rels
                url = rels[rid].target if rid and rid in rels else ""
                anchor = child.get(_ANCHOR)
                target = url or (f"#{anchor}" if anchor else "")
                t = "".join(_run(r)[0] for r in child.iter(_R))
                plain.append(t)
                segments.append((t, False, False, target or None))
                formatted = formatted or bool(target)
            elif tag in _RUN_HOLDERS:
                for r in child.iter(_R):
                    t, bold, italic = _run(r)
                    plain.append(t)
                    segments.append((t, bold, italic, None))
                    formatted = formatted or bold or italic
        text = "".join(plain)
        # Both callers drop a paragraph without text. Without emphasis or links the CommonMark is the
        # escaped text (escaping is per character).
        markdown = "" if not text.strip() else _markdown(segments) if formatted else escape_markdown(text)
        pstyle, num = _firsts(ppr, (_PSTYLE, _NUMPR)) if ppr is not None else (None, None)
        sid = (pstyle.get(_VAL) if pstyle is not None else "") or ""
        return self.styles.get(sid) or sid, num, text, markdown

    def list_prefix(self, num: Any, style: str) -> str:
        """The CommonMark list marker of a paragraph with numbering properties ``num`` (w:numPr) and ``style``."""
        role = _role(style)
        level = 0
        fmt = None
        if num is not None:
            ilvl, num_id = _firsts(num, (_ILVL, _NUMID))
            level = bounded_int(ilvl.get(_VAL), 0, MAX_LIST_LEVEL) if ilvl is not None else 0
            if num_id is not None:
                fmt = self.numbering.get((num_id.get(_VAL), level))
            if fmt is None and num_id is not None and num_id.get(_VAL) == "0":
                return ""
        elif not role.list_style:
            return ""
        level = max(level, role.list_level)
        numbered = (fmt not in (None, "bullet", "none")) if fmt else role.numbered_name
        return "   " * level + ("1. " if numbered else "- ")

    def figure(self, drawing: Any) -> Block:
        where = f"paragraph {self.n_paras}"
        alt = " ".join(d.get("descr") or "" for d in drawing.iter() if d.tag.endswith("}docPr")).strip()
        blip = next((b for b in drawing.iter() if b.tag.endswith("}blip")), None)
        rid = blip.get(R_EMBED) if blip is not None else None
        rel = self.package.rels.get(rid) if rid else None
        try:
            if rel is None or not rel.part:
                raise KeyError(rid)
            blob, content_type = self.package.blob(rel.part), self.package.content_type(rel.part)
        except KeyError:  # linked, or embedded in a part the package lacks
            return Skip(where, "image not imported (linked, not embedded)", alt)
        suffix = Path(rel.part).suffix.lower() or ".png"
        return Figure(where, blob, content_type, suffix, alt)

    # --- tables ----------------------------------------------------------------------------------

    def table_rows(self, tbl: Any) -> list[list[Cell]]:
        rows: list[list[Cell]] = []
        for tr in _unwrapped(tbl, _TR):
            row: list[Cell] = []
            trpr = _first(tr, _TRPR)
            before = _first(trpr, _GRID_BEFORE) if trpr is not None else None
            if before is not None:
                row.extend(Cell(merged=True) for _ in range(bounded_int(before.get(_VAL), 0, MAX_GRID_COLUMNS)))
            for tc in _unwrapped(tr, _TC):
                span, vmerge, fill = 1, None, None
                tcpr = _first(tc, _TCPR)
                if tcpr is not None:
                    g, v, s = _firsts(tcpr, (_GRID_SPAN, _VMERGE, _SHD))
                    if g is not None:
                        span = bounded_int(g.get(_VAL), 1, MAX_GRID_COLUMNS, low=1)
                    if v is not None:
                        vmerge = v.get(_VAL, "continue")
                    if s is not None:
                        fill = s.get(W + "fill")
                        if fill in (None, "auto"):
                            fill = None
                text, markdown = self.cell_text(tc)
                continued = vmerge == "continue"
                row.append(Cell(text="" if continued else text, fill=fill, merged=continued,
                                markdown=None if continued or markdown == text else markdown))
                row.extend(Cell(merged=True) for _ in range(span - 1))
            rows.append(row)
        return rows

    def cell_text(self, tc: Any) -> tuple[str, str]:
        """Plain text (for plan fields) and CommonMark (for tables inside answers) of a cell."""
        plain, marked = [], []
        for p in tc.iter(_P):
            style, num, text, md = self.read_paragraph(p)
            if text.strip():
                prefix = self.list_prefix(num, style)
                plain.append((prefix + text.strip()) if prefix else text.strip())
                marked.append((prefix + md.strip()) if prefix else md.strip())
        return "\n\n".join(plain), "\n\n".join(marked)


@dataclass(frozen=True)
class _Role:
    """What a paragraph style's name says about its paragraphs."""

    heading: int | None  # "Heading 2", "Titre 2", "Title" (level 1)
    kind: str  # "toc", "caption", "quote" or ""
    list_style: bool  # "List Bullet", "List Number 2" …: a list item even without numbering properties
    list_level: int  # from the name's last digit ("List Bullet 2" is level 1); -1 without one
    numbered_name: bool  # "number" in the name


@lru_cache(maxsize=1024)  # a document uses a handful of styles, for hundreds of paragraphs
def _role(style: str) -> _Role:
    low = style.lower()
    heading = None
    if m := _HEADING.match(style):
        heading = int(m.group(1))
    elif low == "title":
        heading = 1
    kind = ("toc" if low.startswith("toc") else "caption" if low == "caption"
            else "quote" if low in ("quote", "intense quote", "block text") else "")
    digit = _LAST_DIGIT.search(low)
    return _Role(heading, kind, low.startswith("list"), int(digit.group(1)) - 1 if digit else -1, "number" in low)


def bounded_int(text: str | None, default: int, high: int, low: int = 0) -> int:
    """An integer attribute clamped to ``low``..``high``; ``default`` when missing or not a number."""
    try:
        value = int(text) if text is not None else default
    except ValueError:
        return default
    return min(max(value, low), high)


def _unwrapped(parent: Any, tag: str) -> list[Any]:
    """Children named ``tag`` (a Clark name), including those wrapped in content controls (w:sdt) or custom XML."""
    out = []
    for child in parent[:]:
        if child.tag == tag:
            out.append(child)
        elif child.tag == _SDT:
            inner = _first(child, _SDT_CONTENT)
            if inner is not None:
                out.extend(_unwrapped(inner, tag))
        elif child.tag == _CUSTOM_XML:
            out.extend(_unwrapped(child, tag))
    return out


def _first(parent: Any, tag: str) -> Any:
    """The first child named ``tag``, or None (a loop over the children is cheaper than lxml's find)."""
    for child in parent[:]:
        if child.tag == tag:
            return child
    return None


def _firsts(parent: Any, tags: tuple[str, ...]) -> list[Any]:
    """The first child named each of ``tags`` (None where there is none), from one pass over the children."""
    found: list[Any] = [None] * len(tags)
    for child in parent[:]:
        if child.tag in tags:
            k = tags.index(child.tag)
            if found[k] is None:
                found[k] = child
    return found


def _run(r: Any) -> tuple[str, bool, bool]:
    """Text, bold and italic of one run (w:r)."""
    text = ""  # a run holds one w:t, mostly
    rpr = None
    for el in r[:]:
        tag = el.tag
        if tag == _T:
            text += el.text or ""
        elif tag == _TAB:
            text += "\t"
        elif tag in (_BR, _CR):
            text += "\n"
        elif tag == _RPR and rpr is None:
            rpr = el
    if rpr is None or not len(rpr):
        return text, False, False
    b, i = _firsts(rpr, (_B, _I))
    return text, b is not None and b.get(_VAL, "true") not in _OFF, i is not None and i.get(_VAL, "true") not in _OFF


def _markdown(segments: list[tuple[str, bool, bool, str | None]]) -> str:
    # Adjacent runs with the same formatting are one span: Word splits runs for spell-checking.
    merged: list[list] = []
    for text, bold, italic, link in segments:
        if merged and merged[-1][1:] == [bold, italic, link] and link is None:
            merged[-1][0] += text
        else:
            merged.append([text, bold, italic, link])
    out = []
    for text, bold, italic, link in merged:
        if link:
            out.append(f"<{link}>" if text == link else f"[{escape_markdown(text)}]({link})" if text else "")
            continue
        if not text.strip() or not (bold or italic):
            out.append(escape_markdown(text))
            continue
        lead = text[: len(text) - len(text.lstrip())]
        trail = text[len(text.rstrip()) :]
        core = escape_markdown(text.strip())
        if bold:
            core = f"**{core}**"
        if italic:
            core = f"*{core}*"
        out.append(lead + core + trail)
    return "".join(out)
