"""Exports replace the destination in one step: a failure leaves the old file and no temporary file."""

from __future__ import annotations

import os
import subprocess
import sys

import pytest

from tcdesk.errors import ExportError
from tcdesk.export.write import RenderedExporter, write_export
from tcdesk.model import Attachment, AttachmentKind


def test_a_failing_render_leaves_the_old_file_intact(tmp_path):
    target = tmp_path / "University of Northmoor January 2026.pdf"
    target.write_bytes(b"the export sent last week")

    def render() -> bytes:
        raise ValueError("layout exploded half way")

    with pytest.raises(ExportError, match="layout exploded"):
        write_export(target, render)
    assert target.read_bytes() == b"the export sent last week"
    assert os.listdir(tmp_path) == [target.name]


def test_a_failing_write_after_partial_output_leaves_no_temporary_file(tmp_path, monkeypatch):
    target = tmp_path / "out.docx"
    target.write_bytes(b"old")

    def broken_replace(src, dst):
        assert os.path.getsize(src) == len(b"new and complete")  # the new file was fully written first
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, "replace", broken_replace)
    with pytest.raises(ExportError, match="No space left"):
        write_export(target, lambda: b"new and complete")
    assert target.read_bytes() == b"old"
    assert os.listdir(tmp_path) == ["out.docx"]


_EXPORT_IN_CHILD = r"""
import sys
from pathlib import Path
from tcdesk.errors import ExportError
from tcdesk.export.write import write_export
try:
    write_export(Path(sys.argv[1]), lambda: b"new")
except ExportError as exc:
    print(exc)
    sys.exit(3)
"""


@pytest.mark.skipif(sys.platform == "win32", reason="POSIX permissions")
def test_read_only_folder_gives_a_clear_error(tmp_path):
    folder = tmp_path / "locked"
    folder.mkdir()
    (folder / "out.pdf").write_bytes(b"old")
    folder.chmod(0o500)
    # Root ignores directory permissions: run the export in a child without that capability.
    command = [sys.executable, "-c", _EXPORT_IN_CHILD, str(folder / "out.pdf")]
    if os.geteuid() == 0:
        command = ["setpriv", "--bounding-set=-dac_override,-dac_read_search", *command]
    try:
        done = subprocess.run(command, capture_output=True, text=True, timeout=60)
        assert done.returncode == 3, done.stderr
        assert "cannot write" in done.stdout
        assert (folder / "out.pdf").read_bytes() == b"old"
        assert sorted(p.name for p in folder.iterdir()) == ["out.pdf"]
    finally:
        folder.chmod(0o700)


def test_missing_folder_is_named(tmp_path):
    with pytest.raises(ExportError, match="folder does not exist") as info:
        write_export(tmp_path / "nowhere" / "out.pdf", lambda: b"x")
    assert info.value.path == tmp_path / "nowhere"


def test_real_exporter_that_fails_mid_export_keeps_the_previous_export(tmp_path, make_submission):
    class PdfLike(RenderedExporter):
        name, label, suffix = "pdf", "PDF", ".pdf"
        renderer = "tcdesk.export.pdf"

    target = tmp_path / "out.pdf"
    PdfLike().export(make_submission(organisation="Northmoor"), target)
    before = target.read_bytes()
    broken = make_submission(organisation="Northmoor")
    broken.answers["1"] = "![x](attachment:bad.png)"
    broken.attachments = [Attachment("bad.png", AttachmentKind.FIGURE, "image/png", b"\x89PNG not really")]
    with pytest.raises(ExportError, match=r"bad\.png"):
        PdfLike().export(broken, target)
    assert target.read_bytes() == before
    assert os.listdir(tmp_path) == ["out.pdf"]


def test_unwritable_destination_gives_a_clear_error_and_no_temporary_file(tmp_path):
    # A folder standing where the file should go fails the rename even for root.
    target = tmp_path / "out.pdf"
    target.mkdir()
    (target / "keep.txt").write_text("kept")
    with pytest.raises(ExportError, match="cannot write"):
        write_export(target, lambda: b"new")
    assert (target / "keep.txt").read_text() == "kept"
    assert os.listdir(tmp_path) == ["out.pdf"]


def test_new_export_is_readable_by_others_and_a_replaced_one_keeps_its_permissions(tmp_path):
    fresh = tmp_path / "fresh.pdf"
    write_export(fresh, lambda: b"x")
    mask = os.umask(0)
    os.umask(mask)
    assert fresh.stat().st_mode & 0o777 == 0o666 & ~mask
    kept = tmp_path / "kept.pdf"
    kept.write_bytes(b"old")
    kept.chmod(0o640)
    write_export(kept, lambda: b"new")
    assert kept.stat().st_mode & 0o777 == 0o640
