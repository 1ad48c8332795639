"""The breach register: open, update, mark the controller told, close, list. Every step goes to the audit chain.

Audit entries carry the reference, the cause and which fields changed — never the texts themselves, which may
describe people (the register is the place for those, kept under its own retention rule)."""

from __future__ import annotations

import secrets
from collections.abc import Callable
from dataclasses import dataclass, fields
from datetime import datetime
from typing import Any

from sqlalchemy import func, insert, select, text, update
from sqlalchemy.engine import Engine
from sqlalchemy.exc import IntegrityError

from bot.breach.deadlines import Deadlines, deadlines
from bot.breach.models import BreachRow
from bot.errors import Explained

TABLE = BreachRow.__table__
Audit = Callable[[str, "str | None", dict[str, Any]], None]
# Serialises automatic openings across processes on PostgreSQL, so one cause opens one breach.
OPEN_LOCK_ID = 0x7665726E_0B12
EDITABLE = ("what_happened", "subject_categories", "subjects_approx", "record_categories", "records_approx",
            "consequences", "measures", "contact", "discovered_at")
_ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789"  # no 0/O, 1/I: read aloud on the phone


class BreachError(Explained, ValueError):
    """Bad input or an unknown reference: the message is for the operator, without a stack trace."""


@dataclass(frozen=True)
class Breach:
    reference: str
    status: str
    cause: str | None
    what_happened: str
    discovered_at: datetime
    subject_categories: str
    subjects_approx: int | None
    record_categories: str
    records_approx: int | None
    consequences: str
    measures: str
    contact: str
    controller_notified_at: datetime | None
    closed_at: datetime | None
    updated_at: datetime

    @property
    def deadlines(self) -> Deadlines:
        return deadlines(self.discovered_at)

    def as_dict(self, now: datetime) -> dict[str, Any]:
        due = self.deadlines
        data = {f.name: getattr(self, f.name) for f in fields(self)}
        data = {k: (v.isoformat(timespec="seconds") + "Z" if isinstance(v, datetime) else v) for k, v in data.items()}
        data["controller_notice_due"] = due.controller_due.isoformat(timespec="seconds") + "Z"
        data["controller_notice"] = due.state(due.controller_due, self.controller_notified_at, now)
        data["authority_notice_due"] = due.authority_due.isoformat(timespec="seconds") + "Z"
        return data


def _naive(moment: datetime) -> datetime:
    from datetime import timezone

    if moment.tzinfo is not None:
        moment = moment.astimezone(timezone.utc).replace(tzinfo=None)
    return moment.replace(microsecond=0)


def _breach(row: Any) -> Breach:
    return Breach(**{f.name: getattr(row, f.name) for f in fields(Breach)})


