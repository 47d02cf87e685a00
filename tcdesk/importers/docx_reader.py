"""Reads a Word document into blocks: paragraphs as CommonMark, tables as cells with their shading."""

from __future__ import annotations

import posixpath
import re
import zipfile
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from tcdesk.errors import InvalidInputError
from tcdesk.importers.blocks import Block, Figure, Para, Skip, Table, escape_markdown
from tcdesk.importers.rows import Cell

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
R_ID = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}id"
R_EMBED = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}embed"
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
        from lxml import etree

        # As python-docx parses: ignorable whitespace dropped, entities never expanded.
        self._parser = etree.XMLParser(remove_blank_text=True, resolve_entities=False)
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
        self.style_names: dict[str | None, str | None] = {}
        if styles is not None:
            for style in styles.iterchildren(W + "style"):
                name = style.find(W + "name")
                value = name.get(W + "val") if name is not None else None
                self.style_names[style.get(W + "styleId")] = _UI_NAMES.get(value, value) if value is not None else None
        self.numbering = self._related(_RT + "numbering")

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

    def _related(self, rel_type: str):
        part = next((r.part for r in self.rels.values() if r.kind == rel_type and r.part), None)
        return self._xml(part) if part is not None else None

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


@dataclass(frozen=True)
class _Rel:
    target: str  # as the file writes it: a hyperlink's URL
    part: str  # the part it points to inside the package ("" when external)
    kind: str


