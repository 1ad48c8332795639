"""Builds and runs the guardian bot: polling for development, a webhook for production.

In webhook mode Telegram calls `/telegram/webhook` on this process with the
secret token (set with setWebhook) in a header; a call without it is refused
before the body is read as an update."""

from __future__ import annotations

import hmac
import logging
from typing import Any

from sanic import Sanic
from sanic.request import Request
from sanic.response import HTTPResponse, json
from telegram import Update
from telegram.ext import Application, ApplicationBuilder

from bot.config import ConfigError, Settings, get_settings
from bot.telegram.guardian_bot import GuardianBot, GuardianServices

logger = logging.getLogger(__name__)
WEBHOOK_PATH = "/telegram/webhook"
SECRET_HEADER = "X-Telegram-Bot-Api-Secret-Token"  # noqa: S105 - a header name, not a secret


def quiet_library_logs() -> None:
    # httpx logs every request URL at INFO, and the URL holds the bot token; PTB logs updates (with a shared
    # contact's phone number) at DEBUG. Only warnings and errors pass, and ours name no person.
    for name in ("httpx", "httpcore", "telegram", "telegram.ext"):
        logging.getLogger(name).setLevel(logging.WARNING)


def guardian_services(settings: Settings) -> GuardianServices:
    from bot.guardians.registry import build_registry
    from bot.rasa_adapter.conversation_api import guardian_answer_notifier
    from bot.telegram.register_phone import phone_region
    from bot.wiring import build

    services = build(settings)
    return GuardianServices(
        consents=services.consent,
        invitations=services.guardian_invitations,
        purposes=dict(services.purposes), controller_name=settings.controller_name,
        default_language=settings.default_language, notify_child=guardian_answer_notifier(settings),
        registry=build_registry(settings), contact=settings.controller_contact, timezone=settings.timezone,
        phone_region=phone_region(settings.default_language),
    )


def build_application(settings: Settings, services: GuardianServices, polling: bool) -> Application:  # type: ignore[type-arg]
    if settings.telegram_token is None:
        raise ConfigError("The guardian bot needs TELEGRAM_TOKEN (from @BotFather)")
    quiet_library_logs()  # before any update arrives: updates carry names, chat ids and shared phone numbers
    builder: ApplicationBuilder = (  # type: ignore[type-arg]
        ApplicationBuilder().token(settings.telegram_token.reveal()).base_url(settings.telegram_api_url)
    )
    if not polling:
        builder = builder.updater(None)  # updates arrive through our webhook route
    application = builder.build()
    GuardianBot(services).install(application)
    return application


def run_polling(settings: Settings | None = None) -> None:
    settings = settings or get_settings()
    quiet_library_logs()
    application = build_application(settings, guardian_services(settings), polling=True)
    logger.info("guardian bot polling for updates")
    application.run_polling(drop_pending_updates=False)


def webhook_app(settings: Settings, application: Application, name: str = "vern_telegram") -> Sanic:  # type: ignore[type-arg]
    assert settings.telegram_webhook_secret is not None
    secret = settings.telegram_webhook_secret.reveal()
    app = Sanic(name)

    @app.before_server_start
    async def start(_app: Sanic, _loop: Any) -> None:
        await application.initialize()
        await application.start()
        await application.bot.set_webhook(
            url=settings.telegram_webhook_url or settings.public_url.rstrip("/") + WEBHOOK_PATH, secret_token=secret,
            allowed_updates=["message", "callback_query"],
        )

    @app.after_server_stop
    async def stop(_app: Sanic, _loop: Any) -> None:
        await application.stop()
        await application.shutdown()

    @app.get("/health")
    async def health(_request: Request) -> HTTPResponse:
        return json({"status": "ok"})

    @app.post(WEBHOOK_PATH)
    async def receive(request: Request) -> HTTPResponse:
        given = request.headers.get(SECRET_HEADER, "")
        if not hmac.compare_digest(given.encode(), secret.encode()):
            return json({"ok": False}, status=403)
        try:
            update = Update.de_json(request.json, application.bot)
        except Exception:  # noqa: BLE001 - malformed bodies are the sender's problem, not a crash
            return json({"ok": False}, status=400)
        if update is None:
            return json({"ok": False}, status=400)
        # Answer Telegram at once; PTB's own queue handles updates one by one, in the order they came.
        await application.update_queue.put(update)
        return json({"ok": True})

    return app


def run_webhook(settings: Settings | None = None) -> None:
    settings = settings or get_settings()
    quiet_library_logs()
    application = build_application(settings, guardian_services(settings), polling=False)
    app = webhook_app(settings, application)
    app.run(host=settings.host, port=settings.telegram_port, workers=1, access_log=False, motd=False)
