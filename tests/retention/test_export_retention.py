"""Expired exports leave on the retention schedule, visited or not (issue 15 item 5)."""

from __future__ import annotations

from collections.abc import Callable
from datetime import timedelta
from pathlib import Path
from typing import Any

from bot.clock import FrozenClock
from bot.fulfilment.downloads import DownloadStore, Redeemed
from bot.retention.record_kinds import RecordPlaces
from tests.retention.chats import SeededMasker
from tests.retention.world import World

CONTENT = b"PK\x03\x04 an export"


def test_the_retention_worker_purges_expired_exports(
    sqlite_world: World, make_worker: Callable[..., Any], clock: FrozenClock, tmp_path: Path
) -> None:
    exports = tmp_path / "exports"
    earlier = FrozenClock(clock() - timedelta(hours=73))
    fresh = DownloadStore(sqlite_world.engine, exports, clock).create(CONTENT, "VRN-ZZZZ-ZZ", "s2", "nb")
    # Made 73 hours ago; creating it does not look at the fresh one, and nobody visits it again.
    expired = DownloadStore(sqlite_world.engine, exports, earlier).create(CONTENT, "VRN-ABCD-EF", "subject", "nb")
    assert len(list(exports.iterdir())) == 2
    worker = make_worker(sqlite_world, SeededMasker(), places=RecordPlaces(exports_dir=exports))
    worker.run_once()
    assert len(list(exports.iterdir())) == 1, "no visit, no new export: the worker's run alone removes it"
    store = DownloadStore(sqlite_world.engine, exports, clock)
    assert store.redeem(expired).status is not Redeemed.OK
    assert store.redeem(fresh).status is Redeemed.OK
