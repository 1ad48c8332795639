"""The action server and Rasa's HTTP API are never open."""

from __future__ import annotations

import pytest

from tests.support.stack import VernStack, http, post_json

ACTION_CALL = {
    "next_action": "action_session_start",
    "sender_id": "test-secret",
    "version": "3.6.2",
    "domain": {},
    "tracker": {
        "sender_id": "test-secret",
        "slots": {},
        "latest_message": {},
        "events": [],
        "paused": False,
        "followup_action": None,
        "active_loop": {},
        "latest_action_name": None,
    },
}


@pytest.mark.parametrize("headers", [{}, {"X-Vern-Action-Secret": "wrong"}, {"X-Vern-Action-Secret": ""}])
def test_action_server_refuses_requests_without_the_shared_secret(stack: VernStack, headers: dict[str, str]) -> None:
    result = post_json(f"{stack.actions_url}/webhook", ACTION_CALL, headers)
    assert result.status == 401
    assert result.body == {"error": "unauthorised"}
    listing = http("GET", f"{stack.actions_url}/actions", headers=headers)
    assert listing.status == 401


def test_action_server_runs_actions_for_rasa(stack: VernStack) -> None:
    secret = stack.secret("ACTION_SERVER_SECRET")
    result = post_json(f"{stack.actions_url}/webhook", ACTION_CALL, {"X-Vern-Action-Secret": secret})
    assert result.status == 200
    assert result.body["events"][0]["event"] == "session_started"


def test_action_server_errors_do_not_echo_the_conversation(stack: VernStack) -> None:
    secret = stack.secret("ACTION_SERVER_SECRET")
    call = dict(ACTION_CALL, next_action="action_does_not_exist")
    call["tracker"] = dict(ACTION_CALL["tracker"], latest_message={"text": "my secret words"})
    result = post_json(f"{stack.actions_url}/webhook", call, {"X-Vern-Action-Secret": secret})
    assert result.status in (400, 404)
    assert b"my secret words" not in result.raw


def test_rasa_http_api_needs_the_token(stack: VernStack) -> None:
    url = f"{stack.rasa_url}/conversations/test-api/tracker"
    assert http("GET", url).status == 401
    assert http("GET", url + "?token=wrong").status == 401
    assert http("GET", url + f"?token={stack.secret('RASA_API_TOKEN')}").status == 200
