"""Canary: chats full of unique personal values, through the real REST channel in all four languages,
ended, then the retention worker past the deadline. Afterwards no seeded value is left in any table,
any Redis key or any log file, and the masked chats show the annex's tokens."""

from __future__ import annotations

import datetime
import random
import string
import uuid
from dataclasses import dataclass
from datetime import timedelta
from pathlib import Path

import redis

from bot.clock import FrozenClock, utc_now
from bot.db.engine import create_db_engine
from bot.pii import chat_masker
from bot.retention.chat_stores import RedisChatLogStore
from bot.retention.leader import DatabaseLeaderLock
from bot.retention.policy import load_policy
from bot.retention.worker import RetentionWorker
from tests.pii.generators import iban, norwegian_account, norwegian_id
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
            engine, [RedisChatLogStore(redis.Redis.from_url(redis_url()))], load_policy(environ={}),
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
