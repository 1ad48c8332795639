"""The controller's system gets each verified case, signed, and reports completion back, signed."""

from __future__ import annotations

import json
import time

from bot.connectors.completion import completion_path
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


def signed_report(reference: str, body: dict[str, object], secret: bytes = SECRET) -> tuple[bytes, dict[str, str]]:
    raw = json.dumps(body).encode()
    signature = sign(secret, raw, int(time.time()), method="POST", path=completion_path(reference))
    return raw, {"Content-Type": "application/json", SIGNATURE_HEADER: signature}


def send(stack: VernStack, reference: str, raw: bytes, headers: dict[str, str]) -> tuple[int, object]:
    result = http("POST", f"{stack.web_url}/api/cases/{reference}/completion", raw, headers)
    return result.status, result.body


def report(stack: VernStack, reference: str, body: dict[str, object], secret: bytes = SECRET) -> tuple[int, object]:
    return send(stack, reference, *signed_report(reference, body, secret))


def test_a_verified_case_is_pushed_signed_with_what_the_receiver_needs(stack: VernStack) -> None:
    address = new_address()
    reference = open_restriction_case(stack, address)
    pushes = [r for r in stack.webhook.received if reference.encode() in r.body]
    assert len(pushes) == 1
    push = pushes[0]
    assert verify(SECRET, push.body, push.headers[SIGNATURE_HEADER], time.time(), method="POST", path=push.path)
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
    closed = report(stack, reference, {"status": "rejected"})
    assert closed[0] == 409 and closed[1]["status"] == "completed", "a closed case takes no report, and says why"
    assert report(stack, reference, {"status": "completed"}, b"wrong-secret-0123456789")[0] == 401
    assert report(stack, "VRN-ZZZZ-ZZ", {"status": "completed"})[0] == 404
    assert report(stack, reference, {"status": "maybe"})[0] == 400


def test_a_captured_report_neither_completes_another_case_nor_works_twice(stack: VernStack) -> None:
    mine, other = open_restriction_case(stack, new_address()), open_restriction_case(stack, new_address())
    raw, headers = signed_report(mine, {"status": "completed"})
    assert send(stack, other, raw, headers)[0] == 401, "bound to the case it was signed for"
    assert send(stack, mine, raw, headers)[0] == 200
    assert send(stack, mine, raw, headers)[0] == 409, "a replay within the five minutes"
