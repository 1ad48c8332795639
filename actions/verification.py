"""The e-mail code step of a request, and what a verified request becomes.

These actions only relay: `bot.dsr.flow.RequestFlow` keeps the request and decides
whether the code was right. The `verification_code` slot is a marker for the
form, never evidence: `action_submit_request` asks the server.
"""

from __future__ import annotations

import re
from typing import Any

from rasa_sdk import Action, FormValidationAction, Tracker
from rasa_sdk.events import ActiveLoop, EventType, FollowupAction, Restarted, SlotSet
from rasa_sdk.executor import CollectingDispatcher
from rasa_sdk.types import DomainDict

from actions import guardian_acting
from actions.consent import receipt_button
from actions.dsr_common import (
    channel_of,
    clear_request_slots,
    client_of,
    contact,
    details_from,
    language_of,
    masked_address,
    say,
    say_for,
)
from actions.erasure import erasure_buttons
from actions.handoff import handoff_buttons
from actions.names import (
    ACTION_CORRECT_EMAIL,
    ACTION_RESEND_CODE,
    ACTION_SEND_CODE,
    ACTION_SUBMIT_REQUEST,
    FORM_CODE,
    FORM_DSR,
    SLOT_EMAIL,
    SLOT_GAVE_UP,
    SLOT_REQUEST_KIND,
    SLOT_VERIFICATION_CODE,
    VALIDATE_CODE_FORM,
)
from bot.cases.errors import InvalidEmail
from bot.cases.views import CaseView
from bot.consent.ages import ConsentRule
from bot.consent.links import guardian_links
from bot.consent.purposes import purpose_title
from bot.consent.service import ConsentView
from bot.dsr.flow import CompletionStatus, RequestCompletion
from bot.dsr.kinds import parse_kind
from bot.mail.i18n import format_date
from bot.mail.templates import REQUEST_TYPE_NAMES
from bot.retention.forget import FORGET_CHAT_CONTROL
from bot.verification import CodeCheckStatus, CodeRequestResult, CodeRequestStatus, RateLimitScope
from bot.wiring import services

EMAIL_IN_TEXT = re.compile(r"[^\s@<>]{1,64}@[^\s@<>]{1,255}\.[^\s@<>]{2,63}")
VERIFIED_MARK = "verified"


def _tell_code_request(result: CodeRequestResult, email: str, dispatcher: CollectingDispatcher,
                       tracker: Tracker) -> None:
    if result.status is CodeRequestStatus.SENT:
        minutes = (result.valid_for_seconds or 600) // 60
        dispatcher.utter_message(text=say("code_sent", tracker, email=masked_address(email), minutes=minutes))
    elif result.status is CodeRequestStatus.COOLDOWN:
        dispatcher.utter_message(text=say("code_cooldown", tracker, seconds=result.retry_after_seconds or 60))
    elif result.status is CodeRequestStatus.RATE_LIMITED:
        # Whose budget is spent decides what is true to say: "you asked too often" or "this inbox has had its codes".
        scope = (result.limited_by or RateLimitScope.ADDRESS).value
        dispatcher.utter_message(text=say(f"code_rate_limited_{scope}", tracker, contact=contact(),
                                          minutes=result.retry_after_minutes))
    elif result.status is CodeRequestStatus.DELIVERY_FAILED:
        dispatcher.utter_message(text=say("code_delivery_failed", tracker))
    else:
        dispatcher.utter_message(text=say("service_unavailable", tracker))


def _code_may_come(result: CodeRequestResult) -> bool:
    # A code is on its way, or an earlier one still works: wait for it.
    return result.status in (CodeRequestStatus.SENT, CodeRequestStatus.COOLDOWN)


class ActionSendCode(Action):
    """The request form is complete: record the request on the server and send the code."""

    def name(self) -> str:
        return ACTION_SEND_CODE

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: dict[str, Any]
    ) -> list[EventType]:
        if tracker.get_slot(SLOT_GAVE_UP):
            return clear_request_slots()
        return await _begin(dispatcher, tracker)


