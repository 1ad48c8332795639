"""The controller's system reports a case done: `POST /api/cases/<reference>/completion`, signed.

Body: {"status": "completed" | "rejected", "note": "..."}. Idempotent: reporting
the status a case already has is a 200. A verified case passes through
in_progress, as every case does."""

from __future__ import annotations

import asyncio
import json
import logging
import time

from sanic import response
from sanic.response import HTTPResponse

from bot.cases.errors import CaseNotFound, IllegalTransition
from bot.cases.service import CaseService
from bot.cases.status import CaseStatus
from bot.clock import utc_now
from bot.config import Settings
from bot.connectors.signing import SIGNATURE_HEADER, verify

logger = logging.getLogger(__name__)
ACTOR = "connector"
REPORTABLE = {"completed": CaseStatus.COMPLETED, "rejected": CaseStatus.REJECTED}


def _cases(settings: Settings) -> CaseService:
    from bot.db.engine import get_engine

    return CaseService(get_engine(), utc_now, settings.secret_key.reveal().encode())


def report_completion(cases: CaseService, reference: str, target: CaseStatus, note: str | None) -> str:
    current = cases.status_of(reference)
    if current is target:
        return current.value
    if current is CaseStatus.VERIFIED:
        cases.change_status(reference, CaseStatus.IN_PROGRESS, None, ACTOR)
    return cases.change_status(reference, target, note, ACTOR).status.value


async def completion_response(settings: Settings, body: bytes, signature: str | None, reference: str) -> HTTPResponse:
    if settings.case_webhook_secret is None:
        return response.json({"error": "no connector is configured"}, status=404)
    if not verify(settings.case_webhook_secret.reveal().encode(), body, signature, time.time()):
        return response.json({"error": f"missing or wrong {SIGNATURE_HEADER}"}, status=401)
    try:
        data = json.loads(body)
        target = REPORTABLE[data["status"]]
        note = data.get("note")
        if note is not None and (not isinstance(note, str) or len(note) > 2000):
            raise ValueError("note")
    except (ValueError, KeyError, TypeError):
        return response.json({"error": 'send {"status": "completed" | "rejected", "note": "..."}'}, status=400)
    try:
        status = await asyncio.to_thread(report_completion, _cases(settings), reference.upper(), target, note)
    except CaseNotFound:
        return response.json({"error": "no case has that reference"}, status=404)
    except IllegalTransition:
        return response.json({"error": "the case cannot take that status now"}, status=409)
    except Exception as error:  # noqa: BLE001 - the caller gets a status code, the log the type
        logger.error("completion report failed (%s)", type(error).__name__)
        return response.json({"error": "temporarily unavailable"}, status=503)
    logger.info("case %s reported %s by the connector", reference.upper(), status)
    return response.json({"reference": reference.upper(), "status": status})
