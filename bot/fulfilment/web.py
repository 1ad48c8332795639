"""The download page behind an export link: the file once, then a plain explanation."""

from __future__ import annotations

import asyncio
import html
import logging

from sanic import response
from sanic.response import HTTPResponse

from bot.clock import utc_now
from bot.config import Settings
from bot.fulfilment.downloads import DownloadStore, Redeemed

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


_stores: dict[str, DownloadStore] = {}


def _store(settings: Settings) -> DownloadStore:
    from bot.db.engine import get_engine

    folder = settings.var_dir / "exports"
    if str(folder) not in _stores:
        _stores[str(folder)] = DownloadStore(get_engine(), folder, utc_now)
    return _stores[str(folder)]


def _page(status: Redeemed, language: str, code: int) -> HTTPResponse:
    texts = PAGES[status]
    # Unknown links carry no language: say it in all four.
    chosen = [texts[language]] if language in texts else list(texts.values())
    body = "".join(f"<p>{html.escape(text)}</p>" for text in chosen)
    return response.html(
        f'<!doctype html><html lang="{html.escape(language or "nb")}"><meta charset="utf-8">'
        f"<title>Vern</title><main>{body}</main></html>",
        status=code,
    )


async def download_response(settings: Settings, token: str) -> HTTPResponse:
    try:
        result = await asyncio.to_thread(_store(settings).redeem, token)
    except Exception as error:  # noqa: BLE001 - the person gets words, the log gets the type
        logger.error("export download failed (%s)", type(error).__name__)
        return response.html("<!doctype html><p>Vern is temporarily unavailable. Try again shortly.</p>", status=503)
    if result.status is Redeemed.OK:
        return response.raw(
            result.content, content_type="application/zip",
            headers={"Content-Disposition": f'attachment; filename="{result.file_name}"'},
        )
    return _page(result.status, result.language, 410 if result.status is Redeemed.EXPIRED else 404)