async def _begin(dispatcher: CollectingDispatcher, tracker: Tracker) -> list[EventType]:
    email = tracker.get_slot(SLOT_EMAIL)
    kind = tracker.get_slot(SLOT_REQUEST_KIND)
    if not email or not kind:
        dispatcher.utter_message(text=say("no_pending_request", tracker))
        return clear_request_slots()
    try:
        result = await services().request_flow.begin(
            tracker.sender_id, parse_kind(str(kind)), str(email), language_of(tracker), channel_of(tracker),
            details_from(tracker), client_of(tracker),
        )
    except (InvalidEmail, ValueError):
        dispatcher.utter_message(text=say("email_invalid", tracker))
        return [SlotSet(SLOT_EMAIL, None), FollowupAction(FORM_DSR)]
    _tell_code_request(result, str(email), dispatcher, tracker)
    if _code_may_come(result):
        return [SlotSet(SLOT_VERIFICATION_CODE, None), FollowupAction(FORM_CODE)]
    return []


class ActionResendCode(Action):
    """«send koden på nytt»: a new code for the same request, within the limits."""

    def name(self) -> str:
        return ACTION_RESEND_CODE

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: dict[str, Any]
    ) -> list[EventType]:
        result = await services().request_flow.resend(tracker.sender_id, client_of(tracker))
        if result is None:
            # Nothing on the server (it expired, or the store was down when the
            # request came): start again from what the person already told us.
            return await _begin(dispatcher, tracker)
        _tell_code_request(result, str(tracker.get_slot(SLOT_EMAIL) or ""), dispatcher, tracker)
        if _code_may_come(result) and tracker.active_loop_name != FORM_CODE:
            return [SlotSet(SLOT_GAVE_UP, None), SlotSet(SLOT_VERIFICATION_CODE, None), FollowupAction(FORM_CODE)]
        return [SlotSet(SLOT_GAVE_UP, None)]


class ActionCorrectEmail(Action):
    """«feil e-post»: ask for the address again; the old code dies with the old request."""

    def name(self) -> str:
        return ACTION_CORRECT_EMAIL

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: dict[str, Any]
    ) -> list[EventType]:
        if not tracker.get_slot(SLOT_REQUEST_KIND):
            dispatcher.utter_message(text=say("no_pending_request", tracker))
            return []
        await services().request_flow.cancel(tracker.sender_id)
        return [
            ActiveLoop(None), SlotSet(SLOT_EMAIL, None), SlotSet(SLOT_VERIFICATION_CODE, None),
            SlotSet("requested_slot", None), FollowupAction(FORM_DSR),
        ]


