"""Assembly in one place: every service of a process, built from one settings object.

`build(settings)` returns a `Services` whose attributes are built on first use and kept, so a process
that only answers health checks never opens a database or a mail connection. Services receive their
store, engine, mailer, clock and secret here and never look for settings themselves.

The short-lived store is the process's one: Redis when REDIS_URL is set, otherwise memory. Without Redis a
second memory store would be a second, disjoint world (a consent session granted after the e-mail code
would be "expired" to the withdraw action), so every `Services` of a process with the same REDIS_URL holds
the same store object. The engine is likewise one per database URL (bot.db.engine).

Entry points (the CLI, runner, web app, Telegram app, Rasa server, action server) load the settings and
call `build`; the classes Rasa instantiates itself from config.yml, endpoints.yml and credentials.yml, the
rasa-sdk actions and the Alembic environment cannot be handed anything, and use the process-level
`services()`. tests/test_wiring.py lists the modules allowed to read the process settings.
"""

from __future__ import annotations

import threading
from functools import cached_property
from typing import TYPE_CHECKING, Any

from bot.clock import utc_now
from bot.config import Settings, get_settings
from bot.keys import KeyRing, Purpose

if TYPE_CHECKING:
    from sqlalchemy.engine import Engine

    from bot.audit.service import AuditTrail
    from bot.cases.service import CaseService
    from bot.connectors.webhook import WebhookConnector
    from bot.consent.chat_addresses import ChatAddresses
    from bot.consent.guardian_page import GuardianPageServices
    from bot.consent.invitations import GuardianInvitations
    from bot.consent.purposes import Purpose as ConsentPurpose
    from bot.consent.service import ConsentService
    from bot.consent.sessions import ConsentSessions
    from bot.console.services import ConsoleServices
    from bot.dsr.erasure_confirmation import ErasureConfirmations
    from bot.dsr.flow import RequestFlow
    from bot.dsr.pending import PendingRequestStore
    from bot.fulfilment.service import Fulfilment
    from bot.handoff.service import HandoffService
    from bot.knowledge.base import KnowledgeBase
    from bot.mail import Mailer
    from bot.retention.erasure import ChatEraser
    from bot.services.chat_copy import ChatCopies
    from bot.services.conversations import ConversationService
    from bot.services.pii_warning import PiiGuard
    from bot.verification import ShortLivedStore, VerificationService


