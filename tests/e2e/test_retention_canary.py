"""Canary: chats full of unique personal values, through the real REST channel in all four languages,
ended, then the retention worker past the deadline. Afterwards no seeded value is left in any table,
any Redis key or any log file, and the masked chats show the annex's tokens."""

from __future__ import annotations

import datetime
import random
import string
import uuid
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from datetime import timedelta
from pathlib import Path

import pytest
import redis

from bot.backup.service import Backups
from bot.clock import FrozenClock, utc_now
from bot.config import load_settings
from bot.db.engine import create_db_engine
from bot.i18n import translate
from bot.inventory import file_kind_of, redis_family_of
from bot.pii import chat_masker
from bot.retention.chat_stores import RedisChatLogStore, SqlChatLogStore
from bot.retention.leader import DatabaseLeaderLock
from bot.retention.policy import DEFAULT_POLICY_FILE, load_policy
from bot.retention.worker import RetentionWorker
from tests.backup.deployment import everything
from tests.e2e.test_guardian_consent import guardian_bot  # noqa: F401 - the fixture, for the person canary
from tests.pii.generators import danish_cpr, iban, norwegian_account, norwegian_id
from tests.support.fake_telegram import FakeTelegram
from tests.support.mailbox import code_for
from tests.support.services import postgres_url, redis_url
from tests.support.stack import VernStack, http, post_json
from tests.support.stored import everything_stored

CUES = {"nb": "hei, jeg heter", "nn": "hei, eg heiter", "da": "hej, jeg hedder", "en": "hi, my name is"}
CONTACT = {"nb": "du når meg på", "nn": "du når meg på", "da": "du kan fange mig på", "en": "you can reach me at"}
GOODBYE = {"nb": "ha det bra", "nn": "ha det bra", "da": "farvel", "en": "goodbye"}


def _letters(count: int) -> str:
    return "".join(random.choice(string.ascii_lowercase) for _ in range(count))


@dataclass
class CanaryChat:
    language: str
    sender: str = ""
    first: str = ""
    last: str = ""
    email: str = ""
    phone: str = ""
    account: str = ""
    national_id: str = ""
    iban_number: str = ""

    def __post_init__(self) -> None:
        self.sender = f"canary-{uuid.uuid4().hex}"
        self.first = "Ingrid" + _letters(5)
        self.last = "Solbakken" + _letters(5)
        self.email = f"canary.{uuid.uuid4().hex[:10]}@example.org"
        self.phone = random.choice("49") + "".join(random.choice(string.digits) for _ in range(7))
        self.account = norwegian_account(str(random.randint(1200, 9899)), f"{random.randint(10, 99)}")
        self.national_id = norwegian_id(datetime.date(1970 + random.randint(0, 40), random.randint(1, 12),
                                                      random.randint(1, 28)), random.randint(0, 400))
        self.iban_number = iban("DK", "".join(random.choice(string.digits) for _ in range(14)))

    def values(self) -> list[str]:
        return [self.first, self.last, self.email, self.phone, self.account, self.national_id, self.iban_number]

    def messages(self) -> list[str]:
        return [
            f"{CUES[self.language]} {self.first} {self.last}",
            f"{CONTACT[self.language]} {self.email} / {self.phone}",
            f"konto {self.account}, IBAN {self.iban_number}",
            f"fnr {self.national_id}",
            GOODBYE[self.language],
        ]


