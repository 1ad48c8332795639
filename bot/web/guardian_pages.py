"""The guardian's web page, for a parent without Telegram: the consent text, an e-mail code, approve or decline;
and "What I have answered" (/guardian-answers): the consents an address answered as a guardian, withdrawable.

The consent side (services, the code mail, the signed grant) is bot.consent.guardian_page; this module turns its
answers into pages (bot/web/templates/guardian) and statuses, and bot.web.guardian routes requests to it."""

from __future__ import annotations

import asyncio
import logging
import time
from collections.abc import Callable
from datetime import datetime
from typing import Any

from jinja2 import Environment
from sanic.response import HTTPResponse

from bot.cases.errors import InvalidEmail
from bot.cases.keys import normalise_email
from bot.config import SUPPORTED_LANGUAGES
from bot.consent.guardian_page import (
    METHOD,
    RELATION,
    GuardianPageServices,
    granted,
    issue_grant,
    verification_chat,
)
from bot.consent.invitations import (
    PROBLEM_TEXT,
    InvitationError,
    InvitationIntent,
    InvitationProblem,
    OpenInvitation,
    tell_child_of_refusal,
)
from bot.consent.local_time import local_time
from bot.consent.purposes import notice_text
from bot.guardians.check import NotInRegister, guardian_verification
from bot.guardians.registry import GuardianContact, RegistryUnavailable
from bot.i18n import translate
from bot.verification import CodeCheckStatus, CodeRequestStatus
from bot.web.templates import html_page, page_templates

logger = logging.getLogger(__name__)

ANSWERS_PATH = "/guardian-answers"
_STATUS = {InvitationProblem.UNKNOWN: 404, InvitationProblem.EXPIRED: 410, InvitationProblem.USED: 409,
           InvitationProblem.NOT_OPENER: 403, InvitationProblem.WITHDRAWN: 410, InvitationProblem.CHILD_ITSELF: 403}
# Template name → catalog key, for the words every guardian page may show.
_WORDS = {
    "email_prompt": "web_email_prompt", "email_label": "web_email_label", "send_code": "web_send_code",
    "code_label": "web_code_label", "answers_link": "web_answers_link", "answers_title": "web_answers_title",
    "answers_intro": "web_answers_intro", "answers_none": "web_answers_none",
    "withdraw_button": "consent_withdraw_button", "informed_only": "web_informed_only",
}


def _language(requested: str | None, fallback: str) -> str:
    return requested if requested in SUPPORTED_LANGUAGES else fallback


def _shown(email: str) -> str:
    return email[:1] + "•••@" + email.partition("@")[2]


