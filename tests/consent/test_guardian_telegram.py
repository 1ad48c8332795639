"""The guardian bot, as python-telegram-bot really runs it, against a local fake Bot API server."""

from __future__ import annotations

import asyncio
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy.engine import Engine

from bot.clock import FrozenClock
from bot.config import load_settings
from bot.consent.invitations import GuardianInvitations, InvitationIntent, IssuedInvitation
from bot.consent.purposes import DEFAULT_FILE, load_purposes
from bot.consent.service import ConsentService
from bot.i18n import translate
from bot.telegram.app import build_application
from bot.telegram.guardian_bot import GuardianServices, telegram_language
from tests.support.databases import migrated_sqlite
from tests.support.fake_telegram import FakeTelegram

PURPOSE = "training-videos"
SECRET = b"consent-test-secret-0123456789"


@pytest.fixture
def engine(tmp_path: Path) -> Iterator[Engine]:
    # One database is enough here: the records themselves are tested on both in test_records.
    with migrated_sqlite(tmp_path / "guardian.sqlite3") as db:
        yield db


@pytest.fixture
def invitations(engine: Engine, consents: ConsentService, clock: FrozenClock) -> GuardianInvitations:
    return GuardianInvitations(engine, consents, clock, SECRET)


class RunningBot:
    """The real Application, polling the fake server from a thread of its own."""

    def __init__(self, services: GuardianServices, telegram: FakeTelegram, tmp_path: Path) -> None:
        settings = load_settings({
            "VERN_ENV": "test", "VERN_VAR_DIR": str(tmp_path), "TELEGRAM_TOKEN": telegram.token,
            "TELEGRAM_API_URL": telegram.base_url,
        })
        self.application = build_application(settings, services, polling=True)
        self._loop = asyncio.new_event_loop()
        self._thread = threading.Thread(target=self._loop.run_forever, daemon=True)

    def _run(self, coroutine: object) -> None:
        asyncio.run_coroutine_threadsafe(coroutine, self._loop).result(timeout=30)  # type: ignore[arg-type]

    def start(self) -> None:
        self._thread.start()
        self._run(self.application.initialize())
        self._run(self.application.start())
        assert self.application.updater is not None
        self._run(self.application.updater.start_polling(poll_interval=0.05, timeout=1))

    def stop(self) -> None:
        assert self.application.updater is not None
        self._run(self.application.updater.stop())
        self._run(self.application.stop())
        self._run(self.application.shutdown())
        self._loop.call_soon_threadsafe(self._loop.stop)
        self._thread.join(timeout=10)


@pytest.fixture
def told() -> list[str]:
    return []


@pytest.fixture
def telegram(consents: ConsentService, invitations: GuardianInvitations, told: list[str],
             tmp_path: Path) -> Iterator[FakeTelegram]:
    async def notify_child(conversation_id: str) -> None:
        told.append(conversation_id)

    fake = FakeTelegram()
    fake.start()
    services = GuardianServices(consents, invitations, load_purposes(DEFAULT_FILE), "Demo idrettslag", "nb",
                                notify_child)
    bot = RunningBot(services, fake, tmp_path)
    bot.start()
    yield fake
    bot.stop()
    fake.stop()


def child_asks(consents: ConsentService, invitations: GuardianInvitations, age: int = 14,
               intent: InvitationIntent = InvitationIntent.APPROVE) -> tuple[str, IssuedInvitation]:
    record = consents.give(consents.pseudonym(f"child-{age}@example.org"), PURPOSE, "nb", "web", age=age)
    return record.record_id, invitations.issue(record.record_id, intent, "nb", "child-chat-1")


