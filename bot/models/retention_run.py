"""One finished run of the retention worker: what `vern retention status` reports on."""

from __future__ import annotations

from sqlalchemy import Column, DateTime, Index, Integer, Text

from bot.db.base import Base


class RetentionRun(Base):
    __tablename__ = "retention_runs"

    id = Column(Integer, primary_key=True, autoincrement=True)
    started_at = Column(DateTime, nullable=False)
    finished_at = Column(DateTime, nullable=False)
    masked = Column(Integer, nullable=False, default=0)
    deleted = Column(Integer, nullable=False, default=0)
    failed = Column(Integer, nullable=False, default=0)
    # {"rule id": chats handled}; counts only, never conversation ids.
    rule_counts = Column(Text, nullable=False, default="{}")

    __table_args__ = (Index("ix_retention_runs_finished_at", "finished_at"),)
