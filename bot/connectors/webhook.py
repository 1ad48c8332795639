"""The signed webhook connector: pushes a verified case to the controller's system.

JSON over HTTPS, signed with HMAC-SHA256 (bot.connectors.signing), with an
Idempotency-Key so a retried push is recognised, and retries with back-off on
network errors, 429 and 5xx. A 4xx other than 429 is the receiver saying no:
not retried, logged, and the case stays for a caseworker."""

from __future__ import annotations

import asyncio
import json
import logging
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from typing import Any
from urllib.parse import urlsplit

import aiohttp

from bot.connectors.signing import IDEMPOTENCY_HEADER, SIGNATURE_HEADER, sign

logger = logging.getLogger(__name__)
Sleep = Callable[[float], Awaitable[None]]


@dataclass(frozen=True)
class PushResult:
    delivered: bool
    attempts: int
    status: int | None = None


class WebhookConnector:
    def __init__(
        self, url: str, secret: bytes, clock: Callable[[], float], *, attempts: int = 5,
        first_delay: float = 0.5, sleep: Sleep = asyncio.sleep, timeout: float = 10,
    ) -> None:
        self._url = url
        self._path = urlsplit(url).path or "/"  # signed, so a push cannot be replayed to another endpoint
        self._secret = secret
        self._clock = clock
        self._attempts = attempts
        self._first_delay = first_delay
        self._sleep = sleep
        self._timeout = timeout

    async def push(self, event: str, idempotency_key: str, payload: dict[str, Any]) -> PushResult:
        body = json.dumps({"event": event, **payload}, sort_keys=True, ensure_ascii=False).encode("utf-8")
        status: int | None = None
        delay = self._first_delay
        for attempt in range(1, self._attempts + 1):
            headers = {
                "Content-Type": "application/json",
                SIGNATURE_HEADER: sign(self._secret, body, int(self._clock()), method="POST", path=self._path),
                IDEMPOTENCY_HEADER: idempotency_key,
            }
            try:
                timeout = aiohttp.ClientTimeout(total=self._timeout)
                async with aiohttp.ClientSession(timeout=timeout) as session, session.post(
                    self._url, data=body, headers=headers
                ) as response:
                    status = response.status
            except (aiohttp.ClientError, asyncio.TimeoutError) as error:
                logger.warning("case push attempt %d failed (%s)", attempt, type(error).__name__)
                status = None
            if status is not None and 200 <= status < 300:
                return PushResult(True, attempt, status)
            if status is not None and 400 <= status < 500 and status != 429:
                logger.error("case push refused by the receiver (HTTP %d)", status)
                return PushResult(False, attempt, status)
            if attempt < self._attempts:
                await self._sleep(delay)
                delay *= 2
        logger.error("case push gave up after %d attempts", self._attempts)
        return PushResult(False, self._attempts, status)


def case_payload(case: Any, email: str, details: dict[str, Any], recipients: list[str]) -> dict[str, Any]:
    """What the controller's system needs to act: the person's address to find them, and their request."""
    return {
        "case": {
            "reference": case.reference, "type": case.request_type.value, "article": case.request_type.article,
            "language": case.language, "status": case.status.value, "due": case.deadline.isoformat(),
        },
        "subject": {"email": email},
        "details": details,
        "notify_recipients": recipients,  # Art. 19
    }
