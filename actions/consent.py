"""Giving consent in chat (the questions), the guardian's answer told to the child's chat, and
withdrawing a consent from the list shown after the e-mail code: at once, checked on the server."""

from __future__ import annotations

import logging
from typing import Any

from rasa_sdk import Action, Tracker
from rasa_sdk.events import EventType
from rasa_sdk.executor import CollectingDispatcher

from actions.dsr_common import language_of, say, say_for
from actions.names import (
    ACTION_ASK_BIRTH_YEAR,
    ACTION_ASK_CONSENT_AGREE,
    ACTION_ASK_CONSENT_PURPOSE,
    ACTION_EMAIL_CONSENT_RECEIPT,
    ACTION_TELL_GUARDIAN_ANSWER,
    ACTION_WITHDRAW_CONSENT,
    SLOT_BIRTH_YEAR,
    SLOT_CASE_REFERENCE,
    SLOT_CONSENT_PURPOSE,
)
from bot.clock import utc_now
from bot.config import AgeBands, Settings
from bot.consent.ages import ConsentRule, ImplausibleBirth, audience_for, rule_for, youngest_age
from bot.consent.purposes import Purpose, notice_text, purpose_title, words_for
from bot.consent.service import ConsentError, NotAllowed, RecordNotFound
from bot.i18n import for_age, translate
from bot.mail import build_mailer, templates
from bot.mail.errors import MailError
from bot.wiring import services

logger = logging.getLogger(__name__)


def receipt_button(record_id: str, tracker: Tracker) -> dict[str, str]:
    """Names the record only; whether this chat may have its receipt is the server's session."""
    return {"title": say("consent_receipt_button", tracker),
            "payload": f'/email_consent_receipt{{"consent_record": "{record_id}"}}'}


class ActionWithdrawConsent(Action):
    def name(self) -> str:
        return ACTION_WITHDRAW_CONSENT

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: dict[str, Any]
    ) -> list[EventType]:
        record_id = next(iter(tracker.get_latest_entity_values("consent_record")), None)
        try:
            # Who may act is the server's session from the code check, never a slot.
            subject = services().consent_sessions.subject(tracker.sender_id)
        except Exception as error:  # noqa: BLE001 - fail closed, and say so
            logger.error("consent session unavailable (%s)", type(error).__name__)
            dispatcher.utter_message(text=say("service_unavailable", tracker))
            return []
        if subject is None:
            dispatcher.utter_message(text=say("consent_session_expired", tracker))
            return []
        if not record_id:
            dispatcher.utter_message(text=say("consent_not_yours", tracker))
            return []
        service = services().consent
        try:
            record = service.get(str(record_id))
            if record.record_id not in {r.record_id for r in service.records_managed_by(subject)}:
                raise NotAllowed("not this subject's consent")
            service.withdraw(record.record_id, subject, "web")
        except (RecordNotFound, NotAllowed):
            dispatcher.utter_message(text=say("consent_not_yours", tracker))
            return []
        except ConsentError:
            dispatcher.utter_message(text=say("service_unavailable", tracker))
            return []
        title = purpose_title(record.purpose_id, language_of(tracker))
        dispatcher.utter_message(text=say("consent_withdrawn", tracker, title=title))
        return []


class ActionAskConsentPurpose(Action):
    """Which purpose: one button per purpose in the purposes file."""

    def name(self) -> str:
        return ACTION_ASK_CONSENT_PURPOSE

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: dict[str, Any]
    ) -> list[EventType]:
        language = language_of(tracker)
        purposes = services().purposes.values()
        buttons = [{"title": purpose.title[language], "payload": purpose.id} for purpose in purposes]
        dispatcher.utter_message(text=say("consent_ask_purpose", tracker), buttons=buttons)
        return []


class ActionAskConsentAgree(Action):
    """The notice (what, which data, how long, who sees it, withdrawable) and then the question."""

    def name(self) -> str:
        return ACTION_ASK_CONSENT_AGREE

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: dict[str, Any]
    ) -> list[EventType]:
        purpose = services().purposes.get(str(tracker.get_slot(SLOT_CONSENT_PURPOSE) or ""))
        audience = audience_of(tracker)  # the age was asked first
        if purpose is not None:
            # Exactly the text whose hash the record keeps as evidence of what was shown: the version for the
            # age given (ConsentService.give picks the same one from the same age).
            dispatcher.utter_message(text=notice_text(purpose, language_of(tracker), audience or "adult"))
        buttons = [{"title": say("button_yes", tracker), "payload": "/affirm"},
                   {"title": say("button_no", tracker), "payload": "/deny"}]
        dispatcher.utter_message(text=say_for("consent_ask_agree", tracker, audience), buttons=buttons)
        return []


class ActionAskBirthYear(Action):
    """The year of birth (or age); then the child's reference (when the guardian register decides) or, at
    16-17, the guardian's address (so Vern informs them itself)."""

    def name(self) -> str:
        return ACTION_ASK_BIRTH_YEAR

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: dict[str, Any]
    ) -> list[EventType]:
        from actions.guardian_acting import ask_child

        if ask_child(tracker, dispatcher):
            return []  # a guardian's request: the child's age, then the child's reference
        stashed = stashed_birth_year(tracker)
        if stashed and consent_rule_of(tracker, int(stashed)) is ConsentRule.CHILD_GUARDIAN_INFORMED:
            buttons = [{"title": say("button_skip", tracker), "payload": "hopp over"}]
            dispatcher.utter_message(text=say("consent_ask_guardian_email", tracker), buttons=buttons)
        elif stashed:
            dispatcher.utter_message(text=say_for("consent_ask_child_reference", tracker, audience_of(tracker),
                                                  controller=services().settings.controller_name))
        else:
            dispatcher.utter_message(text=say("consent_ask_birth_year", tracker))
        return []


