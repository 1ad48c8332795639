"""The register of restricted subjects (Art. 18): kept, not used.

Whatever uses chat logs or addresses for anything but answering the person
(the training export, any mailing) asks `restricted_conversations()` /
`is_restricted()` first."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime

from sqlalchemy import select
from sqlalchemy.engine import Engine

from bot.cases.models import Case
from bot.fulfilment.models import SubjectRestriction
from bot.models.conversation import utc_naive

TABLE = SubjectRestriction.__table__


class RestrictionRegister:
    def __init__(self, engine: Engine, clock: Callable[[], datetime]) -> None:
        self._engine = engine
        self._clock = clock

    def restrict(self, subject_key: str, case_reference: str) -> None:
        with self._engine.begin() as connection:
            exists = connection.execute(select(TABLE.c.subject_key).where(TABLE.c.subject_key == subject_key)).first()
            if exists is None:
                connection.execute(TABLE.insert().values(
                    subject_key=subject_key, case_reference=case_reference, since=utc_naive(self._clock())
                ))

    def lift(self, subject_key: str) -> None:
        with self._engine.begin() as connection:
            connection.execute(TABLE.delete().where(TABLE.c.subject_key == subject_key))

    def is_restricted(self, subject_key: str) -> bool:
        with self._engine.connect() as connection:
            return connection.execute(
                select(TABLE.c.subject_key).where(TABLE.c.subject_key == subject_key)
            ).first() is not None

    def restricted_conversations(self) -> set[str]:
        cases = Case.__table__
        with self._engine.connect() as connection:
            rows = connection.execute(
                select(cases.c.conversation_id).where(cases.c.subject_key.in_(select(TABLE.c.subject_key)))
            ).scalars().all()
        return {row for row in rows if row}
