"""Initial project schema (tcdesk 0.0): header, leads, answers, both plans, file facts.

Revision ID: 0001
Revises:
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0001"
down_revision = None
branch_labels = None
depends_on = None

APPLICATION_ID = 0x7463646B  # "tcdk"; frozen here, as a migration must not change with the code


def upgrade() -> None:
    op.execute(f"PRAGMA application_id = {APPLICATION_ID}")
    op.create_table(
        "meta",
        sa.Column("key", sa.String(), nullable=False),
        sa.Column("value", sa.Text(), nullable=False),
        sa.PrimaryKeyConstraint("key", name="pk_meta"),
    )
    op.create_table(
        "submission",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("template", sa.String(), nullable=False),
        sa.Column("organisation", sa.Text(), nullable=False),
        sa.Column("webpage_url", sa.Text(), nullable=False),
        sa.Column("previous_period", sa.Text(), nullable=False),
        sa.Column("new_period", sa.Text(), nullable=False),
        sa.Column("lead_name", sa.Text(), nullable=False),
        sa.Column("lead_role", sa.Text(), nullable=False),
        sa.Column("lead_date", sa.Date(), nullable=True),
        sa.Column("leader_name", sa.Text(), nullable=False),
        sa.Column("leader_role", sa.Text(), nullable=False),
        sa.Column("leader_date", sa.Date(), nullable=True),
        sa.PrimaryKeyConstraint("id", name="pk_submission"),
    )
    op.create_table(
        "lead",
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column("name", sa.Text(), nullable=False),
        sa.Column("role", sa.Text(), nullable=False),
        sa.Column("email", sa.Text(), nullable=False),
        sa.PrimaryKeyConstraint("position", name="pk_lead"),
    )
    op.create_table(
        "answer",
        sa.Column("number", sa.String(), nullable=False),
        sa.Column("text", sa.Text(), nullable=False),
        sa.PrimaryKeyConstraint("number", name="pk_answer"),
    )
    op.create_table(
        "previous_action",
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column("ref", sa.Text(), nullable=False),
        sa.Column("pillar", sa.String(), nullable=True),
        sa.Column("action", sa.Text(), nullable=False),
        sa.Column("collaborators", sa.Text(), nullable=False),
        sa.Column("success_measures", sa.Text(), nullable=False),
        sa.Column("progress", sa.Text(), nullable=False),
        sa.Column("explanation", sa.Text(), nullable=False),
        sa.Column("talent", sa.JSON(), nullable=False),
        sa.Column("rag", sa.String(), nullable=True),
        sa.PrimaryKeyConstraint("position", name="pk_previous_action"),
    )
    op.create_table(
        "new_action",
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column("ref", sa.Text(), nullable=False),
        sa.Column("pillar", sa.String(), nullable=True),
        sa.Column("action", sa.Text(), nullable=False),
        sa.Column("owner", sa.Text(), nullable=False),
        sa.Column("collaborators", sa.Text(), nullable=False),
        sa.Column("due", sa.Text(), nullable=False),
        sa.Column("success_measures", sa.Text(), nullable=False),
        sa.Column("resourcing", sa.Text(), nullable=False),
        sa.Column("talent", sa.JSON(), nullable=False),
        sa.Column("carried_from", sa.Text(), nullable=False),
        sa.PrimaryKeyConstraint("position", name="pk_new_action"),
    )
    op.bulk_insert(
        sa.table("meta", sa.column("key", sa.String()), sa.column("value", sa.Text())),
        [{"key": "format", "value": "tcdesk-project"}],
    )


def downgrade() -> None:
    for table in ("new_action", "previous_action", "answer", "lead", "submission", "meta"):
        op.drop_table(table)
    op.execute("PRAGMA application_id = 0")
