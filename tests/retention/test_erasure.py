"""Erasure everywhere: a person's chats leave every store at once, with a content-free trace."""

from __future__ import annotations

from bot.clock import FrozenClock
from bot.retention.erasure import ChatEraser
from tests.retention.chats import SeededChat
from tests.retention.world import World, conversation, leaks, start_chats


def test_erasing_removes_the_chats_from_every_store_and_keeps_the_others(world: World, clock: FrozenClock) -> None:
    gone, kept = [SeededChat(), SeededChat()], SeededChat()
    world.save([*gone, kept])
    start_chats(world.engine, clock, [*gone, kept])
    forgotten: list[str] = []
    eraser = ChatEraser(world.stores, world.engine, clock, world.audit, forget_hooks=[forgotten.append])

    report = eraser.erase([chat.sender_id for chat in gone])

    assert report.conversations == 2 and report.events_deleted > 0
    dump = world.dump()
    assert leaks(dump, gone) == []
    assert len(leaks(dump, [kept])) == len(kept.personal_values())
    for chat in gone:
        row = conversation(world.engine, chat)
        assert row["deleted_at"] is not None and row["end_reason"] == "erased"
    assert forgotten == [chat.sender_id for chat in gone]
    assert [event for event, _, _ in world.audit_log] == ["chat.erased", "chat.erased"]
    assert all(chat.sender_id not in str(world.audit_log) for chat in gone), "subjects are pseudonyms"


def test_erasing_an_unknown_chat_is_harmless(world: World, clock: FrozenClock) -> None:
    eraser = ChatEraser(world.stores, world.engine, clock)
    assert eraser.erase(["no-such-chat"]).events_deleted == 0
