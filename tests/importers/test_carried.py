"""DOCX and PDF exports carry the submission they show; tcdesk reads it back exactly while the file
is as tcdesk wrote it, and reads the text instead once anything changed or the data is not sound."""

from __future__ import annotations

import dataclasses
import io
import json
import subprocess
import sys
import zipfile
from pathlib import Path

import pikepdf
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tcdesk import interchange
from tcdesk.export import embed
from tcdesk.export.base import READ_TEXT
from tcdesk.export.document import build
from tcdesk.importers.carried import CHANGED, READ_EXACTLY
from tcdesk.model import Attachment, AttachmentKind, Submission
from tcdesk.session import Session
from tests.conftest import EXAMPLES
from tests.test_interchange import submissions


def export(pm, sub: Submission, folder: Path, fmt: str) -> Path:
    return Session(sub, pm=pm).export(fmt, folder / f"submission.{fmt}")


def published(sub: Submission) -> Submission:
    return embed.published(build(sub))


@pytest.fixture(scope="module")
def northmoor() -> Submission:
    sub = interchange.read(EXAMPLES / "northmoor-clean.tcdesk.json")
    # What the export does not show must not travel with it.
    sub.last_time = {"1": "Last cycle's answer, kept for the working group"}
    sub.renewed_from = "Northmoor renewal 2023.tcdesk"
    sub.attachments.append(Attachment("unused.png", AttachmentKind.FIGURE, "image/png", sub.attachments[0].data))
    return sub


@pytest.mark.parametrize("fmt", ["docx", "pdf"])
def test_an_export_reads_back_exactly_what_it_shows(pm, tmp_path, northmoor, fmt) -> None:
    path = export(pm, northmoor, tmp_path, fmt)
    before = path.read_bytes()
    result = Session(pm=pm).import_file(path)
    assert result.submission == published(northmoor)
    assert interchange.dumps(result.submission) == interchange.dumps(published(northmoor))
    assert READ_EXACTLY in result.report.summary_lines()
    assert result.report.warnings == []
    # The answers, plans and cover come back byte for byte; only what the export leaves out is gone.
    for field in ("answers", "organisation", "leads", "previous_plan", "new_plan", "signoff", "webpage_url"):
        assert getattr(result.submission, field) == getattr(northmoor, field), field
    assert result.submission.last_time == {} and result.submission.renewed_from == ""
    # Figures the answers show travel; appendices are already the PDF's last pages.
    assert [a.name for a in result.submission.attachments] == [
        a.name for a in northmoor.attachments if a.kind == AttachmentKind.FIGURE and a.name != "unused.png"]
    assert path.read_bytes() == before
    assert sorted(p.name for p in tmp_path.iterdir()) == [path.name]


def test_figures_are_carried_as_the_export_shows_them() -> None:
    figure = lambda name: Attachment(name, AttachmentKind.FIGURE, "image/png", b"not drawn here")
    sub = Submission(answers={"1": "> ![in a quote](attachment:quoted.png)\n\n- ![in a list](attachment:listed.png)\n",
                              "2": "`![in code](attachment:code.png)` and text"},
                     attachments=[figure("quoted.png"), figure("listed.png"), figure("code.png"), figure("unused.png")])
    assert [a.name for a in published(sub).attachments] == ["quoted.png", "listed.png"]


