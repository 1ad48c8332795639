"""Actions that fail in each way bot.errors knows, for tests of the action server's one error place."""

from __future__ import annotations

from typing import Any

from rasa_sdk import Action, Tracker
from rasa_sdk.executor import CollectingDispatcher
from rasa_sdk.interfaces import ActionExecutionRejection

from bot.consent.service import RecordNotFound
from bot.verification.errors import StoreUnavailable

# What an unexpected exception's message may carry; it must reach neither the person nor the log.
LEAKY_DETAIL = "kari.nordmann@example.no"


class _Failing(Action):  # type: ignore[misc]
    action_name = ""
    error: Exception = RuntimeError()

    def name(self) -> str:
        return self.action_name

    async def run(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: dict[str, Any]) -> list[Any]:
        dispatcher.utter_message(text="half an answer")  # lost with the failure: nothing half done is said
        raise self.error


class ActionTestNotFound(_Failing):
    action_name = "action_test_not_found"
    error = RecordNotFound("no such record")


class ActionTestUnavailable(_Failing):
    action_name = "action_test_unavailable"
    error = StoreUnavailable("read")


class ActionTestCrash(_Failing):
    action_name = "action_test_crash"
    error = RuntimeError(f"could not mail {LEAKY_DETAIL}")


class ActionTestRejects(_Failing):
    action_name = "action_test_rejects"
    error = ActionExecutionRejection("action_test_rejects", "a form's slot was not valid")
