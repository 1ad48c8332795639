"""From "I want ..." to a case: pending request, e-mail code, case, receipt.

Every step reads the server's own record (`PendingRequestStore`) and the
verification service's marks; nothing here takes the dialogue's word for an
address, a request kind or a passed check.
"""

from __future__ import annotations

import asyncio
import dataclasses
import logging
from dataclasses import dataclass, field
from enum import Enum

from sqlalchemy.exc import SQLAlchemyError

from bot.cases.keys import normalise_email
from bot.cases.request_types import RequestType
from bot.cases.service import CaseService
from bot.cases.views import CaseView
from bot.clock import Clock
from bot.config import Settings
from bot.connectors.webhook import WebhookConnector, case_payload
from bot.consent.ages import ConsentRule, ImplausibleBirth, youngest_age
from bot.consent.chat_addresses import ChatAddresses
from bot.consent.invitations import GuardianInvitations, InvitationIntent, IssuedInvitation
from bot.consent.service import ConsentError, ConsentService, ConsentView
from bot.consent.sessions import ConsentSessions
from bot.dsr.erasure_confirmation import AwaitedErasure, ErasureConfirmations
from bot.dsr.kinds import CONSENT_LOOKUP, GIVE_CONSENT, STATUS_LOOKUP, RequestKind, kind_value
from bot.dsr.pending import PendingRequest, PendingRequestStore, new_request_id
from bot.fulfilment.service import Fulfilled, Fulfilment
from bot.guardians.acting import YOUNG_PERSON_EMAIL, GuardianActing, Refusal, is_for_child, own_details
from bot.guardians.registry import GuardianRegistry
from bot.guardians.registry import normalise_reference as normalise_child_reference
from bot.guardians.young_notice import PATH as YOUNG_OBJECTION_PATH
from bot.guardians.young_notice import YoungObjections, valid_until
from bot.mail import Mailer, templates
from bot.mail.errors import MailError
from bot.verification import (
    CodeCheckResult,
    CodeCheckStatus,
    CodeRequestResult,
    CodeRequestStatus,
    StoreUnavailable,
    VerificationService,
)

logger = logging.getLogger(__name__)


class CompletionStatus(str, Enum):
    OPENED = "opened"  # a case exists (new, or the same open request seen again)
    STATUS_FOUND = "status_found"  # the verified person's cases, for a status question
    CONSENTS_FOUND = "consents_found"  # the verified address's consents; this chat may now withdraw them
    CONSENT_RECORDED = "consent_recorded"  # given, or waiting for a guardian (then with an invitation)
    NOT_VERIFIED = "not_verified"  # no passed code check for this request on the server
    NO_REQUEST = "no_request"  # nothing pending in this conversation (expired or cancelled)
    UNAVAILABLE = "unavailable"  # a store is down: nothing changed, try again later
    GUARDIAN_REFUSED = "guardian_refused"  # a guardian may not act for this child (`refusal` says why)


@dataclass(frozen=True)
class RequestCompletion:
    status: CompletionStatus
    case: CaseView | None = None
    duplicate: bool = False
    receipt_sent: bool = False
    cases: list[CaseView] = field(default_factory=list)
    consents: list[ConsentView] = field(default_factory=list)
    fulfilled: str | None = None  # bot.fulfilment.service.Fulfilled value, when Vern carried it out itself
    fulfilment_mail_sent: bool = False
    erase_current_chat: bool = False
    invitation: IssuedInvitation | None = None  # the link and code a child passes to a guardian
    guardian_mailed: bool = False  # 16-17: Vern e-mailed the guardian the notice itself
    erasure_preview: dict[str, int] | None = None  # what a confirmed erasure removes (counts per kind)
    refusal: str | None = None  # bot.guardians.acting.Refusal value (GUARDIAN_REFUSED, or UNAVAILABLE: register)
    acting: GuardianActing | None = None  # a guardian acted for a child (bot.guardians.acting)
    young_person_told: str | None = None  # 16-17: a YoungTold value (was the young person e-mailed?)


