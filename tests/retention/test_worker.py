"""The retention worker against real stores: what is masked, deleted and kept, and when."""

from __future__ import annotations

import hashlib
from collections.abc import Callable
from datetime import timedelta
from pathlib import Path

from rasa.shared.core.events import UserUttered

from bot.clock import FrozenClock
from bot.config import load_settings
from bot.models.conversation import utc_naive
from bot.retention.policy import load_policy
from bot.retention.worker import RetentionWorker
from tests.retention.chats import SeededChat, SeededMasker, run
from tests.retention.test_policy import VALID
from tests.retention.world import (
    World,
    audit_text,
    conversation,
    end_chat,
    hand_off,
    leaks,
    start_chats,
)

MakeWorker = Callable[..., RetentionWorker]


def sha(chat: SeededChat) -> str:
    return hashlib.sha256(chat.sender_id.encode()).hexdigest()


def test_a_bot_chat_is_masked_at_its_deadline_and_not_before(
    world: World, clock: FrozenClock, make_worker: MakeWorker
) -> None:
    ended, still_open = SeededChat(), SeededChat()
    world.save([ended, still_open])
    start_chats(world.engine, clock, [ended, still_open])
    clock.advance(minutes=3)
    end_chat(world.engine, clock, ended)
    worker = make_worker(world, SeededMasker([ended, still_open]))

    clock.advance(minutes=14, seconds=59)
    assert worker.run_once().masked == 0
    assert len(leaks(world.dump(), [ended])) == len(ended.personal_values())
    assert conversation(world.engine, ended)["masked_at"] is None

    clock.advance(seconds=1)
    report = worker.run_once()

    assert (report.masked, report.rule_counts) == (1, {"mask-bot-chats": 1})
    dump = world.dump()
    assert leaks(dump, [ended]) == []
    assert all(token in dump for token in ("<name>", "<email>", "<number>"))
    # An open chat is the person's ongoing conversation: untouched.
    assert len(leaks(dump, [still_open])) == len(still_open.personal_values())
    assert conversation(world.engine, ended)["masked_at"] == utc_naive(clock())
    tracker = world.tracker(ended)
    assert [type(e) for e in tracker.events] == [type(e) for e in ended.events()]
    assert tracker.get_slot("email") == "<email>"
    # Audit: the event, a hash of the id, the rule and counts; nothing personal.
    assert [(event, subject) for event, subject, _ in world.audit_log] == [("chat.masked", sha(ended))]
    assert world.audit_log[0][2]["rule"] == "mask-bot-chats"
    assert world.audit_log[0][2]["purpose"] == "vern:chat-log-minimisation"
    assert leaks(audit_text(world), [ended]) == [] and ended.sender_id not in audit_text(world)

    assert worker.run_once().masked == 0  # idempotent


def test_a_handed_off_chat_is_deleted_everywhere_when_it_ends(
    world: World, clock: FrozenClock, make_worker: MakeWorker
) -> None:
    handed, bot_only = SeededChat(), SeededChat()
    world.save([handed, bot_only])
    start_chats(world.engine, clock, [handed, bot_only])
    hand_off(world.engine, handed)
    worker = make_worker(world, SeededMasker([handed, bot_only]))
    assert worker.run_once().deleted == 0, "an open hand-off is the caseworker's ongoing chat"

    end_chat(world.engine, clock, handed, "handoff")
    end_chat(world.engine, clock, bot_only)
    report = worker.run_once()

    assert (report.deleted, report.masked) == (1, 0)
    assert world.tracker(handed) is None
    assert leaks(world.dump(), [handed]) == []
    row = conversation(world.engine, handed)
    assert row["deleted_at"] == utc_naive(clock()) and row["masked_at"] is None
    assert (row["language"], row["message_count"]) == (None, 0)
    assert row["conversation_id"] == handed.sender_id and row["ended_at"] is not None
    assert [(event, subject) for event, subject, _ in world.audit_log] == [("chat.deleted", sha(handed))]
    assert world.audit_log[0][2]["events"] == len(handed.events())
    assert world.tracker(bot_only) is not None, "a bot chat is masked, not deleted"
    assert worker.run_once().deleted == 0


def test_masked_chats_are_deleted_after_a_year(world: World, clock: FrozenClock, make_worker: MakeWorker) -> None:
    chat = SeededChat()
    world.save([chat])
    start_chats(world.engine, clock, [chat])
    end_chat(world.engine, clock, chat)
    worker = make_worker(world, SeededMasker([chat]))
    clock.advance(minutes=15)
    assert worker.run_once().masked == 1
    masked_at = conversation(world.engine, chat)["masked_at"]

    clock.advance(days=364, hours=23, minutes=59)
    assert worker.run_once().deleted == 0
    assert world.tracker(chat) is not None, "kept a year for training the assistant"

    clock.advance(minutes=1)
    report = worker.run_once()

    assert report.rule_counts == {"delete-masked-bot-chats": 1}
    assert world.tracker(chat) is None
    row = conversation(world.engine, chat)
    assert row["deleted_at"] == utc_naive(clock()) and row["masked_at"] == masked_at
    assert [event for event, _, _ in world.audit_log] == ["chat.masked", "chat.deleted"]


