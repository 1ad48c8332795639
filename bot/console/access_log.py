"""Who saw what, when: every view of a case or a chat, every read of a chat's messages, every reveal of a
contact, every take-over; flagged rows mark unusual access the admins were alerted to. Targets are case
references or chat numbers, never message text or contact details."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy import func, select
from sqlalchemy.engine import Engine

from bot.console.models import AccessLogEntry
from bot.models.conversation import utc_naive

LOG = AccessLogEntry.__table__


@dataclass(frozen=True)
class AccessRecord:
    at: datetime
    username: str
    action: str
    target: str
    flagged: bool = False


class AccessLog:
    def __init__(self, engine: Engine, clock: Callable[[], datetime]) -> None:
        self._engine = engine
        self._clock = clock

    def record(self, username: str, action: str, target: str, flagged: bool = False) -> None:
        with self._engine.begin() as connection:
            connection.execute(LOG.insert().values(at=utc_naive(self._clock()), username=username[:64],
                                                   action=action[:32], target=target[:64], flagged=flagged))

    def record_reading(self, username: str, action: str, target: str, period: timedelta) -> None:
        """A read that repeats (the chat page polls every second) is logged once per `period`: the log still
        says who read which chat when, without 3,600 rows an hour for one open page."""
        since = utc_naive(self._clock()) - period
        with self._engine.connect() as connection:
            seen = connection.execute(select(LOG.c.id).where(
                LOG.c.username == username[:64], LOG.c.action == action[:32], LOG.c.target == target[:64],
                LOG.c.at > since).limit(1)).first()
        if seen is None:
            self.record(username, action, target)

    def count_within(self, username: str, action: str, period: timedelta) -> int:
        """How many distinct targets `username` did `action` to in the last `period`."""
        since = utc_naive(self._clock()) - period
        with self._engine.connect() as connection:
            return int(connection.execute(select(func.count(func.distinct(LOG.c.target))).where(
                LOG.c.username == username, LOG.c.action == action, LOG.c.at > since)).scalar_one())

    def recent(self, limit: int = 200, username: str | None = None) -> list[AccessRecord]:
        query = select(LOG).order_by(LOG.c.id.desc()).limit(limit)
        if username:
            query = query.where(LOG.c.username == username)
        with self._engine.connect() as connection:
            rows = connection.execute(query).all()
        return [AccessRecord(row.at, row.username, row.action, row.target, bool(row.flagged)) for row in rows]
