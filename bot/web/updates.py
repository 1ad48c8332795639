"""Messages that reach a chat between the person's own turns (a guardian's answer, later a caseworker).

Rasa records them on the conversation like any reply, after an external
intent instead of a user message; the widget polls for them here. Only
replies to external intents are returned: everything else the widget
already got as the answer to its own message. bot.web.chat serves them to the widget; the socket channel
sends them itself."""

from __future__ import annotations

import asyncio
import json
import logging
from typing import Any

from bot.chat_input import SENDER_PATTERN

logger = logging.getLogger(__name__)
EXTERNAL_PREFIX = "EXTERNAL: "


def pushed_messages(events: list[dict[str, Any]], since: float) -> list[dict[str, Any]]:
    found: list[dict[str, Any]] = []
    external = False
    for event in events:
        kind = event.get("event")
        if kind == "user":
            external = str(event.get("text") or "").startswith(EXTERNAL_PREFIX)
        elif kind == "bot" and external and float(event.get("timestamp") or 0) > since:
            data = event.get("data") or {}
            if event.get("text"):
                custom = data.get("custom") or {}
                found.append({"text": event["text"], "buttons": data.get("buttons") or [],
                              "timestamp": event.get("timestamp"),
                              "from": "caseworker" if custom.get("from") == "caseworker" else "bot"})
    return found


def parse_updates_request(body: bytes) -> tuple[str, float] | None:
    """`{"sender": <chat id>, "since": <timestamp of the last message seen, or 0>}`."""
    try:
        parsed = json.loads(body)
        sender = parsed.get("sender")
        since = float(parsed.get("since") or 0)
    except (ValueError, AttributeError, TypeError, RecursionError):
        return None
    if not isinstance(sender, str) or not SENDER_PATTERN.fullmatch(sender):
        return None
    return sender, since


async def updates_reply(sender: str, events: list[dict[str, Any]], since: float) -> dict[str, Any]:
    """The pushed messages since `since`, and the handoff state when there is one (for both channels)."""
    reply: dict[str, Any] = {"messages": pushed_messages(events, since)}
    try:
        handoff = await asyncio.to_thread(handoff_state, sender)
    except Exception as error:  # noqa: BLE001 - the messages still go out; the state comes next poll
        logger.error("handoff state unavailable (%s)", type(error).__name__)
        handoff = None
    if handoff is not None:
        reply.update(handoff)
    return reply


def handoff_state(sender: str) -> dict[str, object] | None:
    """"waiting" in the queue, "taken" by a caseworker, or "ended": after a chat with a caseworker ends it
    is deleted; the widget hears so and starts afresh."""
    from bot.i18n import translate
    from bot.wiring import services

    service = services().handoff
    current = service.open_for(sender)
    if current is not None:
        return {"handoff": "waiting" if current.status == "waiting" else "taken"}
    last = service.last_for(sender)
    if last is None or last[0] != "ended":
        return None
    return {"handoff": "ended", "ended_text": translate("handoff_ended", last[1])}