def test_idle_chats_end_for_inactivity_and_are_then_masked(
    sqlite_world: World, clock: FrozenClock, make_worker: MakeWorker
) -> None:
    chat = SeededChat()
    sqlite_world.save([chat])
    start_chats(sqlite_world.engine, clock, [chat])
    worker = make_worker(sqlite_world, SeededMasker([chat]), inactivity=timedelta(minutes=30))

    clock.advance(minutes=29)
    assert worker.run_once().ended_for_inactivity == 0
    clock.advance(minutes=2)
    report = worker.run_once()

    row = conversation(sqlite_world.engine, chat)
    assert (report.ended_for_inactivity, row["end_reason"]) == (1, "inactivity")
    assert row["ended_at"] == row["last_activity_at"] + timedelta(minutes=30)
    assert report.masked == 0
    clock.advance(minutes=14)
    assert worker.run_once().masked == 1
    assert leaks(sqlite_world.dump(), [chat]) == []


def test_the_policy_file_sets_the_durations(
    world: World, clock: FrozenClock, make_worker: MakeWorker, tmp_path: Path
) -> None:
    path = tmp_path / "policy.yml"
    path.write_text(VALID, encoding="utf-8")  # mask after 2h, hand-offs after 30m, masked kept 7d
    settings = load_settings({"VERN_VAR_DIR": str(tmp_path), "RETENTION_POLICY_FILE": str(path)})
    policy = load_policy(settings.retention_policy_file)
    bot_chat, handed = SeededChat(), SeededChat()
    world.save([bot_chat, handed])
    start_chats(world.engine, clock, [bot_chat, handed])
    hand_off(world.engine, handed)
    end_chat(world.engine, clock, bot_chat)
    end_chat(world.engine, clock, handed, "handoff")
    worker = make_worker(world, SeededMasker([bot_chat, handed]), policy=policy)

    clock.advance(minutes=29)
    assert (worker.run_once().deleted, world.tracker(handed) is not None) == (0, True)
    clock.advance(minutes=1)
    assert worker.run_once().deleted == 1
    clock.advance(minutes=89)
    assert worker.run_once().masked == 0
    clock.advance(minutes=1)
    assert worker.run_once().masked == 1
    # The policy's own tokens replace the annex's.
    dump = world.dump()
    assert "[e-post]" in dump and "[navn]" in dump and "[tall]" in dump and "<email>" not in dump
    clock.advance(days=7)
    assert worker.run_once().rule_counts == {"keep-masked": 1}
    assert world.tracker(bot_chat) is None


def test_a_chat_reopened_after_masking_is_masked_again_at_its_next_end(
    sqlite_world: World, clock: FrozenClock, make_worker: MakeWorker
) -> None:
    chat = SeededChat()
    world = sqlite_world
    world.save([chat])
    start_chats(world.engine, clock, [chat])
    end_chat(world.engine, clock, chat)
    worker = make_worker(world, SeededMasker([chat]))
    clock.advance(minutes=15)
    assert worker.run_once().masked == 1

    # The person comes back: Rasa appends to the masked tracker, Vern reopens the chat.
    tracker = world.tracker(chat)
    tracker.update(UserUttered(f"Det er meg, {chat.first_name}, igjen", timestamp=chat.start + 500))
    run(world.rasa.save(tracker))
    start_chats(world.engine, clock, [chat])
    assert conversation(world.engine, chat)["ended_at"] is None
    clock.advance(days=366)
    start_chats(world.engine, clock, [chat])  # still talking a year on
    report = worker.run_once()
    assert (report.deleted, report.masked) == (0, 0), "an open chat is neither deleted nor masked"

    end_chat(world.engine, clock, chat)
    clock.advance(minutes=15)
    assert worker.run_once().masked == 1
    assert leaks(world.dump(), [chat]) == []
    assert world.tracker(chat).events[-1].text == "Det er meg, <name>, igjen"


def test_a_store_failure_leaves_the_chat_unmarked_and_it_is_retried(
    sqlite_world: World, clock: FrozenClock, make_worker: MakeWorker
) -> None:
    """masked_at is set only after the store rewrite committed; a crash in between repeats the rewrite."""
    chats = [SeededChat() for _ in range(3)]
    world = sqlite_world
    world.save(chats)
    start_chats(world.engine, clock, chats)
    for chat in chats:
        end_chat(world.engine, clock, chat)
    real_store = world.stores[0]

    class FailingStore:
        """Fails the first chat before writing and the second after its commit (a crash)."""

        def __init__(self) -> None:
            self.armed = True

        def mask_conversation(self, conversation_id: str, mask_text: Callable[[str], str]) -> int:
            if self.armed and conversation_id == chats[0].sender_id:
                raise ConnectionError("store down")
            changed = real_store.mask_conversation(conversation_id, mask_text)
            if self.armed and conversation_id == chats[1].sender_id:
                raise ConnectionError("crashed after commit")
            return changed

        def delete_conversation(self, conversation_id: str) -> int:
            return real_store.delete_conversation(conversation_id)

        def conversation_ids(self) -> set[str]:
            return real_store.conversation_ids()

    store = FailingStore()
    world.stores = [store]
    worker = make_worker(world, SeededMasker(chats))
    clock.advance(minutes=15)

    report = worker.run_once()

    assert (report.masked, report.failed) == (1, 2)
    assert [conversation(world.engine, chat)["masked_at"] is None for chat in chats] == [True, True, False]
    assert len(leaks(world.dump(), chats[:1])) == len(chats[0].personal_values())
    assert leaks(world.dump(), chats[1:]) == []

    store.armed = False
    report = worker.run_once()
    assert (report.masked, report.failed) == (2, 0)
    assert all(conversation(world.engine, chat)["masked_at"] is not None for chat in chats)
    assert leaks(world.dump(), chats) == []
