"""Proving that a person controls an e-mail address with a one-time code.

A proportionate identity check for data-subject requests (EDPB Guidelines
01/2022 on the right of access, section 3.3: ask for no more than is needed,
and an e-mail round trip is enough when the address is how we reach them).
It is not a login: a success is remembered for one request of one
conversation for a short while, server-side. Actions ask `is_verified`;
they never trust a slot, which the person's client can set.

The service never looks the address up (case register, directory, anything):
a request for an address Vern knows and for one it has never seen take the
same steps, so the reply and its timing cannot tell which it was.
"""

from __future__ import annotations

import asyncio
import hmac
import logging
import math
import secrets
from collections.abc import Callable
from datetime import timedelta
from typing import Any, TypeVar

from bot.clock import Clock
from bot.verification.codes import MIN_SECRET_KEY_BYTES, Keyring, new_code, normalise_entry
from bot.verification.errors import StoreUnavailable, VerificationConfigError
from bot.verification.results import (
    CodeCheckResult,
    CodeCheckStatus,
    CodeRequestResult,
    CodeRequestStatus,
    CodeSender,
    RateLimitScope,
)
from bot.verification.store import EXPIRES_AT, FAILURES, TOKEN, AttemptKind, Put, ShortLivedStore, Window

logger = logging.getLogger(__name__)
T = TypeVar("T")
HOUR = 3600.0
# A late entry should hear "expired", not "no code": the record outlives its validity by this much.
EXPIRED_GRACE_SECONDS = 600.0
# Two looks are enough unless the record is replaced again and again under us.
_MAX_LOOKS = 3


def _seconds(value: float | timedelta) -> float:
    return value.total_seconds() if isinstance(value, timedelta) else float(value)


