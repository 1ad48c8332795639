"""Builds the console's services from the settings (in the web process)."""

from __future__ import annotations

from typing import Any

from bot.clock import utc_now
from bot.config import Settings
from bot.console.access_log import AccessLog
from bot.console.accounts import AccountService
from bot.console.alerts import UnusualAccess
from bot.console.services import ConsoleServices
from bot.console.sessions import SessionStore
from bot.console.throttle import LoginThrottle
from bot.models.conversation import utc_naive


def console_services(settings: Settings) -> ConsoleServices:
    from bot.cases.service import CaseService
    from bot.db.engine import get_engine
    from bot.handoff.factory import handoff_service
    from bot.mail import build_mailer
    from bot.rasa_adapter.conversation_api import RasaConversationApi

    engine = get_engine(settings.database_url)
    secret = settings.secret_key.reveal().encode()
    accounts = AccountService(engine, utc_now, secret)
    access = AccessLog(engine, utc_now)
    mailer = build_mailer(settings)
    return ConsoleServices(
        accounts=accounts, sessions=SessionStore(engine, utc_now, secret, accounts),
        throttle=LoginThrottle(engine, utc_now, secret), access=access,
        cases=CaseService(engine, utc_now, secret, downstream_recipients=settings.art19_recipients),
        mailer=mailer, settings=settings, handoffs=handoff_service(),
        conversations=RasaConversationApi.from_settings(settings),
        transcript=lambda conversation_id: _transcript(settings, engine, conversation_id),
        now=lambda: utc_naive(utc_now()),
        alerts=UnusualAccess(engine, access, mailer, settings, utc_now, secret),
    )


def _transcript(settings: Settings, engine: Any, conversation_id: str | None) -> list[dict[str, Any]]:
    """The chat with the bot so far, as the caseworker needs to read it before answering."""
    from bot.retention.chat_stores import build_chat_stores

    if not conversation_id:
        return []
    for store in build_chat_stores(settings, engine):
        lines = store.transcript(conversation_id)
        if lines:
            return [{"from": "person" if line["from"] == "you" else "bot", "text": line["text"]} for line in lines]
    return []
