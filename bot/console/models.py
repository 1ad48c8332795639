"""Caseworker accounts, their sessions, failed logins and the access log of the case console."""

from __future__ import annotations

from sqlalchemy import Boolean, Column, DateTime, ForeignKey, Integer, String, Text, false

from bot.db.base import Base


class ConsoleUser(Base):
    __tablename__ = "console_users"

    id = Column(Integer, primary_key=True, autoincrement=True)
    username = Column(String(64), nullable=False, unique=True)
    password_hash = Column(String(255), nullable=False)  # argon2id
    totp_secret = Column(Text, nullable=False)  # Fernet-encrypted: it must be readable to check codes
    last_totp_step = Column(Integer, nullable=True)  # a code is accepted once
    role = Column(String(16), nullable=False)  # caseworker, admin
    disabled = Column(Boolean, nullable=False, default=False)
    created_at = Column(DateTime, nullable=False)
    # A new account's password was chosen by an admin (or generated): its owner replaces it at first login.
    must_change_password = Column(Boolean, nullable=False, default=False, server_default=false())


class ConsoleSession(Base):
    __tablename__ = "console_sessions"

    token_hash = Column(String(64), primary_key=True)  # the cookie holds the token; only its hash is stored
    user_id = Column(Integer, ForeignKey("console_users.id", ondelete="CASCADE"), nullable=False, index=True)
    created_at = Column(DateTime, nullable=False)
    last_seen_at = Column(DateTime, nullable=False)


class LoginCounter(Base):
    """Failed logins of one account or one source within the hour; one row, locked while it is counted."""

    __tablename__ = "console_login_counters"

    key = Column(String(80), primary_key=True)  # "account:" or "source:" + a keyed hash: no names, no addresses
    failures = Column(Integer, nullable=False)
    window_started_at = Column(DateTime, nullable=False)
    last_failed_at = Column(DateTime, nullable=True)


class KnownNetwork(Base):
    """Networks an account has logged in from: a login from a new one alerts the admins."""

    __tablename__ = "console_known_networks"

    user_id = Column(Integer, ForeignKey("console_users.id", ondelete="CASCADE"), primary_key=True)
    network_key = Column(String(64), primary_key=True)  # keyed hash of the /24 (IPv4) or /48 (IPv6)
    first_seen_at = Column(DateTime, nullable=False)


class AccessLogEntry(Base):
    __tablename__ = "console_access_log"

    id = Column(Integer, primary_key=True, autoincrement=True)
    at = Column(DateTime, nullable=False, index=True)
    username = Column(String(64), nullable=False)
    action = Column(String(32), nullable=False)  # viewed_case, revealed_contact, viewed_transcript, ...
    target = Column(String(64), nullable=False)  # a case reference or a pseudonymous chat key
    flagged = Column(Boolean, nullable=False, default=False, server_default=false())  # unusual access, admins alerted
