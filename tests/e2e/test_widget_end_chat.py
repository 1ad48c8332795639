"""Ending a chat from the widget starts the masking clock; tested over HTTP and in a real browser."""

from __future__ import annotations

import json
import uuid
from typing import Any

from sqlalchemy import text

from bot.db.engine import create_db_engine
from bot.i18n import translate
from tests.support.services import postgres_url
from tests.support.stack import VernStack, http, post_json


def conversation(sender: str) -> Any:
    engine = create_db_engine(postgres_url())
    try:
        with engine.connect() as connection:
            return connection.execute(
                text("SELECT ended_at, end_reason FROM conversations WHERE conversation_id = :c"), {"c": sender}
            ).one_or_none()
    finally:
        engine.dispose()


def test_end_chat_over_http_marks_the_chat_ended_in_its_language(stack: VernStack) -> None:
    sender = f"widget-{uuid.uuid4().hex}"
    opened = post_json(f"{stack.web_url}/api/chat", {"sender": sender, "message": "hei, eg lurer på kva de gjer"})
    assert opened.status == 200
    result = post_json(f"{stack.web_url}/api/chat/end", {"sender": sender})
    assert result.status == 200
    assert result.body == {"ended": True, "text": translate("chat_ended", "nn", minutes=15)}
    row = conversation(sender)
    assert row is not None and row.ended_at is not None and row.end_reason == "widget"


def test_end_chat_refuses_a_malformed_request(stack: VernStack) -> None:
    for body in (b"not json", json.dumps({"sender": "../../x y"}).encode(), b"{}"):
        result = http("POST", f"{stack.web_url}/api/chat/end", body, {"Content-Type": "application/json"})
        assert result.status == 400 and "Traceback" not in result.raw.decode()


def test_the_widget_chats_and_ends_the_chat_in_a_real_browser(stack: VernStack, page: Any) -> None:
    page.goto(stack.web_url + "/")
    page.fill("#vern-input", "hi, what can you do?")
    page.press("#vern-input", "Enter")
    page.wait_for_selector('[data-who="bot"]', timeout=30_000)
    sender = page.evaluate("sessionStorage.getItem('vern.sender')")
    assert sender

    page.click('[data-testid="vern-end"]')
    ended = translate("chat_ended", "en", minutes=15)
    page.wait_for_selector(f'text="{ended}"', timeout=30_000)
    assert page.evaluate("sessionStorage.getItem('vern.sender')") is None, "the next message starts a new chat"
    row = conversation(sender)
    assert row is not None and row.end_reason == "widget"
