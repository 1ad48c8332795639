"""A 16-17-year-old is told when a guardian acts for them, and may object with one click (issue 17, item 2).

The guardian may give the young person's e-mail address in the chat (never their own). After the code and
the register check, the case opens for a caseworker, and Vern e-mails the young person a short notice with a
single-use link `/young-objection/<token>`. The link works until the case's answer is due. The token lives
only in that e-mail: the table keeps its keyed hash (HMAC with the deployment's secret, a prefix of its own),
the case reference and the language, never the address. A click (GET shows a button, so mail scanners cannot
use it up; the POST counts) records the objection on the case for the caseworker, once.
"""

from __future__ import annotations

import hashlib
import hmac
import re
import secrets
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from enum import Enum

from sqlalchemy import and_, delete, select, update
from sqlalchemy.engine import Engine

from bot.guardians.models import YoungPersonObjection
from bot.models.conversation import utc_naive

TABLE = YoungPersonObjection.__table__
TOKEN_PATTERN = re.compile(r"^[A-Za-z0-9_-]{20,64}$")
PATH = "/young-objection/"


class LinkState(str, Enum):
    OK = "ok"
    EXPIRED = "expired"
    USED = "used"
    UNKNOWN = "unknown"


@dataclass(frozen=True)
class Visit:
    state: LinkState
    case_reference: str | None = None
    language: str = ""


def valid_until(deadline: date) -> datetime:
    """The end of the day the case's answer is due (the answer period), as naive UTC."""
    return datetime.combine(deadline + timedelta(days=1), time.min)


class YoungObjections:
    def __init__(self, engine: Engine, secret_key: bytes, clock: Callable[[], datetime], *,
                 legacy_key: bytes | None = None) -> None:
        self._engine = engine
        self._secret = secret_key
        # Links mailed before the keys were derived (bot.keys) keep working until their case's answer is due.
        self._legacy = legacy_key
        self._clock = clock

    def _hash(self, token: str, secret: bytes | None = None) -> str:
        return hmac.new(secret or self._secret, b"young-objection:" + token.encode(), hashlib.sha256).hexdigest()

    def _hashes(self, token: str) -> list[str]:
        return [self._hash(token, secret) for secret in (self._secret, self._legacy) if secret]

    def issue(self, case_reference: str, language: str, expires_at: datetime) -> str:
        """A new link for the case; the token is returned once (for the e-mail) and never stored."""
        token = secrets.token_urlsafe(32)
        now = utc_naive(self._clock())
        with self._engine.begin() as connection:
            connection.execute(delete(TABLE).where(TABLE.c.expires_at <= now))
            connection.execute(TABLE.insert().values(
                token_hash=self._hash(token), case_reference=case_reference, language=language,
                created_at=now, expires_at=utc_naive(expires_at)))
        return token

    def peek(self, token: str) -> Visit:
        """What the link leads to, without using it (the confirmation page)."""
        if not TOKEN_PATTERN.match(token or ""):
            return Visit(LinkState.UNKNOWN)
        with self._engine.connect() as connection:
            row = connection.execute(select(TABLE).where(TABLE.c.token_hash.in_(self._hashes(token)))).first()
        if row is None:
            return Visit(LinkState.UNKNOWN)
        if row.used_at is not None:
            return Visit(LinkState.USED, row.case_reference, row.language)
        if row.expires_at <= utc_naive(self._clock()):
            return Visit(LinkState.EXPIRED, row.case_reference, row.language)
        return Visit(LinkState.OK, row.case_reference, row.language)

    def use(self, token: str) -> Visit:
        """The click that counts: of parallel clicks only the one whose UPDATE marked the row gets OK."""
        found = self.peek(token)
        if found.state is not LinkState.OK:
            return found
        now = utc_naive(self._clock())
        with self._engine.begin() as connection:
            claimed = connection.execute(update(TABLE).where(and_(
                TABLE.c.token_hash.in_(self._hashes(token)), TABLE.c.used_at.is_(None), TABLE.c.expires_at > now,
            )).values(used_at=now)).rowcount
        if claimed != 1:
            return Visit(LinkState.USED, found.case_reference, found.language)
        return found
