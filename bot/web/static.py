"""The demo page, widget.js and the files under /static: no personal data in any of them."""

from __future__ import annotations

from sanic import Blueprint, response
from sanic.request import Request
from sanic.response import HTTPResponse

from bot.web.context import services
from bot.web.static_files import STATIC_DIR

static = Blueprint("static")


@static.get("/")
async def demo_page(_request: Request) -> HTTPResponse:
    return await response.file(STATIC_DIR / "index.html", mime_type="text/html; charset=utf-8")


@static.get("/widget.js")
async def widget(request: Request) -> HTTPResponse:
    # What a municipality's page loads with one <script> tag: no personal data, so it may be cached briefly.
    return response.text(services(request).widget_script, content_type="application/javascript; charset=utf-8",
                         headers={"Cache-Control": "public, max-age=300",
                                  "Cross-Origin-Resource-Policy": "cross-origin"})


@static.route("/static/<name:path>", methods=["GET", "HEAD"])
async def static_file(request: Request, name: str) -> HTTPResponse:
    return await services(request).static_files.serve(name)  # Sanic drops the body of a HEAD answer
