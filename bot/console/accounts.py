"""Caseworker and admin accounts: argon2id passwords and a TOTP second factor.

The TOTP secret must be readable to check a code, so it is encrypted (Fernet,
key derived from SECRET_KEY) rather than hashed; a code is accepted at most
once (its time step is remembered), so a code seen over a shoulder is spent."""

from __future__ import annotations

import base64
import re
import secrets
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from enum import Enum

import pyotp
from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError, VerifyMismatchError
from cryptography.fernet import Fernet, InvalidToken, MultiFernet
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.kdf.hkdf import HKDF
from sqlalchemy import select, update
from sqlalchemy.engine import Engine

from bot.console.models import ConsoleUser
from bot.errors import Explained
from bot.models.conversation import utc_naive

USERS = ConsoleUser.__table__
ROLES = ("caseworker", "admin")
USERNAME = re.compile(r"^[a-z0-9][a-z0-9._-]{1,63}$")
MIN_PASSWORD_CHARS = 12
ISSUER = "Vern"


class AccountError(Explained, ValueError):
    """An account operation that cannot be done; the message is safe to show an admin."""


class LoginOutcome(str, Enum):
    OK = "ok"
    WRONG = "wrong"  # unknown user, wrong password or wrong code: the same answer for all three
    DISABLED = "disabled"


@dataclass(frozen=True)
class Account:
    id: int
    username: str
    role: str
    disabled: bool
    must_change_password: bool = False

    @property
    def is_admin(self) -> bool:
        return self.role == "admin"


@dataclass(frozen=True)
class NewCredentials:
    password: str
    totp_uri: str  # for the authenticator app (QR code or typed)
    totp_secret: str


def _fernet(secret_key: bytes) -> Fernet:
    derived = HKDF(algorithm=hashes.SHA256(), length=32, salt=None, info=b"vern-console-totp").derive(secret_key)
    return Fernet(base64.urlsafe_b64encode(derived))


def totp_cipher(secret_key: bytes, legacy_key: bytes | None = None) -> MultiFernet:
    """Encrypts with the current key; also decrypts what the legacy key wrote (bot.keys; `vern keys migrate`)."""
    return MultiFernet([_fernet(key) for key in (secret_key, legacy_key) if key])