def test_no_seeded_value_survives_masking_anywhere(stack: VernStack, tmp_path: Path) -> None:
    random.seed()
    chats = [CanaryChat(language) for language in ("nb", "nn", "da", "en") for _ in range(2)]
    for chat in chats:
        for message in chat.messages():
            stack.say(chat.sender, message)
        # Goodbye should have ended it; the widget's end button makes sure, whatever the NLU heard.
        assert post_json(f"{stack.web_url}/api/chat/end", {"sender": chat.sender}).status == 200
    before = everything_stored(stack.var_dir)
    for chat in chats:
        assert chat.first in before, "the canary reached the store"
        assert chat.national_id not in before, "national IDs never reach a store or a log"

    engine = create_db_engine(postgres_url())
    try:
        leader = DatabaseLeaderLock(engine, tmp_path)
        worker = RetentionWorker(
            engine, [RedisChatLogStore(redis.Redis.from_url(redis_url()))], load_policy(DEFAULT_POLICY_FILE),
            FrozenClock(utc_now() + timedelta(minutes=16)), chat_masker(), None, leader,
        )
        try:
            report = worker.run_once()
        finally:
            leader.release()  # the next worker (another test) must be able to lead
    finally:
        engine.dispose()
    assert report.failed == 0 and report.masked >= len(chats)

    after = everything_stored(stack.var_dir)
    leaks = [(chat.language, value) for chat in chats for value in chat.values() if value in after]
    assert leaks == []
    tracker = redis.Redis.from_url(redis_url()).get(f"vern:tracker:{chats[0].sender}")
    assert tracker is not None
    masked = tracker.decode()
    assert all(token in masked for token in ("<name>", "<email>", "<number>"))

    metrics = http("GET", f"{stack.web_url}/metrics")
    assert metrics.status == 200
    scraped = metrics.raw.decode()
    assert "vern_chats_overdue_masking 0" in scraped
    assert 'vern_retention_chats_last_24h{rule="mask-bot-chats"}' in scraped


# --- One person, every way in: then erasure and every rule, and nothing of theirs is left anywhere ---------

@dataclass
class Person:
    first: str = field(default_factory=lambda: "Gudrun" + _letters(6))
    last: str = field(default_factory=lambda: "Aakerholt" + _letters(6))
    email: str = field(default_factory=lambda: f"canary.{uuid.uuid4().hex[:10]}@example.org")
    phone: str = field(default_factory=lambda: "4" + "".join(random.choice(string.digits) for _ in range(7)))
    fnr: str = field(default_factory=lambda: norwegian_id(datetime.date(2011, random.randint(1, 12),
                                                                        random.randint(1, 28)),
                                                          random.randint(0, 400)))
    cpr: str = field(default_factory=lambda: danish_cpr(datetime.date(1980 + random.randint(0, 20),
                                                                      random.randint(1, 12), random.randint(1, 28)),
                                                        random.randint(1000, 3999)))
    telegram_id: int = field(default_factory=lambda: random.randint(7_000_000_000, 7_999_999_999))

    def values(self) -> list[str]:
        return [self.first, self.last, self.email, self.email.split("@")[0], self.phone, self.fnr, self.cpr,
                str(self.telegram_id)]


def _everything_under(var_dir: Path) -> str:
    parts = []
    for path in sorted(var_dir.rglob("*")):
        if path.is_file():
            parts.append(f"{path}: " + path.read_bytes().decode("utf-8", "replace"))
    return "\n".join(parts)


def _plant_rest(stack: VernStack, person: Person) -> None:
    chat = f"canary-rest-{uuid.uuid4().hex}"
    for message in (f"hei, jeg heter {person.first} {person.last}", f"du når meg på {person.email} / {person.phone}",
                    f"fødselsnummeret mitt er {person.fnr}", f"mit CPR-nummer er {person.cpr}"):
        stack.say(chat, message)
    assert post_json(f"{stack.web_url}/api/chat/end", {"sender": chat}).status == 200


def _plant_socket_and_copy(stack: VernStack, person: Person) -> None:
    from tests.e2e.test_socket_channel import join, socket, turn

    with socket(stack) as client:
        join(client, None)
        turn(client, f"hi, my name is {person.first} {person.last}, phone {person.phone}")
        turn(client, f"you can reach me at {person.email}")
        asked = client.client.call("vern_copy_code", {"email": person.email, "language": "en"}, timeout=60)
        assert asked["ok"], asked
        sent = client.client.call("vern_copy_send", {"email": person.email, "code": code_for(stack, person.email),
                                                     "language": "en"}, timeout=60)
        assert sent["ok"], sent


