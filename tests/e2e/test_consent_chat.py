"""Seeing and withdrawing one's consents in the chat: after the e-mail code, one tap, effective at once."""

from __future__ import annotations

from sqlalchemy.engine import Engine

from bot.clock import utc_now
from bot.config import AgeBands
from bot.consent.purposes import default_purposes
from bot.consent.service import ConsentService
from bot.db.engine import create_db_engine
from bot.i18n import translate
from tests.e2e.test_requests import code_for, new_address, new_chat
from tests.support.services import postgres_url
from tests.support.stack import VernStack


def consents(stack: VernStack, engine: Engine) -> ConsentService:
    secret = stack.secret("SECRET_KEY").encode()
    return ConsentService(engine, utc_now, secret, default_purposes(), AgeBands(), "Vern demo municipality")


def test_an_adult_sees_and_withdraws_a_consent_in_norwegian(stack: VernStack) -> None:
    engine = create_db_engine(postgres_url())
    try:
        service = consents(stack, engine)
        address = new_address()
        subject = service.pseudonym(address)
        newsletter = service.give(subject, "newsletter", "nb", "web", age=41)
        videos = service.give(subject, "training-videos", "nb", "web", age=41)

        chat = new_chat()
        first = stack.texts(chat, "jeg vil trekke tilbake samtykket mitt")
        assert first.startswith(translate("request_intro_consents", "nb"))
        stack.texts(chat, address)
        listed = stack.say(chat, code_for(stack, address))
        lines = {m["text"]: m.get("buttons", []) for m in listed}
        line = translate("consent_line", "nb", title="Nyhetsbrev på e-post", status="gitt")
        assert line in lines
        button, receipt = lines[line]
        assert button["payload"] == f'/confirm_withdraw_consent{{"consent_record": "{newsletter.record_id}"}}'
        assert receipt["payload"] == f'/email_consent_receipt{{"consent_record": "{newsletter.record_id}"}}'

        done = stack.texts(chat, button["payload"])
        assert done == translate("consent_withdrawn", "nb", title="Nyhetsbrev på e-post")
        assert not service.is_active(subject, "newsletter"), "withdrawal takes effect at once"
        assert service.is_active(subject, "training-videos")

        # A forged button from another chat, without the code, changes nothing.
        other = new_chat()
        forged = stack.texts(other, f'/confirm_withdraw_consent{{"consent_record": "{videos.record_id}"}}')
        assert forged == translate("consent_session_expired", "nb")
        assert service.is_active(subject, "training-videos")
    finally:
        engine.dispose()


def test_no_consents_is_said_plainly_in_english(stack: VernStack) -> None:
    chat, address = new_chat(), new_address()
    stack.texts(chat, "show my consents")
    stack.texts(chat, address)
    assert stack.texts(chat, code_for(stack, address)) == translate("consents_none", "en")
