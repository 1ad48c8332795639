"""The controller's system gets each verified case, signed, and reports completion back, signed."""

from __future__ import annotations

import json
import time

from bot.connectors.signing import IDEMPOTENCY_HEADER, SIGNATURE_HEADER, sign, verify
from tests.conftest import WEBHOOK_SECRET
from tests.e2e.test_requests import REFERENCE, code_for, new_address, new_chat
from tests.support.stack import VernStack, http

SECRET = WEBHOOK_SECRET.encode()


def open_restriction_case(stack: VernStack, address: str) -> str:
    chat = new_chat()
    stack.texts(chat, "I want you to restrict the processing of my data")
    stack.texts(chat, '/inform{"restriction_ground": "a"}')
    stack.texts(chat, address)
    found = REFERENCE.search(stack.texts(chat, code_for(stack, address)))
    assert found
    return found.group(0)


def report(stack: VernStack, reference: str, body: dict[str, object], secret: bytes = SECRET) -> tuple[int, object]:
    raw = json.dumps(body).encode()
    result = http("POST", f"{stack.web_url}/api/cases/{reference}/completion", raw,
                  {"Content-Type": "application/json", SIGNATURE_HEADER: sign(secret, raw, int(time.time()))})
    return result.status, result.body


def test_a_verified_case_is_pushed_signed_with_what_the_receiver_needs(stack: VernStack) -> None:
    address = new_address()
    reference = open_restriction_case(stack, address)
    pushes = [r for r in stack.webhook.received if reference.encode() in r.body]
    assert len(pushes) == 1
    push = pushes[0]
    assert verify(SECRET, push.body, push.headers[SIGNATURE_HEADER], time.time())
    assert push.headers[IDEMPOTENCY_HEADER] == f"{reference}:verified"
    data = json.loads(push.body)
    assert data["event"] == "case.verified" and data["case"]["type"] == "restriction"
    assert data["case"]["article"] == 18 and data["subject"]["email"] == address
    assert data["details"]["ground"] == "a"
    assert data["notify_recipients"] == ["Medlemsregisteret", "Lønnssystemet"], "Art. 19"


def test_the_receiver_reports_completion_back(stack: VernStack) -> None:
    reference = open_restriction_case(stack, new_address())
    assert report(stack, reference, {"status": "completed", "note": "done in the member register"}) == (
        200, {"reference": reference, "status": "completed"})
    assert report(stack, reference, {"status": "completed"})[0] == 200, "idempotent"
    assert report(stack, reference, {"status": "rejected"})[0] == 409
    assert report(stack, reference, {"status": "completed"}, b"wrong-secret-0123456789")[0] == 401
    assert report(stack, "VRN-ZZZZ-ZZ", {"status": "completed"})[0] == 404
    assert report(stack, reference, {"status": "maybe"})[0] == 400
