"""TC110 pdf-cannot-draw: text holding characters the PDF's fonts have no glyph for (they print as
empty boxes), or letters it draws but cannot join (they print as isolated letters).

What the PDF draws, and in which face, is :mod:`tcdesk.export.pdf_glyphs`, which the PDF export sets
text by: a character the regular face draws for bold or italics, or the fallback face (Chinese,
Japanese, Korean), is not reported. Which letters it joins is :mod:`tcdesk.export.pdf_bidi`.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import replace

from tcdesk.rules.checks.targets import SUBMISSION_FIELDS, resolve
from tcdesk.rules.context import CheckContext, Place
from tcdesk.rules.finding import Finding, Location, Section, Severity
from tcdesk.rules.rule import Example, Rule

#: The header and sign-off fields the PDF shows as text (dates are written by the export itself).
_FIELDS = sorted(f for f in SUBMISSION_FIELDS if f != "leads" and not f.endswith(".date"))
_SHOWN = 6  # characters named in one message
_NON_ASCII = re.compile(r"[^\x00-\x7f]")


def check(ctx: CheckContext, rule: Rule) -> Iterator[Finding]:
    texts, places = ctx.all_text()
    fields = [t for t in resolve(ctx, {"fields": _FIELDS}) if isinstance(t.value, str) and t.value]
    # Every ASCII character is drawn: only texts with other characters are looked at, and when
    # there are none (a usual plan's text is mostly ASCII) the font is not even read.
    located: list[tuple[str, Location | Place]] = [(text, place) for text, place in zip(texts, places, strict=True)
                                                   if not text.isascii()]
    located += [(t.value, t.location) for t in fields if not t.value.isascii()]
    # References are not free text (other rules leave them out) but the plan tables print them all the same.
    for plan, section in (("previous", Section.PREVIOUS_PLAN), ("new", Section.NEW_PLAN)):
        located += [(a.ref, Location(section, None, a.ref, i, "ref")) for i, a in ctx.actions(plan) if not a.ref.isascii()]
    if not located:
        return
    from tcdesk.export.pdf_bidi import unjoined
    from tcdesk.export.pdf_glyphs import FACES, REGULAR, answer_faces, undrawable

    used = "".join(set(_NON_ASCII.findall("\n".join(text for text, _ in located))))
    lost_somewhere = {ch for face in FACES for ch in undrawable(used, face)}
    unjoined_somewhere = set(unjoined(used))
    if not lost_somewhere and not unjoined_somewhere:
        return
    for text, where in located:
        if not unjoined_somewhere.isdisjoint(text):
            separate = [ch for ch in dict.fromkeys(text) if ch in unjoined_somewhere]
            yield _finding(rule, where, text, separate, {}, _UNJOINED)
        if lost_somewhere.isdisjoint(text):
            continue
        # Answers are drawn in the face their markup asks for; every other field in the regular one.
        section = where.section if isinstance(where, Location) else where[0]
        faces = answer_faces(text) if section is Section.QUESTION else {REGULAR: text}
        lost: dict[str, str] = {}  # each character with the first face (in FACES' order) that loses it
        for face in FACES:
            for ch in undrawable(faces.get(face, ""), face):
                lost.setdefault(ch, face)
        missing = [ch for ch in dict.fromkeys(text) if ch in lost]
        if missing:
            yield _finding(rule, where, text, missing, lost, _BOXES)


def _finding(rule: Rule, where: Location | Place, text: str, characters: list[str], faces: dict[str, str],
             effect: str) -> Finding:
    """The finding for ``characters`` of ``text`` at ``where``, the first highlighted, each named (with
    the face that loses it, from ``faces``)."""
    start = text.index(characters[0])
    at = replace(where, start=start, end=start + 1) if isinstance(where, Location) else Location(*where, start, start + 1)
    named = ", ".join(f'"{ch}" U+{ord(ch):04X}{_IN_FACE[faces.get(ch, "regular")]}' for ch in characters[:_SHOWN])
    return rule.finding(at, characters=named + (" …" if len(characters) > _SHOWN else ""), count=len(characters),
                        effect=effect)


_IN_FACE = {"regular": "", "bold": " (in bold)", "italic": " (in italics)", "bold_italic": " (in bold italics)"}
_BOXES = "they print as empty boxes"
_UNJOINED = "they print as separate letters, not joined to their neighbours"


RULE = Rule(
    code="TC110",
    name="pdf-cannot-draw",
    severity=Severity.WARNING,
    summary="Text holds characters the PDF's fonts cannot draw (they print as empty boxes) or letters it cannot join.",
    message="The PDF cannot draw {count} character(s) in {where} as written: {characters}; {effect}",
    checks_what="Looks at every answer, every text field and reference of every action and the header and sign-off fields for characters that no face the PDF for submission can set them in has a glyph for: the face of the font it sets them in (DejaVu Sans, resources/export-style.yaml; an answer's headings, table headers and bold words in its bold face, emphasis and figure captions in its oblique ones), then, for bold and italic text, the regular face (which draws the Arabic the oblique faces lack), then the fallback face (Droid Sans Fallback, which draws Chinese, Japanese and Korean characters). Such characters are Devanagari, Thai, most emoji, and the private-use bullet Word leaves in pasted lists (U+F0B7). Hebrew and Arabic are drawn right to left and Arabic letters joined; letters of a script whose letters join that the PDF draws but cannot join (N'Ko, and Arabic-script letters of Pashto, Sindhi or Kurdish the joiner does not know, such as ټ U+067C) are reported too: they print in their isolated forms. Each field is reported once for each of the two, its first such character highlighted, with up to six of them named (with the face, when only bold or italics lose it). Tabs and line ends are laid out, never drawn, and do not count.",
    why="A character the font has no glyph for is printed as an empty box, and a screen reader or a copy from the PDF gets a blank in its place: the reader of the submitted and published PDF loses those words. An unjoined letter breaks the word's shape. The Word document and the web page show them with the reader's own fonts and shaping. Write the words in a script the PDF can show (a transliterated name), or replace a pasted symbol with a plain character.",
    example=Example(
        fails="Our technicians' network is led by अनीता शर्मा (Anita Sharma).",
        passes="Our technicians' network is led by Anita Sharma (王芳 co-leads it).",
    ),
    check=check,
)
