"""The action-server answer check Rasa runs on every action call, built once: it still refuses what Rasa refused."""

from __future__ import annotations

import pytest
from jsonschema import ValidationError

pytest.importorskip("rasa")

from rasa.core.actions.action import RemoteAction  # noqa: E402

from bot.rasa_adapter.turn_speedups import apply_turn_speedups  # noqa: E402

GOOD = {"events": [{"event": "slot", "name": "language", "value": "nn"}], "responses": [{"text": "Hei"}]}
BAD = [
    {"events": "not a list"},
    {"events": [{"event": "no_such_event"}]},
    {"events": [{"event": "slot", "value": "nn"}]},  # a slot event without a name
    {"responses": "not a list"},
]


def _rasa_verdict(answer: dict) -> str | None:
    try:
        RemoteAction("action_x", None)._validate_action_result(answer)
    except ValidationError as error:
        return error.message
    return None


@pytest.mark.parametrize("answer", [GOOD, *BAD])
def test_the_reused_validator_gives_rasas_own_verdict(answer: dict) -> None:
    original = RemoteAction._validate_action_result
    try:
        RemoteAction._validate_action_result = RemoteAction.__dict__["_validate_action_result"]
        before = _rasa_verdict(dict(answer))
        apply_turn_speedups(True)
        after = _rasa_verdict(dict(answer))
    finally:
        RemoteAction._validate_action_result = original
        if hasattr(RemoteAction, "_vern_speedups"):
            delattr(RemoteAction, "_vern_speedups")
    assert after == before
    assert (after is None) == (answer is GOOD)
    if after is not None:
        assert "Failed to validate Action server response" in after


def test_off_leaves_rasa_as_it_is() -> None:
    original = RemoteAction._validate_action_result
    apply_turn_speedups(False)
    assert RemoteAction._validate_action_result is original
