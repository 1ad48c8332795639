"""What the web app's handlers use, on `app.ctx`: the settings, the page templates and the services.

Built once per app (bot.web.app.create_web_app); a handler reaches it with `services(request)`. The services
are built on first use, so a process that never serves a guardian page never opens the guardian register, and a
test may put its own in place (`app.ctx.young_objection_pages = ...`) before the first request."""

from __future__ import annotations

from functools import cached_property
from typing import TYPE_CHECKING

from jinja2 import Environment
from sanic.request import Request

from bot.config import Settings
from bot.keys import KeyRing, Purpose
from bot.web.static_files import STATIC_DIR, StaticFiles
from bot.web.templates import page_templates
from bot.web.widget import widget_bundle

if TYPE_CHECKING:
    import aiohttp

    from bot.connectors.completion import CompletionReceiver
    from bot.console.services import ConsoleServices
    from bot.fulfilment.downloads import DownloadStore
    from bot.web.guardian_pages import GuardianPages
    from bot.web.young_pages import YoungObjectionPages
    from bot.wiring import Services


class WebContext:
    http: aiohttp.ClientSession  # opened when the server starts (bot.web.app)

    def __init__(self, settings: Settings, templates: Environment | None = None) -> None:
        self.settings = settings
        self.templates = templates or page_templates()
        # The tag and proof of a chat client's address, forwarded to Rasa (bot.rasa_adapter.client_identity).
        self.client_key = KeyRing.from_settings(settings).key(Purpose.CHAT_CLIENTS)
        self.rasa_webhook = settings.rasa_url.rstrip("/") + "/webhooks/rest/webhook"
        self.widget_script = widget_bundle(settings)
        self.static_files = StaticFiles(STATIC_DIR)

    @cached_property
    def wired(self) -> Services:
        """The process's services (bot.wiring), built from this app's settings."""
        from bot.wiring import build

        return build(self.settings)

    @cached_property
    def guardian_pages(self) -> GuardianPages:
        from bot.web.guardian_pages import GuardianPages

        return GuardianPages(self.wired.guardian_page, templates=self.templates)

    @cached_property
    def young_objection_pages(self) -> YoungObjectionPages:
        from bot.clock import utc_now
        from bot.guardians.young_notice import YoungObjections
        from bot.web.young_pages import YoungObjectionPages

        wired = self.wired
        return YoungObjectionPages(YoungObjections(wired.engine, wired.keys.key(Purpose.YOUNG_OBJECTIONS), utc_now,
                                                   legacy_key=wired.keys.legacy(Purpose.YOUNG_OBJECTIONS)), wired.cases,
                                   wired.audit.record, self.templates)

    @cached_property
    def completions(self) -> CompletionReceiver | None:
        """One receiver per process: its replay cache is the short-lived store (Redis: shared by every replica).
        None without CASE_WEBHOOK_SECRET: no connector is configured."""
        from bot.breach.detect import SignatureFailures, open_connector_signatures
        from bot.clock import utc_now
        from bot.connectors.completion import CompletionReceiver
        from bot.connectors.signing import ReplayCache

        settings, wired = self.settings, self.wired
        if settings.case_webhook_secret is None:
            return None
        return CompletionReceiver(
            lambda: wired.cases, ReplayCache(wired.store), settings.case_webhook_secret.reveal().encode(),
            lambda: utc_now().timestamp(),
            failures=SignatureFailures(wired.store, lambda limit: open_connector_signatures(limit, settings)))

    @cached_property
    def downloads(self) -> DownloadStore:
        from bot.clock import utc_now
        from bot.fulfilment.downloads import DownloadStore

        return DownloadStore(self.wired.engine, self.settings.var_dir / "exports", utc_now)

    @cached_property
    def console(self) -> ConsoleServices:
        return self.wired.console


def services(request: Request) -> WebContext:
    ctx: WebContext = request.app.ctx
    return ctx
