"""Who saw what, when: every view of a case or a transcript, and every reveal of a contact."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import select
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


class AccessLog:
    def __init__(self, engine: Engine, clock: Callable[[], datetime]) -> None:
        self._engine = engine
        self._clock = clock

    def record(self, username: str, action: str, target: str) -> None:
        with self._engine.begin() as connection:
            connection.execute(LOG.insert().values(at=utc_naive(self._clock()), username=username[:64],
                                                   action=action[:32], target=target[:64]))

    def recent(self, limit: int = 200, username: str | None = None) -> list[AccessRecord]:
        query = select(LOG).order_by(LOG.c.id.desc()).limit(limit)
        if username:
            query = query.where(LOG.c.username == username)
        with self._engine.connect() as connection:
            rows = connection.execute(query).all()
        return [AccessRecord(row.at, row.username, row.action, row.target) for row in rows]
