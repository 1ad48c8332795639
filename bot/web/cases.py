"""POST /api/cases/<reference>/completion: the controller's system reports a case done (bot.connectors.completion
checks the signature and moves the case); here only the body and header in, the reply out."""

from __future__ import annotations

from sanic import Blueprint, response
from sanic.request import Request
from sanic.response import HTTPResponse

from bot.connectors.signing import SIGNATURE_HEADER
from bot.web.context import services

cases = Blueprint("cases")


@cases.post("/api/cases/<reference:str>/completion")
async def case_completion(request: Request, reference: str) -> HTTPResponse:
    receiver = services(request).completions
    if receiver is None:
        return response.json({"error": "no connector is configured"}, status=404)
    reply = await receiver.receive(reference, request.body or b"", request.headers.get(SIGNATURE_HEADER))
    return response.json(reply.body, status=reply.status)
