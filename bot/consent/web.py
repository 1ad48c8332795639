"""The guardian's web page, for a parent without Telegram: the consent text, an e-mail code, approve or decline;
and "What I have answered" (/guardian-answers): the consents an address answered as a guardian, withdrawable.

The token in the link is the capability; the e-mail code proves control of an
address (not parenthood, as the README says). The code is bound to the link
and the address together, so a changed hidden field finds no code. After a
code, the answers page carries a signed, 15-minute grant naming only the
guardian's keyed hash: a withdraw button names a record, and the server checks
that this guardian answered it. Times are shown in the deployment's zone.
"""

from __future__ import annotations

import asyncio
import hashlib
import hmac
import html
import logging
import time
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from datetime import datetime
from typing import Any

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
from bot.consent.local_time import local_time
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
    default_language: str = "nb"
    timezone: str = "Europe/Oslo"  # times a guardian reads are local


ANSWERS_PATH = "/guardian-answers"
GRANT_SECONDS = 15 * 60


def _page(language: str, body: str, status: int = 200, controller: str = "") -> HTTPResponse:
    # The widget's look (bot/web/static/guardian.css): its header bar, colours and buttons.
    who = f'<p class="g-controller">{html.escape(controller)}</p>' if controller else ""
    return response.html(
        f'<!doctype html><html lang="{html.escape(language)}"><head><meta charset="utf-8">'
        '<meta name="viewport" content="width=device-width, initial-scale=1">'
        '<link rel="stylesheet" href="/static/guardian.css"><title>Vern</title></head>'
        f'<body class="g-body"><header class="g-header"><p class="g-title">Vern</p>{who}</header>'
        f'<main class="g-main guardian">{body}</main></body></html>',
        status=status,
    )


def _p(text: str) -> str:
    return "".join(f"<p>{html.escape(line)}</p>" for line in text.split("\n") if line.strip())


def _problem(error: InvitationError, language: str | None) -> HTTPResponse:
    # Before a link is known there is no controller name to show; the header says only "Vern".
    key = PROBLEM_TEXT[error.problem]
    languages = [language] if language else list(SUPPORTED_LANGUAGES)  # an unknown link has no language
    return _page(language or "nb", "".join(_p(translate(key, lang)) for lang in languages),
                 _STATUS[error.problem])


def _language(requested: str | None, fallback: str) -> str:
    return requested if requested in SUPPORTED_LANGUAGES else fallback


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


