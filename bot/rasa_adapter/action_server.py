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
import json
import logging
import zlib

from rasa_sdk import utils as sdk_utils
from rasa_sdk.interfaces import ActionExecutionRejection, ActionNotFoundException
from sanic import Sanic, response
from sanic.request import Request
from sanic.response import HTTPResponse

from bot.config import Settings, get_settings
from bot.rasa_adapter.action_errors import GuardedExecutor

logger = logging.getLogger(__name__)

SECRET_HEADER = "X-Vern-Action-Secret"  # noqa: S105 - a header name, not a secret
OPEN_PATHS = frozenset({"/health"})


def secret_matches(presented: str | None, expected: str) -> bool:
    if not presented or not expected:
        return False
    return hmac.compare_digest(presented.encode("utf-8", "replace"), expected.encode("utf-8"))


def well_formed_action_call(body: bytes) -> bool:
    """The shape rasa-sdk relies on: an action name, and a tracker whose parts have the types it indexes by."""
    try:
        call = json.loads(body)
    except (ValueError, RecursionError):
        return False
    if not isinstance(call, dict) or not isinstance(call.get("next_action"), str):
        return False
    if not isinstance(call.get("version", ""), str) or not isinstance(call.get("sender_id", ""), str):
        return False
    tracker = call.get("tracker")
    if not isinstance(tracker, dict) or not isinstance(tracker.get("sender_id"), str):
        return False
    expected_types: dict[str, type | tuple[type, ...]] = {
        "slots": dict, "latest_message": dict, "events": list, "active_loop": dict, "latest_action": dict,
        "followup_action": str, "latest_event_time": (int, float), "paused": bool, "latest_input_channel": str,
    }
    for key, kind in expected_types.items():
        if tracker.get(key) is not None and not isinstance(tracker[key], kind):
            return False
    if not all(isinstance(event, dict) for event in tracker.get("events") or []):
        return False
    return isinstance(call.get("domain", {}), dict)


def action_endpoint(package: str, default_language: str, name: str = "vern_actions") -> Sanic:
    """rasa-sdk's endpoint (/health, /webhook, /actions) around Vern's executor, which turns an action's
    failure into the person's words (bot.rasa_adapter.action_errors) instead of an HTTP 500 and silence."""
    app = Sanic(name, configure_logging=False)
    executor = GuardedExecutor(default_language)
    executor.register_package(package)

    @app.get("/health")
    async def health(_request: Request) -> HTTPResponse:
        return response.json({"status": "ok"})

    @app.post("/webhook")
    async def webhook(request: Request) -> HTTPResponse:
        body = request.body
        if request.headers.get("Content-Encoding") == "deflate":
            body = zlib.decompress(body)
        action_call = json.loads(body)
        sdk_utils.check_version_compatibility(action_call.get("version"))
        try:
            result = await executor.run(action_call)
        except ActionExecutionRejection as rejection:
            return response.json({"error": rejection.message, "action_name": rejection.action_name}, status=400)
        except ActionNotFoundException as unknown:
            logger.error("Unknown action requested")
            return response.json({"error": unknown.message, "action_name": unknown.action_name}, status=404)
        return response.json(result)

    @app.get("/actions")
    async def actions(_request: Request) -> HTTPResponse:
        return response.json([{"name": name} for name in executor.actions])

    return app


def create_action_app(settings: Settings | None = None, package: str = "actions") -> Sanic:
    settings = settings or get_settings()
    app = action_endpoint(package, settings.default_language)
    expected = settings.action_server_secret.reveal()

    @app.on_request
    async def require_shared_secret(request: Request) -> HTTPResponse | None:
        if request.path in OPEN_PATHS:
            return None
        if not secret_matches(request.headers.get(SECRET_HEADER), expected):
            logger.warning("Action server refused a request without the shared secret")
            return response.json({"error": "unauthorised"}, status=401)
        if request.path == "/webhook" and request.method == "POST" and not well_formed_action_call(request.body):
            # rasa-sdk indexes into the call unchecked; a malformed one is the caller's error, not a crash.
            return response.json({"error": "malformed action call"}, status=400)
        return None

    async def plain_error(_request: Request, exception: Exception) -> HTTPResponse:
        status = getattr(exception, "status_code", 500) or 500
        if status >= 500:
            logger.error("Action failed (%s)", type(exception).__name__)
        return response.json({"error": type(exception).__name__}, status=status)

    app.error_handler.add(Exception, plain_error)
    return app


def check_knowledge(settings: Settings) -> None:
    """Refuse to start with a knowledge base that would leave a citizen's question half answered."""
    from bot.knowledge import KnowledgeError, load_knowledge

    try:
        load_knowledge(settings)
    except KnowledgeError as error:
        raise SystemExit(f"Vern configuration error: {error}") from None


def serve(settings: Settings | None = None) -> None:
    settings = settings or get_settings()
    from bot.logs import configure_logging

    configure_logging(settings.log_level)
    check_knowledge(settings)
    app = create_action_app(settings)
    logger.info("Action server listening on %s:%s", settings.host, settings.action_port)
    app.run(host=settings.host, port=settings.action_port, workers=1, access_log=False, motd=False)
