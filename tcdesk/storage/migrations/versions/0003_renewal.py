"""Renewal: last cycle's answers kept beside this cycle's, and the file the renewal started from (tcdesk 0.2).

Revision ID: 0003
Revises: 0002
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "last_time_answer",
        sa.Column("number", sa.String(), nullable=False),
        sa.Column("text", sa.Text(), nullable=False),
        sa.PrimaryKeyConstraint("number", name="pk_last_time_answer"),
    )
    with op.batch_alter_table("submission") as batch:
        batch.add_column(sa.Column("renewed_from", sa.Text(), nullable=False, server_default=""))


def downgrade() -> None:
    with op.batch_alter_table("submission") as batch:
        batch.drop_column("renewed_from")
    op.drop_table("last_time_answer")
