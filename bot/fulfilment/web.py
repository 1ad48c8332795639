"""The download page behind an export link: a confirmation page, the file once, then a plain explanation.

Mail scanners open links in mails before the person does. So a GET only shows
a page with a button (no personal data on it); the POST that button sends hands
the file out, once."""

from __future__ import annotations

import asyncio
import html
import logging

from sanic import response
from sanic.response import HTTPResponse

from bot.clock import utc_now
from bot.config import Settings
from bot.fulfilment.downloads import Download, DownloadStore, Redeemed

logger = logging.getLogger(__name__)

PAGES = {
    Redeemed.EXPIRED: {
        "nb": "Lenken er utløpt, og filen er slettet. Be Vern om innsyn på nytt for å få en ny fil.",
        "nn": "Lenkja har gått ut, og fila er sletta. Be Vern om innsyn på nytt for å få ei ny fil.",
        "da": "Linket er udløbet, og filen er slettet. Bed Vern om indsigt igen for at få en ny fil.",
        "en": "This link has expired and the file has been deleted. Ask Vern for access again to get a new file.",
    },
    Redeemed.UNKNOWN: {
        "nb": "Denne lenken virker ikke (lenger). Filen kan bare lastes ned én gang.",
        "nn": "Denne lenkja verkar ikkje (lenger). Fila kan berre lastast ned éin gong.",
        "da": "Dette link virker ikke (længere). Filen kan kun downloades én gang.",
        "en": "This link does not work (any more). The file can be downloaded only once.",
    },
}


CONFIRM = {
    "nb": ("Last ned filen din", "Filen med opplysningene Vern har om deg kan lastes ned én gang. "
           "Lenken virker i 72 timer etter at e-posten ble sendt.", "Last ned"),
    "nn": ("Last ned fila di", "Fila med opplysningane Vern har om deg kan lastast ned éin gong. "
           "Lenkja verkar i 72 timar etter at e-posten vart send.", "Last ned"),
    "da": ("Hent din fil", "Filen med de oplysninger, Vern har om dig, kan downloades én gang. "
           "Linket virker i 72 timer, efter at e-mailen blev sendt.", "Download"),
    "en": ("Download your file", "The file with the information Vern holds about you can be downloaded once. "
           "The link works for 72 hours after the e-mail was sent.", "Download"),
}

_stores: dict[str, DownloadStore] = {}


def _store(settings: Settings) -> DownloadStore:
    from bot.db.engine import get_engine

    folder = settings.var_dir / "exports"
    if str(folder) not in _stores:
        _stores[str(folder)] = DownloadStore(get_engine(settings.database_url), folder, utc_now)
    return _stores[str(folder)]


def _html(language: str, body: str, code: int) -> HTTPResponse:
    # The same frame as the guardian pages: Vern's stylesheet, no script.
    return response.html(
        f'<!doctype html><html lang="{html.escape(language or "nb")}"><head><meta charset="utf-8">'
        '<meta name="viewport" content="width=device-width, initial-scale=1">'
        '<link rel="stylesheet" href="/static/demo.css"><title>Vern</title></head>'
        f'<body><main class="guardian">{body}</main></body></html>',
        status=code,
    )


def _page(status: Redeemed, language: str, code: int) -> HTTPResponse:
    texts = PAGES[status]
    # Unknown links carry no language: say it in all four.
    chosen = [texts[language]] if language in texts else list(texts.values())
    return _html(language, "".join(f"<p>{html.escape(text)}</p>" for text in chosen), code)


async def _visit(settings: Settings, operation: str, token: str) -> Download | HTTPResponse:
    """The store's answer for the link, or a 503 page when the store cannot answer."""
    try:
        result: Download = await asyncio.to_thread(getattr(_store(settings), operation), token)
        return result
    except Exception as error:  # noqa: BLE001 - the person gets words, the log gets the type
        logger.error("export link %s failed (%s)", operation, type(error).__name__)
        return response.html("<!doctype html><p>Vern is temporarily unavailable. Try again shortly.</p>", status=503)


async def confirmation_response(settings: Settings, token: str) -> HTTPResponse:
    """GET: what the link leads to, and a button; the link is not used up."""
    found = await _visit(settings, "peek", token)
    if isinstance(found, HTTPResponse):
        return found
    if found.status is not Redeemed.OK:
        return _page(found.status, found.language, 410 if found.status is Redeemed.EXPIRED else 404)
    title, text, button = CONFIRM.get(found.language, CONFIRM["en"])
    body = (f"<h1>{html.escape(title)}</h1><p>{html.escape(text)}</p>"
            f'<form method="post" action="/download/{html.escape(token)}">'
            f'<button type="submit">{html.escape(button)}</button></form>')
    return _html(found.language, body, 200)


async def download_response(settings: Settings, token: str) -> HTTPResponse:
    """POST: the file, once."""
    result = await _visit(settings, "redeem", token)
    if isinstance(result, HTTPResponse):
        return result
    if result.status is Redeemed.OK:
        return response.raw(
            result.content, content_type="application/zip",
            headers={"Content-Disposition": f'attachment; filename="{result.file_name}"', "Cache-Control": "no-store"},
        )
    return _page(result.status, result.language, 410 if result.status is Redeemed.EXPIRED else 404)
