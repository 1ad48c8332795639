"""The one-click objection link a 16-17-year-old gets when a guardian acts for them (bot.guardians.young_notice)."""

from __future__ import annotations

from sqlalchemy import Column, DateTime, String

from bot.db.base import Base


class YoungPersonObjection(Base):
    """A keyed hash of the link's token and the case it objects to; no address, no name, no child reference."""

    __tablename__ = "young_person_objections"

    token_hash = Column(String(64), primary_key=True)
    case_reference = Column(String(16), nullable=False, index=True)
    language = Column(String(8), nullable=False)
    created_at = Column(DateTime, nullable=False)
    expires_at = Column(DateTime, nullable=False)
    used_at = Column(DateTime, nullable=True)  # set by the one click that counts
