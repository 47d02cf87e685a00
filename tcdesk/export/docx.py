"""The Word document: the official form's layout in real Word styles, for working groups to edit."""

from __future__ import annotations

import io
import threading
import zipfile
from collections.abc import Callable
from datetime import datetime, time

import docx
from docx.enum.section import WD_ORIENT, WD_SECTION
from docx.enum.style import WD_STYLE_TYPE
from docx.opc.packuri import PackURI
from docx.opc.part import Part
from docx.opc.pkgwriter import _ContentTypesItem  # how python-docx's own save lists content types
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Mm, Pt, RGBColor

from tcdesk.export import docx_xml as wml
from tcdesk.export import embed
from tcdesk.export.chart_png import rag_chart_png
from tcdesk.export.document import ActionTable, Document, QuestionPart, RagSummary, build, chart_alt, style
from tcdesk.export.docx_blocks import TABLE_STYLE, BlockWriter, StyleIds, describe, link, runs_xml, text_width
from tcdesk.export.markdown import Paragraph as MdParagraph
from tcdesk.export.markdown import Run, clean_text, linkable
from tcdesk.model import Submission

TABLE_TEXT = "Table Text"
CONTENTS_HEADING = "TOC Heading"


def _char(paragraph, kind: str) -> None:
    el = OxmlElement("w:fldChar")
    el.set(qn("w:fldCharType"), kind)
    paragraph.add_run()._r.append(el)


def _field_start(paragraph, instruction: str) -> None:
    """Opens a complex field: what follows, up to :func:`_field_end`, is its last computed result."""
    _char(paragraph, "begin")
    instr = OxmlElement("w:instrText")
    instr.set(qn("xml:space"), "preserve")
    instr.text = f" {instruction} "
    paragraph.add_run()._r.append(instr)
    _char(paragraph, "separate")


def _field_end(paragraph) -> None:
    _char(paragraph, "end")


def _field(paragraph, instruction: str) -> None:
    """A complex field (PAGE, NUMPAGES) that Word and LibreOffice update when they lay out pages."""
    _field_start(paragraph, instruction)
    paragraph.add_run("1")  # shown until the reader updates the field
    _field_end(paragraph)


def _outline_level(level: int):
    el = OxmlElement("w:outlineLvl")
    el.set(qn("w:val"), str(level))
    return el


