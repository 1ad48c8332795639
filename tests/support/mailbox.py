"""Reading what the stack's capturing SMTP server received: codes and mail texts for one address."""

from __future__ import annotations

import re
import uuid

from tests.support.stack import VernStack

CODE = re.compile(r"\b(\d{6})\b")


def new_address() -> str:
    return f"person-{uuid.uuid4().hex[:10]}@example.org"


def code_for(stack: VernStack, address: str) -> str:
    """The 6-digit code in the newest mail to `address`."""
    assert stack.smtp is not None
    for message in reversed(stack.smtp.messages):
        if address in str(message["To"]):
            body = message.get_body(preferencelist=("plain",))
            assert body is not None
            found = CODE.search(body.get_content())
            assert found, "the code mail holds a 6-digit code"
            return found.group(1)
    raise AssertionError("no code mail reached the SMTP server")


def mails_to(stack: VernStack, address: str) -> list[str]:
    """The plain-text bodies of every mail to `address`, oldest first."""
    assert stack.smtp is not None
    texts = []
    for message in stack.smtp.messages:
        if address in str(message["To"]):
            body = message.get_body(preferencelist=("plain",))
            texts.append(body.get_content() if body is not None else "")
    return texts
