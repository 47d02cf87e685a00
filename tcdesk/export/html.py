"""The submission as one self-contained, accessible web page (WCAG 2.2 AA): what a university
pastes on its public Technician Commitment page (question 8).

One file: the style sheet is inline, images are data URIs, and nothing runs a script. Landmarks
(banner, navigation, main, contentinfo), a skip link, headings in order (h1 the title, h2 each
question, h3/h4 below), the plans as real tables with captions and ``th scope``, RAG ratings as
words on AA-contrast shading, alternative text on the chart and every figure, ``lang="en-GB"``.
"""

from __future__ import annotations

import base64
import io
from html import escape

from tcdesk.errors import ExportError
from tcdesk.export import markdown as md
from tcdesk.export.document import ActionTable, Document, QuestionPart, RagSummary, build, chart_alt, figure_alt, style
from tcdesk.export.image_limits import check_figure_size
from tcdesk.model import Submission

# Every element holding the user's words takes its direction from its first strong character
# (Unicode P2/P3, as the PDF and Word exports decide it): a Hebrew or Arabic paragraph reads right to
# left, an English one holding a Hebrew name left to right; the page itself stays lang/dir as set.
AUTO = ' dir="auto"'

# Media types a browser shows in <img> without conversion; others are re-encoded as PNG.
_WEB_IMAGES = frozenset({"image/png", "image/jpeg", "image/gif", "image/webp"})

_CSS = """
:root { --text: %(text)s; --heading: %(heading)s; --link: %(link)s; --grid: #6E6E6E; --head: %(table_header)s; }
* { box-sizing: border-box; }
body { margin: 0; font-family: system-ui, -apple-system, "Segoe UI", Roboto, "DejaVu Sans", Arial, sans-serif;
       font-size: 1rem; line-height: 1.5; color: var(--text); background: #FFFFFF; }
.skip-link { position: absolute; left: 0.5rem; top: -4rem; padding: 0.5rem 1rem; background: #FFFFFF;
             color: var(--link); border: 2px solid var(--link); z-index: 1; }
.skip-link:focus { top: 0.5rem; }
header, nav, main, footer { max-width: 72rem; margin: 0 auto; padding: 0 1.25rem; }
header { padding-top: 1.5rem; border-bottom: 1px solid var(--grid); }
h1, h2, h3, h4, h5, h6 { color: var(--heading); line-height: 1.25; }
h1 { font-size: 2rem; margin: 0 0 0.25rem; }
h2 { font-size: 1.5rem; margin-top: 2.5rem; }
h3 { font-size: 1.25rem; margin-top: 1.75rem; }
h4 { font-size: 1.1rem; margin-top: 1.5rem; }
.subtitle { font-size: 1.15rem; margin-top: 0; }
a { color: var(--link); text-decoration: underline; }
a:focus, [tabindex]:focus { outline: 3px solid #1A1A1A; outline-offset: 2px; }
.question-text { font-weight: 600; border-left: 4px solid var(--heading); padding-left: 0.75rem; }
table { border-collapse: collapse; margin: 0.75rem 0 1.25rem; font-size: 0.95rem; }
caption { text-align: left; font-weight: 600; padding: 0.25rem 0; color: var(--heading); }
th, td { border: 1px solid var(--grid); padding: 0.35rem 0.5rem; text-align: start; vertical-align: top; }
thead th, th[scope="row"] { background: var(--head); }
.table-wrap { overflow-x: auto; max-width: 100%%; }
.rag { font-weight: 600; white-space: nowrap; }
.rag-green { background: %(green)s; } .rag-amber { background: %(amber)s; }
.rag-red { background: %(red)s; } .rag-unrated { background: %(unrated)s; }
figure { margin: 1rem 0; }
figure img { max-width: 100%%; height: auto; }
figcaption { font-style: italic; }
blockquote { margin: 1rem 0; padding-left: 1rem; border-left: 4px solid #8C8C8C; }
pre { background: #F2F2F2; padding: 0.75rem; overflow-x: auto; white-space: pre-wrap; }
footer { margin-top: 3rem; padding-bottom: 2rem; border-top: 1px solid var(--grid); font-size: 0.9rem; }
@media print {
  .skip-link, nav { display: none; }
  body { font-size: 10pt; }
  header, main, footer { max-width: none; padding: 0; }
  h2, h3, h4 { break-after: avoid; }
  table { width: 100%%; }
  thead { display: table-header-group; }
  tr, figure { break-inside: avoid; }
  .table-wrap { overflow: visible; }
  a[href^="http"]::after { content: " (" attr(href) ")"; font-size: 0.85em; }
}
"""


