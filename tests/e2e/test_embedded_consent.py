"""Giving and withdrawing consent on the embedded default of `make run`: SQLite, no Redis.

Art. 7(3): withdrawing must be as easy as giving. Without Redis every component of the action server
must share one in-memory short-lived store; with two, the session granted after the e-mail code was
invisible to the withdraw and receipt actions, which answered "session expired"."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from bot.i18n import translate
from tests.e2e.test_requests import code_for, new_address, new_chat
from tests.support.smtp import CapturingSmtpServer
from tests.support.stack import VernStack

TITLE = "Newsletter by e-mail"


@pytest.fixture(scope="module")
def embedded(trained_model: Path, tmp_path_factory: pytest.TempPathFactory) -> Iterator[VernStack]:
    """No DATABASE_URL, no REDIS_URL: the SQLite file under var/ and in-memory short-lived state."""
    smtp = CapturingSmtpServer()
    smtp.start()
    vern = VernStack({"SMTP_URL": smtp.url()}, tmp_path_factory.mktemp("embedded-consent-var"), smtp=smtp)
    try:
        vern.start("actions", "rasa")
        yield vern
    finally:
        vern.stop()
        smtp.stop()


def test_consent_given_with_the_code_is_withdrawn_in_the_same_chat_without_redis(embedded: VernStack) -> None:
    assert "REDIS_URL" not in embedded.env and "DATABASE_URL" not in embedded.env
    chat, address = new_chat(), new_address()
    embedded.texts(chat, "I want to sign up for the newsletter")
    embedded.texts(chat, "1980")  # the age first: the notice shown is the one for that age
    embedded.texts(chat, "yes")
    embedded.texts(chat, address)
    (given,) = embedded.say(chat, code_for(embedded, address))
    assert given["text"] == translate("consent_given", "en", title=TITLE)

    # The receipt button right after giving: the session granted by the request flow is this chat's.
    (receipt,) = given["buttons"]
    assert embedded.texts(chat, receipt["payload"]) == translate("consent_receipt_sent", "en", title=TITLE)

    # "Withdraw my consent" in the same chat: the address, the new code, the list, one tap.
    embedded.texts(chat, "I want to withdraw my consent")
    embedded.texts(chat, address)
    listed = embedded.say(chat, code_for(embedded, address))
    line = translate("consent_line", "en", title=TITLE, status=translate("consent_status_given", "en"))
    buttons = {m["text"]: m.get("buttons", []) for m in listed}
    assert line in buttons, listed
    withdraw = buttons[line][0]
    assert embedded.texts(chat, withdraw["payload"]) == translate("consent_withdrawn", "en", title=TITLE)

    # And it is withdrawn: the list shown after the next code says so.
    embedded.texts(chat, "show my consents")
    embedded.texts(chat, address)
    after = embedded.texts(chat, code_for(embedded, address))
    assert translate("consent_line", "en", title=TITLE, status=translate("consent_status_withdrawn", "en")) in after
