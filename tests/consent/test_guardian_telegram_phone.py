"""The register by phone inside Telegram: the real bot, the fake Bot API server, a register file in tmp_path."""

from __future__ import annotations

import hashlib
import json
import logging
from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy.engine import Engine

from bot.clock import FrozenClock
from bot.consent.invitations import GuardianInvitations, InvitationIntent, IssuedInvitation
from bot.consent.purposes import DEFAULT_FILE, load_purposes
from bot.consent.service import ConsentService
from bot.guardians.registry import FileGuardianRegistry, GuardianContact, GuardianRegistry, RegistryUnavailable
from bot.i18n import translate
from bot.telegram.guardian_bot import GuardianServices
from bot.telegram.register_phone import shared_phone
from tests.consent.test_guardian_telegram import RunningBot
from tests.support.databases import migrated_sqlite
from tests.support.fake_telegram import FakeTelegram, SentMessage

SECRET = b"consent-test-secret-0123456789"
PURPOSE = "health-adaptations"  # registry_required: true
CONTROLLER = "Demo skole"
GUARDIAN_DIGITS = "41234567"  # the registered guardian's number, +47 412 34 567 (made up)
OTHER_PHONE = "4798765432"  # made up, not in the register


@pytest.fixture
def engine(tmp_path: Path) -> Iterator[Engine]:
    with migrated_sqlite(tmp_path / "guardian.sqlite3") as db:
        yield db


@pytest.fixture
def invitations(engine: Engine, consents: ConsentService, clock: FrozenClock) -> GuardianInvitations:
    return GuardianInvitations(engine, consents, clock, SECRET)


@pytest.fixture
def register(tmp_path: Path) -> FileGuardianRegistry:
    # The guardian's number as a hashed cell: the file itself need not show who anyone is.
    hashed = hashlib.sha256(f"+47{GUARDIAN_DIGITS}".encode()).hexdigest()
    path = tmp_path / "guardians.csv"
    path.write_text(f"child_reference,guardian\nELEV-1,sha256:{hashed}\nELEV-1,far@example.org\n", encoding="utf-8")
    return FileGuardianRegistry(path)


class Bot:
    def __init__(self, consents: ConsentService, invitations: GuardianInvitations, registry: GuardianRegistry,
                 tmp_path: Path) -> None:
        self.told: list[str] = []

        async def notify_child(conversation_id: str) -> None:
            self.told.append(conversation_id)

        self.fake = FakeTelegram()
        self.fake.start()
        services = GuardianServices(consents, invitations, load_purposes(DEFAULT_FILE), CONTROLLER, "nb",
                                    notify_child, registry, "personvern@example.org")
        self.running = RunningBot(services, self.fake, tmp_path)
        self.running.start()

    def stop(self) -> None:
        self.running.stop()
        self.fake.stop()


@pytest.fixture
def bot(consents: ConsentService, invitations: GuardianInvitations, register: FileGuardianRegistry,
        tmp_path: Path) -> Iterator[Bot]:
    running = Bot(consents, invitations, register, tmp_path)
    yield running
    running.stop()


def twelve_year_old_asks(consents: ConsentService, invitations: GuardianInvitations) -> tuple[str, IssuedInvitation]:
    record = consents.give(consents.pseudonym("child-12@example.org"), PURPOSE, "nb", "web", age=12,
                           child_reference="ELEV-1")
    return record.record_id, invitations.issue(record.record_id, InvitationIntent.APPROVE, "nb", "child-chat-9",
                                               child_reference="ELEV-1")


def opens(fake: FakeTelegram, user: int, token: str, language: str = "nb") -> tuple[SentMessage, SentMessage]:
    fake.user_sends(user, f"/start {token}", language=language)
    offer, phone = fake.wait_for(user, 2)
    return offer, phone


