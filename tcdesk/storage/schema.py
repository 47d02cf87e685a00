"""The tables of a ``.tcdesk`` project file, as typed SQLAlchemy mappings (the current schema revision)."""

from __future__ import annotations

from datetime import date

from sqlalchemy import JSON, Date, Integer, LargeBinary, MetaData, String, Text
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column

# Re-exported: the file's marks live in file_format, which opening a project reads without SQLAlchemy.
from tcdesk.storage.file_format import APPLICATION_ID, FORMAT_NAME, SCHEMA_REVISION  # noqa: F401

NAMING = {
    "pk": "pk_%(table_name)s",
    "uq": "uq_%(table_name)s_%(column_0_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
}


class Base(DeclarativeBase):
    metadata = MetaData(naming_convention=NAMING)


class MetaRow(Base):
    """Key/value facts about the file itself: its format name and the tcdesk versions that wrote it."""

    __tablename__ = "meta"

    key: Mapped[str] = mapped_column(String, primary_key=True)
    value: Mapped[str] = mapped_column(Text)


class SubmissionRow(Base):
    """The single row of header, period and sign-off fields (``id`` is always 1)."""

    __tablename__ = "submission"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    template: Mapped[str] = mapped_column(String)
    organisation: Mapped[str] = mapped_column(Text)
    webpage_url: Mapped[str] = mapped_column(Text)
    previous_period: Mapped[str] = mapped_column(Text)
    new_period: Mapped[str] = mapped_column(Text)
    lead_name: Mapped[str] = mapped_column(Text)
    lead_role: Mapped[str] = mapped_column(Text)
    lead_date: Mapped[date | None] = mapped_column(Date)
    leader_name: Mapped[str] = mapped_column(Text)
    leader_role: Mapped[str] = mapped_column(Text)
    leader_date: Mapped[date | None] = mapped_column(Date)
    renewed_from: Mapped[str] = mapped_column(Text, server_default="")  # added in schema 0003


class LeadRow(Base):
    """An institutional lead; ``position`` keeps the order the user gave."""

    __tablename__ = "lead"

    position: Mapped[int] = mapped_column(Integer, primary_key=True)
    name: Mapped[str] = mapped_column(Text)
    role: Mapped[str] = mapped_column(Text)
    email: Mapped[str] = mapped_column(Text)


class AnswerRow(Base):
    """The CommonMark answer to one question, keyed by its number ("1" … "8")."""

    __tablename__ = "answer"

    number: Mapped[str] = mapped_column(String, primary_key=True)
    text: Mapped[str] = mapped_column(Text)


class LastTimeAnswerRow(Base):
    """Last cycle's answer to one question, kept by a renewal to show beside this cycle's (schema 0003)."""

    __tablename__ = "last_time_answer"

    number: Mapped[str] = mapped_column(String, primary_key=True)
    text: Mapped[str] = mapped_column(Text)


class PreviousActionRow(Base):
    """An action of the previous plan; ``talent`` is the list of codes in the user's order."""

    __tablename__ = "previous_action"

    position: Mapped[int] = mapped_column(Integer, primary_key=True)
    ref: Mapped[str] = mapped_column(Text)
    pillar: Mapped[str | None] = mapped_column(String)
    action: Mapped[str] = mapped_column(Text)
    collaborators: Mapped[str] = mapped_column(Text)
    success_measures: Mapped[str] = mapped_column(Text)
    progress: Mapped[str] = mapped_column(Text)
    explanation: Mapped[str] = mapped_column(Text)
    talent: Mapped[list[str]] = mapped_column(JSON)
    rag: Mapped[str | None] = mapped_column(String)
    id: Mapped[str] = mapped_column(String)  # the action's identity (schema 0004), kept across renumbering


class NewActionRow(Base):
    """An action of the new 36-month plan."""

    __tablename__ = "new_action"

    position: Mapped[int] = mapped_column(Integer, primary_key=True)
    ref: Mapped[str] = mapped_column(Text)
    pillar: Mapped[str | None] = mapped_column(String)
    action: Mapped[str] = mapped_column(Text)
    owner: Mapped[str] = mapped_column(Text)
    collaborators: Mapped[str] = mapped_column(Text)
    due: Mapped[str] = mapped_column(Text)
    success_measures: Mapped[str] = mapped_column(Text)
    resourcing: Mapped[str] = mapped_column(Text)
    talent: Mapped[list[str]] = mapped_column(JSON)
    carried_from: Mapped[str] = mapped_column(Text)
    id: Mapped[str] = mapped_column(String)


class AttachmentRow(Base):
    """A figure or appendix stored in the project (added in schema 0002).

    ``sha256`` lets a save skip rewriting a blob that has not changed.
    """

    __tablename__ = "attachment"

    position: Mapped[int] = mapped_column(Integer, primary_key=True)
    name: Mapped[str] = mapped_column(Text)
    kind: Mapped[str] = mapped_column(String)
    media_type: Mapped[str] = mapped_column(String)
    sha256: Mapped[str] = mapped_column(String(64))
    data: Mapped[bytes] = mapped_column(LargeBinary)
