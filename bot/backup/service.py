"""`vern backup create|list|restore|prune`: encrypted copies of Vern's database, kept 30 days, that forget.

Files are `vern-<UTC time>.<pg|sqlite>.vbak` in BACKUP_DIR (0700, files 0600),
written under a `.partial` name and renamed when complete, so a listed backup
is always a whole one. Rotation: BACKUP_RETENTION_DAYS, 30 by default, as
both processing agreements state (000 Vedlegg 2, "Tiltak for å sikre
robusthet": backups kept 30 days; 003 §4.3 and Appendiks B §3: 30-day backup
retention, erased data purged from backups within 30 days).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import datetime, timedelta, timezone
from pathlib import Path
from typing import BinaryIO, TypeVar

import redis
from sqlalchemy.engine import Engine, make_url

from bot.backup import postgres, sqlite
from bot.backup.crypto import backup_key, decrypt_stream, encrypt_stream, read_chunks
from bot.backup.errors import BackupError
from bot.backup.journal import ErasureJournal
from bot.backup.replay import ReplayReport, apply_retention, replay_erasures
from bot.config import Settings
from bot.db.engine import create_db_engine
from bot.private_files import FILE_MODE, private_dir, private_file

T = TypeVar("T")

_NAME = re.compile(r"vern-(\d{8}T\d{6}Z)\.(pg|sqlite)\.vbak")


@dataclass(frozen=True)
class BackupFile:
    path: Path
    created_at: datetime
    kind: str  # "pg" or "sqlite"

    @property
    def name(self) -> str:
        return self.path.name

    @property
    def size(self) -> int:
        return self.path.stat().st_size


@dataclass(frozen=True)
class PruneReport:
    backups_deleted: int
    journal_entries_dropped: int


class Backups:
    def __init__(self, settings: Settings, clock: Callable[[], datetime]) -> None:
        self._settings = settings
        self._clock = clock
        self._journal = ErasureJournal(settings.erasure_journal)
        backend = make_url(settings.database_url).get_backend_name()
        if backend not in ("postgresql", "sqlite"):
            raise BackupError(f"backups support PostgreSQL and SQLite, not {backend}")
        self._kind = "pg" if backend == "postgresql" else "sqlite"

    def _folder(self) -> Path:
        return private_dir(self._settings.backup_dir)

    def create(self) -> BackupFile:
        now = self._clock().astimezone(timezone.utc)
        target = self._folder() / f"vern-{now:%Y%m%dT%H%M%SZ}.{self._kind}.vbak"
        if target.exists():
            raise BackupError(f"{target.name} exists already: one backup per second")
        partial = private_file(target.with_name(target.name + ".partial"))
        key = backup_key(self._settings)
        try:
            with open(partial, "wb") as out:
                if self._kind == "pg":
                    postgres.dump(self._settings.database_url, lambda chunks: encrypt_stream(key, chunks, out))
                else:
                    self._sqlite_dump(key, out)
            partial.chmod(FILE_MODE)
            partial.replace(target)
        finally:
            partial.unlink(missing_ok=True)
        return BackupFile(target, now, self._kind)

    def _sqlite_dump(self, key: bytes, out: BinaryIO) -> None:
        plain = self._folder() / ".snapshot.sqlite.tmp"
        try:
            sqlite.snapshot(self._settings.database_url, plain)
            with open(plain, "rb") as source:
                encrypt_stream(key, read_chunks(source), out)
        finally:
            plain.unlink(missing_ok=True)

    def list(self) -> list[BackupFile]:
        folder = self._settings.backup_dir
        found = []
        for path in folder.iterdir() if folder.exists() else []:
            match = _NAME.fullmatch(path.name)
            if match:
                created = datetime.strptime(match.group(1), "%Y%m%dT%H%M%SZ").replace(tzinfo=timezone.utc)
                found.append(BackupFile(path, created, match.group(2)))
        return sorted(found, key=lambda backup: backup.created_at)

    def find(self, name: str) -> BackupFile:
        for backup in self.list():
            if name in (backup.name, str(backup.path)):
                return backup
        raise BackupError(f"no backup named {name!r} in BACKUP_DIR (see `vern backup list`)")

    def restore(self, name: str) -> ReplayReport:
        """Restore `name`, erasing every journaled person again before the copy replaces the live database."""
        backup = self.find(name)
        if backup.kind != self._kind:
            raise BackupError(f"{backup.name} is a {backup.kind} backup; DATABASE_URL is {self._kind}")
        self._check_redis()
        keys = self._journal.latest_entries()
        key = backup_key(self._settings)

        def replay(engine: Engine) -> ReplayReport:
            report = replay_erasures(self._settings, engine, self._clock, keys)
            apply_retention(self._settings, engine, self._clock)
            return report

        with open(backup.path, "rb") as source:
            if self._kind == "pg":
                return postgres.restore(self._settings.database_url, decrypt_stream(key, source), replay)
            return self._sqlite_restore(decrypt_stream(key, source), replay)

    def drill(self, name: str, inspect: Callable[[Engine], T]) -> tuple[ReplayReport, T]:
        """Restore `name` into a scratch copy, erase the journal again, let `inspect` read the copy, then drop
        it. The live database is never touched: a backup is only as good as a restore that was tried."""
        backup = self.find(name)
        if backup.kind != self._kind:
            raise BackupError(f"{backup.name} is a {backup.kind} backup; DATABASE_URL is {self._kind}")
        self._check_redis()
        entries = self._journal.latest_entries()
        key = backup_key(self._settings)

        def replay_and_inspect(engine: Engine) -> tuple[ReplayReport, T]:
            report = replay_erasures(self._settings, engine, self._clock, entries)
            apply_retention(self._settings, engine, self._clock)
            return report, inspect(engine)

        with open(backup.path, "rb") as source:
            if self._kind == "pg":
                return postgres.restore(self._settings.database_url, decrypt_stream(key, source), replay_and_inspect,
                                        swap=False)
            copy = private_file(self._folder() / ".drill.sqlite.tmp")
            try:
                with open(copy, "wb") as out:
                    for chunk in decrypt_stream(key, source):
                        out.write(chunk)
                engine = create_db_engine(f"sqlite:///{copy}")
                try:
                    return replay_and_inspect(engine)
                finally:
                    engine.dispose()
            finally:
                for leftover in copy.parent.glob(copy.name + "*"):
                    leftover.unlink(missing_ok=True)

    def _sqlite_restore(self, plaintext: Iterable[bytes], replay: Callable[[Engine], ReplayReport]) -> ReplayReport:
        copy = private_file(self._folder() / ".restoring.sqlite.tmp")
        try:
            with open(copy, "wb") as out:
                for chunk in plaintext:
                    out.write(chunk)
            return sqlite.restore(self._settings.database_url, copy, replay)
        finally:
            for leftover in copy.parent.glob(copy.name + "*"):
                leftover.unlink(missing_ok=True)

    def _check_redis(self) -> None:
        """The replay erases chats from the tracker store, which is Redis when REDIS_URL is set."""
        if not self._settings.redis_url:
            return
        try:
            redis.Redis.from_url(self._settings.redis_url, socket_connect_timeout=2, socket_timeout=2).ping()
        except (redis.exceptions.RedisError, ValueError):
            raise BackupError("Redis (REDIS_URL) does not answer; nothing was restored") from None

    def prune(self) -> PruneReport:
        """Delete backups past the rotation, then journal lines no kept backup (nor a copy of one) needs."""
        cutoff = self._clock().astimezone(timezone.utc) - timedelta(days=self._settings.backup_retention_days)
        deleted = 0
        for backup in self.list():
            if backup.created_at < cutoff:
                backup.path.unlink(missing_ok=True)
                deleted += 1
        kept = self.list()
        # An erasure older than every kept backup is in none of them; within the rotation window it is kept
        # anyway, for copies of backups taken elsewhere under the same rotation.
        oldest = min([cutoff, *(backup.created_at for backup in kept)])
        return PruneReport(deleted, self._journal.prune(oldest))
