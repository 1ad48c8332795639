"""What a person can ask for in chat: one of the six rights, or the status of a case."""

from __future__ import annotations

from typing import Literal, Union

from bot.cases.request_types import RequestType

# Asking "what is the status of VRN-...?" also needs the e-mail code: a case
# reference alone must not reveal anything about someone else's request.
STATUS_LOOKUP: Literal["status"] = "status"
# "Which consents have I given?" / "I want to withdraw my consent": the same
# code proves the address the consents were given under.
CONSENT_LOOKUP: Literal["consents"] = "consents"
# "Jeg vil være med på videoopptak": the code proves the address the consent is recorded under.
GIVE_CONSENT: Literal["give_consent"] = "give_consent"
RequestKind = Union[RequestType, Literal["status"], Literal["consents"], Literal["give_consent"]]

_BY_INTENT: dict[str, RequestKind] = {
    "request_access": RequestType.ACCESS,
    "request_rectification": RequestType.RECTIFICATION,
    "request_erasure": RequestType.ERASURE,
    "request_restriction": RequestType.RESTRICTION,
    "request_portability": RequestType.PORTABILITY,
    "request_objection": RequestType.OBJECTION,
    "ask_status": STATUS_LOOKUP,
    "manage_consents": CONSENT_LOOKUP,
    "give_consent": GIVE_CONSENT,
}


def kind_for_intent(intent: str | None) -> RequestKind | None:
    return _BY_INTENT.get(intent or "")


def parse_kind(value: str) -> RequestKind:
    if value == STATUS_LOOKUP:
        return STATUS_LOOKUP
    if value == CONSENT_LOOKUP:
        return CONSENT_LOOKUP
    if value == GIVE_CONSENT:
        return GIVE_CONSENT
    return RequestType.parse(value)


def kind_value(kind: RequestKind) -> str:
    return kind if isinstance(kind, str) and not isinstance(kind, RequestType) else RequestType(kind).value
