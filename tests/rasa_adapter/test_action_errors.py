"""An action that fails tells the person what that means for them, in their language, and nothing else.

Without Vern's executor rasa-sdk answers HTTP 500 and the person sees nothing at all."""

from __future__ import annotations

import asyncio
import logging
import time
from collections.abc import Iterator
from typing import Any

import aiohttp
import pytest

from bot.i18n import translate
from bot.rasa_adapter.action_server import action_endpoint
from tests.support.failing_actions import LEAKY_DETAIL
from tests.support.sanic_server import sanic_test_mode, served


@pytest.fixture(autouse=True)
def test_mode() -> Iterator[None]:
    with sanic_test_mode():
        yield


def run_action(name: str, language: str) -> tuple[int, dict[str, Any]]:
    app = action_endpoint("tests.support.failing_actions", "nb", name=f"failing_{time.monotonic_ns()}")
    call = {
        "next_action": name, "sender_id": "chat-1", "version": "3.6.21", "domain": {},
        "tracker": {"sender_id": "chat-1", "slots": {"language": language}, "latest_message": {}, "events": []},
    }

    async def go() -> tuple[int, dict[str, Any]]:
        async with served(app) as url, aiohttp.ClientSession() as http, \
                http.post(f"{url}/webhook", json=call) as answer:
            return answer.status, await answer.json()

    return asyncio.run(go())


@pytest.mark.parametrize(("action", "words", "language"), [
    ("action_test_not_found", "error_not_found", "nn"),
    ("action_test_unavailable", "service_unavailable", "da"),
    ("action_test_crash", "error_internal", "en"),
])
def test_a_failing_action_answers_in_the_chats_language_and_records_nothing(
        action: str, words: str, language: str) -> None:
    status, body = run_action(action, language)
    assert status == 200
    assert body["events"] == []
    assert [message["text"] for message in body["responses"]] == [translate(words, language)]


def test_an_unexpected_failure_leaks_nothing_to_the_person_or_the_log(caplog: pytest.LogCaptureFixture) -> None:
    with caplog.at_level(logging.DEBUG):
        status, body = run_action("action_test_crash", "nb")
    assert status == 200
    assert LEAKY_DETAIL not in str(body) and "Traceback" not in str(body)
    assert LEAKY_DETAIL not in caplog.text
    assert "action_test_crash failed (RuntimeError)" in caplog.text


def test_a_forms_rejection_is_still_rasas_to_handle() -> None:
    status, body = run_action("action_test_rejects", "nb")
    assert status == 400
    assert body["action_name"] == "action_test_rejects"