def _css() -> str:
    colours = style()["colours"]
    return _CSS % {**colours, **colours["rag_cell"]}


def _text(value: str) -> str:
    return escape(md.clean_text(value)).replace("\n", "<br>")


def _href(value: str) -> str:
    return escape(md.clean_text(value).strip(), quote=True)


def _link(href: str, piece: str) -> str:
    return f'<a href="{_href(href)}">{piece}</a>' if md.linkable(href) else piece


_HTML = md.Markup(_text, "<br>", "<code>{}</code>", "<em>{}</em>", "<strong>{}</strong>", _link)


def _runs(runs: list[md.Run]) -> str:
    return md.markup(runs, _HTML)


def _data_uri(media_type: str, data: bytes) -> str:
    if media_type not in _WEB_IMAGES:
        from PIL import Image

        out = io.BytesIO()
        Image.open(io.BytesIO(data)).save(out, format="PNG")
        media_type, data = "image/png", out.getvalue()
    return f"data:{media_type};base64,{base64.b64encode(data).decode('ascii')}"


class _Blocks:
    """Answer blocks as HTML; headings continue below the question's h2 without skipping a level."""

    def __init__(self, page: HtmlPage) -> None:
        self.page = page
        self.level = 2

    def render(self, blocks: list[md.Block]) -> str:
        return "\n".join(getattr(self, "_" + type(b).__name__.lower())(b) for b in blocks)

    def _paragraph(self, block: md.Paragraph) -> str:
        return f"<p{AUTO}>{_runs(block.runs)}</p>"

    def _heading(self, block: md.Heading) -> str:
        self.level = min(block.level + 2, 6, self.level + 1)
        return f"<h{self.level}{AUTO}>{_runs(block.runs)}</h{self.level}>"

    def _listblock(self, block: md.ListBlock) -> str:
        items = "\n".join(f"<li{AUTO}>{self._item(item)}</li>" for item in block.items)
        if block.ordered:
            start = f' start="{block.start}"' if block.start != 1 else ""
            return f"<ol{start}>\n{items}\n</ol>"
        return f"<ul>\n{items}\n</ul>"

    def _item(self, blocks: list[md.Block]) -> str:
        # A tight item's single paragraph reads as plain text in the item, as browsers expect.
        if len(blocks) == 1 and isinstance(blocks[0], md.Paragraph):
            return _runs(blocks[0].runs)
        return self.render(blocks)

    def _table(self, block: md.Table) -> str:
        width = max([len(block.header)] + [len(r) for r in block.rows]) or 1
        head = "".join(f'<th scope="col"{AUTO}>{_runs(c)}</th>' for c in block.header)
        head += '<td></td>' * (width - len(block.header))
        body = "\n".join("<tr>" + "".join(f"<td{AUTO}>{_runs(c)}</td>" for c in r) + "<td></td>" * (width - len(r)) + "</tr>"
                         for r in block.rows)
        return self.page.table(f"<thead><tr>{head}</tr></thead>\n<tbody>\n{body}\n</tbody>", None)

    def _codeblock(self, block: md.CodeBlock) -> str:
        return f"<pre><code>{escape(md.clean_text(block.text))}</code></pre>"

    def _quote(self, block: md.Quote) -> str:
        return f"<blockquote>\n{self.render(block.blocks)}\n</blockquote>"

    def _rule(self, block: md.Rule) -> str:
        return "<hr>"

    def _figure(self, block: md.Figure) -> str:
        name = block.attachment_name
        attachment = self.page.doc.submission.attachment(name) if name else None
        caption = f"<figcaption{AUTO}>{_text(block.caption)}</figcaption>" if block.caption else ""
        if attachment is None:
            # Images are only ever taken from the submission itself: nothing is fetched.
            return f"<p>{_text(f'[image not attached: {block.source}]')}</p>" + caption
        check_figure_size(attachment.name, attachment.data)
        try:
            src = _data_uri(attachment.media_type, attachment.data)
        except Exception as exc:
            raise ExportError(f"attachment {attachment.name!r} is not a readable image: {exc}") from exc
        alt = escape(figure_alt(block.caption, attachment.name), quote=True)
        return f'<figure>\n<img src="{src}" alt="{alt}">\n{caption}\n</figure>'