@settings(max_examples=12, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(sub=submissions, fmt=st.sampled_from(["docx", "pdf"]))
def test_any_submission_reads_back_exactly_from_its_export(pm, tmp_path_factory, sub, fmt) -> None:
    sub = dataclasses.replace(sub, template="tc-renewal", attachments=[])
    path = export(pm, sub, tmp_path_factory.mktemp("carried"), fmt)
    assert Session(pm=pm).import_file(path).submission == published(sub)


def test_checking_an_export_checks_what_it_was_made_from(pm, tmp_path) -> None:
    draft = interchange.read(EXAMPLES / "northmoor-draft.tcdesk.json")
    json_path = tmp_path / "published.tcdesk.json"
    interchange.write(published(draft), json_path)
    paths = [str(json_path)] + [str(export(pm, draft, tmp_path, fmt)) for fmt in ("docx", "pdf")]
    done = subprocess.run([sys.executable, "-m", "tcdesk", "check", *paths, "--format", "json", "--today", "2026-11-30"],
                          capture_output=True, text=True, timeout=120)
    assert done.returncode in (0, 1), done.stderr
    findings = [[(f["code"], f["message"]) for f in file["findings"]] for file in json.loads(done.stdout)]
    assert findings[0] and findings[0] == findings[1] == findings[2]


def _rezip(path: Path, change) -> None:
    with zipfile.ZipFile(path) as src:
        members = [(info, src.read(info)) for info in src.infolist()]
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for info, blob in members:
            dst.writestr(info, change(info.filename, blob))
    path.write_bytes(out.getvalue())


def test_a_docx_edited_after_export_is_read_from_its_text(pm, tmp_path, northmoor) -> None:
    path = export(pm, northmoor, tmp_path, "docx")
    word = "Northmoor"
    _rezip(path, lambda name, blob: blob.replace(word.encode(), b"Southmoor") if name == "word/document.xml" else blob)
    result = Session(pm=pm).import_file(path)
    assert CHANGED in result.report.warnings
    assert READ_EXACTLY not in result.report.summary_lines()
    assert "Southmoor" in result.submission.organisation


def test_a_docx_with_a_member_twice_is_read_from_its_text(pm, tmp_path, northmoor) -> None:
    import warnings

    path = export(pm, northmoor, tmp_path, "docx")
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # zipfile warns of the duplicate name, which is the point
        with zipfile.ZipFile(path, "a") as zf:
            zf.writestr("word/media/image1.png", b"another picture under the same name")
    result = Session(pm=pm).import_file(path)
    assert CHANGED in result.report.warnings
    assert READ_EXACTLY not in result.report.summary_lines()


def test_a_docx_saved_again_by_libreoffice_is_read_from_its_text(pm, tmp_path, northmoor) -> None:
    path = export(pm, northmoor, tmp_path, "docx")
    out = tmp_path / "saved"
    subprocess.run(["soffice", "--headless", f"-env:UserInstallation=file://{tmp_path}/lo", "--convert-to", "docx",
                    "--outdir", str(out), str(path)], capture_output=True, timeout=180, check=True)
    result = Session(pm=pm).import_file(out / path.name)
    assert READ_EXACTLY not in result.report.summary_lines()
    assert result.submission.organisation == northmoor.organisation
    assert len(result.submission.previous_plan.actions) == len(northmoor.previous_plan.actions)


def test_a_pdf_with_changed_pages_is_read_from_its_text(pm, tmp_path, northmoor) -> None:
    path = export(pm, northmoor, tmp_path, "pdf")
    with pikepdf.open(path, allow_overwriting_input=True) as pdf:
        pdf.pages[2].contents_add(pikepdf.Stream(pdf, b"q 1 0 0 1 0 0 cm Q"))  # what an annotating editor might do
        pdf.save(path)
    result = Session(pm=pm).import_file(path)
    assert CHANGED in result.report.warnings
    assert result.submission.organisation == northmoor.organisation

    with pikepdf.open(path, allow_overwriting_input=True) as pdf:
        del pdf.pages[-1]
        pdf.save(path)
    assert CHANGED in Session(pm=pm).import_file(path).report.warnings


def test_a_pdf_only_compressed_again_still_reads_exactly(pm, tmp_path, northmoor) -> None:
    path = export(pm, northmoor, tmp_path, "pdf")
    again = tmp_path / "again.pdf"
    subprocess.run(["qpdf", "--recompress-flate", "--compression-level=1", "--object-streams=disable", str(path),
                    str(again)], check=True, timeout=60)
    assert again.read_bytes() != path.read_bytes()
    result = Session(pm=pm).import_file(again)
    assert result.submission == published(northmoor)


def _replace_payload(path: Path, edit) -> None:
    """Give the PDF's carried data the payload ``edit`` makes of the current one, fingerprint kept."""
    with pikepdf.open(path, allow_overwriting_input=True) as pdf:
        data = pdf.attachments[embed.ATTACHMENT_NAME].get_file().read_bytes()
        pdf.attachments[embed.ATTACHMENT_NAME] = pikepdf.AttachedFileSpec(
            pdf, edit(data), filename=embed.ATTACHMENT_NAME, mime_type=embed.MEDIA_TYPE)
        pdf.save(path)


def _refingerprinted(path: Path, change_submission) -> bytes:
    """A payload for ``path`` whose submission (as interchange data) ``change_submission`` changed in
    place, fingerprinted as tcdesk would."""
    with pikepdf.open(path) as pdf:
        data = json.loads(pdf.attachments[embed.ATTACHMENT_NAME].get_file().read_bytes())
        submission = json.loads(data["submission"])
        change_submission(submission)
        text = json.dumps(submission)
        data["submission"] = text
        data["fingerprint"] = embed.fingerprint(embed.pdf_fingerprint(pdf, data["pages"]), text)
    return json.dumps(data).encode()


@pytest.mark.parametrize(("edit", "why"), [
    (lambda data: b"not json at all", "damaged"),
    (lambda data: b"\xff\xfe", "not UTF-8"),
    (lambda data: json.dumps({"format": "something-else"}).encode(), "does not know"),
    (lambda data: data.replace(b'"version":1', b'"version":99'), "version 99"),
    (lambda data: data.replace(b"Northmoor", b"Elsewhere"), CHANGED),
    (lambda data: b"[" * 100_000, "nested too deeply"),
])
def test_unsound_carried_data_means_the_text_is_read(pm, tmp_path, northmoor, edit, why) -> None:
    path = export(pm, northmoor, tmp_path, "pdf")
    _replace_payload(path, edit)
    result = Session(pm=pm).import_file(path)
    assert [w for w in result.report.warnings if why in w], result.report.warnings
    assert result.submission.organisation == northmoor.organisation  # from the text


def test_carried_data_that_is_no_valid_submission_names_the_place(pm, tmp_path, northmoor) -> None:
    path = export(pm, northmoor, tmp_path, "pdf")
    bad = _refingerprinted(path, lambda data: data["previous_plan"]["actions"][1].update(rag="purple"))
    _replace_payload(path, lambda data: bad)
    warnings = Session(pm=pm).import_file(path).report.warnings
    assert any("damaged" in w and "$.previous_plan.actions[1].rag" in w for w in warnings), warnings


def test_a_payload_that_inflates_beyond_the_limit_is_not_read(pm, tmp_path, northmoor, monkeypatch) -> None:
    import tcdesk.importers.carried as carried

    path = export(pm, northmoor, tmp_path, "pdf")
    _replace_payload(path, lambda data: data + b" " * 5_000_000)  # compresses to a few kB
    monkeypatch.setattr(carried, "MAX_FILE_BYTES", 1_000_000)
    warnings = Session(pm=pm).import_file(path).report.warnings
    assert any("larger than tcdesk writes" in w for w in warnings), warnings


def test_read_text_asks_for_the_text(pm, tmp_path, northmoor) -> None:
    path = export(pm, northmoor, tmp_path, "pdf")
    result = Session(pm=pm).import_file(path, READ_TEXT)
    assert READ_EXACTLY not in result.report.summary_lines()
    assert any(w.startswith("from PDF:") for w in result.report.warnings)
    out = tmp_path / "out.tcdesk.json"
    done = subprocess.run([sys.executable, "-m", "tcdesk", "import", str(path), str(out), "--read-text"],
                          capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr
    assert READ_EXACTLY not in done.stdout and "from PDF:" in done.stdout


def test_check_read_text_checks_the_text(pm, tmp_path, northmoor) -> None:
    path = export(pm, northmoor, tmp_path, "pdf")
    # Data whose organisation is blank while the pages show it: only the data lacks it (TC001).
    bad = _refingerprinted(path, lambda data: data.update(organisation=""))
    _replace_payload(path, lambda data: bad)

    def codes(*extra: str) -> set[str]:
        done = subprocess.run([sys.executable, "-m", "tcdesk", "check", str(path), "--format", "json",
                               "--today", "2026-11-30", *extra], capture_output=True, text=True, timeout=120)
        assert done.returncode in (0, 1), done.stderr
        return {f["code"] for f in json.loads(done.stdout)["findings"]}

    assert "TC001" in codes()
    assert "TC001" not in codes("--read-text")
