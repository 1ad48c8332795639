"""The action-server answer check Rasa runs on every action call, built once: it still refuses what Rasa refused."""

from __future__ import annotations

from typing import Any

import pytest
from jsonschema import ValidationError

from bot.rasa_adapter.turn_speedups import apply_turn_speedups

GOOD = {"events": [{"event": "slot", "name": "language", "value": "nn"}], "responses": [{"text": "Hei"}]}
BAD = [
    {"events": "not a list"},
    {"events": [{"event": "no_such_event"}]},
    {"events": [{"event": "slot", "value": "nn"}]},  # a slot event without a name
    {"responses": "not a list"},
]


@pytest.fixture
def remote_action() -> Any:
    # Imported here, not at the top: Rasa's actions bring TensorFlow (seconds), and collecting the suite (every
    # xdist worker does) should not pay for it.
    action = pytest.importorskip("rasa.core.actions.action")
    return action.RemoteAction


def _rasa_verdict(remote_action: Any, answer: dict) -> str | None:
    try:
        remote_action("action_x", None)._validate_action_result(answer)
    except ValidationError as error:
        return error.message
    return None


@pytest.mark.parametrize("answer", [GOOD, *BAD])
def test_the_reused_validator_gives_rasas_own_verdict(remote_action: Any, answer: dict) -> None:
    original = remote_action._validate_action_result
    try:
        remote_action._validate_action_result = remote_action.__dict__["_validate_action_result"]
        before = _rasa_verdict(remote_action, dict(answer))
        apply_turn_speedups(True)
        after = _rasa_verdict(remote_action, dict(answer))
    finally:
        remote_action._validate_action_result = original
        if hasattr(remote_action, "_vern_speedups"):
            delattr(remote_action, "_vern_speedups")
    assert after == before
    assert (after is None) == (answer is GOOD)
    if after is not None:
        assert "Failed to validate Action server response" in after


def test_off_leaves_rasa_as_it_is(remote_action: Any) -> None:
    original = remote_action._validate_action_result
    apply_turn_speedups(False)
    assert remote_action._validate_action_result is original
