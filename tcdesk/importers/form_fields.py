"""The form's header fields (organisation, leads, e-mails) and the sign-off, from paragraphs or
label/value tables."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from tcdesk.importers.columns import normalise
from tcdesk.importers.dates import parse_date
from tcdesk.importers.rows import Cell
from tcdesk.model import Lead

if TYPE_CHECKING:
    from tcdesk.importers.assemble import _State


_EMAIL = re.compile(r"[\w.+'-]+@[\w-]+(?:\.[\w-]+)+")
_LEAD_LABEL = re.compile(
    r"^(?:the\s+)?(?:name\s+of\s+)?(?:the\s+)?(?:technician\s+commitment\s+)?(?:nominated\s+)?"
    r"(?:institutional\s+leads?(?:\s*\(s\))?|tc\s+leads?|named\s+(?:point\s+of\s+)?contacts?|lead\s+contacts?"
    r"|points?\s+of\s+contact)\s*(?::|–|—|\bis\b|\bare\b)\s*(?P<value>\S.*)$",
    re.I | re.S,
)
_NEXT_PERSON = re.compile(r";|\s+(?:and|&)\s+(?=(?:Dr|Prof|Professor|Mr|Mrs|Ms|Miss|Mx)\b\.?|[A-Z][\w'’-]+\s+[A-Z])")
_WEBPAGE = re.compile(r"\b(?:website|web\s?site|webpage|web\s?page|online|published)\b[^<]{0,80}?<?(https?://[^\s<>)\]]+)", re.I)


def leads_from_text(text: str) -> list[Lead]:
    """Leads named in running text: "Institutional Lead: Dr Jane Roe, Head of Technical Services
    (j.roe@…)", "Institutional Leads: A (role) and B (role)", "The institutional lead is …"."""
    m = _LEAD_LABEL.match(text.strip())
    if not m:
        return []
    leads = []
    for person in _NEXT_PERSON.split(m.group("value")):
        emails = _EMAIL.findall(person)
        rest = re.sub(r"\b(?:e-?mail|contact)\s*:?", " ", _EMAIL.sub(" ", person), flags=re.I)
        name, _, role = rest.partition(",")
        if paren := re.search(r"\(([^()]*[A-Za-z][^()]*)\)", name):
            role = role.strip(" .,:;–-<>") or paren.group(1)  # "Dr Jane Roe (Head of Technical Services)"
        name = re.sub(r"\([^()]*\)", " ", name).strip(" .,:;–-<>")
        role = re.sub(r"\(\s*\)", "", role).strip(" .,:;–-<>")
        if _looks_like_name(name):
            leads.append(Lead(re.sub(r"\s+", " ", name), re.sub(r"\s+", " ", role), emails[0] if emails else ""))
    return leads


def _looks_like_name(text: str) -> bool:
    # "Dr Jane Roe", "Siân Ó Súilleabháin"; not "important to us".
    words = text.split()
    return 0 < len(words) <= 6 and all(w[:1].isupper() for w in words if len(w) > 3 or w is words[0])


def webpage_from_text(text: str) -> str:
    """The address in "… published on our website at <URL>", or ""."""
    m = _WEBPAGE.search(text)
    return m.group(1).rstrip(".,;:") if m else ""


def header_line(st: _State, text: str) -> None:
    if leads := leads_from_text(text):
        st.sub.leads += leads
        st.header_label = "leads"  # more leads may follow, one a line
        return
    low = text.lower()
    for key, label in st.template.header_labels.items():
        at = low.find(label.lower())  # with its colon: "organisations" in a sentence is no label
        if normalise(text) == normalise(label):
            at = 0
        if at >= 0 or (key == "emails" and normalise(text) in ("email", "emails", "e-mail")):
            st.header_label = key
            rest = text[at:].split(":", 1)[1].strip() if at >= 0 and ":" in text[at:] else ""
            if rest:
                header_value(st, rest)
            return
    if st.header_label:
        header_value(st, text)
    elif _EMAIL.search(text) and len(_EMAIL.sub(" ", text).split()) <= 3:  # "Contact e-mail: …", not prose
        st.emails += [e for e in dict.fromkeys(_EMAIL.findall(text)) if e not in st.emails]
    else:
        st.ignored_before += 1


def header_value(st: _State, text: str) -> None:
    key = st.header_label
    if key == "organisation" and not st.sub.organisation:
        st.sub.organisation = text
    elif key == "leads" and "@" not in text:
        name, _, role = text.partition(",")
        if not _looks_like_name(name.strip()):
            st.header_label = None  # prose after the leads, not another lead
            st.ignored_before += 1
            return
        st.sub.leads.append(Lead(name=name.strip(), role=role.strip()))
    elif "@" in text:
        st.emails += [e for e in dict.fromkeys(_EMAIL.findall(text)) if e not in st.emails]


def signoff_line(st: _State, text: str) -> bool:
    if st.section not in ("7", "8", "signoff"):
        return False
    lead_label, leader_label = st.template.signoff_lead.label.lower(), st.template.signoff_leader.label.lower()
    low = text.lower()
    if st.section == "signoff" and not low.startswith("signed") and (lead_label in low or leader_label in low):
        st.signer = "leader" if leader_label in low else "lead"
        return True
    if low.startswith("signed") and not re.sub(r"^signed[\s.:…_]*", "", low):
        return True  # the signature line itself, left for a pen
    if low.startswith("signed"):
        st.section = "signoff"
        st.signer = "leader" if leader_label in low or (st.signer == "lead" and lead_label not in low) else "lead"
        name = re.sub(r"\(.*\)", "", text[6:] if low.startswith("signed") else "")
        name = name.strip(" .:…_\u2026")  # noqa: B005 - a set of filler characters, not a suffix
        if name and not re.fullmatch(r"[._\s]*", name):
            getattr(st.sub.signoff, st.signer).name = name
        return True
    if st.section != "signoff" or st.signer is None:
        return False
    signatory = getattr(st.sub.signoff, st.signer)
    label, _, value = text.partition(":")
    label = label.strip().lower()
    if label == "date":
        signatory.date = parse_date(value)
    elif label == "name":
        signatory.name = value.strip()
    elif label in ("role", "position", "title"):
        signatory.role = value.strip()
    elif not signatory.role and signatory.name:
        signatory.role = text
    return True


def key_value_table(st: _State, rows: list[list[Cell]]) -> bool:
    """Label | value rows: the form's header fields, or a signatory's name, role and date."""
    if st.section not in ("header", "signoff") or not rows or any(len(r) != 2 for r in rows):
        return False
    for label, value in ((r[0].text.strip(), r[1].text) for r in rows):
        if st.section == "header":
            header_line(st, label)
            if st.header_label:
                for line in re.split(r"\n+", value):
                    if line.strip():
                        header_value(st, line.strip())
        elif st.signer is not None and normalise(label) not in ("signed", "signature"):
            signoff_line(st, f"{label.rstrip(':')}: {value.strip()}")
    return True


def leads_table(st: _State, rows: list[list[Cell]]) -> bool:
    head = [normalise(c.text) for c in rows[0]] if rows else []
    if "name" not in head:
        return False
    col = {h: i for i, h in enumerate(head)}
    for row in rows[1:]:
        cells = {k: row[i].text.strip() for k, i in col.items() if i < len(row)}
        st.sub.leads.append(Lead(cells.get("name", ""), cells.get("role", ""), cells.get("e-mail") or cells.get("email", "")))
    return True
