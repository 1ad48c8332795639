"""How the controller's system reports a case done to Vern: sign method, path, timestamp and body.

    python docs/examples/completion_sender.py https://vern.example.org VRN-ABCD-EF completed "done in the register"

CASE_WEBHOOK_SECRET must hold the same secret Vern has. Standard library only, so it can be copied anywhere.
Every attempt is signed afresh (Vern refuses a signature it has seen), and a 409 with the case's status means
the case is already closed: a report that got lost on the way back was recorded."""

from __future__ import annotations

import hashlib
import hmac
import json
import os
import sys
import time
import urllib.error
import urllib.request


def signature(secret: bytes, method: str, path: str, body: bytes, timestamp: int) -> str:
    signed = f"{timestamp}.{method}.{path}.".encode() + body
    return f"t={timestamp},v2={hmac.new(secret, signed, hashlib.sha256).hexdigest()}"


def report(base_url: str, reference: str, status: str, note: str | None, secret: bytes) -> tuple[int, str]:
    path = f"/api/cases/{reference.upper()}/completion"
    body = json.dumps({"status": status, "note": note}).encode()
    request = urllib.request.Request(base_url.rstrip("/") + path, data=body, method="POST", headers={  # noqa: S310
        "Content-Type": "application/json",
        "X-Vern-Signature": signature(secret, "POST", path, body, int(time.time())),
    })
    try:
        with urllib.request.urlopen(request, timeout=10) as answer:  # noqa: S310 - the operator's own URL
            return answer.status, answer.read().decode()
    except urllib.error.HTTPError as refused:
        return refused.code, refused.read().decode()


if __name__ == "__main__":
    url, case, outcome, *rest = sys.argv[1:]
    print(*report(url, case, outcome, rest[0] if rest else None, os.environ["CASE_WEBHOOK_SECRET"].encode()))
