"""Tables of the data-subject request cases.

Where personal data sits, so erasure and access requests about the cases
themselves can be answered:
- `subject_contacts.encrypted_email`: the address, encrypted; the only copy.
- `cases.details`: what the person asked for, in their words (JSON text).
- `case_events.note` / `cases.extension_reason`: written by case workers;
  meant to hold no personal data, but treated as if they might.
- `cases.encrypted_child_reference`: when a guardian made the request, the
  controller's reference for the child, encrypted like the address; `child_key`
  is its keyed hash (bot.cases.keys), so the child's cases can be found.
Everything else is keyed by `subject_key`, a keyed hash of the address.
Datetimes are naive UTC (see bot.models.conversation.utc_naive); `due_at`
and `extended_due_at` are dates in the controller's time zone.
"""

from __future__ import annotations

from sqlalchemy import Column, Date, DateTime, ForeignKey, Integer, String, Text
from sqlalchemy.orm import relationship

from bot.db.base import Base


class SubjectContact(Base):
    __tablename__ = "subject_contacts"

    id = Column(Integer, primary_key=True, autoincrement=True)
    subject_key = Column(String(64), nullable=False, unique=True)
    encrypted_email = Column(Text, nullable=False)
    created_at = Column(DateTime, nullable=False)

    def __repr__(self) -> str:
        return f"SubjectContact(id={self.id})"


class Case(Base):
    __tablename__ = "cases"

    id = Column(Integer, primary_key=True, autoincrement=True)
    reference = Column(String(16), nullable=False, unique=True)
    request_type = Column(String(16), nullable=False)
    language = Column(String(8), nullable=False)
    channel = Column(String(32), nullable=False)
    subject_key = Column(String(64), nullable=False, index=True)
    status = Column(String(16), nullable=False)
    received_at = Column(DateTime, nullable=False)
    verified_at = Column(DateTime, nullable=True)
    due_at = Column(Date, nullable=False)
    extended_due_at = Column(Date, nullable=True)
    extension_reason = Column(Text, nullable=True)
    closed_at = Column(DateTime, nullable=True)
    # JSON object, keys per request type (bot.cases.request_types). PERSONAL DATA.
    details = Column(Text, nullable=False, default="{}")
    duplicate_of_id = Column(Integer, ForeignKey("cases.id", ondelete="SET NULL"), nullable=True)
    # The Rasa sender id the request came from: a random id, not a name.
    conversation_id = Column(String(128), nullable=True)
    # Made by a guardian for a child (bot.guardians.acting): null when the person asked for themselves.
    made_by = Column(String(16), nullable=True)  # "guardian"
    guardian_verified = Column(String(16), nullable=True)  # "register", or "email" (a caseworker verifies)
    child_key = Column(String(64), nullable=True, index=True)  # keyed hash of the child's reference
    encrypted_child_reference = Column(Text, nullable=True)  # PERSONAL DATA (the child), encrypted

    duplicate_of = relationship("Case", remote_side=[id])
    events = relationship(
        "CaseEvent", back_populates="case", cascade="all, delete-orphan", order_by="CaseEvent.id", passive_deletes=True
    )

    def __repr__(self) -> str:
        return f"Case(id={self.id}, reference={self.reference!r}, type={self.request_type!r}, status={self.status!r})"


class CaseEvent(Base):
    """One line of a case's history: what happened, when, by whom (Art. 5(2) accountability)."""

    __tablename__ = "case_events"

    id = Column(Integer, primary_key=True, autoincrement=True)
    case_id = Column(Integer, ForeignKey("cases.id", ondelete="CASCADE"), nullable=False, index=True)
    occurred_at = Column(DateTime, nullable=False)
    kind = Column(String(32), nullable=False)
    from_status = Column(String(16), nullable=True)
    to_status = Column(String(16), nullable=True)
    # Who did it: "bot", "system" or a case worker's user name; never the data subject's address.
    actor = Column(String(64), nullable=True)
    note = Column(Text, nullable=True)

    case = relationship("Case", back_populates="events")

    def __repr__(self) -> str:
        return f"CaseEvent(id={self.id}, case_id={self.case_id}, kind={self.kind!r})"
