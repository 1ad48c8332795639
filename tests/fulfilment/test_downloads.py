"""Export links: single use, 72 hours, unreadable at rest, gone after use or expiry."""

from __future__ import annotations

import hashlib
from datetime import datetime, timezone
from pathlib import Path

import pytest
from sqlalchemy import text
from sqlalchemy.engine import Engine

from bot.clock import FrozenClock
from bot.fulfilment.downloads import DownloadStore, Redeemed

CONTENT = b"PK\x03\x04 an export with kari@example.org inside"


@pytest.fixture
def clock() -> FrozenClock:
    return FrozenClock(datetime(2026, 11, 22, 12, 0, tzinfo=timezone.utc))


def store(engine: Engine, tmp_path: Path, clock: FrozenClock) -> DownloadStore:
    return DownloadStore(engine, tmp_path / "exports", clock)


def test_a_link_works_once(engine: Engine, tmp_path: Path, clock: FrozenClock) -> None:
    downloads = store(engine, tmp_path, clock)
    token = downloads.create(CONTENT, "VRN-ABCD-EF", "subject", "nb")
    first = downloads.redeem(token)
    assert first.status is Redeemed.OK and first.content == CONTENT
    assert first.file_name == "vern-export-VRN-ABCD-EF.zip"
    assert downloads.redeem(token).status is Redeemed.UNKNOWN
    assert list((tmp_path / "exports").iterdir()) == [], "the file is deleted after the download"


def test_a_link_expires_after_72_hours(engine: Engine, tmp_path: Path, clock: FrozenClock) -> None:
    downloads = store(engine, tmp_path, clock)
    token = downloads.create(CONTENT, "VRN-ABCD-EF", "subject", "da")
    clock.advance(hours=72)
    result = downloads.redeem(token)
    assert result.status is Redeemed.EXPIRED and result.language == "da" and result.content == b""
    assert list((tmp_path / "exports").iterdir()) == []


def test_expired_files_are_purged_without_a_visit(engine: Engine, tmp_path: Path, clock: FrozenClock) -> None:
    downloads = store(engine, tmp_path, clock)
    downloads.create(CONTENT, "VRN-ABCD-EF", "subject", "nb")
    clock.advance(hours=73)
    assert downloads.purge_expired() == 1
    assert list((tmp_path / "exports").iterdir()) == []


def test_neither_the_database_nor_the_file_reveals_the_export_or_the_token(
    engine: Engine, tmp_path: Path, clock: FrozenClock
) -> None:
    downloads = store(engine, tmp_path, clock)
    token = downloads.create(CONTENT, "VRN-ABCD-EF", "subject", "nb")
    (stored,) = list((tmp_path / "exports").iterdir())
    assert b"kari@example.org" not in stored.read_bytes()
    with engine.connect() as connection:
        rows = [tuple(r) for r in connection.execute(text("SELECT * FROM export_downloads"))]
    assert token not in repr(rows)
    assert hashlib.sha256(token.encode()).hexdigest() in repr(rows)


def test_wrong_and_malformed_tokens_find_nothing(engine: Engine, tmp_path: Path, clock: FrozenClock) -> None:
    downloads = store(engine, tmp_path, clock)
    downloads.create(CONTENT, "VRN-ABCD-EF", "subject", "nb")
    for token in ("", "x" * 500, "not-a-token", "../../etc/passwd"):
        assert downloads.redeem(token).status is Redeemed.UNKNOWN


def test_erasure_removes_a_subjects_exports(engine: Engine, tmp_path: Path, clock: FrozenClock) -> None:
    downloads = store(engine, tmp_path, clock)
    token = downloads.create(CONTENT, "VRN-ABCD-EF", "subject", "nb")
    downloads.create(CONTENT, "VRN-ZZZZ-ZZ", "someone-else", "nb")
    assert downloads.delete_for_subject("subject") == 1
    assert downloads.redeem(token).status is Redeemed.UNKNOWN
    assert len(list((tmp_path / "exports").iterdir())) == 1


def test_parallel_visits_of_one_link_give_one_download(tmp_path: Path, clock: FrozenClock) -> None:
    # Eight visits at once (a person double-clicking, a scanner and a browser): one file, not five to eight.
    from concurrent.futures import ThreadPoolExecutor

    from bot.db.engine import create_db_engine
    from tests.console.conftest import own_database_name
    from tests.support.databases import own_postgres_database

    with own_postgres_database(own_database_name("exports")) as url:
        engine = create_db_engine(url)
        try:
            downloads = store(engine, tmp_path, clock)
            big = CONTENT * 100_000  # a real export's size: reading it takes the time a second visit needs
            for _ in range(3):
                token = downloads.create(big, "VRN-ABCD-EF", "subject", "nb")
                with ThreadPoolExecutor(max_workers=8) as pool:
                    results = list(pool.map(lambda _: downloads.redeem(token), range(8)))
                assert [r.status for r in results].count(Redeemed.OK) == 1
                assert all(r.content == big for r in results if r.status is Redeemed.OK)
        finally:
            engine.dispose()


def test_looking_at_a_link_does_not_use_it_up(engine: Engine, tmp_path: Path, clock: FrozenClock) -> None:
    downloads = store(engine, tmp_path, clock)
    token = downloads.create(CONTENT, "VRN-ABCD-EF", "subject", "nn")
    seen = downloads.peek(token)
    assert seen.status is Redeemed.OK and seen.language == "nn" and seen.content == b""
    assert downloads.redeem(token).status is Redeemed.OK
    assert downloads.peek(token).status is Redeemed.UNKNOWN
