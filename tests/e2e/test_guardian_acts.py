"""A guardian acts for a child in the chat, end to end (issue 17 item 2): the REST channel, the trained model,
the action server, the demo register, PostgreSQL and SMTP."""

from __future__ import annotations

from sqlalchemy import text

from bot.db.engine import create_db_engine
from bot.i18n import translate
from tests.conftest import REGISTERED_GUARDIANS
from tests.e2e.test_requests import REFERENCE, new_chat
from tests.support.mailbox import code_for, mails_to, new_address
from tests.support.services import postgres_url
from tests.support.stack import VernStack

CONTROLLER, CONTACT = "Vern demo municipality", "personvern@example.org"


def made_by(reference: str) -> tuple[str | None, str | None]:
    engine = create_db_engine(postgres_url())
    try:
        with engine.connect() as connection:
            row = connection.execute(text("SELECT made_by, guardian_verified FROM cases WHERE reference = :r"),
                                     {"r": reference}).one()
            return row[0], row[1]
    finally:
        engine.dispose()


def test_a_registered_guardians_access_request_for_a_10_year_old_opens_a_case_that_names_the_guardian(
        stack: VernStack) -> None:
    chat = new_chat()
    child, mother = REGISTERED_GUARDIANS[0]
    first = stack.texts(chat, "jeg vil ha innsyn i det dere har om datteren min")
    assert translate("guardian_acting_intro", "nb", controller=CONTROLLER) in first
    assert translate("guardian_ask_child_age", "nb") in first
    asked = stack.texts(chat, "10")
    assert translate("guardian_ask_child_reference", "nb", controller=CONTROLLER) in asked
    stack.texts(chat, child.lower())  # the scope question
    stack.texts(chat, "alt")  # the address question
    stack.texts(chat, mother)
    done = stack.texts(chat, code_for(stack, mother))
    assert translate("guardian_case_for_child", "nb", child=child) in done
    reference = REFERENCE.search(done)
    assert reference is not None, done
    assert made_by(reference.group(0)) == ("guardian", "register")
    assert any(reference.group(0) in mail for mail in mails_to(stack, mother)), "the receipt goes to the guardian"


def test_an_unregistered_guardian_who_pressed_the_button_is_refused(stack: VernStack) -> None:
    chat, someone = new_chat(), new_address()
    child, _ = REGISTERED_GUARDIANS[0]
    stack.texts(chat, "eg vil at de slettar opplysningane mine")
    switched = stack.texts(chat, '/inform{"case_reference": "forchild:"}')  # the «For barnet mitt» button
    assert translate("guardian_ask_child_age", "nn") in switched
    stack.texts(chat, "2016")
    stack.texts(chat, child)
    stack.texts(chat, someone)
    refused = stack.texts(chat, code_for(stack, someone))
    assert translate("guardian_refused_not_guardian", "nn", controller=CONTROLLER, contact=CONTACT) in refused
    assert REFERENCE.search(refused) is None
