"""The PDF is tagged (PDF/UA-1): read back with pikepdf, poppler's structure dump and the pdfua checker."""

from __future__ import annotations

import itertools
import re
import subprocess
import sys
from pathlib import Path

import pikepdf
import pytest

from tcdesk import interchange
from tcdesk.model import NewAction, Pillar, PreviousAction, Rag
from tcdesk.session import Session

from .helpers import example_files, pdftotext, squash, tool


def export(sub, tmp_path: Path, pm, name: str = "tagged.pdf") -> Path:
    path = tmp_path / name
    Session(sub, pm=pm).export("pdf", path)
    return path


def struct_text(path: Path) -> str:
    return subprocess.run([tool("pdfinfo"), "-struct-text", str(path)], check=True, capture_output=True,
                          text=True, errors="replace").stdout


def elements(pdf: pikepdf.Pdf) -> list[pikepdf.Dictionary]:
    """Every structure element, depth first (= reading order)."""
    out = []

    def walk(node) -> None:
        kids = node.get("/K")
        if kids is None:
            return
        for kid in kids if isinstance(kids, pikepdf.Array) else [kids]:
            if isinstance(kid, pikepdf.Dictionary) and kid.get("/Type") == pikepdf.Name.StructElem:
                out.append(kid)
                walk(kid)

    walk(pdf.Root.StructTreeRoot)
    return out


def roles(pdf: pikepdf.Pdf) -> list[str]:
    return [str(e.S)[1:] for e in elements(pdf)]


def check_pdfua(path: Path) -> None:
    result = subprocess.run([sys.executable, "-m", "pdfua", "check", str(path)], capture_output=True, text=True)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "errors=0 warnings=0" in result.stdout, result.stdout
    assert "[skip" not in result.stdout, result.stdout  # every implemented check evaluated


@pytest.mark.parametrize("path", example_files(), ids=lambda p: p.name)
def test_every_example_passes_the_pdfua_checker(path, tmp_path, pm):
    from tcdesk.interchange import read

    check_pdfua(export(read(path), tmp_path, pm))


def test_rich_submission_passes_the_pdfua_checker(rich, tmp_path, pm):
    check_pdfua(export(rich, tmp_path, pm))


def test_catalog_metadata_and_xmp_claim_pdfua(rich, tmp_path, pm):
    with pikepdf.open(export(rich, tmp_path, pm)) as pdf:
        assert str(pdf.Root.Lang) == "en-GB"
        assert bool(pdf.Root.MarkInfo.Marked) is True
        assert bool(pdf.Root.ViewerPreferences.DisplayDocTitle) is True
        assert str(pdf.docinfo["/Title"]) == "University of Northmoor January 2026"
        with pdf.open_metadata() as meta:
            assert meta["pdfuaid:part"] == "1"
            assert meta["dc:title"] == "University of Northmoor January 2026"
        for page in pdf.pages:
            assert page.obj.Tabs == pikepdf.Name.S
            assert "/StructParents" in page.obj


def test_headings_run_h1_to_h3_in_order_without_skips(rich, tmp_path, pm):
    rich.answers["2"] = "### Deep first\n\nText.\n\n# Top\n\n## Below\n\n#### Deeper still\n"
    with pikepdf.open(export(rich, tmp_path, pm)) as pdf:
        levels = [int(r[1]) for r in roles(pdf) if re.fullmatch(r"H\d", r)]
    assert levels[0] == 1 and max(levels) == 3
    for before, after in itertools.pairwise(levels):
        assert after <= before + 1, levels


def test_tables_lists_links_and_figures_have_their_structure(rich, tmp_path, pm):
    path = export(rich, tmp_path, pm)
    dump = struct_text(path)
    with pikepdf.open(path) as pdf:
        found = roles(pdf)
        for role in ("Document", "H1", "H2", "H3", "P", "L", "LI", "Lbl", "LBody", "Table", "THead", "TBody",
                     "TR", "TH", "TD", "Link", "Figure", "TOC", "TOCI", "Caption", "Sect"):
            assert role in found, role
        assert found[0] == "Document"
        ths = [e for e in elements(pdf) if e.S == pikepdf.Name.TH and "/A" in e]
        assert {str(e.A.Scope) for e in ths} >= {"/Column", "/Row"}
        for link in (e for e in elements(pdf) if pikepdf.Name.Link == e.S):
            objr = [k for k in (link.K if isinstance(link.K, pikepdf.Array) else [link.K])
                    if isinstance(k, pikepdf.Dictionary) and k.get("/Type") == pikepdf.Name.OBJR]
            assert objr and str(objr[0].Obj.Contents), "a Link element holds its annotation, which describes it"
            assert int(objr[0].Obj.StructParent) >= 0
        figures = [e for e in elements(pdf) if pikepdf.Name.Figure == e.S]
        alts = [str(e.Alt) for e in figures]
    assert "Organisation chart" in alts  # the stored figure: its caption
    chart = next(a for a in alts if a.startswith("Bar chart"))
    assert "Visibility (V): 1 green, 0 amber, 0 red" in chart
    assert "Career Development (C): 0 green, 0 amber, 1 red" in chart
    assert "All pillars: 2 green, 1 amber, 1 red (4 actions)" in chart
    # Lists: the bullet is the label, the text the body.
    assert re.search(r'Lbl \(block\)\s+"•"\s+LBody \(block\)\s+P \(block\)\s+"first bullet"', dump), dump[:3000]


