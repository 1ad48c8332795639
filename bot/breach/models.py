"""The breach register (Art. 33(5): the controller documents every breach; Vern keeps the processor's side)."""

from __future__ import annotations

from sqlalchemy import Column, DateTime, Integer, String, Text

from bot.db.base import Base


class BreachRow(Base):
    __tablename__ = "breaches"

    id = Column(Integer, primary_key=True, autoincrement=True)
    reference = Column(String(20), nullable=False, unique=True)  # BR-YYYYMMDD-N, what people quote
    status = Column(String(16), nullable=False, default="open")  # open, closed
    # What detected it, for automatic openings ("audit-chain", "overdue-masking", "connector-signatures");
    # one open breach per cause, so an ongoing cause does not open a new breach on every check.
    cause = Column(String(40), nullable=True, index=True)
    what_happened = Column(Text, nullable=False, default="")
    discovered_at = Column(DateTime, nullable=False)  # when Vern (the processor) became aware: the clock starts
    subject_categories = Column(Text, nullable=False, default="")
    subjects_approx = Column(Integer, nullable=True)
    record_categories = Column(Text, nullable=False, default="")
    records_approx = Column(Integer, nullable=True)
    consequences = Column(Text, nullable=False, default="")
    measures = Column(Text, nullable=False, default="")
    contact = Column(Text, nullable=False, default="")  # who at the processor answers questions (000 §9.3 c)
    controller_notified_at = Column(DateTime, nullable=True)
    closed_at = Column(DateTime, nullable=True, index=True)
    updated_at = Column(DateTime, nullable=False)
