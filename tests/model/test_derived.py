"""Derived figures are computed from the actions, never stored."""

from tcdesk.model import Pillar, Rag, rag_counts, rag_totals, talent_coverage


def test_rag_counts_follow_the_action_table(make_submission):
    sub = make_submission(
        prev=[
            {"ref": "V01", "pillar": "visibility", "rag": "red"},
            {"ref": "V02", "pillar": "visibility", "rag": "green"},
            {"ref": "C01", "pillar": "career-development", "rag": "amber"},
            {"ref": "C02", "pillar": "career-development"},
        ]
    )
    counts = rag_counts(sub.previous_plan)
    assert counts[Pillar.VISIBILITY].red == 1 and counts[Pillar.VISIBILITY].green == 1
    assert counts[Pillar.CAREER_DEVELOPMENT].count(None) == 1
    assert counts[Pillar.SUSTAINABILITY].total == 0
    sub.previous_plan.actions[0].rag = Rag.GREEN
    assert rag_counts(sub.previous_plan)[Pillar.VISIBILITY].green == 2
    assert rag_totals(sub.previous_plan).total == 4


def test_talent_coverage_counts_both_plans(make_submission):
    sub = make_submission(
        prev=[{"ref": "V01", "pillar": "visibility", "talent": ["R11", "R2"]}],
        new=[{"ref": "V01", "pillar": "visibility", "talent": ["R11"]}, {"ref": "C01", "talent": ["R10"]}],
    )
    assert talent_coverage(sub) == {"R2": (1, 0), "R10": (0, 1), "R11": (1, 1)}
