"""Hebrew and Arabic in the PDF: every line drawn in visual order (right-to-left words read right to
left, a right-to-left paragraph's lines top to bottom), Arabic letters joined, and the text read
back from the PDF (pdftotext, which reorders right-to-left text itself) exactly as typed, in every
place the PDF draws text."""

from __future__ import annotations

import re
import subprocess
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tcdesk.export.pdf_bidi import has_rtl, rtl_base, shaped, visual, visual_text
from tcdesk.session import Session

from .helpers import pdftotext, tool

HELLO = "שלום עולם"  # "hello world": the first logical word is drawn on the right
ARABIC = "مرحبا بالعالم"
# Long enough to wrap over several lines of body text.
LONG = " ".join(["טכנאים", "מובילים", "את", "המחקר", "באוניברסיטה", "שלנו"] * 12)
# poppler marks each right-to-left run it read with embedding marks (U+202B … U+202C).
_MARKS = re.compile("[\u202a-\u202e]")
_HEBREW_WORD = re.compile("[\u05d0-\u05ea]+")


def _read(path: Path) -> str:
    return _MARKS.sub("", pdftotext(path))


def _squashed(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip()


@pytest.fixture(scope="module")
def rtl_pdf(tmp_path_factory, make_submission_module) -> Path:
    answer = "\n\n".join([
        f"Our lead {HELLO} spoke first.",  # inside an English sentence
        HELLO,  # alone
        ARABIC,
        "لا سلام إلا بالعمل",  # lam-alef, drawn as one ligature glyph
        LONG,  # wraps
        f"**{HELLO} bold** and *{ARABIC} italic* end",
        "## כותרת ראשית",  # a heading
        f"| כותרת | b |\n|---|---|\n| תא טבלה | {ARABIC} |",
        "- פריט ברשימה\n- second item",
    ])
    sub = make_submission_module(
        organisation="אוניברסיטת תל אביב",
        answers={"1": answer, "2": "x"},
        signoff={"lead": {"name": "דוד כהן", "role": "ראש הצוות", "date": "2026-01-12"},
                 "leader": {"name": "محمد علي", "role": "Vice-Chancellor", "date": "2026-01-20"}},
        new=[{"ref": "V02", "pillar": "visibility", "action": "פעולה חדשה לטכנאים", "owner": "שרה לוי",
              "due": "2027-07"}],
    )
    path = tmp_path_factory.mktemp("rtl") / "rtl.pdf"
    Session(sub).export("pdf", path)
    return path


@pytest.fixture(scope="module")
def make_submission_module():
    from tcdesk import interchange
    from tcdesk.model import Submission

    def build(new: list[dict] | None = None, **top) -> Submission:
        data = interchange.to_dict(Submission())
        data.update(top)
        if new is not None:
            data["new_plan"]["actions"] = new
        return interchange.from_dict(data)

    return build


def test_pdftotext_reads_every_right_to_left_text_back_as_typed(rtl_pdf):
    tool("pdftotext")
    text = _read(rtl_pdf)
    lines = [_squashed(line) for line in text.splitlines()]
    for typed in (HELLO, ARABIC, "لا سلام إلا بالعمل", "כותרת ראשית", "תא טבלה", "• פריט ברשימה", "אוניברסיטת תל אביב", "דוד כהן",
                  "ראש הצוות", "محمد علي", "פעולה חדשה לטכנאים", "שרה לוי"):
        assert typed in lines, typed  # a whole line, word for word
    assert f"Our lead {HELLO}" in _squashed(text)
    # The long paragraph's lines come back in order, each word as typed.
    assert " ".join(LONG.split()) in _squashed(" ".join(line for line in lines if has_rtl(line)))
    # Nothing reads backwards ("את" backwards is the typed "תא").
    for word in set(_HEBREW_WORD.findall(LONG + HELLO)) - {"את"}:
        assert word[::-1] not in text.split(), word


def _words_with_x(path: Path) -> list[tuple[str, float, float, int]]:
    """Each word pdftotext finds, with its left x, its top y and its page."""
    html = subprocess.run([tool("pdftotext"), "-bbox", str(path), "-"], capture_output=True, check=True).stdout.decode()
    out, page = [], 0
    for line in html.splitlines():
        if "<page " in line:
            page += 1
        found = re.search(r'<word xMin="([\d.]+)" yMin="([\d.]+)"[^>]*>(.*?)</word>', line)
        if found:
            out.append((found.group(3), float(found.group(1)), float(found.group(2)), page))
    return out


def test_right_to_left_words_are_drawn_right_to_left(rtl_pdf):
    # pdftotext -bbox gives each word's characters in the order they are drawn, left to right: a
    # Hebrew word drawn right to left shows its letters reversed there, its first letter rightmost.
    words = _words_with_x(rtl_pdf)

    def at(typed: str, near: str | None = None) -> tuple[float, float, int]:
        drawn = typed[::-1]
        for i, (w, x, y, page) in enumerate(words):
            if w == drawn and (near is None or any(n == near for n, *_ in words[max(0, i - 3) : i + 4])):
                return x, y, page
        raise AssertionError(f"{typed} is not drawn right to left")

    assert not any(w == "שלום" for w, *_ in words)  # never drawn in typed order
    # In an English sentence: the first word typed is right of the second, on the same line, and
    # the English around them keeps its order.
    first, second = at("שלום", "Our"), at("עולם", "Our")
    assert first[1] == second[1] and first[0] > second[0]
    lead = next(x for w, x, *_ in words if w == "lead")
    spoke = next(x for w, x, *_ in words if w == "spoke")
    assert lead < second[0] < first[0] < spoke
    assert at("דוד")[0] > at("כהן")[0]
    assert at("תא")[0] > at("טבלה")[0]
    # The long paragraph: its first word typed is at the right end of its top line.
    top = min((y, page) for w, x, y, page in words if w == "טכנאים"[::-1])
    line = sorted((x, w) for w, x, y, page in words if (y, page) == top)
    assert line[-1][1] == "טכנאים"[::-1] and line[-2][1] == "מובילים"[::-1]


def test_arabic_is_drawn_joined():
    joined = shaped(ARABIC)
    assert joined != ARABIC and all("\ufb50" <= ch <= "\ufeff" or ch == " " for ch in joined)
    # Vowel marks (the user's text) are kept, and drawn after their letter.
    assert "\u064e" in shaped("مَرحبا")
    assert visual_text("שָׁלוֹם") == "םוֹלשָׁ"


def test_base_direction_comes_from_the_first_strong_character():
    assert rtl_base(HELLO) and rtl_base("«שלום» world")
    assert not rtl_base(f"Hello {HELLO}") and not rtl_base("2026")
    assert visual_text(f"Hello {HELLO} (ok).") == "Hello םלוע םולש (ok)."
    assert visual_text(f"{HELLO} (ok).") == ".(ok) םלוע םולש"
    # Numbers keep their order, and a bracket pair around right-to-left text is mirrored as a pair (rule N0).
    assert visual_text("and שנת 2024 (ב) end.") == "and (ב) 2024 תנש end."
    assert visual([(0, "ab "), (1, "שלו"), (2, "ם")], False) == [(0, "ab "), (2, "ם"), (1, "ולש")]
    assert not has_rtl("Siân Łódź 東京")


def test_documents_without_right_to_left_text_do_not_import_the_bidi_libraries(tmp_path):
    import sys

    code = (
        "import sys\n"
        "from tcdesk.model import Submission\n"
        "from tcdesk.session import Session\n"
        "sub = Submission(organisation='Prifysgol Siân Łódź')\n"
        "sub.answers['1'] = 'Curly “quotes” – Ω, **bold é** and *italic ŵ* 東京.'\n"
        f"Session(sub).export('pdf', {str(tmp_path / 'plain.pdf')!r})\n"
        "print(sorted(m for m in sys.modules if m.split('.')[0] in ('bidi', 'arabic_reshaper')))\n"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert done.stdout.strip().splitlines()[-1] == "[]"


_LATIN = st.text(st.sampled_from("abcdefghijklmnopqrstuvwyzABCDEFGHIJ"), min_size=1, max_size=12)
_HEBREW = st.text(st.sampled_from([chr(c) for c in range(0x05D0, 0x05EB)]), min_size=2, max_size=10)


@settings(max_examples=15, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(words=st.lists(st.one_of(_LATIN, _HEBREW), min_size=1, max_size=60), place=st.sampled_from(["body", "cell", "plan"]))
def test_each_hebrew_word_in_an_english_sentence_comes_back_as_typed(words, place, tmp_path, make_submission):
    tool("pdftotext")
    sentence = " ".join(["Start", *words])  # an English paragraph: left-to-right base direction
    answer = {"body": sentence, "cell": f"| a |\n|---|\n| {sentence} |", "plan": "x"}[place]
    plan = [{"ref": "V01", "pillar": "visibility", "action": sentence, "owner": "o", "due": "2027-07"}] if place == "plan" else []
    sub = make_submission(organisation="University of Example", answers={"1": answer}, new=plan)
    path = Session(sub).export("pdf", tmp_path / "mixed.pdf")
    found = _HEBREW_WORD.findall(_read(path))
    typed = [w for w in words if _HEBREW_WORD.fullmatch(w)]
    assert [w for w in found if w in typed or w[::-1] in typed] == typed


_ARABIC_WORD = st.text(st.sampled_from([chr(c) for c in (*range(0x0627, 0x063B), *range(0x0641, 0x064B))]), min_size=1,
                       max_size=9)


@settings(max_examples=10, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(words=st.lists(st.one_of(_HEBREW, _ARABIC_WORD), min_size=1, max_size=80))
def test_a_right_to_left_paragraph_comes_back_word_for_word(words, tmp_path, make_submission):
    # Hebrew and Arabic words only: a right-to-left paragraph, wrapped over as many lines as it takes,
    # Arabic letters joined; pdftotext reads back every word, letter for letter, in the typed order.
    # (Spaces aside: poppler may read two narrow words, such as "ا ا", as one.)
    tool("pdftotext")
    sub = make_submission(organisation="University of Example", answers={"1": " ".join(words)})
    path = Session(sub).export("pdf", tmp_path / "rtl.pdf")
    assert "".join(words) in re.sub(r"\s+", "", _read(path))