def _plant_handoff(stack: VernStack, person: Person, database_url: str | None = None) -> None:
    from tests.e2e.test_console import signed_in
    from tests.e2e.test_handoff import chat_id_in_queue

    chat = f"canary-handoff-{uuid.uuid4().hex}"
    stack.say(chat, f"hei, jeg heter {person.first} {person.last}")
    stack.say(chat, "kan jeg snakke med et menneske?")
    stack.say(chat, "/confirm_handoff")
    engine = create_db_engine(database_url or postgres_url())
    try:
        client, _ = signed_in(stack, engine)
        handoff_id = chat_id_in_queue(client, "nb")
        csrf = client.csrf("/console/chats")
        assert client.call("POST", f"/console/chats/{handoff_id}/take", {"csrf": csrf}).status == 302
        stack.say(chat, f"telefonen min er {person.phone}, e-post {person.email}")
        client.call("POST", f"/console/chats/{handoff_id}/send", {"csrf": csrf, "message": f"Takk, {person.first}"})
    finally:
        engine.dispose()
    # The person leaves without ending it: the idle rule has to end it.


def _plant_consent_with_guardian(stack: VernStack, person: Person, guardian: FakeTelegram) -> None:
    from tests.e2e.test_guardian_consent import LINK, child_gives_consent

    chat = f"canary-consent-{uuid.uuid4().hex}"
    done = child_gives_consent(stack, chat, person.email, 14, "jeg vil være med på videoopptak av treningen")
    token = LINK.search("\n".join(m.get("text", "") for m in done)).group(1)  # type: ignore[union-attr]
    guardian.user_sends(person.telegram_id, f"/start {token}", language="nb")
    (offer,) = guardian.wait_for(person.telegram_id, 1)
    guardian.user_presses(person.telegram_id, offer, "Godkjenn")
    guardian.wait_for_edit(offer)


def _erase(stack: VernStack, person: Person, stored: Callable[[], str] = everything_stored) -> None:
    chat = f"canary-erasure-{uuid.uuid4().hex}"
    stack.texts(chat, "Jeg vil at dere sletter alt dere har om meg")
    stack.texts(chat, person.email)
    preview = stack.say(chat, code_for(stack, person.email))
    buttons = [button["payload"] for message in preview for button in message.get("buttons", [])]
    assert "/confirm_erasure" in buttons, preview
    assert person.first in stored(), "nothing is erased before the person confirms"
    assert stack.texts(chat, "/confirm_erasure") == translate("subject_erased", "nb")


def _run_every_rule(stack: VernStack, tmp_path: Path, database_url: str | None = None) -> None:
    from bot.audit.service import AuditTrail
    from bot.consent.purposes import default_purposes
    from bot.retention.record_kinds import RecordPlaces

    engine = create_db_engine(database_url or postgres_url())
    clock = FrozenClock(utc_now() + timedelta(days=4 * 365))  # past every rule of the policy
    trail = AuditTrail(engine, clock, stack.secret("SECRET_KEY").encode())
    places = RecordPlaces(
        exports_dir=stack.var_dir / "exports", outbox_dir=stack.var_dir / "outbox",
        purpose_retention={p.id: timedelta(days=p.retention_days) for p in default_purposes().values()},
        prune_audit=trail.prune_before,
    )
    try:
        leader = DatabaseLeaderLock(engine, tmp_path)
        chats = [SqlChatLogStore(engine)] if database_url else [RedisChatLogStore(redis.Redis.from_url(redis_url()))]
        worker = RetentionWorker(engine, chats, load_policy(DEFAULT_POLICY_FILE), clock, chat_masker(), trail.record,
                                 leader, places=places)
        try:
            for _ in range(2):  # the second run deletes what the first masked a year before the clock
                assert worker.run_once().failed == 0
                clock.advance(days=400)
        finally:
            leader.release()
        assert trail.verify().ok, "the audit chain verifies across the cut"
    finally:
        engine.dispose()