# While the consent dialogue asks for the child's reference, the year already given waits in the reference
# slot (unused by consents) under this prefix; the reference replaces it once given.
STASHED_YEAR = "year:"


def stashed_birth_year(tracker: Tracker) -> str | None:
    value = str(tracker.get_slot(SLOT_CASE_REFERENCE) or "")
    return value[len(STASHED_YEAR):] if value.startswith(STASHED_YEAR) else None


def audience_of(tracker: Tracker) -> str | None:
    """child, young or adult from the year (or age) given in this dialogue; None before it is given."""
    year = stashed_birth_year(tracker) or tracker.get_slot(SLOT_BIRTH_YEAR)
    try:
        return audience_for(youngest_age(int(str(year)), utc_now().date()), services().settings.age_bands)
    except (TypeError, ValueError, ImplausibleBirth):
        return None


def consent_rule_of(tracker: Tracker, birth_year: int) -> ConsentRule:
    """The rule for this chat's purpose and the year given (the younger possible age, as the record does)."""
    purpose = services().purposes.get(str(tracker.get_slot(SLOT_CONSENT_PURPOSE) or ""))
    return rule_for(youngest_age(birth_year, utc_now().date()), services().settings.age_bands, purpose)


def registry_configured(settings: Settings) -> bool:
    return bool(settings.guardian_registry_url or settings.guardian_registry_file)


def age_rule_lines(age: int, bands: AgeBands, purpose: Purpose | None, language: str,
                   audience: str | None = None) -> list[str]:
    """The rule for the person's age in plain words, from the configured bands (not a fixed "under 18"), in the
    words for the age (a child's under 13, a young person's at 13-17: bot/i18n/ages.py)."""
    by_bands = rule_for(age, bands)
    rule = rule_for(age, bands, purpose)
    until = purpose.guardian_required_until if purpose else None

    def line(key: str, **values: object) -> str:
        return translate(for_age(key, audience), language, **values)

    if rule is not by_bands and until:
        # The purpose asks more than the bands (special categories): only its rule is true for this person.
        return [line("consent_rule_purpose_until", age=until)]
    if by_bands is ConsentRule.GUARDIAN_ONLY:
        return [line("consent_rule_guardian_only", age=bands.guardian_only_below)]
    if by_bands is ConsentRule.CHILD_AND_GUARDIAN:
        lines = [line("consent_rule_joint", low=bands.guardian_only_below, high=bands.joint_below - 1)]
        if until and until > bands.joint_below:
            lines.append(line("consent_rule_purpose_until", age=until))
        return lines
    if by_bands is ConsentRule.CHILD_GUARDIAN_INFORMED:
        return [line("consent_rule_informed", low=bands.joint_below, high=bands.adult_from - 1)]
    return []


class ActionTellGuardianAnswer(Action):
    """Triggered on the child's conversation when a guardian answered; the answer is read from the
    server (the invitation bound to this chat), never from the trigger's payload."""

    def name(self) -> str:
        return ACTION_TELL_GUARDIAN_ANSWER

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: dict[str, Any]
    ) -> list[EventType]:
        try:
            notices = services().guardian_invitations.untold_answers(tracker.sender_id)
        except Exception as error:  # noqa: BLE001 - nothing to say is better than a stack trace
            logger.error("guardian answers unavailable (%s)", type(error).__name__)
            return []
        for notice in notices:
            language = language_of(tracker)
            purpose = services().purposes.get(notice.purpose_id)
            # A child under 13 hears the answer in the words (and under the title) the child was shown.
            title = (words_for(purpose, language, notice.audience or "adult")["title"] if purpose is not None
                     else notice.purpose_id)
            dispatcher.utter_message(text=say_for(f"guardian_{notice.answer}_child", tracker, notice.audience,
                                                  title=title))
        return []


class ActionEmailConsentReceipt(Action):
    """The receipt of one of this chat's verified consents, by e-mail to the verified address."""

    def name(self) -> str:
        return ACTION_EMAIL_CONSENT_RECEIPT

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: dict[str, Any]
    ) -> list[EventType]:
        record_id = str(next(iter(tracker.get_latest_entity_values("consent_record")), "") or "")
        try:
            sessions = services().consent_sessions
            subject, email = sessions.subject(tracker.sender_id), sessions.email(tracker.sender_id)
        except Exception as error:  # noqa: BLE001 - fail closed, and say so
            logger.error("consent session unavailable (%s)", type(error).__name__)
            dispatcher.utter_message(text=say("service_unavailable", tracker))
            return []
        if subject is None or email is None:
            dispatcher.utter_message(text=say("consent_session_expired", tracker))
            return []
        service = services().consent
        language = language_of(tracker)
        try:
            if record_id not in {r.record_id for r in service.records_managed_by(subject)}:
                raise NotAllowed("not this subject's consent")
            record = service.get(record_id)
            receipt = service.receipt(record_id)
        except (RecordNotFound, NotAllowed):
            dispatcher.utter_message(text=say("consent_not_yours", tracker))
            return []
        title = purpose_title(record.purpose_id, language)
        mail = templates.consent_receipt(email, receipt, title, say(f"consent_status_{record.status}", tracker),
                                         language, settings=services().settings)
        try:
            await build_mailer(services().settings).send(mail)
        except MailError as error:
            logger.warning("consent receipt not delivered (%s)", type(error).__name__)
            dispatcher.utter_message(text=say("consent_receipt_failed", tracker))
            return []
        dispatcher.utter_message(text=say("consent_receipt_sent", tracker, title=title))
        return []
