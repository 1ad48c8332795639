"""Giving consent in chat, end to end: the child in the REST channel, the guardian in Telegram
(python-telegram-bot in webhook mode against the local fake Bot API) or on the web page with an e-mail code,
and the child's conversation told through Rasa's HTTP API."""

from __future__ import annotations

import html
import json
import re
import time
import urllib.parse
from collections.abc import Iterator
from datetime import date
from typing import Any

import pytest
from sqlalchemy.engine import Engine

from bot.clock import utc_now
from bot.config import AgeBands
from bot.consent.purposes import default_purposes, notice_text
from bot.consent.service import ConsentService
from bot.db.engine import create_db_engine
from bot.i18n import translate
from tests.e2e.test_requests import code_for, new_address, new_chat
from tests.support.fake_telegram import FakeTelegram
from tests.support.services import postgres_url
from tests.support.stack import VernStack, http, post_json

VIDEOS_NB = "Videoopptak av treningen i en lukket gruppe"
LINK = re.compile(r"https://t\.me/vern_test_bot\?start=([A-Za-z0-9_-]+)")
WEB_LINK = re.compile(r"http://[^\s]+/guardian/([A-Za-z0-9_-]+)")
CODE = re.compile(r"\b([A-HJ-NP-Z2-9]{4}-[A-HJ-NP-Z2-9]{4})\b")


@pytest.fixture(scope="module")
def guardian_bot(stack: VernStack) -> Iterator[FakeTelegram]:
    stack.start("telegram")
    assert stack.telegram.webhook is not None, "the bot registered its webhook with Telegram"
    yield stack.telegram
    stack.stop("telegram")


@pytest.fixture(scope="module")
def engine() -> Iterator[Engine]:
    db = create_db_engine(postgres_url())
    yield db
    db.dispose()


def consents(stack: VernStack, engine: Engine) -> ConsentService:
    return ConsentService(engine, utc_now, stack.secret("SECRET_KEY").encode(), default_purposes(), AgeBands(),
                          "Vern demo municipality")


def born_for_age(age: int) -> int:
    # With only a year, Vern takes the younger possible age: this year makes exactly `age`.
    return date.today().year - age - 1


def child_gives_consent(stack: VernStack, chat: str, address: str, age: int, opening: str) -> list[dict[str, Any]]:
    assert translate("consent_ask_birth_year", "nb") in stack.texts(chat, opening), "the age first"
    shown = stack.texts(chat, str(born_for_age(age)))
    # The notice in the words for the age, before the question (the record hashes this version).
    audience = "child" if age < 13 else "young" if age < 18 else "adult"
    assert notice_text(default_purposes()["training-videos"], "nb", audience) in shown, "the notice before the question"
    stack.texts(chat, "/affirm")
    stack.texts(chat, address)
    return stack.say(chat, code_for(stack, address))


