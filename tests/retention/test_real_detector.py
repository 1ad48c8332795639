"""Canary: the production detector, not a seeded stand-in, leaves none of a chat's personal values behind.

Every value a person typed and the bot echoed — in user text, bot text, buttons,
entities, slots and metadata — must be gone from every store after the worker ran."""

from __future__ import annotations

from collections.abc import Callable

from bot.clock import FrozenClock
from bot.pii import chat_masker
from bot.retention.worker import RetentionWorker
from tests.retention.chats import SeededChat
from tests.retention.world import World, end_chat, leaks, start_chats

MakeWorker = Callable[..., RetentionWorker]


def test_the_production_detector_masks_every_seeded_value_in_every_store(
    world: World, clock: FrozenClock, make_worker: MakeWorker
) -> None:
    chats = [SeededChat() for _ in range(3)]
    world.save(chats)
    start_chats(world.engine, clock, chats)
    for chat in chats:
        end_chat(world.engine, clock, chat)
    clock.advance(minutes=15)
    report = make_worker(world, chat_masker()).run_once()
    assert report.masked == len(chats)
    dump = world.dump()
    assert leaks(dump, chats) == []
    assert all(token in dump for token in ("<name>", "<email>", "<number>"))