def test_one_person_every_way_in_then_erasure_and_every_rule_leave_nothing(
    stack: VernStack, request: pytest.FixtureRequest, tmp_path: Path
) -> None:
    guardian: FakeTelegram = request.getfixturevalue("guardian_bot")
    person = Person()
    _plant_rest(stack, person)
    _plant_socket_and_copy(stack, person)
    _plant_handoff(stack, person)
    _plant_consent_with_guardian(stack, person, guardian)
    before = everything_stored(stack.var_dir)
    assert person.first in before and person.phone in before, "the canary reached the stores"

    backups = Backups(load_settings(stack.env), utc_now)
    backup = backups.create()  # yesterday's backup: it holds the person

    _erase(stack, person)
    _run_every_rule(stack, tmp_path)
    # A restore of that backup, tried in a scratch copy on the same moved clock: the journal erases the person
    # again, and the copy obeys every rule, before anyone reads it.
    later = Backups(load_settings(stack.env), FrozenClock(utc_now() + timedelta(days=4 * 365 + 800)))
    replayed, restored = later.drill(backup.name, everything)
    assert replayed.found >= 1
    assert [value for value in person.values() if value in restored] == [], "the restored backup forgot them"

    after = everything_stored(stack.var_dir) + "\n" + _everything_under(stack.var_dir)
    assert [value for value in person.values() if value in after] == []
    client = redis.Redis.from_url(redis_url())
    strays = [key.decode() for key in client.scan_iter() if redis_family_of(key.decode()) is None]
    assert strays == [], "every Redis key belongs to a family of the inventory"
    files = [str(path.relative_to(stack.var_dir)) for path in stack.var_dir.rglob("*") if path.is_file()]
    assert [path for path in files if file_kind_of(path) is None] == [], "every var file is in the inventory"


# --- The same on the embedded default of `make run`: SQLite, no Redis ---------------------------------------

@pytest.fixture(scope="module")
def embedded(trained_model: Path, tmp_path_factory: pytest.TempPathFactory) -> Iterator[VernStack]:
    from tests.support.smtp import CapturingSmtpServer

    smtp = CapturingSmtpServer()
    smtp.start()
    vern = VernStack({"SMTP_URL": smtp.url()}, tmp_path_factory.mktemp("canary-sqlite-var"), smtp=smtp)
    try:
        vern.start("actions", "rasa", "web")
        yield vern
    finally:
        vern.stop()
        smtp.stop()


def test_on_sqlite_one_person_every_way_in_then_erasure_and_every_rule_leave_nothing(
    embedded: VernStack, tmp_path: Path
) -> None:
    from tests.e2e.test_guardian_consent import child_gives_consent

    assert "DATABASE_URL" not in embedded.env and "REDIS_URL" not in embedded.env
    database = f"sqlite:///{embedded.var_dir / 'vern.sqlite3'}"

    def stored() -> str:
        engine = create_db_engine(database)
        try:
            return everything(engine) + "\n" + _everything_under(embedded.var_dir)
        finally:
            engine.dispose()

    person = Person()
    _plant_rest(embedded, person)
    _plant_socket_and_copy(embedded, person)
    _plant_handoff(embedded, person, database)
    # A 14-year-old's consent: the guardian invitation (by e-mail link here) holds the child's chat.
    child_gives_consent(embedded, f"canary-consent-{uuid.uuid4().hex}", person.email, 14,
                        "jeg vil være med på videoopptak av treningen")
    assert person.first in stored() and person.phone in stored(), "the canary reached the stores"
    backups = Backups(load_settings(embedded.env), utc_now)
    backup = backups.create()

    _erase(embedded, person, stored)
    _run_every_rule(embedded, tmp_path, database)
    later = Backups(load_settings(embedded.env), FrozenClock(utc_now() + timedelta(days=4 * 365 + 800)))
    replayed, restored = later.drill(backup.name, everything)
    assert replayed.found >= 1

    after = stored() + "\n" + restored
    assert [value for value in person.values() if value in after] == []
    files = [str(path.relative_to(embedded.var_dir)) for path in embedded.var_dir.rglob("*") if path.is_file()]
    assert [path for path in files if file_kind_of(path) is None] == [], "every var file is in the inventory"