def pushed_to(stack: VernStack, chat: str, timeout: float = 15) -> list[str]:
    """What the widget's poll would show: replies that reached the chat between its own turns."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        result = post_json(f"{stack.web_url}/api/chat/updates", {"sender": chat, "since": 0})
        assert result.status == 200
        if result.body["messages"]:
            return [m["text"] for m in result.body["messages"]]
        time.sleep(0.5)
    return []


def test_a_14_year_old_asks_the_parent_approves_in_telegram_and_the_chat_is_told(
    stack: VernStack, guardian_bot: FakeTelegram, engine: Engine
) -> None:
    chat, address = new_chat(), new_address()
    done = child_gives_consent(stack, chat, address, 14, "jeg vil være med på videoopptak av treningen")
    texts = "\n".join(m.get("text", "") for m in done)
    assert translate("consent_needs_guardian_joint@young", "nb", age=16) in texts
    assert {"vern_control": "await_updates"} in [m.get("custom") for m in done], "the widget starts listening"
    token = LINK.search(texts).group(1)  # type: ignore[union-attr]
    assert CODE.search(texts), "a short code is offered as well"

    service = consents(stack, engine)
    child = service.pseudonym(address)
    (record,) = service.records_for(child)
    assert record.status == "pending_guardian" and record.subject_consented

    guardian_bot.user_sends(8101, f"/start {token}", language="nb")
    (offer,) = guardian_bot.wait_for(8101, 1)
    assert VIDEOS_NB in offer.text
    guardian_bot.user_presses(8101, offer, "Godkjenn")
    guardian_bot.wait_for_edit(offer)
    assert offer.text.startswith("Takk! Du har godkjent")

    assert pushed_to(stack, chat) == [translate("guardian_approved_child@young", "nb", title=VIDEOS_NB)]
    assert service.is_active(child, "training-videos")
    receipt = service.receipt(record.record_id)
    assert receipt["given_by"]["data_subject"] is True
    assert receipt["given_by"]["guardian"]["declared_relation"] == "parent_or_guardian"
    assert [e["status"] for e in receipt["status_history"]] == ["pending_guardian", "given"]

    # The same link again, and the parent withdraws with two taps: at once.
    guardian_bot.user_sends(8101, f"/start {token}")
    guardian_bot.user_sends(8101, "/samtykker")
    again, listed = guardian_bot.wait_for(8101, 3)[1:]
    assert again.text == translate("tg_used", "nb"), "updates are answered in the order they were sent"
    guardian_bot.user_presses(8101, listed, "Trekk tilbake")
    guardian_bot.wait_for_edit(listed)
    guardian_bot.user_presses(8101, listed, "Ja, trekk tilbake")
    guardian_bot.wait_for_edit(listed, edits=2)
    assert not service.is_active(child, "training-videos")


def test_the_webhook_refuses_calls_without_telegrams_secret(stack: VernStack, guardian_bot: FakeTelegram) -> None:
    update = {"update_id": 1, "message": {"message_id": 1, "date": 0, "text": "/start x",
                                          "chat": {"id": 1, "type": "private"},
                                          "from": {"id": 1, "is_bot": False, "first_name": "X"}}}
    assert guardian_bot.post_to_webhook(update, "wrong-secret") == 403
    assert guardian_bot.post_to_webhook(update, "") == 403
    assert guardian_bot.sent_to(1) == []


def test_a_parent_without_telegram_approves_on_the_web_page_with_an_email_code(
    stack: VernStack, guardian_bot: FakeTelegram, engine: Engine
) -> None:
    chat, address = new_chat(), new_address()
    done = child_gives_consent(stack, chat, address, 12, "jeg vil være med på videoopptak av treningen")
    texts = "\n".join(m.get("text", "") for m in done)
    assert translate("consent_needs_guardian_only@child", "nb", age=13) in texts  # in a child's words
    token = WEB_LINK.search(texts).group(1)  # type: ignore[union-attr]

    page = http("GET", f"{stack.web_url}/guardian/{token}")
    # The guardian of a 12-year-old reads the child's version (the one the record hashes for the guardian).
    child_notice = notice_text(default_purposes()["training-videos"], "nb", "child")
    assert page.status == 200 and html.escape(child_notice.split("\n")[1]) in page.raw.decode()
    parent = new_address()
    form = urllib.parse.urlencode({"email": parent}).encode()
    sent = http("POST", f"{stack.web_url}/guardian/{token}/code", form,
                {"Content-Type": "application/x-www-form-urlencoded"})
    assert sent.status == 200
    wrong = http("POST", f"{stack.web_url}/guardian/{token}/answer",
                 urllib.parse.urlencode({"email": parent, "code": "000000", "decision": "approve"}).encode(),
                 {"Content-Type": "application/x-www-form-urlencoded"})
    assert wrong.status == 400 and translate("web_code_wrong", "nb") in wrong.raw.decode()
    answer = urllib.parse.urlencode({"email": parent, "code": code_for(stack, parent), "decision": "approve"})
    approved = http("POST", f"{stack.web_url}/guardian/{token}/answer", answer.encode(),
                    {"Content-Type": "application/x-www-form-urlencoded"})
    assert approved.status == 200 and "godkjent" in approved.raw.decode()

    service = consents(stack, engine)
    (record,) = service.records_for(service.pseudonym(address))
    assert record.active and not record.subject_consented, "under 13 the guardian consents alone"
    # Told in a child's words, under the title the child was shown.
    assert pushed_to(stack, chat) == [translate("guardian_approved_child@child", "nb", title="Film av treningen")]
    again = http("GET", f"{stack.web_url}/guardian/{token}")
    assert again.status == 409, "the link is single use"


def test_a_declined_request_and_an_unknown_link_are_answered_plainly(
    stack: VernStack, guardian_bot: FakeTelegram, engine: Engine
) -> None:
    chat, address = new_chat(), new_address()
    done = child_gives_consent(stack, chat, address, 13, "jeg vil være med på videoopptak av treningen")
    token = LINK.search("\n".join(m.get("text", "") for m in done)).group(1)  # type: ignore[union-attr]
    guardian_bot.user_sends(8102, f"/start {token}", language="da")
    (offer,) = guardian_bot.wait_for(8102, 1)
    guardian_bot.user_presses(8102, offer, "Afvis", language="da")
    guardian_bot.wait_for_edit(offer)
    assert pushed_to(stack, chat) == [translate("guardian_declined_child@young", "nb", title=VIDEOS_NB)]
    service = consents(stack, engine)
    (record,) = service.records_for(service.pseudonym(address))
    assert record.status == "refused"
    assert http("GET", f"{stack.web_url}/guardian/not-a-token-at-all-0000000").status == 404


def test_an_adult_consents_alone_in_english_and_saying_no_records_nothing(
    stack: VernStack, engine: Engine
) -> None:
    chat, address = new_chat(), new_address()
    first = stack.texts(chat, "I want to sign up for the newsletter")
    assert translate("consent_ask_birth_year", "en") in first
    again = stack.texts(chat, "3020")
    assert again.startswith(translate("consent_birth_year_invalid", "en")), "a future year is asked again"
    assert translate("consent_ask_birth_year", "en") in again
    shown = stack.texts(chat, "1980")
    assert notice_text(default_purposes()["newsletter"], "en") in shown, "an adult reads the adult notice"
    assert translate("consent_ask_agree", "en") in shown
    stack.texts(chat, "yes")
    stack.texts(chat, address)
    (done,) = stack.say(chat, code_for(stack, address))
    assert done["text"] == translate("consent_given", "en", title="Newsletter by e-mail")
    service = consents(stack, engine)
    assert service.is_active(service.pseudonym(address), "newsletter")

    # The receipt, on request, to the confirmed address: the record as JSON attached.
    (button,) = done["buttons"]
    assert button["title"] == translate("consent_receipt_button", "en")
    assert stack.texts(chat, button["payload"]) == translate("consent_receipt_sent", "en",
                                                             title="Newsletter by e-mail")
    mail = next(m for m in reversed(stack.smtp.messages) if address in str(m["To"]))
    (attachment,) = list(mail.iter_attachments())
    content = attachment.get_content()
    attached = content.decode() if isinstance(content, bytes) else content
    receipt = json.loads(attached)
    (record,) = service.records_for(service.pseudonym(address))
    assert receipt["record_id"] == record.record_id and receipt["status"] == "given"
    assert address not in attached, "the receipt names the person only by a pseudonymous key"
    # Another chat cannot have it.
    assert stack.texts(new_chat(), button["payload"]) == translate("consent_session_expired", "nb")

    # Without a purpose named, Vern offers them all as buttons.
    other = new_chat()
    listed = stack.say(other, "I want to give consent")
    assert [b["payload"] for m in listed for b in m.get("buttons", [])] == list(default_purposes())
    assert translate("consent_ask_birth_year", "en") in stack.texts(other, "newsletter")
    assert "Newsletter by e-mail" in stack.texts(other, "1990")
    chat2 = new_chat()
    stack.texts(chat2, "jeg vil ha nyhetsbrevet på e-post")
    stack.texts(chat2, "1990")
    assert stack.texts(chat2, "nei") == translate("consent_not_given", "nb")
    # A child says no in the child's words.
    chat3 = new_chat()
    stack.texts(chat3, "jeg vil ha nyhetsbrevet på e-post")
    shown = stack.texts(chat3, str(born_for_age(10)))
    assert translate("consent_rule_guardian_only@child", "nb", age=13) in shown
    assert notice_text(default_purposes()["newsletter"], "nb", "child") in shown
    assert translate("consent_ask_agree@child", "nb") in shown
    assert stack.texts(chat3, "nei") == translate("consent_not_given@child", "nb")


def test_in_the_widget_the_child_sees_the_parents_approval_within_seconds(
    stack: VernStack, guardian_bot: FakeTelegram, page: Any
) -> None:
    def send(text: str) -> None:
        before = page.locator('[data-who="bot"]').count()
        page.fill("#vern-input", text)
        page.press("#vern-input", "Enter")
        # The page's strict CSP forbids eval, so wait with a locator, not a JS predicate.
        page.locator('[data-who="bot"]').nth(before).wait_for(timeout=30_000)

    address = new_address()
    page.goto(stack.web_url + "/")
    send("jeg vil være med på videoopptak av treningen")
    page.wait_for_selector(f'text="{translate("consent_ask_birth_year", "nb")}"', timeout=30_000)
    send(str(born_for_age(14)))
    page.click('.vern-buttons button:has-text("Ja")')
    page.wait_for_selector("text=Hvilken e-postadresse kan vi nå deg på?", timeout=30_000)
    send(address)
    send(code_for(stack, address))
    page.wait_for_selector("text=t.me/vern_test_bot", timeout=30_000)
    token = LINK.search(page.inner_text('[data-testid="vern-log"]')).group(1)  # type: ignore[union-attr]

    guardian_bot.user_sends(8103, f"/start {token}")
    (offer,) = guardian_bot.wait_for(8103, 1)
    guardian_bot.user_presses(8103, offer, "Godkjenn")
    told = translate("guardian_approved_child@young", "nb", title=VIDEOS_NB)
    page.wait_for_selector(f'text="{told}"', timeout=20_000)
    page.reload()
    page.wait_for_selector(f'text="{told}"', timeout=10_000)
    assert page.locator(f'text="{told}"').count() == 1, "a reload neither loses nor repeats the message"


def test_a_danish_16_year_olds_consent_applies_at_once_and_a_guardian_is_to_be_told(
    stack: VernStack, guardian_bot: FakeTelegram, engine: Engine
) -> None:
    chat, address = new_chat(), new_address()
    first = stack.texts(chat, "Jeg vil gerne modtage nyhedsbrevet")
    assert translate("consent_ask_birth_year", "da") in first
    asked = stack.texts(chat, str(born_for_age(16)))
    assert translate("consent_rule_informed@young", "da", low=16, high=17) in asked
    assert translate("consent_ask_guardian_email", "da") in asked
    shown = stack.texts(chat, "spring over")  # a link to pass on, as before
    assert notice_text(default_purposes()["newsletter"], "da", "young") in shown
    stack.texts(chat, "ja")
    stack.texts(chat, address)
    done = stack.texts(chat, code_for(stack, address))
    assert translate("consent_guardian_informed_needed@young", "da", title="Nyhedsbrev på e-mail", age=18) in done
    token = LINK.search(done).group(1)  # type: ignore[union-attr]
    service = consents(stack, engine)
    child = service.pseudonym(address)
    assert service.is_active(child, "newsletter"), "16-17: the child's own consent applies at once"

    guardian_bot.user_sends(8104, f"/start {token}", language="da")
    (note,) = guardian_bot.wait_for(8104, 1)
    guardian_bot.user_presses(8104, note, "Modtaget", language="da")
    guardian_bot.wait_for_edit(note)
    assert pushed_to(stack, chat) == [translate("guardian_informed_child", "da", title="Nyhedsbrev på e-mail")]
    (record,) = service.records_for(child)
    assert record.guardian_informed and record.active


@pytest.mark.parametrize(("language", "opening", "title"), [
    ("nb", "jeg vil gi samtykke", "Nyhetsbrev på e-post"),
    ("nn", "eg vil gi samtykke", "Nyheitsbrev på e-post"),
])
def test_an_adult_picks_a_purpose_from_the_buttons_and_consents(
    stack: VernStack, engine: Engine, language: str, opening: str, title: str
) -> None:
    chat, address = new_chat(), new_address()
    offered = stack.say(chat, opening)
    assert translate("consent_ask_purpose", language) in [m.get("text") for m in offered]
    assert translate("consent_ask_birth_year", language) in stack.texts(chat, "newsletter")
    notice = stack.texts(chat, "1985")
    assert notice_text(default_purposes()["newsletter"], language) in notice
    stack.texts(chat, "ja")
    stack.texts(chat, address)
    assert stack.texts(chat, code_for(stack, address)) == translate("consent_given", language, title=title)
    service = consents(stack, engine)
    assert service.is_active(service.pseudonym(address), "newsletter")


def test_a_guardians_answer_during_another_request_is_told_and_the_request_goes_on(
    stack: VernStack, guardian_bot: FakeTelegram
) -> None:
    chat, address = new_chat(), new_address()
    done = child_gives_consent(stack, chat, address, 14, "jeg vil være med på videoopptak av treningen")
    token = LINK.search("\n".join(m.get("text", "") for m in done)).group(1)  # type: ignore[union-attr]
    stack.texts(chat, "hva vet dere om meg?")  # an access request: the form asks what it concerns

    guardian_bot.user_sends(8105, f"/start {token}")
    (offer,) = guardian_bot.wait_for(8105, 1)
    guardian_bot.user_presses(8105, offer, "Godkjenn")
    pushed = pushed_to(stack, chat)
    assert pushed[0] == translate("guardian_approved_child@young", "nb", title=VIDEOS_NB)
    after = stack.texts(chat, "alt")
    assert "Hvilken e-postadresse kan vi nå deg på?" in after, "the form carried on where it was"
    assert translate("email_invalid", "nb") not in after, "the answer was not taken for the next question"


def test_a_child_entering_their_own_address_on_the_guardian_page_is_refused_and_told_why(
    stack: VernStack, guardian_bot: FakeTelegram, engine: Engine
) -> None:
    # The attack of issue 15: on main the record became `given` with the child's own key as the guardian's.
    chat, address = new_chat(), new_address()
    done = child_gives_consent(stack, chat, address, 14, "jeg vil være med på videoopptak av treningen")
    token = WEB_LINK.search("\n".join(m.get("text", "") for m in done)).group(1)  # type: ignore[union-attr]
    form = {"Content-Type": "application/x-www-form-urlencoded"}
    sent = http("POST", f"{stack.web_url}/guardian/{token}/code?lang=en",
                urllib.parse.urlencode({"email": address}).encode(), form)
    assert sent.status == 200
    answer = urllib.parse.urlencode({"email": address, "code": code_for(stack, address), "decision": "approve"})
    refused = http("POST", f"{stack.web_url}/guardian/{token}/answer?lang=en", answer.encode(), form)
    assert refused.status == 403
    assert translate("tg_child_itself", "en") in html.unescape(refused.raw.decode()), "in the guardian's language"

    service = consents(stack, engine)
    (record,) = service.records_for(service.pseudonym(address))
    assert record.status == "pending_guardian"
    assert pushed_to(stack, chat) == [translate("guardian_self_answer_child", "nb", title=VIDEOS_NB)]
