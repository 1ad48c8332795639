"""Realistic Rasa chats with unique personal data, stored the way Rasa stores them.

Every chat carries its own name, surname, e-mail address and phone number in
every place Rasa keeps a person's words: the user text, the NLU parse copy,
entity values, slot values (a string, a dict, a number), bot texts that echo
the person, button payloads and metadata. `SeededMasker` is a deterministic
stand-in for bot.pii: e-mail addresses, digit runs and the seeded names.
"""

from __future__ import annotations

import asyncio
import re
import secrets
import string
import uuid
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

from rasa.core.tracker_store import RedisTrackerStore, SQLTrackerStore, TrackerStore
from rasa.shared.core.domain import Domain
from rasa.shared.core.events import ActionExecuted, BotUttered, Event, SessionStarted, SlotSet, UserUttered
from rasa.shared.core.trackers import DialogueStateTracker
from sqlalchemy.engine import Engine, make_url

DOMAIN = Domain.from_dict(
    {
        "version": "3.1",
        "intents": ["greet", "inform", "request_access"],
        "entities": ["person", "email", "phone"],
        "slots": {
            "email": {"type": "text", "mappings": [{"type": "custom"}]},
            "phone": {"type": "text", "mappings": [{"type": "custom"}]},
            "contact": {"type": "any", "mappings": [{"type": "custom"}]},
            "reference_number": {"type": "float", "mappings": [{"type": "custom"}]},
        },
        "responses": {"utter_ask_email": [{"text": "Which e-mail address?"}]},
        "actions": ["action_submit_request"],
    }
)
MODEL_ID = "3f9a" + uuid.uuid4().hex[:12]


def _letters(count: int) -> str:
    return "".join(secrets.choice(string.ascii_lowercase) for _ in range(count))


def _digits(count: int) -> str:
    return "".join(secrets.choice(string.digits) for _ in range(count))


@dataclass
class SeededChat:
    sender_id: str = field(default_factory=lambda: f"chat-{uuid.uuid4().hex}")
    first_name: str = field(default_factory=lambda: "Solveig" + _letters(6))
    surname: str = field(default_factory=lambda: "Nordby" + _letters(6))
    email: str = ""
    phone: str = field(default_factory=lambda: "9" + _digits(7))
    reference: int = field(default_factory=lambda: int("7" + _digits(8)))
    start: float = 1_700_000_000.0

    def __post_init__(self) -> None:
        if not self.email:
            self.email = f"{self.first_name.lower()}.{_digits(4)}@example.no"

    @property
    def full_name(self) -> str:
        return f"{self.first_name} {self.surname}"

    def personal_values(self) -> list[str]:
        return [self.first_name, self.surname, self.email, self.phone, str(self.reference)]

    def events(self) -> list[Event]:
        t = self.start
        meta = {"language": "nb", "model_id": MODEL_ID, "assistant_id": "vern"}
        greeting = f"Hei, jeg heter {self.full_name}"
        contact_text = f"{self.email} eller ring {self.phone}"
        email_at = contact_text.index(self.email)
        phone_at = contact_text.index(self.phone)
        return [
            ActionExecuted("action_session_start", timestamp=t),
            SessionStarted(timestamp=t + 0.1),
            ActionExecuted("action_listen", timestamp=t + 0.2),
            UserUttered(
                greeting,
                intent={"name": "greet", "confidence": 0.97},
                entities=[
                    {"entity": "person", "start": 15, "end": len(greeting), "value": self.full_name,
                     "extractor": "DIETClassifier", "confidence_entity": 0.91}
                ],
                parse_data={
                    "intent": {"name": "greet", "confidence": 0.97},
                    "intent_ranking": [{"name": "greet", "confidence": 0.97}, {"name": "inform", "confidence": 0.02}],
                    "text": greeting,
                },
                input_channel="rest",
                message_id=uuid.uuid4().hex,
                metadata=meta,
                timestamp=t + 1,
            ),
            ActionExecuted("utter_ask_email", policy="RulePolicy", confidence=1.0, timestamp=t + 2),
            BotUttered(
                f"Takk, {self.first_name}! Hvilken e-postadresse skal vi svare på?",
                data={"buttons": [{"title": f"Bruk {self.email}", "payload": f'/inform{{"email":"{self.email}"}}'}]},
                metadata={"utter_action": "utter_ask_email"},
                timestamp=t + 2.1,
            ),
            ActionExecuted("action_listen", timestamp=t + 3),
            UserUttered(
                contact_text,
                intent={"name": "inform", "confidence": 0.88},
                entities=[
                    {"entity": "email", "start": email_at, "end": email_at + len(self.email), "value": self.email,
                     "extractor": "RegexEntityExtractor"},
                    {"entity": "phone", "start": phone_at, "end": phone_at + len(self.phone), "value": int(self.phone),
                     "extractor": "RegexEntityExtractor"},
                ],
                input_channel="rest",
                message_id=uuid.uuid4().hex,
                metadata={**meta, "display_name": self.full_name},
                timestamp=t + 4,
            ),
            SlotSet("email", self.email, timestamp=t + 4.1),
            SlotSet("phone", self.phone, timestamp=t + 4.2),
            SlotSet("contact", {"name": self.full_name, "emails": [self.email], "phones": [self.phone]}, t + 4.3),
            SlotSet("reference_number", self.reference, timestamp=t + 4.4),
            ActionExecuted("action_submit_request", policy="RulePolicy", confidence=0.99, timestamp=t + 5),
            BotUttered(
                f"Vi har sendt en kvittering til {self.email} (sak {self.reference}).",
                metadata={"utter_action": "utter_request_received"},
                timestamp=t + 5.1,
            ),
            ActionExecuted("action_listen", timestamp=t + 6),
        ]  # fmt: skip

    def short_events(self) -> list[Event]:
        """A two-turn chat, for tests that need hundreds of them."""
        return [
            UserUttered(
                f"Jeg er {self.full_name}, {self.email}",
                intent={"name": "inform", "confidence": 0.9},
                message_id=uuid.uuid4().hex,
                timestamp=self.start,
            ),
            SlotSet("email", self.email, timestamp=self.start + 0.1),
            BotUttered(f"Takk {self.first_name}", timestamp=self.start + 0.2),
        ]

    def tracker(self, short: bool = False) -> DialogueStateTracker:
        events = self.short_events() if short else self.events()
        return DialogueStateTracker.from_events(self.sender_id, events, slots=DOMAIN.slots)


