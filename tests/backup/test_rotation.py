"""Rotation: backups older than BACKUP_RETENTION_DAYS (30 by default) go, and with them the journal lines
no kept backup can need."""

from __future__ import annotations

from dataclasses import replace
from datetime import datetime, timedelta, timezone
from pathlib import Path

from bot.backup.journal import ErasureJournal
from bot.backup.service import Backups
from bot.clock import FrozenClock
from bot.config import Secret, Settings
from tests.support.databases import migrated_sqlite

NOW = datetime(2026, 12, 6, 2, 0, tzinfo=timezone.utc)


def settings_in(tmp_path: Path) -> Settings:
    return Settings(database_url=f"sqlite:///{tmp_path / 'vern.sqlite3'}", secret_key=Secret("s" * 32),
                    backup_dir=tmp_path / "backups", erasure_journal=tmp_path / "erasure-journal.jsonl")


def test_prune_keeps_30_days_by_default_and_drops_journal_lines_no_backup_needs(tmp_path: Path) -> None:
    settings = settings_in(tmp_path)
    assert settings.backup_retention_days == 30
    clock = FrozenClock(NOW - timedelta(days=40))
    journal = ErasureJournal(settings.erasure_journal)
    with migrated_sqlite(tmp_path / "vern.sqlite3"):
        backups = Backups(settings, clock)
        old = backups.create()
        clock.advance(days=30)
        recent = backups.create()
        (settings.backup_dir / "vern-20261206T010000Z.sqlite.vbak.partial").write_bytes(b"")  # a crashed create
        for days in (45, 35, 5):
            journal.append(f"erased-{days}-days-ago", NOW - timedelta(days=days))
        clock.advance(days=10)

        assert [b.name for b in backups.list()] == [old.name, recent.name], "only whole backups are listed"
        pruned = backups.prune()

        assert pruned.backups_deleted == 1 and [b.name for b in backups.list()] == [recent.name]
        assert pruned.journal_entries_dropped == 2
        assert journal.subject_keys() == ["erased-5-days-ago"]

        shorter = Backups(replace(settings, backup_retention_days=7), clock)
        assert shorter.prune().backups_deleted == 1 and shorter.list() == []
