"""The web-page export: self-contained, structured, and with zero axe-core violations in real Chromium."""

from __future__ import annotations

import json
import re
from html.parser import HTMLParser
from pathlib import Path

import pytest

from tcdesk.interchange import read
from tcdesk.session import Session

from .helpers import NASTY, example_files

ROOT = Path(__file__).resolve().parents[2]
AXE = ROOT / ".cache" / "node" / "node_modules" / "axe-core" / "axe.min.js"
AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21aa", "wcag22aa", "best-practice"]
# Quiet, offline headless Chromium: no update checks, sync, field trials or other background traffic.
CHROMIUM_FLAGS = [
    "--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--disable-gpu",
    "--disable-background-networking", "--disable-component-update", "--disable-sync",
    "--disable-default-apps", "--disable-extensions", "--no-first-run", "--disable-domain-reliability",
    "--disable-client-side-phishing-detection", "--metrics-recording-only", "--no-default-browser-check",
    "--window-size=1280,900",
]


def export_html(sub, tmp_path: Path, pm, name: str = "page.html") -> Path:
    path = tmp_path / name
    Session(sub, pm=pm).export("html", path)
    return path


class Outline(HTMLParser):
    """Tags, attributes and heading levels of a page, read with the standard library's parser."""

    def __init__(self) -> None:
        super().__init__()
        self.tags: list[tuple[str, dict]] = []
        self.headings: list[int] = []

    def handle_starttag(self, tag, attrs) -> None:
        self.tags.append((tag, dict(attrs)))
        if re.fullmatch(r"h[1-6]", tag):
            self.headings.append(int(tag[1]))


def outline(path: Path) -> Outline:
    parser = Outline()
    parser.feed(path.read_text(encoding="utf-8"))
    return parser


@pytest.fixture(scope="module")
def browser():
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service

    assert AXE.is_file(), "run scripts/setup.sh: it installs axe-core into .cache/node"
    options = webdriver.ChromeOptions()
    options.binary_location = "/usr/bin/chromium"
    for flag in CHROMIUM_FLAGS:
        options.add_argument(flag)
    driver = webdriver.Chrome(service=Service("/usr/bin/chromedriver"), options=options)
    driver.set_script_timeout(120)
    yield driver
    driver.quit()


def axe_violations(driver, path: Path) -> list[dict]:
    driver.get(path.as_uri())
    driver.execute_script(AXE.read_text(encoding="utf-8"))
    result = driver.execute_async_script(
        "const done = arguments[arguments.length - 1];"
        f"axe.run(document, {{runOnly: {{type: 'tag', values: {json.dumps(AXE_TAGS)}}}}})"
        ".then(r => done(r.violations.map(v => ({id: v.id, help: v.help, nodes: v.nodes.map(n => n.html)}))))"
        ".catch(e => done([{id: 'axe-error', help: String(e), nodes: []}]));"
    )
    return result


@pytest.mark.slow
@pytest.mark.parametrize("example", example_files(), ids=lambda p: p.name)
def test_each_example_page_has_no_axe_violations(example, browser, tmp_path, pm):
    path = export_html(read(example), tmp_path, pm)
    violations = axe_violations(browser, path)
    assert violations == [], json.dumps(violations, indent=1)[:4000]


@pytest.mark.slow
def test_rich_page_has_no_axe_violations_and_renders(rich, browser, tmp_path, pm):
    rich.answers["2"] = f"### Deep first\n\n{NASTY}\n\n[click here](https://example.org)\n\n---\n\n```\ncode\n```"
    path = export_html(rich, tmp_path, pm)
    violations = axe_violations(browser, path)
    assert violations == [], json.dumps(violations, indent=1)[:4000]
    # The page really laid out: the chart and the figure decoded, the title is the scheme's.
    assert browser.title == "University of Northmoor January 2026"
    loaded = browser.execute_script(
        "return Array.from(document.images).map(i => i.complete && i.naturalWidth > 0);")
    assert loaded and all(loaded)


def test_page_is_one_self_contained_file_without_scripts(rich, tmp_path, pm):
    path = export_html(rich, tmp_path, pm)
    page = outline(path)
    tags = [t for t, _ in page.tags]
    assert "script" not in tags and "link" not in tags and "iframe" not in tags
    for tag, attrs in page.tags:
        if tag == "img":
            assert attrs["src"].startswith("data:image/"), attrs["src"][:40]
            assert attrs.get("alt"), "every image has alternative text"
        assert not any(k.startswith("on") for k in attrs), (tag, attrs)
    html = path.read_text(encoding="utf-8")
    assert "<style>" in html and "@media print" in html
    assert re.search(r'<html lang="en-GB">', html)


def test_landmarks_skip_link_headings_and_tables(rich, tmp_path, pm):
    rich.answers["2"] = "### Deep first\n\n# Top\n\n#### Deeper"
    path = export_html(rich, tmp_path, pm)
    page = outline(path)
    tags = [t for t, _ in page.tags]
    for landmark in ("header", "nav", "main", "footer"):
        assert tags.count(landmark) == 1, landmark
    first_link = next(attrs for tag, attrs in page.tags if tag == "a")
    assert first_link["href"] == "#main"
    assert page.headings[0] == 1 and page.headings.count(1) == 1
    for before, after in zip(page.headings, page.headings[1:], strict=False):
        assert after <= before + 1, page.headings
    scopes = {attrs.get("scope") for tag, attrs in page.tags if tag == "th"}
    assert scopes == {"col", "row"}
    html = path.read_text(encoding="utf-8")
    assert "<caption" in html and "Previous action plan: Visibility (V)" in html
    # RAG as words on shading, not colour alone.
    assert re.search(r'<td class="rag rag-green">Green</td>', html)
    assert 'alt="Bar chart of the previous action plan' in html and "Visibility (V): 1 green, 0 amber, 0 red" in html


def test_user_text_is_escaped_and_links_only_where_safe(make_submission, tmp_path, pm):
    sub = make_submission(organisation=NASTY, answers={"1": "[x](javascript:alert(1)) and <script>alert(1)</script>"},
                          webpage_url="javascript:alert(2)")
    html = export_html(sub, tmp_path, pm).read_text(encoding="utf-8")
    assert "<script" not in html.lower()
    assert 'href="javascript' not in html  # shown as text, never a link
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html
    assert "x&lt;y &amp; z &lt;/para&gt;" in html
