"""The retention policy file: the annex's defaults, another file by env var, clear errors."""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path

import pytest

from bot.config import load_settings
from bot.retention.errors import PolicyError
from bot.retention.policy import DEFAULT_POLICY_FILE, load_policy, parse_duration

VALID = """
version: 1
rules:
  - id: mask
    applies_to: bot_chat
    action: mask
    after: 2h
    purpose: vern:chat-log-minimisation
    legal_basis: gdpr:art-5-1-c
    replacements: {name: "[navn]", number: "[tall]", email: "[e-post]"}
  - id: keep-masked
    applies_to: masked_bot_chat
    action: delete
    after: 7d
    purpose: vern:assistant-training
    legal_basis: gdpr:art-5-1-e
  - id: handoff
    applies_to: handed_off_chat
    action: delete
    after: 30m
    purpose: vern:caseworker-handoff
    legal_basis: gdpr:art-5-1-e
"""


def write(tmp_path: Path, content: str) -> Path:
    path = tmp_path / "policy.yml"
    path.write_text(content, encoding="utf-8")
    return path


def test_the_default_policy_is_the_annex() -> None:
    policy = load_policy(DEFAULT_POLICY_FILE)
    assert policy.source == str(DEFAULT_POLICY_FILE)
    mask = policy.rule_for("bot_chat")
    keep = policy.rule_for("masked_bot_chat")
    handoff = policy.rule_for("handed_off_chat")
    assert mask is not None and keep is not None and handoff is not None
    assert (mask.action, mask.after, mask.purpose) == ("mask", timedelta(minutes=15), "vern:chat-log-minimisation")
    assert mask.replacement_map == {"name": "<name>", "number": "<number>", "email": "<email>"}
    assert (keep.action, keep.after, keep.purpose) == ("delete", timedelta(days=365), "vern:assistant-training")
    assert (handoff.action, handoff.after) == ("delete", timedelta(0))
    # The annex's order: handed-off chats first, then masking, then the year-old masked chats.
    assert [rule.applies_to for rule in policy.chat_rules()] == ["handed_off_chat", "bot_chat", "masked_bot_chat"]
    # A taken chat the person left is ended before the chat rules run, so its log goes in the same run.
    assert policy.in_order()[0].applies_to == "idle_handoff"
    assert all(rule.source for rule in policy.rules), "every default names where its period comes from"
    with pytest.raises(AttributeError):
        mask.after = timedelta(days=1)  # type: ignore[misc]


def test_retention_policy_file_points_elsewhere(tmp_path: Path) -> None:
    path = write(tmp_path, VALID)
    settings = load_settings({"VERN_VAR_DIR": str(tmp_path), "RETENTION_POLICY_FILE": str(path)})
    policy = load_policy(settings.retention_policy_file)
    assert policy.source == str(path)
    mask = policy.rule_for("bot_chat")
    assert mask is not None and mask.after == timedelta(hours=2)
    assert mask.replacement_map["email"] == "[e-post]"


@pytest.mark.parametrize(
    ("change", "message"),
    [
        (("after: 2h", "after: 2 hours"), r"rule 1 \(mask\): 'after' '2 hours' is not a duration"),
        (("after: 7d", "after: 7"), r"rule 2 \(keep-masked\): 'after' must be a number with a unit"),
        (("applies_to: bot_chat", "applies_to: bot_chats"), r"'applies_to' must be one of handed_off_chat, bot_chat"),
        (("action: mask", "action: shred"), r"'action' must be one of mask, delete"),
        (("action: mask", "action: delete"), r"action 'delete' does not apply to bot_chat"),
        (("after: 7d\n", "after: 7d\n    replacements: {name: x}\n"), r"'replacements' belongs to mask rules only"),
        (("purpose: vern:assistant-training", "purpose: training"), r"rule 2 .*'purpose' must be a machine-readable"),
        ((', email: "[e-post]"', ""), r"rule 1 \(mask\): 'replacements' missing email"),
        (('number: "[tall]"', 'number: "[0]"'), r"replacement for 'number' must be 1-32 characters without digits"),
        (("id: handoff", "id: mask"), r"rule id 'mask' is used twice"),
        (("applies_to: handed_off_chat", "applies_to: masked_bot_chat"), r"more than one rule applies to"),
        (("version: 1", "version: 2"), r"'version' must be 1"),
        (("    after: 30m\n", "    after: 30m\n    keep_forever: true\n"), r"unknown field\(s\) keep_forever"),
        (("rules:", "rules:\n  - oops"), r"rule 1: expected a mapping"),
        (("  - id: keep-masked", "  - {id: x, applies_to: bot_chat}\n  - id: keep-masked"), r"rule 2 \(x\): 'action'"),
        (("version: 1", "version: 1\n  bad: [indent"), r"not valid YAML at line"),
    ],
)
def test_an_invalid_policy_is_refused_with_a_clear_message(
    tmp_path: Path, change: tuple[str, str], message: str
) -> None:
    old, new = change
    assert old in VALID
    path = write(tmp_path, VALID.replace(old, new, 1))
    with pytest.raises(PolicyError, match=message) as raised:
        load_policy(path)
    assert str(path) in str(raised.value)


def test_a_policy_missing_a_rule_kind_is_refused(tmp_path: Path) -> None:
    without_handoff = VALID[: VALID.index("  - id: handoff")]
    with pytest.raises(PolicyError, match="no rule for handed_off_chat"):
        load_policy(write(tmp_path, without_handoff))


def test_a_missing_policy_file_is_named(tmp_path: Path) -> None:
    with pytest.raises(PolicyError, match=r"nowhere\.yml: cannot read it"):
        load_policy(tmp_path / "nowhere.yml")


def test_durations() -> None:
    assert parse_duration("0m") == timedelta(0)
    assert parse_duration("15m") == timedelta(minutes=15)
    assert parse_duration("365d") == timedelta(days=365)
    assert parse_duration("2w") == timedelta(weeks=2)
    for bad in ("-5m", "15", "1.5h", "", "15 minutes", 15, True, None):
        with pytest.raises(PolicyError):
            parse_duration(bad)
