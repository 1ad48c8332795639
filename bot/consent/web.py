"""The guardian's web page, for a parent without Telegram: the consent text, an e-mail code, approve or decline.

The token in the link is the capability; the e-mail code proves control of an
address (not parenthood, as the README says). The code is bound to the link
and the address together, so a changed hidden field finds no code.
"""

from __future__ import annotations

import asyncio
import hashlib
import hmac
import html
import logging
from collections.abc import Awaitable, Callable
from dataclasses import dataclass

from sanic import response
from sanic.response import HTTPResponse

from bot.cases.errors import InvalidEmail
from bot.cases.keys import normalise_email
from bot.config import SUPPORTED_LANGUAGES, Settings
from bot.consent.invitations import (
    PROBLEM_TEXT,
    GuardianInvitations,
    InvitationError,
    InvitationIntent,
    InvitationProblem,
    OpenInvitation,
    tell_child_of_refusal,
)
from bot.consent.purposes import notice_text
from bot.consent.service import ConsentService
from bot.guardians.check import NotInRegister, guardian_verification
from bot.guardians.registry import GuardianContact, GuardianRegistry, RegistryUnavailable, build_registry
from bot.i18n import translate
from bot.verification import CodeCheckStatus, CodeRequestStatus, VerificationService

logger = logging.getLogger(__name__)

RELATION = "parent_or_guardian"
METHOD = "email-code"
_STATUS = {InvitationProblem.UNKNOWN: 404, InvitationProblem.EXPIRED: 410, InvitationProblem.USED: 409,
           InvitationProblem.NOT_OPENER: 403, InvitationProblem.WITHDRAWN: 410, InvitationProblem.CHILD_ITSELF: 403}


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


def _page(language: str, body: str, status: int = 200) -> HTTPResponse:
    return response.html(
        f'<!doctype html><html lang="{html.escape(language)}"><head><meta charset="utf-8">'
        '<meta name="viewport" content="width=device-width, initial-scale=1">'
        '<link rel="stylesheet" href="/static/demo.css"><title>Vern</title></head>'
        f'<body><main class="guardian">{body}</main></body></html>',
        status=status,
    )


def _p(text: str) -> str:
    return "".join(f"<p>{html.escape(line)}</p>" for line in text.split("\n") if line.strip())


def _problem(error: InvitationError, language: str | None) -> HTTPResponse:
    key = PROBLEM_TEXT[error.problem]
    languages = [language] if language else list(SUPPORTED_LANGUAGES)  # an unknown link has no language
    return _page(language or "nb", "".join(_p(translate(key, lang)) for lang in languages),
                 _STATUS[error.problem])


def _language(requested: str | None, fallback: str) -> str:
    return requested if requested in SUPPORTED_LANGUAGES else fallback


