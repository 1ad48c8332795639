"""Pushing a case to the controller's system: signed, idempotent, retried on the right failures only."""

from __future__ import annotations

import json
from collections.abc import Iterator

import pytest

from bot.connectors.signing import IDEMPOTENCY_HEADER, SIGNATURE_HEADER, verify
from bot.connectors.webhook import WebhookConnector
from tests.support.services import free_port
from tests.support.webhook import WebhookReceiver

SECRET = b"connector-secret-0123456789"
NOW = 1_800_000_000.0


async def no_wait(_seconds: float) -> None:
    return None


@pytest.fixture
def receiver() -> Iterator[WebhookReceiver]:
    server = WebhookReceiver().start()
    yield server
    server.stop()


def connector(url: str, attempts: int = 4) -> WebhookConnector:
    return WebhookConnector(url, SECRET, lambda: NOW, attempts=attempts, sleep=no_wait, timeout=5)


async def test_a_push_is_signed_and_carries_the_case(receiver: WebhookReceiver) -> None:
    result = await connector(receiver.url).push("case.verified", "VRN-AAAA-BB:verified", {"case": {"x": 1}})
    assert result.delivered and result.attempts == 1
    (request,) = receiver.received
    assert verify(SECRET, request.body, request.headers[SIGNATURE_HEADER], NOW, method="POST", path="/vern/cases")
    assert request.headers[IDEMPOTENCY_HEADER] == "VRN-AAAA-BB:verified"
    assert json.loads(request.body) == {"event": "case.verified", "case": {"x": 1}}


async def test_server_errors_are_retried_with_the_same_idempotency_key(receiver: WebhookReceiver) -> None:
    receiver.statuses = [503, 429, 200]
    result = await connector(receiver.url).push("case.verified", "k-1", {})
    assert result.delivered and result.attempts == 3
    assert {r.headers[IDEMPOTENCY_HEADER] for r in receiver.received} == {"k-1"}


async def test_a_refusal_is_not_retried(receiver: WebhookReceiver) -> None:
    receiver.statuses = [400]
    result = await connector(receiver.url).push("case.verified", "k-2", {})
    assert not result.delivered and result.attempts == 1 and result.status == 400


async def test_an_unreachable_receiver_is_tried_until_the_limit() -> None:
    result = await connector(f"http://127.0.0.1:{free_port()}/x", attempts=3).push("case.verified", "k-3", {})
    assert not result.delivered and result.attempts == 3 and result.status is None
