"""A chat: one Rasa conversation (sender id) and when it started, was active and ended.

The retention rules of the processing agreement run on these rows: a chat is
masked within 15 minutes of `ended_at`, so the end must be recorded reliably.
"""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import Boolean, Column, DateTime, Index, Integer, String

from bot.db.base import Base


class Conversation(Base):
    __tablename__ = "conversations"

    id = Column(Integer, primary_key=True, autoincrement=True)
    # Rasa's sender id: a random id from the widget, never a name or address.
    conversation_id = Column(String(128), nullable=False, unique=True)
    channel = Column(String(32), nullable=False, default="rest")
    language = Column(String(8), nullable=True)
    started_at = Column(DateTime, nullable=False)
    last_activity_at = Column(DateTime, nullable=False)
    ended_at = Column(DateTime, nullable=True)
    end_reason = Column(String(32), nullable=True)
    handed_off = Column(Boolean, nullable=False, default=False)
    message_count = Column(Integer, nullable=False, default=0)
    # Set by the retention worker (bot/retention) once the tracker store rewrite committed.
    masked_at = Column(DateTime, nullable=True, index=True)
    deleted_at = Column(DateTime, nullable=True)

    __table_args__ = (Index("ix_conversations_ended_at", "ended_at"),)

    def is_open(self) -> bool:
        return self.ended_at is None

    def __repr__(self) -> str:
        return f"Conversation(id={self.id}, channel={self.channel!r}, ended={self.ended_at is not None})"


def utc_naive(moment: datetime) -> datetime:
    """Store UTC without tzinfo: SQLite has no time zones and PostgreSQL would convert."""
    if moment.tzinfo is not None:
        from datetime import timezone

        moment = moment.astimezone(timezone.utc).replace(tzinfo=None)
    return moment
