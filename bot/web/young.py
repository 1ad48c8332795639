"""/young-objection/<token>: the link a 16-17-year-old is e-mailed when a guardian acts for them
(bot.web.young_pages answers)."""

from __future__ import annotations

from sanic import Blueprint
from sanic.request import Request
from sanic.response import HTTPResponse

from bot.web.context import services

young = Blueprint("young")


@young.get("/young-objection/<token:str>")
async def young_objection_page(request: Request, token: str) -> HTTPResponse:
    # The link a 16-17-year-old is e-mailed when a guardian acts for them. A GET only shows a button.
    return await services(request).young_objection_pages.confirm(token)


@young.post("/young-objection/<token:str>")
async def young_objection(request: Request, token: str) -> HTTPResponse:
    # The objection itself, recorded on the case once; a second click gets a plain page.
    return await services(request).young_objection_pages.record(token)