class HtmlPage:
    """Writes one :class:`Document` as a single HTML page."""

    def __init__(self, document: Document) -> None:
        self.doc = document
        self.tables = 0

    def table(self, inner: str, caption: str | None) -> str:
        """A table in a focusable scrolling region (wide plans scroll on a phone, not the page)."""
        self.tables += 1
        ident = f"table-{self.tables}"
        label = f'<caption id="{ident}">{_text(caption)}</caption>\n' if caption else ""
        name = f'aria-labelledby="{ident}"' if caption else f'aria-label="Table {self.tables}"'
        return (f'<div class="table-wrap" role="region" {name} tabindex="0">\n'
                f"<table>\n{label}{inner}\n</table>\n</div>")

    def render(self) -> str:
        d = self.doc
        contents = "\n".join(f'<li><a href="#q{q.number}">Question {_text(q.title)}</a></li>' for q in d.questions)
        contents += '\n<li><a href="#signoff">Sign-off</a></li>'
        body = "\n".join(self._question(q) for q in d.questions) + "\n" + self._signoff()
        exported = f"{d.exported.day} {d.exported:%B %Y}"
        return f"""<!DOCTYPE html>
<html lang="{escape(style()['pdf'].get('language', 'en-GB'))}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{_text(d.file_title)}</title>
<meta name="generator" content="tcdesk">
<style>{_css()}</style>
</head>
<body>
<a class="skip-link" href="#main">Skip to main content</a>
<header>
<p{AUTO}>{_text(d.organisation)}</p>
<h1{AUTO}>{_text(d.title)}</h1>
<p class="subtitle">{_text(d.template.subtitle)}</p>
</header>
<nav aria-labelledby="contents-heading">
<h2 id="contents-heading">Contents</h2>
<ol>
{contents}
</ol>
</nav>
<main id="main" tabindex="-1">
{self._cover()}
{body}
</main>
<footer>
<p>{_text(d.organisation)}: {_text(d.template.title)}. Published {exported}.</p>
</footer>
</body>
</html>
"""

    def _cover(self) -> str:
        d = self.doc
        labels = d.template.header_labels
        leads = "<br>".join(_text(f"{name}, {role}" if role else name) for name, role, _ in d.leads)
        mails = "<br>".join(f'<a href="mailto:{_href(mail)}">{_text(mail)}</a>' for _, _, mail in d.leads if mail)
        rows = [(labels.get("organisation", "Organisation:"), _text(d.organisation)),
                (labels.get("leads", "Leads:"), leads), (labels.get("emails", "E-mails:"), mails)]
        inner = "\n".join(f'<tr><th scope="row">{_text(k)}</th><td{AUTO}>{v}</td></tr>' for k, v in rows)
        return self.table(f"<tbody>\n{inner}\n</tbody>", "Organisation and institutional leads")

    def _question(self, part: QuestionPart) -> str:
        official = _Blocks(self).render(part.text)
        out = [f'<section aria-labelledby="q{part.number}">',
               f'<h2 id="q{part.number}">Question {_text(part.title)}</h2>',
               f'<div class="question-text">\n{official}\n</div>',
               _Blocks(self).render(part.answer)]
        if part.summary is not None:
            out.append(self._summary(part, part.summary))
        if part.kind in ("previous-plan", "new-plan"):
            out.append(self._plan(part))
        if part.kind == "webpage" and part.webpage_url:
            url = part.webpage_url
            shown = f'<a href="{_href(url)}">{_text(url)}</a>' if md.linkable(url) else _text(url)
            out.append(f"<p><strong>Webpage:</strong> {shown}</p>")
        out.append("</section>")
        return "\n".join(o for o in out if o)

    def _summary(self, part: QuestionPart, summary: RagSummary) -> str:
        from tcdesk.export.chart_png import rag_chart_png

        heads = ["Green", "Amber", "Red"] + (["Not rated"] if summary.show_unrated else []) + ["Total"]

        def cells(c) -> str:
            values = [c.green, c.amber, c.red] + ([c.unrated] if summary.show_unrated else []) + [c.total]
            return "".join(f"<td>{v}</td>" for v in values)

        head = '<th scope="col">Pillar</th>' + "".join(f'<th scope="col">{h}</th>' for h in heads)
        rows = [f'<tr><th scope="row"{AUTO}>{_text(label)}</th>{cells(c)}</tr>' for label, c in summary.rows]
        rows.append(f'<tr><th scope="row">Total</th>{cells(summary.total)}</tr>')
        period = f" ({_text(part.period)})" if part.period else ""
        table = self.table(f"<thead><tr>{head}</tr></thead>\n<tbody>\n" + "\n".join(rows) + "\n</tbody>",
                           "Actions by pillar and RAG rating")
        chart = _data_uri("image/png", rag_chart_png(summary))
        return (f"<h3>RAG summary of the previous action plan{period}</h3>\n{table}\n"
                f'<figure>\n<img src="{chart}" alt="{escape(chart_alt(summary), quote=True)}">\n'
                f"<figcaption>RAG ratings by pillar (the table above gives the same counts).</figcaption>\n</figure>")

    def _plan(self, part: QuestionPart) -> str:
        plan = "Previous action plan" if part.kind == "previous-plan" else "New 36-month action plan"
        period = f" ({_text(part.period)})" if part.period else ""
        out = [f"<h3>{plan}{period}</h3>"]
        if not part.tables:
            out.append("<p>No actions recorded.</p>")
        for table in part.tables:
            out.append(f"<h4{AUTO}>{_text(table.pillar)}</h4>")
            out.append(self._action_table(table, f"{plan}: {table.pillar}"))
        return "\n".join(out)

    def _action_table(self, table: ActionTable, caption: str) -> str:
        head = "".join(f'<th scope="col">{_text(c.label)}</th>' for c in table.columns)
        rag = table.rag_column
        rows = []
        for i, row in enumerate(table.rows):
            cells = []
            for col, value in enumerate(row):
                if col == rag:
                    rated = table.rags[i] if i < len(table.rags) else None
                    rating = rated.value if rated is not None else "unrated"
                    cells.append(f'<td class="rag rag-{rating}">{_text(value)}</td>')
                elif col == 0:
                    cells.append(f'<th scope="row"{AUTO}>{_text(value)}</th>')
                else:
                    cells.append(f"<td{AUTO}>{_text(value)}</td>")
            rows.append("<tr>" + "".join(cells) + "</tr>")
        return self.table(f"<thead><tr>{head}</tr></thead>\n<tbody>\n" + "\n".join(rows) + "\n</tbody>", caption)

    def _signoff(self) -> str:
        out = ['<section aria-labelledby="signoff">', '<h2 id="signoff">Sign-off</h2>']
        for sig in self.doc.signatures:
            rows = [("Name", sig.name), ("Role", sig.role), (sig.signed_label, ""), (sig.date_label, sig.date)]
            inner = "\n".join(f'<tr><th scope="row">{_text(k)}</th><td{AUTO}>{_text(v)}</td></tr>' for k, v in rows)
            out.append(f"<h3>{_text(sig.label)}</h3>")
            out.append(self.table(f"<tbody>\n{inner}\n</tbody>", sig.label))
        out.append("</section>")
        return "\n".join(out)


def render(submission: Submission) -> bytes:
    """The web page as UTF-8 bytes (nothing is written)."""
    return HtmlPage(build(submission)).render().encode("utf-8")