class GuardianPages:
    def __init__(self, services: GuardianPageServices) -> None:
        self._s = services

    def _verification_chat(self, token: str, email: str) -> str:
        tag = hmac.new(self._s.secret_key, f"guardian-web:{token}:{email}".encode(), hashlib.sha256).hexdigest()
        return f"guardian-web-{tag[:32]}"

    async def show(self, token: str, lang: str | None) -> HTTPResponse:
        try:
            opened = await asyncio.to_thread(self._s.invitations.peek, token)
        except InvitationError as error:
            return _problem(error, _language(lang, "") or None)
        language = _language(lang, opened.language)
        purpose = self._s.consents.purpose(opened.purpose_id)
        key = "tg_inform" if opened.intent is InvitationIntent.INFORM else "tg_approve_request"
        intro = translate(key, language, notice=notice_text(purpose, language)).replace("/samtykker", "").replace(
            "/consents", "")
        form = (
            f'<form method="post" action="/guardian/{html.escape(token)}/code?lang={language}">'
            f'<p>{html.escape(translate("web_email_prompt", language))}</p>'
            f'<label for="email">{html.escape(translate("web_email_label", language))}</label> '
            '<input id="email" name="email" type="email" autocomplete="email" required maxlength="254"> '
            f'<button type="submit">{html.escape(translate("web_send_code", language))}</button></form>'
        )
        return _page(language, f"<h1>Vern</h1>{_p(intro)}{form}")

    async def _prepare(self, token: str, email_field: str,
                       lang: str | None) -> tuple[OpenInvitation, str, str] | HTTPResponse:
        """The link must still be usable and the address well-formed, for both steps."""
        try:
            opened = await asyncio.to_thread(self._s.invitations.peek, token)
        except InvitationError as error:
            return _problem(error, _language(lang, "") or None)
        language = _language(lang, opened.language)
        try:
            return opened, language, normalise_email(email_field)
        except InvalidEmail:
            return _page(language, _p(translate("web_email_invalid", language)), 400)

    async def send_code(self, token: str, email_field: str, lang: str | None,
                        client: str | None = None) -> HTTPResponse:
        prepared = await self._prepare(token, email_field, lang)
        if isinstance(prepared, HTTPResponse):
            return prepared
        opened, language, email = prepared
        result = await self._s.verification.request_code(
            self._verification_chat(token, email), opened.invitation_id, email, language, client=client)
        if result.status is CodeRequestStatus.RATE_LIMITED and result.limited_by is not None:
            words = translate(f"code_rate_limited_{result.limited_by.value}", language,
                              minutes=result.retry_after_minutes, contact=self._s.contact)
            return _page(language, _p(words), 429)
        if result.status not in (CodeRequestStatus.SENT, CodeRequestStatus.COOLDOWN):
            return _page(language, _p(translate("web_code_not_sent", language)), 503)
        return _page(language, self._answer_form(token, email, language))

    def _answer_form(self, token: str, email: str, language: str, note: str = "") -> str:
        shown = email[:1] + "•••@" + email.partition("@")[2]
        return (
            f"{_p(note) if note else ''}{_p(translate('web_code_prompt', language, email=shown))}"
            f'<form method="post" action="/guardian/{html.escape(token)}/answer?lang={language}">'
            f'<input type="hidden" name="email" value="{html.escape(email)}">'
            f'<label for="code">{html.escape(translate("web_code_label", language))}</label> '
            '<input id="code" name="code" inputmode="numeric" autocomplete="one-time-code" required maxlength="12"> '
            f'<button type="submit" name="decision" value="approve">'
            f'{html.escape(translate("tg_button_approve", language))}</button> '
            f'<button type="submit" name="decision" value="decline">'
            f'{html.escape(translate("tg_button_decline", language))}</button></form>'
        )

    async def answer(self, token: str, email_field: str, code: str, decision: str, lang: str | None) -> HTTPResponse:
        prepared = await self._prepare(token, email_field, lang)
        if isinstance(prepared, HTTPResponse):
            return prepared
        opened, language, email = prepared
        check = await self._s.verification.check_code(self._verification_chat(token, email), opened.invitation_id,
                                                      code)
        if check.status is not CodeCheckStatus.VERIFIED:
            return _page(language, self._answer_form(token, email, language, translate("web_code_wrong", language)),
                         400)
        guardian = self._s.consents.pseudonym(email)
        approve = decision != "decline"
        purpose = self._s.consents.purpose(opened.purpose_id)
        try:
            await asyncio.to_thread(self._s.invitations.open, token, guardian)
            # Between the code and the answer: is this address the child's guardian in the controller's register?
            verified = await guardian_verification(self._s.registry, purpose, opened, GuardianContact.email(email),
                                                   "email")
            conversation = await asyncio.to_thread(self._s.invitations.conversation_of, opened.invitation_id)
            view = await asyncio.to_thread(self._s.invitations.answer, opened.invitation_id, guardian, approve,
                                           RELATION, METHOD, verified, language)
        except InvitationError as error:
            # The child's own address: the guardian page says why here, the child's chat says it there.
            await tell_child_of_refusal(self._s.invitations, self._s.notify_child, error)
            return _problem(error, language)
        except NotInRegister:
            # Nothing changes: the consent still waits for a guardian the register knows.
            logger.info("guardian answer refused: not in the controller's register")
            return _page(language, _p(translate("guardian_not_in_register", language,
                                                controller=self._s.controller_name, contact=self._s.contact)), 403)
        except RegistryUnavailable:
            return _page(language, _p(translate("guardian_register_unavailable", language,
                                                contact=self._s.contact)), 503)
        if conversation and self._s.notify_child is not None:
            try:
                await self._s.notify_child(conversation)
            except Exception as error:  # noqa: BLE001 - the answer stands; the child's chat is told later
                logger.warning("child's chat not told of the guardian's answer (%s)", type(error).__name__)
        title = self._s.consents.purpose(view.purpose_id).title[language]
        if opened.intent is InvitationIntent.INFORM:
            text = translate("tg_acknowledged", language, title=title)
        elif approve:
            text = translate("tg_approved", language, title=title, record=view.record_id,
                             when="").split("\n")[0]
            text += "\n" + translate("web_receipt", language, record=view.record_id,
                                      when=view.updated_at.strftime("%Y-%m-%d %H:%M"), contact=self._s.contact)
        else:
            text = translate("tg_declined", language, title=title)
        return _page(language, _p(text))




def guardian_pages(settings: Settings) -> GuardianPages:
    from bot.clock import utc_now
    from bot.dsr.factory import consent_service, guardian_invitations
    from bot.dsr.flow import MailCodeSender
    from bot.mail import build_mailer
    from bot.rasa_adapter.conversation_api import guardian_answer_notifier
    from bot.verification import build_store

    secret = settings.secret_key.reveal().encode()
    verification = VerificationService(build_store(settings), MailCodeSender(build_mailer(settings), settings),
                                       utc_now, secret)
    return GuardianPages(GuardianPageServices(consent_service(), guardian_invitations(), verification, secret,
                                              settings.controller_name, settings.controller_contact,
                                              guardian_answer_notifier(settings), build_registry(settings)))
