"""Alembic environment: migrates the connection tcdesk hands over, inside tcdesk's transaction."""

from __future__ import annotations

from alembic import context

from tcdesk.storage.schema import Base

config = context.config
connection = config.attributes.get("connection")
if connection is None:
    # Only tcdesk.storage.migrate drives these migrations; it always passes an open connection.
    raise RuntimeError("tcdesk migrations run through tcdesk.storage.migrate, which passes a connection")

context.configure(connection=connection, target_metadata=Base.metadata, render_as_batch=True)
with context.begin_transaction():
    context.run_migrations()
