"""An open chat page polls every second: its reads are logged, once per window, not 3,600 times an hour."""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path

from bot.clock import FrozenClock, utc_now
from bot.console.access_log import AccessLog
from tests.support.databases import migrated_sqlite


def test_repeated_reads_of_one_chat_are_logged_once_per_window(tmp_path: Path) -> None:
    clock = FrozenClock(utc_now())
    with migrated_sqlite(tmp_path / "log.sqlite3") as engine:
        log = AccessLog(engine, clock)
        window = timedelta(minutes=5)
        for _ in range(300):  # five minutes of polling, every second
            log.record_reading("kari", "read_chat_messages", "handoff-7", window)
            clock.advance(seconds=1)
        log.record_reading("ola", "read_chat_messages", "handoff-7", window)
        clock.advance(seconds=1)
        log.record_reading("kari", "read_chat_messages", "handoff-7", window)
        rows = [(r.username, r.target) for r in log.recent()]
    assert rows.count(("kari", "handoff-7")) == 2, "the first read, and one more after the window"
    assert rows.count(("ola", "handoff-7")) == 1, "another reader is logged on their own"
