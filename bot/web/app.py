"""Sanic app: the demo page, the widget's files and a same-origin chat endpoint.

The widget talks to `/api/chat` on this app, which forwards to Rasa's REST
channel; the page therefore needs no cross-origin requests and can run under
a strict Content-Security-Policy.
"""

from __future__ import annotations

import logging
from pathlib import Path
from typing import TYPE_CHECKING

import aiohttp
from sanic import Sanic, response
from sanic.request import Request
from sanic.response import HTTPResponse

from bot.chat_errors import ERROR_HEADER, chat_error_body, chat_error_response
from bot.chat_input import InputRejected, parse_chat_request
from bot.config import Settings, get_settings, origin_of
from bot.rasa_adapter.client_identity import client_tag, request_address, vouched_client
from bot.web.errors import install_error_handler
from bot.web.request_guard import form_problem, malformed_request_problem, refuse
from bot.web.static_files import StaticFiles

if TYPE_CHECKING:
    from bot.connectors.completion import CompletionReceiver
    from bot.consent.web import GuardianPages
    from bot.guardians.young_web import YoungObjectionPages

logger = logging.getLogger(__name__)

STATIC_DIR = Path(__file__).resolve().parent / "static"


def content_security_policy(settings: Settings) -> str:
    """Vern's own pages load nothing from elsewhere; they connect only to themselves and the chat socket."""
    socket_origin = origin_of(settings.chat_socket_url)
    socket_ws = "ws" + socket_origin[len("http"):] if socket_origin.startswith("http") else socket_origin
    return (
        "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
        f"connect-src 'self' {socket_origin} {socket_ws}; frame-ancestors 'self'; base-uri 'none'; "
        "form-action 'self'; object-src 'none'"
    )


def _error(settings: Settings, code: str, status: int, sender: str | None, text: str = "") -> HTTPResponse:
    return response.json(chat_error_body(settings, code, sender, text), status=status)


