"""Builds the request flow of a process from its settings (one per action server)."""

from __future__ import annotations

import time
from functools import lru_cache

from bot.cases.service import CaseService
from bot.clock import utc_now
from bot.config import get_settings
from bot.connectors.webhook import WebhookConnector
from bot.consent.chat_addresses import ChatAddresses
from bot.consent.invitations import GuardianInvitations
from bot.consent.service import ConsentService
from bot.consent.sessions import ConsentSessions
from bot.db.engine import get_engine
from bot.dsr.erasure_confirmation import ErasureConfirmations
from bot.dsr.flow import MailCodeSender, RequestFlow
from bot.dsr.pending import PendingRequestStore
from bot.fulfilment.downloads import DownloadStore
from bot.fulfilment.service import Fulfilment
from bot.guardians.registry import build_registry
from bot.guardians.young_notice import YoungObjections
from bot.mail import build_mailer
from bot.verification import VerificationService, build_store


@lru_cache(maxsize=1)
def request_flow() -> RequestFlow:
    settings = get_settings()
    secret = settings.secret_key.reveal().encode()
    store = build_store(settings)
    mailer = build_mailer(settings)
    verification = VerificationService(store, MailCodeSender(mailer, settings), utc_now, secret)
    cases = CaseService(get_engine(), utc_now, secret, downstream_recipients=settings.art19_recipients)
    return RequestFlow(
        PendingRequestStore(store, secret), verification, cases, mailer, settings, utc_now, fulfilment(),
        connector(), (consent_service(), ConsentSessions(store, secret)), guardian_invitations(),
        ChatAddresses(store, secret),
        ErasureConfirmations(get_engine(), secret, utc_now),
        build_registry(settings),
        YoungObjections(get_engine(), secret, utc_now),
    )


def guardian_invitations() -> GuardianInvitations:
    settings = get_settings()
    return GuardianInvitations(get_engine(), consent_service(), utc_now, settings.secret_key.reveal().encode())


def consent_service() -> ConsentService:
    from bot.audit.service import audit_trail
    from bot.consent.purposes import default_purposes

    settings = get_settings()
    return ConsentService(
        get_engine(), utc_now, settings.secret_key.reveal().encode(), default_purposes(), settings.age_bands,
        settings.controller_name, audit_trail().record,
    )


@lru_cache(maxsize=1)
def consent_sessions() -> ConsentSessions:
    settings = get_settings()
    return ConsentSessions(build_store(settings), settings.secret_key.reveal().encode())


def connector() -> WebhookConnector | None:
    settings = get_settings()
    if not settings.case_webhook_url or settings.case_webhook_secret is None:
        return None
    return WebhookConnector(settings.case_webhook_url, settings.case_webhook_secret.reveal().encode(), time.time)


def fulfilment() -> Fulfilment:
    from bot.audit.service import audit_trail
    from bot.retention.chat_stores import build_chat_stores
    from bot.retention.erasure import chat_eraser

    settings = get_settings()
    engine = get_engine()
    downloads = DownloadStore(engine, settings.var_dir / "exports", utc_now)
    return Fulfilment(
        engine, build_chat_stores(settings, engine), downloads, chat_eraser(), settings, utc_now,
        audit_trail().record,
    )
