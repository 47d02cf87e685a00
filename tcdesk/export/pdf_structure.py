"""The structure tree written into the finished PDF: elements, the parent tree and link objects."""

from __future__ import annotations

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


def write_structure(pdf: pikepdf.Pdf, tagger: Tagger, extra_links: list[tuple[Node, pikepdf.Object]],
                    appendices: list[tuple[str, int, int]]) -> None:
    """Write ``tagger``'s tree as the document's StructTreeRoot, with /MarkInfo and /Tabs."""
    annotations = _laid_out_links(pdf, tagger) + extra_links + _appendix_sections(pdf, tagger, appendices)
    _prune(tagger.root)
    pages = [p.obj for p in pdf.pages]
    parents: dict[int, dict[int, pikepdf.Object]] = {}
    objects: dict[int, pikepdf.Object] = {id(node): annot for node, annot in annotations}
    root = pdf.make_indirect(Dictionary(Type=Name.StructTreeRoot))
    next_key = [len(pages)]
    nums: list = []

    roles: dict[str, pikepdf.Name] = {}
    struct_elem, mcr, objr = Name.StructElem, Name.MCR, Name.OBJR

    def element(node: Node, parent: pikepdf.Object) -> pikepdf.Object:
        role = roles.get(node.role) or roles.setdefault(node.role, Name("/" + node.role))
        # Every entry but the kids is known before the kids are made (they point back at this
        # element), so the element is created whole and only /K is set afterwards: thousands of
        # elements, and each entry set on an existing object costs as much as creating one.
        first_page = next((kid[0] for kid in node.kids if not isinstance(kid, Node)), None)
        linked = node.annotation is not None and id(node) in objects
        if first_page is None and linked:
            assert node.annotation is not None
            first_page = node.annotation[0]
        entries: dict[str, object] = {"/Type": struct_elem, "/S": role, "/P": parent}
        if first_page is not None:
            entries["/Pg"] = pages[first_page]
        if node.alt:
            entries["/Alt"] = String(node.alt)
        title = node.attributes.get("T")
        if title:
            entries["/T"] = String(title)
        owned = {k: v for k, v in node.attributes.items() if k in _OWNER}
        if owned:
            owner = _OWNER[next(iter(owned))]
            entries["/A"] = Dictionary({"/O": Name("/" + owner), **{"/" + k: Name("/" + v) for k, v in owned.items()}})
        elem = pdf.make_indirect(Dictionary(entries))
        # Kids gathered in a Python list and converted once: thousands of cells per plan.
        kids: list = []
        for kid in node.kids:
            if isinstance(kid, Node):
                kids.append(element(kid, elem))
                continue
            page, mcid = kid
            parents.setdefault(page, {})[mcid] = elem
            kids.append(mcid if page == first_page else Dictionary(Type=mcr, Pg=pages[page], MCID=mcid))
        if linked:
            assert node.annotation is not None
            page, description = node.annotation
            annot = objects[id(node)]
            annot.StructParent = next_key[0]
            nums.extend([next_key[0], elem])
            next_key[0] += 1
            if not str(annot.get("/Contents", "")):
                annot.Contents = String(description)
            kids.append(Dictionary(Type=objr, Obj=annot, Pg=pages[page]))
        # One kid is written bare, as most tagged PDFs do (and as some checkers expect of headings).
        elem.K = kids[0] if len(kids) == 1 else Array(kids)
        return elem

    document = element(tagger.root, root)
    page_nums: list = []
    for index, page in enumerate(pages):
        page.StructParents = index
        page.Tabs = Name.S
        marks = parents.get(index, {})
        page_nums.extend([index, Array([marks.get(m, pikepdf.Object.parse(b"null")) for m in range(len(marks))])])
    root.K = Array([document])
    root.ParentTree = pdf.make_indirect(Dictionary(Nums=Array(page_nums + nums)))
    root.ParentTreeNextKey = next_key[0]
    pdf.Root.StructTreeRoot = root
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
