"""Vern's breach handling as the CLI, the console and the detectors use it: the register on the deployment's
database with the audit chain, and the controller's notice sent through the deployment's mailer."""

from __future__ import annotations

import asyncio
import logging
from dataclasses import dataclass
from typing import Any

from bot.breach.notice import authority_draft, controller_notice
from bot.breach.register import Breach, BreachRegister
from bot.config import Settings
from bot.keys import KeyRing
from bot.mail.errors import MailError

logger = logging.getLogger(__name__)


def breach_register(settings: Settings) -> BreachRegister:
    """On the given deployment's database and audit chain (not a process-wide one: a test or a tool may hold
    several deployments' settings)."""
    from bot.audit.service import AuditTrail
    from bot.clock import utc_now
    from bot.db.engine import get_engine

    engine = get_engine(settings.database_url)
    trail = AuditTrail(engine, utc_now, KeyRing.from_settings(settings),
                       settings.audit_signing_key.reveal() if settings.audit_signing_key else None)
    return BreachRegister(engine, utc_now, trail.record)


@dataclass(frozen=True)
class Notified:
    breach: Breach
    to: str
    language: str
    draft: str


async def notify_controller(register: BreachRegister, reference: str, settings: Settings,
                            language: str | None = None) -> Notified:
    """E-mail the controller's breach contact; raises MailError (no personal data in it) when it did not go."""
    from bot.mail import build_mailer

    language = language or settings.breach_contact_language
    breach = register.get(reference)
    await build_mailer(settings).send(controller_notice(breach, settings.breach_contact, language, settings))
    breach = await asyncio.to_thread(register.controller_notified, breach.reference, language)
    return Notified(breach, settings.breach_contact, language, authority_draft(breach, language, settings))


def open_detected(cause: str, what_happened: str, settings: Settings, **values: Any) -> Breach:
    """A breach Vern found by itself: opened once per ongoing cause, and the controller told at once
    (000 §9.3 lets the notice come in stages; the first must not wait for a person to read a log).

    Synchronous: call it from a thread, never from inside a running event loop."""
    register = breach_register(settings)
    breach, new = register.open(what_happened, cause=cause, contact=settings.mail_from, **values)
    if not new:
        return breach
    logger.error("breach %s opened automatically (%s)", breach.reference, cause)
    try:
        return asyncio.run(notify_controller(register, breach.reference, settings)).breach
    except MailError as error:
        # The register shows the notice as due; `vern breach notify` sends it once mail works again.
        logger.error("breach notice for %s not sent (%s)", breach.reference, type(error).__name__)
        return breach
