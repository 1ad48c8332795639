"""What the socket.io channel sends: plain Rasa messages for people, Vern's extras as custom messages.

Every word a person must read goes out as stock Rasa 3.6 sends it (`{"text"}`,
or `{"text", "quick_replies"}`), so rasa-webchat and any client written
against Rasa's documented protocol shows it. Vern's own widget needs a few
extras (the masked echo, error codes, the caseworker marker, "clear your
transcript"); they travel as `{"custom": {"vern": <kind>, ...}}` messages, which
rasa-webchat ignores (it renders only the keys above) and other clients may
ignore too: nothing a person needs depends on them.
"""

from __future__ import annotations

from typing import Any

from rasa.core.channels.socketio import SocketIOOutput
from socketio import AsyncServer

VERN = "vern"  # the key naming a Vern extra inside a custom message
# Kinds of extras, read by Vern's widget (bot/web/static/widget.js).
NEXT = "next"  # says what the next text message is ("as": warning, error or caseworker), so it is shown so
CLEAR_TRANSCRIPT = "clear_transcript"  # "forget this chat": drop the transcript this tab keeps


def vern_extra(kind: str, **fields: Any) -> dict[str, Any]:
    return {"custom": {VERN: kind, **fields}}


def next_is(what: str, **fields: Any) -> dict[str, Any]:
    """The marker sent just before a plain text message that Vern's widget shows differently."""
    return vern_extra(NEXT, **{"as": what}, **fields)


def plain_messages(message: dict[str, Any]) -> list[dict[str, Any]]:
    """One bot response as stock Rasa's socket.io output splits it: buttons become `quick_replies`
    on the last paragraph, every other paragraph is its own `{"text"}`."""
    text = str(message.get("text") or "").strip()
    buttons = message.get("buttons") or message.get("quick_replies") or []
    if not text:
        return []
    parts = [part for part in text.split("\n\n") if part.strip()] or [text]
    out: list[dict[str, Any]] = [{"text": part} for part in parts]
    if buttons:
        out[-1]["quick_replies"] = [
            {"content_type": "text", "title": b.get("title", ""), "payload": b.get("payload", "")} for b in buttons
        ]
    return out


def custom_message(custom: dict[str, Any]) -> dict[str, Any]:
    """A custom payload as stock `send_custom_json` emits it: `{"data": X}` goes out as X; Vern's own
    payloads (which have no "data") go out wrapped as `{"custom": ...}` so no client takes them for text."""
    if "data" in custom:
        data = custom["data"]
        return data if isinstance(data, dict) else {"custom": data}
    if custom.get("from") == "caseworker":
        return next_is("caseworker")
    return {"custom": dict(custom)}


def socket_messages(message: dict[str, Any]) -> list[dict[str, Any]]:
    """A collected reply (Rasa's dict with text, buttons, custom) as the socket messages to emit, in order.

    A caseworker's marker goes before each text it marks, so Vern's widget knows whose words arrive next."""
    custom = message.get("custom")
    extra = custom_message(custom) if isinstance(custom, dict) else None
    marker = extra.get("custom") if extra is not None else None
    if extra is not None and isinstance(marker, dict) and marker.get(VERN) == NEXT:
        return [part for text in plain_messages(message) for part in (extra, text)]
    return plain_messages(message) + ([extra] if extra is not None else [])


class VernSocketOutput(SocketIOOutput):
    """Rasa's socket.io output, emitting to the session's room, with Vern's extras kept out of the text.

    Used for replies to intents triggered from outside a turn (`trigger_intent … output_channel=latest`:
    a caseworker's words, the handoff notice, a guardian's answer), exactly where stock Rasa 3.6 sends them."""

    def __init__(self, sio: AsyncServer, bot_message_evt: str, namespace: str | None = None) -> None:
        super().__init__(sio, bot_message_evt)
        self._namespace = namespace

    async def _send_message(self, socket_id: str, response: Any) -> None:
        await self.sio.emit(self.bot_message_evt, response, room=socket_id, namespace=self._namespace)

    async def send_response(self, recipient_id: str, message: dict[str, Any]) -> None:
        if message.get("image") or message.get("attachment") or message.get("elements"):
            await super().send_response(recipient_id, message)
            return
        for part in socket_messages(message):
            await self._send_message(recipient_id, part)

    async def send_custom_json(self, recipient_id: str, json_message: dict[str, Any], **kwargs: Any) -> None:
        await self._send_message(recipient_id, custom_message(json_message))