class AccountService:
    def __init__(self, engine: Engine, clock: Callable[[], datetime], secret_key: bytes, *,
                 legacy_key: bytes | None = None) -> None:
        self._engine = engine
        self._clock = clock
        self._cipher = totp_cipher(secret_key, legacy_key)
        self._hasher = PasswordHasher()

    def create(self, username: str, role: str, password: str | None = None,
               must_change_password: bool = True) -> NewCredentials:
        username = username.strip().lower()
        if not USERNAME.match(username):
            raise AccountError("usernames are 2-64 lowercase letters, digits, dots, dashes or underscores")
        if role not in ROLES:
            raise AccountError(f"role must be one of {', '.join(ROLES)}")
        password = password or secrets.token_urlsafe(15)
        if len(password) < MIN_PASSWORD_CHARS:
            raise AccountError(f"passwords have at least {MIN_PASSWORD_CHARS} characters",
                               key="console_error_password_short", values={"count": MIN_PASSWORD_CHARS})
        totp_secret = pyotp.random_base32()
        with self._engine.begin() as connection:
            if connection.execute(select(USERS.c.id).where(USERS.c.username == username)).first():
                raise AccountError(f"there is already an account {username!r}")
            connection.execute(USERS.insert().values(
                username=username, password_hash=self._hasher.hash(password),
                totp_secret=self._cipher.encrypt(totp_secret.encode()).decode(), role=role, disabled=False,
                created_at=utc_naive(self._clock()), must_change_password=must_change_password,
            ))
        return NewCredentials(password, self._uri(username, totp_secret), totp_secret)

    def _uri(self, username: str, totp_secret: str) -> str:
        return pyotp.TOTP(totp_secret).provisioning_uri(name=username, issuer_name=ISSUER)

    def disable(self, username: str) -> None:
        self._set(username, disabled=True)

    def enable(self, username: str) -> None:
        self._set(username, disabled=False)

    def reset_second_factor(self, username: str) -> NewCredentials:
        totp_secret = pyotp.random_base32()
        self._set(username, totp_secret=self._cipher.encrypt(totp_secret.encode()).decode(), last_totp_step=None)
        return NewCredentials("", self._uri(username.strip().lower(), totp_secret), totp_secret)

    def _set(self, username: str, **values: object) -> None:
        with self._engine.begin() as connection:
            changed = connection.execute(
                update(USERS).where(USERS.c.username == username.strip().lower()).values(**values)).rowcount
        if not changed:
            raise AccountError(f"there is no account {username!r}")

    def get(self, user_id: int) -> Account | None:
        with self._engine.connect() as connection:
            row = connection.execute(select(USERS).where(USERS.c.id == user_id)).first()
        return _account(row) if row else None

    def list(self) -> list[Account]:
        with self._engine.connect() as connection:
            rows = connection.execute(select(USERS).order_by(USERS.c.username)).all()
        return [_account(row) for row in rows]

    def change_password(self, user_id: int, current: str, new: str) -> None:
        """The owner replaces their password (at first login: the one an admin chose or generated)."""
        with self._engine.connect() as connection:
            row = connection.execute(select(USERS).where(USERS.c.id == user_id)).first()
        if row is None:
            raise AccountError("there is no such account", key="console_error_no_account")
        try:
            self._hasher.verify(row.password_hash, current[:1024])
        except (VerifyMismatchError, VerificationError, InvalidHashError):
            raise AccountError("the current password is not right", key="console_error_password_wrong") from None
        if len(new) < MIN_PASSWORD_CHARS or len(new) > 1024:
            raise AccountError(f"passwords have at least {MIN_PASSWORD_CHARS} characters",
                               key="console_error_password_short", values={"count": MIN_PASSWORD_CHARS})
        if secrets.compare_digest(new.encode(), current[:1024].encode()):
            raise AccountError("the new password must differ from the current one", key="console_error_password_same")
        self._set(row.username, password_hash=self._hasher.hash(new), must_change_password=False)

    def verify(self, username: str, password: str, code: str) -> tuple[LoginOutcome, Account | None]:
        """Password and code together; which of them was wrong is not revealed."""
        with self._engine.connect() as connection:
            row = connection.execute(
                select(USERS).where(USERS.c.username == username.strip().lower()[:64])).first()
        if row is None:
            self._hasher.hash(password[:1024])  # the same work as a real check: no timing hint
            return LoginOutcome.WRONG, None
        try:
            self._hasher.verify(row.password_hash, password[:1024])
        except (VerifyMismatchError, VerificationError, InvalidHashError):
            return LoginOutcome.WRONG, None
        step = self._accepted_step(row, code)
        if step is None:
            return LoginOutcome.WRONG, None
        with self._engine.begin() as connection:
            # Compare-and-set: two logins with the same code race, one wins.
            won = connection.execute(
                update(USERS).where(USERS.c.id == row.id, (USERS.c.last_totp_step.is_(None))
                                    | (USERS.c.last_totp_step < step)).values(last_totp_step=step)
            ).rowcount
        if not won:
            return LoginOutcome.WRONG, None
        if row.disabled:
            return LoginOutcome.DISABLED, None
        return LoginOutcome.OK, _account(row)

    def _accepted_step(self, row: object, code: str) -> int | None:
        code = re.sub(r"\s", "", code or "")
        if not re.fullmatch(r"\d{6}", code):
            return None
        try:
            secret = self._cipher.decrypt(row.totp_secret.encode()).decode()  # type: ignore[attr-defined]
        except InvalidToken:
            return None
        totp = pyotp.TOTP(secret)
        now = self._clock()
        for drift in (0, -1, 1):  # one step of clock drift either way
            at = now.timestamp() + drift * totp.interval
            if secrets.compare_digest(totp.at(at).encode(), code.encode()):
                return int(at // totp.interval)
        return None


def _account(row: object) -> Account:
    return Account(row.id, row.username, row.role, bool(row.disabled),  # type: ignore[attr-defined]
                   bool(row.must_change_password))  # type: ignore[attr-defined]
