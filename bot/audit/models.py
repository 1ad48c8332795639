"""The audit table: append-only, each row chained to the one before by hash."""

from __future__ import annotations

from sqlalchemy import Column, DateTime, Integer, String, Text

from bot.db.base import Base


class AuditEntry(Base):
    __tablename__ = "audit_log"

    # `seq` is the chain position (1, 2, 3, ...): a gap is a deleted entry.
    seq = Column(Integer, primary_key=True, autoincrement=False)
    recorded_at = Column(DateTime, nullable=False)
    event = Column(String(64), nullable=False)  # dotted: chat.masked, case.verified, consent.withdrawn
    # Pseudonymous keys only (keyed hashes): the trail must not become an index of people.
    subject = Column(String(128), nullable=True)
    details = Column(Text, nullable=False, default="{}")  # canonical JSON: counts, rule ids, statuses
    prev_hash = Column(String(64), nullable=False)
    entry_hash = Column(String(64), nullable=False)


class AuditHead(Base):
    """One row: how long the chain is and its last hash, sealed with the server's key.

    Updated in the same transaction as each append, so cutting entries off the
    end (which leaves a valid shorter chain) no longer matches the seal."""

    __tablename__ = "audit_head"

    id = Column(Integer, primary_key=True, autoincrement=False)
    count = Column(Integer, nullable=False)
    head_hash = Column(String(64), nullable=False)
    seal = Column(String(64), nullable=False)