def test_running_header_footer_and_rules_are_artifacts(rich, tmp_path, pm):
    rich.answers["4"] = "Before the rule.\n\n---\n\nAfter the rule."
    path = export(rich, tmp_path, pm)
    dump = squash(struct_text(path))
    text = squash(pdftotext(path))
    assert "Page 1 of" in text and "Page 1 of" not in dump
    assert "Before the rule." in dump and "After the rule." in dump


def test_every_marked_content_id_is_in_the_parent_tree(rich, tmp_path, pm):
    with pikepdf.open(export(rich, tmp_path, pm)) as pdf:
        nums = list(pdf.Root.StructTreeRoot.ParentTree.Nums)
        tree = {int(nums[i]): nums[i + 1] for i in range(0, len(nums), 2)}
        for page in pdf.pages:
            mcids = [int(operands[1].MCID) for operands, op in pikepdf.parse_content_stream(page)
                     if op == pikepdf.Operator("BDC") and isinstance(operands[1], pikepdf.Dictionary)
                     and "/MCID" in operands[1]]
            parents = tree[int(page.obj.StructParents)]
            assert sorted(mcids) == list(range(len(parents)))
            assert all(isinstance(p, pikepdf.Dictionary) for p in parents)


def long_rows(make_submission, words: int):
    """A previous plan whose progress notes run to ``words`` words, so rows split across pages."""
    prose = " ".join(f"progress{n}" for n in range(words))
    sub = make_submission(organisation="University of Northmoor")
    sub.previous_plan.actions = [
        PreviousAction(ref=f"V{n:02d}", pillar=Pillar.VISIBILITY, action=f"Action {n}", progress=prose,
                       rag=Rag.GREEN)
        for n in range(1, 7)
    ]
    return sub


def test_a_row_split_across_pages_repeats_its_ref_and_stays_one_row(make_submission, tmp_path, pm):
    sub = long_rows(make_submission, 900)  # one row is taller than a landscape page
    path = export(sub, tmp_path, pm)
    text = squash(pdftotext(path))
    assert "V01 (continued)" in text
    dump = struct_text(path)
    # One logical row: both halves of the ref cell are in the same TD.
    assert re.search(r'TD\s+"V01"\s+"V01 ?\(continued\)"', dump), dump[:2000]
    with pikepdf.open(path) as pdf:
        rows = [e for e in elements(pdf) if e.S == pikepdf.Name.TR]
    assert len(rows) >= 7  # header + six actions in the plan table, not one per page


def test_repeated_header_rows_are_artifacts_and_never_sit_mid_page(make_submission, tmp_path, pm):
    sub = long_rows(make_submission, 160)  # rows of about a third of a page
    path = export(sub, tmp_path, pm)
    pages = int(re.search(r"Pages:\s+(\d+)", subprocess.run([tool("pdfinfo"), str(path)], capture_output=True,
                                                             text=True).stdout).group(1))
    shown = 0
    for n in range(1, pages + 1):
        page = subprocess.run([tool("pdftotext"), "-f", str(n), "-l", str(n), "-layout", str(path), "-"],
                              capture_output=True, text=True).stdout
        lines = [line for line in page.splitlines() if line.strip()]
        heads = [i for i, line in enumerate(lines) if re.match(r"\s*Ref\s+Action\s+Collaborators", line)]
        assert len(heads) <= 1, f"page {n} shows the header row twice"
        if heads and n > 1 and "Previous action plan" not in page:
            assert heads[0] <= 2, f"page {n}: header row below other rows"  # under the running header only
        shown += len(heads)
    assert shown > 1  # the plan table did run over pages, header repeated
    with pikepdf.open(path) as pdf:
        logical_heads = [e for e in elements(pdf) if pikepdf.Name.THead == e.S]
    dump = struct_text(path)
    assert len(logical_heads) == 2  # the RAG summary and the one plan table, however many pages
    assert dump.count('"Collaborators"') == 1


def test_a_ref_longer_than_a_page_is_shown_whole_and_the_export_ends(make_submission, tmp_path):
    # The continuation of a split row used to show the whole ref again, "(continued)": a ref taller
    # than a page then never fitted and the export split it forever, its memory growing.
    ref = " ".join(f"ref{n}" for n in range(700))
    sub = make_submission(organisation="University of Northmoor")
    sub.new_plan.actions = [NewAction(ref=ref, pillar=Pillar.VISIBILITY, action="Awards")]
    source = tmp_path / "long-ref.tcdesk.json"
    interchange.write(sub, source)
    out = tmp_path / "long-ref.pdf"
    result = subprocess.run([sys.executable, "-m", "tcdesk", "export", "--to", "pdf", "--out", str(out), str(source)],
                            capture_output=True, text=True, timeout=60)
    assert result.returncode == 0, result.stderr
    assert re.findall(r"\bref\d+\b", pdftotext(out)) == ref.split()  # every word once, in order
