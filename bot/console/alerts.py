"""Unusual console access: many reveals or many cases in an hour, or a login from a new network.

The processing agreement and the school DPIA ask that misuse of the console be
noticed, not only recorded. Each case writes a flagged row in the access log
and mails the admins (CONSOLE_ALERT_EMAILS). The mail names the caseworker,
what was unusual and when; never a citizen, a case's content or an address
the caseworker came from (the admins read those in the console)."""

from __future__ import annotations

import hashlib
import hmac
import logging
from collections.abc import Callable
from datetime import datetime, timedelta

from sqlalchemy import select
from sqlalchemy.engine import Engine
from sqlalchemy.exc import IntegrityError

from bot.config import Settings
from bot.console.access_log import AccessLog
from bot.console.models import KnownNetwork
from bot.console.network import Address, network_of
from bot.mail import Mailer
from bot.mail.errors import MailError
from bot.mail.message import OutgoingMail
from bot.models.conversation import utc_naive

logger = logging.getLogger(__name__)
NETWORKS = KnownNetwork.__table__
HOUR = timedelta(hours=1)
REVEALED = "revealed_contact"
VIEWED = "viewed_case"
WHAT = {
    REVEALED: "revealed masked contact details of more than {limit} cases within an hour",
    VIEWED: "opened more than {limit} cases within an hour",
    "new_network": "logged in from a network this account has not used before",
}


class UnusualAccess:
    def __init__(self, engine: Engine, access: AccessLog, mailer: Mailer, settings: Settings,
                 clock: Callable[[], datetime], secret_key: bytes) -> None:
        self._engine = engine
        self._access = access
        self._mailer = mailer
        self._settings = settings
        self._clock = clock
        self._secret = secret_key

    def _limit(self, action: str) -> int | None:
        guard = self._settings.console
        return {REVEALED: guard.alert_reveals_per_hour, VIEWED: guard.alert_cases_per_hour}.get(action)

    def crossed(self, username: str, action: str) -> str | None:
        """After `action` was logged: the alert kind if this one went over the hourly limit (once an hour)."""
        limit = self._limit(action)
        if limit is None:
            return None
        # Exactly one over: the alert goes once when the line is crossed, not on every later view.
        return action if self._access.count_within(username, action, HOUR) == limit + 1 else None

    def new_network(self, user_id: int, address: Address | None) -> bool:
        """Remembers where an account logs in from; True for a network it has not used (not the first login)."""
        if address is None:
            return False
        key = hmac.new(self._secret, b"console-network:" + network_of(address).encode(), hashlib.sha256).hexdigest()
        with self._engine.begin() as connection:
            known = connection.execute(select(NETWORKS.c.network_key).where(NETWORKS.c.user_id == user_id)).scalars()
            seen = set(known)
            if key in seen:
                return False
            try:
                with connection.begin_nested():
                    connection.execute(NETWORKS.insert().values(user_id=user_id, network_key=key,
                                                                first_seen_at=utc_naive(self._clock())))
            except IntegrityError:
                return False  # a parallel login from the same network recorded it
        return bool(seen)

    async def alert(self, username: str, kind: str) -> None:
        """A flagged access-log row, and a mail to each admin address."""
        self._access.record(username, f"alert:{kind}"[:32], "-", flagged=True)
        limit = self._limit(kind) or 0
        at = utc_naive(self._clock()).isoformat(timespec="minutes")
        what = WHAT[kind].format(limit=limit)
        text = (f"Unusual access in the Vern case console.\n\nCaseworker account: {username}\n"
                f"What happened: the account {what}.\nWhen (UTC): {at}\n\n"
                "The flagged row and the account's other access are in the console under Access log.\n")
        for to in self._settings.console.alert_recipients:
            mail = OutgoingMail(to=to, subject=f"Vern console: unusual access by {username}", text=text,
                                html="<p>" + "</p><p>".join(_escape(line) for line in text.split("\n\n")) + "</p>",
                                language="en", kind="console_alert")
            try:
                await self._mailer.send(mail)
            except MailError as error:
                logger.warning("console alert not delivered (%s)", type(error).__name__)


def _escape(text: str) -> str:
    import html

    return html.escape(text).replace("\n", "<br>")
