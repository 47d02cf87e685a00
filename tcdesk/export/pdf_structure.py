"""The structure tree written into the finished PDF: elements, the parent tree and link objects."""

from __future__ import annotations

import io
import json

import pikepdf
from pikepdf import Array, Dictionary, Name, String

from tcdesk.export.pdf_tags import Node, Tagger

# Elements that stay even when empty: a table keeps every cell so its rows and columns line up.
_KEEP_EMPTY = frozenset({"TR", "TH", "TD"})
# Attribute owners (PDF 1.7, 14.8.5) of the attributes elements carry.
_OWNER = {"Scope": "Table", "ListNumbering": "List"}


def _prune(node: Node) -> bool:
    """Drop elements that ended up drawing nothing (an empty paragraph, a list label never drawn)."""
    node.kids = [k for k in node.kids if not isinstance(k, Node) or _prune(k)]
    return node.role in _KEEP_EMPTY or node.annotation is not None or bool(node.kids)


def _drop(obj: pikepdf.Object, key: str) -> None:
    if key in obj:
        del obj[key]


def _appendix_sections(pdf: pikepdf.Pdf, tagger: Tagger, appendices: list[tuple[str, int, int]]) -> list[tuple]:
    """Wrap each appendix page's content as one marked-content item of a Sect titled after it.

    The appendix keeps its own drawing; its own tags (if any) cannot be merged, so the page is
    read as one block in the order its content stream draws it.
    """
    links = []
    for label, start, count in appendices:
        section = Node("Sect", tagger.root)
        section.attributes = {"T": label}
        for index in range(start, start + count):
            page = pdf.pages[index]
            _drop(page.obj, "/StructParents")
            page.contents_add(pikepdf.Stream(pdf, b"/Div <</MCID 0>> BDC q\n"), prepend=True)
            page.contents_add(pikepdf.Stream(pdf, b"\nQ EMC\n"))
            section.kids.append((index, 0))
            for annot in page.obj.get("/Annots", Array()):
                _drop(annot, "/StructParent")
                if annot.get("/Subtype") == Name.Link:
                    link = Node("Link", section)
                    link.annotation = (index, str(annot.get("/Contents", "")) or f"Link in {label}")
                    links.append((link, annot))
    return links


def _ref(obj: pikepdf.Object) -> str:
    number, generation = obj.objgen
    return f"{number} {generation} R"


def write_structure(pdf: pikepdf.Pdf, tagger: Tagger, extra_links: list[tuple[Node, pikepdf.Object]],
                    appendices: list[tuple[str, int, int]]) -> None:
    """Write ``tagger``'s tree as the document's StructTreeRoot, with /MarkInfo and /Tabs.

    The elements (thousands: one per table cell) are handed to qpdf as one qpdf JSON update
    (its documented way to add objects, ``QPDF::updateFromJSON``) rather than made one by one
    through pikepdf, which costs about twice as long; the objects are the same. The update is
    written as JSON text element by element (user text through :func:`json.dumps`), not built as
    dictionaries and then encoded, which would cost a third more.
    """
    annotations = _laid_out_links(pdf, tagger) + extra_links + _appendix_sections(pdf, tagger, appendices)
    _prune(tagger.root)
    pages = [p.obj for p in pdf.pages]
    page_refs = [_ref(page) for page in pages]
    parents: dict[int, dict[int, str]] = {}
    objects = {id(node): annot for node, annot in annotations}
    # Numbers above every object's: the first is reserved now, the others are free after it.
    first = pdf.make_indirect(Dictionary()).objgen[0]
    numbers = iter(range(first, 1 << 31))
    root_ref = f"{next(numbers)} 0 R"
    update: list[str] = []
    next_key = len(pages)
    nums: list = []

    def element(node: Node, parent: str) -> str:
        nonlocal next_key
        ref = f"{next(numbers)} 0 R"
        first_page = next((kid[0] for kid in node.kids if not isinstance(kid, Node)), None)
        annotation = node.annotation if id(node) in objects else None  # a link laid out on a page
        if first_page is None and annotation is not None:
            first_page = annotation[0]
        entries = [f'"obj:{ref}":{{"value":{{"/Type":"/StructElem","/S":"/{node.role}","/P":"{parent}"']
        if first_page is not None:
            entries.append(f',"/Pg":"{page_refs[first_page]}"')
        if node.alt:
            entries.append(',"/Alt":' + json.dumps("u:" + node.alt))
        title = node.attributes.get("T")
        if title:
            entries.append(',"/T":' + json.dumps("u:" + title))
        owned = {k: v for k, v in node.attributes.items() if k in _OWNER}
        if owned:
            owner = _OWNER[next(iter(owned))]
            entries.append(',"/A":' + json.dumps({"/O": "/" + owner, **{"/" + k: "/" + v for k, v in owned.items()}}))
        kids: list[str] = []
        for kid in node.kids:
            if isinstance(kid, Node):
                kids.append(f'"{element(kid, ref)}"')
                continue
            page, mcid = kid
            parents.setdefault(page, {})[mcid] = ref
            kids.append(str(mcid) if page == first_page else f'{{"/Type":"/MCR","/Pg":"{page_refs[page]}","/MCID":{mcid}}}')
        if annotation is not None:
            page, description = annotation
            annot = objects[id(node)]
            annot.StructParent = next_key
            nums.extend([next_key, ref])
            next_key += 1
            if not str(annot.get("/Contents", "")):
                annot.Contents = String(description)
            kids.append(f'{{"/Type":"/OBJR","/Obj":"{_ref(annot)}","/Pg":"{page_refs[page]}"}}')
        # One kid is written bare, as most tagged PDFs do (and as some checkers expect of headings).
        entries.append(',"/K":' + (kids[0] if len(kids) == 1 else "[" + ",".join(kids) + "]") + "}}")
        update.append("".join(entries))
        return ref

    document = element(tagger.root, root_ref)
    page_nums: list = []
    for index, page in enumerate(pages):
        page.StructParents = index
        page.Tabs = Name.S
        marks = parents.get(index, {})
        page_nums.extend([index, [marks.get(m) for m in range(len(marks))]])
    parent_tree = f"{next(numbers)} 0 R"
    update.append(f'"obj:{parent_tree}":' + json.dumps({"value": {"/Nums": page_nums + nums}}))
    update.append(f'"obj:{root_ref}":' + json.dumps({"value": {"/Type": "/StructTreeRoot", "/K": [document],
                                                               "/ParentTree": parent_tree, "/ParentTreeNextKey": next_key}}))
    text = '{"qpdf":[{"jsonversion":2},{' + ",".join(update) + "}]}"
    pdf.update_from_qpdf_json(io.BytesIO(text.encode()))
    pdf.Root.StructTreeRoot = pdf.get_object((first, 0))
    pdf.Root.MarkInfo = Dictionary(Marked=True)


def _laid_out_links(pdf: pikepdf.Pdf, tagger: Tagger) -> list[tuple[Node, pikepdf.Object]]:
    """reportlab's link annotations paired, page by page and in order, with the Link elements recorded."""
    by_page: dict[int, list[Node]] = {}
    for page, node in tagger.links:
        by_page.setdefault(page, []).append(node)
    out: list[tuple[Node, pikepdf.Object]] = []
    for page, nodes in by_page.items():
        annots = [a for a in pdf.pages[page].obj.get("/Annots", Array()) if a.get("/Subtype") == Name.Link]
        out.extend(zip(nodes, annots, strict=False))
    return out