class VerificationService:
    def __init__(
        self,
        store: ShortLivedStore,
        sender: CodeSender,
        clock: Clock,
        secret_key: bytes,
        *,
        code_ttl: float | timedelta = 600,
        max_wrong: int = 5,
        resend_cooldown: float | timedelta = 60,
        max_codes_per_address_per_hour: int = 5,
        max_codes_per_conversation_per_hour: int = 5,
        max_codes_per_asker_per_address_per_hour: int = 3,
        verified_ttl: float | timedelta = 1800,
    ) -> None:
        if len(secret_key) < MIN_SECRET_KEY_BYTES:
            raise VerificationConfigError(f"the secret key needs at least {MIN_SECRET_KEY_BYTES} bytes")
        if min(max_wrong, max_codes_per_address_per_hour, max_codes_per_conversation_per_hour,
               max_codes_per_asker_per_address_per_hour) < 1:
            raise VerificationConfigError("attempt and hourly limits must be at least 1")
        self._store = store
        self._sender = sender
        self._clock = clock
        self._keys = Keyring(secret_key)
        self._code_ttl = _seconds(code_ttl)
        self._max_wrong = max_wrong
        self._cooldown = _seconds(resend_cooldown)
        self._per_address = max_codes_per_address_per_hour
        self._per_conversation = max_codes_per_conversation_per_hour
        self._per_asker = max_codes_per_asker_per_address_per_hour
        self._verified_ttl = _seconds(verified_ttl)

    # Key layout, relative to the store's prefix: everything of a conversation
    # sits under "c:<tag>:" so `clear` finds it; the address window under "a:<tag>:".
    def _conversation(self, conversation_id: str) -> str:
        return f"c:{self._keys.conversation_tag(conversation_id)}:"

    def _request_key(self, kind: str, conversation_id: str, request_id: str) -> str:
        return f"{self._conversation(conversation_id)}{kind}:{self._keys.request_tag(conversation_id, request_id)}"

    def _now(self) -> float:
        return self._clock().timestamp()

    async def _call(self, operation: Callable[..., T], *args: Any, **kwargs: Any) -> T:
        # The stores block (redis-py, a threading lock). In a worker thread a slow
        # Redis does not stall every other chat on the event loop; it also makes
        # simultaneous checks truly simultaneous, which is why the atomicity
        # lives in the store (Lua, lock) and not here.
        return await asyncio.to_thread(operation, *args, **kwargs)

    def _windows(self, conversation_id: str, request_id: str, email: str,
                 client: str | None) -> list[tuple[Window, RateLimitScope | None]]:
        """The limits a code request must fit in, each with whose budget it is.

        The address's cap stops inbox flooding, but alone it let anyone spend a
        person's codes from throwaway chats. So whoever asks (a client, when the
        channel knows it, and always the chat) may spend only part of one
        address's budget; the rest stays for the person. Order matters: the
        asker's own limits are reported before the address's (that is the truth
        the asker can act on), and every hourly one before the cooldown, so
        nobody waits out a minute only to hear "not this hour"."""
        address = self._keys.address_tag(email)
        conversation = self._conversation(conversation_id)
        windows: list[tuple[Window, RateLimitScope | None]] = []
        if client:
            windows.append((Window(f"k:{self._keys.client_tag(client)}:{address}", self._per_asker, HOUR),
                            RateLimitScope.CLIENT))
        windows += [
            (Window(f"{conversation}a:{address}", self._per_asker, HOUR), RateLimitScope.CHAT),
            (Window(f"{conversation}sent", self._per_conversation, HOUR), RateLimitScope.CHAT),  # one chat spraying
            (Window(f"a:{address}:sent", self._per_address, HOUR), RateLimitScope.ADDRESS),  # inbox flooding
            (Window(self._request_key("cooldown", conversation_id, request_id), 1, self._cooldown), None),
        ]
        return windows

    async def request_code(
        self, conversation_id: str, request_id: str, email: str, language: str, *, client: str | None = None
    ) -> CodeRequestResult:
        """Send a code within the limits. `client` names where the request came from (an IP address, as the
        channel saw it), when the channel knows; it is kept only as a keyed tag."""
        now = self._now()
        scoped = self._windows(conversation_id, request_id, email, client)
        windows = [window for window, _ in scoped]
        member = secrets.token_hex(8)
        try:
            decision = await self._call(self._store.take_slots, windows, member, now)
        except StoreUnavailable:
            logger.warning("verification code not sent: store unavailable")
            return CodeRequestResult(CodeRequestStatus.UNAVAILABLE)
        if not decision.granted:
            wait = max(1, math.ceil(decision.retry_after_seconds))
            scope = scoped[decision.blocked_by or 0][1]
            if scope is None:
                return CodeRequestResult(CodeRequestStatus.COOLDOWN, retry_after_seconds=wait)
            logger.info("verification code not sent: hourly limit of the %s reached", scope.value)
            return CodeRequestResult(CodeRequestStatus.RATE_LIMITED, retry_after_seconds=wait, limited_by=scope)

        code = new_code()
        # Deliver first, store after: if delivery fails, the previous code of
        # this request stays valid and the slots are given back, so nothing is lost.
        try:
            await self._sender.send_code(email, code, language)
        except Exception as exc:
            # Class name only: a sender's message might quote the address.
            logger.warning("verification code not delivered (%s)", type(exc).__name__)
            try:
                await self._call(self._store.release_slots, [w.key for w in windows], member)
            except StoreUnavailable:
                logger.warning("could not give back rate-limit slots: store unavailable")
            return CodeRequestResult(CodeRequestStatus.DELIVERY_FAILED)

        record = {
            "digest": self._keys.code_digest(conversation_id, request_id, code),
            TOKEN: secrets.token_hex(16),  # tells this record from a later one for the same request
            EXPIRES_AT: repr(now + self._code_ttl),
            FAILURES: "0",
        }
        try:
            # Replaces (kills) the previous code of this request, wrong-entry count included.
            key = self._request_key("code", conversation_id, request_id)
            await self._call(self._store.put_record, key, record, self._code_ttl + EXPIRED_GRACE_SECONDS)
        except StoreUnavailable:
            # The mail went out but its code was not stored: it will not work. Say so rather than "sent".
            logger.warning("verification code sent but not stored: store unavailable")
            return CodeRequestResult(CodeRequestStatus.UNAVAILABLE)
        logger.info("verification code sent")
        return CodeRequestResult(CodeRequestStatus.SENT, valid_for_seconds=int(self._code_ttl))

    async def check_code(self, conversation_id: str, request_id: str, code: str) -> CodeCheckResult:
        now = self._now()
        entry = normalise_entry(code)
        # An entry that cannot be a code ("abc", five digits) burns an attempt like
        # any wrong code: it is still a guess from whoever holds the chat, and
        # treating it differently would only add a branch an attacker can probe.
        candidate = self._keys.code_digest(conversation_id, request_id, entry or "").encode()
        key = self._request_key("code", conversation_id, request_id)
        verified_mark = Put(
            self._request_key("verified", conversation_id, request_id), repr(now + self._verified_ttl),
            self._verified_ttl,
        )
        try:
            for _ in range(_MAX_LOOKS):
                record = await self._call(self._store.get_record, key)
                if record is None:
                    return CodeCheckResult(CodeCheckStatus.NO_CODE)
                right = entry is not None and hmac.compare_digest(record.get("digest", "").encode(), candidate)
                # The comparison above is only a hint: expiry, the attempt limit and
                # single use are decided atomically by the store, on the record we read.
                if right:
                    outcome = await self._call(
                        self._store.consume, key, record[TOKEN], now, self._max_wrong, then_put=verified_mark
                    )
                else:
                    outcome = await self._call(self._store.fail_once, key, record[TOKEN], now, self._max_wrong)
                if outcome.kind is not AttemptKind.GONE:
                    return self._check_result(outcome.kind, outcome.failures)
                # Used or replaced since we read it: look again.
        except StoreUnavailable:
            logger.warning("verification code not checked: store unavailable")
            return CodeCheckResult(CodeCheckStatus.UNAVAILABLE)
        return CodeCheckResult(CodeCheckStatus.NO_CODE)

    def _check_result(self, kind: AttemptKind, failures: int) -> CodeCheckResult:
        if kind is AttemptKind.CONSUMED:
            logger.info("identity check passed")
            return CodeCheckResult(CodeCheckStatus.VERIFIED)
        if kind is AttemptKind.EXPIRED:
            return CodeCheckResult(CodeCheckStatus.EXPIRED)
        if kind is AttemptKind.COUNTED and failures < self._max_wrong:
            return CodeCheckResult(CodeCheckStatus.WRONG, attempts_left=self._max_wrong - failures)
        # The wrong entry that reaches the limit already answers "locked": there is nothing left to try.
        logger.info("verification code locked after too many wrong entries")
        return CodeCheckResult(CodeCheckStatus.LOCKED)

    async def is_verified(self, conversation_id: str, request_id: str) -> bool:
        """Whether this request of this conversation passed the check recently.

        Raises `StoreUnavailable` rather than answering False when the store is
        down: both fail closed, but the caller can then say "try again later"
        instead of sending the person through a check that cannot work now.
        """
        mark = await self._call(self._store.get, self._request_key("verified", conversation_id, request_id))
        return mark is not None and self._now() < float(mark)

    async def clear(self, conversation_id: str) -> None:
        """Forget codes, marks and the conversation's window (erasure). Raises `StoreUnavailable`.

        The address window stays: it is not linked to the conversation, holds
        no address, and is what keeps that inbox from being flooded.
        """
        await self._call(self._store.delete_prefix, self._conversation(conversation_id))

    def clear_now(self, conversation_id: str) -> int:
        """`clear` for the erasure path, which runs in a worker thread; returns how many keys went."""
        return self._store.delete_prefix(self._conversation(conversation_id))
