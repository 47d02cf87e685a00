"""Export names and properties from hostile organisation names: never hidden, misleading or refused."""

from __future__ import annotations

import io

import docx
import pytest

from tcdesk.export import docx as docx_export
from tcdesk.export.naming import default_filename, sanitise_filename
from tcdesk.model import Submission


@pytest.mark.parametrize("organisation", ["..", ".hidden", "...", " . ", "Uni\u202egpj.exe", "A\u200bB\u200d", "\ufeffX"])
def test_default_names_are_visible_and_say_what_they_are(organisation):
    name = default_filename(Submission(organisation=organisation), ".pdf")
    assert not name.startswith(".") and name.endswith(".pdf")
    assert not any(c in name for c in "\u202e\u200b\u200d\ufeff/")
    assert sanitise_filename(name) == name


def test_a_long_organisation_exports_to_docx_with_shortened_properties():
    organisation = "The Royal and Ancient University of " + "Somewhere Quite Far Away " * 12
    data = docx_export.render(Submission(organisation=organisation, leads=[]))
    props = docx.Document(io.BytesIO(data)).core_properties
    assert all(len(v) <= 255 for v in (props.title, props.author, props.subject))
    assert props.author.endswith("…") and organisation.startswith(props.author[:-1])
