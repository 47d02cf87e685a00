"""Screenshots of the working-together dialogs for docs/working-together.md (offscreen; no display needed).

Run: ``QT_QPA_PLATFORM=offscreen .venv/bin/python scripts/collaboration_screenshots.py docs/screenshots``
"""

from __future__ import annotations

import copy
import sys
from datetime import datetime
from pathlib import Path

from PySide6.QtWidgets import QApplication

from tcdesk.lockfile import LockInfo
from tcdesk.merge import merge
from tcdesk.model import NewAction, Pillar, PreviousAction, Rag, Submission
from tcdesk.ui.in_use_dialog import InUseDialog
from tcdesk.ui.merging import MergeDialog

app = QApplication([])
out = Path(sys.argv[1])
now = datetime(2026, 11, 30, 11, 5).astimezone()
d = InUseDialog(Path("University of Kent.tcdesk"), LockInfo("alice", "LAB-PC-12", 4242, now, datetime.now().astimezone()))
d.show()
app.processEvents()
d.grab().save(str(out / "in-use-dialog.png"))
base = Submission(organisation="University of Kent")
base.answers["4"] = "We measure impact through the workforce dashboard and the biennial technician survey."
base.previous_plan.actions = [PreviousAction(ref="V06", pillar=Pillar.VISIBILITY, action="Technician of the year award", rag=Rag.AMBER, progress="Shortlist agreed")]
mine, theirs = copy.deepcopy(base), copy.deepcopy(base)
mine.answers["4"] += "\n\nThe 2025 survey had 268 responses (65% of technical staff)."
theirs.answers["4"] = "We measure impact in three ways: the dashboard, the survey and what technicians tell us."
mine.previous_plan.actions[0].rag, theirs.previous_plan.actions[0].rag = Rag.GREEN, Rag.RED
m = MergeDialog(merge(base, mine, theirs).conflicts, "kent-alice.tcdesk")
m.choose(1, "theirs")
m.show()
app.processEvents()
m.grab().save(str(out / "merge-dialog.png"))
base.new_plan.actions = [
    NewAction(ref=f"V0{n}", pillar=Pillar.VISIBILITY, action=text, id=f"v{n}")
    for n, text in enumerate(("Annual technician showcase with poster session and awards evening",
                              "Technician profiles on the staff web pages",
                              "Technicians named as authors where they contributed",
                              "A technician voice on every departmental committee"), 1)
]
mine, theirs = copy.deepcopy(base), copy.deepcopy(base)
mine.new_plan.actions.insert(0, mine.new_plan.actions.pop())  # V04 first
theirs.new_plan.actions.append(theirs.new_plan.actions.pop(0))  # V01 last
m = MergeDialog(merge(base, mine, theirs).conflicts, "kent-alice.tcdesk")
m.resize(900, 330)
m.show()
app.processEvents()
m.grab().save(str(out / "merge-order-conflict.png"))
