"""The words and JSON a chat client gets when a message cannot be handled."""

from __future__ import annotations

from typing import Any

from bot.config import Settings
from bot.i18n import translate
from bot.language import decide_language


def chat_error_body(settings: Settings, code: str, sender: str | None, text: str = "") -> dict[str, Any]:
    """`code` is a bot.i18n key such as "error_unavailable"; the reply is in the
    language the message was written in (the default language when unknown)."""
    language = (
        decide_language(text, None, settings.languages, settings.default_language).language
        if text
        else settings.default_language
    )
    words = translate(code, language, limit=settings.max_message_chars)
    body: dict[str, Any] = {"error": code.removeprefix("error_"), "message": words}
    if sender:
        # Chat clients render bot messages; give them one they can show as is.
        body["messages"] = [{"recipient_id": sender, "text": words}]
    return body