class BreachRegister:
    def __init__(self, engine: Engine, clock: Callable[[], datetime], audit: Audit | None = None) -> None:
        self._engine = engine
        self._clock = clock
        self._audit = audit

    def now(self) -> datetime:
        return _naive(self._clock())

    def _record(self, event: str, reference: str, details: dict[str, Any]) -> None:
        if self._audit is not None:
            self._audit(event, reference, details)

    def open(self, what_happened: str, *, cause: str | None = None, discovered_at: datetime | None = None,
             **values: Any) -> tuple[Breach, bool]:
        """(the breach, True) when opened now; (the open breach of the same cause, False) when one exists."""
        what_happened = what_happened.strip()
        if not what_happened:
            raise BreachError("say what happened (--what)", key="console_error_breach_what")
        clean = _checked(values)
        now = self.now()
        discovered = _naive(discovered_at) if discovered_at else now
        if discovered > now:
            raise BreachError("the discovery time is in the future", key="console_error_breach_future")
        for _attempt in range(5):
            try:
                with self._engine.begin() as connection:
                    if connection.dialect.name == "postgresql":
                        connection.execute(text("SELECT pg_advisory_xact_lock(:id)"), {"id": OPEN_LOCK_ID})
                    if cause is not None:
                        existing = connection.execute(select(TABLE).where(
                            TABLE.c.cause == cause, TABLE.c.status == "open")).first()
                        if existing is not None:
                            return _breach(existing), False
                    reference = f"BR-{now:%Y%m%d}-" + "".join(secrets.choice(_ALPHABET) for _ in range(4))
                    connection.execute(insert(TABLE).values(
                        reference=reference, status="open", cause=cause, what_happened=what_happened,
                        discovered_at=discovered, updated_at=now, **{
                            "subject_categories": "", "record_categories": "", "consequences": "", "measures": "",
                            "contact": "", **clean}))
                break
            except IntegrityError:
                continue  # the rare equal reference: draw again
        else:
            raise BreachError("could not allocate a reference", key="console_error_breach_reference")
        self._record("breach.opened", reference, {"cause": cause or "manual", "fields": sorted(clean)})
        return self.get(reference), True

    def update(self, reference: str, **values: Any) -> Breach:
        clean = _checked(values)
        if not clean:
            raise BreachError("nothing to change: give at least one field", key="console_error_breach_nothing")
        if "discovered_at" in clean and clean["discovered_at"] > self.now():
            raise BreachError("the discovery time is in the future", key="console_error_breach_future")
        breach = self.get(reference)
        with self._engine.begin() as connection:
            connection.execute(update(TABLE).where(TABLE.c.reference == breach.reference)
                               .values(updated_at=self.now(), **clean))
        self._record("breach.updated", breach.reference, {"fields": sorted(clean)})
        return self.get(breach.reference)

    def controller_notified(self, reference: str, language: str) -> Breach:
        breach = self.get(reference)
        now = self.now()
        with self._engine.begin() as connection:
            connection.execute(update(TABLE).where(TABLE.c.reference == breach.reference)
                               .values(controller_notified_at=now, updated_at=now))
        late = now > breach.deadlines.controller_due
        self._record("breach.controller_notified", breach.reference, {"language": language, "late": late})
        return self.get(breach.reference)

    def close(self, reference: str) -> Breach:
        breach = self.get(reference)
        if breach.status == "closed":
            raise BreachError(f"{breach.reference} is closed already", key="console_error_breach_closed",
                              values={"reference": breach.reference})
        now = self.now()
        with self._engine.begin() as connection:
            connection.execute(update(TABLE).where(TABLE.c.reference == breach.reference)
                               .values(status="closed", closed_at=now, updated_at=now))
        told = breach.controller_notified_at is not None
        self._record("breach.closed", breach.reference, {"controller_notified": told})
        return self.get(breach.reference)

    def get(self, reference: str) -> Breach:
        with self._engine.connect() as connection:
            row = connection.execute(select(TABLE).where(TABLE.c.reference == reference.strip().upper())).first()
        if row is None:
            raise BreachError(f"no breach has the reference {reference!r} (see `vern breach list`)",
                              key="console_error_no_breach")
        return _breach(row)

    def list(self, include_closed: bool = True) -> list[Breach]:
        query = select(TABLE).order_by(TABLE.c.discovered_at.desc(), TABLE.c.id.desc())
        if not include_closed:
            query = query.where(TABLE.c.status == "open")
        with self._engine.connect() as connection:
            return [_breach(row) for row in connection.execute(query)]

    def count_open(self) -> int:
        with self._engine.connect() as connection:
            return int(connection.execute(select(func.count()).select_from(TABLE)
                                          .where(TABLE.c.status == "open")).scalar_one())


def _checked(values: dict[str, Any]) -> dict[str, Any]:
    clean: dict[str, Any] = {}
    for name, value in values.items():
        if value is None or (name in ("subjects_approx", "records_approx", "discovered_at") and value == ""):
            continue  # not known (yet)
        if name not in EDITABLE:
            raise BreachError(f"unknown field {name!r}", key="console_error_breach_field")
        if name in ("subjects_approx", "records_approx"):
            try:
                value = int(value)
            except (TypeError, ValueError):
                raise BreachError(f"{name.replace('_', ' ')} must be a whole number",
                                  key="console_error_breach_number") from None
            if value < 0:
                raise BreachError(f"{name.replace('_', ' ')} cannot be negative", key="console_error_breach_negative")
        elif name == "discovered_at":
            value = _naive(parse_time(value) if isinstance(value, str) else value)
        else:
            value = str(value).strip()[:4000]
        clean[name] = value
    return clean


def parse_time(raw: str) -> datetime:
    """ISO 8601; without a zone it is UTC."""
    try:
        moment = datetime.fromisoformat(raw.strip().replace("Z", "+00:00"))
    except ValueError:
        raise BreachError(f"{raw!r} is not a time such as 2026-12-06T08:30 (UTC) or 2026-12-06T09:30+01:00",
                      key="console_error_breach_time", values={"value": raw}) from None
    return _naive(moment)
