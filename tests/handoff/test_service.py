"""The handoff queue: places in line, one caseworker per chat, messages both ways, deleted at the end."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import datetime, timedelta, timezone
from pathlib import Path

import pytest
from sqlalchemy import text
from sqlalchemy.engine import Engine

from bot.clock import FrozenClock
from bot.config import load_settings
from bot.handoff.hours import is_open, parse_hours
from bot.handoff.service import HandoffError, HandoffService
from tests.support.databases import migrated_sqlite

SECRET = b"handoff-test-secret-0123456789ab"


@pytest.fixture
def engine(tmp_path: Path) -> Iterator[Engine]:
    with migrated_sqlite(tmp_path / "handoff.sqlite3") as db:
        yield db


@pytest.fixture
def clock() -> FrozenClock:
    return FrozenClock(datetime(2026, 11, 30, 9, 0, tzinfo=timezone.utc))


@pytest.fixture
def erased() -> list[str]:
    return []


@pytest.fixture
def audit() -> list[tuple[str, str | None, dict]]:
    return []


@pytest.fixture
def service(engine: Engine, clock: FrozenClock, erased: list[str],
            audit: list[tuple[str, str | None, dict]]) -> HandoffService:
    return HandoffService(engine, clock, SECRET, erase=erased.append, audit=lambda *entry: audit.append(entry))


def test_people_queue_in_order_and_a_chat_is_taken_by_one_caseworker(service: HandoffService) -> None:
    first = service.request("chat-a", "nb", "rest", "request_erasure")
    second = service.request("chat-b", "en", "rest", "")
    assert (first.position, second.position) == (1, 2)
    assert service.request("chat-a", "nb", "rest", "").id == first.id, "asking twice keeps the place"
    service.take(first.id, "kari")
    with pytest.raises(HandoffError):
        service.take(first.id, "ola")
    assert service.open_for("chat-b").position == 1, "the next in line moves up"  # type: ignore[union-attr]


def test_messages_go_both_ways_and_are_delivered_once(service: HandoffService) -> None:
    handoff = service.request("chat-a", "nb", "rest", "")
    assert service.person_says("chat-a", "hei, er det noen der?")
    assert not service.person_says("chat-z", "not handed off"), "other chats go to the bot"
    with pytest.raises(HandoffError):
        service.caseworker_says(handoff.id, "kari", "hei")  # not taken yet
    service.take(handoff.id, "kari")
    service.caseworker_says(handoff.id, "kari", "Hei! Jeg heter Kari.")
    with pytest.raises(HandoffError):
        service.caseworker_says(handoff.id, "ola", "not my chat")
    assert [(m.sender, m.text) for m in service.undelivered("chat-a")] == [
        ("system", "joined"), ("caseworker", "Hei! Jeg heter Kari.")]
    assert service.undelivered("chat-a") == []
    assert [m.sender for m in service.messages(handoff.id)] == ["person", "system", "caseworker"]


def test_ending_deletes_the_messages_and_the_chat_and_leaves_a_pseudonymous_audit_entry(
    service: HandoffService, engine: Engine, erased: list[str], audit: list[tuple[str, str | None, dict]]
) -> None:
    handoff = service.request("chat-a", "da", "rest", "")
    service.person_says("chat-a", "mit navn er Mette")
    assert service.end(handoff.id, "caseworker") == "chat-a"
    assert erased == ["chat-a"]
    with engine.connect() as connection:
        assert connection.execute(text("SELECT count(*) FROM handoff_messages")).scalar_one() == 0
        stored = " ".join(str(v) for row in connection.execute(text("SELECT * FROM handoffs")) for v in row)
    assert "chat-a" not in stored and "Mette" not in stored
    assert service.last_for("chat-a") == ("ended", "da"), "the widget can still learn that it ended"
    assert service.end(handoff.id, "person") is None, "ending twice does nothing"
    events = [entry[0] for entry in audit]
    assert events == ["handoff.requested", "handoff.ended"] and audit[-1][1] != "chat-a"


def test_a_chat_nobody_takes_in_time_goes_back_to_the_bot(service: HandoffService, clock: FrozenClock) -> None:
    service.request("chat-a", "nb", "rest", "")
    clock.advance(minutes=5)
    service.request("chat-b", "nb", "rest", "")
    clock.advance(minutes=6)
    assert service.expire_waiting(timedelta(minutes=10)) == ["chat-a"]
    assert service.open_for("chat-a") is None and service.open_for("chat-b") is not None
    assert not service.person_says("chat-a", "hallo?"), "the bot answers again"


@pytest.mark.parametrize(("hours", "utc", "open_"), [
    ("", "2026-11-29T03:00", True),  # empty: always
    ("08:00-15:30", "2026-11-30T07:30", True),  # Monday 08:30 in Oslo
    ("08:00-15:30", "2026-11-30T14:30", False),  # Monday 15:30 in Oslo: closed
    ("08:00-15:30", "2026-11-29T09:00", False),  # Sunday
])
def test_opening_hours_are_weekdays_in_the_controllers_time(tmp_path: Path, hours: str, utc: str,
                                                           open_: bool) -> None:
    settings = load_settings({"VERN_VAR_DIR": str(tmp_path), "HANDOFF_HOURS": hours})
    assert is_open(settings, datetime.fromisoformat(utc).replace(tzinfo=timezone.utc)) is open_


def test_malformed_opening_hours_are_refused() -> None:
    with pytest.raises(ValueError):
        parse_hours("15:30-08:00")