def create_web_app(settings: Settings | None = None, name: str = "vern_web") -> Sanic:
    settings = settings or get_settings()
    app = Sanic(name, configure_logging=False)
    app.config.REQUEST_MAX_SIZE = 1024 * 1024
    app.config.FALLBACK_ERROR_FORMAT = "json"
    install_error_handler(app, settings)
    rasa_webhook = settings.rasa_url.rstrip("/") + "/webhooks/rest/webhook"
    csp = content_security_policy(settings)
    widget_script = widget_bundle(settings)
    secret = settings.secret_key.reveal().encode()

    async def open_client(app_: Sanic, _loop: object) -> None:
        app_.ctx.http = aiohttp.ClientSession(timeout=aiohttp.ClientTimeout(total=60))

    async def close_client(app_: Sanic, _loop: object) -> None:
        await app_.ctx.http.close()

    app.register_listener(open_client, "before_server_start")
    app.register_listener(close_client, "after_server_stop")

    @app.on_request
    async def well_formed(request: Request) -> HTTPResponse | None:
        problem = malformed_request_problem(request)
        if problem is not None:
            return refuse(problem)
        # Sanic parses a form on first use and raises on a malformed one (multipart without a boundary);
        # parsed here, such a body is the sender's error, answered plainly, not a crash in a handler.
        content_type = request.content_type or ""
        if request.method == "POST" and content_type.startswith(("multipart/form-data",
                                                                  "application/x-www-form-urlencoded")):
            try:
                problem = form_problem(request)
            except Exception:  # noqa: BLE001
                problem = "malformed form"
            if problem is not None:
                return refuse(problem)
        return None

    @app.on_response
    async def security_headers(_request: Request, resp: HTTPResponse) -> None:
        resp.headers.setdefault("Content-Security-Policy", csp)
        resp.headers.setdefault("X-Content-Type-Options", "nosniff")
        resp.headers.setdefault("Referrer-Policy", "no-referrer")
        resp.headers.setdefault("Cache-Control", "no-store")

    @app.get("/")
    async def demo_page(_request: Request) -> HTTPResponse:
        return await response.file(STATIC_DIR / "index.html", mime_type="text/html; charset=utf-8")

    @app.get("/widget.js")
    async def widget(_request: Request) -> HTTPResponse:
        # What a municipality's page loads with one <script> tag: no personal data, so it may be cached briefly.
        return response.text(widget_script, content_type="application/javascript; charset=utf-8", headers={
            "Cache-Control": "public, max-age=300", "Cross-Origin-Resource-Policy": "cross-origin"})

    @app.get("/health")
    async def health(_request: Request) -> HTTPResponse:
        return response.json({"status": "ok"})

    @app.post("/api/chat")
    async def chat(request: Request) -> HTTPResponse:
        parsed = parse_chat_request(request.body or b"", settings.max_message_chars)
        if isinstance(parsed, InputRejected):
            return chat_error_response(settings, parsed.code, parsed.status, parsed.sender, parsed.text_for_language)
        # Rasa sees this app's address for every /api/chat client; the app vouches for the one it saw.
        payload = {"sender": parsed.sender, "message": parsed.text,
                   "metadata": vouched_client(secret, client_tag(secret, request_address(request)))}
        try:
            async with app.ctx.http.post(rasa_webhook, json=payload) as upstream:
                body = await upstream.json(content_type=None)
                error = upstream.headers.get(ERROR_HEADER)
                return response.json(body, status=upstream.status, headers={ERROR_HEADER: error} if error else None)
        except (aiohttp.ClientError, TimeoutError, ValueError) as error:
            logger.error("Rasa server unreachable from the web app (%s)", type(error).__name__)
            return chat_error_response(settings, "error_unavailable", 503, parsed.sender, parsed.text)

    @app.post("/api/chat/end")
    async def end_chat(request: Request) -> HTTPResponse:
        # The widget's "end chat": the annex's masking clock starts now.
        return await end_chat_response(settings, request.body or b"")

    @app.get("/download/<token:str>")
    async def download_page(_request: Request, token: str) -> HTTPResponse:
        # The link in the export e-mail. A GET (a mail scanner's too) only shows a button.
        from bot.fulfilment.web import confirmation_response

        return await confirmation_response(settings, token)

    @app.post("/download/<token:str>")
    async def download(_request: Request, token: str) -> HTTPResponse:
        # Single use: of all visits, one gets the file; the rest find nothing.
        from bot.fulfilment.web import download_response

        return await download_response(settings, token)

    @app.get("/young-objection/<token:str>")
    async def young_objection_page(_request: Request, token: str) -> HTTPResponse:
        # The link a 16-17-year-old is e-mailed when a guardian acts for them. A GET only shows a button.
        return await _young(app, settings).confirm(token)

    @app.post("/young-objection/<token:str>")
    async def young_objection(_request: Request, token: str) -> HTTPResponse:
        # The objection itself, recorded on the case once; a second click gets a plain page.
        return await _young(app, settings).record(token)

    @app.post("/api/cases/<reference:str>/completion")
    async def case_completion(request: Request, reference: str) -> HTTPResponse:
        from bot.connectors.signing import SIGNATURE_HEADER

        if settings.case_webhook_secret is None:
            return response.json({"error": "no connector is configured"}, status=404)
        reply = await _completions(app, settings).receive(reference, request.body or b"",
                                                          request.headers.get(SIGNATURE_HEADER))
        return response.json(reply.body, status=reply.status)

    @app.get("/guardian-answers")
    async def guardian_answers(request: Request) -> HTTPResponse:
        # "What I have answered": a guardian who answered on the web finds and withdraws it here.
        return await _guardian(app, settings).answers_start(request.args.get("lang"))

    @app.post("/guardian-answers/code")
    async def guardian_answers_code(request: Request) -> HTTPResponse:
        client = client_tag(secret, request_address(request))
        return await _guardian(app, settings).answers_code(request.form.get("email") or "",
                                                           request.args.get("lang"), client)

    @app.post("/guardian-answers/list")
    async def guardian_answers_list(request: Request) -> HTTPResponse:
        form = request.form
        return await _guardian(app, settings).answers_list(form.get("email") or "", form.get("code") or "",
                                                           request.args.get("lang"))

    @app.post("/guardian-answers/withdraw")
    async def guardian_answers_withdraw(request: Request) -> HTTPResponse:
        form = request.form
        return await _guardian(app, settings).answers_withdraw(form.get("grant") or "", form.get("record") or "",
                                                               request.args.get("lang"))

    @app.get("/guardian/<token:str>")
    async def guardian_page(request: Request, token: str) -> HTTPResponse:
        # A parent without Telegram answers a child's consent here, with an e-mail code.
        return await _guardian(app, settings).show(token, request.args.get("lang"))

    @app.post("/guardian/<token:str>/code")
    async def guardian_code(request: Request, token: str) -> HTTPResponse:
        client = client_tag(secret, request_address(request))
        return await _guardian(app, settings).send_code(token, request.form.get("email") or "",
                                                        request.args.get("lang"), client)

    @app.post("/guardian/<token:str>/answer")
    async def guardian_answer(request: Request, token: str) -> HTTPResponse:
        form = request.form
        return await _guardian(app, settings).answer(
            token, form.get("email") or "", form.get("code") or "", form.get("decision") or "",
            request.args.get("lang"))

    @app.post("/api/chat/updates")
    async def chat_updates(request: Request) -> HTTPResponse:
        # Messages pushed into a chat from outside a turn (a guardian's answer), for the widget to poll.
        from bot.web.updates import updates_response

        return await updates_response(settings, app.ctx.http, request.body or b"")

    @app.get("/metrics")
    async def metrics(request: Request) -> HTTPResponse:
        return await metrics_response(settings, request.headers.get("Authorization"))

    from bot.console.factory import console_services
    from bot.console.web import register_console

    register_console(app, lambda: console_services(settings), settings)
    static_files = StaticFiles(STATIC_DIR)

    @app.route("/static/<name:path>", methods=["GET", "HEAD"], name="static")
    async def static(_request: Request, name: str) -> HTTPResponse:
        return await static_files.serve(name)  # Sanic drops the body of a HEAD answer

    return app


