"""The school's register decides, end to end: a 12-year-old asks in the chat (typing the age as words), gives
the pupil number, and the guardian answers on the web page after the e-mail code. Only the guardian the
register lists for that pupil counts; the child's own address is refused as before."""

from __future__ import annotations

import html
import re
import urllib.parse
from collections.abc import Iterator

import pytest
from sqlalchemy.engine import Engine

from bot.clock import utc_now
from bot.config import AgeBands
from bot.consent.purposes import default_purposes, notice_hash, notice_text
from bot.consent.service import ConsentService
from bot.db.engine import create_db_engine
from bot.i18n import translate
from tests.conftest import REGISTERED_GUARDIANS
from tests.e2e.test_requests import code_for, new_address, new_chat
from tests.support.mailbox import mails_to
from tests.support.services import postgres_url
from tests.support.stack import VernStack, http

WEB_LINK = re.compile(r"http://[^\s]+/guardian/([A-Za-z0-9_-]+)")
FORM = {"Content-Type": "application/x-www-form-urlencoded"}
CONTROLLER, CONTACT = "Vern demo municipality", "personvern@example.org"


@pytest.fixture(scope="module")
def engine() -> Iterator[Engine]:
    db = create_db_engine(postgres_url())
    yield db
    db.dispose()


def consents(stack: VernStack, engine: Engine) -> ConsentService:
    return ConsentService(engine, utc_now, stack.secret("SECRET_KEY").encode(), default_purposes(), AgeBands(),
                          CONTROLLER)


def child_asks_for_health_adaptations(stack: VernStack, chat: str, address: str, age_typed: str,
                                      reference: str) -> str:
    """The dialogue as a 12-year-old meets it; returns the guardian page token."""
    stack.texts(chat, "jeg vil gi samtykke")
    asked = stack.texts(chat, "health-adaptations")  # the button's payload
    assert translate("consent_ask_birth_year", "nb") in asked, "the age first: the notice is in words for it"
    told = stack.texts(chat, age_typed)
    # In a child's words (issue 17 item 4).
    assert translate("consent_rule_guardian_only@child", "nb", age=13) in told, "before the e-mail step"
    assert translate("consent_ask_child_reference@child", "nb", controller=CONTROLLER) in told
    assert translate("consent_ask_birth_year", "nb") not in told
    notice = stack.texts(chat, reference)
    assert notice_text(default_purposes()["health-adaptations"], "nb", "child") in notice
    assert translate("consent_ask_agree@child", "nb") in notice, "voluntary: not even a teacher can require it"
    asked = stack.texts(chat, "ja")
    assert "e-post" in asked.lower(), asked
    stack.texts(chat, address)
    done = stack.texts(chat, code_for(stack, address))
    return WEB_LINK.search(done).group(1)  # type: ignore[union-attr]


def answer_on_page(stack: VernStack, token: str, email: str, lang: str = "nb") -> tuple[int, str]:
    sent = http("POST", f"{stack.web_url}/guardian/{token}/code?lang={lang}",
                urllib.parse.urlencode({"email": email}).encode(), FORM)
    assert sent.status == 200
    answer = urllib.parse.urlencode({"email": email, "code": code_for(stack, email), "decision": "approve"})
    answered = http("POST", f"{stack.web_url}/guardian/{token}/answer?lang={lang}", answer.encode(), FORM)
    return answered.status, html.unescape(answered.raw.decode())


def test_a_12_year_olds_consent_is_refused_for_an_unregistered_guardian_and_given_by_the_registered_one(
    stack: VernStack, engine: Engine
) -> None:
    chat, address = new_chat(), new_address()
    child, mother = REGISTERED_GUARDIANS[0]
    token = child_asks_for_health_adaptations(stack, chat, address, "jeg er tolv", child.lower())
    shown = html.unescape(http("GET", f"{stack.web_url}/guardian/{token}?lang=nb").raw.decode())
    # The guardian of a child under 13 reads the child's words (and can read them aloud).
    assert "Hjelp på skolen for helsen din" in shown and "Du kan si nei senere." in shown

    for someone in (new_address(), REGISTERED_GUARDIANS[1][1]):  # a stranger; a guardian of another pupil
        status, page = answer_on_page(stack, token, someone)
        assert status == 403
        assert translate("guardian_not_in_register", "nb", controller=CONTROLLER, contact=CONTACT) in page
    status, page = answer_on_page(stack, token, address, "en")  # the child's own address
    assert status == 403 and translate("tg_child_itself", "en") in page

    service = consents(stack, engine)
    (record,) = service.records_for(service.pseudonym(address))
    assert record.status == "pending_guardian", "nothing counted so far"

    status, page = answer_on_page(stack, token, mother)
    assert status == 200, page
    receipt = service.receipt(record.record_id)
    assert receipt["status"] == "given"
    assert receipt["guardian_verified"] == "register" and receipt["consented_by"] == "guardian"
    (guardian,) = receipt["consenting_parties"]
    assert guardian["notice"]["version"] == "child"
    assert guardian["notice"]["sha256"] == notice_hash(default_purposes()["health-adaptations"], "nb", "child")


def test_an_age_typed_in_english_is_understood(stack: VernStack) -> None:
    chat = new_chat()
    stack.texts(chat, "I want to give consent")
    stack.texts(chat, "newsletter")
    told = stack.texts(chat, "im 14")
    assert translate("consent_rule_joint@young", "en", low=13, high=15) in told
    assert notice_text(default_purposes()["newsletter"], "en", "young") in told
    assert "e-mail address" in stack.texts(chat, "yes").lower()


def test_a_17_year_olds_guardian_is_informed_by_vern_itself(stack: VernStack, engine: Engine) -> None:
    chat, address, parent = new_chat(), new_address(), new_address()
    stack.texts(chat, "jeg vil gi samtykke")
    stack.texts(chat, "newsletter")
    asked = stack.texts(chat, "jeg er 17")
    assert translate("consent_rule_informed@young", "nb", low=16, high=17) in asked
    assert translate("consent_ask_guardian_email", "nb") in asked
    shown = stack.texts(chat, f"mamma har {parent}")
    assert translate("consent_ask_guardian_email", "nb") not in shown, shown
    assert notice_text(default_purposes()["newsletter"], "nb", "young") in shown
    asked = stack.texts(chat, "ja")
    assert "e-postadresse" in asked.lower(), asked
    stack.texts(chat, address)
    done = stack.texts(chat, code_for(stack, address))
    assert translate("consent_guardian_mailed", "nb") in done
    (mail,) = mails_to(stack, parent)
    assert "/guardian/" in mail, "the link to acknowledge it"
    service = consents(stack, engine)
    (record,) = service.records_for(service.pseudonym(address))
    assert record.active and record.guardian_informed
