"""The controller's system reports a case done: `POST /api/cases/<reference>/completion`, signed.

Body: {"status": "completed" | "rejected", "note": "..."}. The signature covers
the method, this path (so the case reference), the timestamp and the body, and
each signature is accepted once (bot.connectors.signing). Only an open case
takes a report (bot.cases.status): a closed one answers 409 with the status it
has, so a receiver that lost our first answer can tell its report was recorded.
A verified case passes through in_progress, as every case does."""

from __future__ import annotations

import asyncio
import json
import logging
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from bot.cases.errors import CaseNotFound, IllegalTransition
from bot.cases.service import CaseService
from bot.cases.status import ALLOWED_TRANSITIONS, CaseStatus
from bot.connectors.signing import SIGNATURE_HEADER, ReplayCache, verify
from bot.errors import Conflict
from bot.verification.errors import StoreUnavailable

logger = logging.getLogger(__name__)
ACTOR = "connector"
REPORTABLE = {"completed": CaseStatus.COMPLETED, "rejected": CaseStatus.REJECTED}
METHOD = "POST"


def completion_path(reference: str) -> str:
    """The path a report for `reference` is signed for; the reference in upper case, as Vern writes it."""
    return f"/api/cases/{reference.upper()}/completion"


@dataclass(frozen=True)
class Reply:
    status: int
    body: dict[str, Any]


class CaseClosed(Conflict):
    def __init__(self, status: CaseStatus) -> None:
        super().__init__(status.value)
        self.status = status


def report_completion(cases: CaseService, reference: str, target: CaseStatus, note: str | None) -> str:
    current = cases.status_of(reference)
    if not current.is_open:
        raise CaseClosed(current)
    if current is CaseStatus.VERIFIED:
        cases.change_status(reference, CaseStatus.IN_PROGRESS, None, ACTOR)
    elif target not in ALLOWED_TRANSITIONS[current]:
        raise IllegalTransition(current.value, target.value)  # received: not yet verified, nothing to complete
    return cases.change_status(reference, target, note, ACTOR).status.value


def _parse(body: bytes) -> tuple[CaseStatus, str | None] | None:
    try:
        data = json.loads(body)
        target = REPORTABLE[data["status"]]
        note = data.get("note")
    except (ValueError, KeyError, TypeError):
        return None
    if note is not None and (not isinstance(note, str) or len(note) > 2000):
        return None
    return target, note


class CompletionReceiver:
    def __init__(self, cases: Callable[[], CaseService], replays: ReplayCache, secret: bytes,
                 clock: Callable[[], float], failures: Any = None) -> None:
        self._cases = cases
        # bot.breach.detect.SignatureFailures: repeated bad signatures open a breach.
        self._failures = failures
        self._replays = replays
        self._secret = secret
        self._clock = clock

    async def receive(self, reference: str, body: bytes, signature: str | None) -> Reply:
        reference = reference.upper()
        digest = verify(self._secret, body, signature, self._clock(), method=METHOD,
                        path=completion_path(reference))
        if digest is None:
            if self._failures is not None:
                await asyncio.to_thread(self._failures.failed)
            return Reply(401, {"error": f"missing or wrong {SIGNATURE_HEADER} (v2, for this case's path)"})
        try:
            first = await asyncio.to_thread(self._replays.first_sighting, digest)
        except StoreUnavailable:
            return Reply(503, {"error": "temporarily unavailable"})
        if not first:
            return Reply(409, {"error": "this signed report was received before; sign each request afresh"})
        parsed = _parse(body)
        if parsed is None:
            return Reply(400, {"error": 'send {"status": "completed" | "rejected", "note": "..."}'})
        try:
            status = await asyncio.to_thread(report_completion, self._cases(), reference, *parsed)
        except CaseNotFound:
            return Reply(404, {"error": "no case has that reference"})
        except CaseClosed as closed:
            return Reply(409, {"error": f"the case is closed ({closed.status.value}) and takes no more reports",
                               "reference": reference, "status": closed.status.value})
        except IllegalTransition:
            return Reply(409, {"error": "the case is not verified yet and cannot be closed by a report"})
        except Exception as error:  # noqa: BLE001 - the caller gets a status code, the log the type
            logger.error("completion report failed (%s)", type(error).__name__)
            return Reply(503, {"error": "temporarily unavailable"})
        logger.info("case %s reported %s by the connector", reference, status)
        return Reply(200, {"reference": reference, "status": status})
