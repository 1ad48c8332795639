"""What the console's pages use: accounts and sessions, the login throttle, the access log, cases, chats and the
mailer (built by bot.wiring), and the case mails a caseworker's decision sends."""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from bot.cases.errors import CaseError
from bot.cases.service import CaseService
from bot.config import Settings
from bot.console.access_log import AccessLog
from bot.console.accounts import AccountService
from bot.console.alerts import UnusualAccess
from bot.console.sessions import SessionStore
from bot.console.throttle import LoginThrottle
from bot.mail import Mailer
from bot.mail.errors import MailError

logger = logging.getLogger(__name__)


@dataclass(frozen=True)
class ConsoleServices:
    accounts: AccountService
    sessions: SessionStore
    throttle: LoginThrottle
    access: AccessLog
    cases: CaseService
    mailer: Mailer
    settings: Settings
    handoffs: Any = None  # bot.handoff.service.HandoffService
    conversations: Any = None  # bot.rasa_adapter.conversation_api.RasaConversationApi
    transcript: Callable[[str | None], list[dict[str, Any]]] = lambda _cid: []
    now: Callable[[], Any] = lambda: None
    alerts: UnusualAccess | None = None


async def tell_by_mail(s: ConsoleServices, subject_key: str, compose: Callable[[str], Any]) -> None:
    """The person hears of an extension or completion by e-mail, in their language."""
    try:
        address = await asyncio.to_thread(s.cases.contact_email, subject_key)
        if address:
            await s.mailer.send(compose(address))
    except (MailError, CaseError) as error:
        logger.warning("case mail not delivered (%s)", type(error).__name__)
