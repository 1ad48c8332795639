"""Download links for exports: only a hash of the token is stored, and the file is encrypted with the token."""

from __future__ import annotations

from sqlalchemy import Column, DateTime, String

from bot.db.base import Base


class ExportDownload(Base):
    __tablename__ = "export_downloads"

    token_hash = Column(String(64), primary_key=True)
    case_reference = Column(String(16), nullable=False, index=True)
    subject_key = Column(String(64), nullable=False, index=True)
    language = Column(String(8), nullable=False)
    created_at = Column(DateTime, nullable=False)
    expires_at = Column(DateTime, nullable=False)


class SubjectRestriction(Base):
    """Art. 18: the subject's data is kept but not used (no training export, no mailings beyond replies)."""

    __tablename__ = "subject_restrictions"

    subject_key = Column(String(64), primary_key=True)
    case_reference = Column(String(16), nullable=False)
    since = Column(DateTime, nullable=False)
