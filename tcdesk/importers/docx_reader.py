"""Reads a Word document into blocks: paragraphs as CommonMark, tables as cells with their shading."""

from __future__ import annotations

import re
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
_HEADING = re.compile(r"^(?:heading|titre|überschrift)\s*(\d)$", re.I)


def read_docx(path: Path) -> list[Block]:
    """Every paragraph and table of the document body, in order.

    :raises InvalidInputError: when python-docx cannot open the package.
    """
    import docx
    from docx.opc.exceptions import PackageNotFoundError

    try:
        document = docx.Document(str(path))
    except (PackageNotFoundError, KeyError, ValueError) as exc:
        raise InvalidInputError(f"not a readable Word document ({exc})", path) from exc
    except Exception as exc:
        raise InvalidInputError(f"damaged Word document: {exc}", path) from exc
    reader = _Reader(document)
    return reader.blocks()


class _Reader:
    def __init__(self, document: Any) -> None:
        self.doc = document
        self.part = document.part
        self.styles = {s.style_id: s for s in document.styles}
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
        for child in self.doc.element.body.iterchildren():
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
        sid = ppr.find(W + "pStyle").get(W + "val") if ppr is not None and ppr.find(W + "pStyle") is not None else ""
        style = self.styles.get(sid)
        return style.name if style is not None and style.name else sid

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
                url = self.part.rels[rid].target_ref if rid and rid in self.part.rels else ""
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
        if m := re.search(r"(\d)$", low):
            level = max(level, int(m.group(1)) - 1)
        numbered = (fmt not in (None, "bullet", "none")) if fmt else "number" in low
        return "   " * level + ("1. " if numbered else "- ")

    def _numbering_formats(self) -> dict[tuple[str, int], str]:
        try:
            numbering = self.part.numbering_part.element
        except (NotImplementedError, KeyError, AttributeError):
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
        part = self.part.related_parts.get(rid) if rid else None
        if part is None:
            return Skip(where, "image not imported (linked, not embedded)", alt)
        suffix = Path(str(part.partname)).suffix.lower() or ".png"
        return Figure(where, part.blob, part.content_type, suffix, alt)

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