class SeededMasker:
    """E-mails, digit runs and the seeded names, with the annex's tokens; counts its calls."""

    EMAIL = re.compile(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+")
    DIGITS = re.compile(r"\d+")

    def __init__(self, chats: Iterable[SeededChat] = ()) -> None:
        self._names: set[str] = set()
        self.calls = 0
        self.add(chats)

    def add(self, chats: Iterable[SeededChat]) -> None:
        for chat in chats:
            self._names.update({chat.first_name, chat.surname})
        alternatives = "|".join(sorted(map(re.escape, self._names))) or r"(?!x)x"
        self._name = re.compile(rf"\b(?:{alternatives})\b")

    def __call__(self, text: str) -> str:
        self.calls += 1
        text = self.EMAIL.sub("<email>", text)
        text = self.DIGITS.sub("<number>", text)
        return self._name.sub("<name>", text)


def run(coroutine):  # type: ignore[no-untyped-def]
    return asyncio.run(coroutine)


def save_chats(store: TrackerStore, chats: Sequence[SeededChat]) -> None:
    async def save_all() -> None:
        for chat in chats:
            await store.save(chat.tracker())

    run(save_all())


def rasa_sql_store(engine: Engine) -> SQLTrackerStore:
    """Rasa's own SQL tracker store on the test's database: it creates `events` as in production."""
    url = make_url(str(engine.url))
    if url.get_backend_name() == "sqlite":
        return SQLTrackerStore(domain=DOMAIN, dialect="sqlite", db=url.database)
    return SQLTrackerStore(
        domain=DOMAIN, dialect="postgresql", host=url.host, port=url.port, db=url.database, username=url.username
    )


def rasa_redis_store(redis_url: str, prefix: str, record_exp: float | None = 400 * 86400) -> RedisTrackerStore:
    from redis.connection import parse_url

    parts = parse_url(redis_url)
    return RedisTrackerStore(
        domain=DOMAIN,
        host=parts.get("host", "127.0.0.1"),
        port=parts.get("port", 6379),
        db=parts.get("db", 0),
        record_exp=record_exp,
        key_prefix=prefix,
    )
