"""The erasure journal: every erased subject key, kept outside the dumps, replayed by every restore.

One JSON line per erasure, appended and fsync'd before the erasure is reported
done, in a 0600 file (the keys are keyed pseudonyms, HMACs of an address, but
still say "this person was here"). A lock file serialises appends with
`prune`, which drops the lines no kept backup can need any more (storage
limitation, Art. 5(1)(e)): a line older than every backup is never replayed.
"""

from __future__ import annotations

import fcntl
import json
import logging
import os
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import datetime, timezone
from pathlib import Path

from bot.config import Settings
from bot.private_files import private_dir, private_file, write_private_bytes

logger = logging.getLogger(__name__)


@dataclass(frozen=True)
class JournalEntry:
    subject_key: str
    erased_at: datetime
    # The person's consent pseudonym (another keyed hash): consent records are found by it, not by subject key.
    consent_key: str | None = None


class ErasureJournal:
    def __init__(self, path: Path) -> None:
        self._path = path

    @property
    def path(self) -> Path:
        return self._path

    @contextmanager
    def _locked(self) -> Iterator[None]:
        if not self._path.parent.exists():
            private_dir(self._path.parent)
        lock = private_file(self._path.with_name(self._path.name + ".lock"))
        with open(lock, "a") as handle:
            fcntl.flock(handle.fileno(), fcntl.LOCK_EX)
            try:
                yield
            finally:
                fcntl.flock(handle.fileno(), fcntl.LOCK_UN)

    def append(self, subject_key: str, erased_at: datetime, consent_key: str | None = None) -> None:
        """Durable before it returns: the line is on disk even if the machine stops a moment later."""
        record = {"subject_key": subject_key, "erased_at": _utc(erased_at).isoformat()}
        if consent_key:
            record["consent_key"] = consent_key
        line = json.dumps(record) + "\n"
        with self._locked():
            created = not self._path.exists()
            descriptor = os.open(self._path, os.O_WRONLY | os.O_APPEND | os.O_CREAT, 0o600)
            try:
                os.fchmod(descriptor, 0o600)
                os.write(descriptor, line.encode("utf-8"))
                os.fsync(descriptor)
            finally:
                os.close(descriptor)
            if created:
                _fsync_dir(self._path.parent)  # the new file's name must survive a crash too

    def entries(self) -> list[JournalEntry]:
        if not self._path.exists():
            return []
        found: list[JournalEntry] = []
        unreadable = 0
        for raw in self._path.read_text(encoding="utf-8").splitlines():
            try:
                data = json.loads(raw)
                found.append(JournalEntry(str(data["subject_key"]), datetime.fromisoformat(data["erased_at"]),
                                          str(data["consent_key"]) if data.get("consent_key") else None))
            except (ValueError, KeyError, TypeError):
                unreadable += 1  # a line torn by a crash mid-write: its erasure was never reported done
        if unreadable:
            logger.warning("erasure journal: %d unreadable line(s) skipped", unreadable)
        return found

    def latest_entries(self) -> list[JournalEntry]:
        """One entry per erased person (the latest line wins), in the order they were first erased."""
        latest: dict[str, JournalEntry] = {}
        for entry in self.entries():
            latest[entry.subject_key] = entry
        return list(latest.values())

    def subject_keys(self) -> list[str]:
        return list(dict.fromkeys(entry.subject_key for entry in self.entries()))

    def prune(self, older_than: datetime) -> int:
        """Drop entries erased before `older_than`; returns how many went."""
        with self._locked():
            entries = self.entries()
            kept = [entry for entry in entries if entry.erased_at >= _utc(older_than)]
            if len(kept) == len(entries):
                return 0
            text = "".join(
                json.dumps({"subject_key": e.subject_key, "erased_at": e.erased_at.isoformat()}) + "\n" for e in kept
            )
            write_private_bytes(self._path, text.encode("utf-8"))
            return len(entries) - len(kept)


def _utc(moment: datetime) -> datetime:
    return moment.replace(tzinfo=timezone.utc) if moment.tzinfo is None else moment.astimezone(timezone.utc)


def _fsync_dir(path: Path) -> None:
    descriptor = os.open(path, os.O_RDONLY)
    try:
        os.fsync(descriptor)
    finally:
        os.close(descriptor)


def journal_erasure(settings: Settings, subject_key: str, erased_at: datetime, consent_key: str | None = None) -> None:
    """Called once where an Art. 17 erasure completes, so no restore can bring the person back."""
    ErasureJournal(settings.erasure_journal).append(subject_key, erased_at, consent_key)