class DocxWriter:
    """Lays one :class:`Document` out: python-docx for what a document has once, :mod:`docx_xml` for the body."""

    def __init__(self, document: Document) -> None:
        self.doc = document
        self.style = style()  # read before the chart threads start, so they find it cached
        # The charts first: encoding a PNG lets go of the interpreter, so on a second core each is
        # drawn while python-docx opens its template and the answers before it are written.
        self.charts = {id(q.summary): _Chart(q.summary) for q in document.questions if q.summary is not None}
        self.word = docx.Document()
        self.ids = StyleIds(self.word)
        self._setup()
        self.width = text_width(self.word.sections[0])
        self.out = wml.BodyWriter(self.word.element.body)
        self.blocks = BlockWriter(self.word, self.out, document.submission, self.width, self.ids)

    def _setup(self) -> None:
        sizes, colours = self.style["sizes"], self.style["colours"]
        normal = self.ids.style("Normal")
        normal.font.name = self.style["docx"]["font"]
        normal.font.size = Pt(sizes["body"])
        for name, key in (("Title", "title"), ("Subtitle", "subtitle"), ("Heading 1", "heading1"),
                          ("Heading 2", "heading2"), ("Heading 3", "heading3")):
            s = self.ids.style(name)
            s.font.size = Pt(sizes[key])
            s.font.color.rgb = RGBColor.from_string(colours["heading"].lstrip("#").upper())
        for name in ("List Bullet", "List Bullet 2", "List Bullet 3", "List Number", "List Number 2",
                     "List Number 3", "List Continue", "List Continue 2", "List Continue 3"):
            self.ids.style(name).paragraph_format.space_after = Pt(2)  # lists read as lists, not as prose
        table_text = self.word.styles.add_style(TABLE_TEXT, WD_STYLE_TYPE.PARAGRAPH)
        table_text.base_style = normal
        table_text.font.size = Pt(sizes["table"])
        table_text.paragraph_format.space_after = Pt(0)
        margins = self.style["page"]["margins_mm"]
        section = self.word.sections[0]
        section.page_width, section.page_height = Mm(210), Mm(297)
        section.top_margin, section.bottom_margin = Mm(margins["top"]), Mm(margins["bottom"])
        section.left_margin, section.right_margin = Mm(margins["left"]), Mm(margins["right"])
        d = self.doc
        header = section.header.paragraphs[0]
        header.text = d.organisation
        footer = section.footer.paragraphs[0]
        footer.add_run(f"{d.organisation}    Page ")
        _field(footer, "PAGE")
        footer.add_run(" of ")
        _field(footer, "NUMPAGES")
        for p in (header, footer):
            for run in p.runs:
                run.font.size = Pt(sizes["footer"])
        props = self.word.core_properties
        created = datetime.combine(d.created, time(12, 0))
        # python-docx refuses core properties over 255 characters (a long organisation name); the
        # document itself keeps the full text, the file's properties an abbreviation.
        props.title, props.author, props.subject = (_property(v) for v in (d.title, d.author, d.subject))
        props.created = props.modified = created
        props.last_modified_by, props.revision = "tcdesk", 1
        props.language = self.style["pdf"].get("language", "en-GB")
        props.comments = ""
        _proofing_language(self.word, props.language)
        # Word's own "TOC Heading": looks like Heading 1 but is body text, so the contents do not list it.
        contents = self.ids.style(CONTENTS_HEADING)
        contents.base_style = self.ids.style("Heading 1")
        ppr = contents.element.get_or_add_pPr()
        if ppr.find(qn("w:outlineLvl")) is None:
            ppr.append(_outline_level(9))

    def render(self) -> bytes:
        d, w, out, ids = self.doc, self.word, self.out, self.ids
        out.add(ids.paragraph("Title", d.title))
        out.add(ids.paragraph("Subtitle", d.template.subtitle))
        self._header_table()
        out.add(ids.paragraph(CONTENTS_HEADING, "Contents"))
        out.flush()
        self._contents([f"Question {q.title}" for q in d.questions] + ["Sign-off"])
        for part in d.questions:
            self._question(part)
        self._signoff()
        out.flush()
        if self.blocks.numbering is not None:
            self.blocks.numbering.flush()
        return _package(w, d)

    def _contents(self, lines: list[str]) -> None:
        """A real TOC field over Heading 1–3; until Word updates it, it shows the question list."""
        first = self.word.add_paragraph()
        _field_start(first, r'TOC \o "1-3" \h \z \u')
        first.add_run(lines[0])
        last = first
        for line in lines[1:]:
            last = self.word.add_paragraph(line)
        _field_end(last)
        for paragraph in self.word.paragraphs[-len(lines):]:
            paragraph.paragraph_format.space_after = Pt(2)
        # Word refreshes fields (this TOC, PAGE, NUMPAGES) when it opens the file.
        settings = self.word.settings.element
        update = settings.find(qn("w:updateFields"))
        if update is None:
            update = OxmlElement("w:updateFields")
            settings.append(update)
        update.set(qn("w:val"), "true")

    def _cell(self, width: int, value: str, bold: bool = False, fill: str | None = None, keep_next: bool = False) -> str:
        """A plan or label table cell: one paragraph in the table text style, its value in one run."""
        run = wml.run(value, bold=bold) if value else ""
        return wml.cell(width, wml.paragraph(run, self.ids[TABLE_TEXT], wml.KEEP_NEXT if keep_next else ""), fill)

    def _label_table(self, rows: list[tuple[str, str | Callable[[], str]]], heights: dict[int, int] | None = None) -> None:
        """Label and value rows; a callable value gives the content of the value cell's paragraph."""
        widths = [wml.twips(int(self.width * share)) for share in (0.3, 0.7)]
        head_fill = self.style["colours"]["table_header"]
        xml = [wml.table(self.ids[TABLE_STYLE], widths, fixed=True)]
        for i, (label, value) in enumerate(rows):
            xml.append(wml.row(height=(heights or {}).get(i)))
            xml.append(self._cell(widths[0], label, bold=True, fill=head_fill))
            xml.append(wml.cell(widths[1], wml.paragraph(value())) if callable(value) else self._cell(widths[1], value))
            xml.append(wml.ROW_END)
        xml.append(wml.TABLE_END)
        self.out.add("".join(xml))

    def _header_table(self) -> None:
        d = self.doc
        labels = d.template.header_labels

        def leads() -> str:
            return wml.run("\n".join(f"{n}, {r}" if r else n for n, r, _ in d.leads), props=False)

        def mails() -> str:
            return wml.run("\n", props=False).join(link(self.word.part, f"mailto:{m}", m) for _, _, m in d.leads if m)

        self._label_table([(labels.get("organisation", "Organisation:"), d.organisation),
                           (labels.get("leads", "Leads:"), leads), (labels.get("emails", "E-mails:"), mails)])

    def _question(self, part: QuestionPart) -> None:
        out = self.out
        out.add(self.ids.paragraph("Heading 1", f"Question {part.title}"))
        # The official wording, word for word and in bold, then the answer.
        for block in part.text:
            if isinstance(block, MdParagraph):
                out.add(wml.paragraph(runs_xml(self.word.part, [Run(r.text, True, r.italic, r.code, r.href, r.line_break)
                                                                for r in block.runs])))
        self.blocks.outline = 1
        self.blocks.write(part.answer)
        if part.summary is not None:
            self._summary(part, part.summary)
        if part.kind in ("previous-plan", "new-plan"):
            self._plan_tables(part)
        if part.kind == "webpage":
            url = part.webpage_url
            target = link(self.word.part, url, url) if linkable(url) else wml.run(url, props=False)
            out.add(wml.paragraph(wml.run("Webpage: ", bold=True) + target))

    def _summary(self, part: QuestionPart, summary: RagSummary) -> None:
        w, out = self.word, self.out
        title = "RAG summary of the previous action plan" + (f" ({part.period})" if part.period else "")
        out.add(self.ids.paragraph("Heading 2", title))
        head = ["Pillar", "Green", "Amber", "Red"] + (["Not rated"] if summary.show_unrated else []) + ["Total"]
        width = wml.twips(self.blocks.table_width // len(head))
        fill = self.style["colours"]["table_header"]
        # keep_next on each row's first cell keeps the table and its chart on one page
        xml = [wml.table(self.ids[TABLE_STYLE], [width] * len(head)), wml.row(header=True)]
        xml += [self._cell(width, h, bold=True, fill=fill, keep_next=j == 0) for j, h in enumerate(head)]
        xml.append(wml.ROW_END)
        for label, c in [*summary.rows, ("Total", summary.total)]:
            values = [c.green, c.amber, c.red] + ([c.unrated] if summary.show_unrated else []) + [c.total]
            xml.append(wml.row())
            xml += [self._cell(width, str(v), bold=label == "Total", keep_next=j == 0) for j, v in enumerate([label, *values])]
            xml.append(wml.ROW_END)
        xml.append(wml.TABLE_END)
        out.add("".join(xml))
        out.add(wml.paragraph(properties=wml.KEEP_NEXT))
        out.flush()  # python-docx adds the chart's paragraph to the body itself
        chart = w.add_picture(io.BytesIO(self.charts[id(summary)].png()), width=Mm(self.style["sizes"]["chart_width_mm"] + 30))
        describe(chart, chart_alt(summary))
        out.add(self.ids.paragraph("Caption", "RAG status of the previous plan's actions by pillar"))

    def _plan_tables(self, part: QuestionPart) -> None:
        out = self.out
        landscape = bool(self.style["page"].get("landscape_plan_tables", True))
        if landscape:
            self._new_section(WD_ORIENT.LANDSCAPE)
        plan = "Previous action plan" if part.kind == "previous-plan" else "New 36-month action plan"
        out.add(self.ids.paragraph("Heading 2", plan + (f" ({part.period})" if part.period else "")))
        if not part.tables:
            out.add(self.ids.paragraph(None, "No actions recorded."))
        width = self.blocks.table_width  # the landscape section's, when the plan has one
        for table in part.tables:
            out.add(self.ids.paragraph("Heading 3", table.pillar))
            self._action_table(table, width)
        if landscape:
            self._new_section(WD_ORIENT.PORTRAIT)

    def _new_section(self, orientation) -> None:
        self.out.flush()  # the section break closes the body written so far
        previous = self.word.sections[-1]
        section = self.word.add_section(WD_SECTION.NEW_PAGE)
        sides = (previous.page_width or 0, previous.page_height or 0)
        long, short = max(sides), min(sides)
        section.orientation = orientation
        if orientation == WD_ORIENT.LANDSCAPE:
            section.page_width, section.page_height = long, short
        else:
            section.page_width, section.page_height = short, long
        self.blocks.table_width = text_width(section)

    def _action_table(self, data: ActionTable, width: int) -> None:
        shades = self.style["colours"]["rag_cell"]
        total = sum(data.widths)
        widths = [wml.twips(int(width * w / total)) for w in data.widths]
        fill = self.style["colours"]["table_header"]
        xml = [wml.table(self.ids[TABLE_STYLE], widths, fixed=True), wml.row(header=True)]
        xml += [self._cell(cw, column.label, bold=True, fill=fill) for column, cw in zip(data.columns, widths)]
        xml.append(wml.ROW_END)
        rag_col = data.rag_column
        for i, values in enumerate(data.rows):
            xml.append(wml.row())
            for j, (value, cw) in enumerate(zip(values, widths)):
                if j == rag_col:
                    rag = data.rags[i]
                    xml.append(self._cell(cw, value, fill=shades[rag.value if rag else "unrated"]))
                else:
                    xml.append(self._cell(cw, value))
            xml.append(wml.ROW_END)
        xml.append(wml.TABLE_END)
        self.out.add("".join(xml))

    def _signoff(self) -> None:
        out = self.out
        out.add(self.ids.paragraph("Heading 1", "Sign-off"))
        for sig in self.doc.signatures:
            out.add(self.ids.paragraph("Heading 2", sig.label))
            self._label_table([("Name", sig.name), ("Role", sig.role), (sig.signed_label, "\n\n"),
                               (sig.date_label, sig.date)], heights={2: wml.twips(Mm(15))})
            out.add(wml.paragraph())


class _Chart(threading.Thread):
    """The RAG chart drawn while the body is written: Pillow lets go of the interpreter while it
    encodes the PNG, so on a second core the picture costs the export no time."""

    def __init__(self, summary: RagSummary) -> None:
        super().__init__(name="docx-rag-chart", daemon=True)
        self.summary = summary
        self._png = b""
        self._error: BaseException | None = None
        self.start()

    def run(self) -> None:
        try:
            self._png = rag_chart_png(self.summary)
        except BaseException as exc:  # noqa: BLE001 - handed to the exporting thread by png()
            self._error = exc

    def png(self) -> bytes:
        self.join()
        if self._error is not None:
            raise self._error
        return self._png


def render(submission: Submission) -> bytes:
    """The Word document as bytes (nothing is written)."""
    return DocxWriter(build(submission)).render()


# python-docx's template carries another program's statistics (1 page, 0 words, "Microsoft Macintosh
# Word"); Word recomputes them on save, so the file says only who wrote it.
APP_XML = (b"<?xml version='1.0' encoding='UTF-8' standalone='yes'?>\n"
           b'<Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/extended-properties" '
           b'xmlns:vt="http://schemas.openxmlformats.org/officeDocument/2006/docPropsVTypes">'
           b"<Application>tcdesk</Application><DocSecurity>0</DocSecurity><ScaleCrop>false</ScaleCrop>"
           b"<LinksUpToDate>false</LinksUpToDate><SharedDoc>false</SharedDoc>"
           b"<HyperlinksChanged>false</HyperlinksChanged></Properties>")


FIXED_ZIP_TIME = (1980, 1, 1, 0, 0, 0)


def _package(word, document: Document) -> bytes:
    """The DOCX file: python-docx's parts and relationships, in the order its writer puts them, zipped once
    with every member dated 1980-01-01 (so equal documents are equal files), tcdesk's ``app.xml`` and
    the submission's data (:mod:`tcdesk.export.embed`) with the fingerprint of every other member.

    python-docx's own ``save`` stamps each member with the time of day; re-zipping its output to fix
    that cost a second compression of the whole package.
    """
    package = word.part.package
    carried = Part(PackURI(embed.PART_NAME), embed.MEDIA_TYPE, b"", package)
    package.relate_to(carried, embed.RELATIONSHIP)
    parts = package.parts
    for part in parts:
        part.before_marshal()
    members = [("[Content_Types].xml", _ContentTypesItem.from_parts(parts).blob), ("_rels/.rels", package.rels.xml)]
    for part in parts:
        name = part.partname.membername
        members.append((name, APP_XML if name == "docProps/app.xml" else part.blob))
        if len(part.rels):
            members.append((part.partname.rels_uri.membername, part.rels.xml))
    own = carried.partname.membername
    data = embed.payload(document, embed.package_fingerprint([name for name, _ in members], dict(members).__getitem__))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for name, blob in members:
            member = zipfile.ZipInfo(name, date_time=FIXED_ZIP_TIME)
            member.compress_type = zipfile.ZIP_DEFLATED
            dst.writestr(member, data if name == own else blob)
    return out.getvalue()


def _proofing_language(word, language: str) -> None:
    """Every ``w:lang`` of the styles (and the document default) set to ``language`` for spelling and reading."""
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


CORE_PROPERTY_CHARS = 255


def _property(value: str) -> str:
    """``value`` cut to what a DOCX core property may hold, ending in "…" when cut."""
    value = " ".join(clean_text(value).split())
    return value if len(value) <= CORE_PROPERTY_CHARS else value[: CORE_PROPERTY_CHARS - 1].rstrip() + "…"