def test_a_registered_guardian_shares_their_phone_and_the_childs_consent_is_given(
    bot: Bot, consents: ConsentService, invitations: GuardianInvitations, tmp_path: Path,
    caplog: pytest.LogCaptureFixture,
) -> None:
    caplog.set_level(logging.DEBUG)
    record_id, issued = twelve_year_old_asks(consents, invitations)
    offer, phone = opens(bot.fake, 601, issued.token)
    assert "Hjelp på skolen for helsen din" in offer.text, "a 12-year-old's guardian reads the child's words"
    assert [b["text"] for b in offer.buttons] == ["Godkjenn", "Avslå"]
    assert phone.text == translate("tg_register_phone_offer", "nb", controller=CONTROLLER,
                                   button="Del telefonnummeret mitt")
    assert phone.keyboard == [{"text": "Del telefonnummeret mitt", "request_contact": True}]
    assert phone.reply_markup is not None and phone.reply_markup.get("one_time_keyboard") is True

    bot.fake.user_presses(601, offer, "Godkjenn")
    *_, wait = bot.fake.wait_for(601, 3)
    assert wait.text.startswith("Du valgte «Godkjenn».")
    assert wait.keyboard[0]["request_contact"] is True
    assert consents.get(record_id).status == "pending_guardian", "the press alone records nothing"

    bot.fake.user_shares_contact(601, f"47{GUARDIAN_DIGITS}", contact_user_id=601)  # Telegram's form: no "+"
    *_, receipt_message = bot.fake.wait_for(601, 4)
    assert receipt_message.text.startswith("Takk! Du har godkjent samtykket")
    assert receipt_message.removes_keyboard
    record = consents.get(record_id)
    assert record.status == "given"
    receipt = consents.receipt(record_id)
    assert receipt["guardian_verified"] == "register"
    assert receipt["given_by"]["guardian"]["declared_relation"] == "parent_or_guardian"
    assert bot.told == ["child-chat-9"]

    # Never stored, never logged: not in the receipt, the database (records, audit events), or any log line.
    assert GUARDIAN_DIGITS not in json.dumps(receipt)
    for path in tmp_path.rglob("*"):
        if path.is_file():
            assert GUARDIAN_DIGITS.encode() not in path.read_bytes(), path.name
    assert GUARDIAN_DIGITS not in caplog.text


def test_an_unregistered_phone_is_refused_and_nothing_changes(
    bot: Bot, consents: ConsentService, invitations: GuardianInvitations
) -> None:
    record_id, issued = twelve_year_old_asks(consents, invitations)
    offer, _ = opens(bot.fake, 602, issued.token)
    bot.fake.user_presses(602, offer, "Godkjenn")
    bot.fake.wait_for(602, 3)
    bot.fake.user_shares_contact(602, OTHER_PHONE, contact_user_id=602)
    *_, refusal = bot.fake.wait_for(602, 4)
    assert refusal.text == translate("tg_register_phone_not_listed", "nb", controller=CONTROLLER,
                                     contact="personvern@example.org")
    assert "nettsiden i lenken fra barnet" in refusal.text, "the web page stays the way forward"
    assert refusal.removes_keyboard
    assert consents.get(record_id).status == "pending_guardian"
    assert bot.told == []
    # Pressing again after the refusal still records nothing: the register's no is not forgotten into a yes.
    bot.fake.user_presses(602, offer, "Godkjenn")
    bot.fake.wait_for(602, 5)
    assert consents.get(record_id).status == "pending_guardian"


