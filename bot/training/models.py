"""The training package's table: the forget list (bot.training.forget). Apart from the other modules of the
package so that bot.models can register it without importing the forget list's logic, which imports bot.models."""

from __future__ import annotations

from sqlalchemy import Column, DateTime, String

from bot.db.base import Base


class ForgottenSource(Base):
    __tablename__ = "training_forget"

    # A keyed hash of a chat id (bot.training.lineage.source_id): names no chat without the secret.
    source_id = Column(String(64), primary_key=True)
    reason = Column(String(24), nullable=False)
    added_at = Column(DateTime, nullable=False)
