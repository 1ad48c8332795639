"""Data-subject requests in chat: the request kinds, the server-side record of a
request waiting for its e-mail code, and the flow from "I want ..." to a case.

`RequestFlow` (bot.dsr.flow) is what the actions call; it owns no dialogue and no words. It is not re-exported
here: the flow reaches fulfilment and erasure, and erasure reads the pending-request store of this package, so
importing the package must not import the flow (tests/test_import_cycles.py).
"""

from bot.dsr.kinds import STATUS_LOOKUP, RequestKind, kind_for_intent
from bot.dsr.pending import PendingRequest, PendingRequestStore

__all__ = [
    "STATUS_LOOKUP",
    "PendingRequest",
    "PendingRequestStore",
    "RequestKind",
    "kind_for_intent",
]