def _completions(app: Sanic, settings: Settings) -> CompletionReceiver:
    """One receiver per process: its replay cache is the short-lived store (Redis: shared by every replica)."""
    if not hasattr(app.ctx, "completions"):
        from bot.breach.detect import SignatureFailures, open_connector_signatures
        from bot.cases.service import CaseService
        from bot.clock import utc_now
        from bot.connectors.completion import CompletionReceiver
        from bot.connectors.signing import ReplayCache
        from bot.db.engine import get_engine
        from bot.wiring import build_store

        assert settings.case_webhook_secret is not None
        store = build_store(settings)
        app.ctx.completions = CompletionReceiver(
            lambda: CaseService(get_engine(settings.database_url), utc_now, settings.secret_key.reveal().encode()),
            ReplayCache(store), settings.case_webhook_secret.reveal().encode(),
            lambda: utc_now().timestamp(),
            failures=SignatureFailures(store, lambda limit: open_connector_signatures(limit, settings)))
    receiver: CompletionReceiver = app.ctx.completions
    return receiver


def _young(app: Sanic, settings: Settings) -> YoungObjectionPages:
    from bot.guardians.young_web import young_objection_pages

    if not hasattr(app.ctx, "young_objection_pages"):
        app.ctx.young_objection_pages = young_objection_pages(settings)
    pages: YoungObjectionPages = app.ctx.young_objection_pages
    return pages


def _guardian(app: Sanic, settings: Settings) -> GuardianPages:
    from bot.consent.web import guardian_pages

    if not hasattr(app.ctx, "guardian_pages"):
        app.ctx.guardian_pages = guardian_pages(settings)
    pages: GuardianPages = app.ctx.guardian_pages
    return pages


