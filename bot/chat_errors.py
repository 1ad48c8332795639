"""The words and JSON a chat client gets when a message cannot be handled."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from bot.config import Settings
from bot.i18n import translate
from bot.language import decide_language

if TYPE_CHECKING:
    from sanic.response import HTTPResponse

# The response header that names the error for programs (monitoring, tests); people read the text message.
ERROR_HEADER = "X-Vern-Error"


def chat_error_words(settings: Settings, code: str, text: str = "") -> str:
    """`code` is a bot.i18n key such as "error_unavailable"; the words are in the
    language the message was written in (the default language when unknown)."""
    language = (
        decide_language(text, None, settings.languages, settings.default_language).language
        if text
        else settings.default_language
    )
    return translate(code, language, limit=settings.max_message_chars)


def chat_error_body(settings: Settings, code: str, sender: str | None, text: str = "") -> dict[str, Any]:
    """An error of Vern's own JSON endpoints (ending a chat, polling for updates), which answer objects."""
    words = chat_error_words(settings, code, text)
    body: dict[str, Any] = {"error": code.removeprefix("error_"), "message": words}
    if sender:
        # Chat clients render bot messages; give them one they can show as is.
        body["messages"] = [{"recipient_id": sender, "text": words}]
    return body


def chat_error_messages(settings: Settings, code: str, sender: str | None, text: str = "") -> list[dict[str, Any]]:
    """An error of a message endpoint, as the list of bot messages every Rasa REST client renders.

    The text message is what a person sees; the custom entry before it says, as on the socket, that the
    next message is an error and which one, for clients (Vern's widget) that mark it; others ignore it."""
    words = chat_error_words(settings, code, text)
    return [
        {"recipient_id": sender, "custom": {"vern": "next", "as": "error", "error": code}},
        {"recipient_id": sender, "text": words},
    ]


def chat_error_status(code: str, status: int, sender: str | None) -> int:
    """The HTTP status of a message endpoint's error.

    A request that names a valid sender is a person's turn: it answers 200 with the error as bot messages,
    as Rasa's REST channel answers every turn, because common REST widgets (jQuery's `error` callback, axios,
    `if (!response.ok)`) drop the body of a 4xx/5xx and the person would see nothing at all. The code is in
    the `X-Vern-Error` header and the custom entry. A request that is not a Rasa message at all (not JSON,
    no valid sender, a non-string message, oversized metadata or body) keeps its 4xx: no person typed it,
    and its developer should see it fail."""
    if sender and code != "error_bad_request":
        return 200
    return status


def chat_error_response(settings: Settings, code: str, status: int, sender: str | None,
                        text: str = "") -> HTTPResponse:
    """The sanic response of a message endpoint (Rasa's REST webhook, the web app's /api/chat) for an error."""
    from sanic import response

    return response.json(chat_error_messages(settings, code, sender, text),
                         status=chat_error_status(code, status, sender), headers={ERROR_HEADER: code})
