"""The Word document: the official form's layout in real Word styles, for working groups to edit."""

from __future__ import annotations

import threading
from collections.abc import Callable
from datetime import datetime, time

from tcdesk.export import docx_xml as wml
from tcdesk.export import embed
from tcdesk.export.chart_png import rag_chart_png
from tcdesk.export.document import ActionTable, Document, QuestionPart, RagSummary, build, chart_alt, style
from tcdesk.export.docx_blocks import TABLE_STYLE, BlockWriter, StyleIds, link, runs_xml
from tcdesk.export.docx_package import Package
from tcdesk.export.docx_skeleton import CONTENTS_HEADING, TABLE_TEXT
from tcdesk.export.markdown import Paragraph as MdParagraph
from tcdesk.export.markdown import Run, clean_text, linkable
from tcdesk.model import Submission

TOC_SPACING = '<w:spacing w:after="40"/>'  # 2 pt after each line of the contents, as the lists have


def _char(kind: str) -> str:
    return f'<w:r><w:fldChar w:fldCharType="{kind}"/></w:r>'


def _field_start(instruction: str) -> str:
    """Opens a complex field: what follows, up to :func:`_char` ``("end")``, is its last computed result."""
    return (_char("begin") + f'<w:r><w:instrText xml:space="preserve"> {wml.escape_text(instruction)} </w:instrText></w:r>'
            + _char("separate"))


class DocxWriter:
    """Lays one :class:`Document` out as WordprocessingML text (:mod:`docx_xml`) on python-docx's skeleton."""

    def __init__(self, document: Document) -> None:
        self.doc = document
        self.style = style()  # read before the chart threads start, so they find it cached
        # The charts first: encoding a PNG lets go of the interpreter, so on a second core each is
        # drawn while the answers before it are written.
        self.charts = {id(q.summary): _Chart(q.summary) for q in document.questions if q.summary is not None}
        self.package = Package()
        skeleton = self.package.skeleton
        self.ids = StyleIds(skeleton.style_ids, skeleton.list_abstract)
        self.width = skeleton.width_portrait
        self.out = wml.Body()
        self.blocks = BlockWriter(self.package, self.out, document.submission, self.width, self.ids)
        self._landscape = False  # the orientation of the section being written
        self._first_section = True  # no section break yet: the section still holds the header and footer

    def render(self) -> bytes:
        d, out, ids = self.doc, self.out, self.ids
        out.add(ids.paragraph("Title", d.title))
        out.add(ids.paragraph("Subtitle", d.template.subtitle))
        self._header_table()
        out.add(ids.paragraph(CONTENTS_HEADING, "Contents"))
        self._contents([f"Question {q.title}" for q in d.questions] + ["Sign-off"])
        for part in d.questions:
            self._question(part)
        self._signoff()
        out.add(self.package.final_section(self._landscape, self._first_section))
        # python-docx refuses core properties over 255 characters (a long organisation name); the
        # document itself keeps the full text, the file's properties an abbreviation.
        properties = {"title": _property(d.title), "author": _property(d.author), "subject": _property(d.subject)}

        def carried(members: list[tuple[str, bytes]]) -> bytes:
            return embed.payload(d, embed.package_fingerprint([name for name, _ in members], dict(members).__getitem__))

        return self.package.save(out.xml(), d.organisation, properties, datetime.combine(d.created, time(12, 0)),
                                 carried, APP_XML)

    def _contents(self, lines: list[str]) -> None:
        """A real TOC field over Heading 1–3; until Word updates it, it shows the question list."""
        runs = [wml.run(line, props=False) for line in lines]
        runs[0] = _field_start(r'TOC \o "1-3" \h \z \u') + runs[0]
        runs[-1] += _char("end")
        for content in runs:
            self.out.add(wml.paragraph(content, properties=TOC_SPACING))

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
            return wml.run("\n", props=False).join(link(self.package, f"mailto:{m}", m) for _, _, m in d.leads if m)

        self._label_table([(labels.get("organisation", "Organisation:"), d.organisation),
                           (labels.get("leads", "Leads:"), leads), (labels.get("emails", "E-mails:"), mails)])

    def _question(self, part: QuestionPart) -> None:
        out = self.out
        out.add(self.ids.paragraph("Heading 1", f"Question {part.title}"))
        # The official wording, word for word and in bold, then the answer.
        for block in part.text:
            if isinstance(block, MdParagraph):
                out.add(wml.paragraph(runs_xml(self.package, [Run(r.text, True, r.italic, r.code, r.href, r.line_break)
                                                                  for r in block.runs])))
        self.blocks.outline = 1
        self.blocks.write(part.answer)
        if part.summary is not None:
            self._summary(part, part.summary)
        if part.kind in ("previous-plan", "new-plan"):
            self._plan_tables(part)
        if part.kind == "webpage":
            url = part.webpage_url
            target = link(self.package, url, url) if linkable(url) else wml.run(url, props=False)
            out.add(wml.paragraph(wml.run("Webpage: ", bold=True) + target))

    def _summary(self, part: QuestionPart, summary: RagSummary) -> None:
        out = self.out
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
        width_emu = wml.mm(self.style["sizes"]["chart_width_mm"] + 30)
        out.add(self.package.picture(self.charts[id(summary)].png(), chart_alt(summary), width=width_emu))
        out.add(self.ids.paragraph("Caption", "RAG status of the previous plan's actions by pillar"))

    def _plan_tables(self, part: QuestionPart) -> None:
        out = self.out
        landscape = bool(self.style["page"].get("landscape_plan_tables", True))
        if landscape:
            self._new_section(landscape=True)
        plan = "Previous action plan" if part.kind == "previous-plan" else "New 36-month action plan"
        out.add(self.ids.paragraph("Heading 2", plan + (f" ({part.period})" if part.period else "")))
        if not part.tables:
            out.add(self.ids.paragraph(None, "No actions recorded."))
        width = self.blocks.table_width  # the landscape section's, when the plan has one
        for table in part.tables:
            out.add(self.ids.paragraph("Heading 3", table.pillar))
            self._action_table(table, width)
        if landscape:
            self._new_section(landscape=False)

    def _new_section(self, landscape: bool) -> None:
        """A section break (python-docx's ``add_section``): the section so far ends with its own
        properties, and the next one is turned to ``landscape`` or portrait."""
        self.out.add(wml.paragraph(properties=self.package.section(self._landscape, self._first_section)))
        self._landscape, self._first_section = landscape, False
        skeleton = self.package.skeleton
        self.blocks.table_width = skeleton.width_landscape if landscape else skeleton.width_portrait

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
                               (sig.date_label, sig.date)], heights={2: wml.twips(wml.mm(15))})
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


CORE_PROPERTY_CHARS = 255


def _property(value: str) -> str:
    """``value`` cut to what a DOCX core property may hold, ending in "…" when cut."""
    value = " ".join(clean_text(value).split())
    return value if len(value) <= CORE_PROPERTY_CHARS else value[: CORE_PROPERTY_CHARS - 1].rstrip() + "…"
