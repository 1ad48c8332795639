"""The guardian's web page (/guardian/<token>) and "What I have answered" (/guardian-answers): request fields in,
bot.web.guardian_pages out. The client tag (a keyed hash of the address) feeds the code request's rate limit."""

from __future__ import annotations

from sanic import Blueprint
from sanic.request import Request
from sanic.response import HTTPResponse

from bot.rasa_adapter.client_identity import client_tag, request_address
from bot.web.context import services

guardian = Blueprint("guardian")


def _client(request: Request) -> str | None:
    return client_tag(services(request).client_key, request_address(request))


@guardian.get("/guardian-answers")
async def guardian_answers(request: Request) -> HTTPResponse:
    # "What I have answered": a guardian who answered on the web finds and withdraws it here.
    return await services(request).guardian_pages.answers_start(request.args.get("lang"))


@guardian.post("/guardian-answers/code")
async def guardian_answers_code(request: Request) -> HTTPResponse:
    return await services(request).guardian_pages.answers_code(request.form.get("email") or "",
                                                               request.args.get("lang"), _client(request))


@guardian.post("/guardian-answers/list")
async def guardian_answers_list(request: Request) -> HTTPResponse:
    form = request.form
    return await services(request).guardian_pages.answers_list(form.get("email") or "", form.get("code") or "",
                                                               request.args.get("lang"))


@guardian.post("/guardian-answers/withdraw")
async def guardian_answers_withdraw(request: Request) -> HTTPResponse:
    form = request.form
    return await services(request).guardian_pages.answers_withdraw(form.get("grant") or "",
                                                                   form.get("record") or "",
                                                                   request.args.get("lang"))


@guardian.get("/guardian/<token:str>")
async def guardian_page(request: Request, token: str) -> HTTPResponse:
    # A parent without Telegram answers a child's consent here, with an e-mail code.
    return await services(request).guardian_pages.show(token, request.args.get("lang"))


@guardian.post("/guardian/<token:str>/code")
async def guardian_code(request: Request, token: str) -> HTTPResponse:
    return await services(request).guardian_pages.send_code(token, request.form.get("email") or "",
                                                            request.args.get("lang"), _client(request))


@guardian.post("/guardian/<token:str>/answer")
async def guardian_answer(request: Request, token: str) -> HTTPResponse:
    form = request.form
    return await services(request).guardian_pages.answer(
        token, form.get("email") or "", form.get("code") or "", form.get("decision") or "",
        request.args.get("lang"))
