"""Alembic migrations of the project-file schema, run from code (see tcdesk.storage.migrate)."""
