"""Actions get a stable identity (``id``) so that merging two copies can match them (tcdesk 0.2).

Existing rows are numbered by position (``previous-1``, ``new-1`` …), the same rule the interchange
reader applies to files without identities, so two copies of one older file agree.

Revision ID: 0004
Revises: 0003
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0004"
down_revision = "0003"
branch_labels = None
depends_on = None

_TABLES = {"previous_action": "previous", "new_action": "new"}


def upgrade() -> None:
    for table, plan in _TABLES.items():
        op.add_column(table, sa.Column("id", sa.String(), nullable=False, server_default=""))
        # Frozen here rather than imported: a migration must not change with the code.
        op.execute(f"UPDATE {table} SET id = '{plan}-' || (position + 1)")


def downgrade() -> None:
    for table in _TABLES:
        with op.batch_alter_table(table) as batch:
            batch.drop_column("id")
