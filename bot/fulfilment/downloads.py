"""Single-use, expiring download links for exports.

The token in the link is the only key: the database keeps its SHA-256, and the
file on disk is encrypted with a key derived from the token, so neither a copy
of the database nor of the export folder reveals an export. A redeemed or
expired export is deleted: at the download, and by the retention worker's
housekeeping (`purge_expired_exports`) whether or not anyone comes back."""

from __future__ import annotations

import base64
import hashlib
import secrets
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime, timedelta
from enum import Enum
from pathlib import Path

from cryptography.fernet import Fernet, InvalidToken
from sqlalchemy import delete, select
from sqlalchemy.engine import Engine

from bot.config import Settings
from bot.fulfilment.models import ExportDownload
from bot.models.conversation import utc_naive

TABLE = ExportDownload.__table__
# Issue text: the link expires in 72 hours.
LINK_TTL = timedelta(hours=72)


class Redeemed(Enum):
    OK = "ok"
    EXPIRED = "expired"
    UNKNOWN = "unknown"  # never issued, already used, or deleted with an erasure


@dataclass(frozen=True)
class Download:
    status: Redeemed
    content: bytes = b""
    file_name: str = ""
    language: str = ""


def _hash(token: str) -> str:
    return hashlib.sha256(token.encode("utf-8")).hexdigest()


def _cipher(token: str) -> Fernet:
    key = hashlib.sha256(b"vern-export-file:" + token.encode("utf-8")).digest()
    return Fernet(base64.urlsafe_b64encode(key))


class DownloadStore:
    def __init__(self, engine: Engine, folder: Path, clock: Callable[[], datetime]) -> None:
        self._engine = engine
        self._folder = folder
        self._clock = clock

    def _path(self, token_hash: str) -> Path:
        return self._folder / f"{token_hash}.bin"

    def create(self, content: bytes, case_reference: str, subject_key: str, language: str) -> str:
        self.purge_expired()
        token = secrets.token_urlsafe(32)
        token_hash = _hash(token)
        now = utc_naive(self._clock())
        self._folder.mkdir(parents=True, exist_ok=True)
        self._path(token_hash).write_bytes(_cipher(token).encrypt(content))
        with self._engine.begin() as connection:
            connection.execute(TABLE.insert().values(
                token_hash=token_hash, case_reference=case_reference, subject_key=subject_key,
                language=language, created_at=now, expires_at=now + LINK_TTL,
            ))
        return token

    def peek(self, token: str) -> Download:
        """What a visit would find, without using the link up (for the confirmation page): no content."""
        if not token or len(token) > 100:
            return Download(Redeemed.UNKNOWN)
        with self._engine.connect() as connection:
            row = connection.execute(select(TABLE).where(TABLE.c.token_hash == _hash(token))).first()
        if row is None:
            return Download(Redeemed.UNKNOWN)
        expired = row.expires_at <= utc_naive(self._clock())
        return Download(Redeemed.EXPIRED if expired else Redeemed.OK, language=row.language)

    def redeem(self, token: str) -> Download:
        if not token or len(token) > 100:
            return Download(Redeemed.UNKNOWN)
        token_hash = _hash(token)
        now = utc_naive(self._clock())
        with self._engine.begin() as connection:
            row = connection.execute(select(TABLE).where(TABLE.c.token_hash == token_hash)).first()
            if row is None:
                return Download(Redeemed.UNKNOWN)
            # Single use: of parallel visits, only the one whose DELETE removed the row hands the file out
            # (a second DELETE waits for the first to commit and then finds nothing).
            claimed = connection.execute(delete(TABLE).where(TABLE.c.token_hash == token_hash)).rowcount
        if claimed != 1:
            return Download(Redeemed.UNKNOWN)
        path = self._path(token_hash)
        try:
            if row.expires_at <= now:
                return Download(Redeemed.EXPIRED, language=row.language)
            try:
                content = _cipher(token).decrypt(path.read_bytes())
            except (OSError, InvalidToken):
                return Download(Redeemed.UNKNOWN, language=row.language)
            return Download(Redeemed.OK, content, f"vern-export-{row.case_reference}.zip", row.language)
        finally:
            path.unlink(missing_ok=True)

    def purge_expired(self) -> int:
        now = utc_naive(self._clock())
        with self._engine.begin() as connection:
            hashes = connection.execute(select(TABLE.c.token_hash).where(TABLE.c.expires_at <= now)).scalars().all()
            if hashes:
                connection.execute(delete(TABLE).where(TABLE.c.token_hash.in_(hashes)))
        for token_hash in hashes:
            self._path(token_hash).unlink(missing_ok=True)
        return len(hashes)

    def delete_for_subject(self, subject_key: str) -> int:
        with self._engine.begin() as connection:
            hashes = connection.execute(
                select(TABLE.c.token_hash).where(TABLE.c.subject_key == subject_key)
            ).scalars().all()
            if hashes:
                connection.execute(delete(TABLE).where(TABLE.c.token_hash.in_(hashes)))
        for token_hash in hashes:
            self._path(token_hash).unlink(missing_ok=True)
        return len(hashes)


def purge_expired_exports(settings: Settings, clock: Callable[[], datetime] | None = None) -> int:
    """Retention housekeeping: expired exports go within a worker run of their 72 hours, visited or not."""
    from bot.clock import utc_now
    from bot.db.engine import get_engine

    return DownloadStore(get_engine(settings.database_url), settings.var_dir / "exports",
                         clock or utc_now).purge_expired()
