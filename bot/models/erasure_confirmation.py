"""An erasure's preview waiting for the person's «Yes, erase» (bot.dsr.erasure_confirmation)."""

from __future__ import annotations

from sqlalchemy import Column, DateTime, String, Text

from bot.db.base import Base


class AwaitedErasureRow(Base):
    __tablename__ = "erasure_confirmations"

    chat_key = Column(String(64), primary_key=True)  # a keyed hash of the chat id
    awaited = Column(Text, nullable=False)  # the case reference and two keyed hashes, never the address
    expires_at = Column(DateTime, nullable=False, index=True)
