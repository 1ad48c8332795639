"""The console's page frame (bot/web/templates/console/base.html): a template, a title, and the navigation of the
account that is signed in."""

from __future__ import annotations

from typing import Any

from sanic.request import Request
from sanic.response import HTTPResponse

from bot.console.accounts import Account
from bot.errors import Explained
from bot.i18n import translate, translate_plural
from bot.web.context import services
from bot.web.templates import html_page

PREFIX = "/console"


def console_language(request: Request) -> str:
    """CONSOLE_LANGUAGE: one of the languages every console word is translated in (CONSOLE_LANGUAGES)."""
    return services(request).settings.console_language


def say(request: Request, key: str, **values: object) -> str:
    """A console word in the console's language (locales/source/console.yml)."""
    return translate(key, console_language(request), **values)


def say_count(request: Request, key: str, count: int, **values: object) -> str:
    """A console word that counts something, in the form the console's language uses for `count`."""
    return translate_plural(key, count, console_language(request), **values)


def explain(request: Request, error: BaseException) -> str:
    """What a console service's error says to the caseworker: its catalog message (bot.errors.Explained), or a
    plain "could not be done" for one that has none (its English stays in the log)."""
    key = getattr(error, "key", None)
    if not isinstance(error, Explained) or key is None:
        return say(request, "console_error_failed")
    return say(request, key, **error.values)


def console_page(request: Request, template: str, title: str, account: Account | None = None, csrf: str = "",
                 status: int = 200, **values: Any) -> HTTPResponse:
    return html_page(services(request).templates, f"console/{template}", status, title=title, account=account,
                     csrf=csrf, prefix=PREFIX, language=console_language(request), **values)


def message(request: Request, title: str, text: str, account: Account | None = None, csrf: str = "",
            status: int = 200, error: bool = False, link: dict[str, str] | None = None,
            back: dict[str, str] | None = None) -> HTTPResponse:
    """A page of one sentence: refused, not found, not saved."""
    return console_page(request, "message.html", title, account, csrf, status, text=text, error=error, link=link,
                        back=back)