def test_a_parent_opens_the_deep_link_approves_and_gets_a_receipt(
    telegram: FakeTelegram, consents: ConsentService, invitations: GuardianInvitations, told: list[str]
) -> None:
    record_id, issued = child_asks(consents, invitations)
    telegram.user_sends(501, f"/start {issued.token}", language="nb")
    (offer,) = telegram.wait_for(501, 1)
    assert "Videoopptak av treningen i en lukket gruppe" in offer.text
    assert "forelder eller verge" in offer.text, "the parent declares the relation by approving"
    assert [b["text"] for b in offer.buttons] == ["Godkjenn", "Avslå"]

    telegram.user_presses(501, offer, "Godkjenn")
    telegram.wait_for_edit(offer)
    assert offer.text.startswith("Takk! Du har godkjent samtykket")
    assert record_id in offer.text, "the receipt names the record"
    assert consents.get(record_id).active
    receipt = consents.receipt(record_id)
    assert receipt["given_by"]["data_subject"] is True
    assert receipt["given_by"]["guardian"]["declared_relation"] == "parent_or_guardian"
    assert told == ["child-chat-1"], "the child's chat is told"

    # A second tap on the same button is answered politely and changes nothing.
    telegram.user_sends_callback(501, offer, f"a:{issued.invitation_id}")
    telegram.wait_for_edit(offer, edits=2)
    assert offer.text == translate("tg_used", "nb")
    assert told == ["child-chat-1"]


def test_a_danish_parent_types_the_short_code_and_declines(
    telegram: FakeTelegram, consents: ConsentService, invitations: GuardianInvitations
) -> None:
    record_id, issued = child_asks(consents, invitations)
    telegram.user_sends(502, issued.code.lower(), language="da")
    (offer,) = telegram.wait_for(502, 1)
    assert "Videooptagelser af træningen" in offer.text
    telegram.user_presses(502, offer, "Afvis", language="da")
    telegram.wait_for_edit(offer)
    assert offer.text == translate("tg_declined", "da", title="Videooptagelser af træningen i en lukket gruppe")
    assert consents.get(record_id).status == "refused"


@pytest.mark.parametrize("language", ["nn", "en"])
def test_expired_and_wrong_links_are_explained_in_the_parents_language(
    telegram: FakeTelegram, consents: ConsentService, invitations: GuardianInvitations, clock: FrozenClock,
    language: str,
) -> None:
    _, issued = child_asks(consents, invitations)
    clock.advance(hours=73)
    telegram.user_sends(503, f"/start {issued.token}", language=language)
    telegram.user_sends(503, "/start not-a-real-token-at-all-000000", language=language)
    expired, wrong = telegram.wait_for(503, 2)
    assert expired.text == translate("tg_expired", language)
    assert wrong.text == translate("tg_unknown", language)


def test_another_account_cannot_press_the_button_of_a_link_it_did_not_open(
    telegram: FakeTelegram, consents: ConsentService, invitations: GuardianInvitations
) -> None:
    record_id, issued = child_asks(consents, invitations)
    telegram.user_sends(504, f"/start {issued.token}")
    (offer,) = telegram.wait_for(504, 1)
    # A forged callback from someone else who never opened the link.
    telegram.user_sends_callback(666, offer, f"a:{issued.invitation_id}")
    telegram.wait_for_edit(offer)
    assert offer.text == translate("tg_not_opener", "nb")
    assert consents.get(record_id).status == "pending_guardian"


def test_a_parent_lists_and_withdraws_with_two_taps_and_it_applies_at_once(
    telegram: FakeTelegram, consents: ConsentService, invitations: GuardianInvitations
) -> None:
    record_id, issued = child_asks(consents, invitations)
    telegram.user_sends(505, f"/start {issued.token}")
    (offer,) = telegram.wait_for(505, 1)
    telegram.user_presses(505, offer, "Godkjenn")
    telegram.wait_for_edit(offer)

    telegram.user_sends(505, "/samtykker")
    _, listed = telegram.wait_for(505, 2)
    assert listed.text == translate("consent_line", "nb", title="Videoopptak av treningen i en lukket gruppe",
                                    status="gitt")
    telegram.user_presses(505, listed, "Trekk tilbake")
    telegram.wait_for_edit(listed)
    assert "Det gjelder straks" in listed.text
    assert consents.get(record_id).active, "the first tap only asks"
    telegram.user_presses(505, listed, "Ja, trekk tilbake")
    telegram.wait_for_edit(listed, edits=2)
    assert consents.get(record_id).status == "withdrawn"
    child = consents.pseudonym("child-14@example.org")
    assert not consents.is_active(child, PURPOSE)

    # A forged withdraw button for someone else's record is refused.
    other_id, _ = child_asks(consents, invitations, age=13)
    telegram.user_sends_callback(505, listed, f"c:{other_id}")
    telegram.wait_for_edit(listed, edits=3)
    assert listed.text == translate("tg_not_yours", "nb")
    assert consents.get(other_id).status == "pending_guardian"


