"""The rasa-sdk action server, guarded by the shared secret from endpoints.yml.

Rasa sends `ACTION_SERVER_SECRET` in the `X-Vern-Action-Secret` header (see
endpoints.yml). Without it anyone who can reach port 5055 could run actions
such as "the code was right" on any conversation, so every route but /health
refuses requests that do not carry it. rasa-sdk's own error handler echoes the
whole request (the tracker, i.e. what people typed) back and into the log;
Vern's handler answers with the error type only.
"""

from __future__ import annotations

import hmac
import logging

from rasa_sdk.endpoint import create_app
from sanic import Sanic, response
from sanic.request import Request
from sanic.response import HTTPResponse

from bot.config import Settings, get_settings

logger = logging.getLogger(__name__)

SECRET_HEADER = "X-Vern-Action-Secret"  # noqa: S105 - a header name, not a secret
OPEN_PATHS = frozenset({"/health"})


def secret_matches(presented: str | None, expected: str) -> bool:
    if not presented or not expected:
        return False
    return hmac.compare_digest(presented.encode("utf-8", "replace"), expected.encode("utf-8"))


def create_action_app(settings: Settings | None = None, package: str = "actions") -> Sanic:
    settings = settings or get_settings()
    app = create_app(package, cors_origins=None)
    expected = settings.action_server_secret.reveal()

    @app.on_request
    async def require_shared_secret(request: Request) -> HTTPResponse | None:
        if request.path in OPEN_PATHS:
            return None
        if not secret_matches(request.headers.get(SECRET_HEADER), expected):
            logger.warning("Action server refused a request without the shared secret")
            return response.json({"error": "unauthorised"}, status=401)
        return None

    async def plain_error(_request: Request, exception: Exception) -> HTTPResponse:
        status = getattr(exception, "status_code", 500) or 500
        if status >= 500:
            logger.error("Action failed (%s)", type(exception).__name__)
        return response.json({"error": type(exception).__name__}, status=status)

    app.error_handler.add(Exception, plain_error)
    return app


def serve(settings: Settings | None = None) -> None:
    settings = settings or get_settings()
    from bot.logs import configure_logging

    configure_logging()
    app = create_action_app(settings)
    logger.info("Action server listening on %s:%s", settings.host, settings.action_port)
    app.run(host=settings.host, port=settings.action_port, workers=1, access_log=False, motd=False)