class _Reader:
    def __init__(self, package: _Package) -> None:
        self.package = package
        self.styles = package.style_names
        self.numbering = self._numbering_formats()
        self.n_tables = 0
        self.n_paras = 0

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
        for child in body.iterchildren() if body is not None else ():
            if child.tag == W + "p":
                self.n_paras += 1
                out.extend(self.paragraph(child))
            elif child.tag == W + "tbl":
                self.n_tables += 1
                out.append(Table(self.table_rows(child), f"table {self.n_tables}"))
            elif child.tag == W + "sdt":  # content controls wrap ordinary paragraphs and tables
                for inner in child.iter(W + "p"):
                    self.n_paras += 1
                    out.extend(self.paragraph(inner))
        return out

    # --- paragraphs ------------------------------------------------------------------------------

    def _style_name(self, p: Any) -> str:
        ppr = p.find(W + "pPr")
        pstyle = ppr.find(W + "pStyle") if ppr is not None else None
        sid = (pstyle.get(W + "val") if pstyle is not None else "") or ""
        return self.styles.get(sid) or sid

    def paragraph(self, p: Any) -> list[Block]:
        style = self._style_name(p)
        blocks: list[Block] = []
        for drawing in p.iter(W + "drawing"):
            blocks.append(self.figure(drawing))
        if p.findall(".//{urn:schemas-microsoft-com:vml}imagedata"):
            blocks.append(Skip(f"paragraph {self.n_paras}", "old-style (VML) image not imported"))
        text, markdown = self.inline(p)
        if not text.strip():
            return blocks
        heading = None
        if m := _HEADING.match(style):
            heading = int(m.group(1))
        elif style.lower() == "title":
            heading = 1
        if style.lower().startswith("toc"):
            return blocks
        if style.lower() == "caption":
            blocks.append(Skip(f"paragraph {self.n_paras}", "caption (of a figure or chart) not imported", text.strip()))
            return blocks
        if style.lower() in ("quote", "intense quote", "block text"):
            blocks.append(Para(markdown="> " + markdown.strip(), text=text))
            return blocks
        list_prefix = self.list_prefix(p, style)
        if heading:
            markdown = "#" * min(heading, 6) + " " + text.strip()
        elif list_prefix:
            markdown = list_prefix + markdown.strip()
        kind = ("number" if list_prefix.strip()[0].isdigit() else "bullet") if list_prefix else ""
        blocks.append(Para(markdown=markdown.strip("\n"), text=text, heading=heading, list_item=kind))
        return blocks

    def inline(self, p: Any) -> tuple[str, str]:
        """Plain text and CommonMark of one paragraph (bold, italic, links, line breaks)."""
        plain: list[str] = []
        segments: list[tuple[str, bool, bool, str | None]] = []  # text, bold, italic, link target
        for child in p.iterchildren():
            if child.tag == W + "hyperlink":
                rid = child.get(R_ID)
                url = self.package.rels[rid].target if rid and rid in self.package.rels else ""
                anchor = child.get(W + "anchor")
                target = url or (f"#{anchor}" if anchor else "")
                t = "".join(self._run_text(r) for r in child.iter(W + "r"))
                plain.append(t)
                segments.append((t, False, False, target or None))
            elif child.tag in (W + "r", W + "ins", W + "smartTag", W + "fldSimple", W + "customXml"):
                runs = [child] if child.tag == W + "r" else list(child.iter(W + "r"))
                for r in runs:
                    t = self._run_text(r)
                    plain.append(t)
                    segments.append((t, *_formatting(r), None))
        return "".join(plain), _markdown(segments)

    @staticmethod
    def _run_text(r: Any) -> str:
        out = []
        for el in r.iterchildren():
            if el.tag == W + "t":
                out.append(el.text or "")
            elif el.tag == W + "tab":
                out.append("\t")
            elif el.tag in (W + "br", W + "cr"):
                out.append("\n")
        return "".join(out)

    def list_prefix(self, p: Any, style: str) -> str:
        ppr = p.find(W + "pPr")
        num = ppr.find(W + "numPr") if ppr is not None else None
        low = style.lower()
        level = 0
        fmt = None
        if num is not None:
            ilvl, num_id = num.find(W + "ilvl"), num.find(W + "numId")
            level = bounded_int(ilvl.get(W + "val"), 0, MAX_LIST_LEVEL) if ilvl is not None else 0
            if num_id is not None:
                fmt = self.numbering.get((num_id.get(W + "val"), level))
            if fmt is None and num_id is not None and num_id.get(W + "val") == "0":
                return ""
        elif not low.startswith("list"):
            return ""
        if m := _LAST_DIGIT.search(low):
            level = max(level, int(m.group(1)) - 1)
        numbered = (fmt not in (None, "bullet", "none")) if fmt else "number" in low
        return "   " * level + ("1. " if numbered else "- ")

    def _numbering_formats(self) -> dict[tuple[str, int], str]:
        numbering = self.package.numbering
        if numbering is None:
            return {}
        abstract = {}
        for a in numbering.findall(W + "abstractNum"):
            for lvl in a.findall(W + "lvl"):
                fmt = lvl.find(W + "numFmt")
                abstract[(a.get(W + "abstractNumId"), bounded_int(lvl.get(W + "ilvl"), 0, MAX_LIST_LEVEL))] = (
                    fmt.get(W + "val") if fmt is not None else "bullet"
                )
        out = {}
        for n in numbering.findall(W + "num"):
            aid = n.find(W + "abstractNumId")
            if aid is None:
                continue
            for (abs_id, level), fmt in abstract.items():
                if abs_id == aid.get(W + "val"):
                    out[(n.get(W + "numId"), level)] = fmt
        return out

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
        for tr in _unwrapped(tbl, "tr"):
            row: list[Cell] = []
            trpr = tr.find(W + "trPr")
            before = trpr.find(W + "gridBefore") if trpr is not None else None
            if before is not None:
                row.extend(Cell(merged=True) for _ in range(bounded_int(before.get(W + "val"), 0, MAX_GRID_COLUMNS)))
            for tc in _unwrapped(tr, "tc"):
                tcpr = tc.find(W + "tcPr")
                span, vmerge, fill = 1, None, None
                if tcpr is not None:
                    if (g := tcpr.find(W + "gridSpan")) is not None:
                        span = bounded_int(g.get(W + "val"), 1, MAX_GRID_COLUMNS, low=1)
                    if (v := tcpr.find(W + "vMerge")) is not None:
                        vmerge = v.get(W + "val", "continue")
                    if (s := tcpr.find(W + "shd")) is not None:
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
        for p in tc.iter(W + "p"):
            text, md = self.inline(p)
            if text.strip():
                prefix = self.list_prefix(p, self._style_name(p))
                plain.append((prefix + text.strip()) if prefix else text.strip())
                marked.append((prefix + md.strip()) if prefix else md.strip())
        return "\n\n".join(plain), "\n\n".join(marked)


def bounded_int(text: str | None, default: int, high: int, low: int = 0) -> int:
    """An integer attribute clamped to ``low``..``high``; ``default`` when missing or not a number."""
    try:
        value = int(text) if text is not None else default
    except ValueError:
        return default
    return min(max(value, low), high)


def _unwrapped(parent: Any, tag: str) -> list[Any]:
    """Children named ``tag``, including those wrapped in content controls (w:sdt) or custom XML."""
    out = []
    for child in parent.iterchildren():
        if child.tag == W + tag:
            out.append(child)
        elif child.tag in (W + "sdt", W + "customXml"):
            inner = child.find(W + "sdtContent") if child.tag == W + "sdt" else child
            if inner is not None:
                out.extend(_unwrapped(inner, tag))
    return out


def _formatting(r: Any) -> tuple[bool, bool]:
    rpr = r.find(W + "rPr")
    if rpr is None:
        return False, False
    b, i = rpr.find(W + "b"), rpr.find(W + "i")
    on = lambda el: el is not None and el.get(W + "val", "true") not in ("0", "false")
    return on(b), on(i)


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
