"""Builds the console's services from the settings (in the web process)."""

from __future__ import annotations

from bot.clock import utc_now
from bot.config import Settings
from bot.console.access_log import AccessLog
from bot.console.accounts import AccountService
from bot.console.sessions import SessionStore
from bot.console.throttle import LoginThrottle
from bot.console.web import ConsoleServices


def console_services(settings: Settings) -> ConsoleServices:
    from bot.cases.service import CaseService
    from bot.db.engine import get_engine
    from bot.mail import build_mailer

    engine = get_engine(settings.database_url)
    secret = settings.secret_key.reveal().encode()
    accounts = AccountService(engine, utc_now, secret)
    return ConsoleServices(
        accounts=accounts, sessions=SessionStore(engine, utc_now, secret, accounts),
        throttle=LoginThrottle(engine, utc_now, secret), access=AccessLog(engine, utc_now),
        cases=CaseService(engine, utc_now, secret, downstream_recipients=settings.art19_recipients),
        mailer=build_mailer(settings), settings=settings,
    )
