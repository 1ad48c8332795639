"""A chat taken by a caseworker lives while either side writes, and ends whole when both stopped.

Defect (issue 14): the person's and the caseworker's messages bypass Rasa, so the chat's
last-activity time froze at the handoff; the worker ended the chat "for inactivity" and deleted
the bot's log while the handoff stayed `active` and `handoff_messages` kept the raw text forever.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import timedelta

from sqlalchemy import text

from bot.clock import FrozenClock
from bot.handoff.service import HandoffService, HandoffView
from bot.retention.worker import RetentionWorker
from tests.retention.chats import SeededChat, SeededMasker
from tests.retention.world import World, conversation, start_chats

SECRET = b"handoff-retention-secret-0123456789"


def _handoff_rows(world: World) -> list[tuple]:
    with world.engine.connect() as connection:
        return [tuple(row) for row in connection.execute(text("SELECT status, conversation_id FROM handoffs"))]


def _message_count(world: World) -> int:
    with world.engine.connect() as connection:
        return int(connection.execute(text("SELECT count(*) FROM handoff_messages")).scalar_one())


def _taken_chat(world: World, clock: FrozenClock) -> tuple[SeededChat, HandoffService, HandoffView]:
    chat = SeededChat()
    start_chats(world.engine, clock, [chat])
    world.save([chat])
    handoffs = HandoffService(world.engine, clock, SECRET)
    handoff = handoffs.request(chat.sender_id, "nb", "rest", "")
    handoffs.take(handoff.id, "kari")
    return chat, handoffs, handoff


def test_a_taken_chat_stays_open_while_people_write_and_ends_whole_when_they_stop(
    sqlite_world: World, clock: FrozenClock, make_worker: Callable[..., RetentionWorker]
) -> None:
    world = sqlite_world
    chat, handoffs, handoff = _taken_chat(world, clock)
    worker = make_worker(world, SeededMasker([chat]))

    for _ in range(3):  # an hour of conversation, a message every 20 minutes from one side or the other
        clock.advance(minutes=20)
        handoffs.person_says(chat.sender_id, f"jeg heter {chat.full_name}")
        clock.advance(minutes=20)
        handoffs.caseworker_says(handoff.id, "kari", "takk, jeg ser på det")
        worker.run_once()
        assert _handoff_rows(world) == [("active", chat.sender_id)], "the chat is alive"
        assert conversation(world.engine, chat)["ended_at"] is None
        assert world.tracker(chat).events, "the bot's part is kept while the chat lasts"

    clock.advance(minutes=31)  # both sides stopped: the idle rule's 30 minutes passed
    report = worker.run_once()
    assert report.rule_counts.get("end-idle-handoffs") == 1
    assert _handoff_rows(world) == [("ended", None)], "the handoff ended with the chat"
    assert _message_count(world) == 0, "the raw messages went at the end (annex 3)"
    assert conversation(world.engine, chat)["deleted_at"] is not None
    assert chat.full_name not in world.dump()

    clock.advance(days=1, minutes=1)
    worker.run_once()
    assert _handoff_rows(world) == [], "the pseudonymous row goes a day later (delete-ended-handoffs)"


def test_an_idle_conversation_with_an_open_handoff_is_not_ended_alone(
    sqlite_world: World, clock: FrozenClock, make_worker: Callable[..., RetentionWorker]
) -> None:
    world = sqlite_world
    chat, handoffs, _ = _taken_chat(world, clock)
    clock.advance(minutes=29)
    handoffs.person_says(chat.sender_id, "er du der?")
    clock.advance(minutes=10)  # 39 minutes after the chat's last Rasa turn, 10 after the last message
    make_worker(world, SeededMasker([chat]), inactivity=timedelta(minutes=30)).run_once()
    assert conversation(world.engine, chat)["ended_at"] is None
    assert _handoff_rows(world) == [("active", chat.sender_id)]
    assert world.tracker(chat).events