def test_a_contact_that_is_not_the_senders_own_is_refused(
    bot: Bot, consents: ConsentService, invitations: GuardianInvitations
) -> None:
    record_id, issued = twelve_year_old_asks(consents, invitations)
    offer, _ = opens(bot.fake, 603, issued.token)
    bot.fake.user_presses(603, offer, "Godkjenn")
    bot.fake.wait_for(603, 3)
    # The registered guardian's contact, forwarded by someone else's account; then one without any account.
    bot.fake.user_shares_contact(603, f"47{GUARDIAN_DIGITS}", contact_user_id=601)
    bot.fake.user_shares_contact(603, f"47{GUARDIAN_DIGITS}", contact_user_id=None)
    *_, forwarded, unlinked = bot.fake.wait_for(603, 5)
    expected = translate("tg_register_phone_not_own", "nb", button="Del telefonnummeret mitt")
    assert forwarded.text == expected and unlinked.text == expected
    assert forwarded.keyboard[0]["request_contact"] is True, "the way forward: the account's own number"
    assert consents.get(record_id).status == "pending_guardian"


@pytest.mark.parametrize(("language", "button", "approve"), [
    ("nn", "Del telefonnummeret mitt", "Godkjenn"), ("da", "Del mit telefonnummer", "Godkend"),
    ("en", "Share my phone number", "Approve"),
])
def test_the_button_is_offered_in_the_guardians_language_and_may_come_before_the_choice(
    bot: Bot, consents: ConsentService, invitations: GuardianInvitations, language: str, button: str, approve: str
) -> None:
    record_id, issued = twelve_year_old_asks(consents, invitations)
    _, phone = opens(bot.fake, 604, issued.token, language)
    assert phone.keyboard == [{"text": button, "request_contact": True}]
    assert phone.text == translate("tg_register_phone_offer", language, controller=CONTROLLER, button=button)

    # Shared first: the register's yes is remembered for this link, and the buttons are shown again.
    bot.fake.user_shares_contact(604, f"+47 {GUARDIAN_DIGITS}", contact_user_id=604, language=language)
    *_, listed, choose = bot.fake.wait_for(604, 4)
    assert listed.text == translate("tg_register_phone_listed", language, controller=CONTROLLER)
    assert listed.removes_keyboard
    assert consents.get(record_id).status == "pending_guardian"
    bot.fake.user_presses(604, choose, approve, language=language)
    bot.fake.wait_for_edit(choose)
    assert consents.get(record_id).status == "given"
    assert consents.receipt(record_id)["guardian_verified"] == "register"


def test_a_register_that_cannot_answer_changes_nothing(
    consents: ConsentService, invitations: GuardianInvitations, tmp_path: Path
) -> None:
    class Down:
        async def is_guardian(self, child_reference: str, contact: GuardianContact) -> bool:
            raise RegistryUnavailable("down")

    running = Bot(consents, invitations, Down(), tmp_path)
    try:
        record_id, issued = twelve_year_old_asks(consents, invitations)
        offer, _ = opens(running.fake, 605, issued.token, "en")
        running.fake.user_presses(605, offer, "Decline", language="en")
        running.fake.wait_for(605, 3)
        running.fake.user_shares_contact(605, f"47{GUARDIAN_DIGITS}", contact_user_id=605, language="en")
        *_, later = running.fake.wait_for(605, 4)
        assert later.text == translate("guardian_register_unavailable", "en", contact="personvern@example.org")
        assert later.keyboard[0]["request_contact"] is True, "the button stays for trying again"
        assert consents.get(record_id).status == "pending_guardian"
    finally:
        running.stop()


def test_shared_numbers_are_read_as_the_register_compares_them() -> None:
    assert shared_phone("4741234567", "NO") == "+4741234567"
    assert shared_phone("412 34 567", "NO") == "+4741234567"
    assert shared_phone("20 12 34 56", "DK") == "+4520123456"
    assert shared_phone("12", "NO") is None


def test_a_shared_phone_with_no_link_open_is_not_asked_about(bot: Bot) -> None:
    bot.fake.user_shares_contact(606, f"47{GUARDIAN_DIGITS}", contact_user_id=606)
    (answer,) = bot.fake.wait_for(606, 1)
    assert answer.text == translate("tg_register_phone_no_link", "nb")
    assert answer.removes_keyboard