class Services:
    """The services of one process. Attributes are built on first use and then shared."""

    def __init__(self, settings: Settings) -> None:
        self.settings = settings
        # One key per purpose (bot.keys); no service is handed SECRET_KEY itself.
        self.keys = KeyRing.from_settings(settings)

    @cached_property
    def engine(self) -> Engine:
        from bot.db.engine import get_engine

        return get_engine(self.settings.database_url)

    @cached_property
    def store(self) -> ShortLivedStore:
        return process_store(self.settings.redis_url)

    @cached_property
    def mailer(self) -> Mailer:
        from bot.mail import build_mailer

        return build_mailer(self.settings)

    @cached_property
    def audit(self) -> AuditTrail:
        from bot.audit.service import AuditTrail
        from bot.breach.detect import audit_chain_broken

        signing = self.settings.audit_signing_key
        settings = self.settings
        return AuditTrail(self.engine, utc_now, self.keys, signing.reveal() if signing else None,
                          on_broken=lambda verification: audit_chain_broken(verification, settings))

    @cached_property
    def verification(self) -> VerificationService:
        """The one-time e-mail codes of the chat (requests, chat copies); the erasure path clears them."""
        from bot.dsr.flow import MailCodeSender
        from bot.verification import VerificationService

        return VerificationService(self.store, MailCodeSender(self.mailer, self.settings), utc_now,
                                   self.keys.key(Purpose.VERIFICATION))

    @cached_property
    def cases(self) -> CaseService:
        from bot.cases.service import CaseService

        return CaseService(self.engine, utc_now, self.keys, downstream_recipients=self.settings.art19_recipients)

    @cached_property
    def conversations(self) -> ConversationService:
        from bot.services.conversations import ConversationService

        return ConversationService(self.engine)

    @cached_property
    def purposes(self) -> dict[str, ConsentPurpose]:
        """The consent purposes of CONSENT_PURPOSES_FILE (or the shipped file), read once."""
        from bot.consent.purposes import load_purposes

        return load_purposes(self.settings.consent_purposes_file)

    @cached_property
    def consent(self) -> ConsentService:
        from bot.consent.service import ConsentService

        settings = self.settings
        return ConsentService(self.engine, utc_now, self.keys.key(Purpose.CONSENT_PSEUDONYMS), self.purposes,
                              settings.age_bands, settings.controller_name, self.audit.record)

    @cached_property
    def consent_sessions(self) -> ConsentSessions:
        from bot.consent.sessions import ConsentSessions

        return ConsentSessions(self.store, self.keys.key(Purpose.CONSENT_SESSIONS))

    @cached_property
    def guardian_invitations(self) -> GuardianInvitations:
        from bot.consent.invitations import GuardianInvitations

        return GuardianInvitations(self.engine, self.consent, utc_now, self.keys.key(Purpose.GUARDIAN_INVITATIONS),
                                   legacy_key=self.keys.legacy(Purpose.GUARDIAN_INVITATIONS))

    @cached_property
    def chat_addresses(self) -> ChatAddresses:
        from bot.consent.chat_addresses import ChatAddresses

        return ChatAddresses(self.store, self.keys.key(Purpose.CHAT_ADDRESSES))

    @cached_property
    def pending_requests(self) -> PendingRequestStore:
        from bot.dsr.pending import PendingRequestStore

        return PendingRequestStore(self.store, self.keys.key(Purpose.PENDING_REQUESTS))

    @cached_property
    def connector(self) -> WebhookConnector | None:
        import time

        from bot.connectors.webhook import WebhookConnector

        settings = self.settings
        if not settings.case_webhook_url or settings.case_webhook_secret is None:
            return None
        return WebhookConnector(settings.case_webhook_url, settings.case_webhook_secret.reveal().encode(), time.time)

    @cached_property
    def fulfilment(self) -> Fulfilment:
        from bot.fulfilment.downloads import DownloadStore
        from bot.fulfilment.service import Fulfilment
        from bot.retention.chat_stores import build_chat_stores

        settings = self.settings
        downloads = DownloadStore(self.engine, settings.var_dir / "exports", utc_now)
        return Fulfilment(self.engine, build_chat_stores(settings, self.engine), downloads, self.chat_eraser,
                          settings, utc_now, self.audit.record)

    @cached_property
    def request_flow(self) -> RequestFlow:
        from bot.dsr.flow import RequestFlow
        from bot.guardians.registry import build_registry
        from bot.guardians.young_notice import YoungObjections

        engine = self.engine
        return RequestFlow(
            self.pending_requests, self.verification, self.cases, self.mailer, self.settings, utc_now,
            self.fulfilment, self.connector, (self.consent, self.consent_sessions), self.guardian_invitations,
            self.chat_addresses, self.erasure_confirmations, build_registry(self.settings),
            YoungObjections(engine, self.keys.key(Purpose.YOUNG_OBJECTIONS), utc_now,
                            legacy_key=self.keys.legacy(Purpose.YOUNG_OBJECTIONS)),
        )

    @cached_property
    def erasure_confirmations(self) -> ErasureConfirmations:
        from bot.dsr.erasure_confirmation import ErasureConfirmations

        return ErasureConfirmations(self.engine, self.keys.key(Purpose.ERASURE_CONFIRMATIONS), utc_now,
                                    legacy_key=self.keys.legacy(Purpose.ERASURE_CONFIRMATIONS))

    @cached_property
    def handoff(self) -> HandoffService:
        from bot.handoff.service import HandoffService

        def erase_ended_chat(conversation_id: str) -> None:
            # The handoff row stays (pseudonymous) so the widget can still say the chat ended; the
            # ended_handoff rule deletes it a day later.
            self.chat_eraser.erase([conversation_id], keep=("handoffs",))

        return HandoffService(self.engine, utc_now, self.keys.key(Purpose.HANDOFFS), erase=erase_ended_chat,
                              audit=self.audit.record, legacy_key=self.keys.legacy(Purpose.HANDOFFS))

    @cached_property
    def pii_guard(self) -> PiiGuard:
        from bot.services.pii_warning import PiiGuard

        return PiiGuard(self.store, self.keys.key(Purpose.PII_WARNINGS))

    @cached_property
    def chat_eraser(self) -> ChatEraser:
        from bot.handoff.service import HandoffService
        from bot.retention.chat_stores import build_chat_stores
        from bot.retention.erasure import ChatEraser
        from bot.training.forget import ForgetList

        engine = self.engine
        # AISVS C11: the erased chat's lines must also leave the training data and the models trained on them.
        training = ForgetList(engine, self.keys.key(Purpose.TRAINING_LINEAGE), utc_now)
        # The handoff service here only deletes rows; ending a handoff (and its audit) is `handoff`'s.
        handoffs = HandoffService(engine, utc_now, self.keys.key(Purpose.HANDOFFS),
                                  legacy_key=self.keys.legacy(Purpose.HANDOFFS))
        return ChatEraser(
            build_chat_stores(self.settings, engine), engine, utc_now, self.audit.record,
            forget_hooks=(self.pii_guard.forget, self.pending_requests.delete, training.forget_erased_chat),
            cleaners={
                "handoffs": handoffs.forget,
                "consent_sessions": self.consent_sessions.forget,
                "verification_keys": self.verification.clear_now,
                "erasure_confirmations": self.erasure_confirmations.forget,
                "chat_addresses": self.chat_addresses.forget,
            },
        )

    @cached_property
    def chat_copies(self) -> ChatCopies:
        from bot.services.chat_copy import ChatCopies

        return ChatCopies(self.verification, self.mailer, self.settings)

    @cached_property
    def console(self) -> ConsoleServices:
        from bot.console.access_log import AccessLog
        from bot.console.accounts import AccountService
        from bot.console.alerts import UnusualAccess
        from bot.console.services import ConsoleServices
        from bot.console.sessions import SessionStore
        from bot.console.throttle import LoginThrottle
        from bot.models.conversation import utc_naive
        from bot.rasa_adapter.conversation_api import RasaConversationApi

        engine, keys, settings = self.engine, self.keys, self.settings
        accounts = AccountService(engine, utc_now, keys.key(Purpose.CONSOLE_TOTP),
                                  legacy_key=keys.legacy(Purpose.CONSOLE_TOTP))
        access = AccessLog(engine, utc_now)
        return ConsoleServices(
            accounts=accounts, sessions=SessionStore(engine, utc_now, keys.key(Purpose.CONSOLE_CSRF), accounts,
                                                           legacy_key=keys.legacy(Purpose.CONSOLE_CSRF)),
            throttle=LoginThrottle(engine, utc_now, keys.key(Purpose.CONSOLE_THROTTLE)), access=access,
            cases=self.cases,
            mailer=self.mailer, settings=settings, handoffs=self.handoff,
            conversations=RasaConversationApi.from_settings(settings), transcript=self._transcript,
            now=lambda: utc_naive(utc_now()),
            alerts=UnusualAccess(engine, access, self.mailer, settings, utc_now, keys.key(Purpose.CONSOLE_NETWORKS)),
        )

    def _transcript(self, conversation_id: str | None) -> list[dict[str, Any]]:
        """The chat with the bot so far, as the caseworker needs to read it before answering."""
        from bot.retention.chat_stores import build_chat_stores

        if not conversation_id:
            return []
        for store in build_chat_stores(self.settings, self.engine):
            lines = store.transcript(conversation_id)
            if lines:
                return [{"from": "person" if line["from"] == "you" else "bot", "text": line["text"]}
                        for line in lines]
        return []

    @cached_property
    def guardian_page(self) -> GuardianPageServices:
        """The guardian web page's services; its codes go by its own mail, through the shared store."""
        from bot.consent.guardian_page import assemble_guardian_page

        return assemble_guardian_page(self.settings, self)

    @cached_property
    def knowledge(self) -> KnowledgeBase:
        from bot.knowledge.loading import load_knowledge

        return load_knowledge(self.settings)