class YoungTold(str, Enum):
    """What became of the notice to a 16-17-year-old whose guardian acted (bot.guardians.young_notice)."""

    MAILED = "mailed"
    NO_ADDRESS = "no_address"  # the guardian gave none: a caseworker tells the young person
    OWN_ADDRESS = "own_address"  # the guardian gave their own address: refused, nobody is mailed
    NOT_DELIVERED = "not_delivered"  # the mail or the link store failed: a caseworker tells them


GUARDIAN_ADDRESS = "guardian:"  # the reference detail's prefix when it holds a 16-17's guardian address


def guardian_address_in(details: dict[str, str]) -> str | None:
    """The guardian's address the young person gave in the chat (16-17), if any."""
    value = details.get("reference") or ""
    if not value.startswith(GUARDIAN_ADDRESS):
        return None
    try:
        return normalise_email(value[len(GUARDIAN_ADDRESS):])
    except ValueError:
        return None


class MailCodeSender:
    """Delivers codes with the one mailer, in the person's language."""

    def __init__(self, mailer: Mailer, settings: Settings, minutes_valid: int = 10) -> None:
        self._mailer = mailer
        self._settings = settings
        self._minutes = minutes_valid

    async def send_code(self, email: str, code: str, language: str) -> None:
        mail = templates.verification_code(email, code, language, self._minutes, settings=self._settings)
        await self._mailer.send(mail)


