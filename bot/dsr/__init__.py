"""Data-subject requests in chat: the request kinds, the server-side record of a
request waiting for its e-mail code, and the flow from "I want ..." to a case.

`RequestFlow` is what the actions call; it owns no dialogue and no words.
"""

from bot.dsr.flow import CompletionStatus, RequestCompletion, RequestFlow
from bot.dsr.kinds import STATUS_LOOKUP, RequestKind, kind_for_intent
from bot.dsr.pending import PendingRequest, PendingRequestStore

__all__ = [
    "STATUS_LOOKUP",
    "CompletionStatus",
    "PendingRequest",
    "PendingRequestStore",
    "RequestCompletion",
    "RequestFlow",
    "RequestKind",
    "kind_for_intent",
]