def build(settings: Settings) -> Services:
    """The services of a process for these settings; cheap: nothing is built until it is used."""
    return Services(settings)


_stores: dict[str | None, ShortLivedStore] = {}
_stores_lock = threading.Lock()


def process_store(redis_url: str | None) -> ShortLivedStore:
    """The process's one short-lived store for this REDIS_URL (None: the in-memory one)."""
    from bot.verification.store import new_store

    with _stores_lock:
        store = _stores.get(redis_url)
        if store is None:
            store = _stores[redis_url] = new_store(redis_url)
        return store


def build_store(settings: Settings) -> ShortLivedStore:
    """Deprecated: the process's short-lived store, for modules not yet handed their services."""
    return process_store(settings.redis_url)


_process: Services | None = None
_process_lock = threading.Lock()


def services() -> Services:
    """The process's services, for what Vern cannot hand them to: classes Rasa builds from its YAML files, the
    rasa-sdk actions, the Alembic environment. Built from the process settings on first use."""
    global _process
    settings = get_settings()
    with _process_lock:
        # A test that swaps the process settings gets services built on the new ones.
        if _process is None or _process.settings is not settings:
            _process = build(settings)
        return _process


def reset() -> None:
    """For tests: forget the process's services and short-lived stores, as a new process would start."""
    global _process
    with _process_lock:
        _process = None
    with _stores_lock:
        _stores.clear()


def audit_trail() -> AuditTrail:
    """Deprecated: the process's audit trail, for modules not yet handed one (the rasa-sdk actions)."""
    return services().audit


__all__ = ["Services", "audit_trail", "build", "build_store", "process_store", "reset", "services"]
