"""Chats handed to a caseworker: the queue entry and the messages while it lasts.

When the chat ends, its messages and the chat itself are deleted (the annex);
the row stays, with the conversation id replaced by a keyed hash, so the
widget can still learn that the chat ended, and an audit entry remains."""

from __future__ import annotations

from sqlalchemy import Boolean, Column, DateTime, ForeignKey, Integer, String, Text

from bot.db.base import Base


class Handoff(Base):
    __tablename__ = "handoffs"

    id = Column(Integer, primary_key=True, autoincrement=True)
    conversation_id = Column(String(128), nullable=True, index=True)  # cleared when the chat ends
    conversation_key = Column(String(64), nullable=False, index=True)
    language = Column(String(8), nullable=False)
    channel = Column(String(32), nullable=False)
    summary = Column(Text, nullable=False, default="")  # what the bot understood, masked
    status = Column(String(16), nullable=False)  # waiting, active, ended, expired
    requested_at = Column(DateTime, nullable=False)
    taken_at = Column(DateTime, nullable=True)
    taken_by = Column(String(64), nullable=True)
    ended_at = Column(DateTime, nullable=True)


class HandoffMessage(Base):
    __tablename__ = "handoff_messages"

    id = Column(Integer, primary_key=True, autoincrement=True)
    handoff_id = Column(Integer, ForeignKey("handoffs.id", ondelete="CASCADE"), nullable=False, index=True)
    at = Column(DateTime, nullable=False)
    sender = Column(String(16), nullable=False)  # person, caseworker, system
    text = Column(Text, nullable=False)
    delivered = Column(Boolean, nullable=False, default=False)