def test_a_guardian_of_a_16_year_old_is_informed_and_cannot_withdraw(
    telegram: FakeTelegram, consents: ConsentService, invitations: GuardianInvitations
) -> None:
    record_id, issued = child_asks(consents, invitations, age=16, intent=InvitationIntent.INFORM)
    telegram.user_sends(506, f"/start {issued.token}", language="en")
    (note,) = telegram.wait_for(506, 1)
    assert note.text.startswith("For your information")
    telegram.user_presses(506, note, "Noted", language="en")
    telegram.wait_for_edit(note)
    assert consents.get(record_id).guardian_informed
    telegram.user_sends(506, "/consents", language="en")
    _, listed = telegram.wait_for(506, 2)
    assert listed.buttons == [], "the consent is the child's to withdraw"


def test_the_bot_greets_without_a_code_and_never_crashes_on_odd_input(telegram: FakeTelegram) -> None:
    telegram.user_sends(507, "/start", language=None)
    telegram.user_sends(507, "hei")
    telegram.user_sends(507, "\u0000" * 20 + "🙂" * 10)
    welcome, short, odd = telegram.wait_for(507, 3)
    assert welcome.text == translate("tg_welcome", "nb", controller="Demo idrettslag")
    assert short.text == translate("tg_welcome", "nb", controller="Demo idrettslag")
    assert odd.text == translate("tg_unknown", "nb")


def test_telegram_interface_languages_map_to_vern_languages() -> None:
    assert [telegram_language(c, "da") for c in ("nb", "no", "nn", "da", "en-GB", "sv", None)] == [
        "nb", "nb", "nn", "da", "en", "da", "da"]


def test_the_childs_own_telegram_account_cannot_answer_and_both_hear_why(
    telegram: FakeTelegram, consents: ConsentService, invitations: GuardianInvitations, told: list[str]
) -> None:
    # The child's chat came from Telegram account 777: the flow excludes that account (tests/consent/
    # test_guardian_not_child.py); here the bot refuses it, in the account's language, and tells the chat.
    record = consents.give(consents.pseudonym("child-14@example.org"), PURPOSE, "nb", "telegram", age=14)
    issued = invitations.issue(record.record_id, InvitationIntent.APPROVE, "nb", "777",
                               excluded_keys={consents.pseudonym("telegram:777")})
    telegram.user_sends(777, f"/start {issued.token}", language="nn")
    (refusal,) = telegram.wait_for(777, 1)
    assert refusal.text == translate("tg_child_itself", "nn")
    assert not refusal.buttons
    assert consents.get(record.record_id).status == "pending_guardian"
    assert told == ["777"], "the child's chat is told why"

    telegram.user_sends(505, f"/start {issued.token}", language="nb")
    (offer,) = telegram.wait_for(505, 1)
    telegram.user_presses(505, offer, "Godkjenn")
    telegram.wait_for_edit(offer)
    assert consents.get(record.record_id).active, "the parent's own account still can"