async def end_chat_response(settings: Settings, body: bytes) -> HTTPResponse:
    import json

    from bot.chat_input import SENDER_PATTERN
    from bot.services.chat_end import end_chat

    try:
        sender = json.loads(body).get("sender")
    except (ValueError, AttributeError):
        sender = None
    if not isinstance(sender, str) or not SENDER_PATTERN.fullmatch(sender):
        return _error(settings, "error_bad_request", 400, None)
    try:
        ended = await end_chat(settings, sender)
    except Exception as error:  # noqa: BLE001 - the person gets words, the log gets the type
        logger.error("ending a chat failed (%s)", type(error).__name__)
        return _error(settings, "error_unavailable", 503, sender)
    return response.json({"ended": ended.ended, "text": ended.text})


def widget_bundle(settings: Settings) -> str:
    """widget.js as served: its settings and words, the vendored socket.io client, and the widget itself.

    The client is bundled inside a scope where the host page's module loaders
    (AMD `define`, CommonJS `module`) cannot capture it, and a host page's own
    `window.io` is put back afterwards."""
    import json

    from bot.i18n.widget import LANGUAGE_NAMES, WIDGET_STRINGS
    from bot.retention.announced import announced_periods, period_words

    periods = announced_periods(settings)
    values = {"controller": settings.controller_name, "contact": settings.controller_contact,
              "minutes": periods.mask_minutes, "limit": settings.max_message_chars}
    config = {
        "socketUrl": settings.chat_socket_url,
        "socketPath": "/socket.io",
        "maxChars": settings.max_message_chars,
        "languages": list(settings.languages),
        "defaultLanguage": settings.default_language,
        "languageNames": {code: LANGUAGE_NAMES[code] for code in settings.languages},
        "strings": {code: {key: text.format(**values, keep=period_words(periods.masked_days, code))
                           for key, text in WIDGET_STRINGS[code].items()}
                    for code in settings.languages},
    }
    # JSON inside a script: a "</" in some text must not end the script early.
    config_json = json.dumps(config, ensure_ascii=False).replace("</", "<\\/")
    client = (STATIC_DIR / "vendor" / "socket.io.min.js").read_text(encoding="utf-8")
    widget_js = (STATIC_DIR / "widget.js").read_text(encoding="utf-8")
    return (
        f"window.VernWidgetConfig = {config_json};\n"
        "window.VernWidgetConfig.scriptUrl = document.currentScript ? document.currentScript.src : \"\";\n"
        "(function () {\n  var define, module, exports; var hostIo = window.io;\n"
        f"{client}\n"
        "  window.VernWidgetConfig.io = window.io;\n"
        "  if (hostIo === undefined) { try { delete window.io; } catch (e) { window.io = undefined; } }\n"
        "  else { window.io = hostIo; }\n})();\n"
        f"{widget_js}"
    )


async def metrics_response(settings: Settings, authorization: str | None) -> HTTPResponse:
    import asyncio
    import hmac

    from bot.clock import utc_now
    from bot.db.engine import get_engine
    from bot.retention.announced import policy_for
    from bot.retention.metrics import prometheus_text
    from bot.retention.status import retention_status

    if settings.metrics_token is None:
        if settings.environment == "production":
            return response.json({"error": "not found"}, status=404)
    elif not hmac.compare_digest((authorization or "").encode(),
                                 f"Bearer {settings.metrics_token.reveal()}".encode()):
        return response.json({"error": "unauthorized"}, status=401)
    try:
        status = await asyncio.to_thread(retention_status, get_engine(settings.database_url), utc_now,
                                       policy_for(settings))
    except Exception as error:  # noqa: BLE001 - a scrape gets a status code, the log the type
        logger.error("metrics unavailable (%s)", type(error).__name__)
        return response.text("# metrics unavailable\n", status=503)
    return response.text(prometheus_text(status), content_type="text/plain; version=0.0.4")


def serve(settings: Settings | None = None) -> None:
    settings = settings or get_settings()
    from bot.logs import configure_logging

    configure_logging(settings.log_level)
    app = create_web_app(settings)
    app.run(host=settings.host, port=settings.web_port, workers=1, access_log=False, motd=False)
