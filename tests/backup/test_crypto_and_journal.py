"""The pieces a restore relies on: a backup only its key opens, whole or not at all, and a durable journal."""

from __future__ import annotations

import io
import os
import stat
from dataclasses import replace
from datetime import datetime, timedelta, timezone
from pathlib import Path

import pytest

from bot.backup.crypto import CHUNK_BYTES, BackupUnreadable, backup_key, decrypt_stream, encrypt_stream
from bot.backup.journal import ErasureJournal
from bot.config import Secret, Settings

SETTINGS = Settings(secret_key=Secret("s" * 32))
NOW = datetime(2026, 12, 6, 2, 0, tzinfo=timezone.utc)


def sealed(plaintext: bytes, key: bytes) -> bytes:
    out = io.BytesIO()
    encrypt_stream(key, [plaintext[i:i + 70_000] for i in range(0, len(plaintext), 70_000)], out)
    return out.getvalue()


def opened(data: bytes, key: bytes) -> bytes:
    return b"".join(decrypt_stream(key, io.BytesIO(data)))


def test_a_backup_of_several_chunks_opens_with_its_key_and_hides_its_content() -> None:
    plaintext = b"kari.nordmann@example.no " * (CHUNK_BYTES // 10)  # 2.5 chunks
    key = backup_key(SETTINGS)
    data = sealed(plaintext, key)
    assert b"kari.nordmann" not in data
    assert opened(data, key) == plaintext
    assert opened(sealed(b"", key), key) == b""


def test_the_backup_key_is_its_own_and_backup_key_overrides_the_secret() -> None:
    derived = backup_key(SETTINGS)
    assert derived != SETTINGS.secret_key.reveal().encode()[:32]
    assert backup_key(replace(SETTINGS, backup_key=Secret("b" * 32))) != derived


@pytest.mark.parametrize("damage", ["cut", "flip", "append", "other_key", "not_a_backup"])
def test_an_altered_cut_or_foreign_backup_is_refused(damage: str) -> None:
    key = backup_key(SETTINGS)
    data = sealed(os.urandom(CHUNK_BYTES + 5000), key)
    if damage == "cut":
        data = data[:CHUNK_BYTES + 100]  # the whole first chunk, the final one missing
    elif damage == "flip":
        data = data[:200] + bytes([data[200] ^ 1]) + data[201:]
    elif damage == "append":
        data += b"x"
    elif damage == "other_key":
        key = backup_key(replace(SETTINGS, secret_key=Secret("t" * 32)))
    else:
        data = b"PGDMP" + data
    with pytest.raises(BackupUnreadable):
        opened(data, key)


def test_the_journal_is_private_appended_and_read_back(tmp_path: Path) -> None:
    previous = os.umask(0o022)
    try:
        journal = ErasureJournal(tmp_path / "var" / "erasure-journal.jsonl")
        journal.append("a" * 64, NOW)
        journal.append("b" * 64, NOW + timedelta(minutes=1))
        journal.append("a" * 64, NOW + timedelta(minutes=2))
    finally:
        os.umask(previous)
    assert stat.S_IMODE(journal.path.stat().st_mode) == 0o600
    assert stat.S_IMODE(journal.path.parent.stat().st_mode) == 0o700
    assert journal.subject_keys() == ["a" * 64, "b" * 64]
    with open(journal.path, "a") as handle:
        handle.write('{"subject_key": "c')  # a line torn by a crash mid-write
    assert journal.subject_keys() == ["a" * 64, "b" * 64]


def test_pruning_the_journal_drops_only_lines_older_than_the_cut(tmp_path: Path) -> None:
    journal = ErasureJournal(tmp_path / "journal.jsonl")
    journal.append("old", NOW - timedelta(days=40))
    journal.append("new", NOW - timedelta(days=2))
    assert journal.prune(NOW - timedelta(days=30)) == 1
    assert journal.subject_keys() == ["new"]
    assert stat.S_IMODE(journal.path.stat().st_mode) == 0o600
