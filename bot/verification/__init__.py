"""Identity checks by a one-time code sent to an e-mail address (for data-subject requests).

`VerificationService` issues and checks codes; `store` keeps the short-lived
state (Redis, or memory for the single-process default; bot.wiring holds the
process's one); delivery is the caller's `CodeSender`.
"""

from bot.verification.errors import StoreUnavailable, VerificationConfigError, VerificationError
from bot.verification.results import (
    CodeCheckResult,
    CodeCheckStatus,
    CodeRequestResult,
    CodeRequestStatus,
    CodeSender,
    RateLimitScope,
)
from bot.verification.service import VerificationService
from bot.verification.store import (
    MemoryShortLivedStore,
    RedisShortLivedStore,
    ShortLivedStore,
    new_store,
)

__all__ = [
    "CodeCheckResult",
    "CodeCheckStatus",
    "CodeRequestResult",
    "CodeRequestStatus",
    "CodeSender",
    "MemoryShortLivedStore",
    "RateLimitScope",
    "RedisShortLivedStore",
    "ShortLivedStore",
    "StoreUnavailable",
    "VerificationConfigError",
    "VerificationError",
    "VerificationService",
    "new_store",
]