class ValidateCodeForm(FormValidationAction):
    def name(self) -> str:
        return VALIDATE_CODE_FORM

    async def required_slots(
        self, domain_slots: list[str], dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> list[str]:
        return [] if tracker.get_slot(SLOT_GAVE_UP) else [SLOT_VERIFICATION_CODE]

    async def validate_verification_code(
        self, value: Any, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> dict[str, Any]:
        text = str(value or "").strip()
        if not text:
            # Rasa runs the validation again within a turn (for the dynamic required
            # slots) with the value the first run cleared: nothing was entered, nothing counts.
            return {SLOT_VERIFICATION_CODE: None}
        flow = services().request_flow
        address = EMAIL_IN_TEXT.search(text)
        if address:
            # A new address instead of a code: the person is correcting it.
            try:
                result = await flow.change_email(tracker.sender_id, address.group(0), client_of(tracker))
            except InvalidEmail:
                dispatcher.utter_message(text=say("email_invalid", tracker))
                return {SLOT_VERIFICATION_CODE: None}
            if result is None:
                dispatcher.utter_message(text=say("no_pending_request", tracker))
                return {SLOT_VERIFICATION_CODE: None, SLOT_GAVE_UP: True}
            _tell_code_request(result, address.group(0), dispatcher, tracker)
            return {SLOT_VERIFICATION_CODE: None, SLOT_EMAIL: address.group(0).lower()}
        code = re.sub(r"[\s\-\u2013]", "", text)
        if not re.fullmatch(r"\d{6}", code):
            # Not an attempt at a code ("jeg finner den ikke"): the form asks again and nothing counts.
            return {SLOT_VERIFICATION_CODE: None}
        check = await flow.check_code(tracker.sender_id, code)
        if check.status is CodeCheckStatus.VERIFIED:
            return {SLOT_VERIFICATION_CODE: VERIFIED_MARK}
        if check.status is CodeCheckStatus.WRONG:
            dispatcher.utter_message(text=say("code_wrong", tracker, attempts=check.attempts_left))
        elif check.status is CodeCheckStatus.LOCKED:
            # Locked out: a person can take it from here, when one is in the chat.
            dispatcher.utter_message(text=say("code_locked", tracker, contact=contact()),
                                     buttons=handoff_buttons(tracker))
            return {SLOT_VERIFICATION_CODE: None, SLOT_GAVE_UP: True}
        elif check.status in (CodeCheckStatus.EXPIRED, CodeCheckStatus.NO_CODE):
            dispatcher.utter_message(text=say("code_expired", tracker))
        else:
            dispatcher.utter_message(text=say("service_unavailable", tracker))
        return {SLOT_VERIFICATION_CODE: None}


class ActionSubmitRequest(Action):
    """The code form is done: the server, not the slot, says whether the request may become a case."""

    def name(self) -> str:
        return ACTION_SUBMIT_REQUEST

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: dict[str, Any]
    ) -> list[EventType]:
        if tracker.get_slot(SLOT_GAVE_UP):
            # Locked out: the request waits on the server for «send ny kode»; the address stays for that.
            return [SlotSet(SLOT_VERIFICATION_CODE, None)]
        completion = await services().request_flow.complete(tracker.sender_id)
        if completion.status is CompletionStatus.UNAVAILABLE:
            if completion.refusal:
                guardian_acting.tell_refusal(completion, tracker, dispatcher)  # the register cannot answer now
            else:
                dispatcher.utter_message(text=say("service_unavailable", tracker))
            # The passed check outlives the outage: the next message finishes the request.
            return [SlotSet(SLOT_VERIFICATION_CODE, None), FollowupAction(FORM_CODE)]
        _tell_completion(completion, dispatcher, tracker)
        if completion.erase_current_chat:
            # Rasa saves this turn after the action; the channel erases the chat right after that.
            dispatcher.utter_message(json_message={"vern_control": FORGET_CHAT_CONTROL})
            return [*clear_request_slots(), Restarted()]
        return clear_request_slots()


def _tell_completion(completion: RequestCompletion, dispatcher: CollectingDispatcher, tracker: Tracker) -> None:
    language = language_of(tracker)
    if completion.status is CompletionStatus.OPENED and completion.case is not None:
        case = completion.case
        key = "case_duplicate" if completion.duplicate else "case_opened"
        text = say(key, tracker, reference=case.reference, due=format_date(case.deadline, language))
        if not completion.duplicate:
            text += " " + say("case_receipt_sent" if completion.receipt_sent else "case_receipt_failed", tracker)
        dispatcher.utter_message(text=text)
        guardian_acting.tell_acting(completion, tracker, dispatcher)
        if completion.fulfilled == "export_ready":
            sent = completion.fulfilment_mail_sent
            dispatcher.utter_message(text=say("export_link_sent" if sent else "export_link_failed", tracker))
        elif completion.fulfilled == "erased":
            dispatcher.utter_message(text=say("subject_erased", tracker))
        elif completion.fulfilled == "erasure_preview" and completion.erasure_preview is not None:
            dispatcher.utter_message(text=say("erasure_preview", tracker, reference=case.reference,
                                              **completion.erasure_preview),
                                     buttons=erasure_buttons(tracker))
        elif completion.fulfilled == "restricted":
            dispatcher.utter_message(text=say("subject_restricted", tracker))
    elif completion.status is CompletionStatus.STATUS_FOUND:
        if not completion.cases:
            dispatcher.utter_message(text=say("status_none", tracker))
        for case in completion.cases:
            dispatcher.utter_message(text=_status_line(case, tracker))
    elif completion.status is CompletionStatus.CONSENTS_FOUND:
        if completion.acting is not None and completion.consents:
            dispatcher.utter_message(text=say("guardian_consents_for_child", tracker,
                                              child=completion.acting.child_reference))
        _tell_consents(completion.consents, dispatcher, tracker)
    elif completion.status is CompletionStatus.GUARDIAN_REFUSED:
        guardian_acting.tell_refusal(completion, tracker, dispatcher)
    elif completion.status is CompletionStatus.CONSENT_RECORDED and completion.consents:
        _tell_consent_recorded(completion, dispatcher, tracker)
    elif completion.status is CompletionStatus.NOT_VERIFIED:
        dispatcher.utter_message(text=say("not_verified", tracker))
    else:
        dispatcher.utter_message(text=say("no_pending_request", tracker))


def _tell_consent_recorded(completion: RequestCompletion, dispatcher: CollectingDispatcher,
                           tracker: Tracker) -> None:
    consent = completion.consents[0]
    settings = services().settings
    bands = settings.age_bands
    title = purpose_title(consent.purpose_id, language_of(tracker))
    if consent.rule is ConsentRule.SELF:
        dispatcher.utter_message(text=say("consent_given", tracker, title=title),
                                 buttons=[receipt_button(consent.record_id, tracker)])
        return
    if consent.rule is ConsentRule.GUARDIAN_ONLY:
        text = say_for("consent_needs_guardian_only", tracker, consent.notice_version,
                       age=bands.guardian_only_below)
    elif consent.rule is ConsentRule.CHILD_AND_GUARDIAN:
        purpose = services().purposes.get(consent.purpose_id)
        until = purpose.guardian_required_until if purpose else None
        text = say_for("consent_needs_guardian_joint", tracker, consent.notice_version,
                       age=max(bands.joint_below, until or 0))
    else:
        text = say_for("consent_guardian_informed_needed", tracker, consent.notice_version, title=title,
                       age=bands.adult_from)
    dispatcher.utter_message(text=text)
    if completion.guardian_mailed:
        dispatcher.utter_message(text=say("consent_guardian_mailed", tracker))
        return  # Vern told the guardian itself; the mail carries the link to acknowledge it
    if completion.invitation is None:
        return
    links = guardian_links(settings, completion.invitation)
    if links.telegram:
        dispatcher.utter_message(text=say_for("guardian_link_telegram", tracker, consent.notice_version,
                                              link=links.telegram, code=links.code, bot=links.bot_username))
        dispatcher.utter_message(text=say("guardian_link_web_alternative", tracker, link=links.web))
    else:
        dispatcher.utter_message(text=say_for("guardian_link_web", tracker, consent.notice_version, link=links.web))
    # The widget listens for the guardian's answer from here on.
    dispatcher.utter_message(json_message={"vern_control": "await_updates"})


def _tell_consents(consents: list[ConsentView], dispatcher: CollectingDispatcher, tracker: Tracker) -> None:
    if not consents:
        dispatcher.utter_message(text=say("consents_none", tracker))
        return
    for consent in consents:
        line = say("consent_line", tracker, title=purpose_title(consent.purpose_id, language_of(tracker)),
                   status=say(f"consent_status_{consent.status}", tracker))
        buttons = []
        if consent.status in ("given", "pending_guardian"):
            # The button names the record; the server checks this chat may act on it.
            payload = f'/confirm_withdraw_consent{{"consent_record": "{consent.record_id}"}}'
            buttons.append({"title": say("consent_withdraw_button", tracker), "payload": payload})
        buttons.append(receipt_button(consent.record_id, tracker))
        dispatcher.utter_message(text=line, buttons=buttons)


def _status_line(case: CaseView, tracker: Tracker) -> str:
    language = language_of(tracker)
    kind = REQUEST_TYPE_NAMES[case.request_type.value][language]
    status = say(f"status_{case.status.value}", tracker)
    if case.is_open:
        return say("status_open", tracker, reference=case.reference, kind=kind, status=status,
                   due=format_date(case.deadline, language))
    return say("status_closed", tracker, reference=case.reference, kind=kind, status=status)
