"""/download/<token>: the page behind an export link, then the file, once (bot.fulfilment.downloads).

Mail scanners open links in mails before the person does. So a GET only shows a page with a button (no personal
data on it); the POST that button sends hands the file out, once; later visits get a plain explanation."""

from __future__ import annotations

import asyncio
import logging

from sanic import Blueprint, response
from sanic.request import Request
from sanic.response import HTTPResponse

from bot.fulfilment.download_words import CONFIRM, problem_texts
from bot.fulfilment.downloads import Download, Redeemed
from bot.web.context import services
from bot.web.templates import html_page

logger = logging.getLogger(__name__)
downloads = Blueprint("downloads")


def _problem(request: Request, found: Download) -> HTTPResponse:
    return html_page(services(request).templates, "link/message.html",
                     410 if found.status is Redeemed.EXPIRED else 404,
                     language=found.language, texts=problem_texts(found.status, found.language))


async def _visit(request: Request, operation: str, token: str) -> Download | HTTPResponse:
    """The store's answer for the link, or a 503 page when the store cannot answer."""
    ctx = services(request)
    try:
        result: Download = await asyncio.to_thread(getattr(ctx.downloads, operation), token)
        return result
    except Exception as error:  # noqa: BLE001 - the person gets words, the log gets the type
        logger.error("export link %s failed (%s)", operation, type(error).__name__)
        return html_page(ctx.templates, "unavailable.html", 503)


@downloads.get("/download/<token:str>")
async def download_page(request: Request, token: str) -> HTTPResponse:
    # The link in the export e-mail. A GET (a mail scanner's too) only shows a button; the link is not used up.
    found = await _visit(request, "peek", token)
    if isinstance(found, HTTPResponse):
        return found
    if found.status is not Redeemed.OK:
        return _problem(request, found)
    title, text, button = CONFIRM.get(found.language, CONFIRM["en"])
    return html_page(services(request).templates, "link/confirm.html", language=found.language, title=title,
                     text=text, button=button, action=f"/download/{token}")


@downloads.post("/download/<token:str>")
async def download(request: Request, token: str) -> HTTPResponse:
    # Single use: of all visits, one gets the file; the rest find nothing.
    result = await _visit(request, "redeem", token)
    if isinstance(result, HTTPResponse):
        return result
    if result.status is Redeemed.OK:
        return response.raw(
            result.content, content_type="application/zip",
            headers={"Content-Disposition": f'attachment; filename="{result.file_name}"', "Cache-Control": "no-store"},
        )
    return _problem(request, result)