def test_help_language_and_stop_forgetting_the_telegram_account(
    telegram: FakeTelegram, consents: ConsentService, invitations: GuardianInvitations
) -> None:
    record_id, issued = child_asks(consents, invitations)
    telegram.user_sends(508, f"/start {issued.token}")
    (offer,) = telegram.wait_for(508, 1)
    telegram.user_presses(508, offer, "Godkjenn")
    telegram.wait_for_edit(offer)

    telegram.user_sends(508, "/hjelp")
    _, helped = telegram.wait_for(508, 2)
    assert helped.text == translate("tg_help", "nb", controller="Demo idrettslag")

    # /language: the choice applies to every later message, whatever Telegram's interface language says.
    telegram.user_sends(508, "/language")
    *_, choose = telegram.wait_for(508, 3)
    telegram.user_presses(508, choose, "English")
    telegram.wait_for_edit(choose)
    assert choose.text == translate("tg_language_set", "en", name="English")
    telegram.user_sends(508, "/samtykker")
    *_, listed = telegram.wait_for(508, 4)
    assert listed.text == translate("consent_line", "en", title="Video recordings of training in a closed group",
                                    status="given")

    # /stop: two taps; then the records no longer know the account, and the answer still stands.
    telegram.user_sends(508, "/stop")
    *_, confirm = telegram.wait_for(508, 5)
    assert confirm.text.startswith("Do you want Vern to forget your Telegram account?")
    telegram.user_presses(508, confirm, "Yes, forget me")
    telegram.wait_for_edit(confirm)
    assert confirm.text.startswith("Done. Vern has forgotten your Telegram account.")
    account = consents.pseudonym("telegram:508")
    assert consents.records_for_guardian(account) == []
    receipt = consents.receipt(record_id)
    assert receipt["status"] == "given" and receipt["guardian_verified"] == "telegram"
    assert receipt["given_by"]["guardian"]["pseudonymous_key"].startswith("forgotten:")
    telegram.user_sends(508, "/consents")
    *_, nothing = telegram.wait_for(508, 6)
    assert nothing.text == translate("tg_consents_none", "nb"), "the language choice was forgotten too"


def test_child_lists_the_consents_answered_for_a_child_and_withdraws_them(
    telegram: FakeTelegram, consents: ConsentService, invitations: GuardianInvitations
) -> None:
    telegram.user_sends(509, "/barn")
    (none,) = telegram.wait_for(509, 1)
    assert none.text == translate("tg_child_none", "nb", controller="Demo idrettslag")

    # A 12-year-old's consent with the school's number for the child; the parent approves through the link.
    record = consents.give(consents.pseudonym("ada@example.org"), PURPOSE, "nb", "web", 12, None, "ELEV-4711")
    issued = invitations.issue(record.record_id, InvitationIntent.APPROVE, "nb", "child-chat-9",
                               child_reference="ELEV-4711")
    telegram.user_sends(509, f"/start {issued.token}", language="en")
    *_, offer = telegram.wait_for(509, 2)
    telegram.user_presses(509, offer, "Approve", language="en")
    telegram.wait_for_edit(offer)

    telegram.user_sends(509, "/child elev-4711", language="en")
    *_, intro, line = telegram.wait_for(509, 4)
    assert intro.text == translate("tg_child_intro", "en", controller="Demo idrettslag")
    assert "access or erasure" in intro.text, "points to the chat for the rest"
    assert line.text == translate("consent_line", "en", title="Video recordings of training in a closed group",
                                  status="given")
    telegram.user_sends(509, "/child ELEV-0815", language="en")
    *_, other = telegram.wait_for(509, 5)
    assert other.text == translate("tg_child_none", "en", controller="Demo idrettslag"), "another child: nothing"

    telegram.user_presses(509, line, translate("consent_withdraw_button", "en"), language="en")
    telegram.wait_for_edit(line)
    telegram.user_presses(509, line, translate("tg_button_confirm_withdraw", "en"), language="en")
    telegram.wait_for_edit(line, edits=2)
    assert consents.get(record.record_id).status == "withdrawn"

    # Someone else's account sees nothing of it.
    telegram.user_sends(510, "/child ELEV-4711", language="en")
    (stranger,) = telegram.wait_for(510, 1)
    assert stranger.text == translate("tg_child_none", "en", controller="Demo idrettslag")
