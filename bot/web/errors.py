"""The one place where a failure in a web request becomes a status and the person's words.

Handlers catch what they can say better (a wrong code on the guardian page); anything else that escapes
a handler ends here: a bot.errors kind gets its status and words, anything unexpected a 500 with "something
went wrong on our side". Nobody gets a stack trace, and the log gets the type, never the request.
Programs get JSON (`error`, `message`); a browser asking for a page gets a short page in its language.
"""

from __future__ import annotations

import logging

from jinja2 import Environment
from sanic import Sanic, response
from sanic.exceptions import SanicException
from sanic.request import Request
from sanic.response import HTTPResponse

from bot.config import Settings
from bot.errors import Unavailable, VernError, http_status, words_key
from bot.i18n import translate
from bot.web.templates import page_templates, render

logger = logging.getLogger(__name__)

# Sanic's own failures (no such route, wrong method, body too large) by what the person is told.
SANIC_WORDS = {404: "error_not_found", 413: "error_message_too_long"}


def _words_and_status(error: Exception) -> tuple[str, int]:
    if isinstance(error, SanicException):
        status = int(getattr(error, "status_code", 500) or 500)
        if status >= 500:
            return "error_internal", status
        return SANIC_WORDS.get(status, "error_invalid"), status
    return words_key(error), http_status(error)


def _language(request: Request, settings: Settings) -> str:
    asked = request.args.get("lang") if request.args else None
    return asked if asked in settings.languages else settings.default_language


def _wants_page(request: Request) -> bool:
    return not request.path.startswith("/api/") and "text/html" in (request.headers.get("accept") or "")


def error_response(request: Request, error: Exception, settings: Settings,
                   templates: Environment | None = None) -> HTTPResponse:
    key, status = _words_and_status(error)
    if status >= 500 and not isinstance(error, Unavailable):
        logger.error("%s %s failed (%s)", request.method, request.route.name if request.route else "?",
                     type(error).__name__)
    elif isinstance(error, VernError):
        logger.info("%s refused (%s)", request.method, type(error).__name__)
    language = _language(request, settings)
    words = translate(key, language, limit=settings.max_message_chars)
    if _wants_page(request):
        page = render(templates or page_templates(), "error.html", language=language, words=words)
        return response.html(page, status=status)
    return response.json({"error": key.removeprefix("error_"), "message": words}, status=status)


def install_error_handler(app: Sanic, settings: Settings, templates: Environment | None = None) -> None:
    async def handle(request: Request, error: Exception) -> HTTPResponse:
        return error_response(request, error, settings, templates)

    app.error_handler.add(Exception, handle)


__all__ = ["error_response", "install_error_handler"]