class GuardianPages:
    def __init__(self, services: GuardianPageServices, clock: Callable[[], float] = time.time) -> None:
        self._s = services
        self._clock = clock

    def _page(self, language: str, body: str, status: int = 200) -> HTTPResponse:
        return _page(language, body, status, self._s.controller_name)

    def _when(self, moment: datetime) -> str:
        return local_time(moment, self._s.timezone)

    def _verification_chat(self, token: str, email: str) -> str:
        # "answers" (the answers page) is never a link token: those are 20+ characters.
        tag = hmac.new(self._s.secret_key, f"guardian-web:{token}:{email}".encode(), hashlib.sha256).hexdigest()
        return f"guardian-web-{tag[:32]}"

    async def show(self, token: str, lang: str | None) -> HTTPResponse:
        try:
            opened = await asyncio.to_thread(self._s.invitations.peek, token)
        except InvitationError as error:
            return _problem(error, _language(lang, "") or None)
        language = _language(lang, opened.language)
        purpose = self._s.consents.purpose(opened.purpose_id)
        # The child's words for a child under 13 (to read aloud), else the adult notice: the version the record
        # hashes for the guardian (ConsentService._guardian_evidence).
        notice = notice_text(purpose, language, opened.audience)
        if opened.intent is InvitationIntent.INFORM:
            intro = translate("tg_inform", language, notice=notice)
        else:
            # The web page's own words: how to withdraw here, not a Telegram command cut out of a sentence.
            intro = translate("web_approve_request", language, notice=notice,
                              contact=self._s.contact)
        form = (
            f'<form method="post" action="/guardian/{html.escape(token)}/code?lang={language}">'
            f'<p>{html.escape(translate("web_email_prompt", language))}</p>'
            f'<label for="email">{html.escape(translate("web_email_label", language))}</label> '
            '<input id="email" name="email" type="email" autocomplete="email" required maxlength="254"> '
            f'<button type="submit">{html.escape(translate("web_send_code", language))}</button></form>'
        )
        return self._page(language, f"{_p(intro)}{form}{self._answers_link(language)}")

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
            return self._page(language, _p(translate("web_email_invalid", language)), 400)

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
            return self._page(language, _p(words), 429)
        if result.status not in (CodeRequestStatus.SENT, CodeRequestStatus.COOLDOWN):
            return self._page(language, _p(translate("web_code_not_sent", language)), 503)
        return self._page(language, self._answer_form(token, email, language))

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
            return self._page(language, self._answer_form(token, email, language,
                                                          translate("web_code_wrong", language)), 400)
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
            return self._page(language, _p(translate("guardian_not_in_register", language,
                                                     controller=self._s.controller_name, contact=self._s.contact)),
                              403)
        except RegistryUnavailable:
            return self._page(language, _p(translate("guardian_register_unavailable", language,
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
                                      when=self._when(view.updated_at), contact=self._s.contact)
        else:
            text = translate("tg_declined", language, title=title)
        # What this guardian has answered, with a withdraw button each: they proved the address just now.
        answers = await self._answers_list(guardian, language)
        return self._page(language, _p(text) + answers)

    # --- "What I have answered" -------------------------------------------------------------------
    def _answers_link(self, language: str) -> str:
        return (f'<p class="g-answers-link"><a href="{ANSWERS_PATH}?lang={language}">'
                f'{html.escape(translate("web_answers_link", language))}</a></p>')

    def _grant(self, guardian_key: str) -> str:
        until = int(self._clock()) + GRANT_SECONDS
        tag = hmac.new(self._s.secret_key, f"guardian-answers:{guardian_key}:{until}".encode(),
                       hashlib.sha256).hexdigest()
        return f"{guardian_key}.{until}.{tag}"

    def _granted(self, grant: str) -> str | None:
        """The guardian key a grant names, when it is genuine and not stale."""
        key, _, rest = (grant or "").partition(".")
        until, _, tag = rest.partition(".")
        if not key or not until.isdigit() or int(until) < self._clock():
            return None
        expected = hmac.new(self._s.secret_key, f"guardian-answers:{key}:{until}".encode(),
                            hashlib.sha256).hexdigest()
        return key if hmac.compare_digest(expected, tag) else None

    async def _answers_list(self, guardian_key: str, language: str, note: str = "") -> str:
        records = await asyncio.to_thread(self._s.consents.records_for_guardian, guardian_key)
        heading = f'<h2>{html.escape(translate("web_answers_title", language))}</h2>'
        if not records:
            return f"{heading}{_p(note) if note else ''}{_p(translate('web_answers_none', language))}"
        grant = html.escape(self._grant(guardian_key))
        items = []
        for record in records:
            title = self._s.consents.purpose(record.purpose_id).title[language]
            line = translate("web_answers_line", language, title=title,
                             status=translate(f"consent_status_{record.status}", language),
                             when=self._when(record.updated_at))
            action = ""
            if record.status in ("given", "pending_guardian") and record.rule.needs_guardian:
                action = (
                    f'<form method="post" action="{ANSWERS_PATH}/withdraw?lang={language}">'
                    f'<input type="hidden" name="grant" value="{grant}">'
                    f'<input type="hidden" name="record" value="{html.escape(record.record_id)}">'
                    f'<button type="submit">{html.escape(translate("consent_withdraw_button", language))}</button>'
                    "</form>")
            elif record.guardian_informed and not record.rule.needs_guardian:
                action = _p(translate("web_informed_only", language))
            items.append(f'<li class="g-answer">{html.escape(line)}{action}</li>')
        return f"{heading}{_p(note) if note else ''}<ul class=\"g-answers\">{''.join(items)}</ul>"

    def _answers_chat(self, email: str) -> str:
        return self._verification_chat("answers", email)

    async def answers_start(self, lang: str | None) -> HTTPResponse:
        language = _language(lang, self._s.default_language)
        form = (
            f'<h1>{html.escape(translate("web_answers_title", language))}</h1>'
            f'{_p(translate("web_answers_intro", language))}'
            f'<form method="post" action="{ANSWERS_PATH}/code?lang={language}">'
            f'<label for="email">{html.escape(translate("web_email_label", language))}</label> '
            '<input id="email" name="email" type="email" autocomplete="email" required maxlength="254"> '
            f'<button type="submit">{html.escape(translate("web_send_code", language))}</button></form>'
        )
        return self._page(language, form)

    async def answers_code(self, email_field: str, lang: str | None, client: str | None = None) -> HTTPResponse:
        language = _language(lang, self._s.default_language)
        try:
            email = normalise_email(email_field)
        except InvalidEmail:
            return self._page(language, _p(translate("web_email_invalid", language)), 400)
        result = await self._s.verification.request_code(self._answers_chat(email), "guardian-answers", email,
                                                         language, client=client)
        if result.status is CodeRequestStatus.RATE_LIMITED and result.limited_by is not None:
            words = translate(f"code_rate_limited_{result.limited_by.value}", language,
                              minutes=result.retry_after_minutes, contact=self._s.contact)
            return self._page(language, _p(words), 429)
        if result.status not in (CodeRequestStatus.SENT, CodeRequestStatus.COOLDOWN):
            return self._page(language, _p(translate("web_code_not_sent", language)), 503)
        return self._page(language, self._answers_code_form(email, language))

    def _answers_code_form(self, email: str, language: str, note: str = "") -> str:
        shown = email[:1] + "•••@" + email.partition("@")[2]
        return (
            f"{_p(note) if note else ''}{_p(translate('web_answers_code_prompt', language, email=shown))}"
            f'<form method="post" action="{ANSWERS_PATH}/list?lang={language}">'
            f'<input type="hidden" name="email" value="{html.escape(email)}">'
            f'<label for="code">{html.escape(translate("web_code_label", language))}</label> '
            '<input id="code" name="code" inputmode="numeric" autocomplete="one-time-code" required maxlength="12"> '
            f'<button type="submit">{html.escape(translate("web_show_answers", language))}</button></form>'
        )

    async def answers_list(self, email_field: str, code: str, lang: str | None) -> HTTPResponse:
        language = _language(lang, self._s.default_language)
        try:
            email = normalise_email(email_field)
        except InvalidEmail:
            return self._page(language, _p(translate("web_email_invalid", language)), 400)
        check = await self._s.verification.check_code(self._answers_chat(email), "guardian-answers", code)
        if check.status is not CodeCheckStatus.VERIFIED:
            return self._page(language, self._answers_code_form(email, language,
                                                                translate("web_code_wrong", language)), 400)
        return self._page(language, await self._answers_list(self._s.consents.pseudonym(email), language))

    async def answers_withdraw(self, grant: str, record_id: str, lang: str | None) -> HTTPResponse:
        language = _language(lang, self._s.default_language)
        guardian = self._granted(grant)
        if guardian is None:
            return self._page(language, _p(translate("web_answers_expired", language))
                              + self._answers_link(language), 403)
        mine = await asyncio.to_thread(self._s.consents.records_for_guardian, guardian)
        record = next((r for r in mine if r.record_id == record_id and r.rule.needs_guardian), None)
        if record is None:
            return self._page(language, _p(translate("tg_not_yours", language)), 403)
        view = await asyncio.to_thread(self._s.consents.withdraw, record.record_id, guardian, "web")
        note = translate("consent_withdrawn", language,
                         title=self._s.consents.purpose(view.purpose_id).title[language])
        return self._page(language, await self._answers_list(guardian, language, note))




def guardian_pages(settings: Settings) -> GuardianPages:
    from bot.clock import utc_now
    from bot.dsr.factory import consent_service, guardian_invitations
    from bot.mail import build_mailer
    from bot.rasa_adapter.conversation_api import guardian_answer_notifier
    from bot.wiring import build_store

    secret = settings.secret_key.reveal().encode()
    verification = VerificationService(build_store(settings), GuardianPageCodeSender(build_mailer(settings), settings),
                                       utc_now, secret)
    return GuardianPages(GuardianPageServices(consent_service(), guardian_invitations(), verification, secret,
                                              settings.controller_name, settings.controller_contact,
                                              guardian_answer_notifier(settings), build_registry(settings),
                                              settings.default_language, settings.timezone))
