"""Consent records with the information elements of ISO/IEC TS 27560, and their status history."""

from __future__ import annotations

from sqlalchemy import Boolean, Column, DateTime, ForeignKey, Integer, String, Text

from bot.db.base import Base


class ConsentRecord(Base):
    __tablename__ = "consent_records"

    record_id = Column(String(36), primary_key=True)  # a UUID: the receipt's identifier
    subject_key = Column(String(64), nullable=False, index=True)  # keyed hash of the person's address or id
    controller = Column(String(200), nullable=False)
    purpose_id = Column(String(64), nullable=False, index=True)
    purpose_version = Column(Integer, nullable=False)
    notice_language = Column(String(8), nullable=False)
    notice_hash = Column(String(64), nullable=False)  # evidence: SHA-256 of exactly what was shown
    legal_basis = Column(String(64), nullable=False)
    data_categories = Column(Text, nullable=False)  # JSON list of DPV terms
    processing = Column(Text, nullable=False)  # JSON list of DPV terms
    retention = Column(String(32), nullable=False)  # ISO 8601 duration of the data, from the purpose
    channel = Column(String(32), nullable=False)  # web, telegram, ...
    rule = Column(String(32), nullable=False)  # bot.consent.ages.ConsentRule
    subject_consented = Column(Boolean, nullable=False, default=False)
    guardian_key = Column(String(64), nullable=True)  # pseudonymous key of the guardian who answered
    guardian_relation = Column(String(32), nullable=True)  # as declared: mother, father, guardian, ...
    guardian_informed = Column(Boolean, nullable=False, default=False)
    status = Column(String(16), nullable=False)  # pending_guardian, given, refused, withdrawn, expired
    created_at = Column(DateTime, nullable=False)
    updated_at = Column(DateTime, nullable=False)
    expires_at = Column(DateTime, nullable=True)
    # Keyed hash of the chat the consent was given in: "may my chats train the assistant" is about
    # that chat (chats are anonymous otherwise), checked at the moment of each training export.
    conversation_key = Column(String(64), nullable=True, index=True)
    guardian_verified = Column(String(16), nullable=True)  # email, telegram or register (see bot.guardians)
    child_reference_key = Column(String(64), nullable=True)  # keyed hash of the controller's child reference
    guardian_notice_language = Column(String(8), nullable=True)  # the notice the guardian was shown
    guardian_notice_hash = Column(String(64), nullable=True)
    # Which words were shown (bot.consent.ages.audience_for): child, young or adult; null on records made before
    # the versions existed (those saw the adult notice).
    notice_version = Column(String(8), nullable=True)
    guardian_notice_version = Column(String(8), nullable=True)


class ConsentEvent(Base):
    __tablename__ = "consent_events"

    id = Column(Integer, primary_key=True, autoincrement=True)
    record_id = Column(String(36), ForeignKey("consent_records.record_id", ondelete="CASCADE"), nullable=False,
                       index=True)
    at = Column(DateTime, nullable=False)
    status = Column(String(16), nullable=False)
    actor = Column(String(16), nullable=False)  # subject, guardian, system
    method = Column(String(32), nullable=False)  # web, telegram, email-code, expiry


class GuardianInvitation(Base):
    """A one-time link (and short code) a child passes to a guardian, bound to one consent record.

    Only keyed hashes of the token and the code are stored. `conversation_id`
    is kept only until the child's chat has been told the answer."""

    __tablename__ = "guardian_invitations"

    invitation_id = Column(String(36), primary_key=True)
    token_hash = Column(String(64), nullable=False, unique=True)
    code_hash = Column(String(64), nullable=False, unique=True)
    record_id = Column(String(36), ForeignKey("consent_records.record_id", ondelete="CASCADE"), nullable=False,
                       index=True)
    intent = Column(String(16), nullable=False)  # approve (guardian consents) or inform (guardian is told)
    language = Column(String(8), nullable=False)
    conversation_id = Column(String(128), nullable=True)
    opened_by = Column(String(64), nullable=True)  # pseudonymous key of whoever opened it last
    answer = Column(String(16), nullable=True)  # approved, declined, informed
    child_told = Column(Boolean, nullable=False, default=False)
    created_at = Column(DateTime, nullable=False)
    expires_at = Column(DateTime, nullable=False)
    used_at = Column(DateTime, nullable=True)
    # Keyed hashes (space-separated) of the child's own addresses and account: none of them may answer.
    excluded_keys = Column(Text, nullable=True)
    refusal_untold = Column(Boolean, nullable=False, default=False)  # the child's own key tried; chat not told
    # The controller's reference for the child, as given in the chat: asked of the guardian register when
    # the guardian answers, then dropped (the record keeps only its keyed hash).
    child_reference = Column(String(64), nullable=True)