class RequestFlow:
    def __init__(
        self,
        pending: PendingRequestStore,
        verification: VerificationService,
        cases: CaseService,
        mailer: Mailer,
        settings: Settings,
        clock: Clock,
        fulfilment: Fulfilment | None = None,
        connector: WebhookConnector | None = None,
        consents: tuple[ConsentService, ConsentSessions] | None = None,
        invitations: GuardianInvitations | None = None,
        chat_addresses: ChatAddresses | None = None,
        confirmations: ErasureConfirmations | None = None,
        registry: GuardianRegistry | None = None,
        young_objections: YoungObjections | None = None,
    ) -> None:
        self._young_objections = young_objections
        self._confirmations = confirmations
        self._registry = registry
        self._consents = consents
        self._chat_addresses = chat_addresses
        self._invitations = invitations
        self._fulfilment = fulfilment
        self._connector = connector
        self._pending = pending
        self._verification = verification
        self._cases = cases
        self._mailer = mailer
        self._settings = settings
        self._clock = clock

    async def begin(
        self,
        conversation_id: str,
        kind: RequestKind,
        email: str,
        language: str,
        channel: str,
        details: dict[str, str] | None = None,
        client: str | None = None,
    ) -> CodeRequestResult:
        """Record the request on the server and send a code to `email` (raises InvalidEmail).

        `client` is the channel's tag for where the message came from (bot.rasa_adapter.client_identity)."""
        request = PendingRequest(
            request_id=new_request_id(),
            kind=kind,
            email=normalise_email(email),
            language=language,
            channel=channel,
            # Art. 12(3): the month runs from when the request reached us, not from the code check.
            received_at=self._clock(),
            details={key: value for key, value in (details or {}).items() if value},
        )
        return await self._send_for(conversation_id, request, client)

    async def change_email(self, conversation_id: str, email: str,
                           client: str | None = None) -> CodeRequestResult | None:
        """The person gave another address: the same request, a new code to the new address."""
        request = await self._load(conversation_id)
        if request is None:
            return None
        return await self._send_for(conversation_id, request.with_email(normalise_email(email)), client)

    async def resend(self, conversation_id: str, client: str | None = None) -> CodeRequestResult | None:
        request = await self._load(conversation_id)
        if request is None:
            return None
        await self._note_address(conversation_id, request.email)
        return await self._verification.request_code(conversation_id, request.request_id, request.email,
                                                     request.language, client=client)

    async def check_code(self, conversation_id: str, code: str) -> CodeCheckResult:
        try:
            request = await self._load(conversation_id)
        except StoreUnavailable:
            return CodeCheckResult(CodeCheckStatus.UNAVAILABLE)
        if request is None:
            return CodeCheckResult(CodeCheckStatus.NO_CODE)
        try:
            if await self._verification.is_verified(conversation_id, request.request_id):
                # Passed before a database outage stopped the case: any next message finishes it.
                return CodeCheckResult(CodeCheckStatus.VERIFIED)
        except StoreUnavailable:
            return CodeCheckResult(CodeCheckStatus.UNAVAILABLE)
        return await self._verification.check_code(conversation_id, request.request_id, code)

    async def complete(self, conversation_id: str) -> RequestCompletion:
        """Open the case (or answer the status question) if, and only if, the server saw the right code."""
        try:
            request = await self._load(conversation_id)
            if request is None:
                return RequestCompletion(CompletionStatus.NO_REQUEST)
            if not await self._verification.is_verified(conversation_id, request.request_id):
                return RequestCompletion(CompletionStatus.NOT_VERIFIED)
        except StoreUnavailable:
            return RequestCompletion(CompletionStatus.UNAVAILABLE)
        if is_for_child(request.details):
            return await self._complete_for_child(conversation_id, request)
        try:
            if request.kind == STATUS_LOOKUP:
                completion = await asyncio.to_thread(self._status, request)
            elif request.kind == CONSENT_LOOKUP:
                completion = await asyncio.to_thread(self._consent_lookup, conversation_id, request)
            elif request.kind == GIVE_CONSENT:
                completion = await asyncio.to_thread(self._give_consent, conversation_id, request)
                completion = await self._inform_guardian(conversation_id, request, completion)
            else:
                completion = await asyncio.to_thread(self._open, conversation_id, request)
        except SQLAlchemyError as error:
            # The verified mark outlives this failure, so the next message can finish the request.
            logger.error("request not completed: database unavailable (%s)", type(error).__name__)
            return RequestCompletion(CompletionStatus.UNAVAILABLE)
        if completion.case is not None and not completion.duplicate:
            completion = await self._send_receipt(request, completion)
            completion = await self._fulfil(conversation_id, request, completion)
            await self._push(request, completion)
        await self.forget(conversation_id)
        return completion

    async def _complete_for_child(self, conversation_id: str, request: PendingRequest) -> RequestCompletion:
        """A guardian's request for a child: the register (or the caseworker) decides after the code, never the
        dialogue. A case goes to a caseworker (nothing is carried out automatically: the data is the child's)."""
        from bot.dsr.for_child import decide_for_child

        consents = self._consents[0] if self._consents is not None else None
        try:
            decided = await decide_for_child(self._registry, self._settings, self._clock, consents, request)
        except SQLAlchemyError as error:
            logger.error("guardian request not completed: database unavailable (%s)", type(error).__name__)
            return RequestCompletion(CompletionStatus.UNAVAILABLE)
        if decided is Refusal.UNAVAILABLE:
            # The verified mark stays: the next message asks the register again.
            return RequestCompletion(CompletionStatus.UNAVAILABLE, refusal=Refusal.UNAVAILABLE.value)
        if isinstance(decided, Refusal):
            await self.forget(conversation_id)
            return RequestCompletion(CompletionStatus.GUARDIAN_REFUSED, refusal=decided.value)
        try:
            if request.kind == CONSENT_LOOKUP and consents is not None and self._consents is not None:
                guardian = consents.pseudonym(request.email)
                await asyncio.to_thread(self._consents[1].grant, conversation_id, guardian, request.email)
                found = await asyncio.to_thread(consents.records_for_child, guardian, decided.child_reference)
                completion = RequestCompletion(CompletionStatus.CONSENTS_FOUND, consents=found, acting=decided)
            elif request.kind == CONSENT_LOOKUP:
                completion = RequestCompletion(CompletionStatus.CONSENTS_FOUND, acting=decided)
            else:
                opened = await asyncio.to_thread(
                    self._cases.open_case, RequestType(request.kind), request.email, request.language,
                    request.channel, own_details(request.details), conversation_id, request.received_at,
                    decided.child_reference, decided.verified, decided.young_person)
                completion = RequestCompletion(CompletionStatus.OPENED, case=opened.case, duplicate=opened.duplicate,
                                               acting=decided)
        except (SQLAlchemyError, StoreUnavailable) as error:
            logger.error("guardian request not completed: store unavailable (%s)", type(error).__name__)
            return RequestCompletion(CompletionStatus.UNAVAILABLE)
        if completion.case is not None and not completion.duplicate:
            receipt = await self._send_receipt(request, completion)  # to the guardian's verified address
            completion = dataclasses.replace(completion, receipt_sent=receipt.receipt_sent)
            if decided.young_person:
                completion = await self._tell_young_person(request, completion)
            await self._push(request, completion)
        await self.forget(conversation_id)
        return completion

    async def _tell_young_person(self, request: PendingRequest, completion: RequestCompletion) -> RequestCompletion:
        """16-17: e-mail the young person (at the address the guardian gave, never the guardian's own) that a
        guardian asked, with a one-click objection link. The address goes into this mail only; the case keeps
        a history line. Without an address, or when sending fails, a caseworker tells them (the case says so)."""
        from bot.cases.service import YOUNG_PERSON_TOLD, YOUNG_PERSON_TOLD_NOTE

        case = completion.case
        assert case is not None
        try:
            address = normalise_email(request.details.get(YOUNG_PERSON_EMAIL) or "")
        except ValueError:
            return dataclasses.replace(completion, young_person_told=YoungTold.NO_ADDRESS.value)
        if address == request.email:
            # The guardian's own address would tell the guardian, not the young person.
            return dataclasses.replace(completion, young_person_told=YoungTold.OWN_ADDRESS.value)
        if self._young_objections is None:
            return dataclasses.replace(completion, young_person_told=YoungTold.NOT_DELIVERED.value)
        try:
            token = await asyncio.to_thread(self._young_objections.issue, case.reference, request.language,
                                            valid_until(case.deadline))
            link = self._settings.public_url.rstrip("/") + YOUNG_OBJECTION_PATH + token
            mail = templates.young_person_told(address, kind_value(request.kind), link, case.deadline, request.language,
                                               settings=self._settings)
            await self._mailer.send(mail)
            await asyncio.to_thread(self._cases.note, case.reference, YOUNG_PERSON_TOLD, YOUNG_PERSON_TOLD_NOTE)
        except (MailError, SQLAlchemyError) as error:
            logger.warning("young person of case %s not told by e-mail (%s)", case.reference, type(error).__name__)
            return dataclasses.replace(completion, young_person_told=YoungTold.NOT_DELIVERED.value)
        return dataclasses.replace(completion, young_person_told=YoungTold.MAILED.value)

    async def _push(self, request: PendingRequest, completion: RequestCompletion) -> None:
        """Hand the case to the controller's other systems; a failed push leaves it for a caseworker."""
        case = completion.case
        if self._connector is None or case is None:
            return
        payload = case_payload(case, request.email, own_details(request.details), self._cases.recipients_for(case))
        if completion.acting is not None:
            # The controller's system answers the guardian (the address above) about this child.
            payload["made_by"] = {"role": "guardian", "verified": completion.acting.verified,
                                  "child_reference": completion.acting.child_reference,
                                  "young_person": completion.acting.young_person}
        await self._connector.push("case.verified", f"{case.reference}:verified", payload)

    async def _fulfil(
        self, conversation_id: str, request: PendingRequest, completion: RequestCompletion
    ) -> RequestCompletion:
        if self._fulfilment is None or completion.case is None:
            return completion
        try:
            outcome = await asyncio.to_thread(
                self._fulfilment.fulfil, completion.case, request.email,
                self._cases.subject_key(request.email), conversation_id,
            )
        except SQLAlchemyError as error:
            # The case stands and a caseworker sees it; fulfilment is retried from the case, not lost.
            logger.error("fulfilment of case %s failed (%s)", completion.case.reference, type(error).__name__)
            return completion
        mail_sent = False
        if outcome.mail is not None:
            try:
                await self._mailer.send(outcome.mail)
                mail_sent = True
            except MailError as error:
                logger.warning("export link for case %s not delivered (%s)", completion.case.reference,
                               type(error).__name__)
        if outcome.result is Fulfilled.ERASURE_PREVIEW:
            if self._confirmations is None or outcome.consent_key is None:
                return completion  # nobody can confirm here: the case waits for a caseworker
            awaited = AwaitedErasure(completion.case.reference, self._cases.subject_key(request.email),
                                     outcome.consent_key)
            await asyncio.to_thread(self._confirmations.await_confirmation, conversation_id, awaited)
        return dataclasses.replace(
            completion, fulfilled=outcome.result.value, fulfilment_mail_sent=mail_sent,
            erase_current_chat=outcome.erase_current_chat, erasure_preview=outcome.preview,
        )

    async def confirm_erasure(self, conversation_id: str) -> RequestCompletion:
        """«Yes, erase» after the preview: only this chat, only the case it verified, only once."""
        if self._confirmations is None or self._fulfilment is None:
            return RequestCompletion(CompletionStatus.NO_REQUEST)
        try:
            awaited = await asyncio.to_thread(self._confirmations.take, conversation_id)
            if awaited is None:
                return RequestCompletion(CompletionStatus.NO_REQUEST)
            case = await asyncio.to_thread(self._cases.get, awaited.reference)
            outcome = await asyncio.to_thread(self._fulfilment.erase_confirmed, case, awaited.subject_key,
                                              awaited.consent_key, conversation_id)
        except (StoreUnavailable, SQLAlchemyError) as error:
            logger.error("erasure not carried out now (%s)", type(error).__name__)
            return RequestCompletion(CompletionStatus.UNAVAILABLE)
        return RequestCompletion(CompletionStatus.OPENED, case=case, fulfilled=outcome.result.value,
                                 erase_current_chat=outcome.erase_current_chat)

    async def cancel(self, conversation_id: str) -> None:
        await self.forget(conversation_id)

    async def forget(self, conversation_id: str) -> None:
        """Drop the pending request and every code of the conversation; a dead store forgets by expiry."""
        try:
            await asyncio.to_thread(self._pending.delete, conversation_id)
            await self._verification.clear(conversation_id)
        except StoreUnavailable:
            logger.warning("pending request not dropped now: store unavailable (it expires by itself)")

    async def _send_for(self, conversation_id: str, request: PendingRequest,
                        client: str | None) -> CodeRequestResult:
        try:
            await asyncio.to_thread(self._pending.save, conversation_id, request)
        except StoreUnavailable:
            return CodeRequestResult(CodeRequestStatus.UNAVAILABLE)
        await self._note_address(conversation_id, request.email)
        return await self._verification.request_code(conversation_id, request.request_id, request.email,
                                                     request.language, client=client)

    async def _note_address(self, conversation_id: str, email: str) -> None:
        """An address this chat used may never answer as the guardian of this chat's consent (issue 15)."""
        if self._chat_addresses is None or self._consents is None:
            return
        key = self._consents[0].pseudonym(email)
        try:
            await asyncio.to_thread(self._chat_addresses.note, conversation_id, key)
            if self._invitations is not None:
                await asyncio.to_thread(self._invitations.exclude_for_chat, conversation_id, key)
        except (StoreUnavailable, SQLAlchemyError) as error:
            # The code still goes out; the verified address itself is excluded when the link is made.
            logger.warning("address of the chat not noted (%s)", type(error).__name__)

    async def _load(self, conversation_id: str) -> PendingRequest | None:
        return await asyncio.to_thread(self._pending.load, conversation_id)

    def _open(self, conversation_id: str, request: PendingRequest) -> RequestCompletion:
        opened = self._cases.open_case(
            RequestType(request.kind),
            request.email,
            request.language,
            request.channel,
            details=request.details,
            conversation_id=conversation_id,
            received_at=request.received_at,
        )
        return RequestCompletion(CompletionStatus.OPENED, case=opened.case, duplicate=opened.duplicate)

    def _consent_lookup(self, conversation_id: str, request: PendingRequest) -> RequestCompletion:
        if self._consents is None:
            return RequestCompletion(CompletionStatus.CONSENTS_FOUND)
        service, sessions = self._consents
        subject = service.pseudonym(request.email)
        sessions.grant(conversation_id, subject, request.email)
        return RequestCompletion(CompletionStatus.CONSENTS_FOUND, consents=service.records_managed_by(subject))

    def _give_consent(self, conversation_id: str, request: PendingRequest) -> RequestCompletion:
        """Record the consent under the verified address; a minor's waits for (or informs) a guardian."""
        if self._consents is None:
            return RequestCompletion(CompletionStatus.NO_REQUEST)
        service, sessions = self._consents
        try:
            age = youngest_age(int(request.details.get("birth_year") or ""), self._clock().date())
            purpose_id = request.details["purpose"]
            service.purpose(purpose_id)
        except (ValueError, KeyError, ImplausibleBirth, ConsentError):
            return RequestCompletion(CompletionStatus.NO_REQUEST)  # the dialogue lost a detail: start again
        subject = service.pseudonym(request.email)
        # The controller's reference for the child (asked in the chat when the guardian register decides).
        child_reference = normalise_child_reference(request.details.get("reference") or "")
        view = service.give(subject, purpose_id, request.language, request.channel, age, conversation_id,
                            child_reference)
        sessions.grant(conversation_id, subject, request.email)  # so this chat can see, withdraw, get a receipt
        invitation = None
        if self._invitations is not None and view.rule is not ConsentRule.SELF:
            intent = InvitationIntent.APPROVE if view.rule.needs_guardian else InvitationIntent.INFORM
            invitation = self._invitations.issue(view.record_id, intent, request.language, conversation_id,
                                                 self._childs_own_keys(conversation_id, request, subject),
                                                 child_reference)
        return RequestCompletion(CompletionStatus.CONSENT_RECORDED, consents=[view], invitation=invitation)

    async def _inform_guardian(self, conversation_id: str, request: PendingRequest,
                               completion: RequestCompletion) -> RequestCompletion:
        """16-17: when the young person gave the guardian's address, Vern sends the information notice itself,
        with the guardian link to acknowledge it. Never to one of the young person's own addresses."""
        address = guardian_address_in(request.details)
        if (address is None or self._consents is None or completion.invitation is None or not completion.consents
                or completion.consents[0].rule is not ConsentRule.CHILD_GUARDIAN_INFORMED):
            return completion
        service = self._consents[0]
        view = completion.consents[0]
        own = await asyncio.to_thread(self._childs_own_keys, conversation_id, request, service.pseudonym(request.email))
        if service.pseudonym(address) in own:
            return completion  # the link is given instead; the young person's own address informs nobody
        from bot.consent.links import guardian_links
        from bot.consent.purposes import notice_text

        purpose = service.purpose(view.purpose_id)
        link = guardian_links(self._settings, completion.invitation).web
        mail = templates.guardian_informed(address, notice_text(purpose, request.language), link, request.language,
                                           settings=self._settings)
        try:
            await self._mailer.send(mail)
        except MailError as error:
            logger.warning("guardian not informed by e-mail (%s)", type(error).__name__)
            return completion
        await asyncio.to_thread(service.mark_guardian_informed, view.record_id, None, None, "email-notice")
        return dataclasses.replace(completion, guardian_mailed=True)

    def _childs_own_keys(self, conversation_id: str, request: PendingRequest, subject: str) -> set[str]:
        """Who may not answer as the guardian: the child's verified address, every address this chat asked a
        code for, and the Telegram account the chat came from (Rasa's Telegram channel names a private chat
        by the account's id)."""
        assert self._consents is not None
        keys = {subject}
        if self._chat_addresses is not None:
            try:
                keys.update(self._chat_addresses.keys(conversation_id))
            except StoreUnavailable:
                logger.warning("addresses of the chat unavailable; the verified one is still excluded")
        if request.channel == "telegram":
            keys.add(self._consents[0].pseudonym(f"telegram:{conversation_id}"))
        return keys

    def _status(self, request: PendingRequest) -> RequestCompletion:
        reference = request.details.get("reference")
        if reference:
            found = self._cases.get_by_reference(reference.upper(), request.email)
            cases = [found] if found is not None else []
        else:
            cases = self._cases.cases_for_subject(self._cases.subject_key(request.email))
        return RequestCompletion(CompletionStatus.STATUS_FOUND, cases=cases)

    async def _send_receipt(self, request: PendingRequest, completion: RequestCompletion) -> RequestCompletion:
        case = completion.case
        assert case is not None
        mail = templates.case_received(
            request.email, case.reference, case.deadline, case.request_type.value, request.language,
            settings=self._settings,
        )
        try:
            await self._mailer.send(mail)
        except MailError as error:
            # The case stands; the person is told in the chat and gets the reference there.
            logger.warning("receipt for case %s not delivered (%s)", case.reference, type(error).__name__)
            return RequestCompletion(completion.status, case=case, duplicate=completion.duplicate)
        return RequestCompletion(completion.status, case=case, duplicate=completion.duplicate, receipt_sent=True)
