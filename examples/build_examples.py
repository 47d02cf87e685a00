"""Build the University of Northmoor examples (clean and mid-draft) from the sources in ``northmoor/``.

Usage: ``python examples/build_examples.py`` rewrites ``northmoor-clean.tcdesk.json`` and
``northmoor-draft.tcdesk.json`` next to this script. The Markdown answers and YAML plans under
``northmoor/`` are the text; this script assembles them, draws the attachments and introduces the
draft's gaps (listed in ``README.md``).
"""

from __future__ import annotations

import copy
import sys
from pathlib import Path
from typing import Any

import yaml

HERE = Path(__file__).resolve().parent
SOURCES = HERE / "northmoor"
CLEAN = HERE / "northmoor-clean.tcdesk.json"
DRAFT = HERE / "northmoor-draft.tcdesk.json"
PILLAR_BY_LETTER = {"V": "visibility", "R": "recognition", "C": "career-development", "S": "sustainability"}
SITE = "https://www.northmoor.ac.uk"


def _plan(name: str, fields: tuple[str, ...]) -> dict[str, Any]:
    data = yaml.safe_load((SOURCES / name).read_text(encoding="utf-8"))
    actions = []
    for a in data["actions"]:
        action = {"ref": a["ref"], "pillar": PILLAR_BY_LETTER[a["ref"][0]]}
        action.update({f: a.get(f, "") for f in fields})
        action["talent"] = list(a.get("talent", []))
        if "rag" in fields:
            action["rag"] = a["rag"]
        actions.append(action)
    return {"period": data["period"], "actions": actions}


def clean_dict(attachments: list[dict[str, Any]]) -> dict[str, Any]:
    """The finished submission, in interchange form, with the given attachment entries."""
    answers = {str(n): (SOURCES / "answers" / f"{n}.md").read_text(encoding="utf-8") for n in range(1, 9)}
    return {
        "format": "tcdesk-submission",
        "version": 1,
        "template": "tc-renewal",
        "organisation": "University of Northmoor",
        "leads": [
            {"name": "Dr Carys Llewelyn", "role": "Head of Technical Services", "email": "c.llewelyn@northmoor.ac.uk"},
            {"name": "Aoife Ní Dhomhnaill", "role": "Technician Commitment Manager",
             "email": "a.nidhomhnaill@northmoor.ac.uk"},
        ],
        "answers": answers,
        "webpage_url": f"{SITE}/technician-commitment",
        "previous_plan": _plan("previous-plan.yaml", ("action", "collaborators", "success_measures", "progress",
                                                      "explanation", "rag")),
        "new_plan": _plan("new-plan.yaml", ("action", "owner", "collaborators", "due", "success_measures",
                                            "resourcing", "carried_from")),
        "signoff": {
            "lead": {"name": "Dr Carys Llewelyn", "role": "Head of Technical Services", "date": "2026-07-20"},
            "leader": {"name": "Professor Katarzyna Wiśniewska", "role": "Vice-Chancellor", "date": "2026-07-27"},
        },
        "attachments": attachments,
    }


def _action(plan: dict[str, Any], ref: str) -> dict[str, Any]:
    return next(a for a in plan["actions"] if a["ref"] == ref)


def _replace(text: str, old: str, new: str) -> str:
    if old not in text:
        raise ValueError(f"the draft expects {old!r} in the clean text")
    return text.replace(old, new)


def draft_dict(clean: dict[str, Any]) -> dict[str, Any]:
    """The same submission some weeks earlier: unfinished, with the gaps listed in README.md."""
    d = copy.deepcopy(clean)
    prev, new, answers = d["previous_plan"], d["new_plan"], d["answers"]

    # Red actions whose explanation is not yet written and whose progress gives no reason.
    for ref, progress in (("V06", "Technicians attended two faculty research committees as invited guests in 2025."),
                          ("R04", "Guidance on costing technical time was drafted with the Research Office in 2024."),
                          ("S04", "Requirements were gathered with technical teams in 2023 and a supplier shortlist "
                                  "prepared.")):
        _action(prev, ref).update(explanation="", progress=progress)
    # A near miss: no explanation yet, but the progress text gives the reason.
    _action(prev, "C05").update(explanation="", progress=(
        "The scheme was paused due to the restructure of faculties in 2024; an outline had been agreed with "
        "faculty technical managers in 2023."))
    _action(prev, "V03")["talent"] = []
    _action(prev, "S07")["talent"] = []
    _action(prev, "R10")["talent"] = ["R11", "R19"]
    _action(prev, "C13")["rag"] = None

    # The sustainability actions are still being written, and some fields are not filled in yet.
    new["actions"] = [a for a in new["actions"] if a["pillar"] != "sustainability"]
    _action(new, "V07")["owner"] = ""
    _action(new, "C08")["due"] = ""
    _action(new, "C02")["due"] = "2030-07"
    _action(new, "R07")["talent"] = []
    _action(new, "V02")["resourcing"] = ""

    answers["2"] = _replace(answers["2"], "a **recurrent budget of £95,000 a year**",
                            "a **recurrent budget (amount " + "T" + "BC)**")
    answers["3"] = ("## Overview\n\nOur 2023–2026 plan had 50 actions (5 Red, 18 Amber & 27 Green). The full RAG "
                    "analysis is in the previous action plan table. More than half of the plan is complete, and most "
                    "amber actions are well under way.\n")
    answers["4"] = _replace(answers["4"], "a summary is attached as Appendix A", "a summary will follow as an appendix")
    answers["6"] = answers["6"].split("\n### How the plan was built", 1)[0]
    answers["7"] = ""
    answers["8"] = "Our action plan will be published on [our webpage](#) once it has been approved.\n"

    d["signoff"] = {
        "lead": {"name": "Dr Carys Llewelyn", "role": "Head of Technical Services", "date": None},
        "leader": {"name": "", "role": "Vice-Chancellor", "date": None},
    }
    d["attachments"] = [a for a in d["attachments"] if a["kind"] == "figure"]
    return d


def fresh_attachments() -> list[dict[str, Any]]:
    """Draw the structure chart and typeset the survey appendix (needs PySide6 and reportlab)."""
    import base64

    from northmoor_attachments import structure_chart_png, survey_appendix_pdf

    def entry(name: str, kind: str, media_type: str, data: bytes) -> dict[str, Any]:
        return {"name": name, "kind": kind, "media_type": media_type, "data": base64.b64encode(data).decode("ascii")}

    return [
        entry("structure-chart.png", "figure", "image/png", structure_chart_png()),
        entry("appendix-a-technician-survey-2025.pdf", "appendix", "application/pdf", survey_appendix_pdf()),
    ]


def main() -> int:
    from tcdesk import interchange

    clean = clean_dict(fresh_attachments())
    for data, path in ((clean, CLEAN), (draft_dict(clean), DRAFT)):
        interchange.write(interchange.from_dict(data, path), path)
        path.chmod(0o644)  # an example anyone may read, unlike a private draft
        print(f"wrote {path.relative_to(HERE.parent)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