class GuardianPages:
    def __init__(self, services: GuardianPageServices, clock: Callable[[], float] = time.time,
                 templates: Environment | None = None) -> None:
        self._s = services
        self._clock = clock
        self._templates = templates or page_templates()

    def _page(self, name: str, language: str, status: int = 200, controller: str | None = None,
              **values: Any) -> HTTPResponse:
        words = {key: translate(catalog_key, language) for key, catalog_key in _WORDS.items()}
        return html_page(self._templates, name, status, language=language, words=words, answers_path=ANSWERS_PATH,
                         controller=self._s.controller_name if controller is None else controller, **values)

    def _message(self, language: str, text: str, status: int, answers_link: bool = False) -> HTTPResponse:
        return self._page("guardian/message.html", language, status, texts=[text], answers_link=answers_link)

    def _problem(self, error: InvitationError, language: str | None) -> HTTPResponse:
        # Before a link is known there is no controller name to show; the header says only "Vern".
        key = PROBLEM_TEXT[error.problem]
        languages = [language] if language else list(SUPPORTED_LANGUAGES)  # an unknown link has no language
        return self._page("guardian/message.html", language or "nb", _STATUS[error.problem], controller="",
                          texts=[translate(key, lang) for lang in languages], answers_link=False)

    def _when(self, moment: datetime) -> str:
        return local_time(moment, self._s.timezone)

    async def show(self, token: str, lang: str | None) -> HTTPResponse:
        try:
            opened = await asyncio.to_thread(self._s.invitations.peek, token)
        except InvitationError as error:
            return self._problem(error, _language(lang, "") or None)
        language = _language(lang, opened.language)
        purpose = self._s.consents.purpose(opened.purpose_id)
        # The child's words for a child under 13 (to read aloud), else the adult notice: the version the record
        # hashes for the guardian (ConsentService._guardian_evidence).
        notice = notice_text(purpose, language, opened.audience)
        if opened.intent is InvitationIntent.INFORM:
            intro = translate("tg_inform", language, notice=notice)
        else:
            # The web page's own words: how to withdraw here, not a Telegram command cut out of a sentence.
            intro = translate("web_approve_request", language, notice=notice, contact=self._s.contact)
        return self._page("guardian/invitation.html", language, intro=intro, token=token)

    async def _prepare(self, token: str, email_field: str,
                       lang: str | None) -> tuple[OpenInvitation, str, str] | HTTPResponse:
        """The link must still be usable and the address well-formed, for both steps."""
        try:
            opened = await asyncio.to_thread(self._s.invitations.peek, token)
        except InvitationError as error:
            return self._problem(error, _language(lang, "") or None)
        language = _language(lang, opened.language)
        try:
            return opened, language, normalise_email(email_field)
        except InvalidEmail:
            return self._message(language, translate("web_email_invalid", language), 400)

    async def _request_code(self, chat: str, subject: str, email: str, language: str,
                            client: str | None) -> HTTPResponse | None:
        """None when the code is on its way (or was, a moment ago); else the page that says why not."""
        result = await self._s.verification.request_code(chat, subject, email, language, client=client)
        if result.status is CodeRequestStatus.RATE_LIMITED and result.limited_by is not None:
            words = translate(f"code_rate_limited_{result.limited_by.value}", language,
                              minutes=result.retry_after_minutes, contact=self._s.contact)
            return self._message(language, words, 429)
        if result.status not in (CodeRequestStatus.SENT, CodeRequestStatus.COOLDOWN):
            return self._message(language, translate("web_code_not_sent", language), 503)
        return None

    async def send_code(self, token: str, email_field: str, lang: str | None,
                        client: str | None = None) -> HTTPResponse:
        prepared = await self._prepare(token, email_field, lang)
        if isinstance(prepared, HTTPResponse):
            return prepared
        opened, language, email = prepared
        refused = await self._request_code(verification_chat(self._s.secret_key, token, email),
                                           opened.invitation_id, email, language, client)
        return refused or self._answer_form(token, email, language)

    def _answer_form(self, token: str, email: str, language: str, note: str = "", status: int = 200) -> HTTPResponse:
        buttons = [{"value": "approve", "text": translate("tg_button_approve", language)},
                   {"value": "decline", "text": translate("tg_button_decline", language)}]
        return self._page("guardian/code_form.html", language, status, note=note,
                          prompt=translate("web_code_prompt", language, email=_shown(email)),
                          action=f"/guardian/{token}/answer?lang={language}", email=email, buttons=buttons)

    async def answer(self, token: str, email_field: str, code: str, decision: str, lang: str | None) -> HTTPResponse:
        prepared = await self._prepare(token, email_field, lang)
        if isinstance(prepared, HTTPResponse):
            return prepared
        opened, language, email = prepared
        check = await self._s.verification.check_code(verification_chat(self._s.secret_key, token, email),
                                                      opened.invitation_id, code)
        if check.status is not CodeCheckStatus.VERIFIED:
            return self._answer_form(token, email, language, translate("web_code_wrong", language), 400)
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
            return self._problem(error, language)
        except NotInRegister:
            # Nothing changes: the consent still waits for a guardian the register knows.
            logger.info("guardian answer refused: not in the controller's register")
            return self._message(language, translate("guardian_not_in_register", language,
                                                     controller=self._s.controller_name, contact=self._s.contact),
                                 403)
        except RegistryUnavailable:
            return self._message(language, translate("guardian_register_unavailable", language,
                                                     contact=self._s.contact), 503)
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
        return await self._answers(guardian, language, text=text)

    # --- "What I have answered" -------------------------------------------------------------------
    async def _answers(self, guardian_key: str, language: str, text: str = "", note: str = "") -> HTTPResponse:
        records = await asyncio.to_thread(self._s.consents.records_for_guardian, guardian_key)
        answers = []
        for record in records:
            title = self._s.consents.purpose(record.purpose_id).title[language]
            answers.append({
                "line": translate("web_answers_line", language, title=title,
                                  status=translate(f"consent_status_{record.status}", language),
                                  when=self._when(record.updated_at)),
                "record_id": record.record_id,
                "withdrawable": record.status in ("given", "pending_guardian") and record.rule.needs_guardian,
                "informed_only": record.guardian_informed and not record.rule.needs_guardian,
            })
        grant = self._grant(guardian_key) if answers else ""
        return self._page("guardian/answers.html", language, text=text, note=note, answers=answers, grant=grant)

    def _grant(self, guardian_key: str) -> str:
        return issue_grant(self._s.secret_key, guardian_key, self._clock())

    def _answers_chat(self, email: str) -> str:
        return verification_chat(self._s.secret_key, "answers", email)

    async def answers_start(self, lang: str | None) -> HTTPResponse:
        return self._page("guardian/answers_start.html", _language(lang, self._s.default_language))

    async def answers_code(self, email_field: str, lang: str | None, client: str | None = None) -> HTTPResponse:
        language = _language(lang, self._s.default_language)
        try:
            email = normalise_email(email_field)
        except InvalidEmail:
            return self._message(language, translate("web_email_invalid", language), 400)
        refused = await self._request_code(self._answers_chat(email), "guardian-answers", email, language, client)
        return refused or self._answers_code_form(email, language)

    def _answers_code_form(self, email: str, language: str, note: str = "", status: int = 200) -> HTTPResponse:
        return self._page("guardian/code_form.html", language, status, note=note,
                          prompt=translate("web_answers_code_prompt", language, email=_shown(email)),
                          action=f"{ANSWERS_PATH}/list?lang={language}", email=email,
                          buttons=[{"value": "", "text": translate("web_show_answers", language)}])

    async def answers_list(self, email_field: str, code: str, lang: str | None) -> HTTPResponse:
        language = _language(lang, self._s.default_language)
        try:
            email = normalise_email(email_field)
        except InvalidEmail:
            return self._message(language, translate("web_email_invalid", language), 400)
        check = await self._s.verification.check_code(self._answers_chat(email), "guardian-answers", code)
        if check.status is not CodeCheckStatus.VERIFIED:
            return self._answers_code_form(email, language, translate("web_code_wrong", language), 400)
        return await self._answers(self._s.consents.pseudonym(email), language)

    async def answers_withdraw(self, grant: str, record_id: str, lang: str | None) -> HTTPResponse:
        language = _language(lang, self._s.default_language)
        guardian = granted(self._s.secret_key, grant, self._clock())
        if guardian is None:
            return self._message(language, translate("web_answers_expired", language), 403, answers_link=True)
        mine = await asyncio.to_thread(self._s.consents.records_for_guardian, guardian)
        record = next((r for r in mine if r.record_id == record_id and r.rule.needs_guardian), None)
        if record is None:
            return self._message(language, translate("tg_not_yours", language), 403)
        view = await asyncio.to_thread(self._s.consents.withdraw, record.record_id, guardian, "web")
        note = translate("consent_withdrawn", language,
                         title=self._s.consents.purpose(view.purpose_id).title[language])
        return await self._answers(guardian, language, note=note)
