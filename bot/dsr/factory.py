"""Builds the request flow of a process from its settings (one per action server)."""

from __future__ import annotations

from functools import lru_cache

from bot.cases.service import CaseService
from bot.clock import utc_now
from bot.config import get_settings
from bot.db.engine import get_engine
from bot.dsr.flow import MailCodeSender, RequestFlow
from bot.dsr.pending import PendingRequestStore
from bot.mail import build_mailer
from bot.verification import VerificationService, build_store


@lru_cache(maxsize=1)
def request_flow() -> RequestFlow:
    settings = get_settings()
    secret = settings.secret_key.reveal().encode()
    store = build_store(settings)
    mailer = build_mailer(settings)
    verification = VerificationService(store, MailCodeSender(mailer, settings), utc_now, secret)
    cases = CaseService(get_engine(), utc_now, secret)
    return RequestFlow(PendingRequestStore(store, secret), verification, cases, mailer, settings, utc_now)
