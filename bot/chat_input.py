"""Validation of what a chat client sends, before anything reaches Rasa.

Bad input gets a clear, typed rejection; nothing here raises on any byte string.
"""

from __future__ import annotations

import json
import re
import unicodedata
from dataclasses import dataclass, field
from typing import Any

# Sender ids are opaque handles chosen by the client (the widget uses a UUID);
# restricting them keeps them out of the way of log injection and key tricks.
SENDER_PATTERN = re.compile(r"[A-Za-z0-9_.:@-]{1,128}")
MAX_BODY_BYTES = 256 * 1024
# Metadata carries the widget's language choice; anything much bigger is not Vern's client, and
# whatever it holds reaches the tracker (masked, see bot.rasa_adapter.pii_guard), so it is bounded.
MAX_METADATA_CHARS = 2_000
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")


@dataclass(frozen=True)
class ChatMessage:
    sender: str
    text: str
    metadata: dict[str, Any] = field(default_factory=dict)


@dataclass(frozen=True)
class InputRejected:
    """`code` selects the words shown to the person (bot.i18n); `status` is the HTTP status."""

    code: str
    status: int
    sender: str | None = None
    text_for_language: str = ""


def clean_text(text: str) -> str:
    """NFC-normalise and drop control characters that no keyboard produces."""
    return _CONTROL.sub("", unicodedata.normalize("NFC", text)).strip()


def parse_chat_request(body: bytes, max_chars: int) -> ChatMessage | InputRejected:
    if len(body) > MAX_BODY_BYTES:
        return InputRejected("error_message_too_long", 413)
    try:
        decoded = body.decode("utf-8")
    except UnicodeDecodeError:
        return InputRejected("error_bad_request", 400)
    try:
        payload = json.loads(decoded)
    except (ValueError, RecursionError):
        return InputRejected("error_bad_request", 400)
    return parse_chat_payload(payload, max_chars)


def parse_chat_payload(payload: Any, max_chars: int) -> ChatMessage | InputRejected:
    """The checks of `parse_chat_request` on an already decoded message (the socket.io channel's)."""
    if not isinstance(payload, dict):
        return InputRejected("error_bad_request", 400)
    sender = payload.get("sender")
    message = payload.get("message")
    if not isinstance(sender, str) or not SENDER_PATTERN.fullmatch(sender):
        return InputRejected("error_bad_request", 400)
    if message is None:
        message = ""
    if not isinstance(message, str):
        return InputRejected("error_bad_request", 400, sender)
    text = clean_text(message)
    if not text:
        return InputRejected("error_empty_message", 400, sender)
    if len(text) > max_chars:
        return InputRejected("error_message_too_long", 413, sender, text[:max_chars])
    metadata = payload.get("metadata")
    if not isinstance(metadata, dict):
        metadata = {}
    elif len(json.dumps(metadata, ensure_ascii=False, default=str)) > MAX_METADATA_CHARS:
        return InputRejected("error_bad_request", 400, sender, text)
    return ChatMessage(sender=sender, text=text, metadata=metadata)
