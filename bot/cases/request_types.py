"""The data-subject rights a case can be about, and what their details hold.

`Case.details` is a JSON object whose keys depend on the type. It may hold
personal data (a wrong value and its correction, the reason for an
objection), which is why it lives only on the case row and goes with it on
erasure. Expected keys, all optional at this layer (the dialogue asks):

- access (Art. 15): `scope` - everything, or which processing / period.
- rectification (Art. 16): `what_is_wrong`, `correct_value`.
- erasure (Art. 17): `ground` - which Art. 17(1) ground the subject relies on; `scope`.
- restriction (Art. 18): `ground` - which Art. 18(1) case applies; `scope`.
- portability (Art. 20): `scope`, `format`.
- objection (Art. 21): `ground` - the subject's particular situation; `processing`.
"""

from __future__ import annotations

from enum import Enum

from bot.cases.errors import UnknownRequestType


class RequestType(str, Enum):
    ACCESS = "access"
    RECTIFICATION = "rectification"
    ERASURE = "erasure"
    RESTRICTION = "restriction"
    PORTABILITY = "portability"
    OBJECTION = "objection"

    @property
    def article(self) -> int:
        return _ARTICLES[self]

    @classmethod
    def parse(cls, value: str | RequestType) -> RequestType:
        try:
            return cls(value)
        except ValueError:
            expected = ", ".join(t.value for t in cls)
            raise UnknownRequestType(f"unknown request type; expected one of {expected}") from None


_ARTICLES = {
    RequestType.ACCESS: 15,
    RequestType.RECTIFICATION: 16,
    RequestType.ERASURE: 17,
    RequestType.RESTRICTION: 18,
    RequestType.PORTABILITY: 20,
    RequestType.OBJECTION: 21,
}

# Art. 19: recipients are told of rectification, erasure and restriction only.
NOTIFY_RECIPIENTS = frozenset({RequestType.RECTIFICATION, RequestType.ERASURE, RequestType.RESTRICTION})
