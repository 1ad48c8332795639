"""Assembly in one place (bot.wiring): who may read the process settings, and one short-lived store per process.

Who may read the environment is tests/test_settings_declared.py's ENVIRONMENT_WRITERS."""

from __future__ import annotations

import email
import email.policy
import re
from dataclasses import replace
from pathlib import Path

import pytest

from bot import wiring
from bot.config import PROJECT_ROOT, get_settings
from bot.verification import CodeCheckStatus, CodeRequestStatus, MemoryShortLivedStore

BOT = PROJECT_ROOT / "bot"

# The modules that may read the process settings (`get_settings`): where a process starts, and hands what it
# loaded down through bot.wiring.build. Everything else receives settings, or the values it needs.
SETTINGS_READERS = {
    "config.py": "defines it",
    "wiring.py": "services(): the one accessor for what Vern cannot hand anything to (classes Rasa builds from its "
                 "YAML files, rasa-sdk actions, the Alembic environment)",
    "runner.py": "`vern dev`",
    "web/app.py": "create_web_app / serve: the web process",
    "telegram/app.py": "run_polling / run_webhook: the guardian bot's process",
    "rasa_adapter/server.py": "`vern rasa`: the Rasa process",
    "rasa_adapter/action_server.py": "`vern actions`: the action server process",
    "audit/cli.py": "`vern audit verify|checkpoint`",
}

def modules_mentioning(pattern: str) -> set[str]:
    found = set()
    for path in BOT.rglob("*.py"):
        if re.search(pattern, path.read_text(encoding="utf-8")):
            found.add(path.relative_to(BOT).as_posix())
    return found


def test_only_entry_points_read_the_process_settings() -> None:
    readers = modules_mentioning(r"\bget_settings\b")
    assert readers - SETTINGS_READERS.keys() == set(), (
        "these modules read the process settings: hand them settings (or a bot.wiring.Services) instead"
    )
    assert SETTINGS_READERS.keys() - readers == set(), "no longer reads the settings: take it off SETTINGS_READERS"


def test_the_actions_take_settings_and_services_from_the_wiring() -> None:
    # Rasa's action server builds the actions itself: they ask bot.wiring.services(), never get_settings() or a
    # builder of their own, so they share the process's one store and services.
    actions = sorted((PROJECT_ROOT / "actions").glob("*.py"))
    assert actions
    for path in actions:
        code = path.read_text(encoding="utf-8")
        assert not re.search(r"\bget_settings\b|\bload_settings\b|\bdefault_purposes\b", code), path.name


def test_the_process_services_are_built_once() -> None:
    assert wiring.services() is wiring.services()
    assert wiring.services().settings is get_settings()


def test_without_redis_every_component_of_a_process_shares_one_memory_store() -> None:
    settings = get_settings()
    assert settings.redis_url is None, "the embedded default"
    process = wiring.services()
    # The web process and a CLI build their own Services from their own settings object: same store.
    other = wiring.build(replace(settings))
    assert isinstance(process.store, MemoryShortLivedStore)
    assert other.store is process.store


def test_without_redis_a_consent_session_granted_after_the_code_is_seen_by_the_withdraw_action() -> None:
    settings = get_settings()
    granted_by_flow = wiring.build(replace(settings)).consent_sessions
    granted_by_flow.grant("chat-wiring-consent", "subject-key", "kari@example.org")
    assert wiring.services().consent_sessions.subject("chat-wiring-consent") == "subject-key", "what actions ask"


def _code_in(outbox: Path) -> str:
    [path] = outbox.glob("*.eml")
    message = email.message_from_bytes(path.read_bytes(), policy=email.policy.default)
    body = message.get_body(preferencelist=("plain",))  # type: ignore[attr-defined]
    found = re.search(r"\b\d{6}\b", body.get_content())
    assert found is not None
    return found.group(0)


async def test_without_redis_a_code_sent_by_one_component_is_checked_and_erased_by_others(tmp_path: Path) -> None:
    settings = replace(get_settings(), outbox_dir=tmp_path / "outbox")
    # e.g. the chat-copy widget sends the code, the request flow checks it, the erasure path clears it.
    sender, checker, eraser = wiring.build(settings), wiring.build(replace(settings)), wiring.build(replace(settings))
    sent = await sender.verification.request_code("chat-wiring-code", "request-1", "kari@example.org", "en")
    assert sent.status is CodeRequestStatus.SENT
    code = _code_in(settings.outbox_dir)

    checked = await checker.verification.check_code("chat-wiring-code", "request-1", code)
    assert checked.status is CodeCheckStatus.VERIFIED
    assert await eraser.verification.is_verified("chat-wiring-code", "request-1")
    assert eraser.verification.clear_now("chat-wiring-code") > 0
    assert not await checker.verification.is_verified("chat-wiring-code", "request-1")


def test_services_follow_a_swapped_process_settings_object(monkeypatch: pytest.MonkeyPatch) -> None:
    import bot.config

    before = wiring.services()
    monkeypatch.setattr(bot.config, "_cached", replace(get_settings(), controller_name="Another Controller"))
    after = wiring.services()
    assert after is not before and after.settings.controller_name == "Another Controller"
    assert after.store is before.store  # still one short-lived store in the process
