"""The widget's "E-mail me a copy of this chat": the address is proven with a code and never kept.

The address travels with both steps from the browser (which holds it only in
memory); the server keeps nothing but the code's keyed digest, bound to this
chat and this address, so a code sent to one address cannot release the chat
to another. The copy is taken from the conversation as it is now, before the
annex's masking runs.
"""

from __future__ import annotations

import logging
from collections.abc import Sequence
from dataclasses import dataclass

from bot.cases.errors import InvalidEmail
from bot.cases.keys import normalise_email
from bot.config import Settings
from bot.i18n import translate
from bot.mail import templates
from bot.mail.mailer import Mailer
from bot.verification.results import CodeCheckStatus, CodeRequestStatus
from bot.verification.service import VerificationService

logger = logging.getLogger(__name__)
_REQUEST = "chat-copy"


@dataclass(frozen=True)
class CopyReply:
    ok: bool
    text: str  # what the widget shows, in the chat's language
    field: str | None = None  # the form field the text is about ("email", "code"), for the widget's focus


class ChatCopies:
    def __init__(self, verification: VerificationService, mailer: Mailer, settings: Settings) -> None:
        self._verification = verification
        self._mailer = mailer
        self._settings = settings

    def _request_id(self, email: str) -> str:
        # The verification service keys this with HMAC; the address itself is never stored.
        return f"{_REQUEST}:{email}"

    async def request_code(self, conversation_id: str, raw_email: str, language: str,
                           client: str | None = None) -> CopyReply:
        try:
            email = normalise_email(raw_email)
        except InvalidEmail:
            return CopyReply(False, translate("email_invalid", language), "email")
        result = await self._verification.request_code(conversation_id, self._request_id(email), email, language,
                                                       client=client)
        if result.status is CodeRequestStatus.SENT:
            return CopyReply(True, translate("copy_code_sent", language), "code")
        if result.status is CodeRequestStatus.COOLDOWN:
            return CopyReply(False, translate("copy_cooldown", language, seconds=result.retry_after_seconds), "email")
        if result.status is CodeRequestStatus.RATE_LIMITED:
            return CopyReply(False, translate("copy_rate_limited", language), "email")
        return CopyReply(False, translate("copy_unavailable", language), "email")

    async def send_copy(
        self, conversation_id: str, raw_email: str, code: str, language: str, lines: Sequence[tuple[str, str]]
    ) -> CopyReply:
        try:
            email = normalise_email(raw_email)
        except InvalidEmail:
            return CopyReply(False, translate("email_invalid", language), "email")
        checked = await self._verification.check_code(conversation_id, self._request_id(email), code)
        if checked.status is CodeCheckStatus.WRONG:
            return CopyReply(False, translate("copy_wrong", language, attempts=checked.attempts_left), "code")
        if checked.status is CodeCheckStatus.UNAVAILABLE:
            return CopyReply(False, translate("copy_unavailable", language), "code")
        if checked.status is not CodeCheckStatus.VERIFIED:
            return CopyReply(False, translate("copy_no_code", language), "email")
        if not lines:
            return CopyReply(False, translate("copy_empty", language))
        try:
            await self._mailer.send(templates.chat_copy(email, lines, language, settings=self._settings))
        except Exception as error:  # noqa: BLE001 - the person hears it failed; the log gets the type only
            logger.warning("chat copy not delivered (%s)", type(error).__name__)
            return CopyReply(False, translate("copy_unavailable", language), "email")
        logger.info("chat copy sent")
        return CopyReply(True, translate("copy_sent", language))


def transcript_lines(events: Sequence[dict]) -> list[tuple[str, str]]:  # type: ignore[type-arg]
    """(who, text) for what was said in a chat, from Rasa's events as dicts.

    Button payloads ("/affirm") and messages injected from outside the chat
    (a guardian's answer arriving as an external intent) are not things the
    person wrote, so they are left out."""
    from bot.console.chat_lines import EXTERNAL_PREFIX

    lines: list[tuple[str, str]] = []
    for event in events:
        text = str(event.get("text") or "").strip()
        if not text:
            continue
        if event.get("event") == "user":
            if not text.startswith("/") and not text.startswith(EXTERNAL_PREFIX):
                lines.append(("you", text))
        elif event.get("event") == "bot":
            custom = (event.get("data") or {}).get("custom") or {}
            lines.append(("caseworker" if custom.get("from") == "caseworker" else "bot", text))
    return lines
