"""What the guardian's web page needs from the consent side (bot.web.guardian_pages shows it): its services, the
code mail, and the signed grant of "What I have answered" (/guardian-answers).

The token in the link is the capability; the e-mail code proves control of an
address (not parenthood, as the README says). The code is bound to the link
and the address together, so a changed hidden field finds no code. After a
code, the answers page carries a signed, 15-minute grant naming only the
guardian's keyed hash: a withdraw button names a record, and the server checks
that this guardian answered it. Times are shown in the deployment's zone.
"""

from __future__ import annotations

import hashlib
import hmac
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from bot.config import Settings
from bot.consent.invitations import GuardianInvitations
from bot.consent.service import ConsentService
from bot.guardians.registry import GuardianRegistry, build_registry
from bot.keys import Purpose
from bot.verification import VerificationService

if TYPE_CHECKING:
    from bot.wiring import Services

RELATION = "parent_or_guardian"
METHOD = "email-code"
GRANT_SECONDS = 15 * 60


@dataclass(frozen=True)
class GuardianPageServices:
    consents: ConsentService
    invitations: GuardianInvitations
    verification: VerificationService
    secret_key: bytes
    controller_name: str
    contact: str
    notify_child: Callable[[str], Awaitable[None]] | None = None
    registry: GuardianRegistry | None = None  # the controller's guardian register, when configured
    default_language: str = "nb"
    timezone: str = "Europe/Oslo"  # times a guardian reads are local


def verification_chat(secret: bytes, token: str, email: str) -> str:
    """The code's "chat": bound to the link and the address together. "answers" (the answers page) is never a
    link token: those are 20+ characters."""
    tag = hmac.new(secret, f"guardian-web:{token}:{email}".encode(), hashlib.sha256).hexdigest()
    return f"guardian-web-{tag[:32]}"


def _grant_tag(secret: bytes, guardian_key: str, until: str) -> str:
    return hmac.new(secret, f"guardian-answers:{guardian_key}:{until}".encode(), hashlib.sha256).hexdigest()


def issue_grant(secret: bytes, guardian_key: str, now: float) -> str:
    """The answers page's proof that this guardian showed an e-mail code in the last 15 minutes."""
    until = int(now) + GRANT_SECONDS
    return f"{guardian_key}.{until}.{_grant_tag(secret, guardian_key, str(until))}"


def granted(secret: bytes, grant: str, now: float) -> str | None:
    """The guardian key a grant names, when it is genuine and not stale."""
    key, _, rest = (grant or "").partition(".")
    until, _, tag = rest.partition(".")
    if not key or not until.isdigit() or int(until) < now:
        return None
    return key if hmac.compare_digest(_grant_tag(secret, key, until), tag) else None


class GuardianPageCodeSender:
    """The code mail for this page: it says to type the code on the page, not "in the chat with Vern"."""

    def __init__(self, mailer: Any, settings: Settings, minutes_valid: int = 10) -> None:
        self._mailer = mailer
        self._settings = settings
        self._minutes = minutes_valid

    async def send_code(self, email: str, code: str, language: str) -> None:
        from bot.mail import templates

        await self._mailer.send(templates.guardian_page_code(email, code, language, self._minutes,
                                                             settings=self._settings))


def assemble_guardian_page(settings: Settings, wired: Services) -> GuardianPageServices:
    """The page's services from the process's (bot.wiring): its own code sender, the shared store."""
    from bot.clock import utc_now
    from bot.rasa_adapter.conversation_api import guardian_answer_notifier

    verification = VerificationService(wired.store, GuardianPageCodeSender(wired.mailer, settings), utc_now,
                                       wired.keys.key(Purpose.VERIFICATION))
    return GuardianPageServices(wired.consent, wired.guardian_invitations, verification,
                                wired.keys.key(Purpose.GUARDIAN_PAGE),
                                settings.controller_name, settings.controller_contact,
                                guardian_answer_notifier(settings), build_registry(settings),
                                settings.default_language, settings.timezone)
