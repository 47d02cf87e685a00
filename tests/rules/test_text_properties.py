"""Rules that read free text never fail on odd input, and the spans they report are where the text is."""

from __future__ import annotations

from hypothesis import example, given, settings
from hypothesis import strategies as st

from tcdesk.plugins.rules.rag_summary_mismatch import stated_counts
from tcdesk.rules.context import placeholder_links, word_count
from tcdesk.rules.scan import Scanner

PIECES = st.sampled_from(["14 Red", " amber", "**9**", " actions", "(", ")", "[x](#)", "[y]()", "`", "\n\n", ". ",
                          "T" + "BC", "lorem ipsum", "[insert name]", "İ", "’", "#", "<>", " ", "71", "green", "R5"])
TEXTS = st.lists(st.one_of(PIECES, st.text(max_size=8)), max_size=30).map("".join)


@settings(max_examples=200, deadline=None)
@given(TEXTS)
@example("014 Red")  # the count is 14, written with a leading zero
def test_stated_counts_point_at_their_numbers(text):
    import re

    for _kind, number, start, end in stated_counts(text):
        digits = re.match(r"\d+", text[start:end])
        assert digits and int(digits.group()) == number and 0 <= start < end <= len(text)


@settings(max_examples=200, deadline=None)
@given(TEXTS)
def test_placeholder_link_spans_are_links_in_the_text(text):
    for link in placeholder_links(text):
        assert 0 <= link.start < link.end <= len(text)
        assert word_count(text) >= 0


@settings(max_examples=200, deadline=None)
@given(TEXTS)
def test_the_scanner_finds_what_python_regular_expressions_find(text):
    # RE2's \b and \w are ASCII-only (docs/checking.md), so the reference is Python's re in ASCII mode.
    import re

    patterns = [r"\bTBC\b", r"(?i)\blorem ipsum\b", r"(?i)\[\s*insert\b[^\]]*\]", r"\bXXX+\b"]
    found = [(m.start, m.end) for m in Scanner(patterns).finditer(text)]
    plain = sorted((m.start(), m.end()) for p in patterns for m in re.finditer(p, text, re.ASCII))
    assert found == plain


LATIN_TEXTS = st.lists(st.one_of(PIECES, st.text(st.characters(max_codepoint=0x17F), max_size=8)), max_size=30).map("".join)


@settings(max_examples=200, deadline=None)
@given(LATIN_TEXTS)
def test_phrases_are_whole_words_as_python_sees_them(text):
    import re

    phrases = ["lorem ipsum", "TBC", "green", "R5"]
    found = [(m.start, m.end) for m in Scanner(phrases=phrases).finditer(text)]
    alternatives = "|".join(re.escape(p).replace(r"\ ", r"\s+") for p in sorted(phrases, key=len, reverse=True))
    plain = [m.span() for m in re.finditer(rf"(?<!\w)(?:{alternatives})(?!\w)", text, re.IGNORECASE)]
    assert found == plain



@settings(max_examples=300, deadline=None)
@given(st.lists(st.one_of(PIECES, st.sampled_from(["[a]:", "[a]: #", "[a]: <>", "](", "]( )", "](<>)", "](#)", "\n"])),
                max_size=20).map("".join))
def test_the_link_pre_filter_decides_as_its_single_regex_did(text):
    import re

    from tcdesk.rules.context import _may_hold_bad_link

    single = re.compile(r"\]\(\s*(?:<\s*>|#)?\s*\)|^\s*\[[^\]]+\]:\s*(?:<\s*>|#)\s*$", re.M)
    assert _may_hold_bad_link(text) is (single.search(text) is not None)


WORDY_TEXTS = st.lists(st.one_of(PIECES, st.sampled_from(["-", "--", "_", "'", "’", "a-b", "x_", "²", "½", "\u00a0", "\x1c", "—", "é", "1.5", "&#116;", "&#x41;", "&#0;"]),
                                 st.text(max_size=8)), max_size=40).map("".join)


@settings(max_examples=500, deadline=None)
@given(WORDY_TEXTS)
def test_word_count_counts_what_the_word_regex_finds(text):
    import html

    from tcdesk.rules.context import _INLINE_TARGET, _NUMERIC_REFERENCE, _WORD

    said = _NUMERIC_REFERENCE.sub(lambda m: html.unescape(m.group()), text)
    assert word_count.__wrapped__(text) == len(_WORD.findall(_INLINE_TARGET.sub("]", said)))


def test_a_letter_spelt_as_a_character_reference_is_counted_as_that_letter():
    # The answer editor writes "tex&#116;**!**" for "text" followed by a bold "!".
    assert word_count("Say tex&#116;**!** now") == word_count("Say text! now") == 3
    assert word_count("***Impo*&#114;t&#97;*nt***") == word_count("***Impo*rta*nt***")


# Around a phrase: ASCII, letters and digits elsewhere in Unicode, letters that case-fold to ASCII
# (Kelvin sign, long s) or to a letter from a mark (U+0345), punctuation typographers use.
EDGES = ["é", "ß", "\u212a", "\u017f", "\u0345", "ι", "’", "—", "٣", "_", "1", "x", " ", "\n", "日本", "\U0001d400"]
PHRASE_TEXTS = st.lists(st.sampled_from(["survey", "Survey", "working group", "working  group", "group", "work", *EDGES]),
                        max_size=12).map("".join)


@settings(max_examples=500, deadline=None)
@given(PHRASE_TEXTS, st.integers(0, 40), st.booleans())
def test_phrase_search_finds_what_the_unicode_bounded_pattern_finds(text, pos, as_bytes):
    import re2

    from tcdesk.rules.scan import _WORD_CHAR, _bounded, _options, phrase_pattern

    phrases = ("survey", "working group", "group", "work", "ß")
    quick = phrase_pattern(phrases)
    exact = re2.compile(_bounded(quick._body, _WORD_CHAR), _options(ignore_case=True))
    data = text.encode("utf-8") if as_bytes else text
    pos = min(pos, len(data))
    found, expected = quick.search(data, pos), exact.search(data, pos)
    assert (found and found.span(1)) == (expected and expected.span(1))


@settings(max_examples=500, deadline=None)
@given(st.lists(st.one_of(PIECES, st.sampled_from(["RED", "Amber", "gReEn", "3 ", "12", "\n\n", "- ", "1. ", "! ", ",", "_", "*"]),
                          st.text(max_size=4)), max_size=30).map("".join))
def test_stated_counts_are_what_the_count_regex_finds_in_each_sentence(text):
    from tcdesk.plugins.rules.rag_summary_mismatch import _COUNT, _TOTAL, _sentences

    expected = []
    for lo, hi in _sentences(text):
        counts = list(_COUNT.finditer(text, lo, hi))
        if counts:
            expected += [(m.group(2).lower(), int(m.group(1)), m.start(), m.end()) for m in counts]
            total = _TOTAL.search(text, lo, hi)
            if total:
                expected.append(("total", int(total.group(1)), total.start(), total.end()))
    assert stated_counts(text) == expected
